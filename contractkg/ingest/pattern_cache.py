"""Compiled lexicon patterns kept between processes: the start-up cost of a CLI call.

Python compiles a regular expression in Python code (``re._parser`` then ``re._compiler``), and the
patterns built from the lexicons are large alternations: compiling them took about half of a one-file
``contractkg extract``. ``compile`` keeps what the compiler produced for each (pattern, flags), the
program the C engine runs, in one ``marshal`` file of the cache folder (``cache_dir``, shared with the
lexicons), and gives later processes the pattern from it without parsing again. The file is named
after the Python build and the engine's version, so another Python never reads it; the engine checks
every program it is given, and a program it refuses is compiled again. A pattern from the cache is
equal (``==``) to the one ``re.compile`` returns. ``save`` writes the new entries (see its doc).

``memo`` keeps other plain values built from the lexicons in the same file, keyed by a digest of
what they are built from: the text of the large trie patterns (``phrase_regex``, ``trie_regex``), the
literals obligations/patterns.py reads from its parsed patterns.

Only what the lexicons give belongs here: a pattern of one document's words (its party names, its
defined terms) is compiled by ``re.compile`` (or with ``cache=False``), else the file would grow and
be written again with every document (tests/test_pattern_cache.py reads copies with other names)."""

from __future__ import annotations

import _sre  # the regex engine of CPython, whose programs are kept here
import hashlib
import marshal
import os
import re
import sys
import tempfile
from array import array
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

CACHE_ENV = "CONTRACTKG_CACHE_DIR"
T = TypeVar("T")
MAX_ENTRIES = 3000  # past this, a save keeps only what this process used (about 1,400 after the corpora)

_compiled: dict[tuple[str, int], tuple[Any, ...]] = {}  # (pattern, flags) -> _sre.compile's other arguments
_memo: dict[tuple[str, str], Any] = {}  # (kind, digest of the inputs) -> value
_used: set[tuple[Any, ...]] = set()
_returned: set[int] = set()  # ids of the patterns ``compile`` gave (lexicon patterns: they live as long as the process)
_CODE_TYPE = next((t for t in "IL" if array(t).itemsize == _sre.CODESIZE), "")
_state = {"loaded": False, "dirty": False, "broken": not _CODE_TYPE}


def cache_dir() -> Path:
    """Where derived artefacts go: ``$CONTRACTKG_CACHE_DIR``, else ``$XDG_CACHE_HOME/contractkg``, else ~/.cache."""
    own = os.environ.get(CACHE_ENV, "").strip()
    if own:
        return Path(own)
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(xdg) if xdg else Path.home() / ".cache") / "contractkg"


def cache_file() -> Path:
    build = f"{sys.implementation.cache_tag}-{sys.version_info.releaselevel}{sys.version_info.serial}"
    return cache_dir() / f"patterns-{build}-sre{_sre.MAGIC}-{_sre.CODESIZE}-{sys.maxunicode:x}.marshal"


def _load() -> None:
    _state["loaded"] = True
    try:
        data = marshal.loads(cache_file().read_bytes())
        if not (isinstance(data, dict) and data.get("version") == sys.version):
            return
        _compiled.update(data["compiled"])
        _memo.update(data["memo"])
    except (OSError, ValueError, EOFError, TypeError, KeyError):
        pass  # absent, unreadable or damaged: patterns are compiled as usual


def _program(pattern: str, flags: int) -> tuple[Any, ...]:
    """What ``re._compiler.compile`` hands to the engine for ``pattern`` (the same steps), the code
    as bytes (marshal reads bytes at once, a list of ints one by one)."""
    parsed = re._parser.parse(pattern, flags)  # type: ignore[attr-defined]
    code = array(_CODE_TYPE, re._compiler._code(parsed, flags)).tobytes()  # type: ignore[attr-defined]
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    return (flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup))


def _engine(pattern: str, entry: tuple[Any, ...]) -> re.Pattern[str]:
    final_flags, code, groups, groupindex, indexgroup = entry
    return _sre.compile(pattern, final_flags, array(_CODE_TYPE, code).tolist(), groups, groupindex, indexgroup)


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:  # noqa: A001 - the same call as re.compile
    """``re.compile(pattern, flags)``, from the cache when an earlier process compiled it."""
    flags = int(flags)
    if _state["broken"] or flags & re.DEBUG:
        return re.compile(pattern, flags)
    if not _state["loaded"]:
        _load()
    key = (pattern, flags)
    _used.add(key)
    entry = _compiled.get(key)
    if entry is not None:
        try:
            return _keep(_engine(pattern, entry))
        except (RuntimeError, TypeError, ValueError):  # a program the engine refuses: compile again
            del _compiled[key]
    try:
        entry = _program(pattern, flags)
        compiled = _engine(pattern, entry)
    except re.error:
        raise
    except Exception:  # noqa: BLE001 - another Python's internals: compile as usual from now on
        _state["broken"] = True
        return re.compile(pattern, flags)
    _compiled[key] = entry
    _state["dirty"] = True
    return _keep(compiled)


def check(pattern: str) -> None:
    """Raise ``re.error`` when ``pattern`` does not compile; one the cache holds compiled is known good."""
    if not _state["loaded"]:
        _load()
    if (pattern, 0) in _compiled:
        _used.add((pattern, 0))
    else:
        compile(pattern)


def _keep(pattern: re.Pattern[str]) -> re.Pattern[str]:
    _returned.add(id(pattern))
    return pattern


def known(pattern: re.Pattern[str]) -> bool:
    """Whether ``compile`` gave ``pattern`` (one built from the lexicons): what is derived from it may be
    kept with ``memo``; a pattern of one document's words would only make the cache grow."""
    return id(pattern) in _returned


def memo(kind: str, inputs: Iterable[str], build: Callable[[], T]) -> T:
    """``build()``, kept in the cache under ``kind`` and a digest of ``inputs`` (all it depends on) and
    of the source of the module that defines ``build`` (an edit of the code builds again); for plain
    data (str, int, tuple, dict...) built from the lexicons, such as a pattern's text."""
    if not _state["loaded"]:
        _load()
    digest = hashlib.blake2b(_source_digest(build.__module__), digest_size=16)
    for part in inputs:
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    key = (kind, digest.hexdigest())
    _used.add(key)
    if key in _memo:
        return _memo[key]
    value = _memo[key] = build()
    _state["dirty"] = True
    return value


@cache
def _source_digest(module: str) -> bytes:
    path = getattr(sys.modules.get(module), "__file__", None)
    try:
        return hashlib.blake2b(Path(path).read_bytes(), digest_size=16).digest() if path else b""
    except OSError:
        return b""


def save() -> None:
    """Write the entries compiled in this process to the cache file, if any are new (atomically; a
    folder that cannot be written is left alone). Called after the warm-up, before workers start,
    and by each worker when it ends (pipeline.process_all), so once or twice per process."""
    if not _state["dirty"]:
        return
    _state["dirty"] = False
    compiled, memos = _compiled, _memo
    if len(compiled) + len(memos) > MAX_ENTRIES:
        compiled = {k: v for k, v in compiled.items() if k in _used}
        memos = {k: v for k, v in memos.items() if k in _used}
    write_marshal(cache_file(), {"version": sys.version, "compiled": compiled, "memo": memos})


def write_marshal(path: Path, data: dict[str, Any]) -> None:
    """Write ``data`` to ``path`` as marshal, atomically (a temporary file, then a rename); skipped when
    the data is not plain (a YAML date, say) or the folder cannot be written: the caller then builds
    the same data again on the next run."""
    try:
        blob = marshal.dumps(data)
    except ValueError:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem[:20]}-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(blob)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        pass
