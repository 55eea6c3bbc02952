"""Network defaults: `serve --writable` needs a token and refuses foreign Origins (a cross-site POST
cannot run DROP ALL); `contractkg app` listens on 127.0.0.1 unless --host says otherwise."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests
from typer.testing import CliRunner

from contractkg.cli import app
from contractkg.store import serve

EX = "http://example.org/"
TOKEN = "a-test-token-of-enough-length-0123"


def contractkg_cmd() -> list[str]:
    exe = Path(sys.executable).parent / "contractkg"
    return [str(exe)] if exe.exists() else [sys.executable, "-c", "from contractkg.cli import main; main()"]


@pytest.fixture
def writable(tmp_path: Path):  # type: ignore[no-untyped-def]
    from contractkg.store.embedded import EmbeddedStore

    db = tmp_path / "db"
    st = EmbeddedStore(db)
    g = EX + "g"
    st.replace_document(EX + "d", {g: [ox.Quad(ox.NamedNode(EX + "s"), ox.NamedNode(EX + "p"), ox.Literal("v"),
                                              ox.NamedNode(g))]})
    st.close()
    port = serve.free_port()
    env = {k: v for k, v in os.environ.items() if k != "CONTRACTKG_TOKEN"}
    proc = subprocess.Popen(contractkg_cmd() + ["serve", "--writable", "--store", str(db), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    url = serve.base_url("127.0.0.1", port)
    try:
        serve.wait_ready(url, proc, timeout=60)
        assert proc.stdout is not None
        line = next(ln for ln in iter(proc.stdout.readline, "") if "writes need the token" in ln)
        token = line.split("writes need the token ", 1)[1].split(":", 1)[0].strip()
        yield db, url, token
    finally:
        serve.stop(proc)


def count(url: str) -> int:
    r = requests.post(url + "/query", data={"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"},
                      headers={"Accept": "application/sparql-results+json"}, timeout=10)
    r.raise_for_status()
    return int(r.json()["results"]["bindings"][0]["n"]["value"])


@pytest.mark.server
def test_writable_server_needs_the_token_and_refuses_foreign_origins(writable) -> None:  # type: ignore[no-untyped-def]
    db, url, token = writable
    assert len(token) >= 16
    before = count(url)
    assert before > 0
    # a web page on another site posts a form with the token it somehow learnt: still refused
    evil = requests.post(url + "/update", data={"update": "DROP ALL"}, timeout=10,
                         headers={"Origin": "http://evil.example", "Authorization": f"Bearer {token}"})
    assert evil.status_code == 403
    no_token = requests.post(url + "/update", data={"update": "DROP ALL"}, timeout=10)
    assert no_token.status_code == 401
    wrong = requests.post(url + "/update", data={"update": "DROP ALL"}, timeout=10,
                          headers={"Authorization": "Bearer " + "x" * len(token)})
    assert wrong.status_code == 401
    gsp = requests.delete(url + "/store", params={"default": ""}, timeout=10)
    assert gsp.status_code == 401
    assert count(url) == before
    assert requests.get(url + "/query", params={"query": "ASK {}"}, headers={"Origin": "http://evil.example"},
                        timeout=10).status_code == 403  # no --cors: foreign pages do not even read
    ok = requests.post(url + "/update", timeout=10, data={"update": f"INSERT DATA {{ <{EX}a> <{EX}b> <{EX}c> }}"},
                       headers={"Authorization": f"Bearer {token}", "Origin": url})
    assert ok.status_code in (200, 204), ok.text
    assert count(url) == before  # the default graph is not counted by GRAPH ?g


@pytest.mark.server
def test_contractkg_writes_through_the_endpoint_with_the_token(writable, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from contractkg.store import StoreError
    from contractkg.store.remote import RemoteStore

    db, url, token = writable
    g = EX + "g2"
    quads = [ox.Quad(ox.NamedNode(EX + "s2"), ox.NamedNode(EX + "p"), ox.Literal("w"), ox.NamedNode(g))]
    monkeypatch.delenv("CONTRACTKG_TOKEN", raising=False)
    with pytest.raises(StoreError, match="401"):
        RemoteStore(url).replace_document(EX + "d2", {g: quads})
    monkeypatch.setenv("CONTRACTKG_TOKEN", token)
    RemoteStore(url).replace_document(EX + "d2", {g: quads})
    assert RemoteStore(url).query(f"SELECT ?o WHERE {{ <{EX}s2> ?p ?o }}").rows == [{"o": "w"}]
    # the folder itself is the server's now: a local reader is sent to the endpoint at once
    res = CliRunner().invoke(app, ["stats", "--store", str(db)])
    assert res.exit_code == 1 and "--endpoint" in res.stderr and url in res.stderr


def test_a_short_token_is_refused(tmp_path: Path) -> None:
    res = CliRunner().invoke(app, ["serve", "--writable", "--token", "short", "--store", str(tmp_path / "db"),
                                   "--port", str(serve.free_port())])
    assert res.exit_code == 1 and "at least 16 characters" in res.stderr


def test_proxy_rules() -> None:
    from contractkg.store.serve_proxy import Guard, is_write

    assert is_write("POST", "/update") and is_write("PUT", "/store?graph=x") and is_write("DELETE", "/store")
    assert not is_write("GET", "/store") and not is_write("POST", "/query")
    guard = Guard(TOKEN, {"http://127.0.0.1:7878"}, cors=True)
    assert guard.refusal("GET", "/query", {"Origin": "http://evil.example"}) is None  # --cors: may read
    assert guard.refusal("POST", "/update", {"Origin": "http://evil.example",
                                              "Authorization": f"Bearer {TOKEN}"})[0] == 403  # type: ignore[index]
    assert guard.refusal("POST", "/update", {"Origin": "http://127.0.0.1:7878",
                                              "Authorization": f"Bearer {TOKEN}"}) is None


def test_app_listens_on_localhost_unless_told(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[list[str]] = []
    monkeypatch.setattr(subprocess, "call", lambda cmd, env=None: calls.append(cmd) or 0)
    store = tmp_path / "store"
    res = CliRunner().invoke(app, ["app", "--store", str(store), "--port", "8765"])
    assert res.exit_code == 0, res.output
    cmd = calls[-1]
    assert cmd[cmd.index("--server.address") + 1] == "127.0.0.1" and "warning" not in res.output
    assert (store / "CURRENT").is_file()  # an empty store, so its read-only pages open
    res = CliRunner().invoke(app, ["app", "--store", str(store), "--host", "0.0.0.0"])
    cmd = calls[-1]
    assert cmd[cmd.index("--server.address") + 1] == "0.0.0.0"
    assert "warning" in res.stderr and "no login" in res.stderr
    captured: dict[str, str] = {}
    monkeypatch.setattr(subprocess, "call", lambda cmd, env=None: captured.update(env or {}) or 0)
    res = CliRunner().invoke(app, ["app", "--endpoint", "http://127.0.0.1:7878/query"])
    assert captured["CONTRACTKG_ENDPOINT"] == "http://127.0.0.1:7878/query"


def test_read_only_serve_does_not_start_beside_a_writer(tmp_path: Path) -> None:
    from contractkg.store.embedded import EmbeddedStore

    writer = EmbeddedStore(tmp_path / "db", what="contractkg ingest")  # an ingest between two batches
    try:
        res = subprocess.run(contractkg_cmd() + ["serve", "--store", str(tmp_path / "db"), "--port",
                                                str(serve.free_port())], capture_output=True, text=True, timeout=120)
        assert res.returncode == 1 and "another process is writing" in res.stderr
    finally:
        writer.close()
