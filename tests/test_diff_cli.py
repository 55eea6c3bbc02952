"""`contractkg diff OLD NEW`: files or contract IRIs, a table for people, JSON for tools, clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from contractkg.cli import diff as diff_cli
from contractkg.pipeline import ingest
from contractkg.store.embedded import EmbeddedStore

VERSIONS = Path(__file__).resolve().parent.parent / "examples" / "versions"
runner = CliRunner()


def app() -> typer.Typer:
    a = typer.Typer()
    diff_cli.register(a)

    @a.callback()
    def main() -> None:  # a group, so the command is invoked by its name as in contractkg
        pass
    return a


def run(*args: str) -> tuple[int, str, str]:
    res = runner.invoke(app(), ["diff", *args], env={"COLUMNS": "200"})
    return res.exit_code, res.stdout, res.stderr


def test_json_lists_the_change_with_both_sides() -> None:
    code, out, _ = run(str(VERSIONS / "de_avv_v1.txt"), str(VERSIONS / "de_avv_v2.txt"), "--format", "json")
    assert code == 0
    (pair,) = json.loads(out)["pairs"]
    assert (pair["old"]["date"], pair["new"]["date"]) == ("2025-03-01", "2025-07-15")
    assert [(c["area"], c["kind"], c["subject"]) for c in pair["changes"]] == [("subprocessor", "removed", "Vellamo Mail Oy")]
    assert pair["changes"][0]["clause"] == "7" and "Vellamo" in pair["changes"][0]["text_diff"]


def test_table_names_the_versions_and_the_change() -> None:
    code, out, _ = run(str(VERSIONS / "fr_dpa_v1.txt"), str(VERSIONS / "fr_dpa_v2.txt"))
    assert code == 0
    assert "Ormelune SAS: v3 2025-01-10 → v4 2025-06-02" in out
    assert "breach notification" in out and "PT72H" in out and "PT48H" in out and "6.2" in out


def test_no_change_is_said_in_words() -> None:
    code, out, _ = run(str(VERSIONS / "it_accordo_v1.txt"), str(VERSIONS / "it_accordo_v2.txt"))
    assert code == 0 and "no change" in out


def test_bad_arguments_are_one_line_errors(tmp_path: Path) -> None:
    code, _, err = run(str(tmp_path / "missing.txt"), str(VERSIONS / "fr_dpa_v2.txt"))
    assert code == 1 and "missing.txt: no such file" in err
    code, _, err = run(str(VERSIONS / "fr_dpa_v1.txt"), str(VERSIONS / "fr_dpa_v2.txt"), "--format", "xml")
    assert code == 1 and "unknown format" in err
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, _, err = run(str(empty), str(VERSIONS / "fr_dpa_v2.txt"))
    assert code == 1 and "empty.txt" in err and "Traceback" not in err


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    path = tmp_path_factory.mktemp("diffstore") / "store"
    store = EmbeddedStore(path)
    try:
        ingest(store, [VERSIONS / "es_encargo_v1.txt", VERSIONS / "es_encargo_v2.txt"], workers=1)
        rows = store.query("SELECT ?old ?new WHERE { ?new <http://www.w3.org/ns/prov#wasRevisionOf> ?old }").rows
    finally:
        store.close()
    return path, [rows[0]["old"] or "", rows[0]["new"] or ""]


def test_two_contract_iris_in_the_store(stored: tuple[Path, list[str]]) -> None:
    path, (old, new) = stored
    code, out, _ = run(old, new, "--store", str(path), "--format", "json")
    assert code == 0
    (pair,) = json.loads(out)["pairs"]
    assert (pair["old"]["contract"], pair["new"]["contract"]) == (old, new)
    (change,) = pair["changes"]
    assert (change["attribute"], change["before"], change["after"]) == ("court", "Juzgados y Tribunales de Valencia",
                                                                         "Juzgados y Tribunales de Madrid")
    assert change["before_quote"] and change["after_quote"]


def test_an_unknown_iri_says_what_to_do(stored: tuple[Path, list[str]]) -> None:
    path, (old, _) = stored
    code, _, err = run(old, "https://w3id.org/contractkg/id/contract/nothing-0", "--store", str(path))
    assert code == 1 and "no snapshot of" in err and "contracts-overview" in err
    code, _, err = run(old, str(VERSIONS / "es_encargo_v2.txt"), "--store", str(path.parent / "elsewhere"))
    assert code == 1 and "no store at" in err and len(err.strip().splitlines()) == 1


def test_contractkg_has_the_command() -> None:
    from contractkg.cli import app as contractkg

    res = runner.invoke(contractkg, ["diff", str(VERSIONS / "en_dpa_v1.txt"), str(VERSIONS / "en_dpa_v2.txt")],
                        env={"COLUMNS": "200"})
    assert res.exit_code == 0, res.stderr
    assert "Quillstone Metrics Inc." in res.stdout and "added" in res.stdout and "{+| Quillstone" in res.stdout
