"""Loaders: every text encoding, HTML structure and boilerplate, DOCX numbering, PDF layout."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from contractkg.ingest.load.loaders import SUPPORTED, load

FR = "Accord de traitement des données\n\n1. Objet\nLe Sous-traitant s’engage à traiter les données à caractère personnel.\n"
IT = "Accordo sul trattamento dei dati\n\n1. Oggetto\nIl Responsabile tratta i dati personali per conto del Titolare.\n"
DE = "Vereinbarung zur Auftragsverarbeitung\n\n§ 1 Gegenstand\nDer Auftragnehmer verarbeitet personenbezogene Daten für den Auftraggeber gemäß Weisung.\n"
EN = "Data Processing Agreement\n\n1. Subject matter\nThe Processor shall process personal data on behalf of the Controller.\n"


@pytest.mark.parametrize("text", [FR, IT, DE, EN])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le-nobom", "cp1252", "latin-1"])
def test_text_encodings(tmp_path: Path, text: str, encoding: str) -> None:
    if encoding in ("cp1252", "latin-1"):
        text = text.replace("’", "'")  # not in Latin-1
    if encoding == "utf-16-le-nobom":
        raw = text.encode("utf-16-le")
    else:
        raw = text.encode(encoding)
    p = tmp_path / "c.txt"
    p.write_bytes(raw.replace(b"\n", b"\r\n") if encoding == "cp1252" else raw)
    doc = load(p)
    assert doc.text.strip() == text.strip()
    assert "\r" not in doc.text and "\ufeff" not in doc.text


def test_utf8_bom_is_not_text(tmp_path: Path) -> None:
    p = tmp_path / "b.md"
    p.write_bytes(codecs.BOM_UTF8 + EN.encode())
    assert load(p).text.startswith("Data Processing Agreement")


def test_supported_suffixes() -> None:
    assert {".txt", ".md", ".html", ".htm", ".pdf", ".docx"} <= SUPPORTED


def test_html_structure_and_boilerplate(tmp_path: Path) -> None:
    page = """<html><body>
    <div id="cookie-consent"><p>Nous utilisons des cookies.</p><button>Tout accepter</button></div>
    <nav><ul><li>Produits</li><li>Tarifs</li></ul></nav>
    <h1>Conditions générales de service</h1>
    <p>Les présentes conditions régissent l’usage du service.</p>
    <h2>Article 1 – Objet</h2>
    <ol><li>Le Prestataire fournit le service.</li><li>Le Client paie le prix.</li></ol>
    <table><tr><th>Sous-traitant</th><th>Pays</th></tr><tr><td>Exemple SAS</td><td>France</td></tr></table>
    <section class="demo-cta"><h3>Demandez une démo</h3></section>
    <p>Demandez une démo</p>
    </body></html>"""
    p = tmp_path / "t.html"
    p.write_text(page, encoding="utf-8")
    doc = load(p)
    lines = [x for x in doc.text.split("\n") if x]
    assert lines[0] == "Conditions générales de service"
    assert "1. Le Prestataire fournit le service." in lines and "2. Le Client paie le prix." in lines
    assert "Sous-traitant | Pays" in lines and "Exemple SAS | France" in lines
    assert "cookies" not in doc.text and "Produits" not in doc.text and "démo" not in doc.text
    kinds = {h.kind for h in doc.hints}
    assert {"heading", "list_item", "table_row"} <= kinds
    heading = next(h for h in doc.hints if h.kind == "heading" and h.level == 2)
    assert doc.text[heading.start : heading.end] == "Article 1 – Objet"


def test_docx_numbering_and_tables(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_heading("Accordo sul trattamento dei dati", 1)
    for item in ("Oggetto", "Durata", "Obblighi del Responsabile"):
        d.add_paragraph(item, style="List Number")
    d.add_paragraph("un punto elenco", style="List Bullet")
    t = d.add_table(rows=2, cols=3)
    for i, cell in enumerate(("Società", "Servizio", "Paese", "Esempio S.r.l.", "Hosting", "Italia")):
        t.cell(i // 3, i % 3).text = cell
    p = tmp_path / "a.docx"
    d.save(str(p))
    doc = load(p)
    lines = [x for x in doc.text.split("\n") if x]
    assert lines[:5] == ["Accordo sul trattamento dei dati", "1. Oggetto", "2. Durata",
                         "3. Obblighi del Responsabile", "• un punto elenco"]
    assert "Esempio S.r.l. | Hosting | Italia" in lines
    assert any(h.kind == "heading" for h in doc.hints)


def test_pdf_layout_headers_and_hyphens(tmp_path: Path) -> None:
    fpdf = pytest.importorskip("fpdf")
    font = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if not font.exists():
        pytest.skip("no Unicode font")
    class Paged(fpdf.FPDF):
        def header(self) -> None:
            self.set_font("f", size=8)
            self.cell(0, 5, "Vertraulich – Auftragsverarbeitung", new_x="LMARGIN", new_y="NEXT")

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("f", size=8)
            self.cell(0, 5, f"Seite {self.page_no()} von 3", align="C")

    pdf = Paged(format="A4")
    pdf.add_font("f", "", str(font))
    pdf.set_auto_page_break(True, margin=20)
    for page in range(1, 4):
        pdf.add_page()
        pdf.set_font("f", size=10)
        pdf.multi_cell(0, 5, f"§ {page} Pflichten", new_x="LMARGIN", new_y="NEXT")
        pdf.multi_cell(0, 5, "Der Auftragnehmer verarbeitet die personenbezogenen Daten ausschließlich im Rahmen der "
                       "getroffenen Vereinbarungen und nach dokumentierter Weisung des Auftraggebers, soweit er "
                       "nicht durch das Recht der Union oder der Mitgliedstaaten, dem er unterliegt, zur Verarbei-",
                       new_x="LMARGIN", new_y="NEXT")
        pdf.multi_cell(0, 5, f"tung verpflichtet ist; Frist: {page * 7} Tage.", new_x="LMARGIN", new_y="NEXT")
    p = tmp_path / "v.pdf"
    pdf.output(str(p))
    doc = load(p)
    assert len(doc.page_starts) == 3
    assert "Vertraulich" not in doc.text and "Seite" not in doc.text
    assert "zur Verarbeitung verpflichtet" in doc.text  # hyphen mended across the line break
    assert doc.text.count("§ ") == 3 and "\n§ 2 Pflichten" in doc.text
    assert doc.text[doc.page_starts[1] :].startswith("§ 2")


def test_utf8_with_a_few_bad_bytes_stays_utf8_and_says_how_many(tmp_path: Path,
                                                                 caplog: pytest.LogCaptureFixture) -> None:
    raw = FR.encode("utf-8").replace(b"Objet", b"Ob\xff\xfejet").replace(b"traiter", b"trai\x81\x8dter")
    p = tmp_path / "damaged.txt"
    p.write_bytes(raw)
    with caplog.at_level("WARNING", logger="contractkg.load"):
        doc = load(p)
    assert "données à caractère personnel" in doc.text and "s’engage" in doc.text  # not "donnÃ©es"
    assert doc.text.count("\ufffd") == 4 and "Ob\ufffd\ufffdjet" in doc.text
    assert len(caplog.records) == 1 and "4 bytes are not valid UTF-8" in caplog.records[0].getMessage()
    assert "damaged.txt" in caplog.records[0].getMessage()


def test_legacy_8bit_text_is_not_mistaken_for_damaged_utf8(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    p = tmp_path / "latin.txt"
    p.write_bytes((DE + "Über die Gebühren wird gesondert abgerechnet.\n").encode("cp1252"))
    with caplog.at_level("WARNING", logger="contractkg.load"):
        doc = load(p)
    assert "gemäß Weisung" in doc.text and "Gebühren" in doc.text and "\ufffd" not in doc.text
    assert not caplog.records


def test_the_replacement_warning_reaches_stderr_of_extract(tmp_path: Path) -> None:
    import subprocess
    import sys

    p = tmp_path / "damaged.txt"
    p.write_bytes(EN.replace("Subject", "Subject ’").encode("utf-8").replace(b"behalf", b"be\xe9half"))
    res = subprocess.run([sys.executable, "-c", "from contractkg.cli import main; main()", "extract", str(p),
                          "--format", "json"], capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    warning = [ln for ln in res.stderr.splitlines() if "not valid UTF-8" in ln]
    assert warning == [f"warning: {p}: 1 byte is not valid UTF-8, replaced by U+FFFD (the rest is read as UTF-8)"]


def test_deeply_nested_html_keeps_its_text(tmp_path: Path) -> None:
    depth = 10_000
    page = ("<html><body>" + "<div>" * depth + "<h2>Article 1</h2><ol><li>Le Sous-traitant conserve les registres."
            "</li></ol>" + "<span>" * depth + "Der Auftragnehmer löscht die Daten." + "</span>" * depth
            + "</div>" * depth + "</body></html>")
    p = tmp_path / "deep.html"
    p.write_text(page, encoding="utf-8")
    doc = load(p)
    lines = [x for x in doc.text.split("\n") if x]
    assert lines == ["Article 1", "1. Le Sous-traitant conserve les registres.", "Der Auftragnehmer löscht die Daten."]
    assert {h.kind for h in doc.hints} == {"heading", "list_item"}


def test_a_long_single_line_is_cut_at_sentence_ends_without_moving_offsets(tmp_path: Path) -> None:
    from contractkg.ingest.load.loaders import MAX_LINE

    sentence = "Der Auftragnehmer löscht die Daten nach Ende des Auftrags; er bestätigt dies schriftlich. "
    line = (sentence * (300_000 // len(sentence))).strip()
    p = tmp_path / "one_line.txt"
    p.write_text("Vereinbarung\n" + line + "\nEnde\n", encoding="utf-8")
    doc = load(p)
    original = "Vereinbarung\n" + line + "\nEnde\n"
    assert len(doc.text) == len(original)  # a space became a line break
    assert doc.text.replace("\n", " ") == original.replace("\n", " ")
    pieces = doc.text.split("\n")
    assert len(pieces) > 100 and max(len(x) for x in pieces) <= MAX_LINE
    assert all(x.endswith((".", ";")) for x in pieces[1:-3])  # cut after a sentence end
    assert doc.line_of(doc.text.rindex("\nEnde") + 1) == 3 and doc.line_of(len(doc.text) // 2) == 2  # source lines


def test_short_lines_and_spaceless_runs_are_left_alone(tmp_path: Path) -> None:
    p = tmp_path / "c.txt"
    p.write_text(EN, encoding="utf-8")
    assert load(p).source_lines is None
    blob = "x" * 50_000
    p.write_text(f"Annex\n{blob} tail words here\n", encoding="utf-8")
    doc = load(p)
    assert blob in doc.text.split("\n")[1]  # no space to cut at inside the run


def test_a_long_html_paragraph_is_cut_and_keeps_its_hints(tmp_path: Path) -> None:
    body = "Il Responsabile conserva i registri dei trattamenti. " * 400
    p = tmp_path / "p.html"
    p.write_text(f"<html><body><h1>Accordo</h1>\n<ol><li>{body}</li></ol></body></html>", encoding="utf-8")
    doc = load(p)
    item = next(h for h in doc.hints if h.kind == "list_item")
    assert doc.text[item.start : item.end].startswith("1. Il Responsabile") and doc.text.count("\n") > 5
    assert doc.line_of(item.end - 1) == 2  # still the source line of the <li>
