"""What every store offers. Writes go through SPARQL Update so that one code path
serves the embedded store and any SPARQL 1.1 server, and each document swap is one transaction."""

from __future__ import annotations

import contextlib
import os
import re
import signal
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pyoxigraph as ox

from contractkg.namespaces import CKG, GRAPH
from contractkg.queries.load import iris, text
from contractkg.queries.updates import drop_graphs, graph_block, graph_blocks, insert_data, sequence

REGISTRY = GRAPH + "registry"  # which graphs belong to which source document
PENDING = GRAPH + "pending-links"  # language-link work an ingest committed but has not finished
PENDING_TERM = PENDING + "#"  # its bookkeeping terms (run, order, document, features): not part of the model
# Graphs that belong to no document (derived from the whole store, rebuilt by their own command).
UNREGISTERED_OK = (REGISTRY, GRAPH + "inferred", PENDING)
# The graphs an ingest creates per document (<doc key>/...) or per language link; only these may
# ever be dropped as orphans, never a graph someone added by hand.
PROJECT_GRAPH = re.compile(re.escape(GRAPH) + r"(?:[0-9a-f]{16}/|links/)")
HAS_GRAPH = CKG + "hasGraph"
CRASH_ENV = "CONTRACTKG_CRASH_AT"


def fault_point(name: str) -> None:
    """Crash tests: SIGKILL this process here when CONTRACTKG_CRASH_AT names this point."""
    if os.environ.get(CRASH_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)


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
    truncated: bool = False  # more rows (or triples) than the limit asked for


def replace_update(doc_iri: str, old_graphs: Iterable[str], graphs: Mapping[str, Iterable[ox.Quad]],
                   extra: Iterable[ox.Quad] = ()) -> str:
    """One SPARQL Update that drops a document's old graphs and inserts its new ones (and ``extra``
    bookkeeping quads, e.g. pending language links, in the same transaction)."""
    doc = ox.NamedNode(doc_iri)
    forget = text("internal/store/forget-document", prefixes=False, tables={"document": [
        (doc, ox.NamedNode(REGISTRY), ox.NamedNode(PENDING), ox.NamedNode(PENDING_TERM + "document"))]})
    blocks = graph_blocks(extra) + [graph_block(g, quads) for g, quads in graphs.items()]
    blocks.append(graph_block(REGISTRY, [ox.Triple(doc, ox.NamedNode(HAS_GRAPH), ox.NamedNode(g)) for g in graphs]))
    return sequence([*drop_graphs(old_graphs), forget, insert_data(blocks)])


class Store(ABC):
    """The interface the CLI, the app and the tests use; nothing else touches a backend."""

    location: str = ""

    @abstractmethod
    def query(self, sparql: str, bindings: Mapping[str, ox.NamedNode | ox.Literal] | None = None,
              limit: int | None = None) -> QueryResult:
        """Run a read-only query over the union of all graphs; ``limit`` caps rows or triples."""

    @abstractmethod
    def update(self, sparql: str) -> None:
        """Run a SPARQL Update as one transaction."""

    def graphs_of(self, doc_iri: str) -> list[str]:
        res = self.query(text("internal/store/graphs-of", tables={"document": [
            (ox.NamedNode(doc_iri), ox.NamedNode(REGISTRY))]}))
        return [r["g"] for r in res.rows if r["g"]]

    def writing(self) -> contextlib.AbstractContextManager[None]:
        """Group several writes into one write window (see EmbeddedStore); a no-op elsewhere."""
        return contextlib.nullcontext()

    def replace_document(self, doc_iri: str, graphs: Mapping[str, Iterable[ox.Quad]],
                         extra: Iterable[ox.Quad] = ()) -> None:
        """Swap all graphs of one source document atomically (re-ingest never duplicates)."""
        with self.writing():
            self.update(replace_update(doc_iri, self.graphs_of(doc_iri), graphs, extra))

    def registered(self, doc_iris: Iterable[str]) -> set[str]:
        """Those of the documents that the store already holds."""
        docs = list(doc_iris)
        found: set[str] = set()
        for i in range(0, len(docs), 500):
            res = self.query(text("internal/store/registered", tables={
                "registry": iris([REGISTRY]), "documents": iris(docs[i:i + 500])}))
            found.update(r["d"] for r in res.rows if r["d"])
        return found

    def put_documents(self, docs: Mapping[str, Mapping[str, Iterable[ox.Quad] | bytes]],
                      extra: Mapping[str, Iterable[ox.Quad]] | None = None) -> None:
        """Store documents (doc IRI -> graph IRI -> quads or N-Quads bytes): each one already in the
        store is swapped in its own transaction, the new ones are added together. ``extra`` quads
        of a document are committed with it."""
        extra = extra or {}
        with self.writing():
            old = self.registered(docs)
            for d in old:
                self.replace_document(d, parsed(docs[d]), extra.get(d, ()))
                fault_point("after-replace")
            self.add_new_documents({d: g for d, g in docs.items() if d not in old}, extra)

    def add_graphs(self, doc_iri: str, graphs: Mapping[str, Iterable[ox.Quad]]) -> None:
        """Replace some graphs (e.g. validation reports) and register them under a document."""
        doc = ox.NamedNode(doc_iri)
        blocks = [graph_block(g, qs) for g, qs in graphs.items()]
        blocks.append(graph_block(REGISTRY, [ox.Triple(doc, ox.NamedNode(HAS_GRAPH), ox.NamedNode(g)) for g in graphs]))
        self.update(sequence([*drop_graphs(graphs), insert_data(blocks)]))

    def add_new_documents(self, docs: Mapping[str, Mapping[str, Iterable[ox.Quad] | bytes]],
                          extra: Mapping[str, Iterable[ox.Quad]] | None = None) -> None:
        """Store documents that have no graphs yet (doc IRI -> graph IRI -> quads or N-Quads bytes).
        Stores that can bulk-load override this; here each document is one transaction."""
        for doc_iri, graphs in docs.items():
            self.replace_document(doc_iri, parsed(graphs), (extra or {}).get(doc_iri, ()))

    def remove_document(self, doc_iri: str) -> None:
        self.update(replace_update(doc_iri, self.graphs_of(doc_iri), {}))

    @abstractmethod
    def dump(self, fmt: str) -> bytes:
        """Serialise everything: trig | nquads | turtle | jsonld."""

    @abstractmethod
    def named_graphs(self) -> list[str]:
        ...

    def drop_orphans(self) -> int:
        """Drop project graphs that no document registers; 0 where nothing is left half-written."""
        return 0

    def count(self) -> int:
        res = self.query(text("internal/store/count"))
        return int(res.rows[0]["n"] or 0) if res.rows else 0

    def close(self) -> None:  # noqa: B027 - optional hook
        pass

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def parsed(graphs: Mapping[str, Iterable[ox.Quad] | bytes]) -> dict[str, Iterable[ox.Quad]]:
    return {g: ox.parse(q, format=ox.RdfFormat.N_QUADS) if isinstance(q, bytes) else q for g, q in graphs.items()}


def iterate_limited(items: Iterable[object], limit: int | None) -> tuple[list[object], bool]:
    """At most ``limit`` items (all when None) and whether more were left."""
    if limit is None:
        return list(items), False
    out: list[object] = []
    for item in items:
        if len(out) >= limit:
            return out, True
        out.append(item)
    return out, False

