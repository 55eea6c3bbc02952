"""Language identification with lingua, restricted to the languages contracts come in.

``detect`` reads one sample; ``dominant`` votes over samples spread through a long text, so a
title or a quoted passage in another language does not decide for the whole agreement."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

LANGUAGES = [Language.FRENCH, Language.ITALIAN, Language.ENGLISH, Language.GERMAN,
             Language.SPANISH, Language.PORTUGUESE, Language.DUTCH]


@lru_cache(maxsize=1)
def _detector():
    return LanguageDetectorBuilder.from_languages(*LANGUAGES).with_preloaded_language_models().build()


def detect(text: str, sample: int = 4000) -> str | None:
    """ISO 639-1 code of the main language of ``text`` (a sample of it), or None."""
    if not text.strip():
        return None
    lang = _detector().detect_language_of(text[:sample])
    if lang is None:
        return None
    code: IsoCode639_1 = lang.iso_code_639_1
    return code.name.lower()


def dominant(text: str, samples: int = 3, size: int = 800) -> str | None:
    """Majority language over ``samples`` evenly spaced windows of ``text`` (first one wins ties)."""
    if len(text) <= size * samples:
        return detect(text, size * samples)
    step = (len(text) - size) // (samples - 1) if samples > 1 else 0
    votes = [detect(text[i * step : i * step + size], size) for i in range(samples)]
    counted = Counter(v for v in votes if v)
    if not counted:
        return None
    best = max(counted.values())
    return next(v for v in votes if v and counted[v] == best)


# Frequent function words; a cheap vote decides whether a clause needs lingua at all.
_FUNCTION_WORDS = {
    "fr": {"le", "la", "les", "des", "du", "et", "est", "une", "dans", "pour", "que", "qui", "sur", "au", "aux", "par"},
    "it": {"il", "lo", "gli", "della", "dei", "delle", "e", "che", "per", "con", "una", "nel", "del", "sono", "alla"},
    "en": {"the", "and", "of", "to", "is", "in", "for", "that", "with", "shall", "by", "or", "any", "be", "this"},
    "de": {"der", "die", "das", "und", "ist", "nicht", "mit", "von", "für", "zu", "den", "dem", "ein", "eine", "wird"},
    "es": {"el", "los", "las", "y", "del", "que", "por", "para", "con", "una", "en", "se", "lo", "al", "su"},
    "pt": {"o", "os", "as", "do", "da", "dos", "das", "não", "com", "uma", "no", "na", "pelo", "pela", "ao", "é"},
    "nl": {"de", "het", "een", "en", "van", "is", "niet", "met", "voor", "op", "aan", "zijn", "wordt", "dat", "bij"},
}
_WORD = re.compile(r"[^\W\d_]+")
_LANGS_OF: dict[str, list[str]] = {}
for _lang, _words in _FUNCTION_WORDS.items():
    for _w in _words:
        _LANGS_OF.setdefault(_w, []).append(_lang)


def clause_language(text: str, default: str | None) -> str | None:
    """Language of a clause: ``default`` (the agreement's) unless its function words say otherwise,
    in which case lingua decides. Too short a text keeps the default."""
    words = _WORD.findall(text[:600].lower())
    if len(words) < 12:
        return default
    counts = dict.fromkeys(_FUNCTION_WORDS, 0)
    for w in words:
        for lang in _LANGS_OF.get(w, ()):
            counts[lang] += 1
    best = max(counts, key=counts.__getitem__)
    if best == default or counts[best] < 3 or counts[best] <= counts.get(default or "", 0) * 1.5:
        return default
    return detect(text, 1500) or default
