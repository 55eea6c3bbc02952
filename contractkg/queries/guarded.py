"""Queries with a time limit that really stops them, and a cap on the rows (or triples) kept.

Oxigraph evaluates a query in Rust code that no Python thread can interrupt, so on the embedded
store the query runs in a child interpreter (``python -m contractkg.queries.guarded``) that opens
the store read-only and is killed when the time is up. It reads at most ``limit + 1`` results
lazily, so a huge result is never built. A remote endpoint gets the limit as its HTTP timeout."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from contractkg.store import QueryResult, Store, StoreError

DEFAULT_TIMEOUT = 60.0
DEFAULT_LIMIT = 10_000


class QueryTimeout(StoreError):
    """The query ran past its time; its process was killed."""


def _result(data: dict[str, Any]) -> QueryResult:
    if "error" in data:
        raise StoreError(data["error"])
    data["triples"] = [tuple(t) for t in data.get("triples") or []]
    return QueryResult(**data)


def run_in_child(path: Path, sparql: str, timeout: float, limit: int | None) -> QueryResult:
    """``sparql`` over the embedded store at ``path``, in a child process killed after ``timeout`` s."""
    job = json.dumps({"path": str(path), "query": sparql, "limit": limit}).encode("utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "contractkg.queries.guarded"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        out, err = proc.communicate(job, timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()  # reaped: nothing keeps running
        raise QueryTimeout(f"the query ran longer than {timeout:g} s and was stopped: add filters or a LIMIT, "
                           "or raise --timeout") from None
    if proc.returncode != 0 or not out:
        lines = err.decode("utf-8", "replace").strip().splitlines()
        raise StoreError(f"the query process failed: {lines[-1] if lines else f'exit code {proc.returncode}'}")
    return _result(json.loads(out))


def run_guarded(store: Store, sparql: str, timeout: float = DEFAULT_TIMEOUT,
                limit: int | None = DEFAULT_LIMIT) -> QueryResult:
    """Run a read-only query with a time limit and a result cap, wherever the store lives."""
    from contractkg.store.embedded import EmbeddedStore
    from contractkg.store.remote import RemoteStore

    if isinstance(store, EmbeddedStore) and store.location != ":memory:":
        return run_in_child(Path(store.location), sparql, timeout, limit)
    if isinstance(store, RemoteStore):
        store.timeout = timeout
    return store.query(sparql, limit=limit)  # in memory (tests) or remote


def _serve_one() -> None:
    """The child: one job on stdin, its result (or error) as JSON on stdout."""
    job = json.loads(sys.stdin.buffer.read())
    try:
        from contractkg.store.embedded import EmbeddedStore

        st = EmbeddedStore(Path(job["path"]), read_only=True)
        res = dataclasses.asdict(st.query(job["query"], limit=job.get("limit")))
    except StoreError as e:
        res = {"error": str(e)}
    except Exception as e:  # noqa: BLE001 - reported to the parent in one line
        res = {"error": f"{type(e).__name__}: {e}"}
    sys.stdout.write(json.dumps(res, ensure_ascii=False))


if __name__ == "__main__":
    _serve_one()
