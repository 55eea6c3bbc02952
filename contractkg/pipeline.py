"""Files -> records -> named graphs in the store. Shared by the CLI, the app and the benchmarks."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from contractkg import kg
from contractkg.ingest.budget import run_all
from contractkg.ingest.document import Agreement, Document, LoadError
from contractkg.ingest.extract import extract_file, warm_up
from contractkg.ingest.loaders import SUPPORTED
from contractkg.store import Store

# Folder walks skip the usual project files; naming one explicitly still reads it.
NOT_CONTRACTS = {"README", "CHANGELOG", "LICENSE", "CONTRIBUTING"}


@dataclass
class FileResult:
    path: str
    doc: Document | None = None
    agreements: list[Agreement] = field(default_factory=list)
    records: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None
    # graph IRI -> N-Quads, built in the worker process when ingesting (see process(build=True))
    graphs: dict[str, bytes] | None = None


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files as given, and the supported files under any folder (sorted, hidden ones skipped)."""
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() in SUPPORTED and f.stem.upper() not in NOT_CONTRACTS and not any(
                    part.startswith(".") for part in f.relative_to(p).parts
                ):
                    yield f
        else:
            yield p


def process(path: str | Path, build: bool = False) -> FileResult:
    """Load and extract one file; a bad file becomes an error, never an exception.
    ``build`` also serialises its graphs here, so a worker process does that work too."""
    try:
        doc, agreements, records = extract_file(path)
        res = FileResult(str(path), doc=doc, agreements=agreements, records=records)
        if build:
            res.graphs = {g: ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""
                          for g, quads in kg.build(doc, records, agreements).items()}
    except LoadError as e:
        return FileResult(str(path), error=str(e))
    except Exception as e:  # noqa: BLE001 - one broken file must not stop a batch
        return FileResult(str(path), error=f"{path}: extraction failed ({type(e).__name__}: {e})")
    return res


def process_all(paths: list[Path], workers: int | None = None, build: bool = False,
                budget: float | None = None) -> Iterator[FileResult]:
    """Results in input order; each file runs in a worker process killed past the time budget
    (seconds per document; None: --time-budget's default, see ingest/budget.py; 0: none, in process)."""
    workers = workers or min(len(paths), os.cpu_count() or 1)
    return run_all(partial(process, build=build), paths, _failed, workers=workers, budget=budget, init=warm_up)


def _failed(path: str | Path, reason: str) -> FileResult:
    return FileResult(str(path), error=f"{path}: {reason}")


def result_graphs(res: FileResult) -> dict[str, Any]:
    """The result's graphs: serialised by the worker if it built them, else built now."""
    assert res.doc is not None
    if res.graphs is not None:
        return dict(res.graphs)
    return kg.build(res.doc, res.records, res.agreements)


def store_result(store: Store, res: FileResult) -> None:
    store.replace_document(kg.doc_iri(res.doc), parsed(result_graphs(res)))  # type: ignore[arg-type]


def parsed(graphs: dict[str, Any]) -> dict[str, list[ox.Quad]]:
    return {g: list(ox.parse(q, format=ox.RdfFormat.N_QUADS)) if isinstance(q, bytes) else q
            for g, q in graphs.items()}


BULK_BATCH = 256  # new documents bulk-loaded together


def ingest(store: Store, paths: Iterable[str | Path], on_file: Callable[[FileResult], None] | None = None,
           workers: int | None = None, budget: float | None = None) -> list[FileResult]:
    """Extract and store files. New documents are bulk-loaded in batches; a document already in the
    store is swapped in its own transaction. Either way a document is wholly stored or absent."""
    files = list(iter_files(paths))
    results: list[FileResult] = []
    pending: dict[str, FileResult] = {}

    def flush() -> None:
        try:
            store.add_new_documents({d: result_graphs(r) for d, r in pending.items() if r.doc is not None})
        except Exception as e:  # noqa: BLE001
            for r in pending.values():
                r.error = f"{r.path}: could not be stored ({e})"
        pending.clear()

    for res in process_all(files, workers, build=True, budget=budget):
        if res.error is None and res.doc is not None:
            doc = kg.doc_iri(res.doc)
            try:
                if doc in pending or store.graphs_of(doc):
                    pending.pop(doc, None)
                    store_result(store, res)
                else:
                    pending[doc] = res
            except Exception as e:  # noqa: BLE001
                res.error = f"{res.path}: could not be stored ({e})"
        if len(pending) >= BULK_BATCH:
            flush()
        results.append(res)
        if on_file:
            on_file(res)
    flush()
    restore_with_companions(store, results)
    store_links(store, results)
    return results


def restore_with_companions(store: Store, results: list[FileResult]) -> None:
    """A sub-processor list given as its own file joins the DPA of the batch: re-store the DPAs it fed."""
    from contractkg.ingest.subprocessor_companions import attach_companions

    ok = [r for r in results if r.error is None]
    before = [[len(rec.get("subprocessors") or []) for rec in r.records] for r in ok]
    attach_companions([rec for r in ok for rec in r.records])
    for r, counts in zip(ok, before, strict=True):
        if [len(rec.get("subprocessors") or []) for rec in r.records] != counts:
            r.graphs = None  # the records changed: rebuild
            store_result(store, r)


def store_links(store: Store, results: list[FileResult]) -> None:
    """Language-version links among the contracts of this batch, each under both documents."""
    from contractkg.links import link_graphs

    entries = [(r.doc, i, rec) for r in results if r.error is None and r.doc for i, rec in enumerate(r.records)]
    for doc_iris, graph, quads in link_graphs(entries):
        for doc in dict.fromkeys(doc_iris):
            store.add_graphs(doc, {graph: quads})
