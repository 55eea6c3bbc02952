"""The plain way, for comparison: the same SPARQL on rdflib's in-memory Dataset holding the same quads.

Runs as its own process (``python -m benchmarks.rdflib_engine QUADS JOBS RUNS TIMEOUT LOAD_TIMEOUT MAX_MB``)
so that rdflib's memory does not count in the project's peak RSS. The Dataset is loaded once (given up
past LOAD_TIMEOUT seconds or MAX_MB of address space, reported as such); each query then
runs in a forked child that reports each run's time as it finishes, and is killed past TIMEOUT
seconds, so a slow query costs at most TIMEOUT and still reports the runs it finished.
Prints one JSON object: load time, memory, and per query the run times, row count, whether it timed out.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import resource
import signal
import sys
from collections.abc import Iterator
from multiprocessing.connection import Connection
from time import perf_counter
from typing import Any

import pyoxigraph as ox
import rdflib

from contractkg.ontology.shacl import to_rdflib

MB_PER_NQUADS_MB = 8  # rdflib's resident memory per MB of N-Quads (1.3 GB for 170 MB, 740k quads)
_DATASET: rdflib.Dataset | None = None  # set before forking; the children inherit it


def load(path: str) -> rdflib.Dataset:
    """The quads of an N-Quads file in a Dataset (parsed by Oxigraph: rdflib's own parser is several
    times slower, and parsing is not what is compared)."""
    # default_union: the default graph is the union of the named graphs, as the embedded store runs queries
    ds = rdflib.Dataset(default_union=True)
    graphs: dict[str | None, rdflib.Graph] = {}

    def quads() -> Iterator[tuple[rdflib.term.Node, rdflib.term.Node, rdflib.term.Node, rdflib.Graph]]:
        for q in ox.parse(path=path, format=ox.RdfFormat.N_QUADS):
            name = q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else None
            if name not in graphs:
                graphs[name] = ds.graph(rdflib.URIRef(name)) if name else ds.default_context
            yield to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object), graphs[name]

    ds.addN(quads())  # type: ignore[arg-type]
    return ds


def _run(sparql: str, runs: int, conn: Connection) -> None:
    assert _DATASET is not None
    try:
        for _ in range(runs):
            t0 = perf_counter()
            rows = len(list(_DATASET.query(sparql)))
            conn.send((perf_counter() - t0, rows))
    except Exception as e:  # noqa: BLE001 - rdflib cannot run this query: say why
        conn.send((None, f"{type(e).__name__}: {e}"[:300]))
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
    error = None
    while len(times) < runs:
        left = deadline - perf_counter()
        if left <= 0 or not here.poll(left):
            timed_out = child.is_alive() or left <= 0
            break
        try:
            seconds, answer = here.recv()
        except EOFError:  # the child died: no more runs
            error = f"rdflib child exited with code {child.exitcode}"
            break
        if seconds is None:
            error = answer
            break
        times.append(seconds)
        rows = answer
    if child.is_alive():
        child.kill()
    child.join()
    return {"times_s": times, "rows": rows, "timed_out": timed_out, "timeout_s": timeout, "error": error}


def _too_slow(signum: int, frame: object) -> None:
    raise TimeoutError


def main(argv: list[str]) -> int:
    global _DATASET
    quads_path, jobs_path, runs, timeout = argv[0], argv[1], int(argv[2]), float(argv[3])
    load_timeout, max_mb = int(argv[4]), int(argv[5])
    jobs: dict[str, str] = json.loads(open(jobs_path, encoding="utf-8").read())
    need_mb = os.path.getsize(quads_path) / 2**20 * MB_PER_NQUADS_MB
    if need_mb > max_mb:  # loading would only end at the memory cap, minutes later
        print(json.dumps({"error": f"rdflib not loaded: about {need_mb / 1024:.1f} GB needed ({MB_PER_NQUADS_MB}x "
                                   f"the N-Quads size), over the {max_mb / 1024:.1f} GB cap", "queries": {}}))
        return 0
    resource.setrlimit(resource.RLIMIT_AS, (max_mb * 2**20, resource.getrlimit(resource.RLIMIT_AS)[1]))
    signal.signal(signal.SIGALRM, _too_slow)
    signal.alarm(load_timeout)
    t0 = perf_counter()
    try:
        _DATASET = load(quads_path)
    except (TimeoutError, MemoryError) as e:
        why = f"did not load within {load_timeout} s" if isinstance(e, TimeoutError) else f"ran out of {max_mb} MB"
        print(json.dumps({"error": f"rdflib {why} (after {perf_counter() - t0:.0f} s)", "queries": {}}))
        return 0
    signal.alarm(0)
    out: dict[str, Any] = {"load_s": round(perf_counter() - t0, 2), "queries": {}}
    for name, sparql in jobs.items():
        out["queries"][name] = time_query(sparql, runs, timeout)
        print(f"rdflib   {name}: {out['queries'][name]}", file=sys.stderr, flush=True)
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
