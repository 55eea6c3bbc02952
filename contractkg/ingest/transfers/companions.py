"""A sub-processor list published as its own file, given together with the agreement it belongs to.

``attach_companions(records)`` runs over the records of every file of one command: the
sub-processors of a list file (a file whose agreements are no DPA and list sub-processors) are
copied into each DPA of the other files that lists none itself.
"""

from __future__ import annotations

import copy
from typing import Any

MAIN_KINDS = ("dpa", "scc")


def is_list_file(records: list[dict[str, Any]]) -> bool:
    """A file that only publishes sub-processors: some listed, and no DPA or SCC among its agreements."""
    return any(r.get("subprocessors") for r in records) and not any(r.get("kind") in MAIN_KINDS for r in records)


def attach_companions(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Records with companion lists merged in (in place, and returned for chaining)."""
    by_source: dict[str, list[dict[str, Any]]] = {}
    for r in records:
        by_source.setdefault(str(r.get("source")), []).append(r)
    lists = {src: rs for src, rs in by_source.items() if is_list_file(rs)}
    if not lists or len(by_source) < 2:
        return records
    for src, rs in by_source.items():
        if src in lists:
            continue
        for r in rs:
            if r.get("kind") not in MAIN_KINDS or r.get("subprocessors"):
                continue
            for list_src, list_records in lists.items():
                for lr in list_records:
                    r.setdefault("subprocessors", [])
                    r["subprocessors"].extend(copy.deepcopy(lr.get("subprocessors") or []))
                    r.setdefault("transfers", [])
                    r["transfers"].extend(copy.deepcopy(lr.get("transfers") or []))
                r.setdefault("subprocessors_from", []).append(list_src)
    return records


def lists_subprocessors(text: str) -> bool:
    """``text`` holds a sub-processor table (a header naming a sub-processor column and another one):
    a published list page is read even though it has few contract words."""
    from contractkg.ingest.transfers.subprocessors import (
        header_kind,  # the extractor imports much; only when asked
    )

    return any(header_kind(line) for line in text[:60000].split("\n") if "|" in line or "\t" in line or "  " in line)
