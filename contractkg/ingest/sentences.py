"""Sentence segmentation that knows legal abbreviations (art., n°, Abs., lett., e.g., Inc., S.r.l.).

Minimal version; the documents issue refines it. Interface: split_sentences(text, base) -> spans."""

from __future__ import annotations

import re

_ABBREV = r"(?:art|arts|para|par|n°|no|nr|abs|lett|let|al|ch|cf|e\.g|i\.e|etc|inc|ltd|s\.r\.l|s\.p\.a|s\.a|sas|co|corp|vs|p|pp|ss|seq|ca|approx|min|max|ex)"
_BOUNDARY = re.compile(r"(?<=[.!?;])\s+(?=[«\"“(\[]?[A-ZÀ-ÖØ-Ý0-9])|\n\s*\n|\n(?=\s*(?:[-•*·–]|\(?[a-z0-9]{1,3}[.)])\s)")
_ENDS_ABBREV = re.compile(r"(?:\b" + _ABBREV + r"|\b[A-Z])\.$", re.IGNORECASE)


def split_sentences(text: str, base: int = 0) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of ``text``, shifted by ``base``."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if _ENDS_ABBREV.search(text[max(start, m.start() - 12) : m.start()]):
            continue
        if text[start : m.start()].strip():
            spans.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    out = []
    for s, e in spans:
        lead = len(text[s:e]) - len(text[s:e].lstrip())
        out.append((base + s + lead, base + e))
    return out
