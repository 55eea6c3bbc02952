"""End to end in headless chromium: every page opens, a named query runs, a heatmap cell is clicked,
files are uploaded (a bad one is reported and the good one goes in)."""

from __future__ import annotations

from pathlib import Path

import pytest
from e2e_helpers import shot, wait_idle

pytestmark = pytest.mark.browser

GOOD = """DATA PROCESSING AGREEMENT

Between the customer (the "Controller") and Fernhollow Cloud GmbH, Beispielweg 3, 10115 Berlin,
Germany (the "Processor").

1. Instructions
1.1 The Processor shall process personal data only on documented instructions of the Controller.
"""


def goto(page, path: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(path)
    wait_idle(page)


def no_exception(page) -> None:  # type: ignore[no-untyped-def]
    assert page.locator('[data-testid="stException"]').count() == 0, page.locator(
        '[data-testid="stException"]').first.inner_text()


def test_overview_heatmap_cell_shows_its_clause_or_violation(page) -> None:  # type: ignore[no-untyped-def]
    goto(page, "/")
    page.get_by_text("Contracts", exact=True).first.wait_for()
    no_exception(page)
    heat = page.locator('[data-testid="stPlotlyChart"]').first
    heat.wait_for()
    cell = heat.locator("path.point").first  # one cell of the matrix
    cell.wait_for()
    page.wait_for_timeout(500)
    box = cell.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.up()
    page.get_by_text("Selected cell").first.wait_for()
    wait_idle(page)
    assert page.get_by_text("Stipulated in clause").count() + page.get_by_text("Violation:").count() >= 1
    no_exception(page)
    shot(page, "overview")


def test_contract_page_shows_text_and_facts(page) -> None:  # type: ignore[no-untyped-def]
    goto(page, "/Contract")
    no_exception(page)
    page.locator(".ckg-text").first.wait_for()
    assert page.locator(".ckg-text mark").count() > 0  # extracted facts are highlighted
    grid = page.locator('[data-testid="stDataFrame"]').first  # the facts table: select its first row
    box = grid.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + 18, box["y"] + 35 + 17)
    wait_idle(page)
    page.locator(".ckg-text mark.ckg-active").first.wait_for()  # the fact, shown inside its clause
    page.get_by_role("tab", name="Parties and roles").click()
    wait_idle(page)
    page.get_by_role("tab", name="Text and facts").click()
    wait_idle(page)
    no_exception(page)
    shot(page, "contract")


def test_heatmap_cell_leads_to_the_contract(page) -> None:  # type: ignore[no-untyped-def]
    goto(page, "/")
    cell = page.locator('[data-testid="stPlotlyChart"] path.point').first
    cell.wait_for()
    page.wait_for_timeout(500)
    box = cell.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.get_by_role("button", name="Open contract page").click()
    page.wait_for_url("**/Contract**")
    wait_idle(page)
    page.locator(".ckg-text").first.wait_for()
    no_exception(page)


def test_graph_explorer_draws_network_and_map(page) -> None:  # type: ignore[no-untyped-def]
    goto(page, "/Graph_explorer")
    no_exception(page)
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    chart.wait_for()
    assert chart.locator(".legend").count() == 1  # node types have a legend
    node = chart.locator("path.point").first  # click a node, then expand its neighbourhood
    node.wait_for()
    box = node.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    wait_idle(page)
    page.get_by_role("button", name="Expand neighbourhood").click()
    wait_idle(page)
    no_exception(page)
    shot(page, "graph_explorer")
    page.get_by_role("tab", name="World map of data flows").click()
    wait_idle(page)
    no_exception(page)
    if page.get_by_text("No cross-border flow found").count() == 0:
        page.locator('[data-testid="stDeckGlJsonChart"] canvas').first.wait_for()
    shot(page, "flow_map")


def test_workbench_runs_a_named_query(page) -> None:  # type: ignore[no-untyped-def]
    goto(page, "/SPARQL_workbench")
    no_exception(page)
    named = page.locator('[class*="st-key-wb_named_"] button')
    named.first.wait_for()  # the named-query library, in the sidebar
    named.first.click()
    wait_idle(page)
    no_exception(page)
    page.get_by_text(" ms").first.wait_for()  # "<n> rows in <t> ms" or the error message
    assert page.locator('[data-testid="stAlert"]').filter(has_text="error").count() == 0
    shot(page, "sparql_workbench")


def test_ingest_upload_good_and_bad_files(page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    good = tmp_path / "uploaded_dpa.txt"
    good.write_text(GOOD, encoding="utf-8")
    bad = tmp_path / "empty.txt"
    bad.write_text("   \n", encoding="utf-8")
    import docx

    word = docx.Document()
    for line in GOOD.splitlines():
        word.add_paragraph(line)
    word.save(str(tmp_path / "uploaded_dpa.docx"))
    goto(page, "/Ingest")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        [str(good), str(bad), str(tmp_path / "uploaded_dpa.docx")])
    page.get_by_text("uploaded_dpa.txt").first.wait_for()
    page.get_by_role("button", name="Ingest", exact=True).click()
    wait_idle(page)
    page.get_by_text("Ingested 2 of 3 file(s)").first.wait_for()
    page.get_by_text("Not ingested").first.wait_for()
    page.get_by_text("New contracts").first.wait_for()
    no_exception(page)
    shot(page, "ingest")
