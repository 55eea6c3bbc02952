"""Personal-data and data-subject categories, purposes, processing operations, retention.

Only the sections that state what is processed under the agreement are read (an annex list under
"Categories of personal data", a table headed "Catégories de données", an inline list after
"Kategorien betroffener Personen:"), so nouns elsewhere in the text are not reported.
Lexicons (``personal_data``, ``data_subjects``, ``processing``, ``purposes``) map phrases of seven
languages to DPV concepts; matching is case- and accent-insensitive at word boundaries. Where the
sections are is decided in ``inventory_sections``, which matches are no category (examples, glosses,
placeholders, notes, group labels) in ``inventory_filters``, both on the function words of
``lexicons/inventory.yaml`` (``inventory_cues``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache, lru_cache
from typing import Any

from contractkg.ingest.components import Component
from contractkg.ingest.document import Agreement
from contractkg.ingest.inventory.cues import pattern
from contractkg.ingest.inventory.filters import (
    Match,
    completions,
    drop_examples,
    drop_group_labels,
    drop_notes,
    is_agent,
    placeholders,
    refine,
)
from contractkg.ingest.inventory.sections import KINDS, LIST_ITEM, sections, table_sections
from contractkg.ingest.language import detect
from contractkg.ingest.lexical.durations import find_durations
from contractkg.ingest.lexical.matching import (
    WordStarts,
    ends_word,
    fold_keep,
    phrase_regex,
    phrase_rx,
    squash,
)
from contractkg.ingest.lexicon import by_language, lexicon

__all__ = ["KINDS", "WordStarts", "extract", "fold_keep", "phrase_regex", "sections", "squash", "table_sections"]
_squash = squash  # older name, still imported elsewhere
_OPEN_PAREN = re.compile(r"\s*[(\[]\s*")


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
                index.setdefault(squash(fold_keep(p)), concept)
                every.append(p)
    return WordStarts(phrase_rx(every)), index


@lru_cache(maxsize=1)
def special_categories() -> frozenset[str]:
    return frozenset(c.split(":", 1)[1] for c in lexicon("personal_data").get("special") or [])


def _is_party_reference(text: str, folded: str, start: int, end: int, terms: frozenset[str], lang: str | None) -> bool:
    """A capitalised defined term ("... of the Customer", "du Client") names a party, not data
    subjects; a capitalised common noun (German "von Kunden", "der Mitarbeiter") does not."""
    word = text[start:end]
    if not word[:1].isupper() or word.isupper():
        return False
    low = word.lower()
    if not any(low == t or (low.startswith(t) and len(low) - len(t) <= 2) for t in terms or _role_words() if " " not in t):
        return False
    return bool(pattern("party_ref", lang).search(folded, max(0, start - 14), start))


@cache
def _role_words() -> frozenset[str]:
    """Words that name a party's role ("Kunde", "Client") and no group of data subjects ("Nutzer"),
    when the agreement defines no terms."""
    roles = lexicon("roles").get("roles") or {}
    subjects = _concepts("data_subjects")[1]
    return frozenset(w for w in (str(w).lower() for ws in roles.values() for w in by_language(ws))
                     if squash(fold_keep(w)) not in subjects)


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


def _merged(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Spans sorted, overlapping or touching ones (white space between) joined."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1] + 4 and not text[out[-1][1] : s].strip():
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _match(kind: str, text: str, spans: list[tuple[int, int]], terms: frozenset[str] = frozenset(),
           folded: str | None = None, lang: str | None = None) -> list[Match]:
    """(concept, original phrase, start, end) of lexicon phrases inside the spans (offsets in ``text``)."""
    pat, index = _concepts(kind)
    folded = folded if folded is not None else fold_keep(text)
    out = []
    for s, e in spans:
        holes = placeholders(folded, s, e)
        for m in pat.finditer(folded, s, e):
            if not ends_word(text, m.end()) or any(a <= m.start() < b for a, b in holes):
                continue
            if kind == "data_subjects" and (_is_party_reference(text, folded, m.start(), m.end(), terms, lang)
                                            or is_agent(folded, m.start(), lang)):
                continue
            if _after_excluded(kind, folded, m.start(), m.group(0)):
                continue
            concept = index.get(squash(m.group(0)))
            if concept:
                out.append((concept, text[m.start() : m.end()], m.start(), m.end()))
    for concept, s, e in completions(folded, index, spans, lang):
        out.append((concept, text[s:e], s, e))
    return sorted(out, key=lambda m: m[2])


def _categories(kind: str, text: str, folded: str, spans: list[tuple[int, int]], terms: frozenset[str],
                lang: str | None) -> list[Match]:
    """The matches of one kind that name a category (see ``inventory_filters``)."""
    found = _match(kind, text, spans, terms, folded, lang)
    if kind == "data_subjects":
        found = refine(folded, found, len(text), lang)
        starts = {m[2]: next((a for a, b in spans if a <= m[2] < b), 0) for m in found}
        found = drop_examples(folded, found, starts, lang)
    elif kind == "personal_data":
        found = drop_group_labels(text, drop_notes(folded, found, lang), spans)
    out = []
    prev_end = -1
    list_sep, class_note = pattern("list_sep", lang), pattern("class_note")
    for m in found:
        concept, phrase, s, e = m
        gap = text[prev_end:s] if prev_end >= 0 else ""
        classifies = class_note.search(fold_keep(phrase)) and _OPEN_PAREN.fullmatch(gap)
        # "employees of the Customer using the software": a description of the subjects before
        describes = kind == "data_subjects" and prev_end >= 0 and len(gap) < 40 and not list_sep.search(fold_keep(gap))
        prev_end = e
        if not (classifies or describes):  # "prescriptions (health data, special category)": a note on the item before
            out.append(m)
    return out


def _local(curie: str) -> str:
    return curie.split(":", 1)[1] if ":" in curie else curie


def extract(ag: Agreement, given: Mapping[str, Any]) -> dict[str, Any]:
    text, base = ag.text, ag.start
    folded = fold_keep(text)
    lang = ag.language or detect(text)
    secs = sections(text, folded, lang)
    for kind, spans in table_sections(ag).items():
        secs[kind].extend(spans)
    for kind in KINDS:
        secs[kind] = _merged(secs[kind], text)
    evidence: dict[str, Any] = {}
    out: dict[str, Any] = {}
    labels: dict[str, list[str]] = {}
    terms = frozenset(str(t).lower() for t in (given.get("defined_terms") or {}))
    # a section headed "data subjects" that lists only data categories (a mislabelled annex row)
    for span in secs["data_subjects"]:
        if not _match("data_subjects", text, [span], terms, folded, lang):
            if len({c for c, *_ in _match("personal_data", text, [span], folded=folded)}) >= 2:
                secs["personal_data"].append(span)
    secs["personal_data"] = _merged(secs["personal_data"], text)
    for kind in ("personal_data", "data_subjects", "processing"):
        values: list[str] = []
        ev: dict[str, list[int]] = {}
        for concept, phrase, s, e in _categories(kind, text, folded, secs[kind], terms, lang):
            name = _local(concept)
            if name not in values:
                values.append(name)
                ev[name] = [base + s, base + e]
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
    return {**out, "evidence": evidence}


COMPONENT = Component("inventory", requires=("defined_terms",),
                      provides=("personal_data", "data_subjects", "processing", "personal_data_labels",
                                "special_categories", "purposes", "purposes_text", "processing_duration", "retention"),
                      run=extract, doc="personal-data and data-subject categories, purposes, duration, retention")


def _purposes(text: str, base: int, spans: list[tuple[int, int]], evidence: dict,
              folded: str) -> tuple[list[str], list[str]]:
    found = _match("purposes", text, spans, folded=folded)
    labels: list[str] = []
    ev: dict[str, list[int]] = {}
    for label, _, s, e in found:
        if label not in labels:
            labels.append(label)
            ev[label] = [base + s, base + e]
    if ev:
        evidence["purposes"] = ev
    items = []
    for s, e in spans:
        for line in text[s:e].split("\n"):
            item = LIST_ITEM.sub("", line).strip(" :;-")
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
    retention = pattern("retention")
    for s, e in spans:
        pos = s
        header = text[text.rfind("\n", 0, s) + 1 : s + max(0, text.find("\n", s) - s)]
        column = bool(retention.search(fold_keep(header)))  # a table with a retention column
        for line in text[s:e].split("\n"):
            ls, pos = pos, pos + len(line) + 1
            durs = find_durations(line)
            if not durs or not (column or retention.search(folded, ls, ls + len(line))):
                continue
            cats = _match("personal_data", text, [(ls, ls + len(line))], folded=folded)
            first_cell = next((c for c in re.split(r"\s*\|\s*|\t+", line.strip()) if c.strip()), "")
            data = re.split(r"[:\u2026]|(?<=[a-zé])(?=[A-Z][a-zé]+ )|(?<=[A-Z])(?=[A-Z][a-zé]+ )", first_cell,
                            maxsplit=1)[0].strip(" -•")
            out.append({"data": data[:120] or (cats[0][1] if cats else None),
                        "categories": sorted({_local(c[0]) for c in cats}),
                        "period": durs[0].iso, "condition": " ".join(line.split())[:300],
                        "evidence": [base + ls, base + ls + len(line)]})
    return out
