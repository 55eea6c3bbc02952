"""Contract records -> RDF quads, one named graph per contract (model: ontology/contractkg.ttl).

Built with pyoxigraph terms directly: no rdflib round-trip on the ingest hot path. Every fact
that carries a span gets an evidence node (ontology/evidence.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pyoxigraph as ox

from contractkg import __version__
from contractkg.history.changes_rdf import snapshot_graphs  # what a later version is compared with
from contractkg.ingest.document import Document
from contractkg.iris import contract_graph, contract_iri, doc_graph, doc_iri, doc_key, run_iri  # noqa: F401
from contractkg.namespaces import CKG, DATA, PROV, RDF, RDFS, XSD
from contractkg.ontology.literals import boolean, country, duration, duration_hours, lit, n, slug  # noqa: F401
from contractkg.ontology.records import (  # noqa: F401 - re-exported for callers of kg
    KIND_CLASS,
    ROLE_PROPERTY,
    ContractGraph,
    ContractIRIs,
    party_iri,
)
from contractkg.record import Contract

A = n(RDF + "type")


def contract_quads(doc: Document, index: int, rec: Contract, clauses: Sequence[Any] = ()) -> list[ox.Quad]:
    iris = ContractIRIs(index, contract_iri(doc, index), contract_graph(doc, index), doc_iri(doc), run_iri(doc),
                        lambda i: contract_iri(doc, i))
    return ContractGraph(doc.text, iris, rec, clauses).build()


def document_quads(doc: Document, when: str | None = None) -> list[ox.Quad]:
    """The source document (path, SHA-256, media type) and the extraction run that read it."""
    d, g, run = n(doc_iri(doc)), n(doc_graph(doc)), n(run_iri(doc))
    tool = n(f"{DATA}software/contractkg-{__version__}")
    when = when or dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    triples: list[tuple[ox.NamedNode, ox.NamedNode, ox.NamedNode | ox.Literal]] = [
        (d, A, n(CKG + "SourceDocument")), (d, n(CKG + "sourcePath"), lit(doc.source)),
        (d, n(CKG + "sha256"), lit(doc.sha256)), (d, n(CKG + "mediaType"), lit(doc.media_type)),
        (run, A, n(CKG + "ExtractionRun")), (run, n(PROV + "used"), d),
        (run, n(PROV + "wasAssociatedWith"), tool), (run, n(PROV + "endedAtTime"), lit(when, XSD + "dateTime")),
        (tool, A, n(PROV + "SoftwareAgent")), (tool, n(CKG + "toolVersion"), lit(__version__)),
        (tool, n(RDFS + "label"), lit(f"contractkg {__version__}")),
    ]
    return [ox.Quad(s, p, o, g) for s, p, o in triples]


def build(doc: Document, records: Iterable[Contract | Mapping[str, object]],
          agreements: Sequence[Any] | None = None) -> dict[str, list[ox.Quad]]:
    """Named graph IRI -> quads for one source document and its contracts.

    ``agreements`` (parallel to ``records``) adds each agreement's clauses, so evidence links to them.
    A record given in its JSON form (as `extract --format json` prints it, or a hand-written or gold record
    with notes of its own: keys the record does not declare are ignored) is read with Contract.from_fields."""
    contracts = [r if isinstance(r, Contract) else Contract.from_fields(r, strict=False) for r in records]
    graphs: dict[str, list[ox.Quad]] = {doc_graph(doc): document_quads(doc)}
    for i, rec in enumerate(contracts):
        clauses = agreements[i].clauses if agreements is not None and i < len(agreements) else ()
        graphs[contract_graph(doc, i)] = contract_quads(doc, i, rec, clauses)
    graphs.update(snapshot_graphs(doc, contracts, agreements))
    return graphs
