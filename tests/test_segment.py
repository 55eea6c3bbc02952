"""Splitting files into agreements, on small made-up documents in FR/IT/EN/DE, and on the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from contractkg.ingest.document import Document
from contractkg.ingest.load.loaders import load
from contractkg.ingest.structure import agreement_kinds as ak
from contractkg.ingest.structure.segment import split_agreements


def body(n: int, sentence: str) -> str:
    return "\n\n".join(f"{i}. Heading {i}\n\n{sentence} " * 3 for i in range(1, n + 1))


def doc(text: str) -> Document:
    return Document(source="t.txt", text=text)


@pytest.mark.parametrize(("line", "kind"), [
    ("Data Processing Agreement", "dpa"),
    ("Accord de traitement des données", "dpa"),
    ("Accordo sul trattamento dei dati", "dpa"),
    ("Vereinbarung zur Auftragsverarbeitung", "dpa"),
    ("Standard Contractual Clauses", "scc"),
    ("Clausole contrattuali tipo", "scc"),
    ("Allgemeine Geschäftsbedingungen", "terms"),
    ("Conditions générales d'utilisation", "terms"),
    ("Termini e condizioni", "terms"),
    ("Accord-cadre de services", "framework"),
    ("Rahmenvertrag", "framework"),
    ("Service Level Agreement", "sla"),
    ("Statement of Work", "sow"),
    ("Términos y condiciones", "terms"),
    ("Objet du contrat", None),
])
def test_title_kind(line: str, kind: str | None) -> None:
    assert ak.title_kind(line) == kind


@pytest.mark.parametrize(("line", "marker"), [
    ("Annexe B : Liste des sous-traitants", True), ("Allegato 3 – Misure", True), ("Anlage 2", True),
    ("Schedule 3", True), ("Appendix I", True), ("Exhibit C - Security", True),
    ("Pièce jointe C", True), ("Pièce d'identité requise pour le client", False),
    ("- Annexe 2 - Mesures", False), ("The annex to this agreement lists the measures.", False),
])
def test_annex_marker(line: str, marker: bool) -> None:
    assert bool(ak.annex_marker(line)) == marker


def test_terms_with_annexed_dpa_en() -> None:
    text = ("Terms of Service\n\n" + body(6, "The Customer shall pay the fees when due under this Agreement.")
            + "\n\nExhibit B\n\nData Processing Addendum\n\n"
            + body(5, "The Processor shall process personal data only on documented instructions."))
    ags = split_agreements(doc(text))
    assert [a.kind for a in ags] == ["terms", "dpa"]
    assert ags[1].part_of == 0 and ags[1].starts_with.startswith("Data Processing Addendum")
    assert ags[0].language == "en"
    assert "Exhibit B" not in ags[0].text


def test_two_vendors_same_kind_de() -> None:
    part = "Allgemeine Geschäftsbedingungen\n\n" + body(
        5, "Der Anbieter stellt dem Kunden die Software gegen Zahlung der vereinbarten Vergütung bereit.")
    text = "Produkt Eins\n\n" + part + "\n\nProdukt Zwei\n\n" + part
    ags = split_agreements(doc(text))
    assert len(ags) == 2 and all(a.kind == "terms" and a.language == "de" for a in ags)
    assert ags[1].part_of is None
    assert doc(text).line_of(ags[1].start) == text[: ags[1].start].count("\n") + 1


def test_scc_annex_fr_and_numbered_dpa_restart_it() -> None:
    fr = ("Accord sur le traitement des données\n\n" + body(
        4, "Le Sous-traitant traite les données personnelles pour le compte du Responsable du traitement.")
        + "\n\nANNEXE I\n\nA. LISTE DES PARTIES\n\nExportateur de données : le Client.\n")
    ags = split_agreements(doc(fr))
    assert [a.kind for a in ags] == ["dpa", "scc"] and ags[1].part_of == 0
    it = ("Il Cliente accetta le presenti condizioni generali di vendita del servizio offerto dal Fornitore. " * 50
          + "\n1. Descrizione del trattamento dei dati personali\n"
          + "Il Fornitore tratta i dati personali per conto del Cliente secondo le istruzioni. " * 20)
    ags = split_agreements(doc(it))
    assert [a.kind for a in ags] == ["terms", "dpa"] and ags[1].language == "it"


def test_repeated_title_in_short_head_is_one_agreement() -> None:
    text = "Data Processing Agreement\n\nData Processing Agreement\n\n" + body(
        4, "The Processor shall keep personal data confidential.")
    ags = split_agreements(doc(text))
    assert len(ags) == 1 and ags[0].line == 1


def test_site_preamble_and_tail_dropped() -> None:
    text = ("Free trial\nVersion 3\n\nDATA PROCESSING AGREEMENT\n\n"
            + body(4, "The Processor shall notify the Controller of any breach.") + "\n\nRequest a demo\n")
    ags = split_agreements(doc(text))
    assert len(ags) == 1 and ags[0].line == 4
    assert "Request a demo" not in ags[0].text


def test_seeds_split_like_gold(seeds: Path, gold_dir: Path) -> None:
    for gold_file in sorted(gold_dir.glob("*.yaml")):
        gold = yaml.safe_load(gold_file.read_text(encoding="utf-8"))
        ags = split_agreements(load(seeds / gold["source"]))
        assert len(ags) == len(gold["contracts"]), gold_file.name
        for ag, g in zip(ags, gold["contracts"], strict=True):
            assert abs(ag.line - g["line"]) <= 3, (gold_file.name, g["key"], ag.line)
            assert ag.kind == g["kind"], (gold_file.name, g["key"])
            assert ag.language == g["language"], (gold_file.name, g["key"])


P_EN = "The Processor shall process Personal Data only on documented instructions of the Controller. "
P_DE = "Der Auftragnehmer verarbeitet personenbezogene Daten nur auf dokumentierte Weisung des Auftraggebers. "
P_ES = "El Proveedor prestará los servicios conforme a estas condiciones y el Cliente pagará las tarifas. "
P_IT = "Il Fornitore eroga il servizio secondo le presenti condizioni e il Cliente paga il corrispettivo. "


def numbered(p: str, n: int, style: str = "{i}. Heading {i}") -> str:
    return "\n".join(style.format(i=i) + "\n" + p * 3 for i in range(1, n + 1))


@pytest.mark.parametrize(("text", "expected"), [
    ("Log in\n# Example Data Processing Addendum\nLast updated: 1 March 2024\n" + numbered(P_EN, 12)
     + "\nSchedule 1 – Details of Processing\n" + P_EN * 3 + "\nAnnex I\nA. LIST OF PARTIES\nData exporter: Customer.\n"
     + P_EN * 4, [("dpa", "en", 2), ("scc", "en", 30)]),
    ("Vertrag zur Auftragsverarbeitung gemäß Art. 28 DSGVO\n" + numbered(P_DE, 10, "§ {i} Regelung")
     + "\nAnlage 1 – Technische und organisatorische Maßnahmen\n" + P_DE * 3, [("dpa", "de", 1)]),
    ("Términos y Condiciones Generales de Uso\n" + numbered(P_ES, 10, "Cláusula {i}. Objeto")
     + "\nAnexo A – Acuerdo de tratamiento de datos\n" + numbered(P_EN, 6), [("terms", "es", 1), ("dpa", "en", 22)]),
    ("## Termini e condizioni del servizio\n" + numbered(P_IT, 9, "### Articolo {i} - Oggetto")
     + "\n## Allegato 1: Clausole contrattuali tipo\n" + numbered(P_IT, 5), [("terms", "it", 1), ("scc", "it", 20)]),
    ("Terms of Service\n" + numbered(P_EN, 9) + "\nData Processing Addendum\n" + numbered(P_EN, 7),
     [("terms", "en", 1), ("dpa", "en", 20)]),
    ("MASTER SERVICES AGREEMENT\n" + numbered(P_EN, 10) + "\nExhibit A – Service Level Agreement\n"
     + numbered(P_EN, 3) + "\nExhibit B – Statement of Work\n" + numbered(P_EN, 3),
     [("framework", "en", 1), ("sow", "en", 29)]),
])
def test_layouts_in_five_languages(text: str, expected: list[tuple[str, str, int]]) -> None:
    ags = split_agreements(doc(text))
    assert [(a.kind, a.language, a.line) for a in ags] == expected
    assert all(a.part_of == 0 for a in ags[1:])
    assert all(a.clauses for a in ags if a.kind != "scc")


def test_running_header_title_does_not_split() -> None:
    page = "Conditions générales de vente\n" + "\n".join(
        f"{i}. Article\nLe Client paie le prix convenu et le Prestataire fournit le service. " * 3 for i in range(1, 5))
    text = page + "\n" + page.replace("1. Article", "5. Article").replace("2. Article", "6. Article")
    assert len(split_agreements(doc(text))) == 1


def test_embedded_service_levels_and_dpa_reference_stay_inside() -> None:
    text = ("Terms of Use\n" + numbered(P_EN, 8) + "\nService Levels\n" + numbered(P_EN, 3)
            + "\nDATA PROCESSING AGREEMENT\nThe parties agree to the data processing agreement in Exhibit C. "
            + P_EN * 3 + "\n1. the Processor shall keep records of all processing activities carried out for "
            "the Controller and make them available on request;\n" + P_EN * 10)
    assert [a.kind for a in split_agreements(doc(text))] == ["terms"]


def test_site_menu_before_the_title() -> None:
    menu = "Home\nTerms of Service\nPrivacy Policy\nDPA\nData Processing Agreement\nCookie Policy\n\n"
    text = menu + "Data Processing Agreement\nLast updated 2024\n" + numbered(P_EN, 8)
    ags = split_agreements(doc(text))
    assert [(a.kind, a.line) for a in ags] == [("dpa", 8)]
