"""Latency of every named query on the embedded store, and the same queries on rdflib, with their ratio.

Each query runs through the project's runner (``contractkg.queries.runner.run``: parameters bound,
rows converted) with its default parameters; a required parameter gets a real value read from the
store (see ``real_values``). rdflib runs the very same SPARQL text over the same quads in a separate
process (benchmarks/rdflib_engine.py), with a per-query timeout: a timed-out query is reported as
"> timeout", and its ratio as a lower bound.
"""

from __future__ import annotations

import json
import queue
import statistics
import subprocess
import sys
import threading
from collections.abc import Callable
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


def _lines(proc: subprocess.Popen[str]) -> queue.Queue[dict[str, Any] | None]:
    """The child's JSON lines, read by a thread (None at the end), so the parent can wait with a timeout."""
    lines: queue.Queue[dict[str, Any] | None] = queue.Queue()

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith("{"):
                lines.put(json.loads(line))
        lines.put(None)

    threading.Thread(target=read, daemon=True).start()
    return lines


def time_oxigraph(store_dir: Path, values: dict[str, dict[str, str]], runs: int, budget_s: float, timeout_s: float,
                  on_query: Callable[[str, dict[str, Any]], None] | None = None) -> dict[str, dict[str, Any]]:
    """Per query: p50/p95 in ms over ``runs`` runs, fewer once it has used ``budget_s``; a query still
    running after ``timeout_s`` is stopped and reported with the runs it finished (``timed_out``)."""
    todo = list(runner.catalogue())
    out: dict[str, dict[str, Any]] = {}
    while todo:
        proc = subprocess.Popen([sys.executable, "-m", "benchmarks.oxigraph_engine", str(store_dir), str(runs),
                                 str(budget_s), json.dumps(values), *todo], cwd=ROOT, stdout=subprocess.PIPE, text=True)
        lines = _lines(proc)
        name, times, rows, deadline = None, [], 0, 0.0
        while True:
            try:
                line = lines.get(timeout=max(0.01, deadline - perf_counter()) if name else 600)
            except queue.Empty:  # past the timeout: stop this child, go on in a new one
                proc.kill()
                break
            if line is None:
                break
            if "start" in line:
                name, times, rows, deadline = line["start"], [], 0, perf_counter() + timeout_s
            elif "run" in line:
                times.append(line["run"])
                rows = line["rows"]
            elif "done" in line:
                out[line["done"]] = _figure(times, rows, line.get("error"), False, values, line["done"])
                out[line["done"]]["child_peak_rss_mb"] = line["peak_rss_mb"]
                todo.remove(line["done"])
                if on_query:
                    on_query(line["done"], out[line["done"]])
                name = None
        proc.wait()
        if name is None:
            if todo:  # the child ended without finishing its list
                for rest in todo:
                    out[rest] = {"error": f"query child exited with code {proc.returncode}"}
            break
        out[name] = _figure(times, rows, None, True, values, name)
        out[name]["timeout_s"] = timeout_s
        todo.remove(name)
        if on_query:
            on_query(name, out[name])
    return out


def _figure(times: list[float], rows: int, error: str | None, timed_out: bool, values: dict[str, dict[str, str]],
            name: str) -> dict[str, Any]:
    fig: dict[str, Any] = {"params": values.get(name, {}), "runs": len(times), "rows": rows, "timed_out": timed_out}
    if error:
        fig["error"] = error
    if times:
        fig["p50_ms"] = round(percentile(times, 0.5) * 1000, 1)
        fig["p95_ms"] = round(percentile(times, 0.95) * 1000, 1)
    return fig


def rdflib_jobs(values: dict[str, dict[str, str]]) -> dict[str, str]:
    """query name -> the exact SPARQL text the runner sends to the store."""
    return {name: runner.sparql_text(q, values[name]) for name, q in runner.catalogue().items()}


RDFLIB_LOAD_TIMEOUT_S = 240
RDFLIB_MAX_MB = 6_000


def time_rdflib(quads: Path, values: dict[str, dict[str, str]], work: Path, runs: int,
                timeout_s: float) -> dict[str, Any]:
    """Time every query on rdflib, over the store's quads (an N-Quads file), in a child process."""
    work.mkdir(parents=True, exist_ok=True)
    jobs = work / "jobs.json"
    jobs.write_text(json.dumps(rdflib_jobs(values)), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "benchmarks.rdflib_engine", str(quads), str(jobs), str(runs),
                           str(timeout_s), str(RDFLIB_LOAD_TIMEOUT_S), str(RDFLIB_MAX_MB)], cwd=ROOT, stdout=subprocess.PIPE, text=True, check=False)
    if proc.returncode != 0 or not proc.stdout.strip():
        return {"error": f"rdflib child exited with code {proc.returncode}"}
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    result["nquads_mb"] = round(quads.stat().st_size / 1e6, 1) if quads.exists() else None
    for fig in result["queries"].values():
        times = fig.pop("times_s")
        fig["runs"] = len(times)
        fig["p50_ms"] = round(percentile(times, 0.5) * 1000, 1) if times else None
    return result


def ratios(ox_figs: dict[str, dict[str, Any]], rd: dict[str, Any], lower_bound: bool = False
           ) -> dict[str, dict[str, Any]]:
    """query -> {"ratio": rdflib p50 / oxigraph p50, "lower_bound": True when rdflib timed out first}.

    A query rdflib could not finish once in the timeout counts with the timeout as its time.
    ``lower_bound``: rdflib's figures are from a smaller store (it could not load this one)."""
    out: dict[str, dict[str, Any]] = {}
    for name, ox_fig in ox_figs.items():
        rd_fig = rd.get("queries", {}).get(name)
        if not rd_fig or rd_fig.get("error") or not ox_fig.get("p50_ms"):
            continue
        if rd_fig["p50_ms"] is None and rd_fig["timed_out"]:
            out[name] = {"ratio": round(rd_fig["timeout_s"] * 1000 / ox_fig["p50_ms"], 1), "lower_bound": True}
        elif rd_fig["p50_ms"] is not None:
            out[name] = {"ratio": round(rd_fig["p50_ms"] / ox_fig["p50_ms"], 1),
                         "lower_bound": lower_bound or rd_fig["timed_out"]}
    return out
