"""Segmentation of files published from web sources and of edge layouts: titles in YAML front matter,
inside HTML/JSX/Blade markup, hyphenated German compounds; signature blocks and lead-in lines that
are no agreement; a UK Addendum after the SCCs; texts with no contract at all. All texts are
written for these tests."""

from __future__ import annotations

import pytest

from contractkg.ingest.document import Document
from contractkg.ingest.load.markup import clean_line, front_matter
from contractkg.ingest.structure.segment import split_agreements

DPA_BODY = {
    "en": "The Processor processes personal data on behalf of the Controller and only on its documented instructions.",
    "de": "Der Auftragnehmer verarbeitet personenbezogene Daten im Auftrag des Auftraggebers nach dessen Weisungen.",
    "es": "El Encargado trata los datos personales por cuenta del Responsable y siguiendo sus instrucciones.",
    "pt": "O Subcontratante trata os dados pessoais por conta do Responsável e segundo as suas instruções.",
    "nl": "De Verwerker verwerkt de persoonsgegevens uitsluitend in opdracht van de Verwerkingsverantwoordelijke.",
    "fr": "Le Sous-traitant traite les données personnelles pour le compte du Responsable du traitement.",
    "it": "Il Responsabile tratta i dati personali per conto del Titolare e secondo le sue istruzioni.",
}


# A second sentence on the parties' duties: with the first, enough contract words for an untitled text.
PARTIES = {
    "en": "Each party shall bear its own liability under this agreement.",
    "de": "Jede Partei trägt die Haftung nach diesem Vertrag selbst.",
    "es": "Cada parte asume su responsabilidad conforme al presente contrato.",
    "pt": "Cada parte assume a sua responsabilidade nos termos do presente contrato.",
    "nl": "Elke partij draagt haar eigen aansprakelijkheid onder deze overeenkomst.",
    "fr": "Chaque partie assume sa responsabilité au titre du présent contrat.",
    "it": "Ciascuna parte risponde della propria responsabilità ai sensi del presente contratto.",
}


def numbered(sentence: str, n: int = 6) -> str:
    return "".join(f"{i}. Heading {i}\n{sentence} {sentence}\n\n" for i in range(1, n + 1))


def split(text: str) -> list[tuple[int, str]]:
    return [(a.line, a.kind) for a in split_agreements(Document(source="t.md", text=text))]


def line_no(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


@pytest.mark.parametrize(("line", "clean"), [
    ('<h1 className="text-3xl font-bold">Terms of Use</h1>', "Terms of Use"),
    ("<h2>1. Objet</h2>", "1. Objet"),
    ("{/* draft, do not publish */}", ""),
    ("{{ __('Data Processing Agreement') }}", "Data Processing Agreement"),
    ("@lang('Auftragsverarbeitungsvertrag')", "Auftragsverarbeitungsvertrag"),
    ("@section('title', 'Algemene Voorwaarden')", "Algemene Voorwaarden"),
    ("@section('content')", ""),
    ('<LegalPage title="Verwerkersovereenkomst" />', "Verwerkersovereenkomst"),
    ("import Callout from '../components/Callout'", ""),
    ("export default function Page() {", ""),
    ("</div>", ""),
    ("The Processor shall notify the Controller &amp; the authority.", "The Processor shall notify the Controller & the authority."),
    ("Contact: privacy@example.org", "Contact: privacy@example.org"),
])
def test_clean_line(line: str, clean: str) -> None:
    assert clean_line(line) == clean


def test_plain_line_is_returned_unchanged() -> None:
    line = "12. The Customer may object within 30 days."
    assert clean_line(line) is line


def test_front_matter_title_and_extent() -> None:
    lines = ["---", "title: Contrato de Encargado del Tratamiento", "order: 3", "---", "# Contrato"]
    assert front_matter(lines) == (0, 3, "Contrato de Encargado del Tratamiento")
    assert front_matter(["---", "Some text without a key", "more"]) is None  # a rule opening the text
    assert front_matter(["# Title", "---"]) is None


@pytest.mark.parametrize(("lang", "title"), [
    ("es", "Contrato de Tratamiento de Datos"),
    ("pt", "Acordo de Processamento de Dados"),
    ("nl", "Verwerkersovereenkomst"),
])
def test_front_matter_title_opens_the_agreement(lang: str, title: str) -> None:
    text = f"---\ntitle: {title}\nslug: legal/dpa\nsigned: true\n---\n\n" + numbered(DPA_BODY[lang])
    assert split(text) == [(2, "dpa")]


@pytest.mark.parametrize(("lang", "title", "heading"), [
    ("en", '"Data Processing Addendum"', "# Data Processing Addendum"),
    ("es", "Contrato de Tratamiento de Datos", "# Contrato de Encargado de Tratamiento"),
    ("nl", "Verwerkersovereenkomst", "## Verwerkersovereenkomst Voorbeeld B.V."),
])
def test_body_title_after_the_front_matter_opens_the_agreement(lang: str, title: str, heading: str) -> None:
    text = f"---\ntitle: {title}\norder: 2\n---\n\n{heading}\n\n" + numbered(DPA_BODY[lang])
    assert split(text) == [(6, "dpa")]


@pytest.mark.parametrize(("lang", "heading"), [
    ("en", '<h1 className="title">Data Processing Addendum</h1>'),
    ("de", "<h1>Auftragsverarbeitungs-Vertrag</h1>"),
    ("nl", "{{ __('Verwerkersovereenkomst') }}"),
    ("pt", '<PageTitle title="Contrato de Operador" />'),
])
def test_title_inside_markup(lang: str, heading: str) -> None:
    text = ("import Layout from '../layouts/Legal'\n\nexport default function Page() {\n  return (\n    <Layout>\n"
            f"      {{/* reviewed by legal */}}\n      {heading}\n" + numbered("      <p>" + DPA_BODY[lang] + "</p>")
            + "    </Layout>\n  );\n}\n")
    assert split(text) == [(line_no(text, heading), "dpa")]


@pytest.mark.parametrize("title", ["Auftragsverarbeitungs-Vertrag", "AV-Vereinbarung", "Auftragsverarbeitungsvereinbarung (AVV)"])
def test_hyphenated_and_compound_german_titles_are_dpas(title: str) -> None:
    text = f"# {title}\n\n" + numbered(DPA_BODY["de"])
    assert split(text) == [(1, "dpa")]


@pytest.mark.parametrize(("lang", "signature"), [
    ("es", "**Por el ENCARGADO del Tratamiento - Ejemplo Servicios, S.L.:**"),
    ("pt", "Pelo Subcontratante – Exemplo Tecnologia, Lda."),
    ("nl", "Voor de Verwerker: Voorbeeld Diensten B.V."),
    ("de", "Für den Auftragsverarbeiter"),
    ("en", "For and on behalf of the Processor (Data Processing Agreement)"),
])
def test_signature_block_is_not_an_agreement(lang: str, signature: str) -> None:
    title = {"es": "Contrato de encargo del tratamiento", "pt": "Acordo de tratamento de dados",
             "nl": "Verwerkersovereenkomst", "de": "Auftragsverarbeitungsvertrag",
             "en": "Data Processing Agreement"}[lang]
    text = f"{title}\n\n" + numbered(DPA_BODY[lang], 10) + f"{signature}\nNombre / Name: ______\nFirma: ______\n"
    assert split(text) == [(1, "dpa")]


@pytest.mark.parametrize(("lang", "lead_in"), [
    ("fr", "Au sens du présent accord de traitement des données :"),
    ("en", "For the purposes of this Data Processing Agreement:"),
    ("it", "Ai fini del presente accordo sul trattamento dei dati:"),
])
def test_lead_in_ending_in_a_colon_does_not_open_an_agreement(lang: str, lead_in: str) -> None:
    title = {"fr": "Accord de traitement des données", "en": "Data Processing Agreement",
             "it": "Accordo sul trattamento dei dati"}[lang]
    text = f"{title}\n\n" + numbered(DPA_BODY[lang], 6) + lead_in + "\n" + numbered(DPA_BODY[lang], 4)
    assert split(text) == [(1, "dpa")]


SCC_BODY = ("The data importer shall process the personal data only on documented instructions from the data "
            "exporter. The Parties agree that these Clauses prevail in case of conflict. ")


def test_uk_addendum_after_the_sccs_is_an_agreement_of_its_own() -> None:
    sccs = "STANDARD CONTRACTUAL CLAUSES\n\nSECTION I\n\n" + "".join(
        f"Clause {i}\nHeading {i}\n{SCC_BODY * 2}\n\n" for i in range(1, 9))
    addendum = ("International Data Transfer Addendum to the EU Commission Standard Contractual Clauses\n"
                "VERSION B1.0, in force 21 March 2022\n"
                "This Addendum has been issued by the Information Commissioner for Parties making Restricted "
                "Transfers. The Information Commissioner considers that it provides appropriate safeguards.\n\n"
                "Part 1: Tables\nTable 1: Parties\n" + SCC_BODY * 4)
    text = sccs + addendum
    assert split(text) == [(1, "scc"), (line_no(text, "International Data Transfer Addendum"), "scc")]


def test_uk_addendum_as_a_numbered_annex_of_the_sccs() -> None:
    sccs = "Standard Contractual Clauses (Module Two)\n\n" + "".join(
        f"Clause {i}\nHeading {i}\n{SCC_BODY * 2}\n\n" for i in range(1, 9))
    text = sccs + "ANNEX IV\nUK Addendum\n\n" + "".join(f"{i}. Table {i}\n{SCC_BODY}\n" for i in range(1, 5))
    assert [k for _, k in split(text)] == ["scc", "scc"]


def test_mention_of_the_uk_addendum_inside_a_dpa_does_not_split_it() -> None:
    text = "Data Processing Agreement\n\n" + numbered(DPA_BODY["en"], 5) + "UK Addendum\n" \
        + "Transfers from the United Kingdom are also made under the UK Addendum, which the parties incorporate. " * 3 \
        + "\n\n" + numbered(DPA_BODY["en"], 3).replace("1. Heading", "7. Heading")
    assert split(text) == [(1, "dpa")]


@pytest.mark.parametrize("text", [
    "hello world\n",
    "# contractkg-demo\n\nA small tool that renders Markdown pages.\n\n## Installation\n\nnpm install\nnpm run dev\n",
    "Meeting notes\n\n- buy milk\n- call Anna about the trip\n- book the train to Lyon\n",
    "# Projekt\n\nDieses Repository enthält die Quelltexte der Webseite.\n\n## Start\n\nnpm start\n",
])
def test_text_without_contractual_content_yields_no_agreement(text: str) -> None:
    assert split(text) == []


@pytest.mark.parametrize(("lang", "kind"), [("en", "dpa"), ("de", "dpa"), ("es", "dpa"), ("pt", "dpa"), ("nl", "dpa"),
                                            ("fr", "dpa"), ("it", "dpa")])
def test_untitled_text_about_a_processor_is_a_dpa(lang: str, kind: str) -> None:
    assert split(numbered(DPA_BODY[lang] + " " + PARTIES[lang], 5)) == [(1, kind)]


def test_untitled_terms_stay_terms() -> None:
    body = "The Customer pays the fees and the Provider makes the service available; either party may terminate. "
    assert split(numbered(body, 5)) == [(1, "terms")]


PT_BODY = ("O Subcontratante trata os dados pessoais por conta do Responsável pelo tratamento, segundo as suas "
           "instruções documentadas, e cada parte assume a sua responsabilidade. ")


@pytest.mark.parametrize("row", [
    "| Exemplo Inc. | EUA | Cláusulas contratuais-tipo |",
    "Exemplo Inc.\tEUA\tCláusulas contratuais-tipo",
    "Exemplo Inc.      EUA      Cláusulas contratuais-tipo",
    "Garantia: Cláusulas contratuais-tipo",
    "Exemplo Inc. (EUA)\nCláusulas contratuais-tipo",
])
def test_safeguard_in_a_sub_processor_annex_opens_no_scc(row: str) -> None:
    """A table row or a cell naming the SCCs as a safeguard, with the next annex's own numbering
    after it, is no SCC agreement."""
    text = ("Acordo de Tratamento de Dados\n\n" + "".join(f"Cláusula {i} – Tema\n{PT_BODY}\n\n" for i in range(1, 9))
            + "Anexo II – Subcontratantes ulteriores\n\n" + row + "\n\nAnexo III – Medidas\n\n"
            + "".join(f"{i}. Medida {i}\nO Subcontratante cifra os dados e controla os acessos.\n" for i in range(1, 5)))
    assert split(text) == [(1, "dpa")]
