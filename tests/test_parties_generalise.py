"""Parties introduced mid-sentence ("éditée par", "operated by", "gestita da", "betrieben von", "publicada
por"), annexes inheriting their main agreement's parties and law, SCC head-line parties, placeholders.
Every example is written for the test (FR, EN, IT, DE, ES)."""

import pytest
from components_run import run_components

from contractkg.ingest.document import Agreement, Document
from contractkg.ingest.jurisdiction import extractor as jurisdiction
from contractkg.ingest.parties import extractor as parties
from contractkg.ingest.parties.names import is_placeholder

INTRO = {
    "fr": ("Les présentes régissent la plateforme Plumeo éditée par Foo Labs SARL, société au capital de 10 000 euros, "
           "immatriculée au RCS de Nantes sous le numéro 812 345 678, dont le siège est situé 3 rue Kervégan, "
           "44000 Nantes ({t1}), par tout professionnel ayant souscrit un abonnement (ci-après « l'Utilisateur »).",
           "Foo Labs SARL", "FR", "Utilisateur"),
    "en": ("These terms govern the Quillo platform operated by Barnwick Tools Ltd, registered in England and Wales with "
           "company number 01234567, whose registered office is at 5 Mill Lane, Leeds LS1 4AB ({t1}), by any business "
           "that subscribes to a plan (the \"User\").", "Barnwick Tools Ltd", "GB", "User"),
    "it": ("Le presenti condizioni disciplinano la piattaforma Vetro gestita da Lumetti S.r.l., con sede legale in "
           "Via Roma 10, 20121 Milano, P.IVA 01234567890 ({t1}), da parte di qualsiasi professionista che sottoscrive "
           "un abbonamento (di seguito \"Utente\").", "Lumetti S.r.l.", "IT", "Utente"),
    "de": ("Diese Bedingungen regeln die Plattform Wolke, die betrieben wird von der Hainbuch Systeme GmbH, "
           "Lindenstraße 4, 50674 Köln ({t1}), durch Unternehmer, die ein Abonnement abschließen "
           "(im Folgenden „Nutzer“).", "Hainbuch Systeme GmbH", "DE", "Nutzer"),
    "es": ("Estas condiciones regulan la plataforma Brisa publicada por Carmesí Digital S.L., con domicilio en "
           "Calle Mayor 5, 28013 Madrid ({t1}), por cualquier profesional que contrate una suscripción "
           "(en adelante, el «Usuario»).", "Carmesí Digital S.L.", "ES", "Usuario"),
}
ROLE_TERM = {"fr": "ci-après « l'Éditeur »", "en": "the \"Provider\"", "it": "di seguito \"Fornitore\"",
             "de": "im Folgenden „Anbieter“", "es": "en adelante, el «Proveedor»"}
NICKNAME = {"fr": "ci-après « Plumeo »", "en": "\"Quillo\"", "it": "di seguito \"Vetro\"",
            "de": "im Folgenden „Wolke“", "es": "en adelante, «Brisa»"}


def _agreements(text, spans):
    doc = Document(source="t.txt", text=text)
    return [Agreement(doc=doc, start=s, end=e, kind=k, part_of=p, index=i) for i, (s, e, k, p) in enumerate(spans)]


def _run(ag):
    return run_components(ag, parties.COMPONENT, jurisdiction.COMPONENT)


@pytest.mark.parametrize("lang", sorted(INTRO))
@pytest.mark.parametrize("terms", [ROLE_TERM, NICKNAME])
def test_provider_introduced_mid_sentence(lang, terms):
    template, name, country, customer_term = INTRO[lang]
    text = "1. " + template.format(t1=terms[lang])
    (ag,) = _agreements(text, [(0, len(text), "terms", None)])
    rec = _run(ag)
    named = [p for p in rec["parties"] if p["name"]]
    assert [p["name"] for p in named] == [name]
    assert named[0]["country"] == country and "provider" in named[0]["roles"]
    s, e = named[0]["evidence"]
    assert name in text[s:e]
    customer = [p for p in rec["parties"] if not p["name"]]
    assert customer and customer_term in customer[0]["defined_as"] and "customer" in customer[0]["roles"]


ANNEXED = {
    "fr": ("1. Les présentes régissent le service fourni par Pralin SAS, 4 quai Perrache, 69002 Lyon, France "
           "(ci-après « le Prestataire »), à toute entreprise cliente (ci-après « le Client »).\n"
           "2. Les présentes sont soumises au droit français.\n",
           "1. Le Prestataire, agissant en qualité de sous-traitant, traite les données pour le compte du Client, "
           "agissant en qualité de responsable de traitement.\n", "Pralin SAS", "FR"),
    "it": ("1. Le presenti condizioni disciplinano il servizio fornito da Corvetto S.p.A., Via Dante 3, 10121 Torino "
           "(di seguito \"Fornitore\"), al cliente professionale (di seguito \"Cliente\").\n"
           "2. Il contratto è regolato dalla legge italiana.\n",
           "1. Il Fornitore, in qualità di responsabile del trattamento, tratta i dati per conto del Cliente, "
           "in qualità di titolare del trattamento.\n", "Corvetto S.p.A.", "IT"),
    "de": ("1. Diese Bedingungen gelten für Verträge zwischen der Tannfeld Software GmbH, Ringstraße 8, 80331 München "
           "(nachfolgend „Anbieter“), und Unternehmern (nachfolgend „Kunde“).\n2. Es gilt deutsches Recht.\n",
           "1. Der Anbieter verarbeitet als Auftragsverarbeiter personenbezogene Daten für den Kunden als "
           "Verantwortlichen.\n", "Tannfeld Software GmbH", "DE"),
    "en": ("1. These terms are made between Ostrel Data Ltd, 9 Quay Street, Bristol BS1 4DJ, United Kingdom "
           "(the \"Supplier\"), and the customer named in the order (the \"Customer\").\n"
           "2. These terms are governed by the laws of England and Wales.\n",
           "1. The Supplier acts as processor on behalf of the Customer, who acts as controller.\n",
           "Ostrel Data Ltd", "GB"),
    "es": ("1. Estas condiciones se celebran entre Vilaró Datos S.L., Calle Mayor 5, 28013 Madrid, España "
           "(en adelante, el «Proveedor»), y el cliente (en adelante, el «Cliente»).\n"
           "2. El contrato se rige por la legislación española.\n",
           "1. El Proveedor actúa como encargado del tratamiento por cuenta del Cliente, responsable del tratamiento.\n",
           "Vilaró Datos S.L.", "ES"),
}


@pytest.mark.parametrize("lang", sorted(ANNEXED))
def test_annexed_dpa_inherits_parties_and_law(lang):
    main, annex, name, country = ANNEXED[lang]
    text = main + "\n" + annex
    main_ag, annex_ag = _agreements(text, [(0, len(main), "terms", None), (len(main) + 1, len(text), "dpa", 0)])
    _run(main_ag)
    rec = _run(annex_ag)
    named = [p for p in rec["parties"] if p["name"]]
    assert [p["name"] for p in named] == [name]
    assert named[0]["country"] == country
    assert "processor" in named[0]["roles"]
    others = [p for p in rec["parties"] if not p["name"]]
    assert others and "controller" in others[0]["roles"]
    assert rec["governing_law"] == country


def test_annex_with_its_own_parties_keeps_them():
    main = "1. These terms are made between Ostrel Data Ltd, 9 Quay Street, Bristol BS1 4DJ (the \"Supplier\") and the customer (the \"Customer\").\n"
    annex = "1. This addendum is made between Pemberly Cloud Inc., 1 Main Street, Austin, TX 78701, USA (the \"Processor\") and the customer (the \"Controller\").\n"
    text = main + annex
    main_ag, annex_ag = _agreements(text, [(0, len(main), "terms", None), (len(main), len(text), "dpa", 0)])
    _run(main_ag)
    rec = _run(annex_ag)
    assert [p["name"] for p in rec["parties"] if p["name"]] == ["Pemberly Cloud Inc."]
    assert rec["governing_law"] is None


def test_scc_party_on_the_heading_line():
    text = ("ANNEX I\nA. LIST OF PARTIES\nData exporter: the Customer, as identified in the order.\n"
            "Role (controller/processor): Controller\n"
            "Data importer: Gravelo Systems Inc., 40 Pine Street, Denver, CO 80202, USA.\n"
            "Role (controller/processor): Processor\n")
    (ag,) = _agreements(text, [(0, len(text), "scc", None)])
    rec = _run(ag)
    importer = [p for p in rec["parties"] if p["name"]]
    assert importer[0]["name"] == "Gravelo Systems Inc." and importer[0]["country"] == "US"
    assert {"data_importer", "processor"} <= set(importer[0]["roles"])
    assert "data importer" in importer[0]["defined_as"]
    exporter = [p for p in rec["parties"] if not p["name"]]
    assert {"data_exporter", "controller"} <= set(exporter[0]["roles"])


def test_enumerated_parties_each_keep_their_term():
    text = ("Parties: (1) the customer named in the order (\"Customer\"), and (2) Fennick Media Inc., 12 Elm Road, "
            "Portland, OR 97201, USA (\"Fennick\").\n1. Fennick processes personal data on the Customer's behalf.\n")
    (ag,) = _agreements(text, [(0, len(text), "dpa", None)])
    rec = _run(ag)
    named = [p for p in rec["parties"] if p["name"]]
    assert named[0]["name"] == "Fennick Media Inc." and "Fennick" in named[0]["defined_as"]
    assert "Customer" not in named[0]["defined_as"]


def test_registration_number_after_y_is_not_a_party():
    text = ("De una parte, el cliente (en adelante, el «Responsable»).\nDe otra parte, Ribera Nube S.L., con domicilio "
            "en Calle Colón 18, 46004 Valencia, España, y NIF B12345678 (en adelante, la «Encargada»).\n")
    (ag,) = _agreements(text, [(0, len(text), "dpa", None)])
    rec = _run(ag)
    named = [p for p in rec["parties"] if p["name"]]
    assert named and named[0]["name"] == "Ribera Nube S.L." and "processor" in named[0]["roles"]


@pytest.mark.parametrize("phrase, expected", [
    ("any business that subscribes", True), ("tout professionnel", True), ("Unternehmern", True),
    ("qualsiasi professionista", True), ("cualquier profesional", True), ("the Customers", True),
    ("Allianz SE", False), ("Toutatis SA", False), ("Anyline GmbH", False),
])
def test_generic_placeholders(phrase, expected):
    assert is_placeholder(phrase) is expected


def test_seat_of_a_company_introduced_in_another_agreement_of_the_file():
    first = ("1. These terms are made between Ostrel Data Ltd, 9 Quay Street, Bristol BS1 4DJ, United Kingdom "
             "(the \"Supplier\"), and the customer (the \"Customer\").\n")
    second = "1. This service level agreement is made between Ostrel Data Ltd (\"Ostrel\") and the customer (\"Customer\").\n"
    text = first + second
    a, b = _agreements(text, [(0, len(first), "terms", None), (len(first), len(text), "sla", None)])
    _run(a)
    rec = _run(b)
    named = [p for p in rec["parties"] if p["name"]]
    assert named[0]["name"] == "Ostrel Data Ltd" and named[0]["country"] == "GB"


@pytest.mark.parametrize("phrase, address", [
    ("Ribera Nube S.L., con domicilio en Calle Colón 18, 46004 Valencia, España, y NIF B12345678 ",
     "Calle Colón 18, 46004 Valencia, España"),
    ("Tannfeld Software GmbH, Ringstraße 8, 80331 München, HRB 12345 ", "Ringstraße 8, 80331 München"),
    ("Gravelo Systems Inc., 40 Pacific Street, Austin, TX 78701, USA ", "40 Pacific Street, Austin, TX 78701, USA"),
])
def test_address_stops_before_registration(phrase, address):
    from contractkg.ingest.parties.names import parse_phrase
    assert parse_phrase(phrase, 0, len(phrase))["address"] == address
