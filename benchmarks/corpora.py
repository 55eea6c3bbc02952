"""Extraction cost on every real corpus: ms per KB (median and worst) and the worst document.

The corpora are the seeds and the dev documents in ../shared (when present) and examples/. Each
document runs in a worker process held to the time budget (contractkg/ingest/budget.py), so a
runaway document shows as over budget instead of stalling the benchmark; the worker times its own
extraction, so process start-up and warm-up are not counted.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from pathlib import Path
from time import perf_counter
from typing import Any

from benchmarks.corpus import EXAMPLES
from contractkg.ingest.budget import run_all
from contractkg.ingest.extract import extract_file, warm_up
from contractkg.pipeline import iter_files

SHARED = EXAMPLES.parent.parent / "shared"
CORPORA = {"seeds": SHARED / "seeds", "dev": SHARED / "dev" / "docs", "examples": EXAMPLES}


@dataclass
class Timing:
    path: str
    kb: float
    ms: float | None = None  # None: failed or over budget
    agreements: int = 0
    obligations: int = 0  # most in one agreement
    clauses: int = 0  # most in one agreement
    error: str | None = None

    @property
    def ms_per_kb(self) -> float | None:
        return None if self.ms is None else self.ms / max(self.kb, 0.001)


def time_one(path: Path) -> Timing:
    """Extract one file and time it (runs in the worker process)."""
    kb = path.stat().st_size / 1024
    t0 = perf_counter()
    _, agreements, records = extract_file(path)
    ms = (perf_counter() - t0) * 1000
    return Timing(str(path), kb, ms, len(records), max((_obligations(r) for r in records), default=0),
                  max((len(a.clauses) for a in agreements), default=0))


def _obligations(record: object) -> int:
    """Obligations of one record: a typed record or (older code) a dict."""
    found = record.get("obligations") if isinstance(record, dict) else getattr(record, "obligations", None)
    return len(found or ())


def _failed(path: Path, reason: str) -> Timing:
    return Timing(str(path), path.stat().st_size / 1024, error=reason)


def measure(folders: dict[str, Path], budget: float | None = None) -> dict[str, Any]:
    """Per corpus and overall: files, median and worst ms/KB, the worst document, failures.

    One worker reads the examples once unmeasured first: lexicons and patterns that only some
    languages or layouts load are then loaded before any figure is taken."""
    present = {name: list(iter_files([f])) for name, f in folders.items() if f.is_dir()}
    warm = list(iter_files([EXAMPLES])) if EXAMPLES.is_dir() else []
    files = warm + [f for fs in present.values() for f in fs]
    timings = list(run_all(time_one, files, _failed, workers=1, budget=budget, init=warm_up))[len(warm):]
    figures: dict[str, Any] = {}
    for name in folders:
        if name not in present:
            figures[name] = "absent"
            continue
        figures[name] = summary(timings[: len(present[name])])
        timings = timings[len(present[name]):]
    figures["all"] = summary([t for f in figures.values() if isinstance(f, dict) for t in f.pop("_timings")])
    figures["all"].pop("_timings")
    return figures


def summary(timings: list[Timing]) -> dict[str, Any]:
    done = [t for t in timings if t.ms_per_kb is not None]
    if not done:
        return {"files": len(timings), "failed": [t.error for t in timings], "_timings": timings}
    worst = max(done, key=lambda t: t.ms_per_kb or 0)
    slowest = max(done, key=lambda t: t.ms or 0)
    return {
        "files": len(timings), "failed": [t.error for t in timings if t.error],
        "median_ms_per_kb": round(statistics.median(t.ms_per_kb or 0 for t in done), 2),
        "worst_ms_per_kb": round(worst.ms_per_kb or 0, 2), "worst_document": worst.path,
        "slowest_ms": round(slowest.ms or 0, 1), "slowest_document": slowest.path,
        "most_obligations_in_an_agreement": max(t.obligations for t in done),
        "most_clauses_in_an_agreement": max(t.clauses for t in done),
        "_timings": timings,  # for the overall figure; removed before printing
    }


def report(figures: dict[str, Any]) -> list[str]:
    lines = []
    for name, f in figures.items():
        if isinstance(f, str):
            lines.append(f"corpus {name}: {f}")
        elif "median_ms_per_kb" not in f:
            lines.append(f"corpus {name}: {f['files']} files, all failed: {'; '.join(f['failed'][:3])}")
        else:
            failed = f"; {len(f['failed'])} failed: {'; '.join(f['failed'])}" if f["failed"] else ""
            lines.append(f"corpus {name}: {f['files']} files, median {f['median_ms_per_kb']} ms/KB, worst "
                         f"{f['worst_ms_per_kb']} ms/KB ({Path(f['worst_document']).name}), slowest "
                         f"{f['slowest_ms']} ms ({Path(f['slowest_document']).name}); at most "
                         f"{f['most_obligations_in_an_agreement']} obligations and "
                         f"{f['most_clauses_in_an_agreement']} clauses in one agreement{failed}")
    return lines
