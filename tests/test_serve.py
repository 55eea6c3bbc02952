"""`contractkg serve`: the oxigraph command line, clear errors, and a real read-only endpoint."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from contractkg.cli import app
from contractkg.store import StoreError, serve

EX = "http://example.org/"


def test_server_command_is_read_only_by_default(tmp_path: Path) -> None:
    cmd = serve.server_command(tmp_path, "127.0.0.1", 9999)
    assert cmd[1] == "serve-read-only" and "--union-default-graph" in cmd
    assert cmd[cmd.index("--bind") + 1] == "127.0.0.1:9999"
    assert serve.server_command(tmp_path, "::1", 80, writable=True, cors=True)[1:2] == ["serve"]
    assert serve.host_port("::1", 80) == "[::1]:80"


def test_missing_store_is_a_one_line_error(tmp_path: Path) -> None:
    res = CliRunner().invoke(app, ["serve", "--store", str(tmp_path / "none"), "--port", str(serve.free_port())])
    assert res.exit_code == 1
    assert "no store at" in res.output and "contractkg ingest" in res.output


def test_store_in_use_is_reported(tmp_path: Path) -> None:
    db = tmp_path / "db"
    ox.Store(str(db))  # a RocksDB store on disk, then released
    holder = subprocess.Popen([sys.executable, "-c", f"import pyoxigraph,sys; s=pyoxigraph.Store({str(db)!r}); "
                               "print('ready', flush=True); sys.stdin.read()"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreError, match="in use by another process"):
            serve.check_store(db, writable=False)
    finally:
        holder.communicate("", timeout=20)


def test_busy_port_is_reported() -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        with pytest.raises(StoreError, match="pick another --port"):
            serve.check_port("127.0.0.1", s.getsockname()[1])


@pytest.mark.server
def test_serve_answers_queries_and_refuses_updates(tmp_path: Path) -> None:
    from contractkg.store.embedded import EmbeddedStore
    from contractkg.store.remote import RemoteStore

    db = tmp_path / "db"
    st = EmbeddedStore(db)
    g = EX + "g"
    st.replace_document(EX + "d", {g: [ox.Quad(ox.NamedNode(EX + "s"), ox.NamedNode(EX + "p"), ox.Literal("v"),
                                              ox.NamedNode(g))]})
    st.close()
    del st
    port = serve.free_port()
    exe = Path(sys.executable).parent / "contractkg"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-c", "from contractkg.cli import main; main()"]
    proc = subprocess.Popen(cmd + ["serve", "--store", str(db), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=dict(os.environ))
    try:
        url = serve.base_url("127.0.0.1", port)
        serve.wait_ready(url, proc)
        assert serve.is_served(db)  # the exec'd server holds the serve lock
        remote = RemoteStore(url)
        assert remote.query(f"SELECT ?o WHERE {{ <{EX}s> ?p ?o }}").rows == [{"o": "v"}]  # union default graph
        with pytest.raises(StoreError, match="HTTP"):
            remote.update(f"INSERT DATA {{ <{EX}x> <{EX}p> 1 }}")
    finally:
        serve.stop(proc)


def test_serve_lock_is_exclusive_and_visible(tmp_path: Path) -> None:
    import os

    pytest.importorskip("fcntl")
    db = tmp_path / "db"
    db.mkdir()
    assert not serve.is_served(db)
    holder = subprocess.Popen([sys.executable, "-c", "import sys; from pathlib import Path; from contractkg.store import serve; "
                               f"serve.hold_serve_lock(Path({str(db)!r})); print('ready', flush=True); sys.stdin.read()"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        assert serve.is_served(db)
        with pytest.raises(StoreError, match="already served"):
            serve.hold_serve_lock(db)
    finally:
        holder.communicate("", timeout=20)
    assert not serve.is_served(db)
    fd = serve.hold_serve_lock(db)
    assert fd is not None
    os.close(fd)
