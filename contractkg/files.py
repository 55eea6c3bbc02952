"""Which files a batch reads, and why the others in its folders are skipped.

Shared by `extract`, `ingest` and the app, so they agree on what is read, skipped or refused."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from contractkg.ingest.loaders import SUPPORTED

# Folder walks skip the usual project files; naming one explicitly still reads it.
NOT_CONTRACTS = {"README", "CHANGELOG", "LICENSE", "CONTRIBUTING"}
LOOP = "symbolic link loop"


@dataclass
class Plan:
    files: list[Path] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason), found in folders
    refused: list[tuple[str, str]] = field(default_factory=list)  # (path, reason), named but unreadable


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


def walk(root: Path, plan: Plan) -> None:
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
    plan.files.extend(sorted(found))


def plan_files(paths: Iterable[str | Path]) -> Plan:
    """Files as given, and the supported files under any folder."""
    plan = Plan()
    for raw in paths:
        p = Path(raw)
        why = _unreadable(p)
        if why:
            plan.refused.append((str(p), why))
        elif p.is_dir():
            walk(p, plan)
        else:
            plan.files.append(p)
    return plan
