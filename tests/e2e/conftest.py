"""Browser fixtures: Debian's chromium driven by Playwright, against `streamlit run` on a free port."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from e2e_helpers import SCREENSHOT_RUN, long_dpa

ROOT = Path(__file__).resolve().parents[2]
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
# A short contract of our own, used when examples/ is empty.
FALLBACK_DPA = """DATA PROCESSING AGREEMENT

This agreement is made between the customer (the "Controller") and Quillmoor Data Services Ltd,
4 Canal Row, Bristol BS1 2AA, United Kingdom (the "Processor").

1. Subject matter
1.1 The Processor processes personal data of the Controller's staff to run a payroll service.
2. Instructions
2.1 The Processor shall process personal data only on the documented instructions of the Controller.
3. Security
3.1 The Processor shall notify the Controller of a personal data breach within 72 hours.
"""


def need_chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        msg = "chromium is not installed (make browser installs it)"
        if IN_CI:
            pytest.fail(msg)
        pytest.skip(msg)
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_healthy(url: str, proc: subprocess.Popen[bytes], timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited early with code {proc.returncode}")
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"streamlit was not healthy after {timeout:.0f} s")


def corpus(tmp: Path) -> list[Path]:
    """The repo's examples, or a file written here when there are none."""
    examples = ROOT / "examples"
    files = [p for p in sorted(examples.glob("*")) if p.is_file() and not p.stem.upper().startswith("README")
             and p.suffix in (".txt", ".md", ".html", ".pdf", ".docx")]
    if files:
        return files
    own = tmp / "fallback_dpa.txt"
    own.write_text(FALLBACK_DPA, encoding="utf-8")
    return [own]


@dataclass
class AppServer:
    url: str
    pid: int
    store: Path


@pytest.fixture(scope="session")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    """One explorer for the whole session, started as `contractkg app` starts it (launch.py)."""
    from contractkg.app.launch import streamlit_command

    tmp = tmp_path_factory.mktemp("e2e")
    store = tmp / "store"
    # Fill the store in a child process so that its RocksDB lock is released before the app opens it.
    files = [str(p) for p in corpus(tmp)]
    if not SCREENSHOT_RUN:  # the documentation's pictures show the example corpus alone
        files.append(str(long_dpa(tmp)))  # a fact deep in a long clause, for the scroll test
    subprocess.run([sys.executable, "-c", "import sys; from contractkg.cli import main; sys.argv[0]='contractkg'; main()",
                    "ingest", *files, "--store", str(store)], check=True, cwd=ROOT, timeout=300)
    port = free_port()
    env = dict(os.environ, CONTRACTKG_STORE=str(store), CONTRACTKG_UPLOADS=str(tmp / "uploads"))
    env.pop("CONTRACTKG_ENDPOINT", None)
    log = (tmp / "streamlit.log").open("wb")
    proc = subprocess.Popen(streamlit_command(port), env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, proc)
        yield AppServer(url, proc.pid, store)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="session")
def app_url(app_server: AppServer) -> str:
    return app_server.url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    executable = need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser, app_url):  # type: ignore[no-untyped-def]
    ctx = browser.new_context(viewport={"width": 1400, "height": 1500}, base_url=app_url)
    pg = ctx.new_page()
    pg.set_default_timeout(60_000)
    try:
        yield pg
    finally:
        ctx.close()
