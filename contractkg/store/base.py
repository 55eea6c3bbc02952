"""What every store offers. Writes go through SPARQL Update so that one code path
serves the embedded store and any SPARQL 1.1 server, and each document swap is one transaction."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pyoxigraph as ox

from contractkg.namespaces import CKG, GRAPH

REGISTRY = GRAPH + "registry"  # which graphs belong to which source document
# Graphs that belong to no document (derived from the whole store, rebuilt by their own command).
UNREGISTERED_OK = (REGISTRY, GRAPH + "inferred")
HAS_GRAPH = CKG + "hasGraph"


class StoreError(Exception):
    """A store that cannot be opened, reached or written; the message says why."""


@dataclass
class QueryResult:
    """SELECT rows (as N-Triples-free Python strings), ASK boolean or CONSTRUCT triples."""

    kind: str  # select | ask | graph
    variables: list[str] = field(default_factory=list)
    rows: list[dict[str, str | None]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[tuple[str, str, str]] = field(default_factory=list)


def ntriple(t: ox.Quad | ox.Triple) -> str:
    return f"{t.subject} {t.predicate} {t.object} ."


def replace_update(doc_iri: str, old_graphs: Iterable[str], graphs: Mapping[str, Iterable[ox.Quad]]) -> str:
    """One SPARQL Update that drops a document's old graphs and inserts its new ones."""
    parts = [f"DROP SILENT GRAPH <{g}>" for g in old_graphs]
    parts.append(f"DELETE WHERE {{ GRAPH <{REGISTRY}> {{ <{doc_iri}> <{HAS_GRAPH}> ?g }} }}")
    body = []
    for g, quads in graphs.items():
        body.append(f"GRAPH <{g}> {{\n" + "\n".join(ntriple(q) for q in quads) + "\n}")
    body.append(f"GRAPH <{REGISTRY}> {{\n" + "\n".join(f"<{doc_iri}> <{HAS_GRAPH}> <{g}> ." for g in graphs) + "\n}")
    parts.append("INSERT DATA {\n" + "\n".join(body) + "\n}")
    return " ;\n".join(parts)


class Store(ABC):
    """The interface the CLI, the app and the tests use; nothing else touches a backend."""

    location: str = ""

    @abstractmethod
    def query(self, sparql: str, bindings: Mapping[str, ox.NamedNode | ox.Literal] | None = None) -> QueryResult:
        """Run a read-only query over the union of all graphs."""

    @abstractmethod
    def update(self, sparql: str) -> None:
        """Run a SPARQL Update as one transaction."""

    def graphs_of(self, doc_iri: str) -> list[str]:
        res = self.query(f"SELECT ?g WHERE {{ GRAPH <{REGISTRY}> {{ <{doc_iri}> <{HAS_GRAPH}> ?g }} }}")
        return [r["g"] for r in res.rows if r["g"]]

    def replace_document(self, doc_iri: str, graphs: Mapping[str, Iterable[ox.Quad]]) -> None:
        """Swap all graphs of one source document atomically (re-ingest never duplicates)."""
        self.update(replace_update(doc_iri, self.graphs_of(doc_iri), graphs))

    def add_graphs(self, doc_iri: str, graphs: Mapping[str, Iterable[ox.Quad]]) -> None:
        """Replace some graphs (e.g. validation reports) and register them under a document."""
        parts = [f"DROP SILENT GRAPH <{g}>" for g in graphs]
        body = [f"GRAPH <{g}> {{\n" + "\n".join(ntriple(q) for q in qs) + "\n}" for g, qs in graphs.items()]
        body.append(f"GRAPH <{REGISTRY}> {{\n" + "\n".join(f"<{doc_iri}> <{HAS_GRAPH}> <{g}> ." for g in graphs) + "\n}")
        parts.append("INSERT DATA {\n" + "\n".join(body) + "\n}")
        self.update(" ;\n".join(parts))

    def add_new_documents(self, docs: Mapping[str, Mapping[str, Iterable[ox.Quad] | bytes]]) -> None:
        """Store documents that have no graphs yet (doc IRI -> graph IRI -> quads or N-Quads bytes).
        Stores that can bulk-load override this; here each document is one transaction."""
        for doc_iri, graphs in docs.items():
            self.replace_document(doc_iri, {g: ox.parse(q, format=ox.RdfFormat.N_QUADS) if isinstance(q, bytes) else q
                                            for g, q in graphs.items()})

    def remove_document(self, doc_iri: str) -> None:
        self.update(replace_update(doc_iri, self.graphs_of(doc_iri), {}))

    @abstractmethod
    def dump(self, fmt: str) -> bytes:
        """Serialise everything: trig | nquads | turtle | jsonld."""

    @abstractmethod
    def named_graphs(self) -> list[str]:
        ...

    def count(self) -> int:
        res = self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(res.rows[0]["n"] or 0) if res.rows else 0

    def close(self) -> None:  # noqa: B027 - optional hook
        pass

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
