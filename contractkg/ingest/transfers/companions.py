"""A sub-processor list published as its own file, given together with the agreement it belongs to.

``attach_companions(records)`` runs over the records of every file of one command: the
sub-processors of a list file (a file whose agreements are no DPA and list sub-processors) are
copied into each DPA of the other files that lists none itself.
"""

from __future__ import annotations

from collections.abc import Sequence

from contractkg.record import Contract, replace

MAIN_KINDS = ("dpa", "scc")


def is_list_file(records: Sequence[Contract]) -> bool:
    """A file that only publishes sub-processors: some listed, and no DPA or SCC among its agreements."""
    return any(r.subprocessors for r in records) and not any(r.kind in MAIN_KINDS for r in records)


def attach_companions(records: Sequence[Contract]) -> list[Contract]:
    """The records, in order, with companion lists merged in (records are frozen: changed ones are new)."""
    by_source: dict[str, list[Contract]] = {}
    for r in records:
        by_source.setdefault(r.source, []).append(r)
    lists = {src: rs for src, rs in by_source.items() if is_list_file(rs)}
    if not lists or len(by_source) < 2:
        return list(records)
    out = []
    for r in records:
        if r.source not in lists and r.kind in MAIN_KINDS and not r.subprocessors:
            listed = [lr for list_records in lists.values() for lr in list_records]
            r = replace(r, subprocessors=r.subprocessors + tuple(sp for lr in listed for sp in lr.subprocessors),
                        transfers=r.transfers + tuple(t for lr in listed for t in lr.transfers),
                        subprocessors_from=(*(r.subprocessors_from or ()), *lists))
        out.append(r)
    return out


def lists_subprocessors(text: str) -> bool:
    """``text`` holds a sub-processor table (a header naming a sub-processor column and another one):
    a published list page is read even though it has few contract words."""
    from contractkg.ingest.transfers.subprocessors import (
        header_kind,  # the extractor imports much; only when asked
    )

    return any(header_kind(line) for line in text[:60000].split("\n") if "|" in line or "\t" in line or "  " in line)
