"""Agreement metadata on short texts written for the tests (FR, IT, EN, DE, ES)."""

import pytest

from contractkg.ingest.document import Agreement, Document
from contractkg.ingest.structure import metadata


def run(text):
    doc = Document(source="t.txt", text=text)
    ag = Agreement(doc=doc, start=0, end=len(text), title="")
    out = metadata.extract(ag, {})
    return out, out.pop("evidence")


@pytest.mark.parametrize("text, iso", [
    ("12 mars 2024", "2024-03-12"), ("1er mai 2025", "2025-05-01"), ("March 1, 2024", "2024-03-01"),
    ("1 March 2024", "2024-03-01"), ("1° marzo 2024", "2024-03-01"), ("1. März 2024", "2024-03-01"),
    ("5 de junio de 2023", "2023-06-05"), ("01.03.2024", "2024-03-01"), ("2024-03-01", "2024-03-01"),
])
def test_parse_date(text, iso):
    assert metadata.parse_date(text) == iso


@pytest.mark.parametrize("text, version", [
    ("Accord de traitement\nVersion 2024.02\n", "2024.02"),
    ("Accordo sul trattamento - Versione 3.1\n", "3.1"),
    ("Data Processing Addendum v2.0\n", "2.0"),
    ("AV-Vertrag, Fassung 4\n", "4"),
    ("Contrato de encargo, versión 1.2\n", "1.2"),
])
def test_version(text, version):
    out, evidence = run(text)
    assert out["version"] == version and "version" in evidence


def test_versions_of_language_are_not_a_version_number():
    out, _ = run("En cas de contradiction entre les versions linguistiques, la version allemande prévaut.")
    assert out["version"] is None


@pytest.mark.parametrize("text, field, value", [
    ("Dernière mise à jour : 12 mars 2024.\n1. Objet", "date", "2024-03-12"),
    ("Last updated: March 1, 2024\n1. Scope", "date", "2024-03-01"),
    ("Le présent contrat entre en vigueur le 1er janvier 2025.", "effective_date", "2025-01-01"),
    ("Il presente accordo entra in vigore il 1° marzo 2024.", "effective_date", "2024-03-01"),
    ("Dieser Vertrag tritt am 01.02.2024 in Kraft.", "effective_date", "2024-02-01"),
    ("This Agreement is concluded for a term of twelve (12) months.", "term", "P12M"),
    ("Il contratto è stipulato per una durata di 2 anni.", "term", "P2Y"),
    ("Der Vertrag wird für eine Laufzeit von 24 Monaten geschlossen.", "term", "P24M"),
    ("El contrato se celebra por un plazo de un año.", "term", "P1Y"),
    ("La durée du traitement correspond à la durée de l'Accord principal.", "term", metadata.COTERMINOUS),
    ("Chaque partie peut résilier le contrat avec un préavis de trois (3) mois.", "termination_notice", "P3M"),
    ("Either party may terminate this Agreement on thirty (30) days' written notice.", "termination_notice", "P30D"),
    ("Ciascuna parte può recedere con un preavviso di 60 giorni.", "termination_notice", "P60D"),
    ("Der Vertrag kann mit einer Kündigungsfrist von 3 Monaten gekündigt werden.", "termination_notice", "P3M"),
    ("Cualquiera de las partes podrá resolver el contrato con un preaviso de 15 días.", "termination_notice", "P15D"),
])
def test_fields(text, field, value):
    out, evidence = run(text)
    assert out[field] == value
    assert field in evidence


@pytest.mark.parametrize("text, main", [
    ("Le présent Accord fait partie intégrante du Contrat de Services Zorbex entre Zorbex et le Client.", "Contrat de Services Zorbex"),
    ("This DPA forms part of the Master Subscription Agreement between the parties.", "Master Subscription Agreement"),
    ("Il presente accordo costituisce parte integrante del Contratto Quadro.", "Contratto Quadro"),
    ("Diese Vereinbarung ist Bestandteil des Hauptvertrags.", "Hauptvertrags"),
])
def test_main_agreement(text, main):
    out, _ = run(text)
    assert out["main_agreement"] == main


def test_nothing_stated():
    out, evidence = run("1. Le Prestataire fournit le service.")
    assert out["version"] is None and out["term"] is None and out["main_agreement"] is None
    assert out["title"] == "1. Le Prestataire fournit le service."
    assert evidence == {}
