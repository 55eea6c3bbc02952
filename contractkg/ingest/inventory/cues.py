"""Compiled patterns over the function words of ``lexicons/inventory.yaml``, per language.

Short function words (separators, conjunctions, agents, example markers) count in the agreement's
language only (Dutch "of" is "or", English "of" is not), or in every language when it is unknown;
longer cues ("the following", "means") count in every language, as contracts mix them. Every pattern runs on accent-folded,
lower-case text (``fold_keep``), so offsets match the original.
"""

from __future__ import annotations

import re
from functools import cache

from contractkg.ingest import pattern_cache
from contractkg.ingest.lexical.matching import fold_keep
from contractkg.ingest.lexicon import lexicon

LANGS = ("en", "fr", "it", "de", "es", "pt", "nl")


@cache
def words(key: str, lang: str | None = None) -> tuple[str, ...]:
    """Folded words of one key in ``lang`` (every language when None or unknown), longest first."""
    table = lexicon("inventory").get(key) or {}
    chosen = [table[lang]] if lang in table else list(table.values())
    out = {fold_keep(str(w)).strip() for ws in chosen for w in ws or []}
    return tuple(sorted(out, key=lambda w: (-len(w), w)))


def pattern(name: str, lang: str | None = None) -> re.Pattern[str]:
    """The named pattern for ``lang``: short function words that mean different things in different
    languages (Dutch "of" = "or", Italian "e" = "and") only in that language, the rest in all."""
    return _pattern(name, lang if name in _PER_LANGUAGE else None)


@cache
def _pattern(name: str, lang: str | None) -> re.Pattern[str]:
    def alt(key: str) -> str:
        """Alternation of a key's words; a space matches any run of white space."""
        return "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in words(key, lang))
    return pattern_cache.compile(_SOURCES[name](alt))


_PER_LANGUAGE = frozenset({"list_sep", "conj", "agent", "examples", "inclusion", "party_ref", "note", "negation"})
_SOURCES = {
    # a separator between list items
    "list_sep": lambda alt: rf"[,;:/&\n•(]|\b(?:{alt('list_separators')})\b",
    # nothing but conjunctions and separators (between two labels of one heading)
    "conj": lambda alt: rf"^[\s,&/]*(?:\b(?:{alt('conjunctions')})\b[\s,&/]*)?$",
    # what may follow a generic label before its colon: a bracket, a "following" word
    "generic_colon": lambda alt: rf"\s{{0,2}}(?:\([^)\n]{{0,30}}\)\s*)?(?:(?:{alt('following')})\s*)?:",
    "following": lambda alt: rf"(?<!\w)(?:{alt('following')})(?!\w)",
    "list_verb": lambda alt: rf"[^.:;\n]{{0,40}}?(?<!\w)(?:{alt('list_verbs')})(?!\w)\s*:?",
    "definition": lambda alt: rf"\s*(?:[\"'“«]\s*)?(?:{alt('definitions')})(?!\w)",
    "not_a_list": lambda alt: rf"(?<!\w)(?:{alt('not_a_list')})\w*\s+\w*\s*\w*\s*$",
    "examples": lambda alt: rf"(?<!\w)(?:{alt('examples')})(?!\w)",
    "inclusion": lambda alt: rf"\(\s*(?:{alt('inclusion')})(?!\w)",
    "own_processing": lambda alt: rf"(?<!\w)(?:{alt('own_processing')})(?!\w)",
    "negation": lambda alt: rf"(?<!\w)(?:{alt('negations')})(?!\w)",
    "note": lambda alt: rf"\(\s*(?:{alt('notes')})(?!\w)",
    "agent": lambda alt: rf"(?<!\w)(?:{alt('agents')})\s+(?:(?:{alt('articles')})\s*)?$",
    "party_ref": lambda alt: rf"(?<!\w)(?:{alt('party_prepositions')})\s+(?:(?:{alt('articles')})\s*)?$",
    "class_note": lambda alt: rf"(?<!\w)(?:{alt('class_nouns')})(?!\w)",
    "retention": lambda alt: rf"(?:{alt('retention')})",
    "duration_states": lambda alt: rf"\s*(?::|-|–|(?:{alt('duration_states')})(?!\w))",
}
