"""Personal-data and data-subject lists under generic labels, combined headings and list verbs, in
EN/FR/IT/DE/ES. Sentences written for these tests."""

import pytest

from contractkg.ingest.document import Agreement, Document
from contractkg.ingest.inventory import extractor as inventory


def run(text, terms=None):
    doc = Document(source="t.txt", text=text)
    ag = Agreement(doc=doc, start=0, end=len(text), kind="dpa")
    return inventory.extract(ag, {"defined_terms": terms or {}})


# "Label: a, b, c. Subjects: ..." on one line
INLINE = {
    "en": ("2. Data and data subjects\nPersonal data: first name, home address, date of birth, IBAN. "
           "Data subjects: customers of the Client.\n"),
    "fr": ("2. Données et personnes concernées\nDonnées : prénom, adresse postale, date de naissance, IBAN. "
           "Personnes concernées : clients du Client.\n"),
    "it": ("2. Dati e interessati\nDati: nome, indirizzo di residenza, data di nascita, coordinate bancarie. "
           "Interessati: clienti del Cliente.\n"),
    "de": ("2. Daten und Betroffene\nDaten: Vorname, Wohnanschrift, Geburtsdatum, Bankverbindung. "
           "Betroffene: Kunden des Auftraggebers.\n"),
    "es": ("2. Datos e interesados\nDatos: nombre, domicilio, fecha de nacimiento, cuenta bancaria. "
           "Interesados: clientes del Responsable.\n"),
}


@pytest.mark.parametrize("lang", sorted(INLINE))
def test_inline_labels_split_at_the_next_label(lang):
    out = run(INLINE[lang])
    assert out["personal_data"] == ["Name", "PhysicalAddress", "BirthDate", "BankAccount"]
    assert out["data_subjects"] == ["Customer"]


# a heading naming data and subjects over a prose sentence
HEADED_PROSE = {
    "en": "3. Data and data subjects\nWe process the phone number, salary and tax identification number of employees.\n",
    "fr": "3. Données et personnes concernées\nSont traités le numéro de téléphone, le salaire et le numéro fiscal des salariés.\n",
    "it": "3. Dati e interessati\nSono trattati il numero di telefono, lo stipendio e i dati fiscali dei dipendenti.\n",
    "de": "3. Daten und Betroffene\nVerarbeitet werden Telefonnummer, Gehalt und Steuer-ID der Mitarbeiter des Kunden.\n",
    "es": "3. Datos e interesados\nSe tratan el número de teléfono, el salario y el número de identificación fiscal de los empleados.\n",
}


@pytest.mark.parametrize("lang", sorted(HEADED_PROSE))
def test_heading_naming_both_kinds_gives_its_body_to_each(lang):
    out = run(HEADED_PROSE[lang], terms={"kunde": 0})
    assert out["personal_data"] == ["TelephoneNumber", "Salary", "Tax"]
    assert out["data_subjects"] == ["Employee"]


LIST_VERB = {
    "en": "The personal data processed include e-mail addresses, IP addresses and the content of communications.\n",
    "fr": "Les données traitées comprennent les adresses e-mail, les adresses IP et le contenu des communications.\n",
    "it": "I dati trattati includono indirizzi e-mail, indirizzi IP e il contenuto delle comunicazioni.\n",
    "de": "Die verarbeiteten Daten umfassen E-Mail-Adressen, IP-Adressen und Inhalte der Kommunikation.\n",
    "es": "Los datos personales tratados incluyen correo electrónico, dirección IP y contenido de las comunicaciones.\n",
}


@pytest.mark.parametrize("lang", sorted(LIST_VERB))
def test_list_after_a_verb_of_inclusion(lang):
    assert run(LIST_VERB[lang])["personal_data"] == ["EmailAddress", "IPAddress", "Communication"]


def test_special_category_flagged_and_classifying_note_dropped():
    out = run("Types of data: prescriptions (health data, special category), purchase history, appointment history.\n")
    assert out["personal_data"] == ["Prescription", "Purchase", "ServiceConsumptionBehaviour"]
    assert out["special_categories"] == ["Prescription"]


@pytest.mark.parametrize("text", [
    "6. Personal data breaches\nThe Supplier shall notify the Customer of any breach, naming the e-mail address used.\n",
    "2. Traitement des données\nLe Fournisseur traite le nom et l'adresse du Client pour la facturation.\n",
    "Personal data: means any information relating to an identified person, such as a name or an address.\n",
    "Datenschutz und Daten\nDie Parteien tauschen Namen und Telefonnummern ihrer Ansprechpartner aus.\n",
])
def test_generic_label_in_prose_or_definition_is_no_list(text):
    assert run(text)["personal_data"] == []


def test_german_plural_nouns_are_subjects_not_the_party():
    out = run("Betroffene: Kunden und Interessenten des Kunden sowie Mitarbeiter des Kunden.\n", terms={"kunde": 0})
    assert out["data_subjects"] == ["Customer", "Prospect", "Employee"]


@pytest.mark.parametrize("text, expected", [
    ("Personnes concernées : salariés du Client utilisateurs du logiciel ; candidats.\n", ["Employee", "JobApplicant"]),
    ("Data subjects: employees of the Customer and users of the platform.\n", ["Employee", "User"]),
    ("Interessati: dipendenti del Cliente utenti della piattaforma, nonché clienti.\n", ["Employee", "Customer"]),
])
def test_a_subject_noun_describing_the_one_before_is_not_a_new_category(text, expected):
    assert run(text, terms={"client": 0, "customer": 0, "cliente": 0})["data_subjects"] == expected


@pytest.mark.parametrize("text", [
    "Le Prestataire traite les données suivantes : nom, adresse électronique et numéro de téléphone.\n",
    "The Supplier processes the following data: name, e-mail address and phone number.\n",
    "Il Fornitore tratta i seguenti dati: nome, indirizzo e-mail e numero di telefono.\n",
    "Der Anbieter verarbeitet folgende Daten: Name, E-Mail-Adresse und Telefonnummer.\n",
    "El Encargado trata los datos siguientes: nombre, correo electrónico y teléfono.\n",
])
def test_generic_label_announcing_a_list(text):
    assert run(text)["personal_data"] == ["Name", "EmailAddress", "TelephoneNumber"]


@pytest.mark.parametrize("text", [
    "Personal Data: any information relating to an identified natural person, such as a name, location data or an online identifier.\n",
    "Données à caractère personnel : toute information se rapportant à une personne physique, telle qu'un nom ou une adresse.\n",
    "Dati personali: qualsiasi informazione riguardante una persona fisica, come il nome o l'indirizzo.\n",
    "Personenbezogene Daten: alle Informationen, die sich auf eine natürliche Person beziehen, etwa Name oder Anschrift.\n",
    "Datos personales: toda información sobre una persona física, como el nombre o la dirección.\n",
])
def test_definition_of_personal_data_is_no_list(text):
    assert run(text)["personal_data"] == []


@pytest.mark.parametrize("text, data, periods", [
    ("Annex 1\n| Data category | Retention |\n|---|---|\n| Name, e-mail address | 1 year |\n| Call recordings | 3 months |\n",
     ["Name", "EmailAddress", "VoiceCommunicationRecording"], [("Name, e-mail address", "P1Y"), ("Call recordings", "P3M")]),
    ("Annexe 1\nCatégorie de données\tDurée de conservation\nNom, prénom\t1 an\nAdresse IP\t6 mois\n",
     ["Name", "IPAddress"], [("Nom, prénom", "P1Y"), ("Adresse IP", "P6M")]),
])
def test_text_table_with_a_singular_category_header_and_retention(text, data, periods):
    out = run(text)
    assert out["personal_data"] == data
    assert [(r["data"], r["period"]) for r in out["retention"]] == periods
