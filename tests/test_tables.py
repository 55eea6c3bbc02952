"""Tables: pipe, glued (no separators), single-spaced; header typing; multi-line rows; spans."""

from __future__ import annotations

import pytest

from contractkg.ingest.document import Document
from contractkg.ingest.structure.segment import split_agreements
from contractkg.ingest.structure.table_cells import (
    column_types,
    find_country_spans,
    row_mode,
    split_header,
    split_row,
)
from contractkg.ingest.structure.tables import find_tables, row_record


def tables(text: str):
    doc = Document(source="t.txt", text=text)
    return doc, find_tables(doc)


def test_pipe_table_en() -> None:
    text = ("Annex 3 - Sub-processors\n"
            "Company, address | Service | Country | Safeguard |\n---|---|---|---|\n"
            "Nimbus Hosting Ltd, 1 Cloud Road, Leeds | Hosting | United Kingdom | Adequacy |\n"
            "Parcel Mail Inc. | E-mail delivery | United States | SCC |\n\nEnd of annex.\n")
    doc, found = tables(text)
    assert len(found) == 1
    t = found[0]
    assert column_types(t.header) == ["name", "service", "country", "safeguard"]
    assert [r[0] for r in t.rows] == ["Nimbus Hosting Ltd, 1 Cloud Road, Leeds", "Parcel Mail Inc."]
    assert row_record(t, t.rows[1]) == {"name": "Parcel Mail Inc.", "service": "E-mail delivery",
                                        "country": "United States", "safeguard": "SCC"}
    s, e = t.row_spans[1]
    assert doc.text[s:e].startswith("Parcel Mail Inc.")


def test_glued_table_fr() -> None:
    text = ("ANNEXE B : Liste\n\n"
            "NOM DU PRESTATAIREACTIVITÉ CONFIÉEPAYS D’HÉBERGEMENTGARANTIES\n"
            "NUAGEXSauvegarde chiffrée des donnéesALLEMAGNEN/A\n"
            "POSTAL FLUXEnvoi de courriels transactionnelsÉTATS-UNISCCT\n"
            "TRADUCTO\n(option)\nTraduction automatiqueSUISSEAdéquation\n\nSuite du texte.\n")
    _doc, found = tables(text)
    assert len(found) == 1
    t = found[0]
    assert t.header == ["NOM DU PRESTATAIRE", "ACTIVITÉ CONFIÉE", "PAYS D’HÉBERGEMENT", "GARANTIES"]
    assert t.rows[0] == ["NUAGEX", "Sauvegarde chiffrée des données", "ALLEMAGNE", "N/A"]
    assert t.rows[1] == ["POSTAL FLUX", "Envoi de courriels transactionnels", "ÉTATS-UNIS", "CCT"]
    assert t.rows[2] == ["TRADUCTO (option)", "Traduction automatique", "SUISSE", "Adéquation"]
    assert len(t.row_spans) == 3


def test_single_spaced_table_it() -> None:
    text = ("Allegato 3 – Responsabili\n\n"
            "Società, indirizzo Servizio erogato Garanzie per il trasferimento\n"
            "Alfa Servizi S.r.l., Via Roma 1, 20100 Milano Italia Hosting Accordo per il trattamento dei dati\n"
            "Beta Cloud Inc., 5 Main Street, Austin, TX 78701 USA Posta elettronica Clausole contrattuali tipo\n")
    _doc, found = tables(text)
    t = found[0]
    assert column_types(t.header) == ["name", "service", "safeguard"]
    assert t.rows[0] == ["Alfa Servizi S.r.l., Via Roma 1, 20100 Milano Italia", "Hosting",
                         "Accordo per il trattamento dei dati"]
    assert t.rows[1][1:] == ["Posta elettronica", "Clausole contrattuali tipo"]


def test_single_spaced_table_de_with_country_column() -> None:
    text = ("Anlage 2\n\nUnterauftragnehmer Leistung Standort\n"
            "Beispiel Rechenzentrum GmbH Betrieb der Server Deutschland\n"
            "Muster Support AG Kundenservice Österreich\n")
    _doc, found = tables(text)
    assert [r[2] for r in found[0].rows] == ["Deutschland", "Österreich"]
    assert found[0].rows[0][:2] == ["Beispiel Rechenzentrum GmbH", "Betrieb der Server"]


def test_prose_is_not_a_table() -> None:
    text = ("2.2 Traitement des Données par le Client\n"
            "Le Client agissant en tant que Responsable de traitement reste seul responsable.\n"
            "(b) appliquer les mêmes conditions de protection des données à tout Sous-traitant\n"
            "(c) rester responsable vis-à-vis du Client\n")
    assert tables(text)[1] == []


def test_header_and_country_helpers() -> None:
    assert split_header("NAME OF ENTITYSERVICESLOCATION") == ["NAME OF ENTITY", "SERVICES", "LOCATION"]
    assert [c for _a, _b, c in find_country_spans("HostingFRANCEN/A")] == ["FR"]
    assert find_country_spans("ROMANCE") == []
    assert split_row("Acme | Hosting | France", ["name", "service", "country"]) == ["Acme", "Hosting", "France"]


def test_title_case_header_en() -> None:
    text = ("Schedule 3 – Sub-processors\n\nSub-Processor Name Purpose Of Processing Country\n"
            "Nimbus Cloud Inc. Cloud hosting United States\nMailfox Email delivery Ireland\n")
    t = tables(text)[1][0]
    assert t.header == ["Sub-Processor Name", "Purpose Of Processing", "Country"]
    assert t.rows == [["Nimbus Cloud Inc.", "Cloud hosting", "United States"], ["Mailfox", "Email delivery", "Ireland"]]


# Separated header (pipes, tabs, runs of spaces) over rows that lost their separators, five languages.
GLUED_UNDER_HEADER = {
    "fr": ("Nom | Activité | Pays | Garanties",
           ["NUBOXSauvegardeFRANCEN/A", "LAMBDA IRELAND LIMITEDEnvoi de SMSIRLANDEN/A",
            "ZETA INC.Envoi de courrielsÉTATS-UNISClauses contractuelles types"],
           [["NUBOX", "Sauvegarde", "FRANCE", "N/A"], ["LAMBDA IRELAND LIMITED", "Envoi de SMS", "IRLANDE", "N/A"],
            ["ZETA INC.", "Envoi de courriels", "ÉTATS-UNIS", "Clauses contractuelles types"]]),
    "it": ("Nome | Attività | Paese | Garanzie",
           ["NUBOXBackupFRANCIAN/A", "ZETA INC.Invio di e-mailSTATI UNITIClausole contrattuali tipo"],
           [["NUBOX", "Backup", "FRANCIA", "N/A"],
            ["ZETA INC.", "Invio di e-mail", "STATI UNITI", "Clausole contrattuali tipo"]]),
    "en": ("Name\tService\tCountry\tSafeguard",
           ["NUBOXBackupFRANCEN/A", "LAMBDA IRELAND LIMITEDSMS deliveryIRELANDSCC"],
           [["NUBOX", "Backup", "FRANCE", "N/A"], ["LAMBDA IRELAND LIMITED", "SMS delivery", "IRELAND", "SCC"]]),
    "de": ("Name    Leistung    Land    Garantien",
           ["NUBOX GmbHDatensicherungDEUTSCHLANDN/A", "LAMBDA LIMITEDSMS-VersandIRLANDN/A"],
           [["NUBOX GmbH", "Datensicherung", "DEUTSCHLAND", "N/A"], ["LAMBDA LIMITED", "SMS-Versand", "IRLAND", "N/A"]]),
    "es": ("Nombre | Servicio | País | Garantías\n---|---|---|---",
           ["NUBOXAlojamientoESPAÑAN/A", "ZETA INC.Envío de correosESTADOS UNIDOSCláusulas contractuales tipo"],
           [["NUBOX", "Alojamiento", "ESPAÑA", "N/A"],
            ["ZETA INC.", "Envío de correos", "ESTADOS UNIDOS", "Cláusulas contractuales tipo"]]),
}


@pytest.mark.parametrize("lang", sorted(GLUED_UNDER_HEADER))
def test_separated_header_over_glued_rows(lang: str) -> None:
    header, rows, expected = GLUED_UNDER_HEADER[lang]
    doc, found = tables("Annex 2\n\n" + header + "\n" + "\n".join(rows) + "\n\nEnd.\n")
    assert len(found) == 1
    t = found[0]
    assert column_types(t.header) == ["name", "service", "country", "safeguard"]
    assert t.rows == expected
    assert [doc.text[s:e] for s, e in t.row_spans] == rows


def test_separated_header_over_single_spaced_rows_fr() -> None:
    text = ("Nom | Prestation | Pays | Garanties\n"
            "Nuage Rapide SAS Hébergement France N/A\nLettre Vite Ltd Envoi de courriels Irlande CCT\n")
    t = tables(text)[1][0]
    assert t.rows == [["Nuage Rapide SAS", "Hébergement", "France", "N/A"],
                      ["Lettre Vite Ltd", "Envoi de courriels", "Irlande", "CCT"]]


def test_rows_mixing_glued_wrapped_and_spaced_it() -> None:
    text = ("Nome | Servizio | Paese | Garanzie\n"
            "TRADUCO\n(opzione)\nTraduzione automaticaSVIZZERAAdeguatezza\n"
            "Alfa Servizi S.r.l. Hosting Italia N/A\n")
    t = tables(text)[1][0]
    assert t.rows == [["TRADUCO (opzione)", "Traduzione automatica", "SVIZZERA", "Adeguatezza"],
                      ["Alfa Servizi S.r.l.", "Hosting", "Italia", "N/A"]]


def test_footer_and_prose_end_a_table_de_en() -> None:
    text = ("Name | Leistung | Land | Garantien\nNUBOXHostingDEUTSCHLANDN/A\n"
            "Impressum | Datenschutz | Cookies | Kontakt\n© 2025 Beispiel GmbH\n")
    assert [r[0] for r in tables(text)[1][0].rows] == ["NUBOX"]
    text = ("Name | Service | Country | Safeguard\nNUBOXHostingFRANCEN/A\n"
            "The Processor may update this list from time to time by notifying the Controller in writing.\n")
    assert len(tables(text)[1][0].rows) == 1


def test_pipe_header_over_prose_is_not_a_table() -> None:
    text = "Name | Purpose\nThe parties agree that the annex below applies to all processing under this Agreement.\n"
    assert tables(text)[1] == []


def test_row_mode() -> None:
    assert row_mode("NUBOXHostingFRANCEN/A") == "glued"
    assert row_mode("NUBOX LIMITEDSMS delivery") == "glued"
    assert row_mode("HubSpot Inc. CRM United States SCC") == "spaced"  # one case change: a brand
    assert row_mode("Acme | Hosting") == "separated"


def test_glued_table_attached_to_its_agreement_before_footer() -> None:
    clauses = "\n\n".join(f"{i}. Article {i}\n\nLe Sous-traitant traite les données personnelles pour le compte "
                          "du Client selon ses instructions documentées." for i in range(1, 5))
    text = ("Accord de traitement des données\n\n" + clauses + "\n\nAnnexe 2 - Sous-traitants ultérieurs\n\n"
            "Nom | Activité | Pays | Garanties\nNUBOXHébergementFRANCEN/A\nZETA INC.Envoi de courriels"
            "ÉTATS-UNISClauses contractuelles types\nMentions légales | Confidentialité | Cookies\n"
            "© 2025 Exemple. Tous droits réservés.\n")
    ags = split_agreements(Document(source="t.txt", text=text))
    assert [[r[0] for r in t.rows] for ag in ags for t in ag.tables] == [["NUBOX", "ZETA INC."]]


def test_glued_address_column_and_country_after_acronym_en() -> None:
    text = ("Name | Address | Service | Country\nNUBOX LTD1 Main Street, DublinHostingIRELAND\n"
            "MAILO GmbHHauptstraße 5, BerlinE-MailGERMANY\n")
    assert tables(text)[1][0].rows == [["NUBOX LTD", "1 Main Street, Dublin", "Hosting", "IRELAND"],
                                       ["MAILO GmbH", "Hauptstraße 5, Berlin", "E-Mail", "GERMANY"]]
    text = "Name | Service | Country | Safeguard\nQuillon Inc.CRMUnited StatesDPF\nNubox LimitedBackupIrelandN/A\n"
    assert tables(text)[1][0].rows == [["Quillon Inc.", "CRM", "United States", "DPF"],
                                       ["Nubox Limited", "Backup", "Ireland", "N/A"]]


@pytest.mark.parametrize(("row", "cells"), [
    ("NUBOX | HébergementFRANCEN/A", ["NUBOX", "Hébergement", "FRANCE", "N/A"]),
    ("Nubox SAS | Hébergement France | N/A", ["Nubox SAS", "Hébergement", "France", "N/A"]),
    ("| Nubox GmbH Rechenzentrum | Deutschland | N/A |", ["Nubox GmbH", "Rechenzentrum", "Deutschland", "N/A"]),
    ("Nubox | Hosting in the EU", ["Nubox", "Hosting in the EU", "", ""]),  # prose cell: no border invented
    ("Nubox | Assistenza clienti dall'Italia e dalla Spagna", ["Nubox", "Assistenza clienti dall'Italia e dalla Spagna",
                                                              "", ""]),
])
def test_pipe_row_with_some_separators_lost(row: str, cells: list[str]) -> None:
    assert split_row(row, ["name", "service", "country", "safeguard"], "separated") == cells


@pytest.mark.parametrize(("header", "cells"), [
    ("NOMEATTIVITÀPAESEGARANZIE", ["NOME", "ATTIVITÀ", "PAESE", "GARANZIE"]),
    ("NAMELEISTUNGLANDGARANTIEN", ["NAME", "LEISTUNG", "LAND", "GARANTIEN"]),
    ("NOMBRESERVICIOPAÍSGARANTÍAS", ["NOMBRE", "SERVICIO", "PAÍS", "GARANTÍAS"]),
    ("Nome Attività Paese Garanzie", ["Nome", "Attività", "Paese", "Garanzie"]),
])
def test_unseparated_header_over_glued_rows(header: str, cells: list[str]) -> None:
    t = tables(header + "\nNUBOXHostingSVIZZERAN/A\nZETA INC.Invio di e-mailSTATI UNITIClausole contrattuali tipo\n")[1][0]
    assert t.header == cells
    assert t.rows == [["NUBOX", "Hosting", "SVIZZERA", "N/A"],
                      ["ZETA INC.", "Invio di e-mail", "STATI UNITI", "Clausole contrattuali tipo"]]
