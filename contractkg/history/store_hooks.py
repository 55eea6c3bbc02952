"""What the ingest pipeline calls so that a new version keeps the old one (see pipeline.ingest).

- ``archive_replaced(store, docs)``, before a batch is stored: a document whose path is already in
  the store with other content has its graphs copied under a version key (``<key>.v<sha12>``,
  IRIs rewritten in one SPARQL Update), so the swap that follows replaces only the current copy.
  Identical content is left alone (no-op).
- ``link_versions(store, contracts)``, after the batch: the versions of the agreements just stored
  are (re)linked oldest to newest, with a ckg:Change for each difference (changes_rdf.py)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pyoxigraph as ox

from contractkg.history.changes_rdf import (
    objection_window,
    revision_graph,
    revision_quads,
    snapshot_from_json,
)
from contractkg.history.diff import diff
from contractkg.history.load import keys, versions
from contractkg.history.versions import clusters, ordered
from contractkg.namespaces import DATA, GRAPH
from contractkg.queries.load import text
from contractkg.queries.updates import drop_graphs, graph_block, graph_blocks, insert_data, sequence
from contractkg.store import Store
from contractkg.store.base import HAS_GRAPH, REGISTRY


def archive_update(store: Store, doc: str, key: str, old_sha: str) -> str | None:
    """The SPARQL Update that keeps the stored version of ``doc`` under its own version key."""
    version = f"v{old_sha[:12]}"
    prefix = f"{GRAPH}{key}/"
    graphs = [g for g in store.graphs_of(doc) if g.startswith(prefix)]
    if not graphs:
        return None
    new_doc = _n(f"{DATA}doc/{key}.{version}")
    contract_prefix, new_prefix = ox.Literal(f"{DATA}contract/{key}-"), ox.Literal(f"{DATA}contract/{key}.{version}-")
    targets = [f"{prefix}{version}/{g[len(prefix):]}" for g in graphs]
    copies = [(_n(g), _n(t), contract_prefix, new_prefix, _n(doc), new_doc) for g, t in zip(graphs, targets, strict=True)]
    return sequence([*drop_graphs(targets),
                     text("internal/history/archive-graphs", tables={"copies": copies}, prefixes=False),
                     text("internal/store/unregister-documents", tables={"documents": [(new_doc, _n(REGISTRY))]},
                          prefixes=False),
                     insert_data([graph_block(REGISTRY, [ox.Triple(new_doc, _n(HAS_GRAPH), _n(t)) for t in targets])])])


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def archive_replaced(store: Store, docs: Mapping[str, tuple[str, str]]) -> list[str]:
    """Keep the stored version of each document (IRI -> (doc key, new SHA-256)) whose content
    changed; returns the documents archived."""
    if not docs:
        return []
    rows = store.query(text("internal/history/document-hashes", tables={"documents": [(_n(d),) for d in docs]})).rows
    done = []
    for row in rows:
        d, old = row["d"] or "", row["h"] or ""
        key, new = docs.get(d, ("", ""))
        if old and new and old != new:
            update = archive_update(store, d, key, old)
            if update:
                store.update(update)
                done.append(d)
    return done


def list_windows(store: Store, sources: Iterable[str]) -> dict[str, str]:
    """For sub-processor list files: the objection window of a DPA that takes its list from each."""
    wanted = sorted(set(sources))
    if not wanted:
        return {}
    rows = store.query(text("internal/history/list-snapshots", tables={"sources": [(ox.Literal(s),) for s in wanted]})).rows
    found: dict[str, str] = {}
    for r in rows:
        window = (snapshot_from_json(r["data"] or "{}").deadlines.get("subprocessor_objection") or {}).get("value")
        if window and r["src"]:
            found.setdefault(r["src"], str(window))
    return found


def link_versions(store: Store, contracts: Iterable[str]) -> int:
    """(Re)link every version of the agreements in ``contracts``; returns the revision links written.
    Only the agreements that have two versions or more have their snapshots read."""
    mine = keys(store, contracts=contracts)
    if not mine:
        return 0
    related = keys(store, agreement_keys=[k for _, k, _ in mine if k], path_keys=[p for _, _, p in mine])
    every = {c[0]: c for c in [*mine, *related]}
    found = [group for group in clusters(list(every.values())) if len(group) > 1]  # by the stored keys
    multi = [c for group in found for c in group]
    family = versions(store, contracts=multi)  # only agreements with two versions or more are read whole
    by_contract = {v.contract: v for v in family}
    members = [(_n(c),) for c in dict.fromkeys([*multi, *(c for c, _, _ in mine)])]
    stale = [r["g"] for r in store.query(text("internal/history/revision-graphs", tables={"members": members})).rows if r["g"]]
    parts = drop_graphs(stale)
    if stale:
        parts.append(text("internal/store/unregister-graphs", tables={"graphs": [(_n(g), _n(REGISTRY)) for g in stale]},
                          prefixes=False))
    quads: list[ox.Quad] = []
    registry: list[ox.Triple] = []
    links = 0
    windows = list_windows(store, [v.snapshot.source for v in family if not objection_window(v)])
    for group in (ordered(by_contract[c] for c in cluster if c in by_contract) for cluster in found):
        for k in range(1, len(group)):
            old, new = group[k - 1], group[k]
            quads += revision_quads(old, new, diff(old.snapshot, new.snapshot), k == len(group) - 1, k == 1,
                                    windows.get(new.snapshot.source))
            g = revision_graph(old, new)
            registry += [ox.Triple(_n(d), _n(HAS_GRAPH), _n(g)) for d in (old.document, new.document)]
            links += 1
    if quads:
        parts.append(insert_data(graph_blocks(quads) + [graph_block(REGISTRY, registry)]))
    if parts:
        store.update(sequence(parts))
    return links


# -- the two calls pipeline.ingest makes (results: pipeline.FileResult) ------------------------------

def before_store(store: Store, batch: Mapping[str, object]) -> list[str]:
    """Archive the stored version of each document of the batch whose content changed."""
    from contractkg import kg

    docs = {d: (kg.doc_key(r.doc), r.doc.sha256) for d, r in batch.items() if getattr(r, "doc", None) is not None}  # type: ignore[attr-defined]
    return archive_replaced(store, docs)


def after_store(store: Store, results: Iterable[object]) -> int:
    """Link the versions of the agreements just stored."""
    from contractkg import kg

    contracts = [kg.contract_iri(r.doc, i) for r in results if getattr(r, "doc", None) is not None  # type: ignore[attr-defined]
                 for i in range(len(r.records))]  # type: ignore[attr-defined]
    return link_versions(store, contracts)
