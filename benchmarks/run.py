"""Measure and print; never assert. See benchmarks/README.md for the targets."""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
from pathlib import Path
from time import perf_counter
from typing import Any

from benchmarks import targets
from benchmarks.corpus import EXAMPLES, templates, write_corpus
from benchmarks.fill import files_for
from contractkg.pipeline import FileResult, ingest, process, process_all
from contractkg.store.embedded import EmbeddedStore

TARGET_CONTRACTS_PER_S = targets.INGEST_PER_S
WHAT = ("throughput", "corpora", "memory", "startup", "scale", "pages")


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


def bench_ingest(files: list[Path], store_dir: Path, workers: int) -> tuple[dict[str, Any], list[FileResult]]:
    store = EmbeddedStore(store_dir)
    t0, c0 = perf_counter(), cpu_seconds()
    results = ingest(store, files, workers=workers)
    store.close()
    dt, cpu = perf_counter() - t0, cpu_seconds() - c0
    contracts = sum(len(r.records) for r in results if r.error is None)
    quads = store.count()
    size = sum(p.stat().st_size for p in store_dir.rglob("*") if p.is_file())
    return {
        "workers": workers, "files": len(files), "contracts": contracts, "quads": quads,
        "errors": sum(r.error is not None for r in results), "seconds": round(dt, 3),
        "contracts_per_s": round(contracts / dt, 1), "store_mb": round(size / 1e6, 1),
        "contracts_per_cpu_s": round(contracts / cpu, 1) if cpu else None,  # robust to other jobs on the cores
    }, results


def peak_rss_mb() -> dict[str, float]:
    # ru_maxrss is in KiB on Linux; children = the largest worker process
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"main_process_mb": round(own, 1), "largest_worker_mb": round(kids, 1)}


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    ap.add_argument("--n", type=int, default=150, help="synthetic files per extraction run (default 150)")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker counts to compare (default 1 2)")
    ap.add_argument("--ingest-contracts", type=int, default=1000,
                    help="contracts for the ingest figure (default 1000; target >= 50 contracts/s)")
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000],
                    help="store sizes in contracts for --what scale/pages (default 1000)")
    ap.add_argument("--large", action="store_true", help="add N=10,000 to --sizes (the full run: ~20 minutes)")
    ap.add_argument("--runs", type=int, default=20,
                    help="runs per query on the embedded store (default 20; fewer once a query has used 10 s)")
    ap.add_argument("--query-timeout", type=float, default=30.0,
                    help="seconds before a query on the embedded store is stopped (default 30)")
    ap.add_argument("--rdflib-runs", type=int, default=3, help="runs per query on rdflib (default 3)")
    ap.add_argument("--rdflib-timeout", type=float, default=30.0,
                    help="seconds before an rdflib query is cut short and reported as '> timeout' (default 30)")
    ap.add_argument("--plain-sample", type=int, default=200,
                    help="contracts validated by plain pyshacl for the ratio and the findings check (default 200)")
    ap.add_argument("--startup-runs", type=int, default=5, help="runs of each CLI start-up figure (default 5)")
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object on stdout")
    ap.add_argument("--out", type=Path, default=None, help="where to write the headline figures "
                    "(default benchmarks/results/latest.json)")
    ap.add_argument("--what", nargs="+", choices=(*WHAT, "all"), default=["throughput", "corpora"],
                    help="throughput: extraction and ingest; corpora: ms per KB on the real corpora; memory: peak "
                         "memory of an ingest; startup: CLI processes; scale: fill, validation and queries at "
                         "--sizes; pages: the explorer at the largest size; all: everything (default: throughput "
                         "corpora)")
    ap.add_argument("--report", action="store_true",
                    help="measure nothing: print the figures and targets of the last run's latest.json (or --out)")
    ap.add_argument("--memory-docs", type=int, default=1000,
                    help="documents ingested for the memory figure (default 1000; target <= 1.5 GB)")
    return ap


def main(argv: list[str] | None = None) -> int:
    a = parser().parse_args(argv)
    if a.report:
        path = a.out or targets.RESULTS / "latest.json"
        if not path.is_file():
            raise SystemExit(f"no figures at {path}: run `make bench` (or python -m benchmarks) first")
        head = json.loads(path.read_text(encoding="utf-8"))
        full = path.with_name("full.json")
        if full.is_file():  # recomputed, so a newer benchmark reads an older run the same way
            head = {**head, **targets.headline(json.loads(full.read_text(encoding="utf-8")))}
        for line in targets.report(head):
            print(line)
        return 0
    what = set(WHAT) if "all" in a.what else set(a.what)
    sizes = sorted({*a.sizes, *([targets.LARGE_N] if a.large else [])})
    quiet = a.json
    figures: dict[str, Any] = {"target_contracts_per_s": TARGET_CONTRACTS_PER_S, "load_average_at_start": os.getloadavg()}
    if "corpora" in what:
        from benchmarks.corpora import CORPORA, measure, report

        figures["corpora"] = measure(CORPORA)
        for line in report(figures["corpora"]):
            say(quiet, line)
    if "memory" in what:
        from benchmarks.memory import bench_memory

        with tempfile.TemporaryDirectory(prefix="ckg-bench-") as tmp:
            fig = figures["memory"] = bench_memory(Path(tmp), a.memory_docs, max(a.workers))
        say(quiet, f"memory   ingest of {fig['documents']} documents, workers={fig['workers']}: peak "
                   f"{fig['peak_total_pss_mb']} MB PSS ({fig['peak_total_rss_mb']} MB summed RSS) for the process "
                   f"and its workers, main process {fig['peak_main_rss_mb']} MB; target <= {fig['target_mb']} MB "
                   f"({fig['seconds']} s, {fig['errors']} errors)")
    if what & {"throughput", "scale", "pages"}:
        with tempfile.TemporaryDirectory(prefix="ckg-bench-") as tmp:
            stores(a, what, sizes, figures, Path(tmp), quiet)
    if "startup" in what:
        from benchmarks.startup import measure as startup

        figures["startup"] = fig = startup(a.startup_runs)
        say(quiet, f"startup  contractkg version: {fig['version']}; contractkg extract one small file: "
                   f"{fig['extract_one']}")
    figures["peak_rss"] = peak_rss_mb()
    figures["load_average_at_end"] = os.getloadavg()
    head = targets.headline(figures)
    head["load_average"] = [figures["load_average_at_start"], figures["load_average_at_end"]]
    path = targets.write_latest(head, a.out)
    targets.write_latest(figures, path.with_name("full.json"))  # every figure, for a closer look
    say(quiet, f"figures written to {path} (all of them: {path.with_name('full.json')})")
    for line in targets.report(head):
        say(quiet, line)
    if a.json:
        print(json.dumps(figures, indent=1))
    return 0


def stores(a: argparse.Namespace, what: set[str], sizes: list[int], figures: dict[str, Any], root: Path,
           quiet: bool) -> None:
    """Extraction and ingest throughput, then the scale figures over the ingested results."""
    kept: list[FileResult] = []
    if "throughput" in what:
        say(quiet, f"corpus: {len(templates())} example templates from {EXAMPLES}, {a.n} varied files per run")
        t0 = perf_counter()
        process(next(p.path for p in templates()))  # imports, lexicons and language models
        figures["warm_up_seconds"] = round(perf_counter() - t0, 2)
        say(quiet, f"warm-up (imports, lexicons, language models): {figures['warm_up_seconds']} s")
        figures["extract"] = []
        for run, workers in enumerate(a.workers):
            files, expected = write_corpus(root / f"extract{run}", a.n, seed=run + 1)
            fig, _ = bench_extract(files, workers)
            fig["gold_contracts"] = expected
            figures["extract"].append(fig)
            say(quiet, f"extract  workers={workers}: {fig['contracts_per_s']} contracts/s, {fig['files_per_s']} files/s, "
                       f"{fig['mb_per_s']} MB/s, {fig['contracts_per_cpu_s']} contracts per CPU-second "
                       f"({fig['contracts']} contracts found / {expected} in gold, "
                       f"{fig['files']} files, {fig['mb']} MB, {fig['seconds']} s, {fig['errors']} errors)")
        files, _ = files_for(a.ingest_contracts, root / "ingest", seed=100)
        fig, kept = bench_ingest(files, root / "ingest-store", max(a.workers))
        figures["ingest"] = fig
        say(quiet, f"ingest   workers={fig['workers']}: {fig['contracts_per_s']} contracts/s into an on-disk store "
                   f"({fig['contracts']} contracts, {fig['quads']} quads, {fig['store_mb']} MB, {fig['seconds']} s, "
                   f"{fig['errors']} errors)")
        best = max((f["contracts_per_s"] for f in figures["extract"]), default=0)
        per_cpu = max((f["contracts_per_cpu_s"] or 0 for f in figures["extract"]), default=0)
        say(quiet, f"extraction: best run {best} contracts/s (wall clock), {per_cpu} contracts per CPU-second "
                   f"(about {round(2 * per_cpu, 1)}/s on 2 idle cores)")
    if not what & {"scale", "pages"}:
        return
    if not kept:  # the scale stores re-file extracted documents: extract one round of the templates
        files, _ = write_corpus(root / "scale-source", len(templates()), seed=200)
        kept = list(process_all(files, max(a.workers)))
    from benchmarks import scale

    figures["scale"] = []
    for n in sizes:
        figures["scale"].append(scale.measure(
            kept, n, root / f"scale{n}", runs=a.runs, query_timeout=a.query_timeout, rdflib_runs=a.rdflib_runs,
            rdflib_timeout=a.rdflib_timeout,
            plain_sample=a.plain_sample if n == sizes[-1] else 0, pages="pages" in what and n == sizes[-1],
            say=lambda text: say(quiet, text)))
    big = figures["scale"][-1]
    smaller = [f for f in figures["scale"][:-1] if f.get("rdflib", {}).get("queries")]
    if not big.get("rdflib", {}).get("queries") and smaller:  # rdflib could not hold the largest store
        from benchmarks.queries import ratios

        big["rdflib_ratio"] = ratios(big["oxigraph"], smaller[-1]["rdflib"], lower_bound=True)
        big["rdflib_ratio_basis"] = (f"rdflib p50 at N={smaller[-1]['n']} over oxigraph p50 at N={big['n']}, a lower "
                                     f"bound: {big['rdflib'].get('error')}")
        say(quiet, f"rdflib   N={big['n']}: {big['rdflib_ratio_basis']}; ratios {big['rdflib_ratio']}")
