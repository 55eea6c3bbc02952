"""Personal-data and data-subject categories, purposes, processing operations, retention.

Only the sections that state what is processed under the agreement are read (an annex list under
"Categories of personal data", a table headed "Catégories de données", an inline list after
"Kategorien betroffener Personen:"), so nouns elsewhere in the text are not reported.
Lexicons (``personal_data``, ``data_subjects``, ``processing``, ``purposes``) map phrases per
language to DPV concepts; matching is case- and accent-insensitive at word boundaries.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from typing import Any

from contractkg.ingest.document import Agreement
from contractkg.ingest.durations import find_durations
from contractkg.ingest.lexicon import lexicon

KINDS = ("personal_data", "data_subjects", "processing", "purposes")
_LIST_ITEM = re.compile(r"^\s*(?:[-•*–·▪o]\s|\(?[a-z]\)|\(?[ivx]{1,4}\)|\d{1,2}[.)]\s|[a-z]\.\s)", re.IGNORECASE)
_RETENTION_CUE = re.compile(r"(?i)conserv|gard[ée]|retain|retention|kept|stored|aufbewahr|gespeichert|speicherdauer|"
                            r"conservat|mantenut|durée|duration|durata|dauer")
# "rights of data subjects", "requests from data subjects": not the categories
_NOT_A_LIST = re.compile(r"(?:droit|right|diritt|recht|demande|request|richiest|anfrage|derecho|solicitud)\w*\s+\w*\s*\w*\s*$")
_STATES_DURATION = re.compile(r"\s*(?:des donnees|dei dati|der daten|de los datos)?\s*(?::|-|–|est\b|sera\b|correspond|is\b|shall\b|will\b|"
                              r"e\b|sara\b|corrisponde|coincide|ist\b|betragt|entspricht|richtet|es\b|sera\b)")
_DURATION_CUE = {"en": "duration of the processing", "fr": "durée du traitement", "it": "durata del trattamento",
                 "de": "dauer der verarbeitung", "es": "duracion del tratamiento"}


_FOLD: dict[int, str] = {}


def _fold_char(ch: str) -> str:
    if ch in "’‘`´":
        return "'"
    f = unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode().lower()
    return f[:1] if f else (ch.lower() if len(ch.lower()) == 1 else " ")


def fold_keep(text: str) -> str:
    """Lower case, accents and typographic quotes removed, same length as ``text`` (offsets hold)."""
    for ch in set(text) - set(map(chr, _FOLD)):
        _FOLD[ord(ch)] = _fold_char(ch)
    return text.translate(_FOLD)


_SEP = "\x00"  # a space or hyphen inside a phrase: matches any run of them, or none


def phrase_regex(phrases: list[str], sep: str = r"[\s\-]*") -> str:
    """A regex matching any of ``phrases`` (lower case), factored as a trie so one pass stays fast."""
    trie: dict = {}
    for p in phrases:
        node = trie
        for tok in re.sub(r"[\s\-]+", _SEP, p.strip().lower()):
            node = node.setdefault(tok, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [(sep if tok == _SEP else re.escape(tok)) + emit(child) for tok, child in sorted(node.items()) if tok]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node:
            return "(?:" + body + ")?"
        return body

    return emit(trie)


class WordStarts:
    """A compiled phrase pattern whose matches must start a word (checked in Python: faster than a
    look-behind, which stops the regex engine from skipping ahead on the first character)."""

    def __init__(self, pattern: str) -> None:
        self.rx = re.compile(pattern)
        self.pattern = pattern

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None):  # type: ignore[no-untyped-def]
        for m in self.rx.finditer(text, pos, len(text) if endpos is None else endpos):
            if m.start() == 0 or not text[m.start() - 1].isalnum():
                yield m

    def search(self, text: str) -> re.Match[str] | None:
        return next(self.finditer(text), None)


def _phrase_rx(phrases: list[str]) -> str:
    return phrase_regex([fold_keep(p) for p in phrases])


def _caps_line(text: str, at: int) -> bool:
    """The line holding ``at`` is an all-capitals header (cells may be glued: "DONNÉESDURÉE")."""
    ls, le = text.rfind("\n", 0, at) + 1, text.find("\n", at)
    line = text[ls : le if le != -1 else len(text)]
    return line.isupper() and len(line) < 300


def _ends_word(text: str, end: int) -> bool:
    """A phrase may end at ``end``: a word boundary, or a case change into a glued next word
    ("faxToute", "SMSLes": table cells that lost their separators)."""
    if end >= len(text) or not text[end].isalnum():
        return True
    prev, nxt = text[end - 1], text[end]
    if prev.islower() and nxt.isupper():
        return True
    return prev.isupper() and nxt.isupper() and end + 1 < len(text) and text[end + 1].islower()


@cache
def _concepts(kind: str) -> tuple[WordStarts, dict[str, str]]:
    """One pattern over all phrases of a lexicon, and folded phrase -> concept (CURIE or label)."""
    lex = lexicon(kind)
    table = lex.get("concepts") or lex.get("phrases") or {}
    index: dict[str, str] = {}
    every: list[str] = []
    for concept, langs in table.items():
        for phrases in langs.values():
            for p in phrases:
                index.setdefault(_squash(fold_keep(p)), concept)
                every.append(p)
    return WordStarts(_phrase_rx(every)), index


def _squash(s: str) -> str:
    return re.sub(r"[\s\-]+", "", s)


@lru_cache(maxsize=1)
def _cues() -> tuple[WordStarts, dict[str, str]]:
    """Section cues of every kind in one pattern; folded cue -> kind."""
    index: dict[str, str] = {}
    every: list[str] = list(_DURATION_CUE.values())
    for kind in KINDS:
        for phrases in lexicon(kind)["sections"].values():
            for p in phrases:
                index.setdefault(_squash(fold_keep(p)), kind)
                every.append(p)
    for p in _DURATION_CUE.values():
        index.setdefault(_squash(fold_keep(p)), "duration")
    return WordStarts(_phrase_rx(every)), index


@lru_cache(maxsize=1)
def special_categories() -> frozenset[str]:
    return frozenset(c.split(":", 1)[1] for c in lexicon("personal_data").get("special") or [])


def sections(text: str, folded: str | None = None) -> dict[str, list[tuple[int, int]]]:
    """Spans (relative to ``text``) of the sections that state each kind of inventory."""
    folded = folded if folded is not None else fold_keep(text)
    pat, index = _cues()
    hits = [(m.start(), m.end(), index.get(_squash(m.group(0)))) for m in pat.finditer(folded)
            if (_ends_word(text, m.end()) or _caps_line(text, m.start())) and not _NOT_A_LIST.search(folded[max(0, m.start() - 25) : m.start()])]
    out: dict[str, list[tuple[int, int]]] = {k: [] for k in (*KINDS, "duration")}
    for s, e, kind in hits:
        if kind is None:
            continue
        ls = folded.rfind("\n", 0, s) + 1
        le = folded.find("\n", e)
        le = len(text) if le == -1 else le
        if kind == "duration" and (le - ls > 200 or s - ls > 40):
            if not _STATES_DURATION.match(folded, e):
                continue  # "during the whole duration of the processing": not a statement of it
            # "the duration of the processing corresponds to the term of the Agreement": the rest of that sentence
            stop = re.search(r"[.;](?:\s|$)", folded[e:le])
            out[kind].append((e, e + (stop.start() if stop else le - e)))
            continue
        if len({k for hs, he, k in hits if ls <= hs < le}) > 1 and le - ls < 400:
            continue  # a title or summary naming several sections ("types of data and categories of subjects")
        if (s - ls > 40 or len(folded[ls:s].split()) > 4) and not re.match(r"[^.:;\n]{0,60}?:", folded[e:le]):
            continue  # mentioned in passing, not a heading or a list opener
        span = _section_after(text, folded, e, ls, le, hits, kind)
        if span:
            out[kind].append(span)
    return out


def table_sections(ag: Agreement) -> dict[str, list[tuple[int, int]]]:
    """Cells (spans relative to the agreement) of table columns headed by a section cue
    ("Categories of data subjects | Categories of personal data")."""
    out: dict[str, list[tuple[int, int]]] = {}
    pat, index = _cues()
    for t in ag.tables:
        kinds = {}
        for j, head in enumerate(t.header):
            m = pat.search(fold_keep(head))
            if m and index.get(_squash(m.group(0))) in KINDS:
                kinds[j] = index[_squash(m.group(0))]
        for i, cells in enumerate(t.rows):
            rs, re_ = t.row_spans[i] if i < len(t.row_spans) else (t.start, t.end)
            for j, kind in kinds.items():
                if j < len(cells) and cells[j].strip():
                    at = ag.doc.text.find(cells[j].strip(), rs, re_ + 1)
                    if at >= 0:
                        out.setdefault(kind, []).append((at - ag.start, at - ag.start + len(cells[j].strip())))
    return out


def _section_after(text: str, folded: str, cue_end: int, ls: int, le: int, hits: list,
                   kind: str | None) -> tuple[int, int] | None:
    if le - ls > 200 or cue_end - ls > 120:  # a cue inside prose: only "cue: item, item." counts
        m = re.match(r"[^.:;\n]{0,60}?:", folded[cue_end:le])
        if not m:
            return None
        start = cue_end + m.end()
        stop = re.search(r"[.;](?:\s|$)", folded[start:le])
        return start, start + (stop.start() if stop else le - start)
    end = le
    pos = le + 1
    lines: list[tuple[int, int]] = []
    while pos < len(text) and len(lines) < 60:
        nl = text.find("\n", pos)
        nl = len(text) if nl == -1 else nl
        lines.append((pos, nl))
        pos = nl + 1
    started, listing = False, False
    blank_run = 0
    for s, e in lines:
        line = text[s:e]
        if not line.strip():
            blank_run += 1
            if started and (not listing or blank_run > 1):
                break
            if blank_run > 4:
                break
            continue
        if any(s <= hs < e and (hk != kind or e - s < 100) for hs, _, hk in hits):
            break  # the next section starts
        is_item = bool(_LIST_ITEM.match(line))
        if not started:
            listing = is_item
        elif listing and not is_item:
            break
        started, blank_run = True, 0
        end = e
    return cue_end, end


_PARTY_REF = re.compile(r"\b(?:du|des|au|aux|of|by|par|pour|from|for|to|del|della|dello|al|dal|dalla|da|dem|der|den|vom|von|"
                        r"por|para|à)\s+(?:(?:the|le|la|l'|l’|il|lo|die|das|el)\s*)?$", re.IGNORECASE)


def _is_party_reference(text: str, start: int, end: int, terms: frozenset[str]) -> bool:
    """A capitalised defined term ("... of the Customer", "du Client") names a party, not data subjects."""
    word = text[start:end]
    if not word[:1].isupper() or word.isupper():
        return False
    return bool(_PARTY_REF.search(text[max(0, start - 14) : start]))


@cache
def _not_after(kind: str) -> dict[str, tuple[str, ...]]:
    table = lexicon(kind).get("not_after") or {}
    return {fold_keep(k): tuple(fold_keep(w) for w in v) for k, v in table.items()}


def _after_excluded(kind: str, folded: str, start: int, phrase: str) -> bool:
    words = _not_after(kind).get(phrase)
    if not words:
        return False
    before = folded[max(0, start - 20) : start].split()
    return bool(before) and before[-1].strip("'") in words


def _match(kind: str, text: str, base: int, spans: list[tuple[int, int]],
           terms: frozenset[str] = frozenset(), folded: str | None = None) -> list[tuple[str, str, int, int]]:
    """(concept, original phrase, start, end) of lexicon phrases inside the spans (absolute offsets)."""
    pat, index = _concepts(kind)
    folded = folded if folded is not None else fold_keep(text)
    out = []
    for s, e in spans:
        for m in pat.finditer(folded, s, e):
            if not _ends_word(text, m.end()):
                continue
            if kind == "data_subjects" and _is_party_reference(text, m.start(), m.end(), terms):
                continue
            if _after_excluded(kind, folded, m.start(), m.group(0)):
                continue
            concept = index.get(_squash(m.group(0)))
            if concept:
                out.append((concept, text[m.start() : m.end()], base + m.start(), base + m.end()))
    return out


def _local(curie: str) -> str:
    return curie.split(":", 1)[1] if ":" in curie else curie


def extract(ag: Agreement, ctx: dict[str, Any]) -> dict[str, Any]:
    text, base = ag.text, ag.start
    folded = fold_keep(text)
    secs = sections(text, folded)
    for kind, spans in table_sections(ag).items():
        secs[kind].extend(spans)
    record = ctx.get("record", {})
    evidence = record.setdefault("evidence", {})
    out: dict[str, Any] = {}
    labels: dict[str, list[str]] = {}
    terms = frozenset(str(t).lower() for t in (ctx.get("defined_terms") or {}))
    # a section headed "data subjects" that lists only data categories (a mislabelled annex row)
    for span in secs["data_subjects"]:
        if not _match("data_subjects", text, base, [span], terms, folded):
            if len({c for c, *_ in _match("personal_data", text, base, [span], folded=folded)}) >= 2:
                secs["personal_data"].append(span)
    for kind in ("personal_data", "data_subjects", "processing"):
        values: list[str] = []
        ev: dict[str, list[int]] = {}
        for concept, phrase, s, e in _match(kind, text, base, secs[kind], terms, folded):
            name = _local(concept)
            if name not in values:
                values.append(name)
                ev[name] = [s, e]
            if kind == "personal_data":
                bucket = labels.setdefault(name, [])
                if phrase not in bucket:
                    bucket.append(phrase)
        out[kind] = values
        if ev:
            evidence[kind] = ev
    out["personal_data_labels"] = labels
    out["special_categories"] = [n for n in out["personal_data"] if n in special_categories()]
    out["purposes"], purposes_text = _purposes(text, base, secs["purposes"], evidence, folded)
    if purposes_text:
        out["purposes_text"] = purposes_text
    out["processing_duration"] = _duration(text, base, secs["duration"], evidence)
    out["retention"] = _retention(text, base, secs["personal_data"], folded)
    return out


def _purposes(text: str, base: int, spans: list[tuple[int, int]], evidence: dict,
              folded: str) -> tuple[list[str], list[str]]:
    found = _match("purposes", text, base, spans, folded=folded)
    labels: list[str] = []
    ev: dict[str, list[int]] = {}
    for label, _, s, e in found:
        if label not in labels:
            labels.append(label)
            ev[label] = [s, e]
    if ev:
        evidence["purposes"] = ev
    items = []
    for s, e in spans:
        for line in text[s:e].split("\n"):
            item = _LIST_ITEM.sub("", line).strip(" :;-")
            if 3 < len(item) < 300:
                items.append(item)
    return labels, items[:20]


def _duration(text: str, base: int, spans: list[tuple[int, int]], evidence: dict) -> str | None:
    for s, e in spans:
        chunk = text[s:e].strip(" :\n")
        if not chunk:
            continue
        durs = find_durations(chunk)
        evidence["processing_duration"] = [base + s, base + e]
        return durs[0].iso if durs else " ".join(chunk.split())[:300]
    return None


def _retention(text: str, base: int, spans: list[tuple[int, int]], folded: str) -> list[dict[str, Any]]:
    """Retention per data category, from rows of the data-category section that state a period."""
    out = []
    for s, e in spans:
        pos = s
        header = text[text.rfind("\n", 0, s) + 1 : s + max(0, text.find("\n", s) - s)]
        column = bool(_RETENTION_CUE.search(header))  # a table with a retention column
        for line in text[s:e].split("\n"):
            ls, pos = pos, pos + len(line) + 1
            durs = find_durations(line)
            if not durs or not (column or _RETENTION_CUE.search(line)):
                continue
            cats = _match("personal_data", text, base, [(ls, ls + len(line))], folded=folded)
            data = re.split(r"[:\u2026]|(?<=[a-zé])(?=[A-Z][a-zé]+ )|(?<=[A-Z])(?=[A-Z][a-zé]+ )", line.strip(),
                            maxsplit=1)[0].strip(" -•")
            out.append({"data": data[:120] or (cats[0][1] if cats else None),
                        "categories": sorted({_local(c[0]) for c in cats}),
                        "period": durs[0].iso, "condition": " ".join(line.split())[:300],
                        "evidence": [base + ls, base + ls + len(line)]})
    return out
