"""Which snapshots are versions of one agreement, in which order, and from which date.

Two agreements are versions of one another when they come from the same source path (the file
was replaced by a new text) or share vendor, kind and title. The newest is the current version.
A version's date is the one its text states; else the day it was ingested, and the basis says so."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from contractkg.history.adapter import Snapshot, name_key

STATED, INGESTED = "stated", "ingest date"
_WORD = re.compile(r"\w+")
_ARCHIVED = re.compile(r"/doc/[0-9a-f]{16}\.v[0-9a-f]{12}$")
_DURATION = re.compile(r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?)?$")


def agreement_key(snap: Snapshot) -> str | None:
    """vendor | kind | title, normalised; None without a named vendor (only the path links it then)."""
    if not snap.vendor:
        return None
    title = " ".join(_WORD.findall(snap.title.casefold()))
    return f"{name_key(snap.vendor)}|{snap.kind or ''}|{title}"


@dataclass
class Version:
    contract: str  # contract IRI
    document: str  # source document IRI
    path_key: str  # the same for every version read from one path and position in the file
    ingested_at: str  # ISO date-time of the ingest that stored it
    snapshot: Snapshot

    @property
    def archived(self) -> bool:
        """Kept when its file was read again with new content (so older than the file's current version)."""
        return bool(_ARCHIVED.search(self.document))

    @property
    def date(self) -> str:
        """The stated date, else the ingest day."""
        return self.snapshot.date or self.ingested_at[:10]

    @property
    def date_basis(self) -> str:
        return STATED if self.snapshot.date else INGESTED


def _label_order(label: str | None) -> tuple[int, ...]:
    return tuple(int(x) for x in re.findall(r"\d+", label or ""))


def ordered(versions: Iterable[Version]) -> list[Version]:
    """Oldest first: by date, then version label, then a kept copy before its file's current version,
    then ingest time, then source path."""
    return sorted(versions, key=lambda v: (v.date, _label_order(v.snapshot.version), not v.archived, v.ingested_at,
                                           v.snapshot.source))


def clusters(items: Iterable[tuple[str, str | None, str]]) -> list[list[str]]:
    """(id, agreement key, path key) -> ids that share a key, directly or through others."""
    entries = list(items)
    parent = list(range(len(entries)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    seen: dict[str, int] = {}
    for i, (_, agreement, path) in enumerate(entries):
        for key in (f"path:{path}", f"agreement:{agreement}" if agreement else ""):
            if key and key in seen:
                parent[root(i)] = root(seen[key])
            elif key:
                seen[key] = i
    out: dict[int, list[str]] = {}
    for i, (ident, _, _) in enumerate(entries):
        out.setdefault(root(i), []).append(ident)
    return list(out.values())


def groups(versions: Iterable[Version]) -> list[list[Version]]:
    """Versions of one agreement together (linked by path key or agreement key), each oldest first."""
    by_id = {v.contract: v for v in versions}
    found = clusters([(v.contract, agreement_key(v.snapshot), v.path_key) for v in by_id.values()])
    return [ordered(by_id[c] for c in group) for group in found]


def add_duration(day: str, window: str | None) -> str | None:
    """``day`` (ISO date) plus an ISO 8601 duration in years, months, weeks, days or hours."""
    m = _DURATION.match(window or "")
    if not m or not any(m.groups()):
        return None
    years, months, weeks, days, hours = (int(g or 0) for g in m.groups())
    start = dt.date.fromisoformat(day[:10])
    month = start.month - 1 + months + 12 * years
    year, month = start.year + month // 12, month % 12 + 1
    while True:  # the same day of the month, or the month's last day
        try:
            shifted = start.replace(year=year, month=month)
            break
        except ValueError:
            start = start - dt.timedelta(days=1)
    return (shifted + dt.timedelta(weeks=weeks, days=days + -(-hours // 24))).isoformat()
