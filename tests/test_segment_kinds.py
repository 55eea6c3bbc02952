"""Agreement kind from a title line, in seven languages (fr, it, en, de, es, pt, nl): article and
preposition variants, compounds, titles naming two kinds. Titles written for these tests."""

from __future__ import annotations

import pytest

from contractkg.ingest.structure import agreement_kinds as ak


@pytest.mark.parametrize(("title", "kind"), [
    # dpa
    ("Accord relatif au traitement des données à caractère personnel", "dpa"),
    ("Accordo per il trattamento dei dati personali", "dpa"),
    ("Data Processing Addendum", "dpa"),
    ("Vertrag über die Auftragsverarbeitung gemäß Art. 28 DSGVO", "dpa"),
    ("Auftragsverarbeitungs-Vertrag", "dpa"),
    ("Contrato de encargado de tratamiento", "dpa"),
    ("Contrato de Encargo del Tratamiento de Datos", "dpa"),
    ("Acordo de Tratamento de Dados Pessoais", "dpa"),
    ("Contrato de Operador de Dados (LGPD)", "dpa"),
    ("Verwerkersovereenkomst", "dpa"),
    ("Overeenkomst inzake de verwerking van persoonsgegevens", "dpa"),
    # terms
    ("Conditions générales d'utilisation", "terms"),
    ("Termini e condizioni del servizio", "terms"),
    ("Termos e Condições de Uso", "terms"),
    ("Termos de Serviço", "terms"),
    ("Algemene Voorwaarden", "terms"),
    ("Gebruiksvoorwaarden van het platform", "terms"),
    # scc, sla, framework, sow
    ("Cláusulas contratuais-tipo", "scc"),
    ("Standaardcontractbepalingen", "scc"),
    ("Acordo de Nível de Serviço", "sla"),
    ("Raamovereenkomst", "framework"),
    ("Acordo-quadro de prestação de serviços", "framework"),
    ("Werkomschrijving", "sow"),
])
def test_title_kind(title: str, kind: str) -> None:
    assert ak.title_kind(title) == kind


@pytest.mark.parametrize(("title", "kind"), [
    ("Data Processing Agreement including the Standard Contractual Clauses", "dpa"),
    ("Standard Contractual Clauses for the transfer of personal data processing", "scc"),
    ("Terms of Service – Data Processing Addendum", "dpa"),
    ("Algemene Voorwaarden – Verwerkersovereenkomst", "dpa"),
    ("Master Services Agreement", "framework"),
])
def test_title_naming_two_kinds(title: str, kind: str) -> None:
    assert ak.title_kind(title) == kind


@pytest.mark.parametrize("title", ["Hello world", "Installation", "Preise und Tarife", "Preguntas frecuentes"])
def test_no_kind(title: str) -> None:
    assert ak.title_kind(title) is None


def test_genitive_folding_is_limited_to_titles() -> None:
    assert ak.title_fold("Encargado DEL Tratamiento") == "encargado de tratamiento"
    assert ak.title_fold("trattamento dei dati") == ak.title_fold("trattamento di dati")
    assert ak.fold("Encargado del Tratamiento") == "encargado del tratamiento"
