"""RemoteStore: URL layouts, safe VALUES binding, clear errors, and a live oxigraph server
that must answer every named query exactly as the embedded store does."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest

from contractkg.store import StoreError
from contractkg.store.remote import RemoteStore, endpoints, with_values

EX = "http://example.org/"


def test_endpoint_layouts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CONTRACTKG_UPDATE_ENDPOINT", raising=False)
    monkeypatch.delenv("CONTRACTKG_GSP_ENDPOINT", raising=False)
    assert endpoints("http://h:7878/") == ("http://h:7878/query", "http://h:7878/update", "http://h:7878/store")
    assert endpoints("http://h:7878/query")[1] == "http://h:7878/update"
    assert endpoints("http://h:3030/ds/sparql") == ("http://h:3030/ds/sparql", "http://h:3030/ds/update",
                                                     "http://h:3030/ds/data")
    q, u, g = endpoints("http://h:7200/repositories/kg")
    assert (q, u) == ("http://h:7200/repositories/kg", "http://h:7200/repositories/kg/statements")
    monkeypatch.setenv("CONTRACTKG_UPDATE_ENDPOINT", "https://n:8182/sparql")
    assert endpoints("https://n:8182/sparql")[1] == "https://n:8182/sparql"


def test_values_block_opens_the_where_group_and_escapes_terms() -> None:
    q = 'PREFIX x: <http://x/>\n# a { comment WHERE\nSELECT ?s ("}" AS ?b) WHERE { ?s ?p "{" }'
    nasty = ox.Literal('a" } ; DROP ALL ; #')
    bound = with_values(q, {"k": nasty, "i": ox.NamedNode(EX + "a")})
    head, _, rest = bound.partition('WHERE { VALUES (?k ?i) { (')
    assert head.endswith('("}" AS ?b) ') and rest.startswith('"a\\" } ; DROP ALL ; #" <http://example.org/a>) }')
    assert ox.Store().query(bound) is not None  # still one valid query
    construct = with_values("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", {"k": ox.Literal("1")})
    assert construct.startswith("CONSTRUCT { ?s ?p ?o } WHERE { VALUES (?k)")


def test_values_binding_filters_like_a_bound_variable() -> None:
    st = ox.Store()
    for s, o in (("a", "x"), ("b", "y")):
        st.add(ox.Quad(ox.NamedNode(EX + s), ox.NamedNode(EX + "p"), ox.Literal(o)))
    q = f"SELECT ?s WHERE {{ ?s <{EX}p> ?o FILTER(?o = ?want) }}"
    rows = list(st.query(with_values(q, {"want": ox.Literal("y")})))
    assert [r["s"].value for r in rows] == [EX + "b"]


def test_bad_binding_name_is_refused() -> None:
    with pytest.raises(StoreError):
        with_values("SELECT * WHERE { ?s ?p ?o }", {"s } DROP ALL {": ox.Literal("x")})


def test_unreachable_endpoint_is_one_clear_error() -> None:
    from contractkg.store.serve import free_port

    st = RemoteStore(f"http://127.0.0.1:{free_port()}", timeout=2)
    with pytest.raises(StoreError, match="cannot reach the SPARQL endpoint"):
        st.count()


# --- live server -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    from contractkg.store.serve import base_url, free_port, spawn, stop

    tmp = tmp_path_factory.mktemp("oxigraph")
    port = free_port()
    proc = spawn(tmp / "db", port, writable=True, log=tmp / "server.log")
    try:
        yield base_url("127.0.0.1", port)
    finally:
        stop(proc)


@pytest.mark.server
def test_remote_store_round_trip(server: str) -> None:
    st = RemoteStore(server)
    g = EX + "g"
    lit = ox.Literal('quote " and\nnewline', language="fr")
    st.replace_document(EX + "d", {g: [ox.Quad(ox.NamedNode(EX + "s"), ox.NamedNode(EX + "p"), lit, ox.NamedNode(g))]})
    st.replace_document(EX + "d", {g: [ox.Quad(ox.NamedNode(EX + "s"), ox.NamedNode(EX + "p"), lit, ox.NamedNode(g))]})
    assert st.query(f"SELECT ?o WHERE {{ <{EX}s> ?p ?o }}").rows == [{"o": 'quote " and\nnewline'}]
    assert g in st.named_graphs()
    assert st.query(f"ASK {{ <{EX}s> ?p ?o }}").boolean is True
    assert ("http://example.org/s", EX + "p", 'quote " and\nnewline') in st.query(
        "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }").triples
    assert '"quote \\" and\\nnewline"@fr' in st.dump("nquads").decode()
    # the SELECT fallback of dump gives the same quads when the Graph Store endpoint is missing
    no_gsp = RemoteStore(server, gsp_endpoint=server + "/nowhere")
    assert sorted(no_gsp.dump("nquads").splitlines()) == sorted(st.dump("nquads").splitlines())
    st.remove_document(EX + "d")
    assert g not in st.named_graphs()
    with pytest.raises(StoreError, match="HTTP 400"):
        st.query("SELEC nothing")


@pytest.mark.server
def test_every_named_query_matches_the_embedded_store(server: str, seeds: Path) -> None:
    from contractkg.pipeline import iter_files, process, store_result
    from contractkg.queries import runner
    from contractkg.store.embedded import EmbeddedStore

    local, remote = EmbeddedStore(None), RemoteStore(server)
    for res in map(process, iter_files([seeds])):  # extract once, store into both the same way
        assert res.error is None, res.error
        store_result(local, res)
        store_result(remote, res)
    assert remote.count() == local.count() > 0
    assert len(runner.catalogue()) >= 15
    contract = runner.run(local, "contracts-overview").rows[0]["contract"]
    examples = {**EXAMPLES, "iri": contract}
    nonempty = 0
    for name, q in runner.catalogue().items():
        required = {p.name: examples[p.type] for p in q.params if p.required}
        every = {p.name: examples[p.type] for p in q.params}
        for values in (required, every):  # parameters left unbound, then all bound
            a, b = runner.run(local, q, values), runner.run(remote, q, values)
            assert a.variables == b.variables, name
            assert Counter(map(_row_key, a.rows)) == Counter(map(_row_key, b.rows)), (name, values)
            nonempty += bool(a.rows)
    assert nonempty >= len(runner.catalogue())  # the comparison is not between empty results


EXAMPLES = {"string": "processor", "country": "US", "integer": "1", "language": "en", "iri": EX + "x",
            "duration": "P30D", "boolean": "true", "decimal": "1.5", "date": "2024-01-01"}


def _row_key(row: dict[str, str | None]) -> tuple[tuple[str, str | None], ...]:
    """GROUP_CONCAT order is up to each server: compare concatenations as sorted parts."""
    def parts(v: str | None) -> str | None:
        return v if v is None else "|".join(sorted(re.split(r"; |, | / ", v)))

    return tuple(sorted((k, parts(v)) for k, v in row.items()))


@pytest.mark.server
def test_cli_ingests_and_queries_through_the_endpoint(server: str, tmp_path: Path) -> None:
    import json

    from typer.testing import CliRunner

    from contractkg.cli import app

    doc = tmp_path / "dpa.txt"
    doc.write_text("DATA PROCESSING AGREEMENT\n\nThis agreement is made between Quillfeather Ltd, London, "
                   "United Kingdom (the \"Processor\") and the Customer (the \"Controller\").\n\n"
                   "1. The Processor shall process personal data only on documented instructions.\n", encoding="utf-8")
    cli = CliRunner()
    res = cli.invoke(app, ["ingest", str(doc), "--endpoint", server])
    assert res.exit_code == 0, res.output
    res = cli.invoke(app, ["query", "contracts-overview", "--endpoint", server, "-f", "json"])
    assert res.exit_code == 0, res.output
    assert str(doc) in {r["source"] for r in json.loads(res.stdout)["rows"]}
    out = tmp_path / "flows.json"
    res = cli.invoke(app, ["graph", "export", "-f", "json", "-o", str(out), "--endpoint", server])
    assert res.exit_code == 0, res.output
    assert json.loads(out.read_text(encoding="utf-8"))["nodes"]
    res = cli.invoke(app, ["query", "contracts-overview", "--endpoint", "http://127.0.0.1:9/"])
    assert res.exit_code == 1 and "cannot reach the SPARQL endpoint" in res.output
