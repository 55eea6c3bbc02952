"""One pass per document over the lower-cased text: every cue word jurisdiction.py and metadata.py
look for (law, court, version, notice ...), and the sentence boundaries, indexed for range look-ups."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import Any

from contractkg.ingest import pattern_cache
from contractkg.ingest.lexical.countries import trie_regex
from contractkg.ingest.lexicon import by_language, lexicon


def _groups() -> dict[str, list[str]]:
    jur = lexicon("jurisdiction")
    meta = lexicon("metadata")
    return {
        "law": by_language(jur["law_words"]), "court": by_language(jur["court_words"]),
        "version": by_language(jur["version_words"]), "amicable": by_language(jur["amicable_words"]), "authority": [a for aa in jur["authorities"].values() for a in aa],
        "effective": meta["effective_words"], "term": meta["term_words"], "coterminous": meta["coterminous"],
        "notice": meta["notice_words"], "main_term": meta["main_agreement_terms"], "part_of": meta["part_of_phrases"],
        "means": lexicon("defined_terms")["means"],
    }


_STEMS = {"amicable"}  # stems ("amiable" -> "amiablement") may continue; other cues are whole words


def _norm(word: str) -> str:
    return re.sub(r"\s+", " ", word.lower().replace("’", "'"))


@lru_cache(maxsize=1)
def _kinds() -> dict[str, str]:
    """cue word -> kind (the first group listing a word keeps it)."""
    kinds: dict[str, str] = {}
    for kind, words in _groups().items():
        for w in words:
            kinds.setdefault(_norm(w), kind)
    return kinds


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    return pattern_cache.compile(r"(?<![\w])(?:" + trie_regex(list(_kinds()), flexible=True) + ")")


_SENT_END = re.compile(r"[.!?](?=\s+[A-ZÀ-Ý«“\"(•\-\d])|;\s|\n")
_LAST_WORD = re.compile(r"[\w°]*$")
# Words a dot follows without ending the sentence ("art. 28", "Acme Inc. (the ...").
_ABBREV = {"art", "arts", "no", "nr", "n°", "ch", "al", "cf", "inc", "ltd", "str", "st", "co", "corp", "abs", "lett",
           "par", "p", "pp", "e.g", "i.e", "etc", "vs", "dr", "mr", "mme", "m", "sa", "spa", "srl", "ste", "pty", "llc"}


_WRAP_MIN = 50  # a line at least this long, ending mid-sentence, was hard-wrapped
_NOT_CONTINUATION = tuple("-*•#|>([") + tuple("0123456789")


def _wrapped(text: str, nl: int) -> bool:
    """The line break at ``nl`` wraps a sentence ("... conforme a la legislación\nespañola ..."): the
    line does not end in punctuation, the next one goes on (lower case, or after a long line) and
    is not a list item, heading or table row."""
    nxt = text[nl + 1 : nl + 2]
    if not nxt or nxt.isspace() or nxt in _NOT_CONTINUATION:
        return False
    start = text.rfind("\n", 0, nl) + 1
    line = text[start:nl].rstrip()
    if not line or line[-1] in ".;:!?|*_":
        return False
    return nxt.islower() or (nl - start >= _WRAP_MIN and not line.lstrip().startswith(("#", "|", "-", "*", "•")))


class Cues:
    """Cue hits and sentence ends of one document."""

    def __init__(self, text: str) -> None:
        low = text.lower()
        if len(low) != len(text):  # a few characters lower-case to two; keep offsets exact
            low = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
        self.lower = low
        self.hits: dict[str, list[tuple[int, int]]] = {k: [] for k in _groups()}
        kinds = _kinds()
        for m in _pattern().finditer(low):
            kind = kinds.get(_norm(m.group(0)))
            if kind is None or (kind not in _STEMS and m.end() < len(low) and (low[m.end()].isalnum() or low[m.end()] == "_")):
                continue
            self.hits[kind].append((m.start(), m.end()))
        ends = []
        for m in _SENT_END.finditer(text):
            if text[m.start()] == "\n" and _wrapped(text, m.start()):
                continue
            if text[m.start()] == ".":
                last = _LAST_WORD.search(text, max(0, m.start() - 12), m.start())
                assert last is not None  # _LAST_WORD matches the empty string at the end at least
                w = last.group(0).lower()
            else:
                w = ""
            if w in _ABBREV or (len(w) == 1 and w.isalpha()):
                continue
            ends.append(m.end())
        self.ends = ends
        self._starts = {k: [s for s, _ in v] for k, v in self.hits.items()}

    def find(self, kind: str, lo: int, hi: int) -> list[tuple[int, int]]:
        """Hits of ``kind`` starting in [lo, hi)."""
        starts = self._starts[kind]
        i, j = bisect.bisect_left(starts, lo), bisect.bisect_left(starts, hi)
        return self.hits[kind][i:j]

    def sentence(self, pos: int, lo: int, hi: int, text: str) -> tuple[int, int]:
        """(start, end) of the sentence or line holding ``pos``, clipped to [lo, hi)."""
        i = bisect.bisect_right(self.ends, pos)
        start = self.ends[i - 1] if i > 0 else 0
        end = self.ends[i] if i < len(self.ends) else len(text)
        start, end = max(start, lo, pos - 600), min(end, hi, pos + 800)
        while start < end and text[start].isspace():
            start += 1
        return start, end


def cues(doc: Any) -> Cues:
    """The cue index of ``doc`` (built once per document)."""
    return doc.memo("jurisdiction_cues", lambda: Cues(doc.text))


class Hit:
    """A cue hit shaped like a regex match (start(), end(), group(0) as written in the text)."""

    __slots__ = ("_s", "_e", "_text")

    def __init__(self, text: str, start: int, end: int) -> None:
        self._s, self._e, self._text = start, end, text

    def start(self, _group: int = 0) -> int:
        return self._s

    def end(self, _group: int = 0) -> int:
        return self._e

    def group(self, _group: int = 0) -> str:
        return self._text[self._s : self._e]


def hits(doc: Any, kind: str, lo: int, hi: int) -> list[Hit]:
    return [Hit(doc.text, s, e) for s, e in cues(doc).find(kind, lo, hi)]


def sentence(doc: Any, pos: int, lo: int, hi: int) -> tuple[int, int]:
    return cues(doc).sentence(pos, lo, hi, doc.text)


_HEADING_LINES = 8  # lines looked back for the heading of the section holding a sentence
_HEADING_MAX = 90


def heading_of(ag: Any, pos: int) -> str:
    """The heading of the section holding ``pos``: its numbered clause's, else the nearest heading-like
    line above it within the agreement (a Markdown heading, a bold line, a short line without a final
    stop), "" when none."""
    clause = ag.clause_at(pos) if ag.clauses else None
    if clause and clause.heading:
        return str(clause.heading)
    text = ag.doc.text
    end = text.rfind("\n", ag.start, pos)
    for _ in range(_HEADING_LINES):
        if end <= ag.start:
            break
        start = text.rfind("\n", ag.start, end) + 1
        line = text[max(start, ag.start) : end].strip()
        end = start - 1
        if not line:
            continue
        bare = line.lstrip("#").strip().strip("*_").strip()
        if line.startswith("#") or line.startswith(("**", "__")) and line.endswith(("**", "__")):
            return bare
        if len(line) <= _HEADING_MAX and line[-1] not in ".;:,!?" and line[:1].isupper():
            return bare
    return ""
