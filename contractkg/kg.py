"""Contract records -> RDF quads, one named graph per contract (see ontology/contractkg.ttl).

Built with pyoxigraph terms directly: no rdflib round-trip on the ingest hot path."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from contractkg.ingest.document import Document
from contractkg.namespaces import CKG, DATA, DCT, DPV, GRAPH, LOC, RDF, RDFS, XSD

A = ox.NamedNode(RDF + "type")
KIND_CLASS = {
    "dpa": CKG + "DataProcessingAgreement",
    "terms": CKG + "TermsOfService",
    "scc": CKG + "StandardContractualClauses",
    "framework": CKG + "FrameworkAgreement",
    "sla": CKG + "ServiceLevelAgreement",
    "sow": CKG + "StatementOfWork",
}
ROLE_PROPERTY = {
    "controller": DPV + "hasDataController",
    "processor": DPV + "hasDataProcessor",
    "data_exporter": DPV + "hasDataExporter",
    "data_importer": DPV + "hasDataImporter",
    "subprocessor": CKG + "hasSubProcessor",
    "provider": CKG + "hasProvider",
    "customer": CKG + "hasCustomer",
}


def n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def lit(value: Any, datatype: str | None = None, lang: str | None = None) -> ox.Literal:
    if lang:
        return ox.Literal(str(value), language=lang)
    if datatype:
        return ox.Literal(str(value), datatype=ox.NamedNode(datatype))
    return ox.Literal(str(value))


def slug(text: str) -> str:
    s = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-") or "x"


def doc_key(doc: Document) -> str:
    """Stable per source path, so re-ingesting the same file replaces its graphs."""
    src = doc.source
    try:
        src = str(Path(src).resolve())
    except OSError:
        pass
    return hashlib.sha1(src.encode("utf-8")).hexdigest()[:16]


def doc_iri(doc: Document) -> str:
    return f"{DATA}doc/{doc_key(doc)}"


def contract_iri(doc: Document, index: int) -> str:
    return f"{DATA}contract/{doc_key(doc)}-{index}"


def contract_graph(doc: Document, index: int) -> str:
    return f"{GRAPH}{doc_key(doc)}/{index}"


def party_iri(party: dict[str, Any], contract: str) -> str:
    """One IRI per real entity: named parties share it across contracts; placeholders stay local."""
    name = party.get("name")
    if name:
        key = party.get("canonical_key") or slug(name)
        return f"{DATA}party/{key}"
    term = (party.get("defined_as") or ["party"])[0]
    return f"{contract}/party/{slug(term)}"


def contract_quads(doc: Document, index: int, rec: dict[str, Any]) -> list[ox.Quad]:
    g = n(contract_graph(doc, index))
    c = n(contract_iri(doc, index))
    out: list[ox.Quad] = []

    def add(s: ox.NamedNode, p: str, o: ox.NamedNode | ox.Literal) -> None:
        out.append(ox.Quad(s, n(p), o, g))

    out.append(ox.Quad(c, A, n(KIND_CLASS.get(rec.get("kind") or "terms", CKG + "Agreement")), g))
    if rec.get("kind") == "dpa":
        out.append(ox.Quad(c, A, n(DPV + "DataProcessingAgreement"), g))
    add(c, CKG + "fromDocument", n(doc_iri(doc)))
    add(c, CKG + "startLine", lit(rec.get("line", 1), XSD + "integer"))
    if rec.get("title"):
        add(c, DCT + "title", lit(rec["title"]))
    if rec.get("language"):
        add(c, DCT + "language", lit(rec["language"], XSD + "language"))
    for party in rec.get("parties") or []:
        p = n(party_iri(party, c.value))
        out.append(ox.Quad(p, A, n(CKG + "Party"), g))
        if party.get("name"):
            add(p, RDFS + "label", lit(party["name"]))
        if party.get("country"):
            add(p, CKG + "country", n(LOC + party["country"]))
        for role in party.get("roles") or []:
            if role in ROLE_PROPERTY:
                add(c, ROLE_PROPERTY[role], p)
        for term in party.get("defined_as") or []:
            add(p, CKG + "definedTerm", lit(term))
    return out


def document_quads(doc: Document) -> list[ox.Quad]:
    d = n(doc_iri(doc))
    g = n(f"{GRAPH}{doc_key(doc)}/doc")
    return [
        ox.Quad(d, A, n(CKG + "SourceDocument"), g),
        ox.Quad(d, n(CKG + "sourcePath"), lit(doc.source), g),
        ox.Quad(d, n(CKG + "sha256"), lit(doc.sha256), g),
    ]


def build(doc: Document, records: Iterable[dict[str, Any]]) -> dict[str, list[ox.Quad]]:
    """Named graph IRI -> quads for one source document and its contracts."""
    graphs: dict[str, list[ox.Quad]] = {f"{GRAPH}{doc_key(doc)}/doc": document_quads(doc)}
    for i, rec in enumerate(records):
        graphs[contract_graph(doc, i)] = contract_quads(doc, i, rec)
    return graphs
