"""Start-up cost of the CLI, as a user pays it: whole processes, the best of several runs."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path
from typing import Any

from benchmarks.corpus import EXAMPLES
from benchmarks.pages import ROOT, _contractkg


def smallest_example() -> Path:
    files = [p for p in EXAMPLES.iterdir() if p.is_file() and p.suffix in (".txt", ".md", ".html")
             and not p.stem.upper().startswith("README")]
    return min(files, key=lambda p: p.stat().st_size)


def best_of(cmd: list[str], runs: int) -> dict[str, Any]:
    """Min and all wall-clock seconds of ``runs`` runs of ``cmd``; the error if it fails."""
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
        times.append(time.perf_counter() - t0)
        if proc.returncode != 0:
            return {"error": f"{' '.join(cmd[1:])} exited with {proc.returncode}: {proc.stderr.strip()[-300:]}"}
    return {"min_s": round(min(times), 3), "runs_s": [round(t, 3) for t in times]}


def measure(runs: int = 5) -> dict[str, Any]:
    exe = _contractkg()
    small = smallest_example()
    return {"version": best_of([exe, "version"], runs),
            "extract_one": {**best_of([exe, "extract", str(small)], runs), "file": small.name,
                            "kb": round(small.stat().st_size / 1024, 1)}}
