"""Embedded Oxigraph on disk: the default store.

One writer and any number of readers at a time (the protocol is in locks.py):
- a reader (``read_only=True``) opens a read-only copy, which sees the store as it was when opened;
  it never creates a store, and hides graphs an interrupted ingest left unregistered;
- a writer holds the writer lock for its life but opens the store read-write only inside a write
  window (``with store.writing():``, or one write call), then closes it so readers may open.
  Between windows a writer reads through a read-only copy too."""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from contractkg.namespaces import PREFIXES
from contractkg.queries.load import iris, text
from contractkg.queries.updates import drop_graphs, graph_block, graph_blocks, insert_data, sequence
from contractkg.store import locks
from contractkg.store.base import (
    HAS_GRAPH,
    PROJECT_GRAPH,
    REGISTRY,
    QueryResult,
    Store,
    StoreError,
    fault_point,
    iterate_limited,
)
from contractkg.store.serve import is_served

_EXPORT_FORMATS = {"trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS, "turtle": ox.RdfFormat.TURTLE, "jsonld": ox.RdfFormat.JSON_LD}
# Export prefixes: the project's, except ckgid: (its local names hold '/', which Turtle must escape).
EXPORT_PREFIXES = {p: iri for p, iri in PREFIXES.items() if p != "ckgid"}


def term_value(term: object) -> str | None:
    """The lexical value of an Oxigraph term (IRIs without brackets, literals without quotes)."""
    if term is None:
        return None
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    return term.value  # type: ignore[attr-defined]


def to_result(res: object, limit: int | None = None) -> QueryResult:
    if isinstance(res, ox.QueryBoolean):
        return QueryResult(kind="ask", boolean=bool(res))
    if isinstance(res, ox.QuerySolutions):
        names = [v.value for v in res.variables]
        sols, more = iterate_limited(res, limit)
        rows = [{n: term_value(sol[n]) for n in names} for sol in sols]  # type: ignore[index]
        return QueryResult(kind="select", variables=names, rows=rows, truncated=more)
    items, more = iterate_limited(res, limit)  # type: ignore[arg-type]
    triples = [(term_value(t.subject), term_value(t.predicate), term_value(t.object)) for t in items]  # type: ignore[attr-defined]
    return QueryResult(kind="graph", variables=["subject", "predicate", "object"], triples=triples,  # type: ignore[arg-type]
                       truncated=more)


def _who() -> str:
    """How a refused process names the writer: the command line that runs it."""
    name = Path(sys.argv[0]).name if sys.argv and sys.argv[0] else "python"
    return " ".join([name, *sys.argv[1:2]]) if name == "contractkg" else name


def _owned_graphs() -> str:
    return text("internal/store/owned-graphs", tables={"registry": iris([REGISTRY])})


class EmbeddedStore(Store):
    def __init__(self, path: Path | None, read_only: bool = False, what: str | None = None) -> None:
        self.location = str(path) if path else ":memory:"
        self._path = path
        self._key = path.resolve() if path else Path(".")  # where the lock files live
        self.read_only = read_only and path is not None
        self._rw: ox.Store | None = None  # open only inside a write window (always, in memory)
        self._ro: ox.Store | None = None
        self._visible: list[ox.NamedNode] | None = None  # set when unregistered graphs must be hidden
        self._hidden: set[str] = set()
        self._dirty = False
        self._sticky: contextlib.AbstractContextManager[None] | None = None
        self._writer: locks.FileLock | None = None
        self.generation = 0
        if path is None:
            self._rw = ox.Store()
        elif self.read_only:
            if not (path / "CURRENT").is_file():
                raise StoreError(f"no store at {path}: run `contractkg ingest` first, or give --store/--endpoint")
            self._reader()
        else:
            self._open_writer(path, what or _who())

    # -- opening ---------------------------------------------------------------------------------

    def _open_writer(self, path: Path, what: str) -> None:
        if is_served(path):
            info = locks.holder(self._key)
            if info.get("endpoint"):
                raise StoreError(f"the store at {path} is served for writing by {locks.describe(info)}: send "
                                 f"this command to it with --endpoint {info['endpoint']} (and its token)")
            raise StoreError(f"the store at {path} is served read-only by {locks.describe(info)}, which keeps "
                             "writers out: stop the server, run this again, then restart it (or serve the store "
                             "with --writable and give this command its URL with --endpoint)")
        try:
            self._writer = locks.take_writer(self._key, what)
        except locks.LockBusy as e:
            raise StoreError(str(e)) from None
        try:
            path.mkdir(parents=True, exist_ok=True)
            with self.writing():
                self._dirty = True  # a crashed writer may have left changes readers have not seen
                self.drop_orphans()
                self._repair_links()
        except BaseException:
            self.close()
            raise

    def _open_rw(self) -> ox.Store:
        """Read-write handle; RocksDB's own lock may be held by a program outside this protocol."""
        deadline = time.monotonic() + locks.writer_wait()
        while True:
            try:
                return ox.Store(str(self._path))
            except OSError as e:
                if "lock" not in str(e).lower():
                    raise StoreError(f"cannot open the store at {self.location}: {e}") from None
                if time.monotonic() >= deadline:
                    raise StoreError(f"the store at {self.location} is open for writing by another program "
                                     "(an oxigraph server, or an older contractkg): stop it, or send writes "
                                     "to it with --endpoint") from None
                time.sleep(0.1)

    def _reader(self) -> ox.Store:
        """The read-only copy, opened (under the shared access lock) when missing."""
        if self._ro is not None:
            return self._ro
        last: Exception | None = None
        try:
            with locks.access(self._key, exclusive=False):
                for attempt in range(5):
                    try:
                        self._ro = ox.Store.read_only(str(self._path))
                        break
                    except (OSError, RuntimeError) as e:  # a program outside the protocol is writing
                        last = e
                        time.sleep(0.05 * (attempt + 1))
                self.generation = locks.generation(self._key)
        except locks.LockBusy as e:
            raise StoreError(str(e)) from None
        if self._ro is None:
            raise StoreError(f"cannot open the store at {self.location} read-only: a program outside contractkg "
                             f"seems to be changing it ({str(last).splitlines()[0][:160]}); run this again when it "
                             "has finished, or query that program's endpoint with --endpoint")
        self._hide_unregistered(self._ro)
        return self._ro

    def _hide_unregistered(self, db: ox.Store) -> None:
        """An ingest killed mid-batch leaves graphs no document registers; readers must not see
        them (the next writer drops them), so queries then run over the registered graphs only."""
        graphs = [g for g in db.named_graphs() if isinstance(g, ox.NamedNode)]
        candidates = {g.value for g in graphs if PROJECT_GRAPH.match(g.value)}
        if not candidates:
            return
        owned = {term_value(s["g"]) for s in db.query(_owned_graphs())}  # type: ignore[union-attr]
        self._hidden = candidates - owned
        self._visible = [g for g in graphs if g.value not in self._hidden] if self._hidden else None

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        """One write window: the store is open read-write (readers wait to open) until it ends."""
        if self.read_only:
            raise StoreError(f"the store at {self.location} was opened read-only")
        if self._rw is not None:  # in memory, or a window is already open
            yield
            return
        try:
            with locks.access(self._key, exclusive=True, wait=locks.READER_WAIT):
                self._rw = self._open_rw()
                try:
                    yield
                finally:
                    self._close_rw()
        except locks.LockBusy as e:
            raise StoreError(str(e)) from None

    def _close_rw(self) -> None:
        db, self._rw = self._rw, None
        if db is not None:
            with contextlib.suppress(OSError, RuntimeError):
                db.flush()
            del db  # the last reference: RocksDB closes and ends its background work here
        if self._dirty:
            self._dirty = False
            self._ro = None  # our read-only copy is stale now
            self.generation = locks.bump(self._key)

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying pyoxigraph store, for bulk work and tests (keeps a write window open
        until close())."""
        if self._rw is None and not self.read_only:
            self._sticky = self.writing()
            self._sticky.__enter__()
            self._dirty = True
        return self._rw if self._rw is not None else self._reader()

    # -- reading and writing -----------------------------------------------------------------------

    def query(self, sparql: str, bindings: Mapping[str, ox.NamedNode | ox.Literal] | None = None,
              limit: int | None = None) -> QueryResult:
        subs: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
            ox.Variable(k): v for k, v in (bindings or {}).items()
        }
        if self._rw is not None:
            return self._run(self._rw, sparql, subs, limit, None)
        try:
            return self._run(self._reader(), sparql, subs, limit, self._visible)
        except (OSError, RuntimeError):  # the writer removed files our copy still needed: reopen once
            self._ro = None
            return self._run(self._reader(), sparql, subs, limit, self._visible)

    @staticmethod
    def _run(db: ox.Store, sparql: str, subs: dict[ox.Variable, Any], limit: int | None,
             visible: list[ox.NamedNode] | None) -> QueryResult:
        scope: dict[str, object] = ({"use_default_graph_as_union": True} if visible is None
                                    else {"default_graph": visible, "named_graphs": visible})
        try:
            return to_result(db.query(sparql, substitutions=subs, **scope), limit)  # type: ignore[arg-type]
        except SyntaxError as e:
            raise StoreError(f"SPARQL syntax error: {e}") from e

    def update(self, sparql: str) -> None:
        with self.writing():
            assert self._rw is not None
            self._dirty = True
            try:
                self._rw.update(sparql)
            except SyntaxError as e:
                raise StoreError(f"SPARQL Update syntax error: {e}") from e

    def add_new_documents(self, docs: Mapping[str, Mapping[str, Iterable[ox.Quad] | bytes]],
                          extra: Mapping[str, Iterable[ox.Quad]] | None = None) -> None:
        """Bulk-load new documents' graphs, then register them in one transaction.

        A crash before the registration leaves graphs that no document owns; readers hide them and
        the next writer drops them, so a document is either wholly in the store or absent."""
        if not docs:
            return
        with self.writing():
            assert self._rw is not None
            self._dirty = True
            serialised = b"".join(q for graphs in docs.values() for q in graphs.values() if isinstance(q, bytes))
            if serialised:
                self._rw.bulk_load(serialised, format=ox.RdfFormat.N_QUADS)
            self._rw.bulk_extend(q for graphs in docs.values() for quads in graphs.values()
                                 if not isinstance(quads, bytes) for q in quads)
            fault_point("after-bulk-load")
            has_graph = ox.NamedNode(HAS_GRAPH)
            blocks = [graph_block(REGISTRY, [ox.Triple(ox.NamedNode(d), has_graph, ox.NamedNode(g))
                                             for d, graphs in docs.items() for g in graphs])]
            blocks += graph_blocks(q for d in docs for q in (extra or {}).get(d, ()))
            self.update(sequence([insert_data(blocks)]))

    def drop_orphans(self) -> int:
        """Remove project graphs no document registers (left by an interrupted bulk load); returns
        how many. Graphs outside the project's own naming (added by hand) are never touched."""
        with self.writing():
            owned = {r["g"] for r in self.query(_owned_graphs()).rows}
            orphans = [g for g in self.named_graphs() if PROJECT_GRAPH.match(g) and g not in owned]
            if orphans:
                self.update(sequence(drop_graphs(orphans)))
        return len(orphans)

    def _repair_links(self) -> None:
        """Language links an interrupted ingest committed documents for but never wrote."""
        from contractkg.store.base import PENDING

        assert self._rw is not None
        if bool(self._rw.query(text("internal/store/has-graph", tables={"graph": iris([PENDING])}))):
            from contractkg.links import repair_pending

            repair_pending(self)

    def named_graphs(self) -> list[str]:
        db = self._rw if self._rw is not None else self._reader()
        return sorted(g.value for g in db.named_graphs() if isinstance(g, ox.NamedNode) and g.value not in self._hidden)

    def dump(self, fmt: str) -> bytes:
        """The store serialised by Oxigraph: trig and nquads keep the named graphs; turtle and jsonld hold
        the union of all graphs. trig, turtle and jsonld declare the project's prefixes."""
        if fmt not in _EXPORT_FORMATS:
            raise StoreError(f"unknown export format {fmt!r}: use {', '.join(_EXPORT_FORMATS)}")
        db = self._rw if self._rw is not None else self._reader()
        prefixes = None if fmt == "nquads" else EXPORT_PREFIXES
        hidden = self._hidden if self._rw is None else set()
        if fmt in ("trig", "nquads") and not hidden:
            return db.dump(format=_EXPORT_FORMATS[fmt], prefixes=prefixes)  # type: ignore[return-value]
        quads = [q for q in db if not (isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value in hidden)]
        if fmt in ("trig", "nquads"):
            return ox.serialize(quads, format=_EXPORT_FORMATS[fmt], prefixes=prefixes) or b""
        triples = sorted({q.triple for q in quads}, key=str)  # sorted, so that each subject is written once
        return ox.serialize(triples, format=_EXPORT_FORMATS[fmt], prefixes=prefixes) or b""

    def close(self) -> None:
        if self._sticky is not None:
            sticky, self._sticky = self._sticky, None
            sticky.__exit__(None, None, None)
        elif self._path is None and self._rw is not None:
            with contextlib.suppress(OSError, RuntimeError):
                self._rw.flush()
        self._ro = None
        if self._writer is not None:
            self._writer.release()
            self._writer = None
