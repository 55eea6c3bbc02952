"""Country names in every language pycountry knows, as one precompiled pattern -> ISO alpha-2."""

from __future__ import annotations

import gettext
import re
import unicodedata
from functools import lru_cache

import pycountry

from contractkg.ingest.lexicon import lexicon

LOCALES = ["fr", "it", "de", "es", "pt", "nl"]
# Short codes that are ordinary words in some language ("IT", "DE", "US" as a pronoun...).
_AMBIGUOUS = {"it", "de", "us", "in", "es", "be", "to", "no", "am", "is", "at", "by", "me", "la", "ma", "so", "pa", "co"}


def fold(text: str) -> str:
    """Lower case without accents, for matching."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


@lru_cache(maxsize=1)
def names() -> dict[str, str]:
    """folded name -> alpha-2, over English, official and translated names plus the lexicon's extras."""
    out: dict[str, str] = {}
    translators = []
    for lang in LOCALES:
        try:
            translators.append(gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang]))
        except OSError:
            continue
    for c in pycountry.countries:
        base = [c.name, getattr(c, "official_name", None), getattr(c, "common_name", None)]
        for n in [x for x in base if x]:
            out.setdefault(fold(n), c.alpha_2)
            for t in translators:
                out.setdefault(fold(t.gettext(n)), c.alpha_2)
    for code, extra in (lexicon("countries").get("extra_names") or {}).items():
        for n in extra:
            out[fold(n)] = code
    # Drop names of the form "X, Republic of": keep the part before the comma as well.
    for n, code in list(out.items()):
        if ", " in n:
            out.setdefault(n.split(", ")[0], code)
    return out


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    alts = sorted(names(), key=len, reverse=True)
    return re.compile(r"(?<![\w])(" + "|".join(re.escape(a) for a in alts) + r")(?![\w])")


@lru_cache(maxsize=1)
def adjectives() -> dict[str, str]:
    return {fold(a): code for code, adjs in (lexicon("countries").get("adjectives") or {}).items() for a in adjs}


def country_code(name: str) -> str | None:
    """ISO alpha-2 for a country name in any supported language, or an alpha-2/alpha-3 code."""
    f = fold(name.strip().strip(".,;:()"))
    if f in names():
        return names()[f]
    if f in adjectives():
        return adjectives()[f]
    up = name.strip().upper()
    if len(up) == 2 and pycountry.countries.get(alpha_2=up) and up.lower() not in _AMBIGUOUS:
        return up
    if len(up) == 3 and up.isalpha() and name.strip().isupper():
        c = pycountry.countries.get(alpha_3=up)
        return c.alpha_2 if c else None
    return None


def find_countries(text: str) -> list[tuple[int, int, str]]:
    """(start, end, alpha-2) of every country name in ``text``; offsets refer to ``text``.

    Folding keeps length for Latin text, so offsets map back; where it does not, the match is dropped."""
    folded = fold(text)
    if len(folded) != len(text):
        folded = "".join(fold(ch) or "\x00" if len(fold(ch)) <= 1 else fold(ch)[0] for ch in text)
    return [(m.start(), m.end(), names()[m.group(1)]) for m in _pattern().finditer(folded)]
