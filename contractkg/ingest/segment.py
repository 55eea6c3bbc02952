"""Document -> Agreements: cut a file into the agreements it holds.

Signals, all general (no vendor strings): title lines naming an agreement type (lexicon
``structure.yaml``), annex/exhibit markers ("Annexe B", "Exhibit 2", "Pièce jointe C") that open a
DPA, SCCs or a statement of work, the first annex of the EU SCCs ("Annex I – A. List of parties"),
a clause "1." whose heading names a DPA inside terms (numbering restart), and the same title
repeated after a long body (one page holding several vendors' copies of similar terms).
Text before the first title is dropped as site preamble unless it is itself a long contract body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from contractkg.ingest import agreement_kinds as ak
from contractkg.ingest.clauses import parse_clauses
from contractkg.ingest.document import Agreement, Document
from contractkg.ingest.language import dominant
from contractkg.ingest.tables import tables_of

MIN_BODY = 1200  # chars an agreement must hold before another title may cut it
_NEXT_HEADINGS = 25  # non-blank lines looked at for a numbering restart after a title
_BULLET = re.compile(r"^\s*[-•·*o▪◦–]\s")
_HEADING_NO = re.compile(r"^\s*(?:(?:article|art\.?|artikel|articolo|art[ií]culo|clause|clausola|section|§)\s*)?"
                         r"(\d{1,3})(?:[.,]\d{1,3})*\s*[.)\-–]?\s+\S", re.I)
_HAS_UPPER_START = re.compile(r"^\W*[A-ZÀ-ÖØ-Þ0-9]")


@dataclass
class _Line:
    start: int
    end: int
    text: str


@dataclass
class _Cut:
    at: int  # index into the non-blank lines where the agreement starts
    kind: str
    title: str
    main: bool


def _nonblank_lines(text: str) -> list[_Line]:
    out, pos = [], 0
    for raw in text.split("\n"):
        if raw.strip():
            out.append(_Line(pos, pos + len(raw), raw))
        pos += len(raw) + 1
    return out


def _is_bare_marker(line: str) -> bool:
    m = ak.annex_marker(line)
    return bool(m) and len(ak.fold(line).strip(" :.")) <= len(ak.fold(m)) + 2


def _candidate(lines: list[_Line], j: int) -> tuple[str, bool, bool] | None:
    """(kind, annexed, numbered) when line j may open an agreement."""
    t = lines[j].text
    if _BULLET.match(t):
        return None
    marker = ak.annex_marker(t)
    if ak.looks_like_title(t) and (marker or _HAS_UPPER_START.match(t)) and (len(t.split()) > 1 or len(t.strip()) >= 10):
        kind = ak.title_kind(t)
        if kind:
            return kind, bool(marker), False
    if marker and any(len(x.text) < 100 and ak.is_scc_annex_cue(x.text) for x in lines[j + 1 : j + 3]):
        return "scc", True, False
    if ak.starts_numbering(t) and len(t) < 140:
        heading = t[_HEADING_NO.match(t).end() - 1 :] if _HEADING_NO.match(t) else t
        kind = ak.title_kind(heading) or ("dpa" if ak.is_dpa_heading(heading) else None)
        if kind and ak.splits_when_annexed(kind):
            return kind, True, True
    return None


def _only_menu(lines: list[_Line], a: int, b: int) -> bool:
    """Lines a..b-1 are all short and sentence-less, like a site menu."""
    return all(len(x.text.strip()) < 60 and not x.text.rstrip().endswith((".", ":", ";")) for x in lines[a:b])


def _restarts_numbering(lines: list[_Line], j: int) -> bool:
    for x in lines[j + 1 : j + 1 + _NEXT_HEADINGS]:
        m = _HEADING_NO.match(x.text)
        if m and len(x.text) < 100:  # a clause heading, not a numbered sentence of a list
            return m.group(1) in ("1", "01")
    return False


def _cuts(doc: Document, lines: list[_Line]) -> list[_Cut]:
    cuts: list[_Cut] = []
    for j in range(len(lines)):
        cand = _candidate(lines, j)
        if cand is None:
            continue
        kind, at_marker, numbered = cand
        title = lines[j].text.strip()
        if not cuts and numbered and not _preamble_is_contract(doc.text[: lines[j].start]):
            continue  # a first clause about personal data, not an annex
        if not cuts:
            cuts.append(_Cut(j, kind, title, True))
            continue
        cur = cuts[-1]
        if lines[j].start - lines[cur.at].start < MIN_BODY:
            same = kind == cur.kind and ak.fold(title) == ak.fold(cur.title) and j > cur.at + 1  # not a doubled H1
            if (kind != cur.kind or same) and len(cuts) == 1 and _only_menu(lines, cur.at, j):
                cuts[-1] = _Cut(j, kind, title, True)  # the first "title" was a site menu entry
            continue
        in_annex = at_marker or any(_is_bare_marker(x.text) for x in lines[max(0, j - 2) : j])
        main = ak.is_main_kind(kind)
        if kind != cur.kind:
            if kind == "sla":
                continue  # service levels stay inside the agreement they complete
            if not (in_annex or _restarts_numbering(lines, j)):
                continue
        elif not ((ak.fold(title) == ak.fold(cur.title) and _restarts_numbering(lines, j)) or (main and in_annex)):
            continue  # the same title again without a new clause 1 is a running header
        cuts.append(_Cut(j, kind, title, main))
    return cuts


def _preamble_is_contract(text: str) -> bool:
    numbered = sum(1 for ln in text.split("\n") if _HEADING_NO.match(ln) and len(ln) < 200)
    return numbered >= 3 or len(text) > 4000


def _guess_untitled_kind(lines: list[_Line]) -> str:
    for x in lines[:5]:
        kind = ak.title_kind(x.text[:160])
        if kind:
            return kind
    return "terms"


def split_agreements(doc: Document) -> list[Agreement]:
    """The agreements of ``doc``, in file order; ``part_of`` links annexed ones to their main one."""
    lines = _nonblank_lines(doc.text)
    if not lines:
        return []
    cuts = _cuts(doc, lines)
    if not cuts:
        cuts = [_Cut(0, _guess_untitled_kind(lines), "", True)]
    elif cuts[0].at > 0 and _preamble_is_contract(doc.text[: lines[cuts[0].at].start]):
        cuts[0].main = ak.is_main_kind(cuts[0].kind)
        cuts.insert(0, _Cut(0, _guess_untitled_kind(lines), "", True))
    agreements: list[Agreement] = []
    root: int | None = None
    for n, cut in enumerate(cuts):
        start = lines[cut.at].start
        if n + 1 < len(cuts):
            nxt = cuts[n + 1].at
            # the next agreement's exhibit marker / product heading lines belong to neither body
            while nxt - 1 > cut.at and _is_bare_marker(lines[nxt - 1].text):
                nxt -= 1
            end = lines[nxt - 1].end
        else:
            end = _trim_tail(lines, cut.at)
        ag = Agreement(doc=doc, start=start, end=end, kind=cut.kind, index=n)
        ag.title = cut.title or ag.starts_with
        ag.language = dominant(ag.text)
        ag.clauses = parse_clauses(ag)
        ag.tables = tables_of(ag)
        if cut.main or root is None:
            root = n
        else:
            ag.part_of = root
        agreements.append(ag)
    return agreements


def _trim_tail(lines: list[_Line], first: int) -> int:
    """End of the last agreement: trailing web boilerplate (demo forms, country pickers) cut off."""
    last = len(lines) - 1
    for k in range(len(lines) - 1, max(first, len(lines) - 30), -1):
        if ak.is_boilerplate(lines[k].text):
            last = k - 1
    while last > first and len(lines[last].text.strip()) < 3:
        last -= 1
    return lines[last].end


def guess_kind(text: str) -> str:
    """Kind of an untitled text, from its first lines."""
    return _guess_untitled_kind(_nonblank_lines(text[:3000]))
