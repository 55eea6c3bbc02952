"""Latency of every named query on the embedded store, and the same queries on rdflib, with their ratio.

Each query runs through the project's runner (``contractkg.queries.runner.run``: parameters bound,
rows converted) with its default parameters; a required parameter gets a real value read from the
store (see ``real_values``). rdflib runs the very same SPARQL text over the same quads in a separate
process (benchmarks/rdflib_engine.py), with a per-query timeout: a timed-out query is reported as
"> timeout", and its ratio as a lower bound.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from pathlib import Path
from time import perf_counter
from typing import Any

from contractkg.queries import runner
from contractkg.store.embedded import EmbeddedStore

ROOT = Path(__file__).resolve().parent.parent

# A real value for each required parameter of the named queries: SPARQL that finds one in the store.
VALUE_QUERIES = {
    "fact": "SELECT ?v WHERE { GRAPH ?g { ?v a ckg:DataProcessingAgreement ; ckg:hasStipulation ?s } } LIMIT 1",
    "party": "SELECT ?v WHERE { GRAPH ?g { ?s odrl:assignee ?b . ?b rdfs:label ?v } } LIMIT 1",
}


def real_values(store: EmbeddedStore) -> dict[str, dict[str, str]]:
    """query name -> {parameter: value} for the required parameters (the others keep their defaults)."""
    from contractkg.namespaces import sparql_prefixes

    found: dict[str, str] = {}
    out: dict[str, dict[str, str]] = {}
    for name, q in runner.catalogue().items():
        values = {}
        for p in q.params:
            if not p.required or p.default is not None:
                continue
            if p.name not in found and p.name in VALUE_QUERIES:
                rows = store.query(sparql_prefixes() + VALUE_QUERIES[p.name]).rows
                if rows and rows[0]["v"]:
                    found[p.name] = rows[0]["v"] or ""
            if p.name in found:
                values[p.name] = found[p.name]
        out[name] = values
    return out


def percentile(times: list[float], q: float) -> float:
    """The q-quantile (0..1) by linear interpolation; with one run, that run."""
    if len(times) == 1:
        return times[0]
    return statistics.quantiles(times, n=100, method="inclusive")[round(q * 100) - 1]


def time_oxigraph(store: EmbeddedStore, runs: int, budget_s: float = 20.0) -> dict[str, dict[str, Any]]:
    """Per query: p50/p95 in ms over ``runs`` runs (fewer, but at least 3, once a query has used ``budget_s``)."""
    values = real_values(store)
    out: dict[str, dict[str, Any]] = {}
    for name, q in runner.catalogue().items():
        times: list[float] = []
        rows = 0
        start = perf_counter()
        try:
            for i in range(runs):
                t0 = perf_counter()
                res = runner.run(store, q, values[name])
                times.append(perf_counter() - t0)
                rows = len(res.rows) if res.kind == "select" else len(res.triples or [])
                if i >= 2 and perf_counter() - start > budget_s:
                    break
        except Exception as e:  # noqa: BLE001 - a benchmark reports, it does not crash
            out[name] = {"error": f"{type(e).__name__}: {e}"[:300], "params": values[name]}
            continue
        out[name] = {"p50_ms": round(percentile(times, 0.5) * 1000, 1), "p95_ms": round(percentile(times, 0.95) * 1000, 1),
                     "runs": len(times), "rows": rows, "params": values[name]}
    return out


def rdflib_jobs(store: EmbeddedStore) -> dict[str, str]:
    """query name -> the exact SPARQL text the runner sends to the store."""
    values = real_values(store)
    return {name: runner.sparql_text(q, values[name]) for name, q in runner.catalogue().items()}


def time_rdflib(store: EmbeddedStore, work: Path, runs: int, timeout_s: float) -> dict[str, Any]:
    """Dump the store's quads, then time every query on rdflib in a child process."""
    work.mkdir(parents=True, exist_ok=True)
    quads, jobs = work / "store.nq", work / "jobs.json"
    quads.write_bytes(store.dump("nquads"))
    jobs.write_text(json.dumps(rdflib_jobs(store)), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "benchmarks.rdflib_engine", str(quads), str(jobs), str(runs),
                           str(timeout_s)], cwd=ROOT, stdout=subprocess.PIPE, text=True, check=False)
    quads.unlink()
    if proc.returncode != 0 or not proc.stdout.strip():
        return {"error": f"rdflib child exited with code {proc.returncode}"}
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    for fig in result["queries"].values():
        times = fig.pop("times_s")
        fig["runs"] = len(times)
        fig["p50_ms"] = round(percentile(times, 0.5) * 1000, 1) if times else None
    return result


def ratios(ox_figs: dict[str, dict[str, Any]], rd: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """query -> {"ratio": rdflib p50 / oxigraph p50, "lower_bound": True when rdflib timed out first}.

    A query rdflib could not finish once in the timeout counts with the timeout as its time."""
    out: dict[str, dict[str, Any]] = {}
    for name, ox_fig in ox_figs.items():
        rd_fig = rd.get("queries", {}).get(name)
        if not rd_fig or "p50_ms" not in ox_fig or not ox_fig["p50_ms"]:
            continue
        if rd_fig["p50_ms"] is None and rd_fig["timed_out"]:
            out[name] = {"ratio": round(rd_fig["timeout_s"] * 1000 / ox_fig["p50_ms"], 1), "lower_bound": True}
        elif rd_fig["p50_ms"] is not None:
            out[name] = {"ratio": round(rd_fig["p50_ms"] / ox_fig["p50_ms"], 1), "lower_bound": rd_fig["timed_out"]}
    return out
