"""`contractkg diff OLD NEW` without the command line: resolve each side (a file, or a contract IRI
in a store), pair the agreements, compare them, and shape the result for JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from contractkg.history.adapter import Snapshot
from contractkg.history.diff import Change, diff
from contractkg.history.versions import agreement_key


class CompareError(Exception):
    """A side that cannot be read or paired; the message says what to do."""


@dataclass
class Compared:
    old: Snapshot
    new: Snapshot
    changes: list[Change] = field(default_factory=list)
    old_contract: str | None = None  # the contract IRIs, when read from a store
    new_contract: str | None = None

    def to_json(self) -> dict[str, Any]:
        def side(s: Snapshot, iri: str | None) -> dict[str, Any]:
            return {"source": s.source, "contract": iri, "title": s.title, "vendor": s.vendor, "version": s.version,
                    "date": s.date, "sha256": s.sha256}
        return {"old": side(self.old, self.old_contract), "new": side(self.new, self.new_contract),
                "changes": [c.to_json() for c in self.changes]}


def is_iri(arg: str) -> bool:
    return arg.startswith(("http://", "https://", "urn:"))


def side(arg: str, store: Any = None) -> tuple[list[Snapshot], str | None]:
    """The snapshots of one argument and its contract IRI (None for a file)."""
    if is_iri(arg):
        if store is None:
            raise CompareError(f"{arg} is a contract IRI: give the store that holds it (--store or --endpoint)")
        from contractkg.history.load import VersionNotFound, from_store

        try:
            return [from_store(store, arg).snapshot], arg
        except VersionNotFound as e:
            raise CompareError(str(e)) from None
    path = Path(arg)
    if not path.is_file():
        raise CompareError(f"{arg}: no such file (give two files, or two contract IRIs with --store)")
    from contractkg.history.load import from_file
    from contractkg.ingest.document import LoadError

    try:
        snaps = from_file(path)
    except LoadError as e:
        raise CompareError(str(e)) from None
    except Exception as e:  # noqa: BLE001 - a file the extractor trips on is reported, like ingest does
        raise CompareError(f"{arg}: extraction failed ({type(e).__name__}: {e})") from None
    if not snaps:
        raise CompareError(f"{arg}: no agreement found in the file")
    return snaps, None


def pair(old: list[Snapshot], new: list[Snapshot]) -> list[tuple[Snapshot, Snapshot]]:
    """Agreements of two files, paired: one each, else by vendor, kind and title, else by position."""
    if len(old) == 1 and len(new) == 1:
        return [(old[0], new[0])]
    by_key = {agreement_key(s): s for s in old if agreement_key(s)}
    pairs, used = [], set()
    for i, s in enumerate(new):
        match = by_key.get(agreement_key(s)) or (old[i] if i < len(old) and len(old) == len(new) else None)
        if match is not None and id(match) not in used:
            pairs.append((match, s))
            used.add(id(match))
    if not pairs:
        raise CompareError("no agreement of the old file matches one of the new file (vendor, kind and title differ)")
    return pairs


def compare(old_arg: str, new_arg: str, store: Any = None) -> list[Compared]:
    (old, old_iri), (new, new_iri) = side(old_arg, store), side(new_arg, store)
    return [Compared(a, b, diff(a, b), old_iri, new_iri) for a, b in pair(old, new)]
