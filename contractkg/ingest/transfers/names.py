"""Words that speak of sub-processors, and company names given without a legal form.

A brand name ("Google Cloud", "Path.net", "Level3") is one to four capitalised words; lower-case
phrases ("local banks"), countries, regions, legal acronyms (SCC, GDPR) and the topic words
themselves are not names. Lists that open with an example cue ("e.g.", "z. B.", "por ejemplo")
illustrate rather than list, and are skipped by the callers.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from contractkg.ingest import pattern_cache
from contractkg.ingest.document import Document
from contractkg.ingest.lexical.countries import country_code, fold
from contractkg.ingest.lexicon import alternation, by_language, lexicon, words
from contractkg.ingest.transfers.places import place_of
from contractkg.ingest.transfers.rows import Row

# Sub-processor words; the GDPR's own terms for "another processor" (weitere Auftragsverarbeiter, outro
# subcontratante, andere verwerker...) too. Plain "subcontratante" is the Portuguese for processor.
TOPIC = pattern_cache.compile(r"(?<![^\W_])(?:" + alternation("safeguards", "subprocessor_words") + r")", re.IGNORECASE)
# every TOPIC alternative holds one of these: lines without any are skipped without a regex scan
_TOPIC_KEYS = tuple(words("safeguards", "subprocessor_keys"))


# lines that may hold a list title (the titles' words hold one of these)
TITLE_KEYS = (*_TOPIC_KEYS, *words("safeguards", "subprocessor_title_keys"))


def topic_offsets(doc: Document) -> list[int]:
    """Sorted offsets (in ``doc.text``) of the sub-processor words, computed once per document."""
    def build() -> list[int]:
        text = doc.text
        low = text.lower()
        if len(low) != len(text):  # a character whose lower case is longer: offsets would drift
            return [m.start() for m in TOPIC.finditer(text)]
        lines = set()  # (start, end) of the lines holding a key, found with str.find (C speed)
        for key in _TOPIC_KEYS:
            i = low.find(key)
            while i >= 0:
                end = low.find("\n", i)
                lines.add((low.rfind("\n", 0, i) + 1, len(low) if end < 0 else end))
                i = low.find(key, i + len(key))
        return sorted(m.start() for s, e in lines for m in TOPIC.finditer(text, s, e))

    return doc.memo("subprocessor_topics", build)


def topics_in(doc: Document, start: int, end: int) -> list[int]:
    """Offsets of sub-processor words between ``start`` and ``end`` of ``doc.text``."""
    offsets = topic_offsets(doc)
    return offsets[bisect.bisect_left(offsets, start) : bisect.bisect_left(offsets, end)]


_BRAND_CHARS = re.compile(r"[\w.&'’+\-/ ]+")
_CONNECT = {"&", "of", "de", "du", "des", "di", "der", "von", "van", "y", "e", "et", "and", "und", "en", "the", "for"}
_TAIL_PAREN = re.compile(r"\s*\(([^()]{1,80})\)\s*$")
_AND = pattern_cache.compile(r"\s+(?:" + alternation("safeguards", "name_list_conjunctions") + r")\s+")


def _alternation(words: list[str], spaced: bool = False) -> str:
    alts = sorted({re.escape(fold(w)) for w in words}, key=lambda w: (-len(w), w))
    return "|".join(a.replace(r"\ ", r"\s*") for a in alts) if spaced else "|".join(alts)


@dataclass(frozen=True)
class _Lex:
    title: re.Pattern[str]
    example: re.Pattern[str]
    provider: re.Pattern[str]
    articles: frozenset[str]
    not_names: frozenset[str]


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    tab = lexicon("safeguards")["subprocessor_table"]
    roles = {fold(w) for ws in lexicon("roles")["roles"].values() for w in by_language(ws) if " " not in w}
    return _Lex(
        title=pattern_cache.compile(r"(?<![a-z])(?:" + _alternation(tab["titles"], spaced=True) + ")"),
        example=pattern_cache.compile(r"^\W*(?:" + _alternation(tab["example_cues"]) + r")(?![a-z])"),
        # also at the end of a compound ("Netzwerkpartner", "hostingleveranciers")
        provider=pattern_cache.compile(r"(?:" + _alternation(tab["provider_nouns"]) + r")(?![a-z])"),
        articles=frozenset(fold(w) for w in tab["leading_articles"]),
        # and the words for the parties' roles: "The Processor (Germany)" names no company
        not_names=frozenset({fold(w) for w in tab["not_names"]} | roles),
    )


def title_pattern() -> re.Pattern[str]:
    """Titles of sub-processor lists, over folded text."""
    return _lex().title


def provider_pattern() -> re.Pattern[str]:
    """Nouns for the companies a processor relies on ("partners", "Dienstleister"), over folded text."""
    return _lex().provider


def is_example(text: str) -> bool:
    """``text`` opens with an example cue ("e.g.", "z. B.", "par exemple")."""
    return bool(_lex().example.match(fold(text)))


def is_brand(name: str) -> bool:
    """One to four capitalised words ("Google Cloud", "Path.net", "Level3"), not a country or a legal term."""
    words = name.split()
    if not 1 <= len(words) <= 4 or len(name) > 40 or not _BRAND_CHARS.fullmatch(name):
        return False
    if not (words[0][0].isupper() or words[0][0].isdigit()) or len(words[0]) < 2 or not any(c.isalpha() for c in words[0]):
        return False
    if any(not (w[0].isupper() or w[0].isdigit() or w.lower() in _CONNECT) for w in words[1:]):
        return False
    f = fold(name)
    if len(words) > 1 and f.split()[0] in _lex().articles:
        return False  # "Die Rechenzentren", "Our Partners"
    stop = _lex().not_names
    if f in stop or any(w in stop for w in f.split()) or TOPIC.search(name) or title_pattern().search(f):
        return False  # "(SCC, BCR)", "(Subunternehmer)"
    return not country_code(name) and not place_of(name)


def split_names(text: str) -> tuple[list[tuple[str, int]], int]:
    """(brand name with its qualifier in parentheses, offset in ``text``) of a comma-separated list,
    and the number of items in the list (names or not)."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text + ","):
        depth += ch == "("
        depth -= ch == ")"
        if depth == 0 and ch in ",;":
            parts.append((start, i))
            start = i + 1
    out, items = [], 0
    for a, b in parts:
        item = text[a:b]
        for piece in _AND.split(item):
            if not piece.strip(" ."):
                continue
            items += 1
            name = _TAIL_PAREN.sub("", piece).strip(" .")
            if is_brand(name):
                at = a + item.find(piece)
                out.append((piece.strip(" ."), at + len(piece) - len(piece.lstrip())))
    return out, items


def brand_row(item: str, at: int, base: int, service: str | None) -> Row:
    """A row for "Name (qualifier)" found at ``base + at``: the qualifier may name the place."""
    paren = _TAIL_PAREN.search(item)
    name = item[: paren.start()].strip() if paren else item
    qualifier = paren.group(1) if paren else ""
    return Row(name=name, text=item, start=base + at, end=base + at + len(item), country=place_of(qualifier),
               service=service, rest=qualifier, after_country=qualifier)
