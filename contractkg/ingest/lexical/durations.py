"""Durations written in words or digits (FR/IT/EN/DE/ES/PT/NL) -> ISO 8601 / xsd:duration values.

``find_durations(text)`` returns every duration with its span and a working-days flag;
``qualifier(text)`` names the delay qualifier (without_undue_delay | promptly | timely) it states.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from contractkg.ingest import pattern_cache
from contractkg.ingest.lexical.matching import phrase_regex
from contractkg.ingest.lexicon import lexicon


@dataclass(frozen=True)
class Duration:
    iso: str  # xsd:duration, e.g. "P10D", "PT72H" (weeks are written as days)
    amount: int
    unit: str  # H | D | W | M | Y
    working_days: bool
    start: int
    end: int


def _alt(words: list[str]) -> str:
    """Regex alternation of phrases, longest first; a space or hyphen in a phrase matches either."""
    parts = sorted({w for w in words}, key=lambda w: (-len(w), w))
    return "|".join(re.sub(r"\\[ -]", r"[\\s\\-]+", re.escape(p)) for p in parts)


def flat(entry: Any) -> list[str]:
    """A lexicon entry as one word list: a list as it is, a {language: [words]} block concatenated."""
    if isinstance(entry, dict):
        return [str(w) for words in entry.values() for w in words or []]
    return [str(w) for w in entry or []]


def _compose(template: str, elide: bool, **parts: str) -> str:
    """``template`` with its ``{name}`` slots filled; with ``elide`` a slot's final vowel drops before
    a vowel-initial slot that follows with nothing between ("venti" + "otto" -> "ventotto")."""
    pieces = [parts.get(p[1:-1], p) if p.startswith("{") else p for p in re.split(r"(\{\w+\})", template) if p]
    slots = [p.startswith("{") for p in re.split(r"(\{\w+\})", template) if p]
    for i in range(len(pieces) - 1):
        if elide and slots[i] and slots[i + 1] and pieces[i][-1:] in "aeiou" and pieces[i + 1][:1] in "aeiou":
            pieces[i] = pieces[i][:-1]
    return "".join(pieces)


@lru_cache(maxsize=1)
def number_words() -> dict[str, int]:
    """Every number word of the lexicon, generated from its words, units, tens and hundreds (kept in
    pattern_cache: some thousand compounds)."""
    spec = lexicon("durations")["numbers"]  # keyed by the words themselves, whichever folder gave them
    return pattern_cache.memo("number_words", [json.dumps(spec, sort_keys=True, ensure_ascii=False)], _number_words)


def _number_words() -> dict[str, int]:
    out: dict[str, int] = {}
    for spec in lexicon("durations")["numbers"].values():
        lang: dict[str, int] = {str(w): int(n) for w, n in spec.get("words", {}).items()}
        units, teens = spec.get("units", {}), spec.get("teens", {})
        elide = bool(spec.get("elide"))
        for ten, tv in spec.get("tens", {}).items():
            lang[ten] = tv
            parts = {**units, **(teens if ten in spec.get("tens_with_teens", []) else {})}
            for unit, uv in parts.items():
                for tpl in spec.get("compound", []):
                    lang[_compose(tpl, elide, tens=ten, unit=unit)] = tv + uv
        below = dict(lang)
        for hundred, hv in spec.get("hundreds", {}).items():
            lang[hundred] = hv
            for rest, rv in below.items():
                if 1 < rv < 100 or rest in units:
                    for tpl in spec.get("hundred_compound", []):
                        lang[_compose(tpl, elide, hundred=hundred, rest=rest)] = hv + rv
        for word, n in lang.items():
            out.setdefault(_norm(word), n)
    return out


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, int], dict[str, str], set[str], set[str]]:
    lex = lexicon("durations")
    units = {_norm(w): code for code, words in lex["units"].items() for w in flat(words)}
    working_units = {_norm(w) for w in flat(lex["working_day_units"])}
    for w in working_units:
        units[w] = "D"
    working = {_norm(w) for w in flat(lex["working_markers"])}
    return number_words(), units, working_units, working


def _norm(s: str) -> str:
    return re.sub(r"[\s\-]+", " ", s.strip().lower())


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    lex = lexicon("durations")
    numbers, _, _, _ = _tables()
    words = phrase_regex(list(numbers), sep=r"[\s\-]+")  # a trie: one pass however many number words
    num = rf"(?:\d{{1,4}}|{words})"
    unit_words = [w for ws in lex["units"].values() for w in flat(ws)] + flat(lex["working_day_units"])
    marker = _alt(flat(lex["working_markers"]) + flat(lex["calendar_markers"]))
    return pattern_cache.compile(
        # a number may be glued to an upper-case cell before it ("CRM3 ans", "IPTrois mois")
        rf"(?:(?<![^\W_]|[/.,:])|(?-i:(?<=[A-Z])(?=\d|[A-Z][a-zà-ÿ])))(?P<num>{num})"
        rf"(?:\s*\(\s*(?P<alt>\d{{1,4}}|[^\W\d_]+(?:[\s\-]+[^\W\d_]+){{0,3}})\s*\))?"  # "dix (10)", "10 (ten)"
        r"(?:[*_]{1,3}(?=\s))?"  # Markdown emphasis closing on the number: "**48** hours"
        rf"(?:\s*-\s*|\s+|(?<=\d))"  # "48 hours", "48-hour", "48h"
        rf"(?:(?P<pre>{marker})\s+)?"
        rf"(?P<unit>{_alt(unit_words)})(?![\w])"
        rf"(?:\s+(?P<post>{marker})(?![\w]))?",
        re.IGNORECASE,
    )


def to_iso(amount: int, unit: str) -> str:
    if unit == "H":
        return f"PT{amount}H"
    if unit == "W":
        return f"P{amount * 7}D"
    return f"P{amount}{unit}"


def find_durations(text: str) -> list[Duration]:
    """Every duration in ``text`` (offsets relative to ``text``)."""
    numbers, units, working_units, working = _tables()
    out = []
    for m in _pattern().finditer(text):
        num = m.group("alt") if m.group("alt") and m.group("alt").isdigit() else m.group("num")
        amount = int(num) if num.isdigit() else numbers.get(_norm(num))
        unit_word = _norm(m.group("unit"))
        unit = units.get(unit_word)
        if not amount or unit is None:
            continue  # unknown, or "0" ("18:00h" is a clock time)
        if unit_word == "h" and not m.group("num").isdigit():
            continue  # "h" only after digits
        if unit_word in ("an", "a") and not m.group("num").isdigit() and _norm(m.group("num")) in ("an", "a"):
            continue
        markers = {_norm(x) for x in (m.group("pre"), m.group("post")) if x}
        is_working = unit == "D" and (unit_word in working_units or bool(markers & working))
        out.append(Duration(to_iso(amount, unit), amount, unit, is_working, m.start(), m.end()))
    return out


@lru_cache(maxsize=1)
def _qualifier_patterns() -> list[tuple[str, re.Pattern[str]]]:
    quals = lexicon("durations")["qualifiers"]
    return [(name, pattern_cache.compile(rf"(?<![\w])(?:{_alt(flat(words))})(?![\w])", re.IGNORECASE)) for name, words in quals.items()]


def qualifiers(text: str) -> list[tuple[str, int, int]]:
    """(class, start, end) of every delay qualifier in ``text``; a phrase of a stronger class
    (earlier in the lexicon) hides the weaker phrases inside it ("sans délai" in "sans délai injustifié")."""
    out: list[tuple[str, int, int]] = []
    for name, pat in _qualifier_patterns():
        for m in pat.finditer(text):
            if not any(s <= m.start() < e for _, s, e in out):
                out.append((name, m.start(), m.end()))
    return out


def qualifier(text: str) -> tuple[str, int, int] | None:
    """The strongest delay qualifier in ``text`` (lexicon order), or None."""
    found = qualifiers(text)
    return found[0] if found else None
