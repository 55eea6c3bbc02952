"""Where an agreement states its data inventory: the spans that list personal-data categories,
data-subject categories, processing operations, purposes and the duration of the processing.

A section opens with a cue from the lexicons' ``sections`` (specific: "categories of personal
data") or ``labels`` (generic: "data", "Daten", "interessati"). A cue opens
- an inline list when a colon follows ("Types of data: a, b, c"), up to the next cue on the line
  or the end of the sentence;
- the lines below when it heads a short line ("2. Data and data subjects"; a heading naming
  several kinds gives its body to each kind);
- a prose list after a verb of inclusion ("the personal data processed include a, b and c").
Generic cues only count before a colon or as a whole heading, never inside prose.
"""

from __future__ import annotations

import re
from functools import lru_cache

from contractkg.ingest.document import Agreement
from contractkg.ingest.inventory_text import WordStarts, caps_line, ends_word, fold_keep, phrase_rx, squash
from contractkg.ingest.lexicon import lexicon

KINDS = ("personal_data", "data_subjects", "processing", "purposes")
LIST_ITEM = re.compile(r"^\s*(?:[-•*–·▪o]\s|\(?[a-z]\)|\(?[ivx]{1,4}\)|\d{1,2}[.)]\s|[a-z]\.\s)", re.IGNORECASE)
# "rights of data subjects", "requests from data subjects": not the categories
_NOT_A_LIST = re.compile(r"(?:droit|right|diritt|recht|demande|request|richiest|anfrage|derecho|solicitud)\w*\s+\w*\s*\w*\s*$")
_STATES_DURATION = re.compile(r"\s*(?:des donnees|dei dati|der daten|de los datos)?\s*(?::|-|–|est\b|sera\b|correspond|is\b|shall\b|will\b|"
                              r"e\b|sara\b|corrisponde|coincide|ist\b|betragt|entspricht|richtet|es\b|sera\b)")
_DURATION_CUE = {"en": "duration of the processing", "fr": "durée du traitement", "it": "durata del trattamento",
                 "de": "dauer der verarbeitung", "es": "duracion del tratamiento"}
_SPECIFIC_COLON = re.compile(r"[^.:;\n]{0,60}?:")
_GENERIC_COLON = re.compile(r"\s{0,2}(?:\([^)\n]{0,30}\)\s*)?(?:(?:suivantes|suivants|ci-apres|ci-dessous|following|below|listed below|"
                            r"seguenti|di seguito|folgende|folgenden|nachstehende|siguientes|a continuacion)\s*)?:")
# "the personal data processed include ...", "sono i seguenti", "umfassen insbesondere"
_LIST_VERB = re.compile(r"[^.:;\n]{0,40}?\b(?:include|includes|comprise|comprises|consist of|are as follows|such as|namely|"
                        r"comprennent|comprend|incluent|notamment|tels que|telles que|a savoir|"
                        r"includono|comprendono|comprende|quali|ovvero|"
                        r"umfassen|umfasst|insbesondere|sind folgende|"
                        r"incluyen|comprenden|como)\b\s*:?")
_CONJ = re.compile(r"^[\s,&/]*(?:and|or|et|ou|e|o|und|oder|y|u)?[\s,&/]*$")
# what may precede a generic cue that heads its line: numbering or a bullet only
_NUMBERING = re.compile(r"\s*(?:[-•*–·▪]|\(?[0-9a-z]{1,3}[.)]|[0-9]+(?:\.[0-9]+)*\.?|§\s*\d+|art\w*\.?\s*\d+\s*[-–.:]?|[ivx]{1,4}[.)])?\s*")
# "Personal data: means any information...": a definition, not a list
_DEFINITION = re.compile(r"\s*[\"'“«]?\s*(?:means|shall mean|refers to|ha(?:s|ve) the meaning|as defined|any information|all information|"
                         r"designe|signifie|s'entend|toute information|toutes informations|tel(?:le)?s? que defini|"
                         r"indica|si intende|significa|qualsiasi informazione|ogni informazione|come definit|"
                         r"bezeichnet|bedeutet|sind alle|alle informationen|im sinne|"
                         r"se entiende|hace referencia|toda informacion|cualquier informacion|tal como se define)\b")
_SENTENCE_END = re.compile(r"\.(?=\s+[A-ZÀ-Ý]|\s*$)")


@lru_cache(maxsize=1)
def cues() -> tuple[WordStarts, dict[str, tuple[str, bool]]]:
    """Section cues of every kind in one pattern; folded cue -> (kind, generic)."""
    index: dict[str, tuple[str, bool]] = {}
    every: list[str] = list(_DURATION_CUE.values())
    for kind in KINDS:
        lex = lexicon(kind)
        for key, generic in (("sections", False), ("labels", True)):
            for phrases in (lex.get(key) or {}).values():
                for p in phrases:
                    index.setdefault(squash(fold_keep(p)), (kind, generic))
                    every.append(p)
    for p in _DURATION_CUE.values():
        index.setdefault(squash(fold_keep(p)), ("duration", False))
    return WordStarts(phrase_rx(every)), index


def _line(folded: str, s: int, e: int) -> tuple[int, int]:
    le = folded.find("\n", e)
    return folded.rfind("\n", 0, s) + 1, len(folded) if le == -1 else le


def _hits(text: str, folded: str) -> list[tuple[int, int, str, bool]]:
    pat, index = cues()
    out = []
    for m in pat.finditer(folded):
        kind, generic = index.get(squash(m.group(0)), (None, False))
        if kind is None or not (ends_word(text, m.end()) or caps_line(text, m.start())):
            continue
        if _NOT_A_LIST.search(folded[max(0, m.start() - 25) : m.start()]):
            continue
        out.append((m.start(), m.end(), kind, generic))
    return out


def _at_start(folded: str, ls: int, s: int) -> bool:
    return s - ls <= 40 and len(folded[ls:s].split()) <= 4


def _heading_rest(folded: str, e: int, le: int, same_line: list) -> bool:
    """After a generic cue, the line holds nothing but conjunctions and other cues."""
    rest, pos = [], e
    for hs, he, *_ in same_line:
        if hs >= e:
            rest.append(folded[pos:hs])
            pos = he
    rest.append(folded[pos:le])
    return all(_CONJ.match(r.strip(" .:–-")) for r in rest)


def sections(text: str, folded: str | None = None) -> dict[str, list[tuple[int, int]]]:
    """Spans (relative to ``text``) of the sections that state each kind of inventory."""
    folded = folded if folded is not None else fold_keep(text)
    hits = _hits(text, folded)
    out: dict[str, list[tuple[int, int]]] = {k: [] for k in (*KINDS, "duration")}
    kept: list[tuple[int, int, str, bool]] = []
    for h in hits:  # generic cues only before a colon or as a whole heading
        s, e, kind, generic = h
        if generic:
            ls, le = _line(folded, s, e)
            same = [x for x in hits if ls <= x[0] < le]
            colon = _GENERIC_COLON.match(folded, e)
            if colon and _DEFINITION.match(folded, colon.end()):
                continue
            if not (colon or (_NUMBERING.fullmatch(folded, ls, s) and le - ls < 100
                              and _heading_rest(folded, e, le, same))):
                continue
        kept.append(h)
    done_heading: set[int] = set()
    for s, e, kind, _ in kept:
        ls, le = _line(folded, s, e)
        if kind == "duration":
            states = _STATES_DURATION.match(folded, e)
            if _at_start(folded, ls, s) and le - ls <= 200 and (states or not re.search(r"\w", folded[e:le])):
                span = _block(text, e, le, kept, kind)  # a heading or a "Duration: ..." line
                if span:
                    out[kind].append(span)
            elif states:
                stop = re.search(r"[.;](?:\s|$)", folded[e:le])
                out[kind].append((e, e + (stop.start() if stop else le - e)))
            continue  # otherwise "during the whole duration of the processing": not a statement of it
        same = [x for x in kept if ls <= x[0] < le]
        colon = (_GENERIC_COLON if len(folded[ls:s].split()) > 4 else _SPECIFIC_COLON).match(folded, e, le)
        if colon:
            start = colon.end()
            if re.search(r"\w", folded[start:le]):
                out[kind].append(_inline(text, start, le, same, kind))
            else:
                span = _block(text, e, le, kept, kind)
                if span:
                    out[kind].append(span)
            continue
        if _at_start(folded, ls, s) and le - ls <= 200:
            kinds = {k for _, _, k, _ in same if k != "duration"}
            if len(kinds) > 1:
                # a short heading naming several kinds ("Daten und Betroffene") heads a body for each;
                # a sentence naming them ("... are described in Annex 1.") heads nothing
                if ls in done_heading or le - ls >= 100 or text[ls:le].rstrip().endswith(".") \
                        or not _NUMBERING.fullmatch(folded, ls, same[0][0]):
                    continue
                done_heading.add(ls)
                span = _block(text, le, le, kept, None)
                for k in kinds:
                    if span:
                        out[k].append(span)
                continue
            span = _block(text, e, le, kept, kind)
            if span:
                out[kind].append(span)
            continue
        verb = _LIST_VERB.match(folded, e, le)
        if verb and kind in ("personal_data", "data_subjects"):
            out[kind].append(_inline(text, verb.end(), le, same, kind))
    return out


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
            m = pat.search(fold_keep(head))
            kind, generic = index.get(squash(m.group(0)), ("", False)) if m else ("", False)
            if kind in KINDS and not (generic and m is not None and squash(fold_keep(head)).strip(" :*") != squash(m.group(0))):
                kinds[j] = kind  # a generic label heads a column only as the whole header ("Data")
        for i, cells in enumerate(t.rows):
            rs, re_ = t.row_spans[i] if i < len(t.row_spans) else (t.start, t.end)
            for j, kind in kinds.items():
                if j < len(cells) and cells[j].strip():
                    at = ag.doc.text.find(cells[j].strip(), rs, re_ + 1)
                    if at >= 0:
                        out.setdefault(kind, []).append((at - ag.start, at - ag.start + len(cells[j].strip())))
    return out


def _block(text: str, cue_end: int, le: int, hits: list, kind: str | None) -> tuple[int, int] | None:
    """The cue's line and the lines below it, up to a blank line or the next section."""
    end = le
    pos = le + 1
    started, listing, blank_run, n = False, False, 0, 0
    while pos < len(text) and n < 60:
        e = text.find("\n", pos)
        e = len(text) if e == -1 else e
        s, pos, n = pos, e + 1, n + 1
        line = text[s:e]
        if not line.strip():
            blank_run += 1
            if (started and (not listing or blank_run > 1)) or blank_run > 4:
                break
            continue
        if any(s <= hs < e and (kind is None or hk != kind or e - s < 100) for hs, _, hk, _ in hits):
            break  # the next section starts
        is_item = bool(LIST_ITEM.match(line))
        if not started:
            listing = is_item
        elif listing and not is_item:
            break
        started, blank_run = True, 0
        end = e
    return (cue_end, end) if end > cue_end else None
