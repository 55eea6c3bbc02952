"""A per-document time budget: each document runs in a worker process that is killed when over budget.

A regular expression stuck in C cannot be interrupted by a signal or a thread, so the only sure way
to stop a runaway document is to kill the process running it. ``run_all`` keeps a few long-lived
worker processes (warm lexicons and language models), hands them one document at a time, kills and
replaces a worker whose document runs past the budget, and yields the results in input order. The
failed document becomes a result built by ``on_fail`` (a one-line reason); the batch goes on.

The budget comes from ``--time-budget``, else ``$CONTRACTKG_TIME_BUDGET``, else 30 s; 0 turns it off
(documents then run in the calling process, as a plain ``map``).
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.connection import Connection, wait
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

DEFAULT_BUDGET = 30.0
ENV = "CONTRACTKG_TIME_BUDGET"
WINDOW_PER_WORKER = 4  # documents dispatched ahead of the next result owed: bounds the results held


def time_budget(value: float | None = None) -> float:
    """Seconds per document: ``value`` if given, else the environment, else DEFAULT_BUDGET (0: none)."""
    if value is None:
        raw = os.environ.get(ENV, "").strip()
        try:
            value = float(raw) if raw else DEFAULT_BUDGET
        except ValueError:
            raise ValueError(f"{ENV}={raw!r} is not a number of seconds") from None
    if value < 0:
        raise ValueError(f"the time budget must be 0 (none) or a number of seconds, not {value:g}")
    return value


def over_budget_message(budget: float) -> str:
    return (f"gave up after {budget:g} s, the time budget per document "
            f"(raise it with --time-budget or {ENV}; 0 turns it off)")


def _context() -> Any:
    # fork: workers start at once with the caller's modules (and any test double) already loaded
    methods = mp.get_all_start_methods()
    return mp.get_context("fork" if "fork" in methods else "spawn")


def _serve(conn: Connection, parent_end: Connection, func: Callable[[Any], Any], parent: int,
           init: Callable[[], None] | None, done: Callable[[], None] | None = None) -> None:
    """Worker loop: "ready" once warm, then (index, item) in, (index, ok, result or message) out,
    until None (then ``done``), EOF or orphaned."""
    parent_end.close()  # else this process would keep its own pipe open and never see EOF
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the caller's to handle: it stops the workers
    if init is not None:
        init()  # a no-op after fork when the caller warmed up; the real work after spawn
    conn.send("ready")
    while True:
        try:
            while not conn.poll(1.0):
                if os.getppid() != parent:  # the caller was killed: do not linger
                    return
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            if done is not None:
                done()
            return
        index, item = msg
        try:
            out = (index, True, func(item))
        except Exception as e:  # noqa: BLE001 - reported as this document's failure
            out = (index, False, f"failed ({type(e).__name__}: {e})")
        try:
            conn.send(out)
        except Exception as e:  # noqa: BLE001 - an unpicklable result is this document's failure
            conn.send((index, False, f"failed (result could not be returned: {type(e).__name__}: {e})"))


class _Worker:
    def __init__(self, ctx: Any, func: Callable[[Any], Any], init: Callable[[], None] | None,
                 done: Callable[[], None] | None = None) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child, self.conn, func, os.getpid(), init, done), daemon=True)
        self.proc.start()
        child.close()
        self.ready = False  # the budget counts from the first document, not from the warm-up
        self.index: int | None = None
        self.item: Any = None
        self.deadline = float("inf")

    def give(self, index: int, item: Any, budget: float) -> None:
        self.index, self.item = index, item
        self.deadline = time.monotonic() + budget if budget > 0 else float("inf")
        self.conn.send((index, item))

    def done(self) -> None:
        self.index, self.item, self.deadline = None, None, float("inf")

    def kill(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except (OSError, ValueError):
            pass
        self.proc.join(1)
        self.kill()


def run_all(func: Callable[[T], R], items: Iterable[T], on_fail: Callable[[T, str], R], *,
            workers: int = 1, budget: float | None = None, init: Callable[[], None] | None = None,
            done: Callable[[], None] | None = None) -> Iterator[R]:
    """``map(func, items)`` in input order, each item in a worker process held to the time budget.

    An item over budget, or whose worker dies, or whose ``func`` raises, yields ``on_fail(item, reason)``.
    ``init`` warms up (imports, models) once: in this process before forking, so that a worker that
    replaces a killed one starts warm; in each worker where processes are spawned. ``done`` runs in
    each worker that ends normally (a killed one never does), or here after the items when no worker
    is used (to keep what the workers learnt, such as compiled patterns)."""
    items = list(items)
    budget = time_budget(budget)
    if not items:
        return
    if budget == 0 and workers <= 1:
        yield from map(func, items)
        if done is not None:
            done()
        return
    ctx = _context()
    if len(items) == 1:
        init = None  # one document: no worker to replace warm, and its own run loads only what it needs
    if init is not None and ctx.get_start_method() == "fork":
        init()
    pool = [_Worker(ctx, func, init, done) for _ in range(max(1, min(workers, len(items))))]
    todo = deque(enumerate(items))
    results: dict[int, R] = {}
    owed = 0  # index of the next result to yield
    window = WINDOW_PER_WORKER * len(pool)
    try:
        while owed < len(items):
            for i, w in enumerate(pool):
                if w.ready and w.index is None and todo and todo[0][0] < owed + window:
                    try:
                        w.give(*todo[0], budget)
                    except (OSError, ValueError):  # the idle worker is gone: a fresh one takes the item
                        w.kill()
                        pool[i] = _Worker(ctx, func, init, done)
                        continue
                    todo.popleft()
            left = min(w.deadline for w in pool) - time.monotonic()
            ready = set(wait([w.conn for w in pool if not w.ready or w.index is not None],
                             timeout=max(0.0, min(left, 3600.0))))
            for i, w in enumerate(pool):
                if w.conn in ready:
                    try:
                        msg = w.conn.recv()
                    except (EOFError, OSError):  # the worker died (killed for memory, crashed in C...)
                        w.proc.join(1)
                        if w.index is None:
                            raise RuntimeError(f"a worker process could not start (exit code {w.proc.exitcode})") from None
                        results[w.index] = on_fail(w.item, f"the worker process died (exit code {w.proc.exitcode})")
                        w.kill()
                        pool[i] = _Worker(ctx, func, init, done)
                        continue
                    if msg == "ready":
                        w.ready = True
                        continue
                    index, ok, value = msg
                    results[index] = value if ok else on_fail(w.item, value)
                    w.done()
                elif w.index is not None and time.monotonic() >= w.deadline:
                    results[w.index] = on_fail(w.item, over_budget_message(budget))
                    w.kill()
                    pool[i] = _Worker(ctx, func, init, done)
            while owed in results:
                yield results.pop(owed)
                owed += 1
    finally:
        for w in pool:
            w.stop()
