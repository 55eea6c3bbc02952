"""What the remote store does for Virtuoso, without a server: URL layouts, the duration stand-in,
VALUES rows rewritten as BINDs, values read back in the embedded store's canonical form."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from contractkg.store import virtuoso
from contractkg.store.remote import _json_term, _value, _where_brace, endpoints, with_values

XSD = "http://www.w3.org/2001/XMLSchema#"
DURATION = f"<{XSD}duration>"


def test_virtuoso_layouts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CONTRACTKG_UPDATE_ENDPOINT", raising=False)
    monkeypatch.delenv("CONTRACTKG_GSP_ENDPOINT", raising=False)
    assert endpoints("http://h:8890/sparql-auth") == ("http://h:8890/sparql-auth", "http://h:8890/sparql-auth",
                                                       "http://h:8890/sparql-graph-crud-auth")
    assert endpoints("http://h:8890/sparql/") == ("http://h:8890/sparql", "http://h:8890/sparql",
                                                  "http://h:8890/sparql-graph-crud")
    assert endpoints("http://h:3030/ds/sparql")[1] == "http://h:3030/ds/update"  # Fuseki unchanged


def test_only_real_duration_literals_are_retyped() -> None:
    update = (f'INSERT DATA {{ <s> <p> "P30D"^^{DURATION} . <s> <q> "say \\"x\\"^^{DURATION}" . '
              f'<s> <r> "ends with a backslash \\\\"^^{DURATION} . <s> <t> "P1D"^^<{XSD}dayTimeDuration> }}')
    out = virtuoso.outgoing(update)
    assert out.count(f"<{virtuoso.STAND_IN}>") == 2
    assert f'"P30D"^^<{virtuoso.STAND_IN}>' in out and f'backslash \\\\"^^<{virtuoso.STAND_IN}>' in out
    assert f'say \\"x\\"^^{DURATION}"' in out  # inside a string: text, not a datatype
    assert f"<{XSD}dayTimeDuration>" in out


def test_values_row_becomes_binds_of_the_same_terms() -> None:
    q = "SELECT ?s ?lab WHERE { ?s <http://example.org/p> ?o FILTER(!BOUND(?lab) || ?o = ?lab) }"
    terms = {"s": ox.NamedNode("http://example.org/a"), "lab": ox.Literal('a "quoted" ) } word', language="en"),
             "n": ox.Literal("3", datatype=ox.NamedNode(XSD + "integer")), "t": ox.Literal("plain")}
    bound = with_values(q, terms)
    rewritten = virtuoso.values_as_binds(bound, _where_brace(bound))
    assert "VALUES" not in rewritten and 'BIND(IRI("http://example.org/a") AS ?s)' in rewritten
    assert f'BIND(STRDT("3", <{XSD}integer>) AS ?n)' in rewritten and 'BIND(STR("plain") AS ?t)' in rewritten
    st = ox.Store()
    st.add(ox.Quad(ox.NamedNode("http://example.org/a"), ox.NamedNode("http://example.org/p"), terms["lab"]))
    st.add(ox.Quad(ox.NamedNode("http://example.org/b"), ox.NamedNode("http://example.org/p"), ox.Literal("x")))
    for text in (bound, rewritten):  # the same answer either way
        rows = list(st.query(text))
        assert [(r["s"].value, r["lab"].value) for r in rows] == [("http://example.org/a", 'a "quoted" ) } word')]


def test_a_query_without_a_head_values_row_is_left_alone() -> None:
    q = "SELECT * WHERE { VALUES ?x { 1 2 } }"
    assert virtuoso.values_as_binds(q, _where_brace(q)) == q


def test_values_read_back_as_the_embedded_store_gives_them() -> None:
    stand_in = {"type": "typed-literal", "datatype": virtuoso.STAND_IN, "value": "PT36H"}
    assert _value(stand_in) == "P1DT12H"
    assert _json_term(stand_in) == ox.Literal("P1DT12H", datatype=ox.NamedNode(XSD + "duration"))
    assert _value({"type": "typed-literal", "datatype": XSD + "boolean", "value": "0"}) == "false"
    assert _value({"type": "uri", "value": virtuoso.STAND_IN}) == XSD + "duration"  # DATATYPE(?period)
    assert _value({"type": "typed-literal", "datatype": XSD + "duration", "value": "not a period"}) == "not a period"
    assert virtuoso.compiler_bug("HTTP 400: Virtuoso 37000 Error SP031: SPARQL compiler: Internal error: x")
    assert not virtuoso.compiler_bug("HTTP 400: Virtuoso 37000 Error SP030: SPARQL compiler, line 1: syntax error")
