"""The explorer open in a browser while `contractkg ingest` and `contractkg stats` run on its store:
nothing fails on a lock, and the new contracts show on the next page load, with no restart."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from e2e_helpers import wait_idle

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
HOME = ROOT / "contractkg" / "app" / "Home.py"

DPA = """DATA PROCESSING AGREEMENT

Between the customer (the "Controller") and {name}, {address} (the "Processor").

1. Instructions
1.1 The Processor shall process personal data only on documented instructions of the Controller.
2. Security
2.1 The Processor shall notify the Controller of a personal data breach within {hours} hours.
"""


def contract(folder: Path, stem: str, name: str, address: str, hours: int) -> Path:
    path = folder / f"{stem}.txt"
    path.write_text(DPA.format(name=name, address=address, hours=hours), encoding="utf-8")
    return path


def cli(*args: str) -> subprocess.Popen[str]:
    cmd = [sys.executable, "-c", "import sys; from contractkg.cli import main; sys.argv[0] = 'contractkg'; main()", *args]
    return subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.fixture
def app_on_store(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    from contractkg.store.serve import free_port

    store = tmp_path / "store"
    first = contract(tmp_path, "first", "Quillmoor Data Services Ltd", "4 Canal Row, Bristol BS1 2AA, United Kingdom", 72)
    done = cli("ingest", str(first), "--store", str(store), "--workers", "1", "--time-budget", "0")
    assert done.wait(timeout=300) == 0, done.communicate()
    port = free_port()
    env = dict(os.environ, CONTRACTKG_STORE=str(store), CONTRACTKG_UPLOADS=str(tmp_path / "uploads"))
    env.pop("CONTRACTKG_ENDPOINT", None)
    cmd = [sys.executable, "-m", "streamlit", "run", str(HOME), "--server.port", str(port), "--server.address",
           "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
           "--server.fileWatcherType", "none", "--global.developmentMode", "false"]
    log = (tmp_path / "streamlit.log").open("wb")
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            assert proc.poll() is None and time.monotonic() < deadline, "streamlit did not start"
            try:
                with urllib.request.urlopen(url + "/_stcore/health", timeout=2):
                    break
            except OSError:
                time.sleep(0.5)
        yield url, store
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def documents(page) -> int:  # type: ignore[no-untyped-def]
    metric = page.locator('[data-testid="stMetric"]').filter(has_text="Documents").first
    return int(metric.locator('[data-testid="stMetricValue"]').inner_text().strip())


def no_exception(page) -> None:  # type: ignore[no-untyped-def]
    assert page.locator('[data-testid="stException"], [data-testid="stAlertContentError"]').count() == 0, \
        page.locator('[data-testid="stException"], [data-testid="stAlertContentError"]').first.inner_text()


def test_cli_ingest_and_stats_run_while_the_explorer_is_open(browser, app_on_store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    url, store = app_on_store
    ctx = browser.new_context(viewport={"width": 1400, "height": 1200}, base_url=url)
    page = ctx.new_page()
    page.set_default_timeout(60_000)
    try:
        page.goto("/")
        wait_idle(page, timeout=60_000)
        no_exception(page)
        assert documents(page) == 1  # the app has the store open now
        more = [contract(tmp_path, "second", "Fernhollow Cloud GmbH", "Beispielweg 3, 10115 Berlin, Germany", 48),
                contract(tmp_path, "third", "Larchwood Hosting S.r.l.", "Via Roma 1, 20121 Milano, Italia", 24)]
        ingest = cli("ingest", *map(str, more), "--store", str(store), "--workers", "1", "--time-budget", "0")
        page.reload()  # the explorer keeps working while the ingest writes
        wait_idle(page, timeout=60_000)
        no_exception(page)
        stats = cli("stats", "--store", str(store))
        out, err = stats.communicate(timeout=120)
        assert stats.returncode == 0, err
        assert "documents" in out and "LOCK" not in err
        out, err = ingest.communicate(timeout=300)
        assert ingest.returncode == 0, err
        assert "2 ingested, 0 failed, 0 skipped" in out
        page.reload()  # no restart: the next page load shows the new contracts
        wait_idle(page, timeout=60_000)
        no_exception(page)
        assert documents(page) == 3
    finally:
        ctx.close()
