"""Measure and print; never assert. See benchmarks/README.md for the targets."""

from __future__ import annotations

import argparse
import dataclasses
import importlib
import json
import resource
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from time import perf_counter
from typing import Any

from benchmarks.corpus import EXAMPLES, templates, write_corpus
from contractkg import kg
from contractkg.ingest.document import Document
from contractkg.pipeline import FileResult, ingest, process, process_all
from contractkg.store.embedded import EmbeddedStore

TARGET_CONTRACTS_PER_S = 50
VALIDATOR_NAMES = ("validate_store", "validate_all", "validate")


def say(quiet: bool, text: str) -> None:
    print(text, file=sys.stderr if quiet else sys.stdout, flush=True)


def cpu_seconds() -> float:
    """User + system CPU of this process and of its finished children (the worker pools)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def bench_extract(files: list[Path], workers: int) -> tuple[dict[str, Any], list[FileResult]]:
    mb = sum(f.stat().st_size for f in files) / 1e6
    t0, c0 = perf_counter(), cpu_seconds()
    results = list(process_all(files, workers))
    dt, cpu = perf_counter() - t0, cpu_seconds() - c0
    contracts = sum(len(r.records) for r in results)
    return {
        "workers": workers, "files": len(files), "contracts": contracts, "mb": round(mb, 3),
        "errors": sum(r.error is not None for r in results), "seconds": round(dt, 3),
        "contracts_per_s": round(contracts / dt, 1), "files_per_s": round(len(files) / dt, 1),
        "mb_per_s": round(mb / dt, 3), "cpu_seconds": round(cpu, 3),
        # wall-clock figures suffer when other jobs share the cores; this one does not
        "contracts_per_cpu_s": round(contracts / cpu, 1) if cpu else None,
    }, results


def bench_ingest(files: list[Path], store_dir: Path, workers: int) -> dict[str, Any]:
    store = EmbeddedStore(store_dir)
    t0 = perf_counter()
    results = ingest(store, files, workers=workers)
    store.close()
    dt = perf_counter() - t0
    contracts = sum(len(r.records) for r in results if r.error is None)
    quads = store.count()
    size = sum(p.stat().st_size for p in store_dir.rglob("*") if p.is_file())
    return {
        "workers": workers, "files": len(files), "contracts": contracts, "quads": quads,
        "errors": sum(r.error is not None for r in results), "seconds": round(dt, 3),
        "contracts_per_s": round(contracts / dt, 1), "store_mb": round(size / 1e6, 1),
    }


def find_validator() -> Callable[..., Any] | None:
    """The store-wide validation function of contractkg.validation, if that module exists yet."""
    try:
        module = importlib.import_module("contractkg.validation")
    except ImportError:
        return None
    return next((f for name in VALIDATOR_NAMES if callable(f := getattr(module, name, None))), None)


def fill_store(store: EmbeddedStore, extracted: list[FileResult], n_contracts: int, root: Path) -> int:
    """Bulk-load ``n_contracts`` contracts by re-filing extracted documents under new paths (new graphs, new IRIs).

    This is set-up for the validation figure, so it uses Oxigraph's bulk loader rather than the
    transactional per-document swap that ``ingest`` measures."""
    good = [r for r in extracted if r.doc is not None and r.records]
    copies: list[tuple[Document, list[dict[str, Any]]]] = []
    stored = 0
    while stored < n_contracts and good:
        res = good[len(copies) % len(good)]
        assert res.doc is not None
        copies.append((dataclasses.replace(res.doc, source=str(root / f"copy{len(copies):06d}_{Path(res.path).name}")),
                       res.records))
        stored += len(res.records)
    store.oxigraph.bulk_extend(q for doc, records in copies for quads in kg.build(doc, records).values() for q in quads)
    return stored


def bench_validation(extracted: list[FileResult], n_contracts: int, root: Path) -> dict[str, Any]:
    store = EmbeddedStore(root / f"store{n_contracts}")
    t0 = perf_counter()
    stored = fill_store(store, extracted, n_contracts, root)
    load_s = perf_counter() - t0
    figures: dict[str, Any] = {"contracts": stored, "load_seconds": round(load_s, 2)}
    validator = find_validator()
    if validator is None:
        figures["validation"] = "not available yet"
        return figures
    t0 = perf_counter()
    try:
        report = validator(store)
    except Exception as e:  # noqa: BLE001 - a benchmark reports, it does not crash
        figures["validation"] = f"failed: {type(e).__name__}: {e}"[:300]
        return figures
    dt = perf_counter() - t0
    figures.update(validation=f"{validator.__module__}.{validator.__name__}", seconds=round(dt, 2),
                   contracts_per_s=round(stored / dt, 1))
    if isinstance(report, list):  # one report per contract, each with .conforms
        figures["reports"] = len(report)
        figures["not_conforming"] = sum(getattr(r, "conforms", True) is False for r in report)
    return figures


def peak_rss_mb() -> dict[str, float]:
    # ru_maxrss is in KiB on Linux; children = the largest worker process
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"main_process_mb": round(own, 1), "largest_worker_mb": round(kids, 1)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    ap.add_argument("--n", type=int, default=150, help="synthetic files per extraction run (default 150)")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker counts to compare (default 1 2)")
    ap.add_argument("--large", action="store_true", help="also validate 10,000 contracts (several minutes)")
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object on stdout")
    ap.add_argument("--what", nargs="+", choices=("throughput", "corpora", "memory"), default=["throughput", "corpora"],
                    help="which figures: synthetic throughput, ms per KB on the real corpora (seeds, dev, "
                         "examples), peak memory of an ingest (default: throughput corpora)")
    ap.add_argument("--memory-docs", type=int, default=1000,
                    help="documents ingested for the memory figure (default 1000; target <= 1.5 GB)")
    a = ap.parse_args(argv)
    quiet = a.json
    figures: dict[str, Any] = {"target_contracts_per_s": TARGET_CONTRACTS_PER_S}
    if "corpora" in a.what:
        from benchmarks.corpora import CORPORA, measure, report

        figures["corpora"] = measure(CORPORA)
        for line in report(figures["corpora"]):
            say(quiet, line)
    if "memory" in a.what:
        from benchmarks.memory import bench_memory

        with tempfile.TemporaryDirectory(prefix="ckg-bench-") as tmp:
            fig = figures["memory"] = bench_memory(Path(tmp), a.memory_docs, max(a.workers))
        say(quiet, f"memory   ingest of {fig['documents']} documents, workers={fig['workers']}: peak "
                   f"{fig['peak_total_pss_mb']} MB PSS ({fig['peak_total_rss_mb']} MB summed RSS) for the process "
                   f"and its workers, main process {fig['peak_main_rss_mb']} MB; target <= {fig['target_mb']} MB "
                   f"({fig['seconds']} s, {fig['errors']} errors)")
    if "throughput" not in a.what:
        if a.json:
            print(json.dumps(figures, indent=1))
        return 0

    with tempfile.TemporaryDirectory(prefix="ckg-bench-") as tmp:
        root = Path(tmp)
        say(quiet, f"corpus: {len(templates())} example templates from {EXAMPLES}, {a.n} varied files per run")
        t0 = perf_counter()
        process(next(p.path for p in templates()))  # imports, lexicons and language models
        figures["warm_up_seconds"] = round(perf_counter() - t0, 2)
        say(quiet, f"warm-up (imports, lexicons, language models): {figures['warm_up_seconds']} s")

        figures["extract"] = []
        kept: list[FileResult] = []
        for run, workers in enumerate(a.workers):
            files, expected = write_corpus(root / f"extract{run}", a.n, seed=run + 1)
            fig, results = bench_extract(files, workers)
            fig["gold_contracts"] = expected
            figures["extract"].append(fig)
            kept = kept or results
            say(quiet, f"extract  workers={workers}: {fig['contracts_per_s']} contracts/s, {fig['files_per_s']} files/s, "
                       f"{fig['mb_per_s']} MB/s, {fig['contracts_per_cpu_s']} contracts per CPU-second "
                       f"({fig['contracts']} contracts found / {expected} in gold, "
                       f"{fig['files']} files, {fig['mb']} MB, {fig['seconds']} s, {fig['errors']} errors)")

        files, _ = write_corpus(root / "ingest", a.n, seed=100)
        fig = bench_ingest(files, root / "ingest-store", max(a.workers))
        figures["ingest"] = fig
        say(quiet, f"ingest   workers={fig['workers']}: {fig['contracts_per_s']} contracts/s into an on-disk store "
                   f"({fig['contracts']} contracts, {fig['quads']} quads, {fig['store_mb']} MB, {fig['seconds']} s, "
                   f"{fig['errors']} errors)")

        figures["validation"] = []
        for n in (1000, 10000) if a.large else (1000,):
            fig = bench_validation(kept, n, root / f"validate{n}")
            figures["validation"].append(fig)
            if "seconds" in fig:
                say(quiet, f"validate {fig['contracts']} contracts: {fig['seconds']} s, {fig['contracts_per_s']} contracts/s "
                           f"via {fig['validation']}, {fig.get('reports', '?')} reports, "
                           f"{fig.get('not_conforming', '?')} with violations (store filled in {fig['load_seconds']} s)")
            else:
                say(quiet, f"validate {fig['contracts']} contracts: validation: {fig['validation']} "
                           f"(store filled in {fig['load_seconds']} s)")

    figures["peak_rss"] = peak_rss_mb()
    say(quiet, f"peak RSS: main process {figures['peak_rss']['main_process_mb']} MB, "
               f"largest worker {figures['peak_rss']['largest_worker_mb']} MB")
    best = max((f["contracts_per_s"] for f in figures["extract"]), default=0)
    per_cpu = max((f["contracts_per_cpu_s"] or 0 for f in figures["extract"]), default=0)
    say(quiet, f"target: >= {TARGET_CONTRACTS_PER_S} contracts/s on 2 cores; best extraction run: {best} contracts/s "
               f"(wall clock), {per_cpu} contracts per CPU-second (about {round(2 * per_cpu, 1)}/s on 2 idle cores)")
    if a.json:
        print(json.dumps(figures, indent=1))
    return 0
