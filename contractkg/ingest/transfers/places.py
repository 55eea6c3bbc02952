"""The place a sub-processor's location cell names: a country, else a data-centre city or cloud
region ("UE (Frankfurt)" -> DE), else an upper-case ISO code ("IE/UE" -> IE), else a region of the
EU/EEA ("Regiões UE", "EWR") read as ``EU``.

Only for short location text (a table cell, a parenthesis after a name): in running prose a city
is too often the seat of someone else.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pycountry

from contractkg.ingest import pattern_cache
from contractkg.ingest.lexical.countries import fold
from contractkg.ingest.lexicon import lexicon
from contractkg.ingest.parties.names import country_hints
from contractkg.ingest.transfers.rows import countries_in

REGION = "EU"
_CODE = re.compile(r"(?<![A-Za-z])[A-Z]{2}(?![A-Za-z])")


def _alts(words: list[str]) -> str:
    return "|".join(re.escape(fold(w)) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@lru_cache(maxsize=1)
def _patterns() -> tuple[list[tuple[re.Pattern[str], str]], re.Pattern[str]]:
    lex = lexicon("tables")
    places = [(pattern_cache.compile(r"(?<![a-z0-9])(?:" + _alts(names) + r")(?![a-z0-9])"), code)
              for code, names in lex["location_places"].items()]
    words = lex["location_regions"]
    # abbreviations ("EU", "SEE") count in capitals only: "see" is an English word
    caps = "|".join(re.escape(w) for w in words if w.isupper())
    names = _alts([w for w in words if not w.isupper()])
    region = pattern_cache.compile(rf"(?<![A-Za-z])(?:{caps})(?![A-Za-z])|(?<![a-zA-Z])(?i:{names})(?![a-z])")
    return places, region


def place_of(cell: str) -> str | None:
    """Alpha-2 code (or ``EU``) of the place a short location text names, or None."""
    if not cell or len(cell) > 200:
        return None
    found = countries_in(cell)
    if found:
        return found[0][2]
    f = fold(cell)
    places, region = _patterns()
    hits = [(m.start(), code) for pat, code in places if (m := pat.search(f))]
    if hits:
        return min(hits)[1]
    for m in _CODE.finditer(cell):
        if m.group(0) not in ("EU", "UE") and pycountry.countries.get(alpha_2=m.group(0)):
            return m.group(0)
    return REGION if region.search(cell) or region.search(f) else None


# Address formats that give away the country when an address names none: a German street word and
# a five-digit postcode (Austria and Switzerland have four), the country prefixes of postcodes
# ("D-10119", "L-1855"), Dutch, Portuguese and British postcodes, US states before a ZIP code.
_ADDRESS = [
    (re.compile(r"(?i)(?:stra(?:ß|ss)e|str\.|weg|platz|allee|damm|ring)\s*\d{1,4}[a-z]?(?:[-/]\d{1,4}[a-z]?)?,?\s+\d{5}\s+[A-ZÄÖÜ]"), "DE"),
    (re.compile(r"(?i)\b(?:rue|avenue|boulevard|chemin|allée|quai|impasse)\b[^\n]{1,60}\b\d{5}\s+[A-Z]"), "FR"),
    (re.compile(r"(?i)\b(?:via|viale|piazza|corso|largo)\b[^\n]{1,60}\b\d{5}\s+[A-Z]"), "IT"),
    (re.compile(r"(?i)(?:\bcalle\b|\bc/|\bavenida\b|\bavda\.|\bplaza\b|\bpaseo\b|\bcarrer\b)[^\n]{1,60}\b\d{5}\s+[A-Z]"), "ES"),
    (re.compile(r"\b\d{4}-\d{3}\s+[A-Z][a-zà-ÿ]"), "PT"),
    (re.compile(r"(?:^|[,\n]\s*)\d{4}\s?(?!EU|UE|SA|AG)[A-Z]{2}\s+[A-Z][a-z]"), "NL"),
    (re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b"), "GB"),
]
_PREFIXED = re.compile(r"(?<![\w-])(D|L|F|I|B|A|CH|NL|E|P)-\d{4,5}\b")
_PREFIX_CODE = {"D": "DE", "L": "LU", "F": "FR", "I": "IT", "B": "BE", "A": "AT", "CH": "CH", "NL": "NL", "E": "ES", "P": "PT"}


def address_country(text: str) -> str | None:
    """The country an address's format implies, or None."""
    m = _PREFIXED.search(text)
    if m:
        return _PREFIX_CODE[m.group(1)]
    for rx, code in _ADDRESS:
        if rx.search(text):
            return code
    return country_hints(text)
