"""Workbench queries in a child process, so that a timeout really stops them.

A SPARQL query runs inside Oxigraph's Rust code, which no Python thread can interrupt: a timed-out
query left in a thread runs on at full CPU. Here the query runs in a child process that is killed
when the time is up, and that returns at most ``limit`` rows or triples (``Store.query(limit=)``
reads them lazily, so a huge result is never built, and says whether there were more).

- on-disk embedded store: a fresh interpreter (``python -m contractkg.app.query_process``) opens the
  store as a reader (store/locks.py), beside the app's own handle;
- in-memory store (tests): a forked child queries its copy of the store;
- remote endpoint: the child sends the request; killing it drops the connection.
"""

from __future__ import annotations

import dataclasses
import json
import multiprocessing as mp
import subprocess
import sys
from pathlib import Path
from typing import Any

from contractkg.store import QueryResult, Store, StoreError


class QueryTimeout(StoreError):
    """The query ran past its time and its process was killed."""


def _answer(job: dict[str, Any], store: Store | None = None) -> dict[str, Any]:
    """Run one job: {"path" | "endpoint", "query", "limit"} -> QueryResult fields or {"error": message}."""
    try:
        if store is None:
            if job.get("endpoint"):
                from contractkg.store.remote import RemoteStore

                store = RemoteStore(job["endpoint"])
            else:
                from contractkg.store.embedded import EmbeddedStore

                store = EmbeddedStore(Path(job["path"]), read_only=True)  # the readers' protocol, locks.py
        return dataclasses.asdict(store.query(job["query"], limit=int(job["limit"])))
    except Exception as e:  # noqa: BLE001 - reported to the page in one line
        return {"error": str(e) if isinstance(e, StoreError) else f"{type(e).__name__}: {e}"}


def _result(data: dict[str, Any]) -> QueryResult:
    if "error" in data:
        raise StoreError(data["error"])
    data["triples"] = [tuple(t) for t in data.get("triples") or []]
    return QueryResult(**data)


def run_killable(store: Store, sparql: str, limit: int, timeout: float) -> QueryResult:
    """``sparql`` on ``store`` in a child process killed after ``timeout`` seconds (QueryTimeout)."""
    location = getattr(store, "location", "")
    if getattr(store, "query_url", None):
        job = {"endpoint": store.query_url, "query": sparql, "limit": limit}  # type: ignore[attr-defined]
    elif location and location != ":memory:":
        job = {"path": location, "query": sparql, "limit": limit}
    else:
        return _in_fork(store, sparql, limit, timeout)
    proc = subprocess.Popen([sys.executable, "-m", "contractkg.app.query_process"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        out, err = proc.communicate(json.dumps(job).encode("utf-8"), timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()  # reaped: nothing keeps running
        raise QueryTimeout(f"the query timed out after {timeout:g} s and was stopped (add filters or a LIMIT)") \
            from None
    if proc.returncode != 0 or not out:
        lines = err.decode("utf-8", "replace").strip().splitlines()
        raise StoreError(f"the query process failed: {lines[-1] if lines else f'exit code {proc.returncode}'}")
    return _result(json.loads(out))


def _fork_child(conn: Any, store: Store, sparql: str, limit: int) -> None:
    conn.send(_answer({"query": sparql, "limit": limit}, store=store))


def _in_fork(store: Store, sparql: str, limit: int, timeout: float) -> QueryResult:
    ctx = mp.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_fork_child, args=(send, store, sparql, limit), daemon=True)
    child.start()
    send.close()
    try:
        if not receive.poll(timeout):
            raise QueryTimeout(f"the query timed out after {timeout:g} s and was stopped (add filters or a LIMIT)")
        try:
            data = receive.recv()
        except EOFError:
            raise StoreError(f"the query process failed (exit code {child.exitcode})") from None
        return _result(data)
    finally:
        if child.is_alive():
            child.kill()
        child.join(5)
        receive.close()


def main() -> None:
    job = json.loads(sys.stdin.buffer.read())
    sys.stdout.write(json.dumps(_answer(job), ensure_ascii=False))


if __name__ == "__main__":
    main()
