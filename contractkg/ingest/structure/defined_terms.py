"""Defined terms: « Sous-traitant » ou « X »; (di seguito “Fornitore”); (the "Processor");
hereinafter "Client"; im Folgenden „Auftragnehmer“; (en adelante, el "Encargado").

``find_definitions(text)`` returns each definition with its terms and the span of the
definition marker, so callers can look at the phrase just before it (the thing defined)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from contractkg.ingest import pattern_cache
from contractkg.ingest.lexical.countries import trie_regex
from contractkg.ingest.lexicon import alternation, by_language, lexicon

_DQ = "«»“”\"„‹›"
# a double-quoted term, or a single-quoted one (‘X’): content without quotes or parentheses
TERM = rf"(?:[«“\"„‹]\s*([^{_DQ}\n()]{{1,60}}?)\s*[»”\"“›]|‘\s*([^‘’{_DQ}\n()]{{1,60}}?)\s*’)"


@dataclass(frozen=True)
class Definition:
    terms: tuple[str, ...]  # as written, without quotes
    start: int  # start of the marker ("(" or "ci-après") or first quote
    end: int  # end of the last quote (or of the closing parenthesis)
    in_parens: bool


def _alts(words: list[str]) -> str:
    return trie_regex([w.strip() for w in words if w.strip()], flexible=True)


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    lex = lexicon("defined_terms")
    marker = _alts(lex["markers"])
    article = _alts(lex["articles"])
    joiner = _alts(lex["joiners"])
    term = TERM
    # one quoted term, optionally preceded by an article ("le « Client »", "the "Processor"")
    one = rf"(?:(?:{article})\s*)?{term}"
    terms = rf"{one}(?:\s*(?:,|;|/|(?:{joiner})\b)\s*{one}){{0,5}}"
    lead = rf"(?:(?<![\w])(?:{marker})\w{{0,2}}\b[\s,:]*|\(\s*(?:(?:{marker})\w{{0,2}}\b[\s,:]*)?)"
    return pattern_cache.compile(rf"(?P<lead>{lead})(?P<terms>{terms})(?P<close>\s*\))?", re.IGNORECASE)


@lru_cache(maxsize=1)
def _bare_role_pattern() -> re.Pattern[str]:
    """"(the Processor)", "(l'importateur de données)": an unquoted role word alone in parentheses."""
    lex = lexicon("defined_terms")
    roles = [w for ws in lexicon("roles")["roles"].values() for w in by_language(ws)]
    return pattern_cache.compile(rf"\(\s*(?:(?:{_alts(lex['markers'])})\w{{0,2}}\b[\s,:]*)?(?:(?:{_alts(lex['articles'])})\s*)?"
                                 rf"(?P<term>{_alts(roles)})\s*\)", re.IGNORECASE)


@lru_cache(maxsize=1)
def _bare_name_pattern() -> re.Pattern[str]:
    """"(hereinafter Acme)", "(hierna: Kievit)", "(nachfolgend Anbieter)": after a marker, an unquoted
    capitalised name of up to four words closes the parenthesis (no marker: "(Germany)" defines nothing)."""
    lex = lexicon("defined_terms")
    word = r"(?-i:[A-ZÀ-ÖØ-Ý])[\w.&'’\-]*"  # capitalised whatever the flags
    return pattern_cache.compile(rf"\(\s*(?:{_alts(lex['markers'])})\w{{0,2}}\b[\s,:]*(?:(?:{_alts(lex['articles'])})\s+)?"
                                 rf"(?P<term>{word}(?:[ \t]+{word}){{0,3}})\s*\)", re.IGNORECASE)


@lru_cache(maxsize=1)
def _marker_role_pattern() -> re.Pattern[str]:
    """"Acme GmbH, hereinafter the Processor, ...", "ci-après le Prestataire ;": a marker and a role word
    outside parentheses, up to the next comma, semicolon, full stop or conjunction."""
    lex = lexicon("defined_terms")
    roles = [w for ws in lexicon("roles")["roles"].values() for w in by_language(ws)]
    return pattern_cache.compile(rf"(?:{_alts(lex['adverbs'])})(?:\s+(?:{_alts(lex['markers'])}))?\w{{0,2}}\b[\s,:]*"
                                 rf"(?:(?:{_alts(lex['articles'])})\s*)?"
                                 rf"(?P<term>{_alts(roles)})(?=(?:\s+(?:{_alts(lex['markers'])}))?"  # "... Auftragnehmer genannt,"
                                 rf"\s*(?:[,;.]|$|\s(?:and|et|e|und|y|en|ed)\s))", re.IGNORECASE)


@lru_cache(maxsize=1)
def _term_re() -> re.Pattern[str]:
    return pattern_cache.compile(TERM)


# « le Prestataire » defines "Prestataire"; the article is not part of the term.
_LEADING_ARTICLE = pattern_cache.compile(r"^(?:(?:" + alternation("defined_terms", "leading_articles") + r")\s+|l['’])(?=\w)", re.IGNORECASE)
_LETTER = re.compile(r"[^\W\d_]")


def find_definitions(text: str, base: int = 0) -> list[Definition]:
    """Every party-style definition in ``text``; offsets shifted by ``base``."""
    out: list[Definition] = []
    for m in _matches(text):
        terms = tuple((a or b).strip(" .,;:*_") for a, b in _term_re().findall(m.group("terms")))  # "**X**" too
        terms = tuple(_LEADING_ARTICLE.sub("", t) for t in terms if _LETTER.search(t) and len(t.split()) <= 6)
        if not terms:
            continue
        in_parens = m.group("lead").lstrip().startswith("(")
        if in_parens and not m.group("close") and not _closes_soon(text, m.end()):
            # "(« X » ..." that never closes is a quotation, not a definition
            continue
        out.append(Definition(terms, base + m.start(), base + m.end(), in_parens))
    bare, named = _bare_role_pattern(), _bare_name_pattern()
    for paren in _PAREN.finditer(text):
        bm = bare.match(text, paren.start()) or named.match(text, paren.start())
        if bm:
            out.append(Definition((bm.group("term"),), base + bm.start(), base + bm.end(), True))
    taken = [(d.start - base, d.end - base) for d in out]
    for pos in _adverb_positions(text):
        rm = _marker_role_pattern().match(text, pos)
        if rm and rm.group("term")[:1].isupper() and not any(s <= rm.start() < e for s, e in taken):
            out.append(Definition((rm.group("term"),), base + rm.start(), base + rm.end(), False))
    out.sort(key=lambda d: d.start)
    return out


_OPEN_QUOTE = re.compile(r"[«“\"„‹‘]")
_PAREN = re.compile(r"\(")


def _matches(text: str) -> list[re.Match[str]]:
    """Definition matches, looked for only around opening quotes (a definition's lead is at most
    ~90 characters before its first quote): far fewer positions than the whole text."""
    windows: list[list[int]] = []
    for q in _OPEN_QUOTE.finditer(text):
        lo, hi = max(0, q.start() - 90), q.start() + 300
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = hi
        else:
            windows.append([lo, hi])
    out: list[re.Match[str]] = []
    for lo, hi in windows:
        for m in _pattern().finditer(text, lo, min(hi, len(text))):
            if not out or m.start() >= out[-1].end():
                out.append(m)
    return out


def _adverb_positions(text: str) -> list[int]:
    """Where a marker standing outside parentheses starts (not "(hereinafter ..."): found with str.find,
    much faster than a regex scan of the whole text."""
    low = text.lower()
    out = set()
    for adverb in lexicon("defined_terms")["adverbs"]:
        pos = low.find(adverb)
        while pos != -1:
            if pos == 0 or not (low[pos - 1].isalnum() or low[pos - 1] in "_("):
                out.add(pos)
            pos = low.find(adverb, pos + 1)
    return sorted(out)


def _closes_soon(text: str, pos: int) -> bool:
    nxt = text[pos : pos + 80]
    i, j = nxt.find(")"), nxt.find("(")
    return i != -1 and (j == -1 or i < j)


def norm_term(term: str) -> str:
    """Lower case, single spaces, straight apostrophes: the key of ctx["defined_terms"]."""
    return re.sub(r"\s+", " ", term.replace("’", "'")).strip().lower()
