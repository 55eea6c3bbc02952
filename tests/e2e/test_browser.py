"""End to end in headless chromium, one explorer for the session: every page opens, a heatmap cell is
clicked, the network is readable, the world map draws with the network blocked, a workbench timeout
stops its query, files are uploaded (bad ones get plain messages), a fact scrolls the text to it."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from e2e_helpers import SCREENSHOT_RUN, block_network, cmdline, cpu_seconds, descendants, shot, wait_idle

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


def boxes_overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return not (a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
                or a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"])


def test_network_is_readable_and_expands(page) -> None:  # type: ignore[no-untyped-def]
    goto(page, "/Graph_explorer")
    no_exception(page)
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    chart.wait_for()
    assert chart.locator(".legend").count() == 1  # node types have a legend
    assert chart.locator(".legend .traces").count() >= 3
    frame = chart.bounding_box()
    assert frame is not None
    names = [t for t in chart.locator(".textpoint text").all() if (t.text_content() or "").strip()]
    assert 0 < len(names) <= 15  # hubs are named; every other name shows on hover
    boxes = [t.bounding_box() for t in names]
    for i, box in enumerate(boxes):
        assert box is not None
        assert frame["x"] <= box["x"] and box["x"] + box["width"] <= frame["x"] + frame["width"]  # not cut
        assert frame["y"] <= box["y"] and box["y"] + box["height"] <= frame["y"] + frame["height"]
        assert not any(boxes_overlap(box, other) for other in boxes[i + 1:] if other)
    nodes = [p for p in chart.locator(".scatterlayer path.point").all()
             if "opacity: 0;" not in (p.get_attribute("style") or "")]  # not the edges' hover points
    sizes = {round((p.bounding_box() or {"width": 0})["width"]) for p in nodes}
    assert len(sizes) >= 3  # nodes sized by their number of links
    node = chart.locator("path.point").first  # click a node, then expand its neighbourhood
    box = node.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    wait_idle(page)
    page.get_by_role("button", name="Expand neighbourhood").click()
    wait_idle(page)
    no_exception(page)
    shot(page, "graph_explorer")


def test_world_map_draws_countries_with_the_network_blocked(browser, app_url) -> None:  # type: ignore[no-untyped-def]
    ctx = browser.new_context(viewport={"width": 1400, "height": 1300}, base_url=app_url)
    page = ctx.new_page()
    page.set_default_timeout(30_000)
    try:
        tried = block_network(page)
        goto(page, "/Graph_explorer")
        page.get_by_role("tab", name="World map of data flows").click()
        wait_idle(page)
        no_exception(page)
        geo = page.locator('[data-testid="stPlotlyChart"] .geo').first
        geo.wait_for()
        shapes = geo.locator(".scatterlayer path")
        page.wait_for_function("() => document.querySelectorAll('.geo .scatterlayer path').length > 150")
        assert shapes.count() > 150  # ~177 countries, then the arcs
        filled = [p for p in shapes.all()[:40] if "fill: none" not in (p.get_attribute("style") or "")]
        assert filled, "the country shapes are not filled"
        assert not [u for u in tried if "plot.ly" in u or "topojson" in u], tried
        shot(page, "flow_map")
    finally:
        ctx.close()


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
    results = page.locator('[data-testid="stDataFrame"]')
    if results.count():
        results.first.scroll_into_view_if_needed()  # the grid draws once it has been on screen
    shot(page, "sparql_workbench")


HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def query_children(pid: int) -> list[int]:
    return [c for c in descendants(pid) if "contractkg.app.query_process" in cmdline(c)]


def test_workbench_timeout_stops_the_query(page, app_server) -> None:  # type: ignore[no-untyped-def]
    goto(page, "/SPARQL_workbench")
    timeout = page.get_by_label("Timeout (s)")
    timeout.fill("2")
    timeout.press("Enter")
    wait_idle(page)
    page.get_by_text("Plain text editor").click()
    wait_idle(page)
    editor = page.locator('[class*="st-key-wb_text"] textarea')
    editor.fill(HEAVY)
    editor.press("Control+Enter")
    wait_idle(page)
    page.get_by_role("button", name="Run query").click()
    page.wait_for_function("() => document.body.innerText.includes('timed out after 2 s')", timeout=30_000)
    stopped = time.monotonic()
    while query_children(app_server.pid) and time.monotonic() - stopped < 2:
        time.sleep(0.1)
    assert not query_children(app_server.pid), "the query process outlived its timeout"
    tree = [app_server.pid, *descendants(app_server.pid)]
    before = cpu_seconds(tree)
    time.sleep(1.0)
    used = cpu_seconds(tree) - before
    assert used < 0.5, f"the explorer used {used:.2f} s of CPU in the second after a timeout"
    no_exception(page)


def test_ingest_upload_good_and_bad_files(page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    good = tmp_path / "uploaded_dpa.txt"
    good.write_text(GOOD, encoding="utf-8")
    bad = tmp_path / "empty.txt"
    bad.write_text("   \n", encoding="utf-8")
    (tmp_path / "broken.docx").write_bytes(b"not a zip archive")
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    import docx

    word = docx.Document()
    for line in GOOD.splitlines():
        word.add_paragraph(line)
    word.save(str(tmp_path / "uploaded_dpa.docx"))
    goto(page, "/Ingest")
    dropzone = page.locator('[data-testid="stFileUploaderDropzone"]').first.inner_text()
    assert "20MB per file" in dropzone and "200MB" not in dropzone  # the loaders' real limit
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        [str(good), str(bad), str(tmp_path / "uploaded_dpa.docx"), str(tmp_path / "broken.docx"),
         str(tmp_path / "broken.pdf")])
    page.get_by_text("uploaded_dpa.txt").first.wait_for()
    page.get_by_role("button", name="Ingest", exact=True).click()
    wait_idle(page)
    page.get_by_text("Ingested 2 of 5 file(s)").first.wait_for()
    errors = page.locator('[data-testid="stAlertContentError"]').all_inner_texts()
    assert len(errors) == 3, errors
    for message in errors:
        assert "/" not in message.split(":", 2)[1], message  # a file name, never a server path
        for hidden in ("BadZipFile", "PdfminerException", "Error", "Exception", str(tmp_path)):
            assert hidden not in message, message
    assert any("broken.docx" in m and "again" in m for m in errors)
    page.get_by_text("New contracts").first.wait_for()
    page.get_by_role("button", name="Open: ").first.wait_for()
    assert "Files are kept in" not in page.locator("body").inner_text()
    no_exception(page)
    shot(page, "ingest")


def test_selecting_a_fact_scrolls_the_text_to_it(page) -> None:  # type: ignore[no-untyped-def]
    if SCREENSHOT_RUN:
        pytest.skip("the screenshot run ingests the example corpus alone")
    goto(page, "/Contract")
    search = page.get_by_label("Search contracts")
    search.fill("Ledgerbrook")
    search.press("Enter")
    wait_idle(page)
    grid = page.locator('[data-testid="stDataFrame"]').first
    rows = grid.locator("table tr").all_inner_texts()
    row = next(i for i, r in enumerate(rows) if "48 hours" in r)  # row 0 is the header
    box = grid.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + 18, box["y"] + 35 * row + 17)
    wait_idle(page)
    active = page.locator(".ckg-text mark.ckg-active").first
    active.wait_for()
    page.wait_for_timeout(500)
    seen = page.evaluate("""() => { const m = document.querySelector('.ckg-text mark.ckg-active');
        const c = m.closest('.ckg-text'); const a = m.getBoundingClientRect(), b = c.getBoundingClientRect();
        return {inside: a.top >= b.top && a.bottom <= b.bottom, scrolled: c.scrollTop,
                needed: c.scrollHeight > c.clientHeight}; }""")
    assert seen["needed"], "the clause fits its box: this test would not see a scroll"
    assert seen["scrolled"] > 0 and seen["inside"], seen
    no_exception(page)


def test_a_search_with_no_match_says_so(page) -> None:  # type: ignore[no-untyped-def]
    goto(page, "/Contract")
    search = page.get_by_label("Search contracts")
    search.fill("zz-no-such-contract")
    search.press("Enter")
    wait_idle(page)
    page.get_by_text("No contract matches").first.wait_for()
    assert page.locator(".ckg-text").count() == 0  # not the previous contract
