"""Which lexicon matches inside an inventory section name a category of the agreement.

Matches are ``(concept, phrase, start, end)`` with offsets into the agreement text, in text order.
- A placeholder of a form ("[Clients / Employees / Other]") names nothing.
- Data subjects: the agent of a sentence ("persons named by users") is no category; examples or a
  gloss after a category of the same item ("Members (e.g. students)", "Visitors (end users)") are
  not categories of their own; "users of the customer's website" are visitors (lexicon ``refine``).
- Personal data: a group label whose members follow ("Contact data: e-mail, phone") gives way to them.
- German and Dutch truncated compounds ("Stamm- und Kontaktdaten") are completed from the next word.
"""

from __future__ import annotations

import re
from functools import cache

from contractkg.ingest import pattern_cache
from contractkg.ingest.inventory.cues import pattern, words
from contractkg.ingest.lexical.matching import fold_keep, squash
from contractkg.ingest.lexicon import alternation, lexicon

Match = tuple[str, str, int, int]
_PLACEHOLDER = re.compile(r"\[[^\[\]\n]{0,200}\]")
_BOX = re.compile(r"[☐□❏☒☑✓✔■▣]|\[[ xX]\]")
_EMPTY_BOXES = frozenset("☐□❏")
# a word cut before a conjunction: "Stamm-" in "Stamm- und Kontaktdaten", "naam-" in "naam- en adresgegevens"
_TRUNCATED = re.compile(r"(?<![\w-])(\w[\w-]{1,30})-(?=\s*(?:[,/&]|\w{1,6}\s))")
_TOKEN = re.compile(r"\w[\w-]{0,40}")
_LABEL_COLON = re.compile(r"[^,;:\n]{0,80}?:")
_LINE_END = re.compile(r":[\s*_]*$")
_GROUP_NAME = pattern_cache.compile(r"(?<!\w)(?:" + alternation("personal_data", "group_nouns") + r")(?!\w)|(?:"
                                    + alternation("personal_data", "group_noun_endings") + r")$")


def placeholders(folded: str, s: int, e: int) -> list[tuple[int, int]]:
    """What a form leaves unsaid: bracketed alternatives to fill in ("[Name / Company]") and the
    items of a check list whose box is left empty ("☐ DNI ☒ Nombre": from "☐" to the next box)."""
    out = [m.span() for m in _PLACEHOLDER.finditer(folded, s, e) if "/" in m.group(0)]
    boxes = list(_BOX.finditer(folded, s, e))
    for i, m in enumerate(boxes):
        if m.group(0) in _EMPTY_BOXES or m.group(0).replace(" ", "") == "[]":
            le = folded.find("\n", m.end(), e)
            stop = boxes[i + 1].start() if i + 1 < len(boxes) else e
            out.append((m.start(), min(stop, le if le >= 0 else e)))
    return out


def is_agent(folded: str, start: int, lang: str | None) -> bool:
    return bool(pattern("agent", lang).search(folded, max(0, start - 24), start))


def completions(folded: str, index: dict[str, str], spans: list[tuple[int, int]],
                lang: str | None) -> list[tuple[str, int, int]]:
    """(concept, start, end) of truncated compounds completed by the next full word's tail."""
    joins = set(words("conjunctions", lang)) | set(words("list_separators", lang))
    out = []
    for s, e in spans:
        for m in _TRUNCATED.finditer(folded, s, e):
            word = None
            for t in _TOKEN.finditer(folded, m.end(), min(e, m.end() + 80)):
                tok = t.group(0)
                if tok.endswith("-") or tok in joins:
                    continue
                word = tok
                break
            if not word:
                continue
            for k in range(1, len(word) - 2):
                concept = index.get(squash(m.group(1) + word[k:]))
                if concept:
                    out.append((concept, m.start(), m.end()))
                    break
    return out


@cache
def _refinements() -> list[tuple[str, str, re.Pattern[str]]]:
    """(concept, narrower concept, pattern of the words that make it narrower after the match)."""
    out = []
    for concept, table in (lexicon("data_subjects").get("refine") or {}).items():
        for narrower, phrases in table.items():
            alt = "|".join(r"[\s-]*".join(re.escape(w) for w in fold_keep(p).split()) for p in phrases)
            out.append((concept, narrower, pattern_cache.compile(rf"(?<!\w)(?:{alt})(?!\w)")))
    return out


def refine(folded: str, matches: list[Match], limit: int, lang: str | None) -> list[Match]:
    """"users of the customer's websites" -> visitors: a qualifier after the noun in the same item."""
    out = []
    sep = pattern("list_sep", lang)
    for concept, phrase, s, e in matches:
        for broad, narrower, pat in _refinements():
            if concept == broad:
                stop = sep.search(folded, e, min(limit, e + 60))
                if pat.search(folded, e, stop.start() if stop else min(limit, e + 60)):
                    concept = narrower
        out.append((concept, phrase, s, e))
    return out


def _item_start(folded: str, at: int, floor: int) -> int:
    return max(floor, folded.rfind("\n", floor, at) + 1, folded.rfind(";", floor, at) + 1)


def _open_paren(folded: str, start: int, at: int) -> int:
    """Offset of the bracket that is still open at ``at`` (searching from ``start``), or -1."""
    p = folded.rfind("(", start, at)
    return p if p >= 0 and folded.find(")", p, at) == -1 else -1


def _closed_after(folded: str, item: int, ms: int, me: int, s: int) -> bool:
    """The marker at ``ms..me`` sits in a bracket that closes before ``s``."""
    p = _open_paren(folded, item, ms)
    return p >= 0 and folded.find(")", me, s) != -1


def drop_examples(folded: str, matches: list[Match], span_start: dict[int, int], lang: str | None) -> list[Match]:
    """Data subjects named as examples or a gloss of a category named before them in the same item."""
    kept: list[Match] = []
    examples = pattern("examples", lang)
    for m in matches:
        s = m[2]
        item = _item_start(folded, s, span_start.get(s, 0))
        paren = _open_paren(folded, item, s)
        marker = None
        for x in examples.finditer(folded, item, s):
            marker = x
        if marker is not None and _closed_after(folded, item, marker.start(), marker.end(), s):
            marker = None  # "employees (e.g. interns), customers": the examples ended with the bracket
        cut = -1
        if paren >= 0 and not pattern("inclusion", lang).match(folded, paren):
            cut = paren
        if marker is not None and (paren < 0 or paren < marker.start()):
            cut = marker.start() if cut < 0 else min(cut, marker.start())
        if cut >= 0 and any(item <= k[2] and k[3] <= cut for k in kept):
            continue
        kept.append(m)
    return kept


def drop_notes(folded: str, matches: list[Match], lang: str | None) -> list[Match]:
    """Personal data named in a bracketed note on purpose or condition ("(optionally for sending
    one-time passwords)"): the note is about the item before, it lists no category."""
    out = []
    for m in matches:
        paren = _open_paren(folded, folded.rfind("\n", 0, m[2]) + 1, m[2])
        if paren < 0 or not pattern("note", lang).match(folded, paren):
            out.append(m)
    return out


def drop_group_labels(text: str, matches: list[Match], spans: list[tuple[int, int]]) -> list[Match]:
    """Personal-data group labels followed by a colon and their members ("Contact data: e-mail, phone",
    "... technical data, which are:" over a list): the members are the categories. A group label
    names data ("data", "Daten", "-gegevens", "information")."""
    out = []
    for m in matches:
        s, e = m[2], m[3]
        if not _GROUP_NAME.search(fold_keep(m[1])):
            out.append(m)  # "E-mail: the address used to log in" names an item, not a group
            continue
        span_end = next((b for a, b in spans if a <= s < b), e)
        le = text.find("\n", e)
        le = len(text) if le == -1 else le
        colon = _LABEL_COLON.match(text, e)
        if colon is not None and text[colon.end() : le].strip(" *_"):
            members = (colon.end(), min(le, span_end))  # "Label: a, b" on one line
        elif le - e <= 300 and _LINE_END.search(text, e, le):
            members = (le, span_end)  # "... data, which are:" over the list below
        else:
            out.append(m)
            continue
        if not any(members[0] <= x[2] < members[1] for x in matches):
            out.append(m)
    return out
