"""Language per text, per agreement (majority over samples) and per clause, in mixed files; seven languages."""

from __future__ import annotations

import pytest

from contractkg.ingest.document import Document
from contractkg.ingest.language import clause_language, detect, dominant
from contractkg.ingest.structure.segment import split_agreements

SAMPLES = {
    "fr": "Le Sous-traitant s'engage à traiter les données uniquement pour la ou les seules finalités qui font "
          "l'objet de la sous-traitance et à garantir la confidentialité des données traitées.",
    "it": "Il Responsabile del trattamento si impegna a trattare i dati esclusivamente per le finalità oggetto "
          "del servizio e a garantire la riservatezza dei dati personali trattati.",
    "en": "The Processor shall process the personal data only on documented instructions from the Controller "
          "and shall ensure that persons authorised to process the data are bound by confidentiality.",
    "de": "Der Auftragnehmer verarbeitet personenbezogene Daten ausschließlich auf dokumentierte Weisung des "
          "Auftraggebers und verpflichtet die zur Verarbeitung befugten Personen zur Vertraulichkeit.",
    "es": "El Encargado del tratamiento tratará los datos personales únicamente siguiendo instrucciones "
          "documentadas del Responsable y garantizará la confidencialidad de los datos tratados.",
    "pt": "O Subcontratante trata os dados pessoais apenas mediante instruções documentadas do Responsável pelo "
          "tratamento e garante que as pessoas autorizadas assumiram um compromisso de confidencialidade.",
    "nl": "De Verwerker verwerkt de persoonsgegevens uitsluitend op basis van schriftelijke instructies van de "
          "Verwerkingsverantwoordelijke en zorgt dat de bevoegde personen tot geheimhouding zijn verplicht.",
}


@pytest.mark.parametrize("lang", sorted(SAMPLES))
def test_detect(lang: str) -> None:
    assert detect(SAMPLES[lang]) == lang


def test_dominant_ignores_a_foreign_title_and_quote() -> None:
    text = "Customer Agreement\n\n" + (SAMPLES["fr"] + "\n") * 6 + "« Quoted in English: " + SAMPLES["en"] + " »\n" \
        + (SAMPLES["fr"] + "\n") * 6
    assert dominant(text) == "fr"


def test_clause_language() -> None:
    assert clause_language(SAMPLES["de"], "fr") == "de"
    assert clause_language(SAMPLES["fr"], "fr") == "fr"
    assert clause_language("Short text.", "it") == "it"


@pytest.mark.parametrize(("lang", "default"), [("pt", "es"), ("nl", "de"), ("pt", "en"), ("nl", "en"), ("es", "pt")])
def test_clause_language_votes_for_pt_and_nl(lang: str, default: str) -> None:
    """A Portuguese or Dutch clause inside an agreement in another language is recognised."""
    assert clause_language(SAMPLES[lang], default) == lang


def test_mixed_file_gives_each_agreement_its_language() -> None:
    body_it = "\n".join(f"{i}. Articolo\n{SAMPLES['it']}" for i in range(1, 9))
    body_en = "\n".join(f"{i}. Clause\n{SAMPLES['en']}" for i in range(1, 9))
    text = "Accordo sul trattamento dei dati\n\n" + body_it + "\n\nAllegato 2\n\nStandard Contractual Clauses\n\n" + body_en
    ags = split_agreements(Document(source="m.txt", text=text))
    assert [(a.kind, a.language) for a in ags] == [("dpa", "it"), ("scc", "en")]
    assert {c.language for c in ags[1].clauses} == {"en"}
