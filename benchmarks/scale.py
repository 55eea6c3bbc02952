"""Figures at N contracts: store fill, validation (and plain pyshacl beside it), query latency on the
embedded store and on rdflib, and, at the largest N, the explorer's pages.

The benchmark process fills and validates; the queries run in child processes (each query can be
stopped at its timeout), rdflib and the explorer too, so each process's peak RSS is its own."""

from __future__ import annotations

import importlib
import resource
from collections.abc import Callable
from pathlib import Path
from time import perf_counter
from typing import Any

import pyoxigraph as ox

from benchmarks.fill import fill_store
from contractkg.pipeline import FileResult
from contractkg.store.embedded import EmbeddedStore

VALIDATOR_NAMES = ("validate_store", "validate_all", "validate")


def find_validator() -> Callable[..., Any] | None:
    """The store-wide validation function of contractkg.validation, if that module exists yet."""
    try:
        module = importlib.import_module("contractkg.validation")
    except ImportError:
        return None
    return next((f for name in VALIDATOR_NAMES if callable(f := getattr(module, name, None))), None)


def children_peak_mb() -> float:
    """The largest peak RSS of the children this process has waited for, so far, in MB (ru_maxrss is in KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def rss_mb(children_before: float) -> dict[str, float]:
    """Peak RSS of this process and of the workers it started since ``children_before`` was read.

    The kernel keeps one maximum over every child ever waited for, so a child of an earlier phase (the
    rdflib process of a smaller store holds its whole Dataset) would be counted as a worker of this
    one: a worker figure is kept only when it rose during this phase, else it is 0 (none went above
    the earlier maximum, which is reported as ``earlier_children_mb``)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = children_peak_mb()
    return {"main_process_mb": round(own, 1), "largest_worker_mb": round(kids, 1) if kids > children_before else 0.0}


def validate(store: EmbeddedStore, fig: dict[str, Any]) -> list[Any] | None:
    validator = find_validator()
    if validator is None:
        fig["validation"] = "not available"
        return None
    t0 = perf_counter()
    try:
        reports = validator(store)
    except Exception as e:  # noqa: BLE001 - a benchmark reports, it does not crash
        fig["validation"] = f"failed: {type(e).__name__}: {e}"[:300]
        return None
    fig["validation_s"] = round(perf_counter() - t0, 2)
    if isinstance(reports, list):
        fig["validated_dpas"] = sum(getattr(r.contract, "dpa", True) for r in reports)
        fig["validation_ms_per_dpa"] = round(1000 * fig["validation_s"] / max(1, fig["validated_dpas"]), 2)
        fig["not_conforming"] = sum(getattr(r, "conforms", True) is False for r in reports)
    return reports if isinstance(reports, list) else None


def measure(extracted: list[FileResult], n: int, root: Path, *, runs: int, query_timeout: float, rdflib_runs: int,
            rdflib_timeout: float, plain_sample: int, pages: bool, say: Callable[[str], None]) -> dict[str, Any]:
    from benchmarks import queries, shacl_plain

    store_dir = root / f"store{n}"
    store = EmbeddedStore(store_dir)
    fig: dict[str, Any] = {"n": n}
    children_before = children_peak_mb()
    try:
        t0 = perf_counter()
        fig["contracts"] = fill_store(store, extracted, n, root / f"files{n}")
        fig["fill_s"] = round(perf_counter() - t0, 2)
        fig["quads"] = store.count()
        say(f"scale    N={n}: {fig['contracts']} contracts, {fig['quads']} quads, filled in {fig['fill_s']} s")
        reports = validate(store, fig)
        say(f"scale    N={n}: validation {fig.get('validation_s', fig.get('validation'))} s "
            f"({fig.get('validated_dpas', '?')} DPAs, {fig.get('not_conforming', '?')} not conforming)")
        if reports and plain_sample:
            fig["plain_pyshacl"] = shacl_plain.compare(store, reports, plain_sample)
            say(f"scale    N={n}: plain pyshacl {fig['plain_pyshacl']}")
        values = queries.real_values(store)
        quads = root / f"store{n}.nq"  # for rdflib, written before the store is closed
        store.oxigraph.dump(output=str(quads), format=ox.RdfFormat.N_QUADS)
        fig["rss"] = rss_mb(children_before)
        fig["earlier_children_mb"] = round(children_before, 1)
    finally:
        store.close()
    fig["oxigraph"] = queries.time_oxigraph(store_dir, values, runs, budget_s=10.0, timeout_s=query_timeout,
                                            on_query=lambda name, q: say(f"oxigraph N={n} {name}: {q}"))
    fig["rss"]["query_process_mb"] = max((q.get("child_peak_rss_mb", 0) for q in fig["oxigraph"].values()), default=0)
    fig["rdflib"] = queries.time_rdflib(quads, values, root / f"rdflib{n}", rdflib_runs, rdflib_timeout)
    fig["rdflib_ratio"] = queries.ratios(fig["oxigraph"], fig["rdflib"])
    say(f"rdflib   N={n}: loaded in {fig['rdflib'].get('load_s')} s; ratios {fig['rdflib_ratio']}")
    if pages:
        from benchmarks.pages import time_pages

        fig["pages"] = time_pages(store_dir, root / f"app{n}")
        say(f"pages    N={n}: {fig['pages']}")
    return fig
