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
from contractkg.history.load import versions
from contractkg.history.versions import agreement_key, groups
from contractkg.namespaces import CKG, DATA, GRAPH, PROV
from contractkg.store import Store
from contractkg.store.base import HAS_GRAPH, REGISTRY, graph_blocks


def _rewrite(var: str, contract_prefix: str, new_prefix: str, doc: str, new_doc: str) -> str:
    return (f"BIND(IF(isIRI(?{var}) && STRSTARTS(STR(?{var}), \"{contract_prefix}\"), "
            f"IRI(CONCAT(\"{new_prefix}\", STRAFTER(STR(?{var}), \"{contract_prefix}\"))), "
            f"IF(sameTerm(?{var}, <{doc}>), <{new_doc}>, ?{var})) AS ?{var}2)")


def archive_update(store: Store, doc: str, key: str, old_sha: str) -> str | None:
    """The SPARQL Update that keeps the stored version of ``doc`` under its own version key."""
    version = f"v{old_sha[:12]}"
    prefix = f"{GRAPH}{key}/"
    graphs = [g for g in store.graphs_of(doc) if g.startswith(prefix)]
    if not graphs:
        return None
    new_doc = f"{DATA}doc/{key}.{version}"
    contract_prefix, new_prefix = f"{DATA}contract/{key}-", f"{DATA}contract/{key}.{version}-"
    parts, registry = [], []
    for g in graphs:
        target = f"{prefix}{version}/{g[len(prefix):]}"
        parts.append(f"DROP SILENT GRAPH <{target}>")
        parts.append(f"INSERT {{ GRAPH <{target}> {{ ?s2 ?p ?o2 }} }} WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} "
                     f"{_rewrite('s', contract_prefix, new_prefix, doc, new_doc)} "
                     f"{_rewrite('o', contract_prefix, new_prefix, doc, new_doc)} }}")
        registry.append(f"<{new_doc}> <{HAS_GRAPH}> <{target}> .")
    parts.append(f"DELETE WHERE {{ GRAPH <{REGISTRY}> {{ <{new_doc}> <{HAS_GRAPH}> ?g }} }}")
    parts.append(f"INSERT DATA {{ GRAPH <{REGISTRY}> {{ {' '.join(registry)} }} }}")
    return " ;\n".join(parts)


def archive_replaced(store: Store, docs: Mapping[str, tuple[str, str]]) -> list[str]:
    """Keep the stored version of each document (IRI -> (doc key, new SHA-256)) whose content
    changed; returns the documents archived."""
    if not docs:
        return []
    values = " ".join(f"<{d}>" for d in docs)
    rows = store.query(f"SELECT ?d ?h WHERE {{ VALUES ?d {{ {values} }} ?d <{CKG}sha256> ?h }}").rows
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
    values = " ".join(str(ox.Literal(s)) for s in set(sources))
    if not values:
        return {}
    rows = store.query(f"""SELECT ?src ?data WHERE {{ VALUES ?src {{ {values} }}
        ?s <{CKG}subprocessorListFrom> ?src ; <{CKG}snapshotData> ?data }}""").rows
    found: dict[str, str] = {}
    for r in rows:
        window = (snapshot_from_json(r["data"] or "{}").deadlines.get("subprocessor_objection") or {}).get("value")
        if window and r["src"]:
            found.setdefault(r["src"], str(window))
    return found


def link_versions(store: Store, contracts: Iterable[str]) -> int:
    """(Re)link every version of the agreements in ``contracts``; returns the revision links written."""
    mine = versions(store, contracts=contracts)
    if not mine:
        return 0
    keys = [key for v in mine if (key := agreement_key(v.snapshot))]
    family = versions(store, contracts=[v.contract for v in mine], agreement_keys=keys,
                      path_keys=[v.path_key for v in mine])
    members = " ".join(f"<{v.contract}>" for v in family)
    stale = store.query(f"""SELECT DISTINCT ?g WHERE {{ VALUES ?x {{ {members} }}
        {{ GRAPH ?g {{ ?x <{PROV}wasRevisionOf> ?y }} }} UNION {{ GRAPH ?g {{ ?y <{PROV}wasRevisionOf> ?x }} }} }}""").rows
    parts = [f"DROP SILENT GRAPH <{r['g']}>" for r in stale if r["g"]]
    parts += [f"DELETE WHERE {{ GRAPH <{REGISTRY}> {{ ?d <{HAS_GRAPH}> <{r['g']}> }} }}" for r in stale if r["g"]]
    quads: list[ox.Quad] = []
    registry: list[str] = []
    links = 0
    windows = list_windows(store, [v.snapshot.source for v in family if not objection_window(v)])
    for group in groups(family):
        for k in range(1, len(group)):
            old, new = group[k - 1], group[k]
            quads += revision_quads(old, new, diff(old.snapshot, new.snapshot), k == len(group) - 1, k == 1,
                                    windows.get(new.snapshot.source))
            g = revision_graph(old, new)
            registry += [f"<{old.document}> <{HAS_GRAPH}> <{g}> .", f"<{new.document}> <{HAS_GRAPH}> <{g}> ."]
            links += 1
    if quads:
        body = graph_blocks(quads) + [f"GRAPH <{REGISTRY}> {{\n" + "\n".join(registry) + "\n}"]
        parts.append("INSERT DATA {\n" + "\n".join(body) + "\n}")
    if parts:
        store.update(" ;\n".join(parts))
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
