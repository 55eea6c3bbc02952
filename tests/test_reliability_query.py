"""`contractkg query`: updates refused with directions, a timeout that stops the CPU work, a row cap."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from contractkg.cli import app
from contractkg.queries import runner

cli = CliRunner()
EX = "http://example.org/"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from contractkg.store.embedded import EmbeddedStore

    path = tmp_path_factory.mktemp("q") / "store"
    st = EmbeddedStore(path)
    g = f"{EX}g"
    st.replace_document(EX + "d", {g: [ox.Quad(ox.NamedNode(f"{EX}s{i}"), ox.NamedNode(EX + "p"),
                                               ox.Literal(f"v{i}"), ox.NamedNode(g)) for i in range(300)]})
    st.close()
    return path


def count(store: Path) -> int:
    res = cli.invoke(app, ["query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--store", str(store), "-f", "csv"])
    assert res.exit_code == 0, res.output
    return int(res.stdout.split()[1])


@pytest.mark.parametrize("update", ["DELETE WHERE { ?s ?p ?o }", "DROP ALL", "# tidy up\nclear all",
                                    "PREFIX ex: <http://example.org/> INSERT DATA { ex:a ex:b ex:c }",
                                    "BASE <http://example.org/> WITH <g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }"])
def test_updates_are_refused_with_directions(store: Path, update: str) -> None:
    before = count(store)
    res = cli.invoke(app, ["query", update, "--store", str(store)])
    assert res.exit_code == 1
    msg = res.stderr
    assert "updates are refused" in msg and "contractkg ingest" in msg and "serve --writable" in msg
    assert "syntax error" not in msg and len(msg.strip().splitlines()) == 1
    assert count(store) == before


def test_queries_that_mention_update_words_still_run(store: Path) -> None:
    assert not runner.is_update('SELECT ?s WHERE { ?s ?p "DROP ALL" } # delete nothing')
    assert not runner.is_update("PREFIX delete: <http://example.org/> SELECT * WHERE { ?s delete:p ?o }")
    assert runner.is_update("prefix ex: <http://example.org/>\n\n  Insert DATA { ex:a ex:b ex:c }")


def test_help_states_the_timeout_and_the_row_cap() -> None:
    res = cli.invoke(app, ["query", "--help"], env={"COLUMNS": "200"})
    text = " ".join(res.stdout.split())
    assert "--timeout" in text and "default 60" in text
    assert "--limit" in text and "default 10000" in text


def test_rows_and_triples_are_capped(store: Path) -> None:
    res = cli.invoke(app, ["query", "SELECT ?s WHERE { ?s ?p ?o }", "--limit", "7", "--store", str(store), "-f", "json"])
    assert res.exit_code == 0, res.output
    assert len(json.loads(res.stdout)["rows"]) == 7 and "only the first 7" in res.stderr
    res = cli.invoke(app, ["query", "CONSTRUCT WHERE { ?s ?p ?o }", "--limit", "4", "--store", str(store), "-f", "json"])
    assert res.exit_code == 0, res.output
    assert len(json.loads(res.stdout)["rows"]) == 4 and "only the first 4" in res.stderr
    res = cli.invoke(app, ["query", "SELECT ?s WHERE { ?s ?p ?o } LIMIT 3", "--store", str(store), "-f", "json"])
    assert len(json.loads(res.stdout)["rows"]) == 3 and "only the first" not in res.stderr


def query_children() -> list[int]:
    """Live child processes of this test that run a guarded query."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if int(stat[1]) == os.getpid() and stat[0] != "Z" and b"contractkg.queries.guarded" in cmd:
            found.append(int(pid))
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to see child processes")
def test_a_cartesian_product_is_stopped_at_the_timeout(store: Path) -> None:
    product = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    start = time.monotonic()
    res = cli.invoke(app, ["query", product, "--timeout", "2", "--store", str(store)])
    took = time.monotonic() - start
    assert res.exit_code == 1 and "stopped" in res.stderr and "--timeout" in res.stderr
    assert took < 2 + 8  # the child's start-up on a busy machine, never the query's own time
    deadline = time.monotonic() + 2
    while query_children() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert query_children() == []  # the query's process is gone: no CPU spent on it any more
