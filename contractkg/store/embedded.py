"""Embedded Oxigraph on disk: the default store."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

import pyoxigraph as ox

from contractkg.store.base import HAS_GRAPH, REGISTRY, UNREGISTERED_OK, QueryResult, Store, StoreError

_FORMATS = {"trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS}


def term_value(term: object) -> str | None:
    """The lexical value of an Oxigraph term (IRIs without brackets, literals without quotes)."""
    if term is None:
        return None
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    return term.value  # type: ignore[attr-defined]


def to_result(res: object) -> QueryResult:
    if isinstance(res, ox.QueryBoolean):
        return QueryResult(kind="ask", boolean=bool(res))
    if isinstance(res, ox.QuerySolutions):
        names = [v.value for v in res.variables]
        rows = [{n: term_value(sol[n]) for n in names} for sol in res]
        return QueryResult(kind="select", variables=names, rows=rows)
    triples = [(term_value(t.subject), term_value(t.predicate), term_value(t.object)) for t in res]  # type: ignore[attr-defined]
    return QueryResult(kind="graph", variables=["subject", "predicate", "object"], triples=triples)  # type: ignore[arg-type]


class EmbeddedStore(Store):
    def __init__(self, path: Path | None, read_only: bool = False) -> None:
        self.location = str(path) if path else ":memory:"
        try:
            if path is None:
                self._store = ox.Store()
            elif read_only:
                self._store = ox.Store.read_only(str(path))
            else:
                from contractkg.serve import is_served

                if is_served(path):
                    raise StoreError(f"the store at {path} is being served by `contractkg serve`: stop the server "
                                     "or send writes to it with --endpoint")
                path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(path))
                self.drop_orphans()
        except OSError as e:
            raise StoreError(f"cannot open the store at {self.location}: {e}") from e

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying pyoxigraph store, for bulk work and tests."""
        return self._store

    def query(self, sparql: str, bindings: Mapping[str, ox.NamedNode | ox.Literal] | None = None) -> QueryResult:
        subs: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
            ox.Variable(k): v for k, v in (bindings or {}).items()
        }
        try:
            res = self._store.query(sparql, use_default_graph_as_union=True, substitutions=subs)
        except SyntaxError as e:
            raise StoreError(f"SPARQL syntax error: {e}") from e
        return to_result(res)

    def update(self, sparql: str) -> None:
        try:
            self._store.update(sparql)
        except SyntaxError as e:
            raise StoreError(f"SPARQL Update syntax error: {e}") from e

    def add_new_documents(self, docs: Mapping[str, Mapping[str, Iterable[ox.Quad] | bytes]]) -> None:
        """Bulk-load new documents' graphs, then register them in one transaction.

        A crash before the registration leaves graphs that no document owns; ``drop_orphans`` (run on
        every read-write open) removes them, so a document is either wholly in the store or absent."""
        if not docs:
            return
        serialised = b"".join(q for graphs in docs.values() for q in graphs.values() if isinstance(q, bytes))
        if serialised:
            self._store.bulk_load(serialised, format=ox.RdfFormat.N_QUADS)
        self._store.bulk_extend(q for graphs in docs.values() for quads in graphs.values()
                                if not isinstance(quads, bytes) for q in quads)
        lines = [f"<{d}> <{HAS_GRAPH}> <{g}> ." for d, graphs in docs.items() for g in graphs]
        self.update(f"INSERT DATA {{ GRAPH <{REGISTRY}> {{\n" + "\n".join(lines) + "\n} }")

    def drop_orphans(self) -> int:
        """Remove graphs no document registers (left by an interrupted bulk load); returns how many."""
        owned = {r["g"] for r in self.query(f"SELECT DISTINCT ?g WHERE {{ GRAPH <{REGISTRY}> {{ ?d <{HAS_GRAPH}> ?g }} }}").rows}
        orphans = [g for g in self.named_graphs() if g not in owned and g not in UNREGISTERED_OK]
        if orphans:
            self.update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in orphans))
        return len(orphans)

    def named_graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def dump(self, fmt: str) -> bytes:
        if fmt in _FORMATS:
            return self._store.dump(format=_FORMATS[fmt])  # type: ignore[return-value]
        if fmt in ("turtle", "jsonld"):
            import rdflib

            ds = rdflib.Dataset()
            ds.parse(data=self._store.dump(format=ox.RdfFormat.N_QUADS), format="nquads")
            union = rdflib.Graph()
            for s, p, o, _ in ds.quads((None, None, None, None)):
                union.add((s, p, o))
            return union.serialize(format="json-ld" if fmt == "jsonld" else "turtle", encoding="utf-8")
        raise StoreError(f"unknown export format {fmt!r}: use trig, nquads, turtle or jsonld")

    def close(self) -> None:
        try:
            self._store.flush()
        except (OSError, RuntimeError):  # a read-only store cannot flush
            pass
