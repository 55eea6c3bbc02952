"""A private Virtuoso open-source server for the tests (Debian's virtuoso-opensource, `make virtuoso`).

Each server gets its own database folder, two free loopback ports (SQL and HTTP) and a generated
virtuoso.ini. Writes go to /sparql-auth as a user made for the run (Digest login, SPARQL_UPDATE
granted over isql); the anonymous /sparql endpoint stays read-only, as Virtuoso ships it."""

from __future__ import annotations

import secrets
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
from conftest import IN_CI

USER = "contractkg_test"
START_TIMEOUT = 90.0


@dataclass
class Virtuoso:
    proc: subprocess.Popen[bytes]
    folder: Path
    http_port: int
    sql_port: int
    password: str
    version: str = ""

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def endpoint(self) -> str:
        """Queries and updates, with a login."""
        return self.base + "/sparql-auth"

    @property
    def login(self) -> tuple[str, str]:
        return USER, self.password

    @property
    def env(self) -> dict[str, str]:
        return {"CONTRACTKG_ENDPOINT_USER": USER, "CONTRACTKG_ENDPOINT_PASSWORD": self.password}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def binaries() -> tuple[str, str]:
    """virtuoso-t and its isql, or skip (outside CI) / fail (CI=true) with what to install."""
    server, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    if not (server and isql):
        msg = ("Virtuoso is not installed (virtuoso-t and isql-vt not on PATH): `make virtuoso`, "
               "or apt-get install virtuoso-opensource")
        if IN_CI:
            pytest.fail(msg)
        pytest.skip(msg)
    return server, isql


def ini_text(folder: Path, sql_port: int, http_port: int) -> str:
    """A small server: loopback only, modest memory, no plugins, results up to 1M rows (Virtuoso's
    default cap of 10,000 would cut a whole-store SELECT short)."""
    return f"""[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
LockFile = {folder}/virtuoso.lck
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
CheckpointInterval = 0
ThreadsPerQuery = 2
DirsAllowed = {folder}
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerThreads = 4
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
"""


def isql(server: Virtuoso, isql_bin: str, sql: str) -> str:
    res = subprocess.run([isql_bin, f"127.0.0.1:{server.sql_port}", "dba", "dba", f"exec={sql}"],
                         capture_output=True, text=True, timeout=60, check=False)
    if res.returncode != 0 or "*** Error" in res.stdout + res.stderr:
        raise RuntimeError(f"isql failed on {sql!r}: {res.stdout[-400:]} {res.stderr[-400:]}")
    return res.stdout


def wait_ready(server: Virtuoso, timeout: float = START_TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.proc.poll() is not None:
            log = (server.folder / "virtuoso.log").read_text(errors="replace")[-1500:]
            raise RuntimeError(f"virtuoso-t exited with code {server.proc.returncode}:\n{log}")
        try:
            resp = requests.get(server.base + "/sparql", params={"query": "ASK {}"}, timeout=2)
            if resp.status_code == 200:
                server.version = resp.headers.get("Server", "")
                return
        except requests.RequestException:
            pass
        time.sleep(0.25)
    raise RuntimeError(f"Virtuoso did not answer on {server.base} within {timeout:g}s")


def start(folder: Path) -> Virtuoso:
    server_bin, isql_bin = binaries()
    folder.mkdir(parents=True, exist_ok=True)
    http_port, sql_port = free_port(), free_port()
    (folder / "virtuoso.ini").write_text(ini_text(folder, sql_port, http_port), encoding="utf-8")
    log = open(folder / "stdout.log", "wb")  # noqa: SIM115 - owned by the child
    proc = subprocess.Popen([server_bin, "+configfile", str(folder / "virtuoso.ini"), "+foreground"],
                            cwd=folder, stdout=log, stderr=log)
    server = Virtuoso(proc, folder, http_port, sql_port, secrets.token_urlsafe(16))
    try:
        wait_ready(server)
        isql(server, isql_bin, f"DB.DBA.USER_CREATE('{USER}', '{server.password}'); "
                               f"GRANT SPARQL_UPDATE TO \"{USER}\";")
    except BaseException:
        stop(server)
        raise
    return server


def stop(server: Virtuoso) -> None:
    if server.proc.poll() is None:
        server.proc.terminate()  # Virtuoso checkpoints and exits on SIGTERM
        try:
            server.proc.wait(30)
        except subprocess.TimeoutExpired:
            server.proc.kill()
            server.proc.wait(10)
    shutil.rmtree(server.folder, ignore_errors=True)


@pytest.fixture(scope="session", name="virtuoso")
def virtuoso_fixture(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    """One server for the session (starting one costs a few seconds)."""
    server = start(tmp_path_factory.mktemp("virtuoso") / "db")
    try:
        yield server
    finally:
        stop(server)
