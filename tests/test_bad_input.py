"""Bad input: one-line LoadError naming the file and the reason; a batch goes on past it."""

from __future__ import annotations

from pathlib import Path

import pytest

from contractkg.ingest.document import LoadError
from contractkg.ingest.load import loaders
from contractkg.ingest.load.loaders import load
from contractkg.pipeline import ingest, process


def error_of(path: Path) -> str:
    with pytest.raises(LoadError) as info:
        load(path)
    msg = str(info.value)
    assert "\n" not in msg and str(path) in msg
    return msg


def test_empty_files(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.md").write_text("  \n\n \t\n", encoding="utf-8")
    (tmp_path / "empty.html").write_text("<html><body><script>x()</script></body></html>", encoding="utf-8")
    for name in ("empty.txt", "blank.md", "empty.html"):
        assert "empty" in error_of(tmp_path / name)


def test_binary_file(tmp_path: Path) -> None:
    p = tmp_path / "image.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20)
    assert "binary" in error_of(p)


def test_zip_that_is_not_docx(tmp_path: Path) -> None:
    p = tmp_path / "broken.docx"
    p.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    assert "DOCX" in error_of(p)


def test_pdf_without_text_layer_needs_ocr(tmp_path: Path) -> None:
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")  # drawing only, like a scanned page
    p = tmp_path / "scan.pdf"
    pdf.output(str(p))
    assert "OCR" in error_of(p)


def test_corrupt_pdf(tmp_path: Path) -> None:
    p = tmp_path / "cut.pdf"
    p.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\nendobj\n%%EO")
    msg = error_of(p)
    assert "PDF" in msg


def test_oversized_file_refused_without_reading(tmp_path: Path) -> None:
    p = tmp_path / "huge.txt"
    with p.open("wb") as fh:  # sparse 50 MB file: cheap to create, refused from its size alone
        fh.seek(50 * 1024 * 1024 - 1)
        fh.write(b"\n")
    msg = error_of(p)
    assert "MB" in msg and "limit" in msg


def test_undecodable_text(tmp_path: Path) -> None:
    p = tmp_path / "bad16.txt"
    p.write_bytes(b"\xff\xfe" + "Accord".encode("utf-16-le") + b"\x00\xd8")  # lone surrogate
    assert "undecodable" in error_of(p)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    assert "cannot read" in error_of(tmp_path / "nope.txt")
    assert "folder" in error_of(tmp_path)


def test_batch_goes_on(tmp_path: Path, mem_store) -> None:  # type: ignore[no-untyped-def]
    good = tmp_path / "good.txt"
    good.write_text("Data Processing Agreement\n\n1. Subject matter\nThe Processor processes personal data "
                    "on behalf of the Controller.\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bin.txt").write_bytes(bytes(range(256)) * 8)
    results = {Path(r.path).name: r for r in ingest(mem_store, [tmp_path], workers=1)}
    assert results["good.txt"].error is None and results["good.txt"].records
    assert "empty" in (results["empty.txt"].error or "")
    assert "binary" in (results["bin.txt"].error or "")
    assert process(tmp_path / "empty.txt").error is not None


def test_limit_is_documented() -> None:
    assert "refused" in (loaders.__doc__ or "") and loaders.MAX_BYTES < 50 * 1024 * 1024
