"""Agreement metadata: title, version, date, effective date, term, termination notice, main agreement.

``extract(ag, ctx)`` returns these fields (None when not stated) and puts their spans in
record["evidence"][field]. Durations are ISO 8601 (``P1Y``); dates are ISO (``2024-03-01``)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from contractkg.ingest import pattern_cache
from contractkg.ingest.components import Component
from contractkg.ingest.document import Agreement
from contractkg.ingest.jurisdiction.cues import hits
from contractkg.ingest.jurisdiction.cues import sentence as sentence_span
from contractkg.ingest.lexical.countries import alts, fold
from contractkg.ingest.lexical.durations import find_durations
from contractkg.ingest.lexicon import alternation, lexicon

COTERMINOUS = "coterminous_with_main_agreement"


@lru_cache(maxsize=1)
def _res() -> dict[str, re.Pattern[str]]:
    lex = lexicon("metadata")
    months = [m for ms in lex["months"].values() for m in ms]
    month = rf"(?:{alts(months)})"
    day = r"(?:[0-3]?\d)(?:er|°|º|\.|st|nd|rd|th)?"
    date = (rf"(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})|(?P<dmy>[0-3]?\d[./][01]?\d[./]\d{{4}})|"
            rf"(?P<dtext>{day}\s+(?:de\s+)?{month}\s+(?:de\s+)?\d{{4}})|(?P<mtext>{month}\s+{day},?\s+\d{{4}})")
    return {
        "date": pattern_cache.compile(rf"(?<![\w/.-])(?:{date})(?![\w/])", re.IGNORECASE),
        "month": pattern_cache.compile(month, re.IGNORECASE),
        "version": pattern_cache.compile(rf"(?<![\w])(?:{alts(lex['version_words'])}|v(?=\d))\s*(?:n[°o.]\s*)?[:\-]?\s*"
                                         r"(?P<v>\d+(?:[.\-_]\d+)*[a-z]?)\b", re.IGNORECASE),
        "updated": pattern_cache.compile(rf"(?<![\w])(?:{alts(lex['updated_words'])})\b", re.IGNORECASE),
        "effective": pattern_cache.compile(rf"(?<![\w])(?:{alts(lex['effective_words'])})", re.IGNORECASE),
        "term": pattern_cache.compile(rf"(?<![\w])(?:{alts(lex['term_words'])})", re.IGNORECASE),
        "agreement": pattern_cache.compile(rf"(?<![\w])(?:{alts(lex['agreement_words'])})", re.IGNORECASE),
        "coterminous": pattern_cache.compile(rf"(?<![\w])(?:{alts(lex['coterminous'])})", re.IGNORECASE),
        "notice": pattern_cache.compile(rf"(?<![\w])(?:{alts(lex['notice_words'])})", re.IGNORECASE),
        "terminate": pattern_cache.compile(rf"(?<![\w])(?:{alts(lex['terminate_words'])})", re.IGNORECASE),
        "main_term": pattern_cache.compile(rf"(?<![\w])(?:{alts(lex['main_agreement_terms'])})(?![\w])", re.IGNORECASE),
        "part_of": pattern_cache.compile(rf"(?<![\w])(?i:{alts(lex['part_of_phrases'])})\s*(?P<name>[A-ZÀ-Ý][\w'’\-]*"
                                         r"(?:\s+(?:(?:" + alternation("structure", "title_name_connectors") + r")\s+)?"
                                         r"[A-ZÀ-Ý][\w'’\-]*){0,6})"),
    }


@lru_cache(maxsize=1)
def _month_numbers() -> dict[str, int]:
    return {fold(m).rstrip("."): int(n) for n, ms in lexicon("metadata")["months"].items() for m in ms}


def parse_date(text: str) -> str | None:
    """ISO date of "12 mars 2024", "March 1, 2024", "01.03.2024", "1er mai 2025", "2024-03-01"."""
    m = _res()["date"].search(text)
    if not m:
        return None
    if m.group("iso"):
        return m.group("iso")
    if m.group("dmy"):
        d, mo, y = re.split(r"[./]", m.group("dmy"))
        return _iso(int(y), int(mo), int(d))
    raw = m.group("dtext") or m.group("mtext")
    month = _res()["month"].search(raw)
    if not month:
        return None
    mo = _month_numbers().get(fold(month.group(0)).rstrip("."))
    nums = [int(x) for x in re.findall(r"\d+", raw)]
    year = next((n for n in nums if n > 999), None)
    day = next((n for n in nums if n <= 31), None)
    return _iso(year, mo, day) if year and mo and day else None


def _iso(y: int, m: int, d: int) -> str | None:
    return f"{y:04d}-{m:02d}-{d:02d}" if 1 <= m <= 12 and 1 <= d <= 31 else None


def extract(ag: Agreement, given: Mapping[str, Any]) -> dict[str, Any]:
    evidence: dict[str, Any] = {}
    text = ag.doc.text
    head_lo = 0 if ag.index == 0 else max(0, ag.start - 300)
    head_hi = min(ag.end, ag.start + 1500)
    out: dict[str, Any] = {"title": ag.title or _first_line(ag), "version": None, "date": None, "effective_date": None,
                           "term": None, "termination_notice": None, "main_agreement": None}
    res = _res()
    v = res["version"].search(text, head_lo, head_hi)
    if v:
        out["version"] = v.group("v")
        evidence["version"] = [v.start(), v.end()]
    u = res["updated"].search(text, head_lo, head_hi)
    if u:
        s0, s1 = sentence_span(ag.doc, u.start(), head_lo, head_hi)
        date = parse_date(text[u.start() : s1])
        if date:
            out["date"] = date
            evidence["date"] = [s0, s1]
    for key, finder in (("effective_date", _effective), ("term", _term), ("termination_notice", _notice),
                        ("main_agreement", _main_agreement)):
        found = finder(ag)
        if found:
            out[key] = found[0]
            evidence[key] = [found[1], found[2]]
    return {**out, "evidence": evidence}


COMPONENT = Component("metadata", requires=(), provides=("title", "version", "date", "effective_date", "term",
                                                         "termination_notice", "main_agreement"),
                      run=extract, doc="title, version, dates, term and termination notice")


def _first_line(ag: Agreement) -> str:
    return ag.text.strip().split("\n", 1)[0].strip()[:200] if ag.text.strip() else ""


def _effective(ag: Agreement) -> tuple[str, int, int] | None:
    text = ag.doc.text
    for m in hits(ag.doc, "effective", ag.start, ag.end):
        s0, s1 = sentence_span(ag.doc, m.start(), ag.start, ag.end)
        date = parse_date(text[s0:s1])
        if date:
            return date, s0, s1
    return None


def _term(ag: Agreement) -> tuple[str, int, int] | None:
    text = ag.doc.text
    res = _res()
    for m in hits(ag.doc, "term", ag.start, ag.end):
        s0, s1 = sentence_span(ag.doc, m.start(), ag.start, ag.end)
        durations = find_durations(text[m.end() : min(s1, m.end() + 60)])
        if durations and res["agreement"].search(text, s0, s1):
            return durations[0].iso, s0, s1
    found = hits(ag.doc, "coterminous", ag.start, ag.end)
    if found:
        m = found[0]
        s0, s1 = sentence_span(ag.doc, m.start(), ag.start, ag.end)
        return COTERMINOUS, s0, s1
    return None


def _notice(ag: Agreement) -> tuple[str, int, int] | None:
    """The notice period for terminating: a duration next to "notice" in a sentence about termination."""
    text = ag.doc.text
    res = _res()
    for m in hits(ag.doc, "notice", ag.start, ag.end):
        s0, s1 = sentence_span(ag.doc, m.start(), ag.start, ag.end)
        if not res["terminate"].search(text, s0, s1):
            continue
        window_lo = max(s0, m.start() - 60)
        durations = find_durations(text[window_lo : min(s1, m.end() + 60)])
        if durations:
            best = min(durations, key=lambda d: abs(window_lo + d.start - m.start()))
            return best.iso, s0, s1
    return None


def _main_agreement(ag: Agreement) -> tuple[str, int, int] | None:
    """The agreement this one belongs to: "forms part of the Master Services Agreement"."""
    text = ag.doc.text
    res = _res()
    found = hits(ag.doc, "part_of", ag.start, ag.end)
    m = res["part_of"].match(text, found[0].start()) if found else None
    if m:
        name = re.sub(r"\s+(?:" + alternation("structure", "title_name_tails") + r")\b.*$", "", m.group("name")).strip()
        return name, m.start("name"), m.start("name") + len(name)
    found = hits(ag.doc, "main_term", ag.start, min(ag.end, ag.start + 5000))
    if found:
        return found[0].group(0), found[0].start(), found[0].end()
    return None
