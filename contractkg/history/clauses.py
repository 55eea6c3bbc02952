"""Clause alignment between two versions, and word-level diffs (difflib).

Clauses are paired in passes: identical text first (a clause moved or renumbered is no change),
then the same heading, then the same number, then the most similar remaining text. A pair whose
text differs is a changed clause; an unpaired clause was added or removed."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher

from contractkg.history.adapter import Clause

SIMILAR = 0.5  # least text similarity for a pair found by the last pass
_WORDS = re.compile(r"\S+")


@dataclass
class ClausePair:
    old: Clause | None
    new: Clause | None

    @property
    def changed(self) -> bool:
        return self.old is None or self.new is None or self.old.text != self.new.text


def _heading_key(c: Clause) -> str:
    return " ".join(c.heading.casefold().split())


def align(old: list[Clause], new: list[Clause]) -> list[ClausePair]:
    """Pairs in the new version's order, then the removed clauses in the old order."""
    left, right = dict(enumerate(old)), dict(enumerate(new))
    pairs: dict[int, int] = {}  # new index -> old index

    def match(key: Callable[[Clause], str | None]) -> None:
        by_key: dict[str, list[int]] = {}
        for i, c in left.items():
            k = key(c)
            if k:
                by_key.setdefault(k, []).append(i)
        for j, c in list(right.items()):
            k = key(c)
            if k and by_key.get(k):
                i = by_key[k].pop(0)
                pairs[j] = i
                del left[i], right[j]

    match(lambda c: c.text or None)
    match(lambda c: _heading_key(c) or None)
    match(lambda c: c.number)
    words = {id(c): c.text.split() for c in (*left.values(), *right.values())}
    for j, c in list(right.items()):
        scored = [(_similarity(words[id(o)], words[id(c)]), i) for i, o in left.items()]
        if scored:
            best, i = max(scored)
            if best >= SIMILAR:
                pairs[j] = i
                del left[i], right[j]
    out = [ClausePair(old[pairs[j]] if j in pairs else None, c) for j, c in enumerate(new)]
    return out + [ClausePair(c, None) for c in left.values()]


def _similarity(a: list[str], b: list[str]) -> float:
    """Word-level similarity (0..1); the cheap upper bounds first, so unrelated clauses cost little."""
    m = SequenceMatcher(None, a, b, autojunk=False)
    if m.real_quick_ratio() < SIMILAR or m.quick_ratio() < SIMILAR:
        return 0.0
    return m.ratio()


def word_diff(before: str, after: str) -> list[tuple[str, str]]:
    """(op, words) segments: op is "=", "-" or "+"."""
    a, b = _WORDS.findall(before), _WORDS.findall(after)
    out: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append(("=", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(("-", " ".join(a[i1:i2])))
        if j2 > j1:
            out.append(("+", " ".join(b[j1:j2])))
    return out


def compact(segments: list[tuple[str, str]], context: int = 6) -> str:
    """One line: unchanged runs cut to ``context`` words each side, "[-old-]{+new+}" marks."""
    parts = []
    for k, (op, words) in enumerate(segments):
        if op == "-":
            parts.append(f"[-{words}-]")
        elif op == "+":
            parts.append(f"{{+{words}+}}")
        else:
            w = words.split()
            first, last = k == 0, k == len(segments) - 1
            if len(w) > 2 * context or (first and len(w) > context) or (last and len(w) > context):
                head = [] if first else w[:context]
                tail = [] if last else w[-context:]
                parts.append(" ".join(head + ["…"] + tail))
            else:
                parts.append(words)
    return " ".join(parts)
