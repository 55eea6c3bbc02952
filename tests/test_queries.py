"""The named-query runner and the `query` / `queries` commands: headers, typed parameters, safe binding."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from contractkg.cli import app
from contractkg.namespaces import CKG, LOC, XSD
from contractkg.queries import runner

cli = CliRunner()
EX = "http://example.org/"

HEADER = """# title: Things by label
# description: Every thing whose label contains a text,
#   optionally in one country.
# param: text (string) part of the label
# param: country (country, optional) ISO code or name
# param: minimum (integer, default=2) smallest rank
#   shown
SELECT ?thing WHERE { ?thing rdfs:label ?l FILTER(CONTAINS(?l, ?text)) }
"""


def test_header_is_parsed() -> None:
    q = runner.parse("things", HEADER)
    assert q.title == "Things by label"
    assert q.description == "Every thing whose label contains a text, optionally in one country."
    assert [(p.name, p.type, p.required, p.default) for p in q.params] == [
        ("text", "string", True, None), ("country", "country", False, None), ("minimum", "integer", False, "2")]
    assert q.params[2].description == "smallest rank shown"


def test_bad_param_line_is_refused() -> None:
    with pytest.raises(runner.QueryError, match="bad parameter line"):
        runner.parse("x", "# param: n (float) a number\nSELECT * WHERE {}")


def test_values_are_typed() -> None:
    q = runner.parse("things", HEADER)
    b = runner.bindings(q, {"text": 'a"b', "country": "Germany"})
    assert b["text"] == ox.Literal('a"b')
    assert b["country"] == ox.NamedNode(LOC + "DE")
    assert b["minimum"] == ox.Literal("2", datatype=ox.NamedNode(XSD + "integer"))
    assert runner.bindings(q, {"text": "x", "country": "fr"})["country"] == ox.NamedNode(LOC + "FR")
    dur = runner.term(runner.Param("d", "duration"), "pt72h")
    assert dur == ox.Literal("PT72H", datatype=ox.NamedNode(XSD + "duration"))
    assert runner.term(runner.Param("i", "iri"), "ckg:Party") == ox.NamedNode(CKG + "Party")
    for ptype, bad in (("integer", "ten"), ("duration", "72 hours"), ("country", "Atlantis"),
                       ("iri", "not an iri"), ("boolean", "perhaps"), ("date", "2024-13-01")):
        with pytest.raises(runner.QueryError, match="is not a valid"):
            runner.term(runner.Param("p", ptype), bad)


def test_missing_and_unknown_params_are_errors() -> None:
    q = runner.parse("things", HEADER)
    with pytest.raises(runner.QueryError, match="needs --param text"):
        runner.bindings(q, {})
    with pytest.raises(runner.QueryError, match="has no parameter colour"):
        runner.bindings(q, {"text": "x", "colour": "red"})
    with pytest.raises(runner.QueryError, match="name=value"):
        runner.parse_params(["novalue"])
    assert runner.parse_params(["a=b=c"]) == {"a": "b=c"}


def test_injection_stays_a_literal(mem_store) -> None:
    g = ox.NamedNode(EX + "g")
    mem_store.oxigraph.add(ox.Quad(ox.NamedNode(EX + "t"), ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                                   ox.Literal("alpha"), g))
    q = runner.parse("things", HEADER)
    assert [r["thing"] for r in runner.run(mem_store, q, {"text": "alp"}).rows] == [EX + "t"]
    evil = '") } } ; SELECT * WHERE { ?s ?p ?o } #'
    assert runner.run(mem_store, q, {"text": evil}).rows == []
    assert mem_store.count() == 1


def test_catalogue_has_documented_queries() -> None:
    cat = runner.catalogue()
    assert len(cat) >= 15
    for q in cat.values():
        assert q.title and q.title != q.name and q.description, q.name
        assert "SELECT" in q.text.upper() or "ASK" in q.text.upper(), q.name
        body = "\n".join(line for line in q.text.splitlines() if not line.startswith("#"))
        for p in q.params:  # the parameter must be used by the query body
            assert re.search(rf"\?{p.name}\b", body), (q.name, p.name)


def test_catalogue_covers_the_issue() -> None:
    needed = {"contracts-overview", "parties-roles", "third-country-transfers", "transfers-without-safeguard",
              "subprocessor-concentration", "breach-deadlines", "objection-windows", "audit-terms",
              "data-categories", "data-subjects", "retention-periods", "governing-law-courts", "art28-matrix",
              "obligations-of-party", "evidence", "language-versions"}
    assert needed <= set(runner.catalogue())


def test_queries_command_lists_json() -> None:
    res = cli.invoke(app, ["queries", "--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert set(data) == {"queries"}
    assert {q["name"] for q in data["queries"]} == set(runner.catalogue())
    for q in data["queries"]:
        assert set(q) == {"name", "title", "description", "params"}


def test_query_command_named_file_and_raw(tmp_path: Path) -> None:
    store = tmp_path / "store"
    from contractkg.store.embedded import EmbeddedStore

    st = EmbeddedStore(store)
    st.replace_document(EX + "d", {EX + "g": [ox.Quad(ox.NamedNode(EX + "t"),
                                                      ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                                                      ox.Literal("alpha"), ox.NamedNode(EX + "g"))]})
    st.close()
    del st
    rq = tmp_path / "things.rq"
    rq.write_text(HEADER, encoding="utf-8")
    res = cli.invoke(app, ["query", str(rq), "--param", "text=lph", "--store", str(store), "-f", "json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["rows"] == [{"thing": EX + "t"}]
    res = cli.invoke(app, ["query", str(rq), "--store", str(store)])
    assert res.exit_code == 1 and "needs --param text" in res.output
    res = cli.invoke(app, ["query", "no-such-query", "--store", str(store)])
    assert res.exit_code == 1 and "no named query" in res.output
    raw = "SELECT ?l WHERE { ?t rdfs:label ?l FILTER(?l = ?want) }"
    res = cli.invoke(app, ["query", raw, "-p", "want=alpha", "--store", str(store), "-f", "csv"])
    assert res.exit_code == 0 and res.stdout.splitlines() == ["l", "alpha"]
    name = next(iter(runner.catalogue()))
    res = cli.invoke(app, ["query", name, "--store", str(store), "-f", "json"] +
                     [f"--param={p.name}=x" for p in runner.get(name).params if p.required and p.type == "string"])
    assert res.exit_code == 0, res.output


def test_table_cells_are_not_markup(tmp_path: Path) -> None:
    from contractkg.store.embedded import EmbeddedStore

    EmbeddedStore(tmp_path / "store").close()
    res = cli.invoke(app, ["query", "SELECT ?x WHERE { BIND('[bold]Annex[/bold]' AS ?x) }", "--store", str(tmp_path / "store")])
    assert res.exit_code == 0, res.output
    assert "[bold]Annex[/bold]" in res.stdout


def test_clause_text_is_read_back_from_the_source(tmp_path: Path) -> None:
    from contractkg.store import QueryResult

    src = tmp_path / "c.txt"
    src.write_text("1. Scope\nThe processor keeps records.\n2. Audits\nOnce a year.\n", encoding="utf-8")
    res = QueryResult("select", ["source", "clause_start", "clause_end"],
                      [{"source": str(src), "clause_start": "9", "clause_end": "38"},
                       {"source": str(tmp_path / "gone.txt"), "clause_start": "0", "clause_end": "3"},
                       {"source": str(src), "clause_start": None, "clause_end": None}])
    out = runner.add_clause_text(res)
    assert out.variables[-1] == "clause_text"
    assert [r["clause_text"] for r in out.rows] == ["The processor keeps records.\n", None, None]
    plain = QueryResult("select", ["x"], [{"x": "1"}])
    assert runner.add_clause_text(plain).variables == ["x"]


def test_vendor_prefers_a_named_party_to_a_placeholder(mem_store) -> None:
    from contractkg import kg
    from contractkg.ingest.document import Document

    doc = Document(source="/synthetic/v.txt", text="x" * 20, sha256="v")
    rec = {"kind": "dpa", "line": 1, "language": "de",
           "parties": [{"name": None, "defined_as": ["Anbieter"], "roles": ["processor"]},
                       {"name": "Zeta Daten GmbH", "roles": ["processor"], "country": "DE"}],
           "deadlines": {"breach_notification": "PT24H"}}
    mem_store.replace_document(kg.doc_iri(doc), kg.build(doc, [rec]))
    assert [r["vendor"] for r in runner.run(mem_store, "breach-deadlines").rows] == ["Zeta Daten GmbH"]
