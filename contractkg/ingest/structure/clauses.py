"""Clause tree of an agreement: numbered headings in the usual styles, annexes, sub-items.

Recognised: "1.", "2.1", "7,3", "1)", "1 -", "(a)", "a)", "(iv)", "Article 5", "Art. 5",
"Clause 9", "Section 4.2", "§ 3", "Articolo 2", "Artikel 4", "Artigo 5", "Cláusula 3", "Clausule 2", and annex headings ("ANNEXE B",
"Annexe 1 –", "Allegato 3", "Anlage 2", "Schedule 3", "Appendix I"). Bullets ("•", "-") stay in
their clause. A table of contents (a dense run of headings repeated later) is skipped.
Numbers are normalised: "7,3" -> "7.3", "Article 5" -> "5", "(a)" -> "(a)", annexes keep their word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from contractkg.ingest import pattern_cache
from contractkg.ingest.document import Agreement, Clause
from contractkg.ingest.language import clause_language
from contractkg.ingest.lexicon import alternation
from contractkg.ingest.structure import agreement_kinds as ak

_KEYWORD = r"(?:" + alternation("structure", "clause_keywords") + r")"
_KEYWORD_NO = pattern_cache.compile(r"^\s*(?=(?-i:[A-ZÀ-Þ§]))" + _KEYWORD + r"\s*(\d{1,3}(?:[.,]\d{1,3})*|[IVXL]{1,6}\b)\s*"
                                    r"(?:[.:)\-–—]\s*)?(.*)$", re.I)
_DOTTED_NO = re.compile(r"^\s*(\d{1,2}(?:[.,]\d{1,2}){0,3})(?:(?<=\d)[.)]|\s*[-–—])?\s+(\S.*)$")
_ITEM = re.compile(r"^\s*(\(?)([a-z]|[ivx]{1,5})\)\s+(\S.*)$|^\s*([a-z])\.\s+(\S.*)$")
_LEADER = re.compile(r"(?:\.{4,}|…{2,}|\s{3,})\s*\d{1,3}\s*$")
_MAX_HEADING = 110
_SEPS = re.compile(r"^[\s:.\-–—]+")


@dataclass
class _Head:
    start: int
    number: str | None
    heading: str
    kind: str  # annex | numbered | item
    depth: int  # 1 for "3", 2 for "3.1"...; items and annexes are placed relative to the stack
    end_line: int = 0


def _short_heading(text: str) -> str:
    text = text.strip()
    if len(text) <= _MAX_HEADING:
        return text.rstrip(" :")
    return " ".join(text.split()[:8]) + " …"


def parse_heading(line: str) -> tuple[str, str | None, str, int] | None:
    """(kind, number, heading, depth) when ``line`` opens a clause, else None."""
    s = ak.strip_markup(line) if len(line) < 600 else line.strip()
    if not s or s[0] in "-•·*▪◦–>":
        return None
    marker = ak.annex_marker(s)
    if marker:
        rest = _SEPS.sub("", " ".join(s.split())[len(marker) :])
        return "annex", marker, _short_heading(rest), 0
    m = _KEYWORD_NO.match(s)
    if m:
        number = m.group(1).replace(",", ".")
        return "numbered", number, _short_heading(m.group(2)), number.count(".") + 1
    m = _DOTTED_NO.match(s)
    if m:
        number, rest = m.group(1), m.group(2)
        bare = "." not in number and "," not in number and not re.match(r"^\s*\d+\s*[.)\-–—]", s)
        if bare and (len(s) > 80 or not rest[:1].isupper()):
            return None  # "12 months" is a sentence, "1 Objet" a heading
        if not number.replace(",", ".").replace(".", "").isdigit():
            return None
        number = number.replace(",", ".").rstrip(".")
        if int(number.split(".")[0]) > 60:
            return None
        return "numbered", number, _short_heading(rest), number.count(".") + 1
    m = _ITEM.match(s)
    if m:
        label = (m.group(2) or m.group(4)).lower()
        rest = m.group(3) or m.group(5)
        return "item", f"({label})", _short_heading(rest), 0
    return None


def _drop_toc(heads: list[_Head], lines: list[tuple[int, str]]) -> list[_Head]:
    """Remove a table of contents: a run of >= 3 heading lines with no body, whose entries recur."""
    by_line = {h.end_line: h for h in heads}
    keys = [(h.end_line, h.number, ak.fold(h.heading)[:20]) for h in heads]
    toc: set[int] = set()
    run: list[int] = []

    def close() -> None:
        if len(run) >= 3:
            later = {(no, head) for line, no, head in keys if line > run[-1]}
            recurring = sum(1 for k in run if (by_line[k].number, ak.fold(by_line[k].heading)[:20]) in later)
            if recurring * 2 >= len(run):
                toc.update(run)
        run.clear()

    for k, (_off, text) in enumerate(lines):
        if k in by_line and (len(text.strip()) <= _MAX_HEADING + 20 or by_line[k].kind == "annex"):
            h = by_line[k]
            if any(by_line[r].number == h.number and by_line[r].heading == h.heading for r in run):
                close()  # an entry repeats: the body starts here
            run.append(k)
        elif not ak.is_toc_heading(text):
            close()
    close()
    return [h for h in heads if h.end_line not in toc]


def parse_clauses(ag: Agreement) -> list[Clause]:
    """The clauses of ``ag`` in text order, with parent links and spans (absolute offsets)."""
    text = ag.doc.text
    lines: list[tuple[int, str]] = []
    pos = ag.start
    for raw in text[ag.start : ag.end].split("\n"):
        if raw.strip():
            lines.append((pos, raw))
        pos += len(raw) + 1
    heads: list[_Head] = []
    for k, (off, raw) in enumerate(lines):
        if _LEADER.search(raw) and len(raw) < 160:
            continue  # a table-of-contents entry with a page number
        parsed = parse_heading(raw)
        if parsed:
            kind, number, heading, depth = parsed
            heads.append(_Head(off + len(raw) - len(raw.lstrip()), number, heading, kind, depth, k))
    heads = _drop_toc(heads, lines)
    for h in heads:  # "Clause 8" / "ANNEX II" with the title on the next line
        nxt = lines[h.end_line + 1][1].strip() if h.end_line + 1 < len(lines) else ""
        if not h.heading and nxt and len(nxt) <= 80 and not nxt.endswith((".", ";", ":")) and not parse_heading(nxt):
            h.heading = nxt
    return _build_tree(ag, heads)


def _build_tree(ag: Agreement, heads: list[_Head]) -> list[Clause]:
    clauses: list[Clause] = []
    stack: list[int] = []  # indices of open clauses, outermost first
    base = 0  # level offset inside an annex
    for h in heads:
        if h.kind == "annex":
            stack.clear()
            level, base = 1, 1
        elif h.kind == "numbered":
            level = base + h.depth
        else:  # item: one level under the innermost numbered clause
            while stack and (clauses[stack[-1]].number or "").startswith("("):
                stack.pop()
            level = (clauses[stack[-1]].level + 1) if stack else base + 1
        while stack and clauses[stack[-1]].level >= level:
            stack.pop()
        parent = stack[-1] if stack else None
        clauses.append(Clause(number=h.number, heading=h.heading, start=h.start, end=ag.end,
                              level=level, parent=parent))
        stack.append(len(clauses) - 1)
    _renumber_flat_lists(clauses)
    # a clause ends where the next clause of the same or an outer level starts
    following: list[Clause] = []
    for c in reversed(clauses):
        while following and following[-1].level > c.level:
            following.pop()
        c.end = following[-1].start if following else ag.end
        following.append(c)
    for c in clauses:
        c.language = clause_language(ag.doc.text[c.start : c.end], ag.language)
    return clauses


def _renumber_flat_lists(clauses: list[Clause]) -> None:
    """Siblings all numbered "1." are an ordered list whose numbers were lost: number them 1, 2, 3..."""
    by_parent: dict[int | None, list[Clause]] = {}
    for c in clauses:
        if c.number and c.number.isdigit():
            by_parent.setdefault(c.parent, []).append(c)
    for siblings in by_parent.values():
        if len(siblings) >= 3 and all(c.number == "1" for c in siblings):
            for i, c in enumerate(siblings, 1):
                c.number = str(i)
