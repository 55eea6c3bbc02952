"""Options with a fixed set of values refuse any other value as a usage error (exit 2) that lists the
known values, before any work (no store is opened, no file read)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from contractkg.cli import app

runner = CliRunner()

CASES = [
    (["validate", "--lang", "xx"], "--lang", ("en", "fr", "it", "de")),
    (["validate", "--format", "xml"], "--format", ("table", "json", "ttl")),
    (["report", "--all", "-o", "r.html", "--lang", "es"], "--lang", ("en", "fr", "it", "de")),
    (["extract", "README.md", "--format", "xml"], "--format", ("json", "table")),
    (["query", "contracts-overview", "--format", "xml"], "--format", ("table", "csv", "json")),
    (["queries", "--format", "xml"], "--format", ("table", "json")),
    (["export", "--format", "rdfxml"], "--format", ("trig", "nquads", "turtle", "jsonld")),
    (["reason", "--format", "xml"], "--format", ("table", "json")),
    (["graph", "export", "-o", "g.out", "--format", "gexf"], "--format", ("graphml", "json")),
    (["graph", "concentration", "--format", "xml"], "--format", ("table", "csv", "json")),
    (["graph", "paths", "--format", "xml"], "--format", ("table", "csv", "json")),
]


@pytest.mark.parametrize(("args", "option", "known"), CASES, ids=[" ".join(c[0][:2]) + " " + c[1] for c in CASES])
def test_unknown_value_is_refused_with_the_known_ones(args: list[str], option: str, known: tuple[str, ...],
                                                      tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # nothing may be created here
    res = runner.invoke(app, args)
    text = " ".join(res.output.replace("│", " ").split())  # rich draws the error in a box
    assert res.exit_code == 2, res.output
    assert f"Invalid value for '{option}'" in text, text
    for value in known:
        assert f"'{value}'" in text, (value, text)
    assert not list(tmp_path.iterdir())  # no store created, no file written


def test_known_values_are_listed_in_help() -> None:
    res = runner.invoke(app, ["validate", "--help"], terminal_width=200)
    assert res.exit_code == 0
    assert "en|fr|it|de" in res.output and "table|json|ttl" in res.output
