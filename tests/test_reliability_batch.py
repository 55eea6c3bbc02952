"""Honest batch results: exit codes, the summary line, skipped files with their reason, copies of a
file detected by content, symlink loops; `extract` and `ingest` agree."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from contractkg.cli import app

runner = CliRunner()

DPA_IT = """ACCORDO SUL TRATTAMENTO DEI DATI

Tra il Cliente (il "Titolare") e Vallombrosa Servizi S.r.l., Via dei Mille 8, 50123 Firenze, Italia
(il "Responsabile").

1. Oggetto
Il Responsabile si impegna a trattare i dati personali soltanto su istruzione documentata del Titolare.
"""

DPA_NL = """VERWERKERSOVEREENKOMST

Tussen de Klant (de "Verwerkingsverantwoordelijke") en Duinrand Hosting B.V., Kanaalweg 4, 3511 Utrecht,
Nederland (de "Verwerker").

1. Onderwerp
De Verwerker verwerkt persoonsgegevens uitsluitend op schriftelijke instructie van de Klant.
"""


def folder(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    (docs / "sub").mkdir(parents=True)
    (docs / "a_dpa.txt").write_text(DPA_IT, encoding="utf-8")
    (docs / "b_dpa.md").write_text(DPA_NL, encoding="utf-8")
    (docs / "sub" / "copy_of_a.txt").write_text(DPA_IT, encoding="utf-8")  # same text, other path
    (docs / "random.bin").write_bytes(os.urandom(256))
    (docs / "empty.txt").write_bytes(b"")
    os.symlink("loop.txt", docs / "loop.txt")  # a link to itself
    os.symlink("..", docs / "sub" / "up")  # a folder link back to its parent
    return docs


def lines(text: str, word: str) -> list[str]:
    return [ln for ln in text.splitlines() if word in ln]


def test_ingest_reports_each_file_and_exits_4_when_one_failed(tmp_path: Path) -> None:
    docs = folder(tmp_path)
    res = runner.invoke(app, ["ingest", str(docs), "--store", str(tmp_path / "store")])
    assert res.exit_code == 4, res.output
    assert "2 ingested, 1 failed, 4 skipped" in res.stdout
    err = res.stderr
    assert lines(err, "random.bin") and "unsupported file type .bin" in lines(err, "random.bin")[0]
    assert "failed:" in lines(err, "empty.txt")[0]
    assert "symbolic link loop" in lines(err, "loop.txt")[0]
    assert "symbolic link loop" in lines(err, "sub/up:")[0]
    copy = lines(err, "copy_of_a.txt")[0]
    assert "same content as" in copy and "a_dpa.txt" in copy
    res = runner.invoke(app, ["query", "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a ckg:SourceDocument }",
                              "--store", str(tmp_path / "store"), "--format", "csv"])
    assert res.exit_code == 0 and res.stdout.split() == ["n", "2"]  # the copy was not stored again


def test_extract_agrees_with_ingest(tmp_path: Path) -> None:
    docs = folder(tmp_path)
    res = runner.invoke(app, ["extract", str(docs), "--format", "json"])
    assert res.exit_code == 4, res.output
    sources = {Path(c["source"]).name for c in json.loads(res.stdout)["contracts"]}
    assert sources == {"a_dpa.txt", "b_dpa.md"}
    assert "2 read, 1 failed, 4 skipped" in res.stderr
    assert "symbolic link loop" in lines(res.stderr, "loop.txt")[0]


def test_a_clean_batch_exits_0_and_skips_do_not_fail_it(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(DPA_IT, encoding="utf-8")
    (docs / "notes.bin").write_bytes(b"\x00\x01")
    for cmd in (["extract", str(docs), "--format", "json"], ["ingest", str(docs), "--store", str(tmp_path / "s")]):
        res = runner.invoke(app, cmd)
        assert res.exit_code == 0, res.output
        assert "1 failed" not in res.output and "1 skipped" in res.output


@pytest.mark.parametrize("command", ["extract", "ingest"])
def test_a_named_symlink_loop_is_a_user_error_in_both(tmp_path: Path, command: str) -> None:
    os.symlink("self.txt", tmp_path / "self.txt")
    res = runner.invoke(app, [command, str(tmp_path / "self.txt"), "--store", str(tmp_path / "s")]
                        if command == "ingest" else [command, str(tmp_path / "self.txt")])
    assert res.exit_code == 1
    assert "symbolic link loop" in res.stderr and len(res.stderr.strip().splitlines()) == 1


def test_reingesting_the_same_path_is_not_a_copy(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(DPA_NL, encoding="utf-8")
    for _ in range(2):
        res = runner.invoke(app, ["ingest", str(f), "--store", str(tmp_path / "s")])
        assert res.exit_code == 0 and "1 ingested, 0 failed, 0 skipped" in res.stdout
    other = tmp_path / "b.txt"
    other.write_text(DPA_NL, encoding="utf-8")
    res = runner.invoke(app, ["ingest", str(other), "--store", str(tmp_path / "s")])
    assert res.exit_code == 0 and "0 ingested, 0 failed, 1 skipped" in res.stdout
    assert "same content as" in res.stderr and "a.txt (already in the store)" in res.stderr


def test_exit_codes_are_documented() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Limits and failure modes"):]
    assert "4" in section and "failed" in section
