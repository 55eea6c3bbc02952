"""Language lexicons are YAML data files in ``lexicons/``; this loads and caches them.

Every word list that differs by language is a mapping keyed by ISO 639-1 code (``{en: [...], fr: [...]}``),
so adding a language is adding entries: ``languages.yaml`` declares each language (its lingua name and
function words) and the other files give its words. ``$CONTRACTKG_LEXICONS`` points to another folder of
lexicons (a copy with a language added, for instance); it is read once per process.

The parsed lexicons are kept in one file in the user's cache folder, keyed by a hash of the lexicon
files and the Python version, so a CLI call reads one ``marshal`` file (plain data: no code is run on
loading it) instead of parsing twenty YAML files; when the cache folder cannot be written, the YAML is
parsed every time and nothing else changes."""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from contractkg.ingest import pattern_cache
from contractkg.ingest.pattern_cache import cache_dir

LEXICON_DIR = Path(__file__).parent / "lexicons"
ENV = "CONTRACTKG_LEXICONS"


def lexicon_dir() -> Path:
    """The lexicon folder: ``$CONTRACTKG_LEXICONS`` when set, else the packaged one."""
    raw = os.environ.get(ENV, "").strip()
    return Path(raw) if raw else LEXICON_DIR


def lexicon(name: str) -> Any:
    """The parsed ``<name>.yaml`` of the lexicon folder (loaded once per process)."""
    folder = lexicon_dir()
    try:
        return _all(str(folder))[name]
    except KeyError:
        raise FileNotFoundError(f"no lexicon {name}.yaml in {folder} (set {ENV} to a folder that has it)") from None


_DIGESTS: dict[str, str] = {}  # lexicon folder -> SHA-256 of its files


def digest() -> str:
    """SHA-256 of the lexicon files in use: what a value built from the lexicons alone is keyed by."""
    folder = str(lexicon_dir())
    _all(folder)
    return _DIGESTS[folder]


@cache
def _all(folder: str) -> dict[str, Any]:
    files = sorted(Path(folder).glob("*.yaml"))
    if not files:
        raise FileNotFoundError(f"no lexicon files (*.yaml) in {folder}: set {ENV} to a lexicon folder or unset it")
    digest = hashlib.sha256()
    raw: dict[str, bytes] = {}
    for path in files:
        raw[path.stem] = path.read_bytes()
        digest.update(path.name.encode() + b"\0" + raw[path.stem] + b"\0")
    _DIGESTS[folder] = digest.hexdigest()
    cached = _cache_file(digest.hexdigest())
    try:
        data = marshal.loads(cached.read_bytes())
        if isinstance(data, dict) and set(data) == set(raw):
            return data
    except (OSError, ValueError, EOFError, TypeError):
        pass  # absent, unreadable or damaged: parse the YAML
    data = {name: _parse(text) for name, text in raw.items()}
    pattern_cache.write_marshal(cached, data)  # a read-only cache folder: parsed again on each run
    return data


def _parse(text: bytes) -> Any:
    import yaml  # only when the cache misses

    # libyaml's loader parses about 7x faster than the pure-Python one; both are safe loaders.
    loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text, Loader=loader)


def _cache_file(digest: str) -> Path:
    return cache_dir() / f"lexicons-{digest[:24]}-py{sys.version_info[0]}{sys.version_info[1]}.marshal"


def languages() -> tuple[str, ...]:
    """ISO 639-1 codes of the languages the lexicons cover (declared in ``languages.yaml``), in file order."""
    return tuple(lexicon("languages"))


def by_language(value: Any, lang: str | None = None) -> list[str]:
    """The entries of a per-language mapping (all languages, or ``lang``'s when it has some), in order, without
    repeats; a plain list is taken as it is."""
    if isinstance(value, dict):
        groups: Iterable[Any] = [value[lang]] if lang in value else value.values()
        seen: dict[str, None] = {}
        for group in groups:
            for w in group or ():
                seen.setdefault(str(w), None)
        return list(seen)
    return [str(w) for w in value or ()]


def words(name: str, key: str, lang: str | None = None) -> list[str]:
    """The entries of ``key`` in lexicon ``name`` (see ``by_language``)."""
    return by_language(lexicon(name).get(key), lang)


def alternation(name: str, key: str) -> str:
    """A regex alternation (no group) of the regex fragments of ``key`` in every language, longest first so
    that a longer form wins over its prefix ("courts" before "court")."""
    return _alternation(str(lexicon_dir()), name, key)


@cache
def _alternation(folder: str, name: str, key: str) -> str:  # the folder keys the cache only
    frags = words(name, key)
    if not frags:
        raise ValueError(f"lexicon {name}.yaml has no entries for {key!r}")
    for f in frags:
        pattern_cache.check(f)  # a clear error naming the fragment, not a broken pattern later
    return "|".join(sorted(frags, key=lambda f: -len(f)))
