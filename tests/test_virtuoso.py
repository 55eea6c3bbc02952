"""A second real engine: Virtuoso open source behind --endpoint, started by the fixture.

The examples are ingested through the CLI into Virtuoso (in two shards) and, in one run, into an
embedded store; every named query must then give the same rows on both, validation the same
findings, and an export the same quads."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from store_compare import project_quads
from test_remote import EXAMPLES, _row_key
from typer.testing import CliRunner
from virtuoso_server import Virtuoso, virtuoso_fixture  # noqa: F401 - the session fixture

from contractkg.store import StoreError
from contractkg.store.embedded import EmbeddedStore
from contractkg.store.remote import RemoteStore

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "examples"
pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def stores(virtuoso: Virtuoso, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[RemoteStore, EmbeddedStore]]:
    """Virtuoso and an embedded store, each filled by `contractkg ingest` from the examples: Virtuoso
    in two shards (as two machines would load it), the embedded store in one run."""
    from contractkg.cli import app

    local = tmp_path_factory.mktemp("embedded") / "store"
    cli = CliRunner()
    for shard in ("1/2", "2/2"):
        res = cli.invoke(app, ["ingest", str(CORPUS), "--endpoint", virtuoso.endpoint, "--shard", shard],
                         env=virtuoso.env)
        assert res.exit_code == 0, res.output
    res = cli.invoke(app, ["ingest", str(CORPUS), "--store", str(local)])
    assert res.exit_code == 0, res.output
    with EmbeddedStore(local) as embedded:
        yield RemoteStore(virtuoso.endpoint, login=virtuoso.login), embedded


def test_the_server_is_virtuoso(virtuoso: Virtuoso, stores: tuple[RemoteStore, EmbeddedStore]) -> None:
    remote, local = stores
    assert remote.count() >= local.count() > 0  # (Virtuoso keeps graphs of its own besides ours)
    assert virtuoso.version.startswith("Virtuoso/") and remote.virtuoso is True


def test_every_named_query_gives_the_embedded_rows(stores: tuple[RemoteStore, EmbeddedStore]) -> None:
    from contractkg.queries import runner

    remote, local = stores
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


def test_export_gives_the_same_quads_and_durations(stores: tuple[RemoteStore, EmbeddedStore]) -> None:
    remote, local = stores
    mine, theirs = project_quads(remote), project_quads(local)
    assert mine == theirs and len(mine) > 10000
    assert any("#duration>" in q for q in mine)  # written under a stand-in, read back as xsd:duration


def test_validation_finds_the_same(virtuoso: Virtuoso, stores: tuple[RemoteStore, EmbeddedStore]) -> None:
    from contractkg.cli import app
    from contractkg.validation import validate

    remote, local = stores
    found = {}
    for name, st in (("virtuoso", remote), ("embedded", local)):
        reports = validate(st, save=False, workers=1)
        found[name] = sorted((r.contract.iri, f.shape, f.severity, str(f.value)) for r in reports for f in r.findings)
    assert found["virtuoso"] == found["embedded"]
    assert any(sev == "Violation" for *_, sev, _v in found["embedded"])  # examples include a DPA with gaps
    res = CliRunner().invoke(app, ["validate", "--endpoint", virtuoso.endpoint, "-f", "json"], env=virtuoso.env)
    assert res.exit_code == 3, res.output  # a Violation
    reports = json.loads(res.stdout)["reports"]
    assert sum(r["violations"] for r in reports) == sum(sev == "Violation" for *_, sev, _v in found["embedded"])
    assert any(g.endswith("/validation") for g in remote.named_graphs())  # the reports were stored


def test_login_is_needed_and_checked(virtuoso: Virtuoso) -> None:
    with pytest.raises(StoreError, match="asks for a login.*CONTRACTKG_ENDPOINT_USER"):
        RemoteStore(virtuoso.endpoint).count()
    with pytest.raises(StoreError, match="refused the login of 'contractkg_test'"):
        RemoteStore(virtuoso.endpoint, login=(virtuoso.login[0], "wrong")).count()
    anonymous = RemoteStore(virtuoso.base + "/sparql")  # reads, but Virtuoso's anonymous user may not write
    assert anonymous.count() > 0
    with pytest.raises(StoreError, match="HTTP"):
        anonymous.update("INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/s> "
                         "<http://example.org/p> 1 } }")
