"""Links between agreements of different files: language versions and where they disagree.

Computed over one batch of files (an ingest run, or one `extract` call), since a link needs both
records. Each link graph is registered under both documents, so re-ingesting either drops it."""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import pyoxigraph as ox

from contractkg.ingest.lexical.entities import canonical_key
from contractkg.ingest.structure.versions import (
    compare_versions,
    find_translations,
    link_translations,
    prevailing_version,
)
from contractkg.namespaces import CKG, GRAPH, RDF, XSD
from contractkg.queries.load import text
from contractkg.queries.updates import drop_graphs, graph_blocks, insert_data, sequence
from contractkg.record import Contract
from contractkg.store.base import HAS_GRAPH, PENDING, PENDING_TERM, REGISTRY, Store

A = ox.NamedNode(RDF + "type")
# What the link search reads of a record: part of its JSON form (see link_features), also kept in the
# store as JSON until the run's links are written. Not a record: a serialised search input.
LinkFeatures = dict[str, Any]


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _value(v: Any) -> ox.Literal:
    return ox.Literal(v if isinstance(v, str) else json.dumps(v, ensure_ascii=False))


FULL_COMPARISON = 40  # up to this many records, compare every pair; above, only those sharing a party


def translation_pairs(records: Sequence[LinkFeatures]) -> list[tuple[int, int, float]]:
    """Language-version pairs (i, j, score); blocked by shared named party on large batches."""
    if len(records) <= FULL_COMPARISON:
        return find_translations(list(records))
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, rec in enumerate(records):
        for party in rec.get("parties") or []:
            if isinstance(party, dict) and party.get("name"):
                blocks[party.get("canonical_key") or canonical_key(party["name"])].append(i)
    found: dict[tuple[int, int], float] = {}
    for members in blocks.values():
        if len(members) < 2 or len({records[i].get("language") for i in members}) < 2:
            continue
        for a, b, score in find_translations([records[i] for i in members]):
            found[(members[a], members[b])] = score
    return sorted(((i, j, s) for (i, j), s in found.items()), key=lambda t: -t[2])


def annotate_translations(records: Sequence[Contract]) -> list[Contract]:
    """The records with their language versions marked (translation_of, version_differences,
    prevailing_version); the search and comparison read the records' JSON form."""
    data = [rec.to_json() for rec in records]
    pairs = link_translations(data, translation_pairs(data))
    marked = {i for pair in pairs for i in pair[:2]}
    return [Contract.from_fields(d) if i in marked else rec for i, (rec, d) in enumerate(zip(records, data, strict=True))]


def link_graphs(entries: Sequence[tuple[str, str, LinkFeatures]]) -> list[tuple[list[str], str, list[ox.Quad]]]:
    """For (document IRI, contract IRI, link features) entries: [(doc IRIs, graph IRI, quads)] per translation pair."""
    records = [rec for _, _, rec in entries]
    out = []
    for i, j, score in translation_pairs(records):
        (doc_a, ca, rec_a), (doc_b, cb, rec_b) = entries[i], entries[j]
        key = hashlib.sha1(f"{ca}|{cb}".encode()).hexdigest()[:16]
        g = _n(f"{GRAPH}links/{key}")
        quads = [ox.Quad(_n(ca), _n(CKG + "translationOf"), _n(cb), g),
                 ox.Quad(_n(cb), _n(CKG + "translationOf"), _n(ca), g),
                 ox.Quad(_n(ca), _n(CKG + "translationScore"), ox.Literal(str(score), datatype=_n(XSD + "decimal")), g)]
        winner = prevailing_version(records, [i, j])
        if winner is not None:
            prevailing = ca if winner == i else cb
            for c in (ca, cb):
                quads.append(ox.Quad(_n(c), _n(CKG + "prevailingVersion"), _n(prevailing), g))
        for k, diff in enumerate(compare_versions(rec_a, rec_b)):
            d = _n(f"{GRAPH}links/{key}/diff/{k}")
            quads += [ox.Quad(d, A, _n(CKG + "VersionDifference"), g),
                      ox.Quad(d, _n(CKG + "versionA"), _n(ca), g),
                      ox.Quad(d, _n(CKG + "versionB"), _n(cb), g),
                      ox.Quad(d, _n(CKG + "differenceField"), ox.Literal(diff["field"] + (
                          f" {diff['clause']}" if diff.get("clause") else "")), g)]
            if diff.get("a") is not None:
                quads.append(ox.Quad(d, _n(CKG + "valueInA"), _value(diff["a"]), g))
            if diff.get("b") is not None:
                quads.append(ox.Quad(d, _n(CKG + "valueInB"), _value(diff["b"]), g))
        out.append(([doc_a, doc_b], g.value, quads))
    return out


# -- crash safety --------------------------------------------------------------------------------
# An ingest commits each document together with the facts the link search reads ("link features",
# in the graph PENDING, under the ingest's run id); the links of the run and the removal of those
# features are one later transaction. A writer that finds features left behind (the ingest died
# in between) recomputes the run's links from them, so no link is ever lost.

_PARTY_KEYS = ("name", "canonical_key")
_PLAIN_KEYS = ("kind", "language", "source", "span", "line", "clause_numbers", "governing_law", "deadlines",
               "art28", "prevailing_language", "amicable_settlement_period")


def link_features(contract: Contract) -> LinkFeatures:
    """The parts of a record that find_translations and compare_versions read, in its JSON form."""
    rec: LinkFeatures = contract.to_json()
    out: LinkFeatures = {k: rec.get(k) for k in _PLAIN_KEYS if rec.get(k) is not None}
    out["parties"] = [{k: p.get(k) for k in _PARTY_KEYS} for p in rec.get("parties") or [] if isinstance(p, dict)]
    out["subprocessors"] = [{"name": s.get("name")} for s in rec.get("subprocessors") or [] if isinstance(s, dict)]
    j = rec.get("jurisdiction")
    if isinstance(j, dict):
        out["jurisdiction"] = {"country": j.get("country"), "exclusive": j.get("exclusive")}
    return out


def pending_quads(run: str, order: int, doc_iri: str, contract_iri: str, features: LinkFeatures) -> list[ox.Quad]:
    """The link features of one contract (``link_features``), committed with its document."""
    g, c = _n(PENDING), _n(contract_iri)
    return [ox.Quad(c, _n(PENDING_TERM + "run"), ox.Literal(run), g),
            ox.Quad(c, _n(PENDING_TERM + "order"), ox.Literal(str(order), datatype=_n(XSD + "integer")), g),
            ox.Quad(c, _n(PENDING_TERM + "document"), _n(doc_iri), g),
            ox.Quad(c, _n(PENDING_TERM + "features"), ox.Literal(json.dumps(features, ensure_ascii=False)), g)]


def write_links(store: Store, entries: Sequence[tuple[str, str, LinkFeatures]], run: str | None) -> int:
    """Store the links among ``entries`` (link_features of each contract) and forget the run's pending
    features, in one transaction."""
    drops: list[str] = []
    quads: list[ox.Quad] = []
    found = link_graphs(entries)
    for docs, graph, link_quads in found:
        drops.append(graph)
        quads += link_quads
        quads += [ox.Quad(_n(d), _n(HAS_GRAPH), _n(graph), _n(REGISTRY)) for d in dict.fromkeys(docs)]
    forget = ""
    if run is not None:
        forget = text("internal/links/forget-run", tables={"run": [(_n(PENDING), _n(PENDING_TERM + "run"), ox.Literal(run))]},
                      prefixes=False)
    update = sequence([*drop_graphs(drops), insert_data(graph_blocks(quads)), forget])
    if update:
        store.update(update)
    return len(found)


def repair_pending(store: Store) -> int:
    """Recompute the links of every run an ingest left unfinished; the number of links written."""
    graphs = (_n(PENDING), _n(REGISTRY), *(_n(PENDING_TERM + k) for k in ("run", "order", "document", "features")))
    rows = store.query(text("internal/links/pending", tables={"graphs": [graphs]})).rows
    runs: dict[str, list[tuple[int, str, str, LinkFeatures]]] = defaultdict(list)
    for r in rows:
        runs[r["run"] or ""].append((int(r["order"] or 0), r["doc"] or "", r["c"] or "", json.loads(r["f"] or "{}")))
    written = 0
    with store.writing():
        for run, items in sorted(runs.items()):
            written += write_links(store, [(d, c, f) for _, d, c, f in sorted(items)], run)
        store.update(sequence(drop_graphs([PENDING])))  # features of documents that never got stored
    return written
