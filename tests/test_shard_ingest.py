"""`contractkg ingest --shard i/n`: two shards loaded into one oxigraph server hold exactly what one
run holds, each shard reading its own files and no other."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from store_compare import project_quads
from typer.testing import CliRunner

from contractkg.files import Shard, plan_files
from contractkg.namespaces import CKG
from contractkg.store.embedded import EmbeddedStore
from contractkg.store.remote import RemoteStore

CORPUS = Path(__file__).resolve().parent.parent / "examples"
pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from contractkg.store.serve import base_url, free_port, spawn, stop

    tmp = tmp_path_factory.mktemp("oxigraph-shards")
    port = free_port()
    proc = spawn(tmp / "db", port, writable=True, log=tmp / "server.log")
    try:
        yield base_url("127.0.0.1", port)
    finally:
        stop(proc)


def _sources(store: RemoteStore | EmbeddedStore) -> set[str]:
    rows = store.query(f"SELECT ?path WHERE {{ ?d <{CKG}sourcePath> ?path }}").rows
    return {r["path"] for r in rows if r["path"]}


def test_two_shards_load_what_one_run_loads(server: str, tmp_path: Path) -> None:
    from contractkg.cli import app

    cli, remote = CliRunner(), RemoteStore(server)
    every = {str(f) for f in plan_files([CORPUS]).files}
    halves = [{str(f) for f in plan_files([CORPUS], Shard(i, 2)).files} for i in (1, 2)]
    assert halves[0] and halves[1] and not halves[0] & halves[1] and halves[0] | halves[1] == every

    loaded: set[str] = set()
    for i, half in zip((1, 2), halves, strict=True):
        res = cli.invoke(app, ["ingest", str(CORPUS), "--endpoint", server, "--shard", f"{i}/2"])
        assert res.exit_code == 0, res.output
        assert f"shard {i}/2: {len(every) - len(half)} files left to the other shards" in res.output
        assert _sources(remote) - loaded == half  # this run read its own files and no other
        loaded |= half

    res = cli.invoke(app, ["ingest", str(CORPUS), "--store", str(tmp_path / "one")])
    assert res.exit_code == 0, res.output
    with EmbeddedStore(tmp_path / "one") as single:
        assert _sources(single) == every
        mine, one_run = project_quads(remote), project_quads(single)
    assert mine == one_run and len(mine) > 10000


def test_bad_shard_is_a_usage_error(tmp_path: Path) -> None:
    from contractkg.cli import app

    for bad in ("0/2", "3/2", "x"):
        res = CliRunner().invoke(app, ["ingest", str(CORPUS), "--store", str(tmp_path / "s"), "--shard", bad])
        assert res.exit_code == 2 and "bad shard" in res.output, res.output
    assert not (tmp_path / "s").exists()  # refused before anything was opened


def test_a_shard_with_no_files_of_its_own_succeeds(tmp_path: Path) -> None:
    from contractkg.cli import app

    one = tmp_path / "corpus"
    one.mkdir()
    (one / "only.txt").write_text((CORPUS / "de_avv.txt").read_text(encoding="utf-8"), encoding="utf-8")
    other = next(i for i in (1, 2) if not Shard(i, 2).takes("only.txt"))
    res = CliRunner().invoke(app, ["ingest", str(one), "--store", str(tmp_path / "s"), "--shard", f"{other}/2"])
    assert res.exit_code == 0, res.output
    assert "0 ingested" in res.output and "1 files left to the other shards" in res.output
