"""Cue look-up for the deadline windows: word stems of ``lexicons/deadline_windows.yaml`` and
``lexicons/audit.yaml`` (all languages together, matched on accent-folded text), where they occur in
an agreement, and which durations of a sentence can be windows at all."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from contractkg.ingest import pattern_cache
from contractkg.ingest.document import Agreement
from contractkg.ingest.inventory.extractor import WordStarts, fold_keep, phrase_regex
from contractkg.ingest.lexical.durations import Duration, find_durations, flat
from contractkg.ingest.lexicon import alternation, lexicon

# "24 heures sur 24", "24 hours a day", "7 days a week", "de 10 heures à 18 heures": not windows
_NOT_A_WINDOW = pattern_cache.compile(r"^\s*(?:" + alternation("durations", "rate_words") + r"|/|x)\s*\d"
                                      r"|^\s*(?:" + alternation("durations", "round_the_clock_words") + r")\s+(?:7|24)\b"
                                      r"|^\s*(?:" + alternation("durations", "each_words") + r")\s+(?:"
                                      + alternation("durations", "day_week_words") + r")\b"
                                      r"|^\s*(?:" + alternation("durations", "until_words") + r"|-|–)\s*\d{1,2}\s*(?:"
                                      + alternation("durations", "hour_words") + r"|:)",
                                      re.IGNORECASE)
_CLOCK_BEFORE = pattern_cache.compile(r"(?:\b(?:" + alternation("durations", "clock_before_words") + r")|\d{1,2}\s*(?:"
                                      + alternation("durations", "hour_words") + r")\s*"
                                      r"(?:" + alternation("durations", "clock_range_words") + r"|-|–))\s*$", re.IGNORECASE)


def stems(words: list[str], cache: bool = True) -> WordStarts:
    """Pattern over folded text (see ``fold_keep``) matching any of the stems at the start of a word;
    an entry ending in "$" matches only as a whole word ("to$" is not "total", "previo$" not "previous").
    ``cache``: kept in pattern_cache (False when the words include a document's own terms)."""
    prefix = [fold_keep(w) for w in words if not w.endswith("$")]
    whole = [fold_keep(w[:-1]) for w in words if w.endswith("$")]
    parts = (([phrase_regex(prefix, cache=cache)] if prefix else [])
             + ([phrase_regex(whole, cache=cache) + r"(?![a-z0-9])"] if whole else []))
    return WordStarts("|".join(f"(?:{p})" for p in parts) or r"(?!x)x", cache=cache)


@lru_cache(maxsize=1)
def cues() -> dict[str, WordStarts]:
    """"window.group" -> its stems (every language), and "audit.<name>" for the payer words."""
    out = {}
    for window, groups in lexicon("deadline_windows").items():
        for name, words in groups.items():
            out[f"{window}.{name}"] = stems(flat(words))
    audit = lexicon("audit")
    for name, words in audit.items():
        out[f"audit.{name}"] = stems(flat(words))
    return out


@lru_cache(maxsize=512)
def fold(text: str) -> str:
    """``fold_keep`` memoised: the helpers of one sentence fold it once between them."""
    return fold_keep(text)


def has(key: str, text: str) -> re.Match[str] | None:
    """The first cue of ``key`` in ``text`` (any case, any accents)."""
    return cues()[key].search(fold(text))


def windows_durations(sentence: str) -> list[Duration]:
    """Durations of a sentence that can be windows (not clock times, not '24 hours a day')."""
    out = []
    prev_end: int | None = None
    for d in find_durations(sentence):
        after_another, prev_end = prev_end is not None and not sentence[prev_end : d.start].strip(), d.end
        if after_another and not sentence[d.start].isdigit():
            continue  # "a day" in "24 hours a day": the denominator of a rate
        if _NOT_A_WINDOW.search(sentence[d.end : d.end + 12]):
            continue
        if d.unit == "H" and _CLOCK_BEFORE.search(sentence[max(0, d.start - 16) : d.start]):
            continue
        out.append(d)
    return out


def weak_breach(folded: str, start: int = 0, end: int | None = None) -> bool:
    """A word that names a breach only beside a data or security word ("toute violation affectant
    les données"), not a breach of contract or of the law, occurs in ``folded[start:end]``."""
    c = cues()
    for m in c["breach.weak_topic"].finditer(folded, start, end):
        near = folded[m.end() : m.end() + 30]
        w = c["breach.weak_with"].search(near)
        if w and not c["breach.weak_not"].search(near[: w.start()]):
            return True
    return False


# a break starts where its run of white space starts, so each run is scanned once (linear)
_LINE_BREAK = re.compile(r"(?<=[.;:])[ \t]*+\n\s*+|(?<!\s)[ \t]*+\n\s*+(?=§|\d+(?:\.\d+)*\.?\s|[-•*·]\s|\(?[a-z]\)\s|Art|\|)")
_LIST_ITEM = re.compile(r"\s*(?:[-•*·–]\s|\(?[a-z]{1,3}\)\s|\(?\d{1,2}\)\s)")


def split_lines(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """A sentence span cut further where a line ends a sentence or the next line opens a clause or a
    table row."""
    out, start = [], s
    for m in _LINE_BREAK.finditer(text, s, e):
        if text[start : m.start()].strip():
            out.append((start, m.start()))
        start = m.end()
    if text[start:e].strip():
        out.append((start, e))
    return out


def list_leads(text: str, sents: list[tuple[int, int]]) -> list[tuple[int, int] | None]:
    """For each sentence, the lead-in it continues when it is an item of a list ("These audits are:"
    followed by "a) ...", "b) ..."), else None."""
    out: list[tuple[int, int] | None] = []
    lead: tuple[int, int] | None = None
    for s, e in sents:
        item = bool(_LIST_ITEM.match(text, s, e))
        out.append(lead if item else None)
        if text[s:e].rstrip().endswith(":"):
            lead = (s, e)
        elif not item:
            lead = None
    return out


class Sections:
    """The headings over a sentence: its clause and the clauses that contain it (``Agreement.clauses``),
    so that "8. Sub-processors" is the topic of "8.3 The Customer is notified 30 days in advance"."""

    def __init__(self, ag: Agreement, folded: str) -> None:
        """``folded``: the agreement's text folded (``fold_keep``), where the heading lines are read."""
        self.clauses = ag.clauses
        self.starts = [c.start for c in ag.clauses]
        self.base = ag.start
        self.folded = folded
        self._topic: dict[tuple[str, int], int] = {}
        self._by_clause: dict[tuple[tuple[str, ...], int | None], dict[str, int]] = {}

    def _innermost(self, at: int) -> int | None:
        i: int | None = bisect.bisect_right(self.starts, at) - 1
        while i is not None and i >= 0 and not (self.clauses[i].start <= at < self.clauses[i].end):
            i = self.clauses[i].parent
        return i if i is not None and i >= 0 else None

    def _heading(self, i: int) -> str:
        """The heading line of clause ``i`` (folded), with the next line when it holds only a number
        ("Clause 9" over "Use of sub-processors")."""
        start = self.clauses[i].start - self.base
        end = self.folded.find("\n", start, start + 110)
        if end != -1 and end - start < 25:
            end = self.folded.find("\n", end + 1, end + 111)
        return self.folded[start : end if end != -1 else start + 110]

    def _topic_from(self, key: str, i: int | None) -> int:
        if i is None:
            return -1
        if (key, i) not in self._topic:
            here = cues()[key].search(self._heading(i))
            self._topic[key, i] = self.clauses[i].start - self.base if here else self._topic_from(key, self.clauses[i].parent)
        return self._topic[key, i]

    def topics_at(self, keys: tuple[str, ...], offset: int) -> dict[str, int]:
        """For each key, where (relative to the agreement) the nearest heading over ``offset`` that
        names one of its cues starts, or -1."""
        i = self._innermost(self.base + offset)
        if (keys, i) not in self._by_clause:
            self._by_clause[keys, i] = {k: self._topic_from(k, i) for k in keys}
        return self._by_clause[keys, i]


@lru_cache(maxsize=1)
def _combined() -> tuple[WordStarts, dict[str, tuple[str, ...]]]:
    """One pattern over the stems of every cue key, and matched stem -> the keys whose stems it
    starts with (a longer stem implies its shorter prefixes matched too)."""
    lex = lexicon("deadline_windows")
    by_stem: dict[str, set[str]] = {}
    for key in Positions.KEYS:
        window, group = key.split(".")
        for w in flat(lex[window][group]):
            by_stem.setdefault(re.sub(r"[\s\-]+", "", fold_keep(w.rstrip("$")).strip()), set()).add(key)
    keys_of = {stem: tuple(sorted({k for other, ks in by_stem.items() if stem.startswith(other) for k in ks}))
               for stem in by_stem}
    words = [w for key in Positions.KEYS for w in flat(lex[key.split(".")[0]][key.split(".")[1]])]
    return stems(words), keys_of


class Positions:
    """Where each cue occurs in a text, found in one pass per cue, queried by span."""

    KEYS = ("breach.topic", "breach.weak_topic", "breach.action", "subprocessor.topic", "subprocessor.objection",
            "audit.topic", "audit.costs")
    _ANY = ("breach.topic", "breach.weak_topic", "subprocessor.topic", "subprocessor.objection", "audit.topic")

    def __init__(self, text: str) -> None:
        pattern, keys_of = _combined()
        self.folded = fold_keep(text)
        self.starts: dict[str, list[int]] = {k: [] for k in self.KEYS}
        for m in pattern.finditer(self.folded):
            for k in keys_of.get(re.sub(r"[\s\-]+", "", m.group(0)), ()):
                self.starts[k].append(m.start())
        self.all = sorted(x for k in self._ANY for x in self.starts[k])

    def has(self, key: str, s: int, e: int) -> bool:
        xs = self.starts[key]
        i = bisect.bisect_left(xs, s)
        return i < len(xs) and xs[i] < e

    def last(self, key: str, s: int, e: int) -> int:
        """Where the last cue of ``key`` in ``[s, e)`` starts, or -1."""
        xs = self.starts[key]
        i = bisect.bisect_left(xs, e) - 1
        return xs[i] if i >= 0 and xs[i] >= s else -1

    def any(self, s: int, e: int) -> bool:
        i = bisect.bisect_left(self.all, max(0, s - 800))
        return i < len(self.all) and self.all[i] < e

    def breach(self, s: int, e: int) -> bool:
        """A breach is named in ``[s, e)``: a breach word, or a weak one beside a data word."""
        return self.has("breach.topic", s, e) or (self.has("breach.weak_topic", s, e) and weak_breach(self.folded, s, e))
