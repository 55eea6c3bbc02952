"""Sentence segmentation that knows legal abbreviations (art., para., n°, Abs., lett., e.g., i.e.,
Inc., S.r.l., z. B., p. ex. ...; list in ``lexicons/structure.yaml``) and document layout.

Boundaries: ".", "!", "?" or ";" followed by a capital, digit, quote or bracket, unless the word
before the stop is an abbreviation or an initial; a blank line; a line break before a bullet or an
item/clause number; a line break after a heading (a numbered or upper-case line, or a short line
with no end punctuation after a blank line). Interface: split_sentences(text, base) -> spans
(cached per text: deadlines, obligations and art28 split each agreement once between them).
"""

from __future__ import annotations

import re
from functools import lru_cache

from contractkg.ingest import pattern_cache
from contractkg.ingest.lexicon import alternation, lexicon

# one leading character class (a stop or a line break) lets the scan skip other characters fast
_STOP = re.compile(r"[.!?;…\n](?:(?<=[.!?;…])(?P<stop>[\"»”’)\]]*\s+(?=[«\"“(\[]?\s*[A-ZÀ-ÖØ-Þ0-9§]))"
                   r"|(?<=\n)(?:(?P<blank>[^\S\n]*\n\s*)|(?P<nl>)(?=[^\S\n]*\S)))")
_BULLET = re.compile(r"[^\S\n]*[-•*·–▪◦]\s")
_ITEM = re.compile(r"[^\S\n]*(?:\(?[a-zA-Z0-9]{1,3}[.)]|\(?[ivxIVX]{1,5}\)|§\s*\d)\s")
_HEADING_LINE = pattern_cache.compile(r"^\s*(?:\(?\d{1,3}(?:[.,]\d{1,3})*[.)]?|[A-Z][.)]|§\s*\d+|"
                                      r"(?:" + alternation("structure", "heading_line_words") + r")\s*\d+)\s+\S.{0,100}$", re.I)
END_PUNCT = ".,;:!?…"
_NUMBER_LABEL = re.compile(r"\s*\(?\d{1,3}(?:\.\d{1,3})*\.?\)?")  # "2.1." opening a line
_INITIAL = re.compile(r"(?:^|[\s(])[A-Za-zÀ-ÿ]\.$")


@lru_cache(maxsize=1)
def _abbreviation_end() -> re.Pattern[str]:
    words = sorted(lexicon("structure")["abbreviations"].split(), key=len, reverse=True)
    alts = "|".join(re.escape(w.rstrip(".")) for w in words)
    return pattern_cache.compile(r"(?:^|[\s(\[/«“\"'’])(?:" + alts + r")\.$", re.I)


def _ends_with_abbreviation(before: str) -> bool:
    tail = before[-16:]
    return bool(_abbreviation_end().search(tail) or _INITIAL.search(tail))


def _ends_with_punct(line: str) -> bool:
    """The line's last non-space character is end or list punctuation."""
    tail = line.rstrip()
    return bool(tail) and tail[-1] in END_PUNCT


def _heading_break(text: str, nl: int, prev_start: int) -> bool:
    """The line ending at ``nl`` is a heading (numbered, upper case, or short and after a blank line)."""
    line = text[prev_start:nl]
    s = line.strip()
    if not s or _ends_with_punct(s):
        return False
    if _HEADING_LINE.match(s) or (s.isupper() and len(s) > 3):
        return True
    after_blank = prev_start <= 1 or text[max(0, prev_start - 2) : prev_start] == "\n\n" or \
        not text[: prev_start].rstrip(" \t").endswith(tuple("abcdefghijklmnopqrstuvwxyz,"))
    nxt = text[nl + 1 : nl + 2]
    return len(s) < 70 and len(s.split()) <= 8 and after_blank and nxt.isupper()


def split_sentences(text: str, base: int = 0) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of ``text``, shifted by ``base``. The split of the last
    few texts is cached, so the extractors that each split one agreement share a single pass."""
    return [(base + s, base + e) for s, e in _split(text)]


@lru_cache(maxsize=16)
def _split(text: str) -> tuple[tuple[int, int], ...]:
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _STOP.finditer(text):
        stop = m.group("stop") is not None
        cut = m.start() + 1 if stop else m.start()  # a stop stays with its sentence
        if stop:
            if _ends_with_abbreviation(text[max(start, cut - 16) : cut]) \
                    or _NUMBER_LABEL.fullmatch(text, text.rfind("\n", 0, cut) + 1, cut):
                continue
        elif m.group("nl") is not None:
            line_start = text.rfind("\n", 0, cut) + 1
            following = text[m.end() : m.end() + 16]
            if not (_BULLET.match(following) or (_ITEM.match(following) and _ends_with_punct(text[line_start:cut]))
                    or _heading_break(text, cut, line_start)):
                continue
        if text[start:cut].strip():
            spans.append((start, cut))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    out = []
    for s, e in spans:
        chunk = text[s:e]
        lead = len(chunk) - len(chunk.lstrip())
        out.append((s + lead, s + len(chunk.rstrip())))
    return tuple(out)
