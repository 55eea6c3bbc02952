"""Memory while ingesting a batch: the peak resident memory of this process and its workers together.

A sampler thread adds up VmRSS of this process and of every descendant (from /proc, Linux only)
a few times per second while ``contractkg.pipeline.ingest`` loads ``n`` synthetic documents into an
on-disk store. Target: <= 1.5 GB for 1,000 documents.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from time import perf_counter
from typing import Any

from benchmarks.corpus import write_corpus
from contractkg.pipeline import ingest
from contractkg.store.embedded import EmbeddedStore

TARGET_MB = 1536


def _kb(pid: int, key: str = "Rss:") -> int:
    """Rss (pages resident) or Pss (each shared page divided among its sharers) of one process, in KB."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as f:
            for line in f:
                if line.startswith(key):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            out += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return out


def tree_mb(pid: int | None = None) -> tuple[float, float, float]:
    """RSS of this process, summed RSS and summed PSS of it and all its descendants, in MB. Forked
    workers share their parent's pages, so the RSS sum counts those pages once per process; PSS does not."""
    pid = pid or os.getpid()
    rss = pss = 0
    todo, seen = [pid], set()
    while todo:
        p = todo.pop()
        if p in seen:
            continue
        seen.add(p)
        rss, pss = rss + _kb(p), pss + _kb(p, "Pss:")
        todo += _children(p)
    return _kb(pid) / 1024, rss / 1024, pss / 1024


class Sampler:
    def __init__(self, every: float = 0.2) -> None:
        self.every, self.peak_main, self.peak_rss, self.peak_pss = every, 0.0, 0.0, 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            main, rss, pss = tree_mb()
            self.peak_main, self.peak_rss, self.peak_pss = (max(self.peak_main, main), max(self.peak_rss, rss),
                                                            max(self.peak_pss, pss))
            self._stop.wait(self.every)

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def bench_memory(root: Path, n: int, workers: int) -> dict[str, Any]:
    files, _ = write_corpus(root / "memory", n, seed=7)
    store = EmbeddedStore(root / "memory-store")
    before = tree_mb()[2]
    t0 = perf_counter()
    with Sampler() as s:
        results = ingest(store, files, workers=workers)
    dt = perf_counter() - t0
    store.close()
    errors = [r.error for r in results if r.error]
    return {"documents": n, "workers": workers, "errors": len(errors), "first_errors": errors[:3],
            "seconds": round(dt, 1), "before_mb": round(before, 1), "peak_main_rss_mb": round(s.peak_main, 1),
            "peak_total_rss_mb": round(s.peak_rss, 1), "peak_total_pss_mb": round(s.peak_pss, 1),
            "target_mb": TARGET_MB}
