"""Which files a batch reads, and why the others in its folders are skipped.

Shared by `extract`, `ingest` and the app, so they agree on what is read, skipped or refused."""

from __future__ import annotations

import errno
import hashlib
import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from contractkg.ingest.load.loaders import SUPPORTED

# Folder walks skip the usual project files; naming one explicitly still reads it.
NOT_CONTRACTS = {"README", "CHANGELOG", "LICENSE", "CONTRIBUTING"}
LOOP = "symbolic link loop"


@dataclass(frozen=True)
class Shard:
    """Shard ``index`` of ``count`` (1-based): the files whose key hashes to it. The key is a file's
    path relative to the folder given (its name, for a file given itself), so every machine that is
    given the same folder picks the same files, whatever its mount point or listing order."""

    index: int
    count: int

    @classmethod
    def parse(cls, text: str) -> Shard:
        m = re.fullmatch(r"\s*(\d{1,9})\s*/\s*(\d{1,9})\s*", text)
        if not m:
            raise ValueError(f"bad shard {text!r}: write i/n, e.g. 1/4 for the first of four shards")
        index, count = int(m.group(1)), int(m.group(2))
        if count < 1 or not 1 <= index <= count:
            raise ValueError(f"bad shard {text!r}: i/n needs 1 <= i <= n (shards are numbered from 1)")
        return cls(index, count)

    def takes(self, key: str) -> bool:
        return shard_of(key, self.count) == self.index

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


def shard_of(key: str, count: int) -> int:
    """The shard (1..count) of a file key: SHA-256 of its NFC-normalised UTF-8, modulo count."""
    digest = hashlib.sha256(unicodedata.normalize("NFC", key).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % count + 1


def shard_key(path: Path, root: Path | None) -> str:
    """``path`` relative to the folder it was found under, with '/' separators (its name if none)."""
    return path.relative_to(root).as_posix() if root is not None else path.name


@dataclass
class Plan:
    files: list[Path] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason), found in folders
    refused: list[tuple[str, str]] = field(default_factory=list)  # (path, reason), named but unreadable
    other_shards: int = 0  # files left to the other shards (--shard)


def _unreadable(path: Path) -> str | None:
    """Why a path cannot be opened (a loop, a dangling link...), or None."""
    try:
        path.stat()
    except OSError as e:
        if e.errno == errno.ELOOP:
            return LOOP
        if path.is_symlink():
            return "broken symbolic link (its target does not exist)"
        return "no such file or folder" if e.errno == errno.ENOENT else (e.strerror or str(e))
    return None


def _supported_types() -> str:
    return ", ".join(sorted(s.lstrip(".") for s in SUPPORTED))


def walk(root: Path, plan: Plan, shard: Shard | None = None) -> None:
    """Supported files under ``root`` (hidden entries skipped silently, symlinked folders followed once)."""
    found: list[Path] = []
    seen = {(st.st_dev, st.st_ino) for st in [root.stat()]}
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
        here = Path(dirpath)
        keep = []
        for d in sorted(dirnames):
            full = here / d
            if d.startswith("."):
                continue
            why = _unreadable(full)
            if why:
                plan.skipped.append((str(full), why))
                continue
            st = full.stat()
            if (st.st_dev, st.st_ino) in seen:  # a link back to a folder already walked
                plan.skipped.append((str(full), f"{LOOP} (a folder already read)"))
                continue
            seen.add((st.st_dev, st.st_ino))
            keep.append(d)
        dirnames[:] = keep
        for name in filenames:
            full = here / name
            if name.startswith("."):
                continue
            why = _unreadable(full)
            if why:
                plan.skipped.append((str(full), why))
            elif full.suffix.lower() not in SUPPORTED:
                plan.skipped.append((str(full), f"unsupported file type {full.suffix or '(none)'} "
                                                f"(reads {_supported_types()})"))
            elif full.stem.upper() in NOT_CONTRACTS:
                plan.skipped.append((str(full), "project notes, not a contract (name the file to read it)"))
            else:
                found.append(full)
    plan.files.extend(_sharded(plan, sorted(found), root, shard))


def _sharded(plan: Plan, files: list[Path], root: Path | None, shard: Shard | None) -> list[Path]:
    if shard is None:
        return files
    mine = [f for f in files if shard.takes(shard_key(f, root))]
    plan.other_shards += len(files) - len(mine)
    return mine


def plan_files(paths: Iterable[str | Path], shard: Shard | None = None) -> Plan:
    """Files as given, and the supported files under any folder; with ``shard``, only its part."""
    plan = Plan()
    for raw in paths:
        p = Path(raw)
        why = _unreadable(p)
        if why:
            plan.refused.append((str(p), why))
        elif p.is_dir():
            walk(p, plan, shard)
        else:
            plan.files.extend(_sharded(plan, [p], None, shard))
    return plan
