"""Snapshots, version links and ckg:Change nodes as quads (terms: ontology/contractkg.ttl).

- Each ingested document gets a graph ``<doc key>/history`` with one ckg:VersionSnapshot per
  agreement (the JSON of adapter.Snapshot, its agreement and path keys, the ingest time).
- Each pair of consecutive versions gets a graph ``links/rev-<hash>`` registered under both
  documents: prov:wasRevisionOf, ckg:supersededBy, ckg:isCurrentVersion, the version dates, and
  one ckg:Change per difference with its values and evidence on both sides."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Sequence
from typing import Any

import pyoxigraph as ox

from contractkg import iris as kg
from contractkg.history.adapter import Snapshot, Span, snapshot
from contractkg.history.diff import Change
from contractkg.history.versions import Version, add_duration, agreement_key
from contractkg.namespaces import CKG, DATA, GRAPH, OA, PROV, RDF, XSD
from contractkg.record import Contract

A = ox.NamedNode(RDF + "type")


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _lit(value: Any, datatype: str | None = None) -> ox.Literal:
    return ox.Literal(str(value), datatype=_n(datatype)) if datatype else ox.Literal(str(value))


def history_graph(doc: Any) -> str:
    return f"{GRAPH}{kg.doc_key(doc)}/history"


def snapshot_graphs(doc: Any, records: Sequence[Contract], agreements: Sequence[Any] | None,
                    when: str | None = None) -> dict[str, list[ox.Quad]]:
    """The history graph of one document: a snapshot per agreement (see module doc)."""
    when = when or dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")
    g = _n(history_graph(doc))
    quads: list[ox.Quad] = []
    seen: dict[str, int] = {}
    for i, rec in enumerate(records):
        clauses = agreements[i].clauses if agreements is not None and i < len(agreements) else []
        snap = snapshot(doc.source, doc.sha256, i, doc.text, rec, clauses)
        c = kg.contract_iri(doc, i)
        s = _n(f"{c}/snapshot")
        quads += [ox.Quad(s, A, _n(CKG + "VersionSnapshot"), g), ox.Quad(s, _n(CKG + "snapshotOf"), _n(c), g),
                  ox.Quad(s, _n(PROV + "wasDerivedFrom"), _n(kg.doc_iri(doc)), g),
                  ox.Quad(s, _n(CKG + "pathKey"), _lit(f"{kg.doc_key(doc)}-{i}"), g),
                  ox.Quad(s, _n(CKG + "ingestedAt"), _lit(when, XSD + "dateTime"), g),
                  ox.Quad(s, _n(CKG + "snapshotData"), _lit(json.dumps(snap.to_json(), ensure_ascii=False)), g)]
        quads += [ox.Quad(s, _n(CKG + "subprocessorListFrom"), _lit(src), g) for src in snap.companions]
        key = agreement_key(snap)
        if key:  # two agreements of one file are never versions of each other: the second of a key gets "#2"
            seen[key] = seen.get(key, 0) + 1
            key += f"#{seen[key]}" if seen[key] > 1 else ""
            quads.append(ox.Quad(s, _n(CKG + "agreementKey"), _lit(key), g))
    return {g.value: quads}


def revision_graph(old: Version, new: Version) -> str:
    return f"{GRAPH}links/rev-{hashlib.sha1(f'{old.contract}|{new.contract}'.encode()).hexdigest()[:16]}"


def objection_window(version: Version) -> str | None:
    found = version.snapshot.deadlines.get("subprocessor_objection") or {}
    return str(found["value"]) if found.get("value") else None


def objection_deadline(change: Change, new: Version, old: Version, fallback: str | None = None) -> tuple[str, str] | None:
    """(deadline, window) for a sub-processor the new version adds: its date plus the objection window
    (the new version's, else the old one's, else ``fallback``: the window of the DPA that takes its
    sub-processors from this list)."""
    if change.area != "subprocessor" or change.kind != "added":
        return None
    window = objection_window(new) or objection_window(old) or fallback
    deadline = add_duration(new.date, window)
    return (deadline, str(window)) if deadline else None


def _evidence(node: ox.NamedNode, version: Version, span: Span, quote: str | None, g: ox.NamedNode) -> list[ox.Quad]:
    assert span is not None
    pos = _n(node.value + "/position")
    out = [ox.Quad(node, A, _n(CKG + "Evidence"), g), ox.Quad(node, _n(OA + "hasSource"), _n(version.document), g),
           ox.Quad(node, _n(PROV + "wasDerivedFrom"), _n(version.contract), g),
           ox.Quad(node, _n(OA + "hasSelector"), pos, g), ox.Quad(pos, A, _n(OA + "TextPositionSelector"), g),
           ox.Quad(pos, _n(OA + "start"), _lit(span[0], XSD + "integer"), g),
           ox.Quad(pos, _n(OA + "end"), _lit(span[1], XSD + "integer"), g)]
    if quote:
        out.append(ox.Quad(node, _n(OA + "exact"), _lit(quote), g))
    return out


def version_quads(version: Version, current: bool, g: ox.NamedNode) -> list[ox.Quad]:
    c = _n(version.contract)
    out = [ox.Quad(c, _n(CKG + "isCurrentVersion"), _lit("true" if current else "false", XSD + "boolean"), g),
           ox.Quad(c, _n(CKG + "versionDate"), _lit(version.date, XSD + "date"), g),
           ox.Quad(c, _n(CKG + "versionDateBasis"), _lit(version.date_basis), g)]
    return out


def revision_quads(old: Version, new: Version, changes: Iterable[Change], new_is_current: bool,
                   old_is_first: bool, fallback_window: str | None = None) -> list[ox.Quad]:
    """The link from ``new`` to the ``old`` version it revises, and the changes it brings. Each
    version's own facts go in one graph only (the union of graphs would count them twice): the
    graph where it is the newer side, or for the first version, the first link's graph."""
    g = _n(revision_graph(old, new))
    o, c = _n(old.contract), _n(new.contract)
    out = [ox.Quad(c, _n(PROV + "wasRevisionOf"), o, g), ox.Quad(o, _n(CKG + "supersededBy"), c, g)]
    out += (version_quads(old, False, g) if old_is_first else []) + version_quads(new, new_is_current, g)
    key = g.value.rsplit("rev-", 1)[1]
    for k, ch in enumerate(changes):
        node = _n(f"{DATA}change/{key}-{k}")
        out += [ox.Quad(node, A, _n(CKG + "Change"), g), ox.Quad(c, _n(CKG + "hasChange"), node, g),
                ox.Quad(node, _n(CKG + "fromVersion"), o, g), ox.Quad(node, _n(CKG + "toVersion"), c, g),
                ox.Quad(node, _n(CKG + "changeArea"), _lit(ch.area), g),
                ox.Quad(node, _n(CKG + "changeKind"), _lit(ch.kind), g),
                ox.Quad(node, _n(CKG + "changeSubject"), _lit(ch.subject), g)]
        for prop, value in (("changedAttribute", ch.attribute), ("valueBefore", ch.before), ("valueAfter", ch.after),
                            ("clauseRef", ch.clause), ("textDiff", ch.text_diff)):
            if value is not None:
                out.append(ox.Quad(node, _n(CKG + prop), _lit(value), g))
        if ch.before_span:
            ev = _n(node.value + "/before")
            out += [ox.Quad(node, _n(CKG + "evidenceBefore"), ev, g), *_evidence(ev, old, ch.before_span, ch.before_quote, g)]
        if ch.after_span:
            ev = _n(node.value + "/after")
            out += [ox.Quad(node, _n(CKG + "evidenceAfter"), ev, g), *_evidence(ev, new, ch.after_span, ch.after_quote, g)]
        deadline = objection_deadline(ch, new, old, fallback_window)
        if deadline:
            out += [ox.Quad(node, _n(CKG + "objectionDeadline"), _lit(deadline[0], XSD + "date"), g),
                    ox.Quad(node, _n(CKG + "objectionWindow"), _lit(deadline[1], XSD + "duration"), g)]
    return out


def snapshot_from_json(data: str) -> Snapshot:
    return Snapshot.from_json(json.loads(data))
