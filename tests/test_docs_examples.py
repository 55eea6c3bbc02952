"""Docs that run: every ```sh block of README.md, CONTRIBUTING.md and docs/*.md runs as a bash script
against the example corpus, in a scratch folder, and must succeed.

A `contractkg serve` line is started in the background and waited for; the servers stop when the
block ends. A block that only talks to the default endpoint runs with `contractkg serve` up. Only blocks of `make` targets are not run here (CI runs `make test` itself; `make run`
is ingest + app, which the browser tests drive; `make accuracy` is tests/test_accuracy.py)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *sorted((ROOT / "docs").glob("*.md"))]
FENCE = re.compile(r"^```sh\n(.*?)^```", re.S | re.M)
SERVE = re.compile(r"^(contractkg serve\b[^#\n]*)(#.*)?$", re.M)

# Run before each block: servers go to the background and are awaited; all stop at exit.
PREAMBLE = r"""
set -euo pipefail
stop_servers() { for p in $(jobs -p); do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap stop_servers EXIT
serve_bg() {
  local port=7878 args=("$@") i
  for ((i = 0; i < ${#args[@]}; i++)); do [[ ${args[i]} == --port ]] && port=${args[i+1]}; done
  stop_servers
  command contractkg serve "$@" > "serve-$port.log" 2>&1 &
  for _ in $(seq 1 120); do
    curl -s -o /dev/null "http://127.0.0.1:$port/query?query=ASK%7B%7D" && return 0
    kill -0 $! 2>/dev/null || { cat "serve-$port.log" >&2; return 1; }
    sleep 0.5
  done
  echo "server on port $port did not come up" >&2; return 1
}
contractkg() {  # `validate` exits 3 when it finds a Violation: the examples hold three on purpose
  if [[ ${1-} == validate ]]; then command contractkg "$@" || [[ $? == 3 ]]; else command contractkg "$@"; fi
}
"""


def blocks() -> list[tuple[str, str]]:
    found = []
    for doc in DOCS:
        for n, m in enumerate(FENCE.finditer(doc.read_text(encoding="utf-8"))):
            found.append((f"{doc.name}#{n + 1}", m.group(1)))
    return found


def runnable(script: str) -> bool:
    lines = [ln for ln in script.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    return not all(ln.startswith("make ") for ln in lines)


def test_docs_have_runnable_blocks() -> None:
    found = blocks()
    assert len([b for b in found if runnable(b[1])]) >= 6
    # The only blocks left out are make targets; a block mixing make and other commands runs whole.
    assert all(runnable(s) or all(ln.startswith("make ") for ln in s.splitlines() if ln.strip()) for _, s in found)


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory, shared: Path) -> Path:
    top = tmp_path_factory.mktemp("docs")
    work = top / "repo"
    work.mkdir()
    (work / "examples").symlink_to(ROOT / "examples")
    (work / ".venv").symlink_to(Path(sys.prefix))
    (top / "shared").symlink_to(shared)
    res = subprocess.run([str(Path(sys.executable).with_name("contractkg")), "ingest", "examples/"], cwd=work,
                         env=_env(work), capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stderr
    return work


def _env(work: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONTRACTKG_")}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["CONTRACTKG_STORE"] = str(work / ".contractkg" / "store")
    return env


RUNNABLE = [b for b in blocks() if runnable(b[1])]


@pytest.mark.server
@pytest.mark.parametrize("where,script", RUNNABLE, ids=[where for where, _ in RUNNABLE])
def test_doc_block_runs(where: str, script: str, sandbox: Path) -> None:
    body = SERVE.sub(lambda m: "serve_bg" + m.group(1)[len("contractkg serve"):], script)
    if "127.0.0.1:7878" in script and not SERVE.search(script):
        body = "serve_bg\n" + body  # a client example: the server of the section above it is up
    res = subprocess.run(["bash", "-c", PREAMBLE + body], cwd=sandbox, env=_env(sandbox), capture_output=True,
                         text=True, timeout=600)
    assert res.returncode == 0, f"{where} failed (exit {res.returncode}):\n{script}\n--- stderr:\n{res.stderr[-3000:]}"
