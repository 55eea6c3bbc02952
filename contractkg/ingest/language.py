"""Language identification with lingua, restricted to the languages the lexicons cover.

The languages are those declared in ``lexicons/languages.yaml``; lingua's models are loaded only
for them, and only when a text first needs lingua (a CLI call on a clause-less text never does).
``detect`` reads one sample; ``dominant`` votes over samples spread through a long text, so a
title or a quoted passage in another language does not decide for the whole agreement."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from typing import Any

from contractkg.ingest.lexicon import by_language, languages, lexicon

# Low accuracy mode (trigram models only) loads in a tenth of the time and memory; on samples of
# a dozen words and more, as here, it gives the same answers on the corpora.
LOW_ACCURACY = True


@cache
def _detector() -> Any:
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder  # loaded only when a text needs it

    known = []
    for code in languages():
        try:
            known.append(Language.from_iso_code_639_1(IsoCode639_1.from_str(code)))
        except ValueError:
            continue  # a language lingua lacks: the function-word vote alone covers it
    if len(known) < 2:
        return None
    builder = LanguageDetectorBuilder.from_languages(*known)
    return (builder.with_low_accuracy_mode() if LOW_ACCURACY else builder).build()


def detect(text: str, sample: int = 4000) -> str | None:
    """ISO 639-1 code of the main language of ``text`` (a sample of it), or None."""
    if not text.strip():
        return None
    detector = _detector()
    if detector is None:
        return _vote(text[:sample])
    lang = detector.detect_language_of(text[:sample])
    if lang is None:
        return None
    return str(lang.iso_code_639_1.name.lower())


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


_WORD = re.compile(r"[^\W\d_]+")


@cache
def _langs_of() -> dict[str, list[str]]:
    """Function word -> the languages it is frequent in (``function_words`` of languages.yaml)."""
    out: dict[str, list[str]] = {}
    for lang, entry in lexicon("languages").items():
        for w in by_language((entry or {}).get("function_words")):
            out.setdefault(w.lower(), []).append(lang)
    return out


def _counts(words: list[str]) -> dict[str, int]:
    counts = dict.fromkeys(languages(), 0)
    table = _langs_of()
    for w in words:
        for lang in table.get(w, ()):
            counts[lang] += 1
    return counts


def _vote(text: str) -> str | None:
    counts = _counts(_WORD.findall(text.lower()))
    best = max(counts, key=counts.__getitem__, default=None)
    return best if best is not None and counts[best] else None


def clause_language(text: str, default: str | None) -> str | None:
    """Language of a clause: ``default`` (the agreement's) unless its function words say otherwise,
    in which case lingua decides. Too short a text keeps the default."""
    words = _WORD.findall(text[:600].lower())
    if len(words) < 12:
        return default
    counts = _counts(words)
    best = max(counts, key=counts.__getitem__)
    if best == default or counts[best] < 3 or counts[best] <= counts.get(default or "", 0) * 1.5:
        return default
    return detect(text, 1500) or default
