"""Each seed, converted here to HTML, DOCX and PDF, splits into the same agreements (count, kinds)
and the same clause numbers as its text form. Converted files live in tmp_path only."""

from __future__ import annotations

import html
import os
from pathlib import Path

import pytest

from contractkg.ingest.load.loaders import load
from contractkg.ingest.structure.segment import split_agreements

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def to_html(text: str, out: Path) -> Path:
    body = "\n".join(f"<p>{html.escape(line)}</p>" if line.strip() else "" for line in text.split("\n"))
    out.write_text(f"<!doctype html><html><head><title>t</title><script>x=1</script></head><body>"
                   f"<nav><a href='/'>Home</a></nav><main>{body}</main><footer><p>Footer</p></footer>"
                   f"</body></html>", encoding="utf-8")
    return out


def to_docx(text: str, out: Path) -> Path:
    import docx

    d = docx.Document()
    for line in text.split("\n"):
        d.add_paragraph(line.strip())
    d.save(str(out))
    return out


def to_pdf(text: str, out: Path) -> Path:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_font("body", "", str(FONT))
    pdf.set_font("body", size=8)
    pdf.add_page()
    for line in text.split("\n"):
        if line.strip():
            pdf.multi_cell(0, 4, line.strip(), new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.ln(4)
    pdf.output(str(out))
    return out


def shape(path: Path, items: bool) -> list[tuple[str, list[str | None]]]:
    """(kind, clause numbers) per agreement; ``items`` keeps (a)/(i) sub-items, which a PDF line
    wrap may legitimately move to a line start."""
    return [(a.kind, [c.number for c in a.clauses if items or not (c.number or "").startswith("(")])
            for a in split_agreements(load(path))]


def seed_files(seeds: Path) -> list[Path]:
    return sorted(seeds.glob("*.txt"))


@pytest.mark.parametrize("form", ["html", "docx"])
def test_seed_round_trip_html_docx(seeds: Path, tmp_path: Path, form: str) -> None:
    for src in seed_files(seeds):
        text = src.read_text(encoding="utf-8")
        out = (to_html if form == "html" else to_docx)(text, tmp_path / f"{src.stem}.{form}")
        assert shape(out, items=True) == shape(src, items=True), (form, src.name)


def test_seed_round_trip_pdf(seeds: Path, tmp_path: Path) -> None:
    if not FONT.exists():
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"{FONT} is missing")
        pytest.skip("no DejaVu font to write Unicode PDFs")
    for src in seed_files(seeds):
        text = src.read_text(encoding="utf-8")
        out = to_pdf(text, tmp_path / f"{src.stem}.pdf")
        doc = load(out)
        assert doc.page_starts and doc.media_type == "application/pdf"
        assert shape(out, items=False) == shape(src, items=False), src.name
