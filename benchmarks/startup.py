"""Start-up cost of the CLI, as a user pays it: whole processes, the best of several runs.

Wall-clock seconds suffer when other jobs share the cores; the CPU seconds of the process and its
worker (``cpu_min_s``) much less. ``breakdown`` runs the steps of a one-file ``extract`` one by one in
a fresh process and gives the CPU seconds of each (imports, lexicons, compiled patterns, lingua, the
extraction itself), in the order the CLI pays them."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.corpus import EXAMPLES
from benchmarks.pages import ROOT, _contractkg


def smallest_example() -> Path:
    files = [p for p in EXAMPLES.iterdir() if p.is_file() and p.suffix in (".txt", ".md", ".html")
             and not p.stem.upper().startswith("README")]
    return min(files, key=lambda p: p.stat().st_size)


def best_of(cmd: list[str], runs: int, env: dict[str, str] | None = None) -> dict[str, Any]:
    """Min and all wall-clock seconds of ``runs`` runs of ``cmd``, and the least CPU seconds (user +
    system of the process and of the worker it waited for); the error if it fails."""
    times, cpus = [], []
    for _ in range(runs):
        c0, t0 = _children_cpu(), time.perf_counter()
        proc = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False,
                              env=env)
        times.append(time.perf_counter() - t0)
        cpus.append(_children_cpu() - c0)
        if proc.returncode != 0:
            return {"error": f"{' '.join(cmd[1:])} exited with {proc.returncode}: {proc.stderr.strip()[-300:]}"}
    return {"min_s": round(min(times), 3), "runs_s": [round(t, 3) for t in times], "cpu_min_s": round(min(cpus), 3)}


def _children_cpu() -> float:
    """User + system CPU seconds of the finished children of this process (and of theirs it waited for)."""
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


# The steps of `contractkg extract FILE --format json`, timed one by one (CPU seconds) in a fresh process.
_BREAKDOWN = r"""
import json, sys, time
t = time.process_time
marks = {}
def step(name, t0):
    marks[name] = round(t() - t0, 3)
t0 = t()
import typer, rich.console, rich.progress, rich.table, pydantic
import contractkg.cli
step("imports: command line (typer, rich, pydantic)", t0)
t0 = t()
from contractkg.ingest import lexicon
lexicon.languages()
step("lexicons (marshal cache)", t0)
t0 = t()
try:
    from contractkg.ingest import pattern_cache
    pattern_cache._load()
except ImportError:  # a checkout from before the cache
    pass
step("compiled-pattern cache file", t0)
t0 = t()
import contractkg.pipeline
step("imports: extraction and store modules (module-level patterns)", t0)
t0 = t()
from contractkg.ingest.language import detect
detect("Le sous-traitant traite les données personnelles pour le compte du responsable du traitement.")
step("lingua: models of languages.yaml, first detection", t0)
t0 = t()
from contractkg.files import plan_files
from contractkg.pipeline import extract_files
plan = plan_files([sys.argv[1]])
_, contracts = extract_files(plan, 0)
step("extraction of the file (lazy patterns, in process)", t0)
t0 = t()
json.dumps({"contracts": [c.to_json() for c in contracts]}, ensure_ascii=False, indent=1)
step("JSON output", t0)
marks["total"] = round(sum(marks.values()), 3)
print(json.dumps(marks))
"""


def breakdown(path: Path, runs: int = 3) -> dict[str, Any]:
    """CPU seconds of each start-up step (the least of ``runs`` fresh processes), the worker aside."""
    best: dict[str, Any] = {}
    for _ in range(runs):
        proc = subprocess.run([sys.executable, "-c", _BREAKDOWN, str(path)], cwd=ROOT, capture_output=True,
                              text=True, check=False, env={**os.environ, "CONTRACTKG_TIME_BUDGET": "0"})
        if proc.returncode != 0:
            return {"error": proc.stderr.strip()[-300:]}
        for k, v in json.loads(proc.stdout.strip().splitlines()[-1]).items():
            best[k] = min(v, best.get(k, v))
    return best


def with_bytecode() -> dict[str, str]:
    """The environment of a user's install: the package's modules compiled to bytecode (as pip does on
    install), read and written as Python does by default (this sandbox sets PYTHONDONTWRITEBYTECODE)."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "contractkg")], check=False,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX")}


def measure(runs: int = 5) -> dict[str, Any]:
    exe = _contractkg()
    small = smallest_example()
    env = with_bytecode()
    file = {"file": small.name, "kb": round(small.stat().st_size / 1024, 1)}
    with tempfile.TemporaryDirectory() as empty:  # no bytecode to read: every module compiled on each run
        cold = best_of([exe, "extract", str(small)], runs,
                       {**env, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPYCACHEPREFIX": empty})
    return {"version": best_of([exe, "version"], runs, env),
            "extract_one": {**best_of([exe, "extract", str(small)], runs, env), **file},
            "extract_one_without_bytecode": {**cold, **file},
            "extract_one_cpu_breakdown": breakdown(small, max(1, min(runs, 3)))}
