"""`contractkg app`: the explorer is started as launch.py says (upload limit of the loaders), on the
embedded store or, with --endpoint, on a remote SPARQL endpoint without touching any local store."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from contractkg.cli import app as cli_app

runner = CliRunner()


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """What `contractkg app` would start (the command and its environment), instead of starting it."""
    calls: list[dict[str, Any]] = []

    def fake_call(cmd: list[str], env: dict[str, str] | None = None, **_: Any) -> int:
        calls.append({"cmd": cmd, "env": env or {}})
        return 0

    monkeypatch.setattr(subprocess, "call", fake_call)
    monkeypatch.delenv("CONTRACTKG_ENDPOINT", raising=False)
    return calls


def option(cmd: list[str], name: str) -> str:
    return cmd[cmd.index(name) + 1]


def test_app_on_an_endpoint_reads_it_and_opens_no_store(started: list[dict[str, Any]], tmp_path: Path) -> None:
    store = tmp_path / "never-created"
    result = runner.invoke(cli_app, ["app", "--endpoint", "http://127.0.0.1:7878/query", "--store", str(store),
                                     "--port", "8599"])
    assert result.exit_code == 0, result.output
    assert len(started) == 1
    assert started[0]["env"]["CONTRACTKG_ENDPOINT"] == "http://127.0.0.1:7878/query"
    assert not store.exists()
    assert "http://127.0.0.1:7878/query" in result.output


def test_app_uses_the_launch_config(started: list[dict[str, Any]], tmp_path: Path) -> None:
    from contractkg.app.launch import HOME, max_upload_mb
    from contractkg.ingest.load.loaders import MAX_BYTES

    result = runner.invoke(cli_app, ["app", "--store", str(tmp_path / "store"), "--port", "8599"])
    assert result.exit_code == 0, result.output
    cmd = started[0]["cmd"]
    assert str(HOME) in cmd and option(cmd, "--server.port") == "8599"
    assert option(cmd, "--server.maxUploadSize") == str(max_upload_mb()) == str(MAX_BYTES // 2**20)
    assert option(cmd, "--server.address") == "127.0.0.1"
    assert "CONTRACTKG_ENDPOINT" not in started[0]["env"]


def test_the_server_is_streamlits_command_line_after_loading_the_pages() -> None:
    import sys

    from contractkg.app.launch import streamlit_command

    assert streamlit_command(8599)[1:4] == ["-m", "contractkg.app.server", "run"]
    code = ("import sys; from contractkg.app import server; server.warm(); "
            "print('views' if 'contractkg.app.graph_view' in sys.modules else 'none')")
    warmed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=180)
    assert warmed.stdout.strip() == "views", warmed.stderr[-500:]
    out = subprocess.run([sys.executable, "-m", "contractkg.app.server", "version"], capture_output=True, text=True,
                         timeout=180)
    assert out.returncode == 0 and "Streamlit" in out.stdout, out.stderr[-500:]
