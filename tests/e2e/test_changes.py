"""The Changes page in headless chromium, on a store holding the example version pairs: the open
objection deadline, each vendor's timeline, a change with its word diff, a reorder that is no change."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator

import pytest
from conftest import ROOT, free_port, wait_healthy  # tests/e2e/conftest.py
from e2e_helpers import shot, wait_idle

pytestmark = pytest.mark.browser
VERSIONS = ROOT / "examples" / "versions"


@pytest.fixture(scope="module")
def changes_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Its own explorer on a store of the version pairs (the session's app reads examples/ only)."""
    from contractkg.app.launch import streamlit_command

    tmp = tmp_path_factory.mktemp("e2e-changes")
    store = tmp / "store"
    subprocess.run([sys.executable, "-c", "import sys; from contractkg.cli import main; sys.argv[0]='contractkg'; main()",
                    "ingest", str(VERSIONS), "--store", str(store)], check=True, cwd=ROOT, timeout=300)
    port = free_port()
    env = dict(os.environ, CONTRACTKG_STORE=str(store))
    env.pop("CONTRACTKG_ENDPOINT", None)
    log = (tmp / "streamlit.log").open("wb")
    proc = subprocess.Popen(streamlit_command(port), env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, proc)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def test_changes_page_shows_versions_changes_and_open_deadlines(browser, changes_url: str) -> None:  # type: ignore[no-untyped-def]
    ctx = browser.new_context(viewport={"width": 1400, "height": 1600})
    page = ctx.new_page()
    page.set_default_timeout(60_000)
    try:
        page.goto(changes_url + "/Changes")
        wait_idle(page)
        assert page.locator('[data-testid="stException"]').count() == 0
        page.get_by_text("Open objection deadlines").wait_for()
        grid = page.locator('[data-testid="stDataFrame"]').first
        grid.wait_for()
        # the one new sub-processor of the examples, dated by the ingest day since its version states none
        body = page.locator('[data-testid="stMain"], .main').first
        assert "Quillstone Metrics Inc." in body.inner_text()
        assert "ingest date: no date in the text" in body.inner_text()
        assert "open, 10 day(s) left" in body.inner_text()
        text = body.inner_text()
        for vendor in ("Ormelune SAS", "Wendelholz Cloud GmbH", "Almendral Datos S.L.", "Vetrafina S.r.l."):
            assert vendor in text
        assert "no change from the previous version" in text  # the Italian pair only reorders clauses
        assert page.locator("del", has_text="72").count() == 1 and page.locator("ins", has_text="48").count() >= 1
        page.locator('[data-testid="stSelectbox"]').first.click()
        page.get_by_role("option", name="Almendral Datos S.L.").click()
        wait_idle(page)
        text = body.inner_text()
        assert "courts changed" in text and "Juzgados y Tribunales de Madrid" in text and "Ormelune SAS" not in text
        assert page.locator('[data-testid="stException"]').count() == 0
        shot(page, "changes")
    finally:
        ctx.close()
