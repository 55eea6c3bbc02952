"""Files -> records -> named graphs in the store. Shared by the CLI, the app and the benchmarks."""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from contractkg import kg
from contractkg.files import Plan, Shard, plan_files
from contractkg.history import store_hooks as history
from contractkg.ingest import pattern_cache
from contractkg.ingest.budget import run_all
from contractkg.ingest.components import BatchStep, run_batch
from contractkg.ingest.document import Agreement, Document, LoadError
from contractkg.ingest.extract import extract_file, warm_up
from contractkg.ingest.transfers.companions import attach_companions
from contractkg.links import LinkFeatures, annotate_translations, link_features
from contractkg.queries.load import iris, text
from contractkg.record import Contract
from contractkg.store import Store
from contractkg.store.base import fault_point


@dataclass
class FileResult:
    path: str
    doc: Document | None = None
    agreements: list[Agreement] = field(default_factory=list)
    records: list[Contract] = field(default_factory=list)
    error: str | None = None
    # graph IRI -> N-Quads, built in the worker process when ingesting (see process(build=True))
    graphs: dict[str, bytes] | None = None
    skipped: str | None = None  # why the file was left out on purpose (not a failure)
    link_order: int = 0  # position of its first contract in the run (for the link search)
    # links.link_features of each record, built in the worker when ingesting (see link_features below)
    features: list[LinkFeatures] | None = None

    @property
    def outcome(self) -> str:
        """ingested | failed | skipped"""
        return "failed" if self.error else "skipped" if self.skipped else "ingested"


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files as given, and the supported files under any folder (see contractkg.files)."""
    yield from plan_files(paths).files


def process(path: str | Path, build: bool = False) -> FileResult:
    """Load and extract one file; a bad file becomes an error, never an exception.
    ``build`` also serialises its graphs here, so a worker process does that work too."""
    try:
        doc, agreements, records = extract_file(path)
        res = FileResult(str(path), doc=doc, agreements=agreements, records=records)
        if build:
            res.graphs = {g: ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""
                          for g, quads in kg.build(doc, records, agreements).items()}
            res.features = [link_features(rec) for rec in records]
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
    return run_all(partial(process, build=build), paths, _failed, workers=workers, budget=budget, init=warm_up,
                   done=pattern_cache.save)  # patterns a worker compiled first, kept for the next process


# Cross-file steps, in order. `extract` runs both over its contracts; `ingest` runs the companions step
# over each batch and stores the language versions as link graphs of their own (see store_links).
COMPANIONS = BatchStep("companions", requires=("subprocessors", "subprocessor_list_url"), provides=("subprocessors",),
                       run=attach_companions, doc="a sub-processor list in its own file joins its DPA")
TRANSLATIONS = BatchStep("translations", requires=("language", "prevailing_language"),
                         provides=("translation_of", "version_differences", "prevailing_version"),
                         run=annotate_translations, doc="language versions of one text, and where they differ")
BATCH_STEPS = (COMPANIONS, TRANSLATIONS)


def extract_files(plan: Plan, budget: float | None = None) -> tuple[list[FileResult], list[Contract]]:
    """`extract` without a store: every file of ``plan`` read (a copy of an earlier file's text is
    skipped), then the cross-file steps over all their contracts."""
    results: list[FileResult] = []
    contracts: list[Contract] = []
    seen: dict[str, str] = {}  # text SHA-256 -> the path that brought it
    for res in process_all(plan.files, workers=1, budget=budget):
        first = seen.setdefault(res.doc.sha256, res.path) if res.doc is not None and not res.error else res.path
        if first != res.path:
            res.skipped, res.records = f"same content as {first}", []
        results.append(res)
        contracts.extend(res.records)
    return results, run_batch(contracts, BATCH_STEPS)


def _failed(path: str | Path, reason: str) -> FileResult:
    return FileResult(str(path), error=f"{path}: {reason}")


def result_graphs(res: FileResult) -> dict[str, Any]:
    """The result's graphs: serialised by the worker if it built them, else built now."""
    assert res.doc is not None
    if res.graphs is not None:
        return dict(res.graphs)
    return kg.build(res.doc, res.records, res.agreements)


def store_result(store: Store, res: FileResult, extra: Iterable[ox.Quad] = ()) -> None:
    store.replace_document(kg.doc_iri(res.doc), parsed(result_graphs(res)), extra)  # type: ignore[arg-type]


def parsed(graphs: dict[str, Any]) -> dict[str, list[ox.Quad]]:
    return {g: list(ox.parse(q, format=ox.RdfFormat.N_QUADS)) if isinstance(q, bytes) else q
            for g, q in graphs.items()}


BULK_BATCH = 256  # documents stored together in one write window
FLUSH_SECONDS = 10.0  # ...or fewer, so that readers see progress and the write lock is shared


def summary(results: Iterable[FileResult]) -> dict[str, int]:
    """{"ingested": N, "failed": M, "skipped": K}"""
    counts = {"ingested": 0, "failed": 0, "skipped": 0}
    for r in results:
        counts[r.outcome] += 1
    return counts


def planned(plan: Plan) -> list[FileResult]:
    """The plan's refused and skipped paths as results."""
    return ([FileResult(path, error=f"{path}: {why}") for path, why in plan.refused]
            + [FileResult(path, skipped=why) for path, why in plan.skipped])


def features_of(res: FileResult) -> list[LinkFeatures]:
    """The link features of the result's records: those the worker built, unless the records changed since."""
    if res.features is None or len(res.features) != len(res.records):
        res.features = [link_features(rec) for rec in res.records]
    return res.features


def _pending(run: str, res: FileResult) -> list[ox.Quad]:
    """The link features of the file's contracts, committed with it (see links.py)."""
    from contractkg.links import pending_quads

    assert res.doc is not None
    d = kg.doc_iri(res.doc)
    return [q for i, features in enumerate(features_of(res))
            for q in pending_quads(run, res.link_order + i, d, kg.contract_iri(res.doc, i), features)]


def ingest(store: Store, paths: Iterable[str | Path], on_file: Callable[[FileResult], None] | None = None,
           workers: int | None = None, budget: float | None = None, shard: Shard | None = None) -> list[FileResult]:
    """Extract and store files; one result per file read, refused or skipped (``shard``: only its files).

    Documents are stored in batches, each in one write window: a document already in the store is
    swapped in its own transaction, new ones are bulk-loaded and registered together; either way a
    document is wholly stored or absent. A file whose text is already in the batch or in the store
    under another path is skipped ("same content as X"). Language links of the run are written in
    one last transaction; until then each document carries its link features (see links.py), so a
    crash before it loses no link."""
    plan = plan_files(paths, shard)
    results: list[FileResult] = planned(plan)
    run = uuid.uuid4().hex[:16]
    repair_links(store)
    batch: dict[str, FileResult] = {}
    by_hash: dict[str, str] = {}  # text SHA-256 -> the path that brought it (this run)
    order = 0
    last = time.monotonic()

    def flush() -> None:
        nonlocal last
        last = time.monotonic()
        if not batch:
            return
        try:
            with store.writing():
                for d, other in stored_copies(store, batch).items():
                    r = batch.pop(d)
                    r.skipped, r.records, r.graphs = f"same content as {other} (already in the store)", [], None
                history.before_store(store, batch)  # a changed file keeps its old version
                store.put_documents({d: result_graphs(r) for d, r in batch.items()},
                                    {d: _pending(run, r) for d, r in batch.items()})
        except Exception as e:  # noqa: BLE001 - a store failure is reported per file
            for r in batch.values():
                r.error = f"{r.path}: could not be stored ({e})"
        for r in batch.values():
            r.graphs = None  # stored: the N-Quads are not needed any more
        batch.clear()

    for res in process_all(plan.files, workers, build=True, budget=budget):
        if res.error is None and res.doc is not None:
            first = by_hash.setdefault(res.doc.sha256, res.path)
            if first != res.path:
                res.skipped, res.records, res.graphs = f"same content as {first}", [], None
            else:
                res.link_order = order
                order += len(res.records)
                batch[kg.doc_iri(res.doc)] = res
        if len(batch) >= BULK_BATCH or (batch and time.monotonic() - last > FLUSH_SECONDS):
            flush()
        results.append(res)
        if on_file:
            on_file(res)
    flush()
    stored = [r for r in results if r.outcome == "ingested" and r.doc is not None]
    fault_point("before-links")
    if stored:
        with store.writing():
            restore_with_companions(store, stored, run)
            store_links(store, stored, run)
            history.after_store(store, stored)  # link versions of one agreement, with their changes
    return results


def repair_links(store: Store) -> None:
    """Links an earlier, interrupted ingest left unwritten (an embedded store repairs on open too)."""
    from contractkg.store.base import PENDING

    if store.query(text("internal/store/has-graph", tables={"graph": iris([PENDING])})).boolean:
        from contractkg.links import repair_pending

        repair_pending(store)


def stored_copies(store: Store, batch: dict[str, FileResult]) -> dict[str, str]:
    """Documents of the batch whose text the store already holds under another document: the
    path of that document for each."""
    hashes = {r.doc.sha256: d for d, r in batch.items() if r.doc is not None}
    if not hashes:
        return {}
    rows = store.query(text("internal/store/copies", tables={"hashes": [(ox.Literal(h),) for h in hashes]})).rows
    found: dict[str, str] = {}
    for row in rows:
        mine = hashes.get(row["h"] or "")
        if mine and row["d"] != mine and mine not in found:
            found[mine] = row["path"] or row["d"] or ""
    return found


def restore_with_companions(store: Store, results: list[FileResult], run: str | None = None) -> None:
    """A sub-processor list given as its own file joins the DPA of the batch: re-store the DPAs it fed."""
    ok = [r for r in results if r.error is None]
    merged = iter(run_batch([rec for r in ok for rec in r.records], (COMPANIONS,)))
    for r in ok:
        records = [next(merged) for _ in r.records]
        if [len(rec.subprocessors) for rec in records] != [len(rec.subprocessors) for rec in r.records]:
            r.records, r.graphs, r.features = records, None, None  # the records changed: rebuild
            store_result(store, r, _pending(run, r) if run else ())


def store_links(store: Store, results: list[FileResult], run: str | None = None) -> None:
    """Language-version links among the contracts of this batch, each under both documents, in one
    transaction that also clears the run's pending link features."""
    from contractkg.links import write_links

    entries = [(kg.doc_iri(r.doc), kg.contract_iri(r.doc, i), features)
               for r in results if r.error is None and r.doc for i, features in enumerate(features_of(r))]
    write_links(store, entries, run)
