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

from contractkg import kg
from contractkg.ingest.entities import canonical_key
from contractkg.ingest.versions import (
    compare_versions,
    find_translations,
    link_translations,
    prevailing_version,
)
from contractkg.namespaces import CKG, GRAPH, RDF, XSD

A = ox.NamedNode(RDF + "type")


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _value(v: Any) -> ox.Literal:
    return ox.Literal(v if isinstance(v, str) else json.dumps(v, ensure_ascii=False))


FULL_COMPARISON = 40  # up to this many records, compare every pair; above, only those sharing a party


def translation_pairs(records: Sequence[dict[str, Any]]) -> list[tuple[int, int, float]]:
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


def annotate_translations(records: list[dict[str, Any]]) -> None:
    """Mark language versions on the records (translation_of, version_differences, prevailing_version)."""
    link_translations(records, translation_pairs(records))


def link_graphs(entries: Sequence[tuple[Any, int, dict[str, Any]]]) -> list[tuple[list[str], str, list[ox.Quad]]]:
    """For (doc, index in doc, record) entries: [(doc IRIs, graph IRI, quads)] for each translation pair."""
    records = [rec for _, _, rec in entries]
    out = []
    for i, j, score in translation_pairs(records):
        (doc_a, ia, rec_a), (doc_b, ib, rec_b) = entries[i], entries[j]
        ca, cb = kg.contract_iri(doc_a, ia), kg.contract_iri(doc_b, ib)
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
        out.append(([kg.doc_iri(doc_a), kg.doc_iri(doc_b)], g.value, quads))
    return out
