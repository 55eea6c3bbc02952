"""`contractkg report CONTRACT|--all -o FILE`: HTML or PDF by suffix; a contract named by IRI, title or file
words; clear errors for an ambiguous or unknown name, a bad suffix, a PDF with no Chromium."""

from __future__ import annotations

import gc
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from contractkg import kg
from contractkg.cli import app
from contractkg.ingest.document import Document
from contractkg.ontology import art28_elements
from contractkg.store.embedded import EmbeddedStore

runner = CliRunner()


def dpa(title: str, missing: list[str]) -> dict[str, Any]:
    return {"kind": "dpa", "title": title, "subprocessor_authorisation": "specific",
            "parties": [{"name": "Vendor <b>Oy</b>", "roles": ["processor"], "country": "FI"}],
            "art28": {k: (None if k in missing else "1") for k in art28_elements()}, "missing": missing,
            "subprocessors": [{"name": "Cloud LLC", "country": "US", "service": "hosting", "safeguard": "none"}],
            "deadlines": {"breach_notification": "PT24H"}}


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report") / "store"
    st = EmbeddedStore(path)
    for name, records in (("alpha", [dpa("Alpha hosting DPA", ["audits"]), {"kind": "terms", "title": "Alpha terms"}]),
                          ("beta", [dpa("Beta analytics DPA", [])])):
        doc = Document(source=f"/tmp/cli-report-{name}.txt", text="x")
        st.replace_document(kg.doc_iri(doc), kg.build(doc, records))
    st.close()
    del st
    gc.collect()
    return path


def run(store_dir: Path, *args: str) -> Any:
    return runner.invoke(app, ["report", *args, "--store", str(store_dir)])


def test_one_contract_by_title_words(store_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "alpha.html"
    res = run(store_dir, "alpha DPA", "-o", str(out))
    assert res.exit_code == 0, res.output
    page = out.read_text(encoding="utf-8")
    assert "DPA review: Alpha hosting DPA" in page and "Beta analytics DPA" not in page
    assert "Vendor &lt;b&gt;Oy&lt;/b&gt;" in page and "<b>Oy" not in page
    assert "Sub-processor Cloud LLC (US) has no transfer safeguard" in page
    assert "GDPR Art. 28(3)(h)" in page and "1 Art. 28 gap(s)" in res.output
    assert not list(tmp_path.glob("*.part"))


def test_one_contract_by_file_name_or_iri(store_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "beta.htm"
    assert run(store_dir, "cli-report-beta", "-o", str(out)).exit_code == 0
    assert "DPA review: Beta analytics DPA" in out.read_text(encoding="utf-8")
    found = re.search(r"<dt>Identifier</dt><dd>([^<]+)</dd>", out.read_text(encoding="utf-8"))
    assert found
    iri = found.group(1)
    again = tmp_path / "again.html"
    assert run(store_dir, iri, "-o", str(again)).exit_code == 0
    assert "DPA review: Beta analytics DPA" in again.read_text(encoding="utf-8")


def test_portfolio(store_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.html"
    res = run(store_dir, "--all", "-o", str(out))
    assert res.exit_code == 0, res.output
    page = out.read_text(encoding="utf-8")
    assert "DPA portfolio review" in page and "Summary" in page
    for title in ("Alpha hosting DPA", "Beta analytics DPA", "Alpha terms"):
        assert page.count(title) >= 2, title  # a summary row and its section


@pytest.mark.parametrize(("args", "says"), [
    (["DPA"], "2 contracts match 'DPA'"),
    (["gamma"], "no contract matches 'gamma'"),
    ([], "give --all"),
    (["alpha", "--all"], "not both"),
])
def test_bad_names_are_refused_with_candidates(store_dir: Path, tmp_path: Path, args: list[str], says: str) -> None:
    out = tmp_path / "x.html"
    res = run(store_dir, *args, "-o", str(out))
    assert res.exit_code == 1 and says in res.output, res.output
    if args and args[0] in ("DPA", "gamma"):
        assert "Alpha hosting DPA (cli-report-alpha.txt)" in res.output
    assert not out.exists()


def test_format_from_the_suffix(store_dir: Path, tmp_path: Path) -> None:
    res = run(store_dir, "alpha DPA", "-o", str(tmp_path / "x.docx"))
    assert res.exit_code == 1 and ".html or .pdf" in res.output
    res = run(store_dir, "alpha DPA", "-o", str(tmp_path / "missing" / "x.html"))
    assert res.exit_code == 1 and "no folder" in res.output


def test_pdf(store_dir: Path, tmp_path: Path) -> None:
    from contractkg.report.pdf import browser

    if browser() is None:
        pytest.skip("chromium is not installed")
    out = tmp_path / "alpha.pdf"
    res = run(store_dir, "alpha DPA", "-o", str(out))
    assert res.exit_code == 0, res.output
    assert out.read_bytes().startswith(b"%PDF")


def test_pdf_without_chromium_is_refused_before_any_work(store_dir: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from contractkg.report import pdf

    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    out = tmp_path / "alpha.pdf"
    res = run(store_dir, "alpha DPA", "-o", str(out))
    assert res.exit_code == 1 and "Chromium" in res.output and "alpha.html" in res.output
    assert not out.exists()
