"""The plain way, for comparison: the same SPARQL on rdflib's in-memory Dataset holding the same quads.

Runs as its own process (``python -m benchmarks.rdflib_engine QUADS JOBS RUNS TIMEOUT``) so that
rdflib's memory does not count in the project's peak RSS. The Dataset is loaded once; each query then
runs in a forked child that reports each run's time as it finishes, and is killed past TIMEOUT
seconds, so a slow query costs at most TIMEOUT and still reports the runs it finished.
Prints one JSON object: load time, memory, and per query the run times, row count, whether it timed out.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import resource
import sys
from multiprocessing.connection import Connection
from time import perf_counter
from typing import Any

import rdflib

_DATASET: rdflib.Dataset | None = None  # set before forking; the children inherit it


def load(path: str) -> rdflib.Dataset:
    # default_union: the default graph is the union of the named graphs, as the embedded store runs queries
    ds = rdflib.Dataset(default_union=True)
    ds.parse(path, format="nquads")
    return ds


def _run(sparql: str, runs: int, conn: Connection) -> None:
    assert _DATASET is not None
    for _ in range(runs):
        t0 = perf_counter()
        rows = len(list(_DATASET.query(sparql)))
        conn.send((perf_counter() - t0, rows))
    conn.close()


def time_query(sparql: str, runs: int, timeout: float) -> dict[str, Any]:
    """Run times in seconds (as many runs as finished), the row count, and whether the timeout cut it short."""
    ctx = mp.get_context("fork")
    here, there = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_run, args=(sparql, runs, there), daemon=True)
    child.start()
    there.close()
    times: list[float] = []
    rows: int | None = None
    deadline = perf_counter() + timeout
    timed_out = False
    while len(times) < runs:
        left = deadline - perf_counter()
        if left <= 0 or not here.poll(left):
            timed_out = child.is_alive() or left <= 0
            break
        try:
            seconds, rows = here.recv()
        except EOFError:  # the child died (an rdflib error): no more runs
            break
        times.append(seconds)
    if child.is_alive():
        child.kill()
    child.join()
    error = None if times or timed_out else f"rdflib child exited with code {child.exitcode}"
    return {"times_s": times, "rows": rows, "timed_out": timed_out, "timeout_s": timeout, "error": error}


def main(argv: list[str]) -> int:
    global _DATASET
    quads_path, jobs_path, runs, timeout = argv[0], argv[1], int(argv[2]), float(argv[3])
    jobs: dict[str, str] = json.loads(open(jobs_path, encoding="utf-8").read())
    t0 = perf_counter()
    _DATASET = load(quads_path)
    out: dict[str, Any] = {"load_s": round(perf_counter() - t0, 2), "queries": {}}
    for name, sparql in jobs.items():
        out["queries"][name] = time_query(sparql, runs, timeout)
        print(f"rdflib   {name}: {out['queries'][name]}", file=sys.stderr, flush=True)
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
