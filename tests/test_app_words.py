"""The explorer speaks the analyst's language (issue 14), under streamlit's AppTest on a store of
contracts written here: names not identifiers, no None/NaN cells, clean titles, findings with links,
a search with no match, facts of an uploaded file with their clause, workbench errors and sorting,
the Ingest page's messages, and the explorer on a remote SPARQL endpoint."""

from __future__ import annotations

import gc
import math
import re
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from contractkg.app import labels, query_errors
from contractkg.app.ingest_view import user_message
from contractkg.namespaces import PREFIXES, sparql_prefixes

APP = Path(__file__).resolve().parent.parent / "contractkg" / "app"
PAGES = ["Home.py", "pages/1_Contract.py", "pages/2_Graph_explorer.py", "pages/3_SPARQL_workbench.py",
         "pages/4_Ingest.py"]

# A Markdown title, a US sub-processor with no safeguard, a breach deadline "without undue delay".
TERMS_MD = """# Terms of Service

These terms are agreed between Pellucid Analytics Ltd, 3 Harbour Street, Dublin 2, Ireland (the
"Provider") and the customer (the "Customer").

## 1. Services
1.1 The Provider supplies hosted survey software to the Customer.

## 2. Governing law
2.1 These terms are governed by the laws of Ireland.
"""

DPA = """DATA PROCESSING AGREEMENT

This agreement is made between the customer (the "Controller") and Brackenfold Hosting B.V.,
Keizersgracht 10, 1015 Amsterdam, Netherlands (the "Processor").

1. Subject matter
1.1 The Processor hosts the Controller's customer records and the e-mail addresses of its staff.
2. Instructions
2.1 The Processor shall process personal data only on documented instructions of the Controller.
3. Personal data breaches
3.1 The Processor shall notify the Controller of a personal data breach without undue delay.
4. Sub-processors
4.1 The Processor engages Quernstone Mail Inc. (United States) for e-mail delivery.
"""

LONG_CLAUSE_DPA = DPA.replace("2. Instructions", "2. Instructions\n" + "\n".join(
    f"2.{i} The Processor keeps a written record of processing step {i} for the Controller." for i in range(2, 40)))


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from contractkg.pipeline import ingest
    from contractkg.store.embedded import EmbeddedStore

    tmp = tmp_path_factory.mktemp("words")
    files = [write(tmp, "terms.md", TERMS_MD), write(tmp, "dpa.txt", DPA)]
    store = EmbeddedStore(tmp / "store")
    results = ingest(store, files, workers=1)
    assert all(r.error is None for r in results), [r.error for r in results]
    store.close()
    del store
    gc.collect()
    return tmp / "store"


@pytest.fixture
def app_env(store_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CONTRACTKG_STORE", str(store_dir))
    monkeypatch.setenv("CONTRACTKG_UPLOADS", str(tmp_path / "uploads"))
    monkeypatch.delenv("CONTRACTKG_ENDPOINT", raising=False)
    return store_dir


def run(page: str, state: dict[str, object] | None = None, **params: str) -> AppTest:
    at = AppTest.from_file(str(APP / page), default_timeout=90)
    for k, v in params.items():
        at.query_params[k] = v
    for k, v in (state or {}).items():  # e.g. which tab is open (tabs that run only while open)
        at.session_state[k] = v
    at.run()
    assert not at.exception, at.exception
    return at


def page_runs(page: str) -> list[AppTest]:
    """The page, once per tab whose content runs only while that tab is open."""
    from contractkg.app.overview_view import RISK_TABS

    tabs = {"Home.py": ("risk_tab", RISK_TABS)}
    if page not in tabs:
        return [run(page)]
    key, names = tabs[page]
    return [run(page, {key: name}) for name in names]


def frames(at: AppTest) -> list[pd.DataFrame]:
    return [d.value for d in at.dataframe]


def bad_cells(df: pd.DataFrame) -> list[tuple[str, object]]:
    """Cells that show None, NaN, a Markdown title or a bare IRI outside a link column."""
    bad = []
    for col in df.columns:
        for v in df[col]:
            if v is None or (isinstance(v, float) and math.isnan(v)) or str(v) in ("None", "nan", "NaN"):
                bad.append((col, v))
            elif isinstance(v, str) and col != "open" and (v.startswith("#") or v.startswith("https://w3id.org/")):
                bad.append((col, v))
    return bad


# ---------------------------------------------------------------- words


def test_labels_in_words() -> None:
    assert labels.words("EmailAddress") == "Email address"
    assert labels.words("WithoutUndueDelay") == "Without undue delay"
    assert labels.words("IPAddress") == "IP address"
    assert labels.concept("https://w3id.org/dpv/pd#EmailAddress") == "Email address"
    assert labels.concept("https://w3id.org/dpv/pd#EmailAddress", "E-mail address") == "E-mail address"
    assert labels.kind("DataProcessingAgreement") == labels.kind("https://w3id.org/contractkg#DataProcessingAgreement") \
        == "DPA"
    for same in ("hasDataController", "DataController", "controller", "https://w3id.org/dpv#hasDataController"):
        assert labels.relation(same) == "controller"
    assert labels.relation("SubProcessor") == labels.relation("sub-processor") == "sub-processor"
    assert labels.title("# Terms of Service") == "Terms of Service"
    assert labels.title("**Data Processing** _Agreement_") == "Data Processing Agreement"
    assert labels.cell(float("nan")) == labels.cell(None) == ""


def test_every_page_shows_names_not_identifiers(app_env: Path) -> None:
    seen_kinds = set()
    for page in PAGES:
        for at in page_runs(page):
            for df in frames(at):
                assert not bad_cells(df), (page, bad_cells(df)[:5])
            for box in at.selectbox:
                for option in box.options:
                    assert "None" != option and not str(option).startswith("#"), (page, option)
        if page == "pages/1_Contract.py":
            seen_kinds = {o.split(" · ")[1] for o in at.selectbox(key="ct_pick").options}
            assert any(h.value == "Terms of Service" or "Terms of Service" in h.value for h in at.subheader) or \
                "Terms of Service · terms of service · en" in at.selectbox(key="ct_pick").options
    assert "DPA" in seen_kinds and "DataProcessingAgreement" not in seen_kinds


def test_missing_elements_name_and_link_each_contract(app_env: Path) -> None:
    from contractkg.app.overview_data import ranking
    from contractkg.app.overview_view import heatmap, missing_elements

    at = run("Home.py")  # the missing elements are the risk tab open first
    table = next(df for df in frames(at) if "contracts lacking it" in df.columns)
    assert {"element", "contract", "open"} <= set(table.columns)
    assert all(u.startswith("/Contract?contract=https%3A%2F%2F") for u in table["open"])
    # one row per (element, contract) gap of the heatmap, nothing more
    from contractkg.app import data

    hm = heatmap(data.rows)
    assert len(table) == sum(len(g) for g in hm.gaps().values()) == len(missing_elements(ranking(data.rows))) \
        == missing_elements(ranking(data.rows), 1).attrs["rows"]
    assert len(missing_elements(ranking(data.rows), 1)) == min(1, len(table))  # only the rows shown are labelled
    assert set(table["contract"]) <= set(hm.labels.values())


def test_shared_subprocessors_explain_vendors_and_contracts(app_env: Path) -> None:
    at = run("Home.py", {"risk_tab": "Most shared sub-processors"})
    assert not [df for df in frames(at) if "contracts lacking it" in df.columns]  # a closed tab runs nothing
    shared = next(df for df in frames(at) if "vendors" in df.columns)
    assert list(shared.columns) == ["name", "vendors", "contracts", "countries"]
    text = " ".join(c.value for c in at.caption)
    assert "**Vendors**" in text and "**Contracts**" in text


def test_search_with_no_match_says_so(app_env: Path) -> None:
    at = run("pages/1_Contract.py")
    first = at.selectbox(key="ct_pick").value
    assert first
    at.text_input(key="ct_search").input("zz-no-such-contract").run()
    assert not at.exception
    assert any("No contract matches" in i.value for i in at.info)
    assert not [s for s in at.selectbox if s.key == "ct_pick"]  # not the previous contract
    assert not [h for h in at.html if "ckg-text" in h.value]


def test_uploaded_file_facts_carry_their_clause_and_scroll(store_dir: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONTRACTKG_STORE", str(tmp_path / "store"))
    monkeypatch.setenv("CONTRACTKG_UPLOADS", str(tmp_path / "uploads"))
    monkeypatch.delenv("CONTRACTKG_ENDPOINT", raising=False)
    from contractkg.app import data

    results = data.ingest_uploads([("long_dpa.txt", LONG_CLAUSE_DPA.encode())])
    assert results[0].error is None, results[0].error
    at = run("pages/1_Contract.py")
    facts = at.dataframe[0].value
    assert list(facts.columns) == ["kind", "what", "clause"] and len(facts) > 3
    assert all(facts["clause"].astype(str).str.strip() != ""), facts
    numbered = facts[~facts["clause"].isin(["preamble", "outside the numbered clauses"])]
    assert len(numbered) >= len(facts) - 3  # only the parties' preamble is outside a clause
    assert {"2.39", "3.1", "4.1"} <= set(numbered["clause"])
    from contractkg.app.contract_view import scroll_to

    assert "getElementById('fact-42')" in scroll_to(42) and "scrollIntoView" in scroll_to(42)


# ---------------------------------------------------------------- workbench


def test_error_positions_count_from_the_users_text(tmp_path: Path) -> None:
    from contractkg.app import workbench as wb
    from contractkg.store import open_store

    store = open_store(tmp_path / "store", None)
    out = wb.run(store, "SELECT ?x WHERE {\n ?x ?p \n}}", timeout=30)  # the object is missing
    assert out.error and "line 3, column 2" in out.error, out.error
    unknown = wb.run(store, "SELECT ?x WHERE {\n  ?x a foo:Bar }", timeout=30)
    assert unknown.error and unknown.error.startswith("Unknown prefix 'foo:' at line 2, column 8"), unknown.error
    assert "\n" not in unknown.error and "\\u{" not in unknown.error and len(unknown.error) < 300
    message = ("SPARQL syntax error: error at 20:3: expected one of " + ", ".join(f"'\\u{{{i:04X}}}'" for i in range(90)))
    short = query_errors.friendly(message, "a\nb\nc\n", sparql_prefixes())
    assert len(short) < 260 and "line 3, column 3" in short
    assert sparql_prefixes().count("\n") == len(PREFIXES)


def test_workbench_numbers_sort_as_numbers_and_iris_link(app_env: Path) -> None:
    at = run("pages/3_SPARQL_workbench.py")
    at.toggle(key="wb_plain").set_value(True).run()
    editor = next(t for t in at.text_area if t.key and t.key.startswith("wb_text"))
    editor.set_value('SELECT ?c ?n WHERE { VALUES (?c ?n) { (<urn:a> 10) (<urn:b> 9) (<urn:c> 100) } }').run()
    at.button(key="wb_run").click().run()
    assert not at.error, [e.value for e in at.error]
    df = at.dataframe[0].value
    assert pd.api.types.is_numeric_dtype(df["n"])
    assert sorted(df["n"]) == [9, 10, 100]


# ---------------------------------------------------------------- ingest


def test_ingest_messages_show_no_paths_or_exception_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONTRACTKG_STORE", str(tmp_path / "store"))
    monkeypatch.setenv("CONTRACTKG_UPLOADS", str(tmp_path / "uploads"))
    from contractkg.app import data

    results = data.ingest_uploads([("broken.docx", b"not a zip"), ("broken.pdf", b"%PDF-1.4 garbage")])
    assert all(r.error for r in results)
    for r in results:
        shown = user_message(r.error or "", r.path)
        assert str(tmp_path) not in shown and "/" not in shown.split(":")[0], shown
        assert not re.search(r"\b\w*(Error|Exception|BadZipFile)\b", shown), shown
        assert shown.startswith(("broken.docx", "broken.pdf")) and "again" in shown


def test_upload_limit_is_the_loaders_limit() -> None:
    from contractkg.app.launch import max_upload_mb, streamlit_command
    from contractkg.ingest.load.loaders import MAX_BYTES

    cmd = streamlit_command(8599)
    assert cmd[cmd.index("--server.maxUploadSize") + 1] == str(MAX_BYTES // 2**20) == str(max_upload_mb())


# ---------------------------------------------------------------- remote endpoint


def test_explorer_reads_a_remote_endpoint(store_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import subprocess
    import sys
    import time
    import urllib.request

    from contractkg.store.serve import free_port

    port = free_port()
    server = subprocess.Popen([sys.executable, "-c", "import sys; from contractkg.cli import main; "
                               "sys.argv[0] = 'contractkg'; main()", "serve", "--store", str(store_dir),
                               "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}/query"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, server.stderr.read() if server.stderr else ""
            try:
                urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=2).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "the endpoint did not start"
                time.sleep(0.3)
        monkeypatch.setenv("CONTRACTKG_ENDPOINT", url)
        monkeypatch.setenv("CONTRACTKG_STORE", str(tmp_path / "no-store-here"))
        at = run("Home.py")
        assert {m.label: m.value for m in at.metric}["Documents"] == "2"
        assert url in " ".join(c.value for c in at.sidebar.caption)
        at = run("pages/1_Contract.py")
        assert len(at.selectbox(key="ct_pick").options) >= 2
        assert not (tmp_path / "no-store-here").exists()  # nothing was opened or created locally
    finally:
        server.terminate()
        server.wait(timeout=15)
