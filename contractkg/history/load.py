"""Snapshots from files (extracted now) or from the store (kept at ingest)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from contractkg.history.adapter import Snapshot, snapshot
from contractkg.history.changes_rdf import snapshot_from_json
from contractkg.history.versions import Version
from contractkg.queries.load import text
from contractkg.store import Store


class VersionNotFound(Exception):
    """A contract IRI the store holds no snapshot of; the message says what to do."""


def from_file(path: str | Path) -> list[Snapshot]:
    """One snapshot per agreement in the file (LoadError from the loader when it cannot be read)."""
    from contractkg.ingest.extract import extract_file

    doc, agreements, records = extract_file(path)
    return [snapshot(doc.source, doc.sha256, i, doc.text, rec, agreements[i].clauses if i < len(agreements) else [])
            for i, rec in enumerate(records)]


def _rows(store: Store, query: str, table: str, terms: list[ox.NamedNode] | list[ox.Literal]) -> list[Version]:
    res = store.query(text(f"internal/history/{query}", tables={table: [(t,) for t in terms]}))
    return [Version(r["c"] or "", r["d"] or "", r["pk"] or "", r["at"] or "", snapshot_from_json(r["data"] or "{}"))
            for r in res.rows if r["c"] and r["data"]]


def _chunks(items: list[str], size: int = 400) -> Iterable[list[str]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def versions(store: Store, contracts: Iterable[str] = (), agreement_keys: Iterable[str] = (),
             path_keys: Iterable[str] = ()) -> list[Version]:
    """The stored versions among ``contracts``, or sharing one of the agreement or path keys."""
    found: dict[str, Version] = {}
    for chunk in _chunks(sorted(set(contracts))):
        for v in _rows(store, "snapshots-of-contracts", "contracts", [ox.NamedNode(c) for c in chunk]):
            found[v.contract] = v
    for chunk in _chunks(sorted(set(agreement_keys))):
        for v in _rows(store, "snapshots-by-agreement-key", "keys", [ox.Literal(k) for k in chunk]):
            found[v.contract] = v
    for chunk in _chunks(sorted(set(path_keys))):
        for v in _rows(store, "snapshots-by-path-key", "keys", [ox.Literal(k) for k in chunk]):
            found[v.contract] = v
    return list(found.values())


def keys(store: Store, contracts: Iterable[str] = (), agreement_keys: Iterable[str] = (),
         path_keys: Iterable[str] = ()) -> list[tuple[str, str | None, str]]:
    """(contract, agreement key, path key) of the stored versions among ``contracts`` or sharing a key:
    what grouping needs, without reading the snapshots themselves."""
    found: dict[str, tuple[str, str | None, str]] = {}
    blocks: list[tuple[str, str, list[ox.NamedNode] | list[ox.Literal]]] = [
        ("keys-of-contracts", "contracts", [ox.NamedNode(c) for c in sorted(set(contracts))]),
        ("keys-by-agreement-key", "keys", [ox.Literal(k) for k in sorted(set(agreement_keys))]),
        ("keys-by-path-key", "keys", [ox.Literal(k) for k in sorted(set(path_keys))])]
    for query, table, terms in blocks:
        for i in range(0, len(terms), 400):
            res = store.query(text(f"internal/history/{query}", tables={table: [(t,) for t in terms[i:i + 400]]}))
            for r in res.rows:
                if r["c"]:
                    found[r["c"]] = (r["c"], r["k"], r["pk"] or "")
    return list(found.values())


def from_store(store: Store, contract: str) -> Version:
    found = versions(store, contracts=[contract])
    if not found:
        raise VersionNotFound(f"no snapshot of {contract} in {store.location}: check the IRI (contractkg query "
                              "contracts-overview lists them), or re-ingest its file so that its version is kept")
    return found[0]
