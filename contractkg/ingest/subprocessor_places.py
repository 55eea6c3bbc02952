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

from contractkg.ingest.countries import fold
from contractkg.ingest.lexicon import lexicon
from contractkg.ingest.subprocessor_rows import countries_in

REGION = "EU"
_CODE = re.compile(r"(?<![A-Za-z])[A-Z]{2}(?![A-Za-z])")


def _alts(words: list[str]) -> str:
    return "|".join(re.escape(fold(w)) for w in sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=1)
def _patterns() -> tuple[list[tuple[re.Pattern[str], str]], re.Pattern[str]]:
    lex = lexicon("tables")
    places = [(re.compile(r"(?<![a-z0-9])(?:" + _alts(names) + r")(?![a-z0-9])"), code)
              for code, names in lex["location_places"].items()]
    words = lex["location_regions"]
    # abbreviations ("EU", "SEE") count in capitals only: "see" is an English word
    caps = "|".join(re.escape(w) for w in words if w.isupper())
    names = _alts([w for w in words if not w.isupper()])
    region = re.compile(rf"(?<![A-Za-z])(?:{caps})(?![A-Za-z])|(?<![a-zA-Z])(?i:{names})(?![a-z])")
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
