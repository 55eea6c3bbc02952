"""Where an agreement states its data inventory: the spans that list personal-data categories,
data-subject categories, processing operations, purposes and the duration of the processing.

A section opens with a cue from the lexicons' ``sections`` (specific: "categories of personal
data") or ``labels`` (generic: "data", "Daten", "interessati"). A cue opens
- an inline list when a colon follows ("Types of data: a, b, c"), up to the next cue on the line
  or the end of the sentence, and on into the list below when the line ends with a colon;
- the rest of a table row whose first cell it is ("| Categories of data | name, e-mail |");
- the lines below when it heads a short line ("2. Data and data subjects"; a heading naming
  several kinds gives its body to each kind), or ends a line with a colon ("... includes the
  following data categories:"); a paragraph ending with a colon carries on into its list;
- a prose list after a verb of inclusion ("the personal data processed include a, b and c").
Generic cues only count as a label (line start, before a colon), a row label, a whole heading or
after a "following" word, never inside prose.
"""

from __future__ import annotations

import re
from functools import lru_cache

from contractkg.ingest import pattern_cache
from contractkg.ingest.document import Agreement
from contractkg.ingest.inventory.cues import pattern
from contractkg.ingest.lexical.matching import WordStarts, caps_line, ends_word, fold_keep, phrase_rx, squash
from contractkg.ingest.lexicon import alternation, lexicon

KINDS = ("personal_data", "data_subjects", "processing", "purposes")
LIST_ITEM = re.compile(r"^\s*(?:[-•*–·▪o]\s|\(?[a-z]\)|\(?[ivx]{1,4}\)|\d{1,2}[.)]\s|[a-z]\.\s)", re.IGNORECASE)
_SPECIFIC_COLON = re.compile(r"[^.:;\n]{0,60}?:")
# what may precede a generic cue that heads its line: numbering or a bullet only
_NUMBERING = pattern_cache.compile(r"\s*(?:[-•*–·▪]|\(?[0-9a-z]{1,3}[.)]|[0-9]+(?:\.[0-9]+)*\.?|§\s*\d+|[ivx]{1,4}[.)]|"
                                   r"(?:" + alternation("structure", "section_abbreviations") + r")\w*\.?\s*\d+(?:\.\d+)*\s*[-–.:)]?)?\s*")
_MARKUP = re.compile(r"[*_#>`|]")
# a full stop before a capital, not one closing a one-letter abbreviation ("z. B. Kunden", "e.g. Users")
_SENTENCE_END = re.compile(r"(?<![\s.(][A-Za-z])\.(?=\s+[A-ZÀ-Ý]|\s*$)")
_CELL_SEP = re.compile(r"\||\t| {3,}")  # a pipe, a tab or a wide gap between cells
_RULE_LINE = re.compile(r"\s*(?:\|\s*)?:?-{3,}")
_LINE_END_COLON = re.compile(r":[\s*_]*$")


@lru_cache(maxsize=1)
def cues() -> tuple[WordStarts, dict[str, tuple[str, bool]]]:
    """Section cues of every kind in one pattern; folded cue -> (kind, generic)."""
    index: dict[str, tuple[str, bool]] = {}
    durations = [str(p) for ps in (lexicon("inventory").get("duration") or {}).values() for p in ps]
    every: list[str] = list(durations)
    for kind in KINDS:
        lex = lexicon(kind)
        for key, generic in (("sections", False), ("labels", True)):
            for phrases in (lex.get(key) or {}).values():
                for p in phrases:
                    index.setdefault(squash(fold_keep(p)), (kind, generic))
                    every.append(p)
    for p in durations:
        index.setdefault(squash(fold_keep(p)), ("duration", False))
    return WordStarts(phrase_rx(every)), index


def _line(folded: str, s: int, e: int) -> tuple[int, int]:
    le = folded.find("\n", e)
    return folded.rfind("\n", 0, s) + 1, len(folded) if le == -1 else le


def _hits(text: str, folded: str) -> list[tuple[int, int, str, bool]]:
    pat, index = cues()
    not_a_list = pattern("not_a_list")
    out = []
    for m in pat.finditer(folded):
        kind, generic = index.get(squash(m.group(0)), (None, False))
        if kind is None or not (ends_word(text, m.end()) or caps_line(text, m.start())):
            continue
        if not_a_list.search(folded[max(0, m.start() - 25) : m.start()]):
            continue
        out.append((m.start(), m.end(), kind, generic))
    return out


def _at_start(folded: str, ls: int, s: int) -> bool:
    return s - ls <= 40 and len(folded[ls:s].split()) <= 4


def _label_start(folded: str, ls: int, s: int) -> bool:
    """Only numbering, a bullet or emphasis markup stand before ``s`` on its line."""
    return s - ls <= 30 and bool(_NUMBERING.fullmatch(_MARKUP.sub("", folded[ls:s])))


def _heading_rest(folded: str, e: int, le: int, same_line: list, lang: str | None) -> bool:
    """After a generic cue, the line holds nothing but conjunctions and other cues."""
    rest, pos = [], e
    for hs, he, *_ in same_line:
        if hs >= e:
            rest.append(folded[pos:hs])
            pos = he
    rest.append(folded[pos:le])
    conj = pattern("conj", lang)
    return all(conj.match(r.strip(" .:–-*_#")) for r in rest)


def _continues_sentence(text: str, ls: int) -> bool:
    """The line before ``ls`` runs on into it (a wrapped sentence, not a heading above)."""
    prev = text[text.rfind("\n", 0, max(0, ls - 1)) + 1 : max(0, ls - 1)].rstrip()
    return bool(prev) and (prev[-1].isalnum() or prev[-1] == ",") and not prev.lstrip().startswith(("#", "|"))


def _cell_at(folded: str, ls: int, le: int, at: int) -> tuple[int, int, int]:
    """The table cell of the line ``ls..le`` holding offset ``at``: (start, end, next cell's start)."""
    lead = ls + len(folded[ls:le]) - len(folded[ls:le].lstrip())  # indentation is no separator
    cs = lead
    for m in _CELL_SEP.finditer(folded, lead, at):
        cs = m.end()
    nxt = _CELL_SEP.search(folded, at, le)
    return cs, (nxt.start() if nxt else le), (nxt.end() if nxt else le)


def _whole_cell(folded: str, cs: int, ce: int, s: int, e: int) -> bool:
    """The cell holds the cue and nothing else but numbering, emphasis and a colon."""
    return (bool(_NUMBERING.fullmatch(_MARKUP.sub("", folded[cs:s])))
            and not _MARKUP.sub("", folded[e:ce]).strip(" :"))


def _row_label(folded: str, ls: int, le: int, s: int, e: int, generic: bool, same: list) -> tuple[int, int] | None:
    """The other cells of a table row whose first cell is the cue ("| Data subjects | users |",
    "Data subjects<tab>users", "Data subjects     users")."""
    cs, ce, value = _cell_at(folded, ls, le, s)
    if ce >= le or not folded[value:le].strip(" |") or folded[ls:cs].strip(" |\t*_"):
        return None  # no cell after the cue's, or the cue is not in the first cell
    tail = _MARKUP.sub("", folded[e:ce]).strip(" :")
    if not _NUMBERING.fullmatch(_MARKUP.sub("", folded[cs:s])) or (generic and tail) or len(tail) > 30:
        return None
    for hs, he, *_ in same:
        if hs > ce and _whole_cell(folded, *_cell_at(folded, ls, le, hs)[:2], hs, he):
            return None  # a header row naming several columns
    if _header_row(folded, ls, le):
        return None
    return value, le


def _header_row(folded: str, ls: int, le: int) -> bool:
    """A rule line follows, or the row opens a table and every cell is a short title."""
    ne = folded.find("\n", le + 1)
    if _RULE_LINE.match(folded[le + 1 : len(folded) if ne == -1 else ne]):
        return True
    prev = folded[folded.rfind("\n", 0, max(0, ls - 1)) + 1 : max(0, ls - 1)].strip()
    cells = [c.strip() for c in _CELL_SEP.split(folded[ls:le].strip()) if c.strip()]
    return not _CELL_SEP.search(prev) and all(len(c) <= 40 and not re.search(r"[,;]", c) for c in cells)


def _generic_kept(text: str, folded: str, hits: list, h: tuple[int, int, str, bool], lang: str | None) -> bool:
    """A generic cue counts as a label before a colon, a row label or a whole heading."""
    s, e, _kind, _ = h
    ls, le = _line(folded, s, e)
    same = [x for x in hits if ls <= x[0] < le]
    colon = pattern("generic_colon").match(folded, e)
    if colon:
        if pattern("definition").match(folded, colon.end()):
            return False
        following = pattern("following")
        return (_label_start(folded, ls, s) or bool(following.search(colon.group(0)))
                or bool(following.search(folded, max(ls, s - 40), s)))
    if _row_label(folded, ls, le, s, e, True, same):
        return True
    line = folded[ls:le].rstrip(" *_")
    return (bool(_NUMBERING.fullmatch(_MARKUP.sub("", folded[ls:s]))) and le - ls < 100 and not line.endswith((".", ","))
            and not _continues_sentence(text, ls) and _heading_rest(folded, e, le, same, lang))


def sections(text: str, folded: str | None = None, lang: str | None = None) -> dict[str, list[tuple[int, int]]]:
    """Spans (relative to ``text``) of the sections that state each kind of inventory (``lang``: the
    agreement's language, for its function words; None: every language)."""
    folded = folded if folded is not None else fold_keep(text)
    hits = _hits(text, folded)
    out: dict[str, list[tuple[int, int]]] = {k: [] for k in (*KINDS, "duration")}
    kept = [h for h in hits if not h[3] or _generic_kept(text, folded, hits, h, lang)]
    done_heading: set[int] = set()
    for s, e, kind, generic in kept:
        ls, le = _line(folded, s, e)
        if kind != "duration" and _own_processing(folded, ls, le, s, e):
            continue  # "When you visit our website we collect the following personal data: ..."
        if kind == "duration":
            _duration(text, folded, s, e, ls, le, kept, out)
            continue
        same = [x for x in kept if ls <= x[0] < le]
        row = _row_label(folded, ls, le, s, e, generic, same)
        if row:
            out[kind].append(row)
            continue
        colon = (pattern("generic_colon") if len(folded[ls:s].split()) > 4 else _SPECIFIC_COLON).match(folded, e, le)
        if colon:
            if _negated(folded, ls, s, colon.start(), lang):
                continue  # "... shall not process the following categories of data: ..."
            start = colon.end()
            if re.search(r"\w", folded[start:le]):
                span = _inline(text, start, le, same, kind)
                out[kind].append(span)
                if _LINE_END_COLON.search(text, span[0], le) and span[1] >= le - 3:
                    _add(out[kind], _block(text, le, le, kept, kind))  # "...: " then the list below
            else:
                _add(out[kind], _block(text, e, le, kept, kind))
            continue
        if _at_start(folded, ls, s) and _heading(text, folded, ls, le, same, kept, kind, done_heading, out):
            continue
        others = {k for _, _, k, _ in same if k != kind}
        if not others and _LINE_END_COLON.search(text, e, le) and not _negated(folded, ls, s, le, lang):
            _add(out[kind], _block(text, le, le, kept, kind))  # "... includes the following data categories:"
            continue
        verb = pattern("list_verb").match(folded, e, le)
        if verb and kind in ("personal_data", "data_subjects") and not _negated(folded, ls, s, verb.end(), lang):
            out[kind].append(_inline(text, verb.end(), le, same, kind))
    return out


def _own_processing(folded: str, ls: int, le: int, s: int, e: int) -> bool:
    """The sentence of the cue speaks of the vendor's own website or privacy notice."""
    start = folded.rfind(". ", ls, s)
    stop = folded.find(". ", e, le)
    return bool(pattern("own_processing").search(folded, start + 2 if start >= 0 else ls, le if stop < 0 else stop))


def _negated(folded: str, ls: int, s: int, end: int, lang: str | None) -> bool:
    """The sentence of the cue at ``s`` (up to ``end``) is negative: it lists what is not processed."""
    stop = folded.rfind(". ", ls, s)
    return bool(pattern("negation", lang).search(folded, stop + 2 if stop >= 0 else ls, end))


def _add(spans: list[tuple[int, int]], span: tuple[int, int] | None) -> None:
    if span:
        spans.append(span)


def _heading(text: str, folded: str, ls: int, le: int, same: list, kept: list, kind: str,
             done_heading: set[int], out: dict[str, list[tuple[int, int]]]) -> bool:
    """A cue opening a short line heads the lines below; True when the line was handled."""
    if le - ls > 200:
        return False
    kinds = {k for _, _, k, _ in same if k != "duration"}
    if len(kinds) > 1:
        # a short heading naming several kinds ("Daten und Betroffene") heads a body for each;
        # a sentence naming them ("... are described in Annex 1.") heads nothing
        le = max([le] + [_line(folded, hs, he)[1] for hs, he, *_ in same])  # a cue wrapped onto the next line
        if ls in done_heading or le - ls >= 100 or text[ls:le].rstrip().endswith(".") \
                or not _NUMBERING.fullmatch(_MARKUP.sub("", folded[ls : same[0][0]])):
            return True
        done_heading.add(ls)
        span = _block(text, le, le, kept, None)
        for k in kinds:
            _add(out[k], span)
        return True
    e = max(he for _, he, k, _ in same if k == kind)
    _add(out[kind], _block(text, e, max(le, _line(folded, e, e)[1]), kept, kind))
    return True


def _duration(text: str, folded: str, s: int, e: int, ls: int, le: int, kept: list,
              out: dict[str, list[tuple[int, int]]]) -> None:
    states = pattern("duration_states").match(folded, e)
    if _at_start(folded, ls, s) and le - ls <= 200 and (states or not re.search(r"\w", folded[e:le])):
        _add(out["duration"], _block(text, e, le, kept, "duration"))  # a heading or a "Duration: ..." line
    elif states:
        stop = re.search(r"[.;](?:\s|$)", folded[e:le])
        out["duration"].append((e, e + (stop.start() if stop else le - e)))
    # otherwise "during the whole duration of the processing": not a statement of it


def _inline(text: str, start: int, le: int, same_line: list, kind: str) -> tuple[int, int]:
    """An inline list: up to the next cue of another kind on the line, or the end of the sentence."""
    stop = min([hs for hs, _, hk, _ in same_line if hs > start and hk != kind] + [le])
    end = _SENTENCE_END.search(text, start, stop)
    return start, end.start() if end else stop


def table_sections(ag: Agreement) -> dict[str, list[tuple[int, int]]]:
    """Cells (spans relative to the agreement) of table columns headed by a section cue
    ("Categories of data subjects | Categories of personal data")."""
    out: dict[str, list[tuple[int, int]]] = {}
    pat, index = cues()
    for t in ag.tables:
        kinds = {}
        for j, head in enumerate(t.header):
            folded = fold_keep(head)
            m = next((x for x in pat.finditer(folded) if ends_word(head, x.end())), None)
            kind, generic = index.get(squash(m.group(0)), ("", False)) if m else ("", False)
            if kind in KINDS and not (generic and m is not None and squash(_MARKUP.sub("", folded)).strip(" :") != squash(m.group(0))):
                kinds[j] = kind  # a generic label heads a column only as the whole header ("Data")
        for i, cells in enumerate(t.rows):
            rs, re_ = t.row_spans[i] if i < len(t.row_spans) else (t.start, t.end)
            for j, kind in kinds.items():
                if j < len(cells) and cells[j].strip():
                    at = ag.doc.text.find(cells[j].strip(), rs, re_ + 1)
                    if at >= 0:
                        out.setdefault(kind, []).append((at - ag.start, at - ag.start + len(cells[j].strip())))
    return out


def _opens_label(text: str, ls: int, hs: int, he: int) -> bool:
    """The cue labels its line ("Data subjects: ..."), so a new section starts there."""
    return hs - ls <= 30 and bool(_NUMBERING.fullmatch(_MARKUP.sub("", text[ls:hs]).lower())) and bool(_SPECIFIC_COLON.match(text, he))


def _block(text: str, cue_end: int, le: int, hits: list, kind: str | None) -> tuple[int, int] | None:
    """The cue's line and the lines below it, up to a blank line or the next section; a paragraph
    that ends with a colon carries on into the list it announces."""
    end = le
    pos = le + 1
    started, listing, intro, blank_run, n = False, False, False, 0, 0
    while pos < len(text) and n < 60:
        e = text.find("\n", pos)
        e = len(text) if e == -1 else e
        s, pos, n = pos, e + 1, n + 1
        line = text[s:e]
        if not line.strip():
            blank_run += 1
            if (started and not intro and (not listing or blank_run > 1)) or blank_run > 4:
                break
            continue
        short = e - s < 100
        if any(s <= hs < e and (short or (kind is not None and hk != kind) or _opens_label(text, s, hs, he))
               for hs, he, hk, _ in hits):
            break  # the next section starts
        is_item = bool(LIST_ITEM.match(line))
        if not started or intro:
            listing = is_item
        elif listing and not is_item:
            break
        started, blank_run = True, 0
        intro = not is_item and bool(_LINE_END_COLON.search(line))
        end = e
    return (cue_end, end) if end > cue_end else None

