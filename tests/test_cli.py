"""The CLI contract: exit codes, extract JSON shape, ingest of good and bad files, re-ingest."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from contractkg.cli import app

runner = CliRunner()

DPA_EN = """DATA PROCESSING AGREEMENT

This Data Processing Agreement is entered into between the Customer (the "Controller") and
Northwind Analytics Ltd, 12 Harbour Street, Leeds LS1 4AB, United Kingdom (the "Processor").

1. Subject matter
The Processor shall process personal data only on documented instructions from the Controller.
"""


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    p = tmp_path / name
    p.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return p


def test_extract_json_has_the_interface_fields(tmp_path: Path) -> None:
    f = write(tmp_path, "dpa.txt", DPA_EN)
    res = runner.invoke(app, ["extract", str(f), "--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert set(data) == {"contracts"}
    c = data["contracts"][0]
    assert c["source"] == str(f)
    assert c["line"] == 1
    assert c["starts_with"].startswith("DATA PROCESSING AGREEMENT")
    assert c["kind"] == "dpa"
    assert c["language"] == "en"


def test_usage_error_exits_2() -> None:
    res = runner.invoke(app, ["extract", "--format"])
    assert res.exit_code == 2


def test_unknown_format_is_a_usage_error_listing_the_formats(tmp_path: Path) -> None:
    f = write(tmp_path, "dpa.txt", DPA_EN)
    res = runner.invoke(app, ["extract", str(f), "--format", "xml"])
    assert res.exit_code == 2
    assert "'xml' is not one of 'json', 'table'" in " ".join(res.output.replace("│", " ").split())


def test_ingest_skips_bad_files_and_keeps_the_rest(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    write(docs, "good.txt", DPA_EN)
    write(docs, "empty.txt", b"")
    write(docs, "binary.txt", bytes(range(256)) * 20)
    store = tmp_path / "store"
    res = runner.invoke(app, ["ingest", str(docs), "--store", str(store)])
    assert res.exit_code == 4, res.output  # some files failed; the good one is stored
    assert "1 ingested, 2 failed, 0 skipped" in res.stdout
    assert "empty.txt" in res.stderr and "binary.txt" in res.stderr


def test_reingest_replaces_instead_of_duplicating(tmp_path: Path) -> None:
    f = write(tmp_path, "dpa.txt", DPA_EN)
    store = tmp_path / "store"
    counts = []
    for _ in range(2):
        assert runner.invoke(app, ["ingest", str(f), "--store", str(store)]).exit_code == 0
        res = runner.invoke(app, ["query", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
                                  "--store", str(store), "--format", "json"])
        assert res.exit_code == 0, res.output
        counts.append(int(json.loads(res.stdout)["rows"][0]["n"]))
    assert counts[0] == counts[1] > 0


def test_missing_path_is_a_one_line_error(tmp_path: Path) -> None:
    res = runner.invoke(app, ["ingest", str(tmp_path / "nope.txt"), "--store", str(tmp_path / "s")])
    assert res.exit_code == 1
    assert "no such file" in res.output


def test_export_formats(tmp_path: Path) -> None:
    f = write(tmp_path, "dpa.txt", DPA_EN)
    store = tmp_path / "store"
    assert runner.invoke(app, ["ingest", str(f), "--store", str(store)]).exit_code == 0
    for fmt, marker in (("trig", "GRAPH"), ("nquads", "<https://w3id.org/contractkg"), ("turtle", "@prefix"),
                        ("jsonld", "@id")):
        out = tmp_path / f"dump.{fmt}"
        res = runner.invoke(app, ["export", "--format", fmt, "-o", str(out), "--store", str(store)])
        assert res.exit_code == 0, res.output
        text = out.read_text(encoding="utf-8")
        assert marker in text or (fmt == "trig" and "{" in text)
