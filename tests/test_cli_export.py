"""`export`: turtle and trig declare and use the project's prefixes, and parse back to the same data."""

from __future__ import annotations

import gc
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from contractkg import kg
from contractkg.cli import app
from contractkg.ingest.document import Document
from contractkg.store.embedded import EmbeddedStore

runner = CliRunner()
RECORD = {"kind": "dpa", "title": "Export « test » DPA", "language": "fr",
          "parties": [{"name": "Nordlicht GmbH", "roles": ["processor"], "country": "DE"}],
          "personal_data": ["EmailAddress"], "data_subjects": ["Customer"],
          "subprocessors": [{"name": "Cloud LLC", "country": "US", "safeguard": "scc"}],
          "transfers": [{"from": "DE", "to": "US", "mechanism": "scc"}],
          "deadlines": {"breach_notification": "PT48H"}}


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "store"
    st = EmbeddedStore(path)
    doc = Document(source="/tmp/export-test.txt", text="x")
    st.replace_document(kg.doc_iri(doc), kg.build(doc, [RECORD]))
    st.close()
    del st
    gc.collect()
    return path


def export(store_dir: Path, fmt: str, tmp_path: Path) -> bytes:
    out = tmp_path / f"dump.{fmt}"
    res = runner.invoke(app, ["export", "--format", fmt, "-o", str(out), "--store", str(store_dir)])
    assert res.exit_code == 0, res.output
    return out.read_bytes()


def quads(data: bytes, fmt: ox.RdfFormat) -> set[ox.Quad]:
    return set(ox.parse(data, format=fmt))


def test_trig_keeps_every_quad_and_uses_the_prefixes(store_dir: Path, tmp_path: Path) -> None:
    nquads = quads(export(store_dir, "nquads", tmp_path), ox.RdfFormat.N_QUADS)
    trig = export(store_dir, "trig", tmp_path)
    assert quads(trig, ox.RdfFormat.TRIG) == nquads and nquads
    text = trig.decode("utf-8")
    for prefix in ("ckg:", "dpv:", "pd:", "loc:", "prov:", "dct:"):
        assert f"@prefix {prefix} <" in text
    assert " ckg:DataProcessingAgreement" in text and "loc:US" in text and "pd:EmailAddress" in text
    assert "ns1:" not in text and "ns2:" not in text


def test_turtle_is_the_union_of_the_graphs_with_the_prefixes(store_dir: Path, tmp_path: Path) -> None:
    union = {q.triple for q in quads(export(store_dir, "nquads", tmp_path), ox.RdfFormat.N_QUADS)}
    ttl = export(store_dir, "turtle", tmp_path)
    assert {q.triple for q in quads(ttl, ox.RdfFormat.TURTLE)} == union
    text = ttl.decode("utf-8")
    assert "@prefix ckg: <https://w3id.org/contractkg#>" in text and "@prefix eu-gdpr: <" in text
    assert "ckg:DataProcessingAgreement" in text and "dpv:hasDataProcessor" in text and "ns1:" not in text
    # sorted triples: each subject opens one block only
    subjects = [line.split(" ", 1)[0] for line in text.splitlines() if line and not line[0].isspace()
                and not line.startswith("@prefix")]
    assert len(subjects) == len(set(subjects))


def test_jsonld_parses_back_to_the_union(store_dir: Path, tmp_path: Path) -> None:
    union = {q.triple for q in quads(export(store_dir, "nquads", tmp_path), ox.RdfFormat.N_QUADS)}
    data = export(store_dir, "jsonld", tmp_path)
    json.loads(data)
    assert {q.triple for q in quads(data, ox.RdfFormat.JSON_LD)} == union


def test_unknown_format_lists_the_known_ones(store_dir: Path) -> None:
    res = runner.invoke(app, ["export", "--format", "rdfxml", "--store", str(store_dir)])
    assert res.exit_code in (1, 2)
    assert all(f in res.output for f in ("trig", "nquads", "turtle", "jsonld"))
