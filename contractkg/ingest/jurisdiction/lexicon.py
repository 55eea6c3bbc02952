"""Patterns and look-ups shared by the jurisdiction modules: cue words of jurisdiction.yaml compiled
once, national adjectives, places and language names mapped to codes, and ``country_in``."""

from __future__ import annotations

import re
from functools import lru_cache

from contractkg.ingest import pattern_cache
from contractkg.ingest.lexical.countries import adjectives, alts, find_countries, fold
from contractkg.ingest.lexicon import alternation, lexicon, words

DATA_PROTECTION = pattern_cache.compile(alternation("jurisdiction", "data_protection_words"), re.IGNORECASE)


@lru_cache(maxsize=1)
def patterns() -> dict[str, re.Pattern[str]]:
    lex = lexicon("jurisdiction")
    places = [p for ps in lex["places"].values() for p in ps]
    langs = [w for ws in lex["languages"].values() for w in ws]
    auth = [a for aa in lex["authorities"].values() for a in aa]
    return {
        "law": pattern_cache.compile(rf"(?<![\w])(?:{alts(words('jurisdiction', 'law_words'))})(?![\w])", re.IGNORECASE),
        "verb": pattern_cache.compile(rf"(?<![\w])(?:{alts(words('jurisdiction', 'governing_verbs'))})\w*", re.IGNORECASE),
        "court": pattern_cache.compile(rf"(?<![\w])(?:{alts(words('jurisdiction', 'court_words'))})(?![\w])", re.IGNORECASE),
        "exclusive": pattern_cache.compile(rf"(?<![\w])(?:{alts(words('jurisdiction', 'exclusive_words'))})\w*", re.IGNORECASE),
        "non_exclusive": pattern_cache.compile(rf"(?<![\w])(?:{alts(words('jurisdiction', 'non_exclusive_words'))})\w*", re.IGNORECASE),
        "amicable": pattern_cache.compile(rf"(?<![\w])(?:{alts(words('jurisdiction', 'amicable_words'))})", re.IGNORECASE),
        "seat": pattern_cache.compile(rf"(?<![\w])(?:{alts(words('jurisdiction', 'seat_words'))})(?![\w])", re.IGNORECASE),
        "version": pattern_cache.compile(rf"(?<![\w])(?:{alts(words('jurisdiction', 'version_words'))})(?![\w])", re.IGNORECASE),
        "prevail": pattern_cache.compile(rf"(?<![\w])(?:{alts(words('jurisdiction', 'prevail_words'))})(?![\w])", re.IGNORECASE),
        "language": pattern_cache.compile(rf"(?<![\w])({alts(langs)})(?![\w])", re.IGNORECASE),
        "place": pattern_cache.compile(rf"(?<![\w])({alts(places)})(?![\w])", re.IGNORECASE),
        "adjective": pattern_cache.compile(rf"(?<![\w])({alts(raw_adjectives())})(?![\w])", re.IGNORECASE),
        "authority": pattern_cache.compile(rf"(?<![\w])({alts(auth)})(?![\w])", re.IGNORECASE),
        # heading words and competence stems match anywhere ("Litiges", "Streitigkeiten", "zuständig")
        "heading_law": pattern_cache.compile(alts(words('jurisdiction', 'law_headings')), re.IGNORECASE),
        "heading_court": pattern_cache.compile(alts(words('jurisdiction', 'court_headings')), re.IGNORECASE),
        "competent": pattern_cache.compile(alts(words('jurisdiction', 'competence_words')) + "|:", re.IGNORECASE),
        "actor": pattern_cache.compile(rf"(?<![\w])(?:{alts(words('jurisdiction', 'bound_actors'))})(?![\w])", re.IGNORECASE),
        "court_order": pattern_cache.compile(rf"(?<![\w])(?:{alts(words('jurisdiction', 'court_order_words'))})(?![\w])", re.IGNORECASE),
        "dispute": pattern_cache.compile(rf"(?<![\w])(?:{alts(words('jurisdiction', 'dispute_words'))})(?![\w])", re.IGNORECASE),
    }


def raw_adjectives() -> list[str]:
    """National adjectives as written (accented) and folded, for the pattern; looked up folded."""
    raw = [a for aa in (lexicon("countries").get("adjectives") or {}).values() for a in aa] + list(adjectives())
    raw += [a for aa in (lexicon("jurisdiction").get("law_adjectives") or {}).values() for a in aa]
    return raw + [a + "s" for a in raw if not a.endswith("s")]


@lru_cache(maxsize=1)
def adjective_codes() -> dict[str, str]:
    """Folded adjective -> country: the shared country lexicon's, then the law-specific ones."""
    codes = {fold(a): c for c, aa in (lexicon("jurisdiction").get("law_adjectives") or {}).items() for a in aa}
    codes.update(adjectives())
    return codes


@lru_cache(maxsize=1)
def place_codes() -> dict[str, str]:
    return {fold(p): code for code, ps in lexicon("jurisdiction")["places"].items() for p in ps}


@lru_cache(maxsize=1)
def language_codes() -> dict[str, str]:
    return {fold(w): code for code, ws in lexicon("jurisdiction")["languages"].items() for w in ws}


@lru_cache(maxsize=1)
def authority_codes() -> dict[str, str]:
    return {fold(a): code for code, aa in lexicon("jurisdiction")["authorities"].items() for a in aa}


def country_in(text: str) -> tuple[str, int, int] | None:
    """The first country stated in ``text``: a country name, a national adjective or a place."""
    hits: list[tuple[int, int, str]] = [(s, e, c) for s, e, c in find_countries(text)]
    for m in patterns()["adjective"].finditer(text):
        hits.append((m.start(), m.end(), adjective_code(m.group(1))))
    for m in patterns()["place"].finditer(text):
        hits.append((m.start(), m.end(), place_codes()[fold(m.group(1))]))
    if not hits:
        return None
    s, e, c = min(hits)
    return c, s, e


def adjective_code(word: str) -> str:
    f = fold(word)
    codes = adjective_codes()
    return codes.get(f) or codes[f[:-1]]  # plural: "lois françaises"
