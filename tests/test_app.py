"""The explorer's pages under streamlit's AppTest, on a small store filled from contracts written here."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
import yaml
from streamlit.testing.v1 import AppTest

from contractkg.app import heatmap as hmap
from contractkg.app import workbench as wb
from contractkg.app.graph_view import build_graph
from contractkg.app.texts import Span, highlight
from contractkg.namespaces import CKG, LOC, sparql_prefixes

APP = Path(__file__).resolve().parent.parent / "contractkg" / "app"

DPA_EN = """DATA PROCESSING AGREEMENT

This agreement is made between the customer (the "Controller") and Tarnwell Systems Ltd,
9 Mill Lane, Leeds LS2 7AB, United Kingdom (the "Processor").

1. Subject matter and duration
1.1 The Processor hosts the Controller's customer records for the term of the main contract.
2. Instructions
2.1 The Processor shall process personal data only on documented instructions from the Controller.
3. Security
3.1 The Processor shall notify the Controller of a personal data breach within 96 hours.
4. Sub-processors
4.1 The Processor uses Brightcask Inc. (United States) for e-mail delivery.
"""

DPA_FR = """ACCORD DE SOUS-TRAITANCE

Le présent accord est conclu entre le client (le « Responsable du traitement ») et Ormeval SAS,
12 rue des Lilas, 69002 Lyon, France (le « Sous-traitant »).

1. Objet
1.1 Le Sous-traitant héberge les fiches clients du Responsable du traitement.
2. Instructions
2.1 Le Sous-traitant ne traite les données à caractère personnel que sur instruction documentée.
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with two DPAs of our own, closed again so the app can open it."""
    from contractkg.pipeline import ingest
    from contractkg.store.embedded import EmbeddedStore

    tmp = tmp_path_factory.mktemp("app")
    files = [write(tmp, "dpa_en.txt", DPA_EN), write(tmp, "dpa_fr.txt", DPA_FR)]
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


def run(page: str) -> AppTest:
    at = AppTest.from_file(str(APP / page), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


def count(store_dir: Path, sparql: str) -> int:
    """Rows of a query, through the app's own store handle (the store allows one open handle)."""
    from contractkg.app import data

    return len(data._open(str(store_dir.resolve()), None).query(sparql_prefixes() + sparql).rows)


# ---------------------------------------------------------------- pure logic


def test_read_only_guard_sees_through_prologue_and_comments() -> None:
    assert wb.query_form("PREFIX ex: <http://x/#a>\n# INSERT here\nselect * {}") == "SELECT"
    assert wb.query_form("BASE <http://x/> PREFIX a: <y#> ASK {}") == "ASK"
    for update in ("INSERT DATA { <a> <b> <c> }", "PREFIX a: <x#> DELETE WHERE { ?s ?p ?o }",
                   "drop graph <g>", "WITH <g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "LOAD <http://x>"):
        with pytest.raises(wb.ReadOnlyError, match="read-only"):
            wb.check_read_only(update)


def test_row_limit_is_added_once(mem_store) -> None:  # type: ignore[no-untyped-def]
    assert wb.with_limit("SELECT * { ?s ?p ?o }", 10).rstrip().endswith("LIMIT 11")
    assert wb.with_limit("SELECT * { ?s ?p ?o } LIMIT 3", 10).rstrip().endswith("LIMIT 3")
    mem_store.update("INSERT DATA { " + " ".join(f"<urn:s{i}> <urn:p> {i} ." for i in range(25)) + " }")
    out = wb.run(mem_store, "SELECT ?s WHERE { ?s <urn:p> ?o } ORDER BY ?o", limit=10)
    assert out.error is None and out.truncated and len(out.records) == 10
    out = wb.run(mem_store, "SELECT ?s WHERE { ?s <urn:p> ?o } LIMIT 5", limit=10)
    assert not out.truncated and len(out.records) == 5
    refused = wb.run(mem_store, "INSERT DATA { <urn:x> <urn:p> 1 }")
    assert refused.error and "read-only" in refused.error
    assert mem_store.query("ASK { <urn:x> ?p ?o }").boolean is False
    bad = wb.run(mem_store, "SELECT WHERE {")
    assert bad.error


def test_exports_round_trip() -> None:
    import csv
    import io
    import json

    recs = [{"a": "1", "b": 'x,"y"'}, {"a": None, "b": "é"}]
    assert list(csv.DictReader(io.StringIO(wb.to_csv(["a", "b"], recs))))[0]["b"] == 'x,"y"'
    assert json.loads(wb.to_json(["a", "b"], recs))["rows"][1]["b"] == "é"


def test_heatmap_gaps_from_coverage_and_violations() -> None:
    c1, c2 = "urn:c1", "urn:c2"
    hm = hmap.build([{"contract": c1, "label": "one"}, {"contract": c2, "label": "two"}],
                    [{"contract": c1, "element": e, "clause": str(i)} for i, e in enumerate(hmap.ELEMENTS)]
                    + [{"contract": c2, "element": CKG + "Art28Duration", "clause": "2", "clause_iri": f"urn:k{i}"}
                       for i in range(2)],  # one clause number, two clauses: a product of rows
                    [{"contract": c1, "element": CKG + "Art28Audits", "message": "no audit right"}])
    gaps = hm.gaps()
    assert gaps[c1] == {"audits"}
    assert gaps[c2] == set(hmap.ELEMENTS) - {"duration"}
    assert hm.cell(c2, "duration").clauses == ["2"]
    assert hm.cell(c2, "duration").clause_iris == ["urn:k0", "urn:k1"]
    assert hm.matrix().loc[c1, "audits"] == hmap.GAP and hm.matrix().loc[c1, "security"] == hmap.FOUND


def test_heatmap_elements_are_the_extractors() -> None:
    from contractkg.ingest.obligations.art28 import ELEMENTS

    assert list(hmap.ELEMENTS) == list(ELEMENTS)


def test_overview_ranks_dpas_by_gaps_and_pages_through_the_rest() -> None:
    from contractkg.app import overview_data as od
    from contractkg.app import sparql as q

    dpas = [f"urn:c{i}" for i in range(7)]
    lacks = {"urn:c5": ["Art28Audits", "Art28Duration"], "urn:c2": ["Art28Audits"], "urn:c9": []}
    findings = [{"contract": c, "element": CKG + e, "message": "missing"} for c, es in lacks.items() for e in es]
    findings.append({"contract": "urn:c3", "element": CKG + "Art28Security", "severity": "http://www.w3.org/ns/shacl#Warning"})
    asked: list[str] = []

    def select(sparql: str) -> list[dict[str, str | None]]:
        asked.append(sparql)
        if sparql == q.DPA_COUNT:
            return [{"dpas": str(len(dpas))}]
        if sparql == q.VIOLATIONS:
            return findings
        if sparql == q.DPA_LIST:
            return [{"contract": c} for c in sorted(dpas)]
        raise AssertionError(sparql)

    rank = od.ranking(select)
    assert rank.total == 7 and rank.gapped == ["urn:c5", "urn:c2"]  # a warning is not a gap
    assert rank.gaps["urn:c5"] == {"audits", "duration"} and rank.gap_count() == 3
    assert od.page_contracts(select, rank, 1, 2) == ["urn:c5", "urn:c2"]
    assert q.DPA_LIST not in asked  # the first page needs no list of every DPA
    assert od.page_contracts(select, rank, 2, 2) == ["urn:c0", "urn:c1"]
    assert od.page_contracts(select, rank, 3, 3) == ["urn:c6"]
    assert od.page_contracts(select, rank, 1, 4) == ["urn:c5", "urn:c2", "urn:c0", "urn:c1"]


def test_highlight_escapes_and_marks() -> None:
    text = "a <b> & c d"
    out = highlight(text, [Span(2, 5, "tag"), Span(10, 11, 'x"y')])
    assert out.startswith("a <mark") and "&lt;b&gt;" in out and "&amp;" in out
    assert out.count("<mark") == 2 and 'title="x&quot;y"' in out


def test_network_types_and_labels() -> None:
    rows = [{"source": "urn:c", "source_type": "contract", "source_label": "DPA", "target": "urn:p",
             "target_type": "party", "target_label": "Acme", "label": "processor"},
            {"source": "urn:p", "source_type": "party", "target": LOC + "FR", "target_type": "country",
             "label": "seat"},
            {"source": "urn:c", "source_type": "contract", "target": "urn:p", "target_type": "subprocessor",
             "label": "sub-processor", "safeguard": CKG + "SCCSafeguard"}]
    g = build_graph(rows)
    assert g.nodes[LOC + "FR"]["label"] == "FR"
    assert g.nodes["urn:p"]["kind"] == "subprocessor"
    assert "(scc)" in g.edges["urn:c", "urn:p"]["label"]


def test_network_layout_is_the_same_whatever_the_order() -> None:
    from contractkg.app.graph_view import layout

    rows = [{"source": f"urn:c{i}", "source_type": "contract", "target": f"urn:p{i % 3}", "target_type": "party",
             "label": "processor"} for i in range(9)]
    one, two = layout(build_graph(rows)), layout(build_graph(rows[::-1]))
    assert set(one) == {r["source"] for r in rows} | {r["target"] for r in rows}
    assert one == two


# ---------------------------------------------------------------- pages


def test_overview_counts_heatmap_and_cell(app_env: Path) -> None:
    at = run("Home.py")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Documents"] == "2"
    assert int(metrics["DPAs"]) == count(app_env, "SELECT ?c WHERE { ?c a ckg:DataProcessingAgreement }")
    if int(metrics["DPAs"]) == 0:
        pytest.fail("the two agreements written here should be classified as DPAs")
    at.button(key="heat_show").click().run()
    assert not at.exception
    assert any("Selected cell" in m.value for m in at.markdown)
    assert at.error or at.success  # the clause, or the violation
    assert [t.label for t in at.tabs][:4] == ["Transfers without safeguard", "Missing Art. 28 elements",
                                                "Breach deadlines", "Most shared sub-processors"]


def test_contract_page_shows_text_and_fact_tables(app_env: Path) -> None:
    at = AppTest.from_file(str(APP / "pages/1_Contract.py"), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    assert len(at.selectbox(key="ct_pick").options) == count(
        app_env, "SELECT DISTINCT ?c WHERE { ?c ckg:fromDocument ?d }")
    html = "".join(m.value for m in at.html if "ckg-text" in m.value)
    assert "ckg-text" in html and ("Tarnwell" in html or "Ormeval" in html)
    assert {"Parties and roles", "Data inventory", "Sub-processors", "Obligations", "Validation report",
            "Language versions"} <= {t.label for t in at.tabs}
    clause = at.selectbox(key="ct_clause")
    if len(clause.options) > 1:  # a clause shows only its own text
        clause.select_index(1).run()
        assert not at.exception
        shown = "".join(m.value for m in at.html if "ckg-text" in m.value)
        assert len(shown) < len(html)


def test_graph_explorer_filters_and_expansion(app_env: Path) -> None:
    at = run("pages/2_Graph_explorer.py")
    assert any("contract(s) match" in c.value for c in at.caption)
    at.number_input(key="gx_limit").set_value(1).run()
    assert any("showing 1 of them" in c.value for c in at.caption)
    nodes = [s for s in at.selectbox if s.key and s.key.startswith("gx_node")]
    assert nodes and nodes[0].options
    at.button(key="gx_expand").click().run()
    assert not at.exception
    assert at.session_state["gx_expanded"]


def test_graph_without_filters_counts_and_samples_like_the_filter_query(app_env: Path) -> None:
    from contractkg.app import data
    from contractkg.app import sparql_graph as gq
    from contractkg.app.graph_view import matching_contracts

    rows = data.rows(gq.contracts(None, None, None, None, 500))
    total, chosen = matching_contracts(None, None, None, None, 500)
    assert total == int(rows[0]["total"]) == count(app_env, "SELECT DISTINCT ?c WHERE { ?c ckg:fromDocument ?d }")
    assert sorted(chosen) == sorted(r["contract"] for r in rows)
    assert len(matching_contracts(None, None, None, None, 1)[1]) == 1


def test_the_server_opens_the_store_ahead_and_never_creates_one(app_env: Path, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from contractkg.app import data, server

    opened: list[str] = []
    real = data.open_store
    monkeypatch.setattr(data, "open_store", lambda *a, **k: opened.append(str(a[0])) or real(*a, **k))
    data._open.clear()
    server.open_store()
    assert len(opened) == 1
    data.store()
    assert len(opened) == 1  # the pages get the handle opened ahead
    monkeypatch.setenv("CONTRACTKG_STORE", str(tmp_path / "none"))
    server.open_store()
    assert not (tmp_path / "none").exists()  # a new store is made by the first page, as before


def test_workbench_runs_refuses_updates_and_keeps_history(app_env: Path) -> None:
    at = run("pages/3_SPARQL_workbench.py")
    at.toggle(key="wb_plain").set_value(True).run()
    editor = next(t for t in at.text_area if t.key and t.key.startswith("wb_text"))
    editor.set_value("SELECT ?c WHERE { ?c ckg:fromDocument ?d }").run()
    at.button(key="wb_run").click().run()
    assert not at.error, [e.value for e in at.error]
    n = count(app_env, "SELECT ?c WHERE { ?c ckg:fromDocument ?d }")
    assert any(c.value.startswith(f"{n} row") and " ms" in c.value for c in at.caption)
    assert len(at.dataframe) == 1 and len(at.dataframe[0].value) == n
    editor = next(t for t in at.text_area if t.key and t.key.startswith("wb_text"))
    editor.set_value("DELETE WHERE { ?s ?p ?o }").run()
    at.button(key="wb_run").click().run()
    assert at.error and "read-only" in at.error[0].value
    assert count(app_env, "SELECT ?c WHERE { ?c ckg:fromDocument ?d }") == n
    assert len(at.session_state["wb_history"]) == 2


def test_workbench_library_is_one_click_away(app_env: Path) -> None:
    library = wb.named_queries()
    if not library:
        pytest.skip("no named query in contractkg/queries yet")
    at = run("pages/3_SPARQL_workbench.py")
    name = next(n for n, q in library.items() if not wb.needs_input(q))
    at.sidebar.button(key=f"wb_named_{name}").click().run()
    assert not at.exception
    assert at.session_state["wb_outcome"].error is None, at.session_state["wb_outcome"].error
    assert at.session_state["wb_history"][0]["query"].strip()


def test_ingest_keeps_good_files_and_reports_bad_ones(store_dir: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    store = tmp_path / "ingest-store"
    monkeypatch.setenv("CONTRACTKG_STORE", str(store))
    monkeypatch.setenv("CONTRACTKG_UPLOADS", str(tmp_path / "uploads"))
    at = run("pages/4_Ingest.py")
    assert at.button(key="ingest_run").disabled  # nothing uploaded yet
    from contractkg.app import data

    results = data.ingest_uploads([("new_dpa.txt", DPA_EN.encode()), ("../empty.txt", b"  \n")])
    assert [r.error is None for r in results] == [True, False]
    assert "empty" in (results[1].error or "")
    assert (tmp_path / "uploads" / "empty.txt").exists()  # the browser's path is never used
    at = run("Home.py")
    assert {m.label: m.value for m in at.metric}["Documents"] == "1"
    if int({m.label: m.value for m in at.metric}["DPAs"]):
        assert data.validate() >= 1  # the reports are stored and shown
        at = run("pages/1_Contract.py")
        assert any("finding" in e.value for e in at.error)


# ---------------------------------------------------------------- gold


def _gold_dpas(gold_dir: Path) -> dict[str, list[set[str]]]:
    out = {}
    for f in sorted(gold_dir.glob("*.yaml")):
        doc = yaml.safe_load(f.read_text(encoding="utf-8"))
        out[Path(doc["source"]).stem] = [set(c.get("missing") or []) for c in doc["contracts"] if c.get("kind") == "dpa"]
    return out


def test_heatmap_shows_exactly_the_gold_gaps(seeds: Path, gold_dir: Path, mem_store) -> None:  # type: ignore[no-untyped-def]
    from contractkg.app.overview_view import heatmap
    from contractkg.pipeline import ingest

    ingest(mem_store, [seeds], workers=1)
    try:  # validation reports count as gaps too: they must agree with the gold
        from contractkg.validation import validate
    except ImportError:
        validate = None
    if validate is not None:
        validate(mem_store, workers=1)

    def select(sparql: str) -> list[dict[str, str | None]]:
        return mem_store.query(sparql_prefixes() + sparql).rows

    hm = heatmap(select)
    files = {r["contract"]: (Path(r["file"]).stem, int(r["line"] or 0)) for r in select(
        "SELECT ?contract ?file ?line WHERE { ?contract ckg:fromDocument/ckg:sourcePath ?file ; "
        "ckg:startLine ?line }")}
    found: dict[str, list[set[str]]] = {}
    for c in sorted(hm.contracts, key=lambda c: files[c]):
        found.setdefault(files[c][0], []).append(hm.gaps()[c])
    gold = _gold_dpas(gold_dir)
    assert found == {k: v for k, v in gold.items() if v}  # same DPAs per file, same gaps each
    from contractkg.app.overview_data import page_contracts, ranking

    rank = ranking(select)  # the page's ranking (gap rows only) agrees with the full heatmap
    assert rank.total == len(hm.contracts)
    assert rank.gaps == {c: g for c, g in hm.gaps().items() if g}
    first = page_contracts(select, rank, 1, 5)
    assert [len(hm.gaps()[c]) for c in first] == sorted((len(g) for g in hm.gaps().values()), reverse=True)[:5]


def test_language_versions_side_by_side(seeds: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from contractkg.pipeline import ingest
    from contractkg.store.embedded import EmbeddedStore

    store = EmbeddedStore(tmp_path / "store")
    ingest(store, [seeds], workers=1)
    pairs = store.query(sparql_prefixes() + "SELECT ?a ?b WHERE { ?a ckg:translationOf ?b }").rows
    store.close()
    del store
    gc.collect()
    if not pairs:
        pytest.fail("the seeds hold two language versions of one agreement: none was linked")
    monkeypatch.setenv("CONTRACTKG_STORE", str(tmp_path / "store"))
    at = AppTest.from_file(str(APP / "pages/1_Contract.py"), default_timeout=60)
    at.query_params["contract"] = pairs[0]["a"]
    at.run()
    assert not at.exception, at.exception
    assert at.selectbox(key="ct_pick").value == pairs[0]["a"]
    assert at.selectbox(key="ct_version").value == pairs[0]["b"]
    blocks = [m.value for m in at.html if "ckg-text" in m.value]
    assert len(blocks) >= 3  # the text tab, then both versions side by side
    assert blocks[-1] != blocks[-2]
