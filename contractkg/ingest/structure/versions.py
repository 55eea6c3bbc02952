"""Language versions: which extracted agreements are translations of one text, and where they differ.

``find_translations(records)`` pairs records in different languages that share parties, structure
(clause numbers that line up) and facts; ``compare_versions(a, b)`` lists the facts they disagree on."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Any

from contractkg.ingest import pattern_cache
from contractkg.ingest.lexical.entities import canonical_key
from contractkg.ingest.lexicon import alternation

THRESHOLD = 0.6
DEADLINE_KEYS = ("breach_notification", "subprocessor_notice", "subprocessor_objection", "audit_notice")


_ANNEX = pattern_cache.compile(r"^(?:" + alternation("structure", "annex_heads") + r")\b\.?\s*",
                               re.IGNORECASE)


def _clauses(record: dict[str, Any]) -> list[str]:
    """Clause numbers with annex labels in one language ("Allegato 1" -> "Annex 1")."""
    return [_ANNEX.sub("Annex ", str(n)) for n in record.get("clause_numbers") or []]


def _named(record: dict[str, Any]) -> set[str]:
    return {p.get("canonical_key") or canonical_key(p["name"])
            for p in record.get("parties") or [] if isinstance(p, dict) and p.get("name")}


def _subprocessors(record: dict[str, Any]) -> set[str]:
    return {canonical_key(s["name"]) for s in record.get("subprocessors") or [] if isinstance(s, dict) and s.get("name")}


def _components(a: dict[str, Any], b: dict[str, Any]) -> list[tuple[float, float]]:
    """(weight, similarity) for each kind of evidence both records allow to compare."""
    parts: list[tuple[float, float]] = [(1.0, float(a.get("kind") == b.get("kind")))]
    pa, pb = _named(a), _named(b)
    if pa or pb:
        parts.append((3.0, len(pa & pb) / len(pa | pb)))
    ca, cb = _clauses(a), _clauses(b)
    if len(ca) >= 3 and len(cb) >= 3:
        parts.append((3.0, SequenceMatcher(None, ca, cb, autojunk=False).ratio()))
    if a.get("governing_law") or b.get("governing_law"):
        parts.append((1.0, float(a.get("governing_law") == b.get("governing_law"))))
    da, db = a.get("deadlines") or {}, b.get("deadlines") or {}
    keys = [k for k in DEADLINE_KEYS if da.get(k) or db.get(k)]
    if keys:
        parts.append((1.0, sum(da.get(k) == db.get(k) for k in keys) / len(keys)))
    sa, sb = _subprocessors(a), _subprocessors(b)
    if sa or sb:
        parts.append((1.0, len(sa & sb) / len(sa | sb)))
    xa, xb = a.get("art28") or {}, b.get("art28") or {}
    elements = [k for k in set(xa) | set(xb) if xa.get(k) or xb.get(k)]
    if elements:
        parts.append((1.0, sum(bool(xa.get(k)) == bool(xb.get(k)) for k in elements) / len(elements)))
    return parts


def similarity(a: dict[str, Any], b: dict[str, Any]) -> float:
    """0..1: how likely two records in different languages are versions of one agreement."""
    if not a.get("language") or a.get("language") == b.get("language"):
        return 0.0
    if a.get("source") == b.get("source") and a.get("span") and a.get("span") == b.get("span"):
        return 0.0
    parts = _components(a, b)
    if len(parts) < 3:  # kind alone (plus one other fact) is too little to tell
        return 0.0
    return sum(w * s for w, s in parts) / sum(w for w, _ in parts)


def find_translations(records: list[dict[str, Any]], threshold: float = THRESHOLD) -> list[tuple[int, int, float]]:
    """(i, j, score) for each pair of records that are language versions of one text, best first;
    each record is paired with at most one record of a given other language."""
    candidates = []
    for i in range(len(records)):
        for j in range(i + 1, len(records)):
            score = similarity(records[i], records[j])
            if score >= threshold:
                candidates.append((i, j, round(score, 3)))
    candidates.sort(key=lambda c: -c[2])
    taken: set[tuple[int, str | None]] = set()
    out = []
    for i, j, score in candidates:
        li, lj = records[i].get("language"), records[j].get("language")
        if (i, lj) in taken or (j, li) in taken:
            continue
        taken |= {(i, lj), (j, li)}
        out.append((i, j, score))
    return out


def compare_versions(a: dict[str, Any], b: dict[str, Any]) -> list[dict[str, Any]]:
    """Facts on which two language versions disagree: {"field", "a", "b"} (and "clause" for clauses)."""
    diffs: list[dict[str, Any]] = []

    def differ(field: str, va: Any, vb: Any) -> None:
        if va != vb:
            diffs.append({"field": field, "a": va, "b": vb})

    for field in ("kind", "governing_law", "prevailing_language", "amicable_settlement_period"):
        differ(field, a.get(field), b.get(field))
    ja, jb = a.get("jurisdiction") or {}, b.get("jurisdiction") or {}
    differ("jurisdiction.country", ja.get("country"), jb.get("country"))
    differ("jurisdiction.exclusive", ja.get("exclusive"), jb.get("exclusive"))
    da, db = a.get("deadlines") or {}, b.get("deadlines") or {}
    for key in sorted(set(da) | set(db)):
        differ("deadlines." + key, da.get(key), db.get(key))
    differ("parties", sorted(_named(a)), sorted(_named(b)))
    differ("subprocessors", sorted(_subprocessors(a)), sorted(_subprocessors(b)))
    xa, xb = a.get("art28") or {}, b.get("art28") or {}
    for key in sorted(set(xa) | set(xb)):
        if bool(xa.get(key)) != bool(xb.get(key)):  # an Art. 28 element stated in one version only
            diffs.append({"field": "art28." + key, "a": xa.get(key), "b": xb.get(key)})
    ca, cb = _clauses(a), _clauses(b)
    for number in [n for n in ca if n not in set(cb)]:
        diffs.append({"field": "clause", "clause": number, "a": "present", "b": "missing"})
    for number in [n for n in cb if n not in set(ca)]:
        diffs.append({"field": "clause", "clause": number, "a": "missing", "b": "present"})
    return diffs


def prevailing_version(records: list[dict[str, Any]], group: list[int]) -> int | None:
    """Index (in ``group``) of the version whose language the texts say prevails, if present."""
    wanted = {records[i].get("prevailing_language") for i in group} - {None}
    if len(wanted) != 1:
        return None
    lang = wanted.pop()
    return next((i for i in group if records[i].get("language") == lang), None)


def link_translations(records: list[dict[str, Any]],
                      pairs: list[tuple[int, int, float]] | None = None) -> list[tuple[int, int, float]]:
    """Mark language versions on the records themselves and return the pairs.

    The later record of a pair gets ``translation_of``: the other record's index among the records
    of the same source file (as kg.py expects), or "source#line" when the versions come from two
    files; both get ``version_differences`` (compare_versions) and ``prevailing_version`` (bool).
    ``pairs`` saves the search when the caller already has them (see contractkg.links)."""
    if pairs is None:
        pairs = find_translations(records)
    for i, j, _score in pairs:
        a, b = records[i], records[j]
        if a.get("source") == b.get("source"):
            same_file = [k for k, r in enumerate(records) if r.get("source") == a.get("source")]
            b["translation_of"] = same_file.index(i)
        else:
            b["translation_of"] = f"{a.get('source')}#{a.get('line')}"
        b["version_differences"] = compare_versions(b, a)
        a["version_differences"] = compare_versions(a, b)
        winner = prevailing_version(records, [i, j])
        if winner is not None:
            a["prevailing_version"], b["prevailing_version"] = winner == i, winner == j
    return pairs
