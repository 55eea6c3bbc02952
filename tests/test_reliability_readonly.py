"""Read-only commands open the store read-only: they refuse a path with no store (and create
nothing), and never drop a graph; the writers' clean-up touches only the project's own graphs."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from contractkg.cli import app

runner = CliRunner()
MINE = "http://example.org/my-notes"

DPA_ES = """ACUERDO DE TRATAMIENTO DE DATOS

Entre el Cliente (el "Responsable") y Peñalara Datos S.L., Calle Mayor 7, 28013 Madrid, España
(el "Encargado").

1. Objeto
El Encargado se compromete a tratar los datos personales únicamente siguiendo instrucciones documentadas
del Responsable.
"""


@pytest.mark.parametrize("command", [["stats"], ["export", "--format", "nquads"],
                                     ["query", "SELECT * WHERE { ?s ?p ?o } LIMIT 1"],
                                     ["graph", "paths"]])
def test_a_missing_store_is_refused_and_not_created(tmp_path: Path, command: list[str]) -> None:
    res = runner.invoke(app, [*command, "--store", str(tmp_path / "nowhere")])
    assert res.exit_code == 1
    assert "no store at" in res.stderr and "contractkg ingest" in res.stderr
    assert not (tmp_path / "nowhere").exists()


def test_a_graph_added_by_hand_survives_readers_and_writers(tmp_path: Path) -> None:
    from contractkg.store.embedded import EmbeddedStore

    store = tmp_path / "store"
    st = EmbeddedStore(store)
    st.update(f"INSERT DATA {{ GRAPH <{MINE}> {{ <{MINE}#a> <{MINE}#says> 'keep me' }} }}")
    st.close()
    doc = tmp_path / "dpa_es.txt"
    doc.write_text(DPA_ES, encoding="utf-8")
    for command in (["stats"], ["export"], ["ingest", str(doc)], ["stats"], ["validate", "--no-fail-on-violation"]):
        res = runner.invoke(app, [*command, "--store", str(store)])
        assert res.exit_code == 0, (command, res.output)
        ask = runner.invoke(app, ["query", f"ASK {{ GRAPH <{MINE}> {{ ?s ?p 'keep me' }} }}", "--store", str(store)])
        assert ask.stdout.strip() == "true", command


def test_stats_works_beside_a_writer(tmp_path: Path) -> None:
    from contractkg.store.embedded import EmbeddedStore

    writer = EmbeddedStore(tmp_path / "store", what="contractkg ingest")
    try:
        res = runner.invoke(app, ["stats", "--store", str(tmp_path / "store")])
        assert res.exit_code == 0, res.output
        assert "named graphs" in res.stdout
    finally:
        writer.close()
