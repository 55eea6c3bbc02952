"""Text helpers for lexicon matching: accent folding that keeps offsets, trie-factored phrase
patterns, word-boundary checks that tolerate cells glued together by lost separators."""

from __future__ import annotations

import re
import unicodedata

from contractkg.ingest import pattern_cache

_FOLD: dict[int, str] = {}


def _fold_char(ch: str) -> str:
    if ch in "’‘`´":
        return "'"
    f = unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode().lower()
    return f[:1] if f else (ch.lower() if len(ch.lower()) == 1 else " ")


def fold_keep(text: str) -> str:
    """Lower case, accents and typographic quotes removed, same length as ``text`` (offsets hold)."""
    for ch in set(text) - set(map(chr, _FOLD)):
        _FOLD[ord(ch)] = _fold_char(ch)
    return text.translate(_FOLD)


_SEP = "\x00"  # a space or hyphen inside a phrase: matches any run of them, or none


def phrase_regex(phrases: list[str], sep: str = r"[\s\-]*", cache: bool = True) -> str:
    """A regex matching any of ``phrases`` (lower case), factored as a trie so one pass stays fast.
    ``cache``: kept in pattern_cache (False for phrases of one document)."""
    if not cache:
        return _phrase_trie(phrases, sep)
    return pattern_cache.memo("phrase_regex", [sep, *phrases], lambda: _phrase_trie(phrases, sep))


def _phrase_trie(phrases: list[str], sep: str) -> str:
    trie: dict = {}
    for p in phrases:
        node = trie
        for tok in re.sub(r"[\s\-]+", _SEP, p.strip().lower()):
            node = node.setdefault(tok, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [(sep if tok == _SEP else re.escape(tok)) + emit(child) for tok, child in sorted(node.items()) if tok]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node:
            return "(?:" + body + ")?"
        return body

    return emit(trie)


class WordStarts:
    """A compiled phrase pattern whose matches must start a word (checked in Python: faster than a
    look-behind, which stops the regex engine from skipping ahead on the first character)."""

    def __init__(self, pattern: str, cache: bool = True) -> None:
        self.rx = pattern_cache.compile(pattern) if cache else re.compile(pattern)  # cache: built from the lexicons
        self.pattern = pattern

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None):
        for m in self.rx.finditer(text, pos, len(text) if endpos is None else endpos):
            if m.start() == 0 or not text[m.start() - 1].isalnum():
                yield m

    def search(self, text: str) -> re.Match[str] | None:
        return next(self.finditer(text), None)


def phrase_rx(phrases: list[str]) -> str:
    return phrase_regex([fold_keep(p) for p in phrases])


def caps_line(text: str, at: int) -> bool:
    """The line holding ``at`` is an all-capitals header (cells may be glued: "DONNÉESDURÉE")."""
    ls, le = text.rfind("\n", 0, at) + 1, text.find("\n", at)
    line = text[ls : le if le != -1 else len(text)]
    return line.isupper() and len(line) < 300


def ends_word(text: str, end: int) -> bool:
    """A phrase may end at ``end``: a word boundary, or a case change into a glued next word
    ("faxToute", "SMSLes": table cells that lost their separators)."""
    if end >= len(text) or not text[end].isalnum():
        return True
    prev, nxt = text[end - 1], text[end]
    if prev.islower() and nxt.isupper():
        return True
    return prev.isupper() and nxt.isupper() and end + 1 < len(text) and text[end + 1].islower()


def squash(s: str) -> str:
    return re.sub(r"[\s\-]+", "", s)
