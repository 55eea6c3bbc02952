"""The explorer shows contract text as the source has it, and a workbench timeout really stops the query."""

from __future__ import annotations

import gc
import os
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from contractkg.app import workbench as wb

APP = Path(__file__).resolve().parent.parent / "contractkg" / "app"

# A contract whose text carries Markdown: it must be shown literally, never rendered.
DPA_MD = """DATA PROCESSING AGREEMENT

This agreement is made between the customer (the "Controller") and Veltrisk Hosting Ltd,
3 Ferry Road, Hull HU1 2AB, United Kingdom (the "Processor").

1. Subject matter
1.1 **The Processor** hosts the Controller's _customer_ records, see [terms](http://evil.example/x).

2. Instructions
2.1 The Processor shall process personal data only on documented instructions ![p](http://host/t.png).

# Not a heading
> not a quote $x^2$ :red[not red]
"""
LITERALS = ["**The Processor**", "_customer_", "[terms](http://evil.example/x)", "![p](http://host/t.png)",
            "# Not a heading", "&gt; not a quote $x^2$ :red[not red]"]


@pytest.fixture(scope="module")
def md_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from contractkg.pipeline import ingest
    from contractkg.store.embedded import EmbeddedStore

    tmp = tmp_path_factory.mktemp("safety")
    f = tmp / "dpa_markdown.txt"
    f.write_text(DPA_MD, encoding="utf-8")
    store = EmbeddedStore(tmp / "store")
    results = ingest(store, [f], workers=1)
    assert results[0].error is None, results[0].error
    store.close()
    del store
    gc.collect()
    return tmp / "store"


@pytest.fixture
def app_env(md_store: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CONTRACTKG_STORE", str(md_store))
    monkeypatch.delenv("CONTRACTKG_ENDPOINT", raising=False)
    return md_store


def test_contract_text_is_shown_literally_not_as_markdown(app_env: Path) -> None:
    at = AppTest.from_file(str(APP / "pages/1_Contract.py"), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    pane = "".join(h.value for h in at.html if "ckg-text" in h.value)
    for literal in LITERALS:
        assert literal in pane, literal
    assert "<a " not in pane and "<img" not in pane and "<strong" not in pane
    # nothing from the contract went through a Markdown element
    markdown = [m.value for m in (*at.markdown, *at.caption)]
    assert not any("evil.example" in m or "host/t.png" in m for m in markdown)


def test_markdown_escaping_helper_neutralises_every_construct() -> None:
    from contractkg.app.contract_view import plain

    out = plain("**b** [x](http://evil.example) ![p](http://h/t.png) $x$ :red[r] `c` <b>")
    for raw in ("**", "[x]", "](", "![", "$x$", ":red[", "`c`", "<b>"):
        assert raw not in out
    assert out.replace("\\", "") == "**b** [x](http://evil.example) ![p](http://h/t.png) $x$ :red[r] `c` <b>"


# ---------------------------------------------------------------- workbench timeout and caps

CARTESIAN_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def big_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from contractkg.store.embedded import EmbeddedStore

    path = tmp_path_factory.mktemp("cartesian") / "store"
    store = EmbeddedStore(path)
    store.update("INSERT DATA { GRAPH <urn:g> { " + " ".join(f"<urn:s{i}> <urn:p> {i} ." for i in range(400)) + " } }")
    store.close()
    del store
    gc.collect()
    return path


def query_children() -> list[int]:
    """Our child processes that run a workbench query."""
    found = []
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        for pid in (task / "children").read_text().split():
            try:
                cmd = Path(f"/proc/{pid}/cmdline").read_bytes()
            except OSError:
                continue
            if b"contractkg.app.query_process" in cmd:
                found.append(int(pid))
    return found


def test_a_timed_out_cartesian_product_is_killed(big_store: Path) -> None:
    from contractkg.store.embedded import EmbeddedStore

    store = EmbeddedStore(big_store)  # the app's read-write handle stays open meanwhile
    t0 = time.monotonic()
    out = wb.run(store, CARTESIAN_COUNT, timeout=2)
    waited = time.monotonic() - t0
    assert out.error and "timed out after 2 s" in out.error and out.records == []
    assert waited < 10
    deadline = time.monotonic() + 2
    while query_children() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert query_children() == []  # no process is left computing: the CPU is idle again
    assert wb.run(store, "ASK { ?s ?p ?o }").records == [{"boolean": "true"}]  # the store still answers
    store.close()


def test_rows_and_construct_triples_are_capped(big_store: Path) -> None:
    from contractkg.store.embedded import EmbeddedStore

    store = EmbeddedStore(big_store, read_only=True)
    out = wb.run(store, "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }", limit=50, timeout=60)
    assert out.error is None and out.truncated and len(out.records) == 50
    out = wb.run(store, "CONSTRUCT { ?a <urn:q> ?d } WHERE { ?a ?b ?c . ?d ?e ?f }", limit=30, timeout=60)
    assert out.error is None and out.truncated and len(out.records) == 30
    assert out.columns == ["subject", "predicate", "object"]
    bad = wb.run(store, "SELECT WHERE {", timeout=60)
    assert bad.error and "syntax" in bad.error.lower()
    store.close()


def test_a_memory_store_query_is_killed_too(mem_store) -> None:  # type: ignore[no-untyped-def]
    mem_store.update("INSERT DATA { " + " ".join(f"<urn:s{i}> <urn:p> {i} ." for i in range(300)) + " }")
    t0 = time.monotonic()
    out = wb.run(mem_store, CARTESIAN_COUNT, timeout=1)
    assert out.error and "timed out" in out.error and time.monotonic() - t0 < 8
    import multiprocessing as mp

    assert not [p for p in mp.active_children() if p.is_alive()]


def test_the_workbench_page_reports_the_timeout(big_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONTRACTKG_STORE", str(big_store))
    monkeypatch.delenv("CONTRACTKG_ENDPOINT", raising=False)
    at = AppTest.from_file(str(APP / "pages/3_SPARQL_workbench.py"), default_timeout=60)
    at.run()
    at.sidebar.number_input(key="wb_timeout").set_value(1).run()
    at.toggle(key="wb_plain").set_value(True).run()
    editor = next(t for t in at.text_area if t.key and t.key.startswith("wb_text"))
    editor.set_value(CARTESIAN_COUNT).run()
    at.button(key="wb_run").click().run()
    assert at.error and "timed out after 1 s" in at.error[0].value
    time.sleep(0.5)
    assert query_children() == []
