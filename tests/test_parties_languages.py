"""Preambles in the seven languages (fr, it, en, de, es, pt, nl): "between ... and ...", defined terms,
blank or bracketed customers, the seat's country. Every sentence is invented for the test."""

import pytest

from contractkg.ingest.document import Agreement, Document
from contractkg.ingest.parties import extractor as parties


def run(text, kind="dpa"):
    doc = Document(source="t.md", text=text)
    ag = Agreement(doc=doc, start=0, end=len(text), kind=kind)
    return parties.extract(ag, {})["parties"]


# (preamble, vendor name, vendor country, vendor's defined term, customer's defined term)
PREAMBLES = {
    "fr": ("Entre : Vallon Numérique SARL, 2 place du Marché, 69001 Lyon, ci-après dénommée « le Prestataire », d'une "
           "part, et le Client, ci-après « le Client », d'autre part.", "Vallon Numérique SARL", "FR", "Prestataire",
           "Client"),
    "it": ("Il presente accordo è stipulato tra Ginestra S.p.A., con sede legale in Corso Italia 5, 10121 Torino "
           "(di seguito \"Fornitore\") e il Cliente (di seguito \"Titolare\").", "Ginestra S.p.A.", "IT", "Fornitore",
           "Titolare"),
    "en": ("This Data Processing Agreement is entered into by and between Harrowgate Labs Inc., a Delaware corporation "
           "(\"Processor\"), and the entity agreeing to these terms (\"Customer\").", "Harrowgate Labs Inc.", "US",
           "Processor", "Customer"),
    "de": ("Zwischen der Lindgrün Hosting GmbH, Gartenweg 12, 04109 Leipzig – nachstehend „Auftragnehmer“ genannt – und "
           "dem Kunden – nachstehend „Auftraggeber“ genannt – wird folgende Vereinbarung geschlossen.",
           "Lindgrün Hosting GmbH", "DE", "Auftragnehmer", "Auftraggeber"),
    "es": ("De una parte, Encina Sistemas, S.L., con domicilio social en Avenida del Puerto 20, 46021 Valencia y CIF "
           "B12345678 (en adelante, el \"Encargado\"), y de otra parte, el Cliente (en adelante, el \"Responsable\").",
           "Encina Sistemas, S.L.", "ES", "Encargado", "Responsable"),
    "pt": ("O presente acordo é celebrado entre Maresia Digital, Lda, com sede na Rua das Flores 10, 4050-262 Porto, "
           "NIPC 509876543 (doravante designada \"Subcontratante\") e o Cliente (doravante \"Responsável pelo "
           "Tratamento\").", "Maresia Digital, Lda", "PT", "Subcontratante", "Responsável pelo Tratamento"),
    "nl": ("Deze verwerkersovereenkomst is gesloten tussen Kievit Software B.V., gevestigd aan Stationsplein 8, 3511 ED "
           "Utrecht (hierna: \"Verwerker\") en de klant (hierna: \"Verwerkingsverantwoordelijke\").",
           "Kievit Software B.V.", "NL", "Verwerker", "Verwerkingsverantwoordelijke"),
}


@pytest.mark.parametrize("lang", sorted(PREAMBLES))
def test_preamble(lang):
    text, name, country, vendor_term, customer_term = PREAMBLES[lang]
    ps = run(text)
    vendor = [p for p in ps if p["name"]]
    assert [p["name"] for p in vendor] == [name]
    assert vendor[0]["country"] == country and "processor" in vendor[0]["roles"]
    assert vendor_term in vendor[0]["defined_as"]
    (customer,) = [p for p in ps if not p["name"]]
    assert customer_term in customer["defined_as"] and "controller" in customer["roles"]


# Unquoted terms: the same preambles written "(hereinafter Processor)".
UNQUOTED = {
    "fr": ("Contrat entre Vallon Numérique SARL (ci-après le Prestataire) et le client (ci-après le Client).",
           "Prestataire", "Client"),
    "it": ("Accordo tra Ginestra S.p.A. (di seguito il Fornitore) e il cliente (di seguito il Cliente).",
           "Fornitore", "Cliente"),
    "en": ("This agreement is made between Harrowgate Labs Inc. (hereinafter Processor) and the customer "
           "(hereinafter Controller).", "Processor", "Controller"),
    "de": ("Vertrag zwischen Lindgrün Hosting GmbH (nachfolgend Anbieter) und dem Kunden (nachfolgend Kunde).",
           "Anbieter", "Kunde"),
    "es": ("Contrato entre Encina Sistemas, S.L. (en adelante, el Encargado) y el cliente (en adelante, el Responsable).",
           "Encargado", "Responsable"),
    "pt": ("Acordo entre Maresia Digital, Lda (doravante Subcontratante) e o cliente (doravante Responsável).",
           "Subcontratante", "Responsável"),
    "nl": ("Deze overeenkomst wordt gesloten tussen Kievit Software B.V. (hierna: Verwerker) en de klant "
           "(hierna: Verwerkingsverantwoordelijke).", "Verwerker", "Verwerkingsverantwoordelijke"),
}


@pytest.mark.parametrize("lang", sorted(UNQUOTED))
def test_unquoted_defined_terms(lang):
    text, vendor_term, customer_term = UNQUOTED[lang]
    ps = run(text)
    (vendor,) = [p for p in ps if p["name"]]
    (customer,) = [p for p in ps if not p["name"]]
    assert vendor_term in vendor["defined_as"] and vendor["side"] == "vendor"
    assert customer_term in customer["defined_as"] and customer["side"] == "client"


# A blank or bracketed customer is a party with no name.
BLANK_CUSTOMER = {
    "fr": "Entre ______________________ (ci-après « le Client ») et Vallon Numérique SARL (ci-après « le Prestataire »).",
    "it": "Tra\n\n……………………, con sede in ……………… (di seguito il \"Titolare\")\n\ne\n\nGinestra S.p.A. (di seguito il "
          "\"Responsabile\")",
    "en": "This Agreement is made between [CUSTOMER NAME], [address] (the \"Controller\") and Harrowgate Labs Inc. "
          "(the \"Processor\").",
    "de": "Zwischen\n\n[Name des Kunden]\n[Anschrift]\n– nachfolgend „Auftraggeber“ –\n\nund\n\nLindgrün Hosting GmbH\n"
          "Gartenweg 12\n04109 Leipzig\n– nachfolgend „Auftragnehmer“ –",
    "es": "REUNIDOS\n\nDe una parte, D./Dña. ____________, en nombre y representación de ____________ (en adelante, el "
          "\"Responsable\").\n\nDe otra parte, Encina Sistemas, S.L., con CIF B12345678 (en adelante, el \"Encargado\").",
    "pt": "Entre:\n\n(1) ____________, com sede em ____________ (doravante \"Responsável pelo Tratamento\"); e\n\n"
          "(2) Maresia Digital, Lda, com sede na Rua das Flores 10, 4050-262 Porto (doravante \"Subcontratante\").",
    "nl": "Tussen:\n\n1. [naam klant], gevestigd te [plaats], hierna te noemen: \"Verwerkingsverantwoordelijke\";\n\nen\n\n"
          "2. Kievit Software B.V., gevestigd aan Stationsplein 8, 3511 ED Utrecht, hierna te noemen: \"Verwerker\".",
}


@pytest.mark.parametrize("lang", sorted(BLANK_CUSTOMER))
def test_blank_customer_is_an_unnamed_party(lang):
    ps = run(BLANK_CUSTOMER[lang])
    assert len([p for p in ps if p["name"]]) == 1
    (customer,) = [p for p in ps if not p["name"]]
    assert "controller" in customer["roles"] and customer["side"] == "client"


@pytest.mark.parametrize("text", [
    "Vertrag zwischen der Alpenblick AG, Bahnhofstrasse 10, CH-8001 Zürich (nachfolgend „Anbieter“) und dem Kunden.",
    "Contrat entre Lacustre Sàrl, Rue du Lac 3, 1003 Lausanne (ci-après « le Prestataire ») et le Client.",
    "Contratto tra Ceresio Sagl, Via Nassa 5, 6900 Lugano (di seguito \"Fornitore\") e il Cliente.",
    "Agreement between Alpenblick AG, Seeweg 4, 6300 Zug, Switzerland (\"Provider\") and the customer.",
    "Vertrag zwischen der Alpenblick GmbH, Seeweg 4, 3700 Spiez, Schweiz (nachfolgend „Anbieter“) und dem Kunden.",
])
def test_swiss_seat_is_not_read_as_german(text):
    ps = run(text, kind="terms")
    (vendor,) = [p for p in ps if p["name"]]
    assert vendor["country"] == "CH"
