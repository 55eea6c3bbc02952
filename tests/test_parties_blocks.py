"""Parties in labelled blocks (role headings with name fields, "Role: name" lines, signature lines) and
seats inferred from the way an address is written. Every example is invented for the test, one per
language (fr, it, en, de, es, pt, nl)."""

import pytest

from contractkg.ingest.document import Agreement, Document
from contractkg.ingest.lexical.countries import address_country
from contractkg.ingest.parties import extractor as parties


def run(text, kind="dpa"):
    doc = Document(source="t.md", text=text)
    ag = Agreement(doc=doc, start=0, end=len(text), kind=kind)
    return parties.extract(ag, {})["parties"]


# A heading per party, a blank customer and a filled-in vendor under a name field.
HEADINGS = {
    "fr": ("## Responsable du traitement\n\nNom : ____________\n\nAdresse : ____________\n\n"
           "## Sous-traitant\n\nNom : Brumelle SAS\n\nAdresse : 4 rue des Tilleuls, 35000 Rennes, France\n",
           "Brumelle SAS", "FR", "processor"),
    "it": ("## Titolare del trattamento\n\nNome: [da compilare]\n\n"
           "## Responsabile del trattamento\n\nRagione sociale: Ortensia S.r.l.\n\nIndirizzo: Via Garibaldi 3, 40121 Bologna\n",
           "Ortensia S.r.l.", "IT", "processor"),
    "en": ("### Controller\n\nName: ______\n\n### Processor\n\nCompany name: Wrenfield Analytics Ltd\n\n"
           "Address: 9 Quarry Road, Leeds LS6 2AB, United Kingdom\n", "Wrenfield Analytics Ltd", "GB", "processor"),
    "de": ("## Verantwortliche(r)\n\nName: ____________\n\n## Auftragsverarbeiter\n\nFirmenname: Lindgrün Hosting GmbH\n\n"
           "Anschrift: Gartenweg 12, 04109 Leipzig\n", "Lindgrün Hosting GmbH", "DE", "processor"),
    "es": ("## Responsable(s) del Tratamiento:\n\n**Nombre:** ____________\n\n## Encargado(s) del Tratamiento:\n\n"
           "**Nombre:** Alcornoque Datos, S.L.\n\n**Dirección:** Calle del Pez 8, 28004 Madrid\n",
           "Alcornoque Datos, S.L.", "ES", "processor"),
    "pt": ("## Responsável pelo tratamento\n\nNome: ____________\n\n## Subcontratante\n\nDenominação: Maresia Digital, Lda\n\n"
           "Morada: Rua das Flores 10, 4050-262 Porto\n", "Maresia Digital, Lda", "PT", "processor"),
    "nl": ("## Verwerkingsverantwoordelijke\n\nNaam: ____________\n\n## Verwerker\n\nBedrijfsnaam: Duinroos Cloud B.V.\n\n"
           "Adres: Keizersgracht 100, 1015 CX Amsterdam\n", "Duinroos Cloud B.V.", "NL", "processor"),
}


@pytest.mark.parametrize("lang", sorted(HEADINGS))
def test_role_headings_with_name_fields(lang):
    text, name, country, role = HEADINGS[lang]
    ps = run(text)
    named = [p for p in ps if p["name"]]
    assert [p["name"] for p in named] == [name]
    assert named[0]["country"] == country and role in named[0]["roles"]
    assert named[0]["address"]
    unnamed = [p for p in ps if not p["name"]]
    assert len(unnamed) == 1 and "controller" in unnamed[0]["roles"]


# "Role (other role word): <line>" labels and the party on the same or the next line.
LABEL_LINES = {
    "fr": ("Prestataire : Vallon Numérique SARL, 2 place du Marché, 69001 Lyon · contact@vallon.example",
           "Vallon Numérique SARL", "FR"),
    "it": ("Fornitore: Ginestra S.p.A., Corso Italia 5, 10121 Torino", "Ginestra S.p.A.", "IT"),
    "en": ("Supplier: Harrowgate Labs Inc., 50 Pine Street, Portland, OR 97204", "Harrowgate Labs Inc.", "US"),
    "de": ("Auftragsverarbeiter (Auftragnehmer):\nJonas Feldmann (Feldmann Webdienste) · Lindenallee 3, 79098 Freiburg · "
           "jf@feldmann.example", "Jonas Feldmann", "DE"),
    "es": ("Proveedor: Encina Sistemas, S.L., Avenida del Puerto 20, 46021 Valencia", "Encina Sistemas, S.L.", "ES"),
    "pt": ("Contacto: geral@salina.example · Operador: SALINA SOLUÇÕES – LDA (Salina), NIF 509876543, Rua do Sol 4, "
           "1200-195 Lisboa", "SALINA SOLUÇÕES – LDA", "PT"),
    "nl": ("Leverancier: Kievit Software B.V., Stationsplein 8, 3511 ED Utrecht", "Kievit Software B.V.", "NL"),
}


@pytest.mark.parametrize("lang", sorted(LABEL_LINES))
def test_role_label_lines(lang):
    line, name, country = LABEL_LINES[lang]
    ps = run("Intro\n\n" + line + "\n\nLa suite.\n")
    named = [p for p in ps if p["name"]]
    assert [p["name"] for p in named] == [name]
    assert named[0]["country"] == country
    assert named[0]["side"] == "vendor"


def test_trade_name_in_brackets_after_a_personal_name():
    ps = run("Auftragnehmer:\nJonas Feldmann (Feldmann Webdienste) · Lindenallee 3, 79098 Freiburg\n")
    (p,) = [p for p in ps if p["name"]]
    assert p["trade_name"] == "Feldmann Webdienste" and p["address"].startswith("Lindenallee 3")
    assert p["country"] == "DE" and p["country_stated"] is False


@pytest.mark.parametrize("line, name", [
    ("**For the Processor – Brightwater Ltd:**\nName: Jane Roe | Title: CEO", "Brightwater Ltd"),
    ("Pour le Sous-traitant - Brumelle SAS :\nNom : Paul Martin", "Brumelle SAS"),
    ("Per il Fornitore - Ortensia S.r.l.:\nNome: Marco Bassi", "Ortensia S.r.l."),
    ("Für den Auftragnehmer – Lindgrün Hosting GmbH:\nName: Eva Roth", "Lindgrün Hosting GmbH"),
    ("**Por el ENCARGADO del Tratamiento - ALCORNOQUE DATOS, S.L.:**\nNombre: Ana Gil | Cargo: CEO", "ALCORNOQUE DATOS, S.L."),
    ("Pelo Subcontratante – Maresia Digital, Lda:\nNome: Rui Costa", "Maresia Digital, Lda"),
    ("Namens de Verwerker - Duinroos Cloud B.V.:\nNaam: Sanne de Vries", "Duinroos Cloud B.V."),
])
def test_signature_lines_name_the_company_not_the_signatory(line, name):
    ps = run("Signatures\n\n" + line + "\nSignature: ________\n")
    assert [p["name"] for p in ps if p["name"]] == [name]


@pytest.mark.parametrize("text", [
    "Processor: the Processor shall keep records of all processing.",  # a clause, not a label
    "Kunde: Der Kunde ist verpflichtet, Zugangsdaten geheim zu halten.",
    "Customer: means the entity that accepts these terms.",
    "## Unterauftragsverarbeiter\n\nAnbieter: Wolkig Rechenzentren GmbH, Serverweg 1, 90402 Nürnberg\n",
    "**Por el RESPONSABLE del Tratamiento:**\nNombre: Luis Prado | Cargo: Director\n",  # a signatory is no party
])
def test_lines_that_are_not_party_labels(text):
    assert [p["name"] for p in run(text) if p["name"]] == []


def test_a_role_word_before_a_definition_is_no_name():
    text = ("Zwischen\nVerantwortlicher (Auftraggeber) — einzutragen: [Firma / Name] · [Anschrift]\n"
            "— nachfolgend „Verantwortlicher“ —\n")
    ps = run(text)
    assert [p["name"] for p in ps] == [None]
    assert "controller" in ps[0]["roles"] and "Verantwortlicher" in ps[0]["defined_as"]


def test_seat_from_a_contact_block_elsewhere_in_the_file():
    text = ("Le présent accord est conclu entre Lacustre GmbH (« Lacustre », « nous ») et le client (« Client »).\n\n"
            "1. Objet\nLacustre traite les données du Client.\n\n## Contact\n\n**Lacustre GmbH**\nSeeweg 4\n"
            "6300 Zug\nSuisse\n")
    ps = run(text)
    (p,) = [p for p in ps if p["name"]]
    assert p["country"] == "CH" and "Seeweg 4" in p["address"]


@pytest.mark.parametrize("address, country", [
    ("Lindenallee 3, 79098 Freiburg", "DE"),  # German street word and a five-digit postcode
    ("Seeweg 4, 6300 Zug", "CH"),  # a canton
    ("Bahnhofstrasse 1, 3011 Bern", "CH"),
    ("Rathausplatz 2, 6020 Innsbruck", "AT"),
    ("CH-1003 Lausanne", "CH"),
    ("Karl-Marx-Allee 1, D-10243 Berlin", "DE"),
    ("4 rue des Tilleuls, 35000 Rennes", "FR"),
    ("Via Garibaldi 3, 40121 Bologna", "IT"),
    ("Calle del Pez 8, 28004 Madrid", "ES"),
    ("Rua das Flores 10, 4050-262 Porto", "PT"),
    ("Keizersgracht 100, 1015 CX Amsterdam", "NL"),
    ("Rua Augusta 1500, 01304-001 São Paulo", "BR"),
])
def test_address_country(address, country):
    assert address_country(address) == country


@pytest.mark.parametrize("address", ["Seestrasse 4, 3700 Spiez", "1 Main Street, Springfield", "Olivia 12345"])
def test_address_country_unknown(address):
    assert address_country(address) is None


# "between <name> and <role word>" with no definition: the name is the vendor, the role word the customer.
BETWEEN = {
    "fr": "Cet avenant complète les conditions conclues entre Brumelle Analytique et le client.",
    "it": "Il presente accordo integra le condizioni stipulate tra Ortensia Cloud e il cliente.",
    "en": "This addendum supplements the Terms between Wrenfield Analytics and the customer.",
    "de": "Diese Vereinbarung ergänzt den Vertrag zwischen Lindgrün Hosting und dem Kunden.",
    "es": "Este anexo completa las condiciones pactadas entre Alcornoque Datos y el cliente.",
    "pt": "Este aditamento completa os termos celebrados entre Maresia Digital e o cliente.",
    "nl": "Deze bijlage vult de voorwaarden aan tussen Duinroos Cloud en de klant.",
}


@pytest.mark.parametrize("lang", sorted(BETWEEN))
def test_between_a_name_and_a_role_word(lang):
    ps = run(BETWEEN[lang])
    named = [p for p in ps if p["name"]]
    assert len(named) == 1 and named[0]["side"] == "vendor" and "processor" in named[0]["roles"]
    assert named[0]["name"].split()[0] in BETWEEN[lang]
    assert any(not p["name"] and p["side"] == "client" for p in ps)


@pytest.mark.parametrize("text", [
    "Les frais de transport entre Paris et Lyon sont à la charge du client.",
    "Transfers between Germany and the customer's sites are encrypted.",
    "The service is available between Monday and Friday.",
    "Ce contrat est conclu entre le responsable du traitement et le sous-traitant.",
])
def test_between_statements_that_name_no_party(text):
    assert [p["name"] for p in run(text) if p["name"]] == []


@pytest.mark.parametrize("text, country", [
    ("NIPC/NIF 509876543", "PT"),
    ("KvK-nummer 12345678", "NL"),
    ("BTW-nummer NL123456789B01", "NL"),
    ("Registro delle Imprese di Torino n. 01234567890", "IT"),
    ("MWST CHE-123.456.789", "CH"),
])
def test_more_registrations(text, country):
    from contractkg.ingest.parties.names import registration

    assert registration(text)[1] == country


def test_registration_before_the_address_and_a_trade_name_in_brackets():
    ps = run("Operador: SALINA SOLUÇÕES – LDA (Salina.pt), NIPC 509876543, Rua do Sol 4, 1200-195 Lisboa, Portugal. "
             "Apoio: ajuda@salina.example\n")
    (p,) = [p for p in ps if p["name"]]
    assert p["trade_name"] == "Salina.pt" and p["registration"] == "NIPC 509876543"
    assert p["address"] == "Rua do Sol 4, 1200-195 Lisboa, Portugal" and p["country"] == "PT"


# Party tables: (controller label, processor label, name-field label, vendor)
TABLES = {
    "fr": ("Responsable du traitement", "Sous-traitant", "Nom", "Brumelle SAS"),
    "it": ("Titolare del trattamento", "Responsabile del trattamento", "Ragione sociale", "Ortensia S.r.l."),
    "en": ("Controller", "Processor", "Name", "Wrenfield Analytics Ltd"),
    "de": ("Verantwortlicher", "Auftragsverarbeiter", "Name", "Lindgrün Hosting GmbH"),
    "es": ("Responsable del tratamiento", "Encargado del tratamiento", "Razón social", "Alcornoque Datos, S.L."),
    "pt": ("Responsável pelo tratamento", "Subcontratante", "Denominação", "Maresia Digital, Lda"),
    "nl": ("Verwerkingsverantwoordelijke", "Verwerker", "Naam", "Duinroos Cloud B.V."),
}


@pytest.mark.parametrize("lang", sorted(TABLES))
@pytest.mark.parametrize("layout", ["rows", "columns"])
def test_party_tables(lang, layout):
    controller, processor, name_field, vendor = TABLES[lang]
    if layout == "rows":
        text = f"| | |\n|---|---|\n| {controller} | [ ] |\n| {processor} | {vendor} |\n"
    else:
        text = f"| | {controller} | {processor} |\n|---|---|---|\n| {name_field} | ______ | {vendor} |\n"
    ps = run("# DPA\n\n" + text + "\nFin.\n")
    named = [p for p in ps if p["name"]]
    assert [p["name"] for p in named] == [vendor] and "processor" in named[0]["roles"]
    assert any(not p["name"] and "controller" in p["roles"] for p in ps)


def test_table_of_sub_processors_names_no_party():
    text = "## Unterauftragsverarbeiter\n\n| Anbieter | Wolkig Rechenzentren GmbH |\n| Dienstleister | Beta Mail AG |\n"
    assert [p["name"] for p in run(text) if p["name"]] == []


def test_list_of_providers_is_no_party_table():
    text = ("| Fornecedor | Finalidade | Região |\n|---|---|---|\n| Nuvem Azul Lda | Alojamento | UE |\n"
            "| Correio Rápido SA | Email | UE |\n")
    assert [p["name"] for p in run(text) if p["name"]] == []
