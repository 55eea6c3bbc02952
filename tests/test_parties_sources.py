"""Other places that name the vendor: Markdown front matter, a site's imprint, a pronoun before a
defined term. Examples invented for the test in fr, it, en, de, es, pt, nl."""

import pytest

from contractkg.ingest.document import Agreement, Document
from contractkg.ingest.parties import extractor as parties


def run(text, kind="dpa"):
    doc = Document(source="t.md", text=text)
    ag = Agreement(doc=doc, start=0, end=len(text), kind=kind)
    return parties.extract(ag, {})["parties"]


BODY = {
    "nl": "# Verwerkersovereenkomst\n\nDe Verwerker verwerkt persoonsgegevens voor de Klant. De Verwerker beveiligt ze.\n",
    "en": "# Data Processing Addendum\n\nThe Processor processes personal data for the Customer. The Processor secures it.\n",
    "pt": "# Acordo de Tratamento\n\nO Subcontratante trata dados pessoais do Cliente. O Subcontratante protege-os.\n",
}


@pytest.mark.parametrize("field, lang, name", [
    ("company: Kievit Software B.V.", "nl", "Kievit Software B.V."),
    ("organization: \"Harrowgate Labs Inc.\"", "en", "Harrowgate Labs Inc."),
    ("description: Como a Maresia Digital, Lda trata os dados dos clientes", "pt", "Maresia Digital, Lda"),
])
def test_front_matter_names_the_vendor(field, lang, name):
    ps = run("---\ntitle: DPA\n" + field + "\n---\n\n" + BODY[lang])
    named = [p for p in ps if p["name"]]
    assert [p["name"] for p in named] == [name]
    assert named[0]["side"] == "vendor" and "processor" in named[0]["roles"]


def test_front_matter_with_two_companies_names_no_one():
    ps = run("---\ntitle: Kievit Software B.V. and Duinroos Cloud B.V.\n---\n\n" + BODY["nl"])
    assert [p["name"] for p in ps if p["name"]] == []


@pytest.mark.parametrize("imprint, name, country", [
    ("## Impressum\n\nAngaben gemäß § 5 TMG\n\nLindgrün Hosting GmbH\nGartenweg 12\n04109 Leipzig\n",
     "Lindgrün Hosting GmbH", "DE"),
    ("Éditeur : Vallon Numérique SARL, 2 place du Marché, 69001 Lyon\n", "Vallon Numérique SARL", "FR"),
    ("Editore: Ginestra S.p.A., Corso Italia 5, 10121 Torino\n", "Ginestra S.p.A.", "IT"),
    ("Publisher: Harrowgate Labs Inc., 50 Pine Street, Portland, OR 97204\n", "Harrowgate Labs Inc.", "US"),
    ("## Aviso legal\n\nEncina Sistemas, S.L.\nAvenida del Puerto 20\n46021 Valencia\n", "Encina Sistemas, S.L.", "ES"),
    ("## Colofon\n\nUitgever: Kievit Software B.V., Stationsplein 8, 3511 ED Utrecht\n", "Kievit Software B.V.", "NL"),
    ("Editora: Maresia Digital, Lda, Rua das Flores 10, 4050-262 Porto\n", "Maresia Digital, Lda", "PT"),
])
def test_imprint_names_the_provider(imprint, name, country):
    ps = run("Terms\n\nThe provider hosts the data of its customers.\n\n" + imprint)
    named = [p for p in ps if p["name"]]
    assert [p["name"] for p in named] == [name]
    assert named[0]["country"] == country and named[0]["side"] == "vendor"


@pytest.mark.parametrize("text, term", [
    ('Deze dienst wordt aangeboden door Kievit Software B.V. ("wij"). U ("Klant") aanvaardt deze voorwaarden.', "Klant"),
    ('Este serviço é fornecido por Maresia Digital, Lda ("nós"). Você ("Cliente") aceita estes termos.', "Cliente"),
    ("Ce service est fourni par Vallon Numérique SARL (« nous »). Tu (« Client ») acceptes ces conditions.", "Client"),
])
def test_a_pronoun_before_a_defined_term_is_the_unnamed_customer(text, term):
    ps = run(text, kind="terms")
    assert len([p for p in ps if p["name"]]) == 1
    (customer,) = [p for p in ps if not p["name"]]
    assert term in customer["defined_as"] and customer["side"] == "client" and "customer" in customer["roles"]


@pytest.mark.parametrize("text, name, country", [
    ("Le service est exploité par Vallon Numérique SARL, 2 place du Marché, 69001 Lyon. Le Client l'utilise.",
     "Vallon Numérique SARL", "FR"),
    ("Il servizio è gestito da Ginestra S.p.A., Corso Italia 5, 10121 Torino. Il Cliente lo utilizza.", "Ginestra S.p.A.", "IT"),
    ("The Service is operated by Harrowgate Labs Inc., 50 Pine Street, Portland, OR 97204. The Customer may use it.",
     "Harrowgate Labs Inc.", "US"),
    ("Dieser Dienst wird betrieben von der Lindgrün Hosting GmbH, Gartenweg 12, 04109 Leipzig. Der Kunde nutzt ihn.",
     "Lindgrün Hosting GmbH", "DE"),
    ("El servicio es operado por Encina Sistemas, S.L., Avenida del Puerto 20, 46021 Valencia. El Cliente lo usa.",
     "Encina Sistemas, S.L.", "ES"),
    ("O serviço é fornecido por Maresia Digital, Lda, Rua das Flores 10, 4050-262 Porto. O Cliente utiliza-o.",
     "Maresia Digital, Lda", "PT"),
    ("De dienst wordt aangeboden door Kievit Software B.V., Stationsplein 8, 3511 ED Utrecht. De Klant gebruikt hem.",
     "Kievit Software B.V.", "NL"),
])
def test_operated_by_names_the_vendor(text, name, country):
    ps = run(text, kind="terms")
    named = [p for p in ps if p["name"]]
    assert [p["name"] for p in named] == [name]
    assert named[0]["country"] == country and "provider" in named[0]["roles"] and named[0]["address"]


def test_operated_by_a_company_far_into_the_text_is_no_party():
    text = "Terms of use.\n" + "The Customer uses the service. " * 150 + "Payments are operated by Zahlfix GmbH, Berlin."
    assert [p["name"] for p in run(text, kind="terms") if p["name"]] == []
