"""Clause headings in every style, tree building, table of contents, bullets, clause language."""

from __future__ import annotations

import pytest

from contractkg.ingest.document import Agreement, Document
from contractkg.ingest.structure.clauses import parse_clauses, parse_heading


@pytest.mark.parametrize(("line", "number", "heading"), [
    ("1. Object of the agreement", "1", "Object of the agreement"),
    ("2.1 Le Prestataire s'engage", "2.1", "Le Prestataire s'engage"),
    ("7,3 Il Fornitore notifica", "7.3", "Il Fornitore notifica"),
    ("1) Gegenstand des Vertrags", "1", "Gegenstand des Vertrags"),
    ("4 - DURÉE", "4", "DURÉE"),
    ("(a) the name of the controller", "(a)", "the name of the controller"),
    ("b) i dati di contatto", "(b)", "i dati di contatto"),
    ("(iv) any transfer", "(iv)", "any transfer"),
    ("Article 5 – Confidentialité", "5", "Confidentialité"),
    ("Art. 5 Riservatezza", "5", "Riservatezza"),
    ("Clause 9", "9", ""),
    ("Section 4.2 Audits", "4.2", "Audits"),
    ("§ 3 Pflichten des Auftragnehmers", "3", "Pflichten des Auftragnehmers"),
    ("Articolo 12 - Legge applicabile", "12", "Legge applicabile"),
    ("ANNEXE B", "ANNEXE B", ""),
    ("Annexe 1 – Description du traitement", "Annexe 1", "Description du traitement"),
    ("Allegato 3: Ulteriori responsabili", "Allegato 3", "Ulteriori responsabili"),
    ("Anlage 2 Technische und organisatorische Maßnahmen", "Anlage 2", "Technische und organisatorische Maßnahmen"),
    ("Schedule 3 - Sub-processors", "Schedule 3", "Sub-processors"),
    ("Appendix I", "Appendix I", ""),
    ("Artigo 5 – Subcontratação", "5", "Subcontratação"),
    ("Cláusula 3. Objeto do contrato", "3", "Objeto do contrato"),
    ("Secção 2 Duração", "2", "Duração"),
    ("Anexo II – Medidas técnicas", "Anexo II", "Medidas técnicas"),
    ("Artikel 7 Geheimhouding", "7", "Geheimhouding"),
    ("Clausule 2 - Duur en beëindiging", "2", "Duur en beëindiging"),
    ("Bijlage 1: Subverwerkers", "Bijlage 1", "Subverwerkers"),
])
def test_heading_styles(line: str, number: str, heading: str) -> None:
    parsed = parse_heading(line)
    assert parsed is not None and parsed[1] == number and parsed[2] == heading


@pytest.mark.parametrize("line", [
    "12 mois après la fin du contrat, les données sont supprimées.",
    "2024 was a good year",
    "• Annexe 2 des conditions",
    "- 3. Objet",
    "Le Client s'engage à respecter les présentes conditions.",
])
def test_not_headings(line: str) -> None:
    assert parse_heading(line) is None


def agreement(text: str, language: str = "en") -> Agreement:
    ag = Agreement(doc=Document(source="t.txt", text=text), start=0, end=len(text), language=language)
    ag.clauses = parse_clauses(ag)
    return ag


def test_tree_bullets_and_spans() -> None:
    text = ("Contents\n1. Scope\n2. Security\nAnnex 1 Measures\n\n"
            "1. Scope\nThe Processor processes data.\n"
            "2. Security\n2.1 Measures\nThe Processor shall:\n• encrypt data;\n• log access.\n"
            "(a) at rest\n(b) in transit\n2.2 Review\nYearly.\n"
            "Annex 1 Measures\n1. Access control\nBadges.\n")
    ag = agreement(text)
    numbers = [c.number for c in ag.clauses]
    assert numbers == ["1", "2", "2.1", "(a)", "(b)", "2.2", "Annex 1", "1"]  # contents skipped
    by_no = {c.number: c for c in ag.clauses}
    assert ag.clauses[by_no["2.1"].parent].number == "2"
    assert ag.clauses[by_no["(a)"].parent].number == "2.1"
    assert "log access" in text[by_no["2.1"].start : by_no["2.1"].end]  # bullets stay in 2.1
    assert text[by_no["2"].start : by_no["2"].end].endswith("Yearly.\n")
    assert ag.clauses[-1].parent == 6 and ag.clauses[-1].level == 2
    assert ag.clause_at(text.index("Badges")).number == "1"


def test_flat_ordered_list_renumbered_it() -> None:
    text = "".join(f"1. Titolo {i}\nIl Fornitore tratta i dati.\n" for i in range(4))
    assert [c.number for c in agreement(text, "it").clauses] == ["1", "2", "3", "4"]


def test_clause_language_in_mixed_file() -> None:
    text = ("1. Gegenstand\nDer Auftragnehmer verarbeitet die personenbezogenen Daten nur auf Weisung des "
            "Auftraggebers und ist für die Einhaltung der Vorschriften verantwortlich, die in dem Vertrag stehen.\n"
            "2. Subject matter\nThe processor shall process the personal data only on documented instructions "
            "of the controller and shall be responsible for the compliance with the rules of this agreement.\n")
    ag = agreement(text, "de")
    assert [c.language for c in ag.clauses] == ["de", "en"]


def test_heading_on_next_line() -> None:
    text = "Clause 8\nData protection safeguards\n8.1 Instructions\nThe data importer shall act on instructions.\n"
    ag = agreement(text)
    assert [(c.number, c.heading) for c in ag.clauses] == [
        ("8", "Data protection safeguards"), ("8.1", "Instructions")]
