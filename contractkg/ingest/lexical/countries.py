"""Country names in every language pycountry knows, as one precompiled pattern -> ISO alpha-2."""

from __future__ import annotations

import gettext
import re
import unicodedata
from functools import lru_cache

import pycountry

from contractkg.ingest import pattern_cache
from contractkg.ingest.lexicon import digest as lexicon_digest
from contractkg.ingest.lexicon import lexicon

LOCALES = ["fr", "it", "de", "es", "pt", "nl"]
# Short codes that are ordinary words in some language ("IT", "DE", "US" as a pronoun...).
_AMBIGUOUS = {"it", "de", "us", "in", "es", "be", "to", "no", "am", "is", "at", "by", "me", "la", "ma", "so", "pa", "co"}


def fold(text: str) -> str:
    """Lower case without accents, for matching."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


@lru_cache(maxsize=1)
def names() -> dict[str, str]:
    """folded name -> alpha-2, over English, official and translated names plus the lexicon's extras
    (kept in pattern_cache: reading pycountry's translations is a fixed cost of each process)."""
    return pattern_cache.memo("country_names", [lexicon_digest(), getattr(pycountry, "__version__", "?"), *LOCALES],
                              _names)


def _names() -> dict[str, str]:
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
    return pattern_cache.compile(r"(?<![\w])(" + trie_regex(list(names())) + r")(?![\w])")


def trie_regex(words: list[str], flexible: bool = False, cache: bool = True) -> str:
    """A regex matching any of ``words``, factorised by common prefixes (fast with thousands of words);
    longer words are tried before their prefixes. ``flexible``: a space matches any run of white
    space and an apostrophe either form (' or ’). ``cache``: kept in pattern_cache (False for words of
    one document, such as its party names)."""
    if not cache:
        return _trie(words, flexible)
    return pattern_cache.memo("trie_regex", [str(flexible), *words], lambda: _trie(words, flexible))


def _trie(words: list[str], flexible: bool) -> str:
    trie: dict = {}
    for w in words:
        if not w:
            continue
        node = trie
        if flexible:
            w = re.sub(r"\s+", " ", w.replace("’", "'"))
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def esc(ch: str) -> str:
        if flexible and ch == " ":
            return r"\s+"
        if flexible and ch == "'":
            return "['’]"
        return re.escape(ch)

    def build(node: dict) -> str:
        branches = [esc(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        group = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:  # a word ends here: what follows is optional (greedy: longest first)
            return f"(?:{group})?"
        return group

    return build(trie)


def alts(words: list[str]) -> str:
    """Regex alternation as a prefix trie; spaces match any white space, apostrophes either form."""
    return trie_regex([w.strip() for w in words if w and w.strip()], flexible=True)


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

    Folding is done character by character (length-preserving), so offsets map back."""
    folded = text.translate(_fold_table())
    return [(m.start(), m.end(), names()[m.group(1)]) for m in _pattern().finditer(folded)]


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    """One character -> one folded character (lower case, no accent; "\x00" when nothing is left)."""
    table = {}
    for code in [*range(0x250), *range(0x2000, 0x2070), *range(0x20A0, 0x20D0)]:
        ch = chr(code)
        f = fold(ch)
        table[code] = f[0] if f else ("\x00" if not ch.isspace() else ch)
    return table


@lru_cache(maxsize=1)
def _address_res() -> list[tuple[re.Pattern[str], str]]:
    """(pattern, country) tried in order on an address that names no country."""
    lex = lexicon("countries")
    out = []
    prefixes = lex.get("postcode_prefixes") or {}
    out += [(pattern_cache.compile(rf"(?<![\w-]){re.escape(p)}[-‑]\d{{4,5}}\b"), c) for p, c in prefixes.items()]
    out += [(pattern_cache.compile(rf"(?<![\w-]){shape}(?![\w-])"), c) for c, shape in (lex.get("postcode_shapes") or {}).items()]
    for code, words in (lex.get("street_words") or {}).items():
        street = trie_regex([_fold_ss(w) for w in words])
        # German street words end compounds ("Hauptstraße"); the others start a word
        lead = r"(?<=[a-z])|(?<![\w])" if code == "DE" else r"(?<![\w])"
        # the street word and a five-digit postcode in the same address
        out.append((pattern_cache.compile(rf"(?:{lead})(?:{street})(?![\w])[^\n]{{0,80}}?(?<![\w-])\d{{5}}(?![\w-])"), code))
    for code, names in (lex.get("regions") or {}).items():
        out.append((pattern_cache.compile(rf"(?<![\w])(?:{trie_regex([_fold_ss(n) for n in names])})(?![\w])"), code))
    return out


def _fold_ss(text: str) -> str:
    return fold(text.replace("ß", "ss"))


def address_country(address: str) -> str | None:
    """Country of an address that names none: a postcode prefix ("CH-8000"), a postcode shape of one
    country ("1234-567", "1234 AB"), a five-digit postcode beside a street word ("Hauptstraße 1,
    12345 Ort"), or a canton or Land ("3700 Spiez BE" is not enough; "8001 Zürich" is)."""
    folded = _fold_ss(address)
    n_exact = _n_exact()
    for i, (rx, code) in enumerate(_address_res()):
        # prefixes and shapes are read on the text as written (capitals matter), the rest folded
        if rx.search(address if i < n_exact else folded):
            return code
    return None


def _n_exact() -> int:
    lex = lexicon("countries")
    return len(lex.get("postcode_prefixes") or {}) + len(lex.get("postcode_shapes") or {})
