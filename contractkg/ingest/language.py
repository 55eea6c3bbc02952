"""Language identification with lingua, restricted to the languages contracts come in."""

from __future__ import annotations

from functools import lru_cache

from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

LANGUAGES = [Language.FRENCH, Language.ITALIAN, Language.ENGLISH, Language.GERMAN,
             Language.SPANISH, Language.PORTUGUESE, Language.DUTCH]


@lru_cache(maxsize=1)
def _detector():  # type: ignore[no-untyped-def]
    return LanguageDetectorBuilder.from_languages(*LANGUAGES).with_preloaded_language_models().build()


def detect(text: str, sample: int = 4000) -> str | None:
    """ISO 639-1 code of the main language of ``text`` (a sample of it), or None."""
    lang = _detector().detect_language_of(text[:sample])
    if lang is None:
        return None
    code: IsoCode639_1 = lang.iso_code_639_1
    return code.name.lower()
