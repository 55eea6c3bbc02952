"""The CLI beside a running explorer or server: readers work; writers stop with one plain line that names
who holds the store and what to do (no RocksDB "IO error", no traceback)."""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from contractkg import kg
from contractkg.cli import app
from contractkg.ingest.document import Document
from contractkg.ontology import art28_elements
from contractkg.store.embedded import EmbeddedStore

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[1]

# What the explorer's Ingest page does while it stores an upload (contractkg/app/data.py: writer()).
HOLD_AS_EXPLORER = """
import sys, time
from contractkg.store import open_store
store = open_store(sys.argv[1], None, what="the explorer's Ingest page")
print("ready", flush=True)
time.sleep(120)
"""
# What `contractkg serve` (read-only) holds for the server's life (contractkg/store/serve.py).
HOLD_AS_SERVER = """
import sys, time
from pathlib import Path
from contractkg.store import serve
location = Path(sys.argv[1]).resolve()
serve.keep_out_writers(location)
serve.hold_serve_lock(location)
print("ready", flush=True)
time.sleep(120)
"""


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    path = tmp_path / "store"
    st = EmbeddedStore(path)
    doc = Document(source="/tmp/busy-test.txt", text="x")
    rec = {"kind": "dpa", "title": "Busy DPA", "art28": {k: "1" for k in art28_elements()}, "missing": [],
           "parties": [{"name": "Vendor Oy", "roles": ["processor"], "country": "FI"}]}
    st.replace_document(kg.doc_iri(doc), kg.build(doc, [rec]))
    st.close()
    del st
    gc.collect()
    return path


def holding(script: str, store: Path) -> Iterator[subprocess.Popen[str]]:
    proc = subprocess.Popen([sys.executable, "-c", script, str(store)], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready", proc.stderr.read() if proc.stderr else ""
        yield proc
    finally:
        proc.kill()
        proc.wait(10)


@pytest.fixture
def explorer_writing(store_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[subprocess.Popen[str]]:
    monkeypatch.setenv("CONTRACTKG_LOCK_WAIT", "0.3")
    yield from holding(HOLD_AS_EXPLORER, store_dir)


@pytest.fixture
def server_running(store_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[subprocess.Popen[str]]:
    monkeypatch.setenv("CONTRACTKG_LOCK_WAIT", "0.3")
    yield from holding(HOLD_AS_SERVER, store_dir)


def plain(res: Any) -> str:
    text = res.output
    assert "Traceback" not in text and "IO error" not in text and "/LOCK" not in text, text
    return " ".join(text.split())


def writers(store_dir: Path, tmp_path: Path) -> list[list[str]]:
    doc = tmp_path / "more.txt"
    doc.write_text("DATA PROCESSING AGREEMENT\n\n1. The Processor shall process personal data.\n", encoding="utf-8")
    return [["ingest", str(doc), "--store", str(store_dir)], ["validate", "--store", str(store_dir)]]


def test_reader_works_while_the_explorer_writes(store_dir: Path, explorer_writing: subprocess.Popen[str]) -> None:
    res = runner.invoke(app, ["stats", "--store", str(store_dir)])
    assert res.exit_code == 0, res.output
    assert "contracts" in res.output


def test_writers_name_the_explorer_and_say_to_run_again(store_dir: Path, tmp_path: Path,
                                                         explorer_writing: subprocess.Popen[str]) -> None:
    for args in writers(store_dir, tmp_path):
        res = runner.invoke(app, args)
        assert res.exit_code == 1, (args, res.output)
        text = plain(res)
        assert f"the explorer's Ingest page (pid {explorer_writing.pid})" in text, text
        assert "Wait for it to finish, then run this again" in text and "CONTRACTKG_LOCK_WAIT" in text


def test_writers_beside_a_read_only_server_are_told_to_stop_it(store_dir: Path, tmp_path: Path,
                                                               server_running: subprocess.Popen[str]) -> None:
    assert runner.invoke(app, ["stats", "--store", str(store_dir)]).exit_code == 0
    for args in writers(store_dir, tmp_path):
        res = runner.invoke(app, args)
        assert res.exit_code == 1, (args, res.output)
        text = plain(res)
        assert f"served read-only by contractkg serve (pid {server_running.pid})" in text, text
        assert "stop the server, run this again" in text and "--writable" in text


def test_writers_work_again_once_the_explorer_is_done(store_dir: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONTRACTKG_LOCK_WAIT", "0.3")
    for _ in holding(HOLD_AS_EXPLORER, store_dir):
        assert runner.invoke(app, ["validate", "--store", str(store_dir)]).exit_code == 1
    res = runner.invoke(app, ["validate", "--store", str(store_dir)])
    assert res.exit_code in (0, 3), res.output
