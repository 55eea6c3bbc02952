"""`validate`: reports stored as RDF per contract, queryable by SPARQL; CLI formats, lookup and exit codes."""

from __future__ import annotations

import gc
import json
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
import yaml
from typer.testing import CliRunner

from contractkg import kg
from contractkg.cli import app
from contractkg.ingest.document import Document
from contractkg.namespaces import sparql_prefixes
from contractkg.ontology import art28_elements
from contractkg.store.embedded import EmbeddedStore
from contractkg.validation import validate

runner = CliRunner()


def dpa(title: str, missing: list[str]) -> dict[str, Any]:
    return {"kind": "dpa", "title": title, "subprocessor_authorisation": "specific",
            "parties": [{"name": "Vendor Oy", "roles": ["processor"], "country": "FI"}],
            "art28": {k: (None if k in missing else "1") for k in art28_elements()}, "missing": missing,
            "deadlines": {"breach_notification": "PT24H"}}


def fill(store: EmbeddedStore, name: str, records: list[dict[str, Any]]) -> Document:
    doc = Document(source=f"/tmp/validation-{name}.txt", text="x")
    store.replace_document(kg.doc_iri(doc), kg.build(doc, records))
    return doc


def filled(st: EmbeddedStore) -> EmbeddedStore:
    fill(st, "a", [dpa("Alpha hosting DPA", ["duration"]), {"kind": "terms", "title": "Alpha terms"}])
    fill(st, "b", [dpa("Beta analytics DPA", [])])
    return st


@pytest.fixture
def store() -> EmbeddedStore:
    return filled(EmbeddedStore(None))


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    """An on-disk store, closed so that the CLI can open it."""
    st = filled(EmbeddedStore(tmp_path / "store"))
    st.close()
    del st
    gc.collect()
    return tmp_path / "store"


def test_reports_are_stored_and_queryable(store: EmbeddedStore) -> None:
    reports = validate(store, workers=1)
    assert {r.contract.title: r.conforms for r in reports} == {"Alpha hosting DPA": False, "Beta analytics DPA": True}
    rows = store.query(sparql_prefixes() + """SELECT ?title ?el ?conforms WHERE {
        GRAPH ?rg { ?rep a sh:ValidationReport ; ckg:reportFor ?c ; sh:conforms ?conforms .
                    OPTIONAL { ?rep sh:result ?r . ?r sh:resultSeverity sh:Violation ; ckg:checksElement ?el ;
                               sh:resultMessage ?m FILTER(lang(?m) = "fr") } }
        ?c dct:title ?title }""").rows
    assert {(r["title"], r["el"], r["conforms"]) for r in rows} == {
        ("Alpha hosting DPA", "duration", "false"), ("Beta analytics DPA", None, "true")}
    # the report graphs belong to their document: re-ingesting the document removes them
    doc = Document(source="/tmp/validation-a.txt", text="x")
    assert any(g.endswith("/validation") for g in store.graphs_of(kg.doc_iri(doc)))
    store.replace_document(kg.doc_iri(doc), kg.build(doc, [dpa("Alpha hosting DPA", [])]))
    assert not any(g.endswith("/validation") for g in store.graphs_of(kg.doc_iri(doc)))


def test_revalidation_replaces_reports(store: EmbeddedStore) -> None:
    validate(store, workers=1)
    validate(store, workers=1)
    n = store.query(sparql_prefixes() + "SELECT (COUNT(?r) AS ?n) WHERE { ?r a sh:ValidationResult ; sh:resultSeverity sh:Violation }")
    assert n.rows[0]["n"] == "1"


def test_batches_and_processes_give_the_same_findings(store: EmbeddedStore) -> None:
    one = {r.contract.iri: [f.shape for f in r.findings] for r in validate(store, workers=1, save=False)}
    many = {r.contract.iri: [f.shape for f in r.findings] for r in validate(store, batch_size=1, workers=2, save=False)}
    assert one == many and any(one.values())


def test_contract_lookup(store: EmbeddedStore) -> None:
    assert [r.contract.title for r in validate(store, "beta analytics", save=False)] == ["Beta analytics DPA"]
    iri = validate(store, "Alpha hosting", save=False)[0].contract.iri
    assert validate(store, iri.rsplit("/", 1)[1], save=False)[0].contract.iri == iri
    terms = validate(store, "Alpha terms", save=False)
    assert len(terms) == 1 and not terms[0].contract.dpa and terms[0].findings == []
    with pytest.raises(LookupError):
        validate(store, "no such contract", save=False)


def test_cli_json_and_exit_codes(store_dir: Path) -> None:
    args = ["validate", "--store", str(store_dir), "--workers", "1"]
    res = runner.invoke(app, [*args, "--format", "json", "--lang", "de", "--no-fail-on-violation"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    alpha = next(r for r in data["reports"] if r["title"] == "Alpha hosting DPA")
    assert alpha["violations"] == 1 and alpha["results"][0]["element"] == "duration"
    assert "Dauer" in alpha["results"][0]["message"] and alpha["results"][0]["article"].endswith("art_28/par_3/oj")
    assert runner.invoke(app, args).exit_code == 3  # a Violation fails by default, for pipelines
    assert runner.invoke(app, [*args, "--contract", "Beta"]).exit_code == 0
    res = runner.invoke(app, [*args, "--contract", "Gamma"])
    assert res.exit_code == 1 and "no contract matches" in res.output
    assert runner.invoke(app, [*args, "--format", "xml"]).exit_code == 2  # a usage error (typer lists the formats)


def test_cli_ttl_parses(store_dir: Path) -> None:
    res = runner.invoke(app, ["validate", "--store", str(store_dir), "--workers", "1", "--format", "ttl",
                              "--no-fail-on-violation"])
    assert res.exit_code == 0, res.output
    triples = list(ox.parse(res.stdout_bytes, format=ox.RdfFormat.TURTLE))
    assert any(t.predicate.value.endswith("#conforms") for t in triples)


def test_gold_dpas_report_exactly_their_missing_elements(gold_dir: Path) -> None:
    """The gold reading of the seeds, as records: each DPA's Violations name exactly its gold `missing`."""
    st = EmbeddedStore(None)
    expected = {}
    for f in sorted(gold_dir.glob("*.yaml")):
        contracts = yaml.safe_load(f.read_text(encoding="utf-8"))["contracts"]
        for c in contracts:
            c["title"] = c["key"]
            if c.get("kind") == "dpa":
                expected[c["key"]] = set(c.get("missing") or [])
        fill(st, f.stem, contracts)
    assert len(expected) >= 5 and any(expected.values())
    art28_keys = set(art28_elements())
    from contractkg.ontology.shacl import shape_info

    info = shape_info()
    for r in validate(st, workers=1, save=False):
        found = {info[f.shape].element for f in r.findings if f.severity == "Violation"}
        assert found & art28_keys == expected[r.contract.title] and found <= art28_keys | {"breach_notification"}, r.contract.title


def test_cli_engines_agree_and_a_refusal_is_one_line(store_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from contractkg.ontology import shacl_sparql

    args = ["validate", "--store", str(store_dir), "--workers", "1", "-f", "json", "--no-fail-on-violation"]
    found = {}
    for engine in ("sparql", "pyshacl"):
        res = runner.invoke(app, [*args, "--engine", engine])
        assert res.exit_code == 0, res.output
        found[engine] = [(r["title"], [(x["shape"], x["value"]) for x in r["results"]]) for r in json.loads(res.stdout)["reports"]]
    assert found["sparql"] == found["pyshacl"] and any(results for _, results in found["sparql"])

    def refuse() -> None:
        raise shacl_sparql.UnsupportedShape("shape <x> uses sh:pattern, which the SPARQL engine does not compile")

    monkeypatch.setattr(shacl_sparql, "project_checks", refuse)
    res = runner.invoke(app, [*args, "--engine", "sparql"])
    assert res.exit_code == 1 and "sh:pattern" in res.output and "Traceback" not in res.output
