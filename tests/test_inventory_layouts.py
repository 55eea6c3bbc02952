"""Data inventory in the layouts contracts use, in all seven languages (en, fr, it, de, es, pt, nl):
table rows labelled by a category, a sentence ending with a colon over a list, a heading wrapped
over two lines above prose, labelled items with examples, group labels, form placeholders.
Every sentence and table here was written for these tests."""

import pytest

from contractkg.ingest.document import Agreement, Document
from contractkg.ingest.inventory import extractor as inventory


def run(text, lang=None):
    doc = Document(source="t.md", text=text)
    ag = Agreement(doc=doc, start=0, end=len(text), kind="dpa", language=lang)
    return inventory.extract(ag, {"record": {"evidence": {}}})


# a Markdown table whose rows are labelled in their first cell, under a header "Element | Detail"
ROW_TABLES = {
    "en": ("| Element | Detail |\n| --- | --- |\n| **Purpose** | Hosting of the online shop. |\n"
           "| **Categories of data subjects** | Shop customers, employees of the merchant and suppliers. |\n"
           "| **Categories of personal data** | Names, e-mail addresses, postal addresses, order history. |\n"
           "| **Duration** | For the term of the contract. |\n"),
    "fr": ("| Élément | Détail |\n| --- | --- |\n| **Finalité** | Hébergement de la boutique en ligne. |\n"
           "| **Catégories de personnes concernées** | Clients de la boutique, salariés du marchand et fournisseurs. |\n"
           "| **Catégories de données** | Noms, adresses e-mail, adresses postales, historique des commandes. |\n"),
    "it": ("| Voce | Dettaglio |\n| --- | --- |\n| **Finalità** | Hosting del negozio online. |\n"
           "| **Categorie di interessati** | Clienti del negozio, dipendenti del commerciante e fornitori. |\n"
           "| **Categorie di dati** | Nomi, indirizzi e-mail, indirizzi postali, storico degli ordini. |\n"),
    "de": ("| Punkt | Beschreibung |\n| --- | --- |\n| **Zweck** | Betrieb des Onlineshops. |\n"
           "| **Kategorien betroffener Personen** | Kunden des Shops, Beschäftigte des Händlers und Lieferanten. |\n"
           "| **Datenkategorien** | Namen, E-Mail-Adressen, Lieferadressen, Bestellhistorie. |\n"),
    "es": ("| Elemento | Detalle |\n| --- | --- |\n| **Finalidad** | Alojamiento de la tienda en línea. |\n"
           "| **Categorías de interesados** | Clientes de la tienda, empleados del comerciante y proveedores. |\n"
           "| **Categorías de datos** | Nombres, direcciones de correo electrónico, direcciones de envío, historial de pedidos. |\n"),
    "pt": ("| Elemento | Detalhe |\n| --- | --- |\n| **Finalidade** | Alojamento da loja online. |\n"
           "| **Categorias de titulares dos dados** | Clientes da loja, trabalhadores do comerciante e fornecedores. |\n"
           "| **Categorias de dados** | Nomes, endereços de e-mail, moradas de entrega, histórico de compras. |\n"),
    "nl": ("| Onderdeel | Omschrijving |\n| --- | --- |\n| **Doel** | Hosting van de webwinkel. |\n"
           "| **Categorieën van betrokkenen** | Klanten van de winkel, werknemers van de handelaar en leveranciers. |\n"
           "| **Categorieën van persoonsgegevens** | Namen, e-mailadressen, afleveradressen, aankoopgeschiedenis. |\n"),
}


@pytest.mark.parametrize("lang", sorted(ROW_TABLES))
def test_table_rows_labelled_by_their_first_cell(lang):
    out = run(ROW_TABLES[lang], lang)
    assert out["data_subjects"] == ["Customer", "Employee", "Supplier"]
    assert out["personal_data"] == ["Name", "EmailAddress", "PhysicalAddress", "Purchase"]


# annex rows "label | value" without a table header
ANNEX_ROWS = {
    "en": "Annex I\nCategories of data | name, e-mail address, IP address\nData subjects | customers and suppliers\n",
    "fr": "Annexe I\nCatégories de données | nom, adresse e-mail, adresse IP\nPersonnes concernées | clients et fournisseurs\n",
    "it": "Allegato I\nCategorie di dati | nome, indirizzo e-mail, indirizzo IP\nInteressati | clienti e fornitori\n",
    "de": "Anlage I\nDatenkategorien | Name, E-Mail-Adresse, IP-Adresse\nBetroffene | Kunden und Lieferanten\n",
    "es": "Anexo I\nCategorías de datos | nombre, correo electrónico, dirección IP\nInteresados | clientes y proveedores\n",
    "pt": "Anexo I\nCategorias de dados | nome, endereço de e-mail, endereço IP\nTitulares dos dados | clientes e fornecedores\n",
    "nl": "Bijlage I\nCategorieën van gegevens | naam, e-mailadres, IP-adres\nBetrokkenen | klanten en leveranciers\n",
}


@pytest.mark.parametrize("lang", sorted(ANNEX_ROWS))
def test_annex_rows_label_and_value(lang):
    out = run(ANNEX_ROWS[lang], lang)
    assert out["personal_data"] == ["Name", "EmailAddress", "IPAddress"]
    assert out["data_subjects"] == ["Customer", "Supplier"]


def test_a_header_row_of_two_labels_is_no_row_label():
    text = "Annex\nCategories of data subjects | Categories of personal data\nStaff | Names\n"
    out = run(text, "en")  # a heading over the row below it, for each kind it names
    assert out["data_subjects"] == ["Employee"]
    assert out["personal_data"] == ["Name"]


# a sentence that ends with a colon announces the list below, under a heading outside the lexicon
INTRO_COLON = {
    "en": ("4. Scope\nThe Processor processes the following categories of personal data on behalf of the Controller:\n\n"
           "- first name and surname;\n- mobile phone number;\n- IP address.\n\n5. Security\nThe Processor encrypts every file name.\n"),
    "fr": ("4. Périmètre\nLe Sous-traitant traite pour le compte du Responsable les catégories de données suivantes :\n\n"
           "- nom et prénom ;\n- numéro de portable ;\n- adresse IP.\n\n5. Sécurité\nLe Sous-traitant chiffre chaque nom de fichier.\n"),
    "it": ("4. Ambito\nIl Responsabile tratta per conto del Titolare le seguenti categorie di dati personali:\n\n"
           "- nome e cognome;\n- numero di cellulare;\n- indirizzo IP.\n\n5. Sicurezza\nIl Responsabile cifra ogni nome di file.\n"),
    "de": ("4. Umfang\nDer Auftragsverarbeiter verarbeitet im Auftrag des Verantwortlichen folgende Kategorien personenbezogener Daten:\n\n"
           "- Vor- und Nachname;\n- Mobilnummer;\n- IP-Adresse.\n\n5. Sicherheit\nDer Auftragsverarbeiter verschlüsselt jeden Dateinamen.\n"),
    "es": ("4. Alcance\nEl Encargado trata por cuenta del Responsable las siguientes categorías de datos personales:\n\n"
           "- nombre y apellidos;\n- número de móvil;\n- dirección IP.\n\n5. Seguridad\nEl Encargado cifra cada nombre de archivo.\n"),
    "pt": ("4. Âmbito\nO Subcontratante trata, por conta do Responsável, as seguintes categorias de dados pessoais:\n\n"
           "- nome e apelido;\n- número de telemóvel;\n- endereço IP.\n\n5. Segurança\nO Subcontratante cifra cada nome de ficheiro.\n"),
    "nl": ("4. Reikwijdte\nDe Verwerker verwerkt namens de Verantwoordelijke de volgende categorieën van persoonsgegevens:\n\n"
           "- voor- en achternaam;\n- mobiel nummer;\n- IP-adres.\n\n5. Beveiliging\nDe Verwerker versleutelt elke bestandsnaam.\n"),
}


@pytest.mark.parametrize("lang", sorted(INTRO_COLON))
def test_sentence_ending_with_a_colon_opens_the_list_below(lang):
    out = run(INTRO_COLON[lang], lang)
    assert out["personal_data"] == ["Name", "TelephoneNumber", "IPAddress"]


# a heading over a paragraph ending with a colon, then items "Label: description (e.g. examples)"
LABELLED_ITEMS = {
    "en": ("2.2 Categories of data subjects\n\nThe data subjects belong to the following groups:\n\n"
           "a) Members: persons registered with the club (for example students, trainers or visitors).\n"
           "b) Staff: employees and volunteers of the club.\n"),
    "fr": ("2.2 Catégories de personnes concernées\n\nLes personnes concernées appartiennent aux groupes suivants :\n\n"
           "a) Membres : personnes inscrites au club (par exemple étudiants, entraîneurs ou visiteurs).\n"
           "b) Personnel : salariés et bénévoles du club.\n"),
    "it": ("2.2 Categorie di interessati\n\nGli interessati appartengono ai seguenti gruppi:\n\n"
           "a) Soci: persone iscritte al circolo (ad esempio studenti, allenatori o visitatori).\n"
           "b) Personale: dipendenti e volontari del circolo.\n"),
    "de": ("2.2 Kategorien betroffener Personen\n\nDie Betroffenen gehören folgenden Gruppen an:\n\n"
           "a) Mitglieder: im Verein eingetragene Personen (z. B. Studierende, Trainer oder Besucher).\n"
           "b) Personal: Beschäftigte und Ehrenamtliche des Vereins.\n"),
    "es": ("2.2 Categorías de interesados\n\nLos interesados pertenecen a los siguientes grupos:\n\n"
           "a) Socios: personas inscritas en el club (por ejemplo estudiantes, entrenadores o visitantes).\n"
           "b) Personal: empleados y voluntarios del club.\n"),
    "pt": ("2.2 Categorias de titulares dos dados\n\nOs titulares dos dados pertencem aos seguintes grupos:\n\n"
           "a) Sócios: pessoas inscritas no clube (por exemplo estudantes, treinadores ou visitantes).\n"
           "b) Pessoal: funcionários e voluntários do clube.\n"),
    "nl": ("2.2 Categorieën van betrokkenen\n\nDe betrokkenen behoren tot de volgende groepen:\n\n"
           "a) Leden: personen die bij de vereniging zijn ingeschreven (bijvoorbeeld studenten, trainers of bezoekers).\n"
           "b) Personeel: werknemers en vrijwilligers van de vereniging.\n"),
}


@pytest.mark.parametrize("lang", sorted(LABELLED_ITEMS))
def test_examples_of_a_labelled_category_are_not_categories(lang):
    assert run(LABELLED_ITEMS[lang], lang)["data_subjects"] == ["Member", "Employee"]


# group labels over their members; a breach form's placeholders name nothing
GROUPS_AND_FORM = {
    "en": ("Categories of personal data:\n- Identification data: name, passport number\n- Contact data: e-mail address, postal address\n\n"
           "Breach notification form\n- Categories of data subjects concerned: [Customers / Employees / Other]\n"
           "- Categories of personal data concerned: [Identification / Contact / Financial]\n"),
    "fr": ("Catégories de données :\n- Données d'identification : nom, numéro de passeport\n- Données de contact : adresse e-mail, adresse postale\n\n"
           "Formulaire de notification de violation\n- Catégories de personnes concernées : [Clients / Salariés / Autres]\n"
           "- Catégories de données concernées : [Identification / Contact / Financières]\n"),
    "it": ("Categorie di dati:\n- Dati identificativi: nome, numero di passaporto\n- Dati di contatto: indirizzo e-mail, indirizzo postale\n\n"
           "Modulo di notifica della violazione\n- Categorie di interessati coinvolti: [Clienti / Dipendenti / Altro]\n"
           "- Categorie di dati coinvolti: [Identificativi / Contatto / Finanziari]\n"),
    "de": ("Datenkategorien:\n- Identifikationsdaten: Name, Passnummer\n- Kontaktdaten: E-Mail-Adresse, Postanschrift\n\n"
           "Meldeformular für Datenpannen\n- Kategorien betroffener Personen: [Kunden / Beschäftigte / Sonstige]\n"
           "- Datenkategorien: [Identifikation / Kontakt / Finanzen]\n"),
    "es": ("Categorías de datos:\n- Datos identificativos: nombre, número de pasaporte\n- Datos de contacto: correo electrónico, dirección postal\n\n"
           "Formulario de notificación de brechas\n- Categorías de interesados afectados: [Clientes / Empleados / Otros]\n"
           "- Categorías de datos afectados: [Identificativos / Contacto / Financieros]\n"),
    "pt": ("Categorias de dados:\n- Dados de identificação: nome, número de passaporte\n- Dados de contacto: endereço de e-mail, morada\n\n"
           "Formulário de notificação de violação\n- Categorias de titulares afetados: [Clientes / Trabalhadores / Outros]\n"
           "- Categorias de dados afetados: [Identificação / Contacto / Financeiros]\n"),
    "nl": ("Categorieën van persoonsgegevens:\n- Identificatiegegevens: naam, paspoortnummer\n- Contactgegevens: e-mailadres, postadres\n\n"
           "Meldingsformulier datalek\n- Categorieën van betrokkenen: [Klanten / Werknemers / Overige]\n"
           "- Categorieën van gegevens: [Identificatie / Contact / Financieel]\n"),
}


@pytest.mark.parametrize("lang", sorted(GROUPS_AND_FORM))
def test_group_labels_give_way_to_members_and_placeholders_name_nothing(lang):
    out = run(GROUPS_AND_FORM[lang], lang)
    assert out["personal_data"] == ["Name", "Passport", "EmailAddress", "PhysicalAddress"]
    assert out["data_subjects"] == []


# a heading naming data and data subjects, wrapped onto a second line, over a prose paragraph
WRAPPED_HEADING = {
    "en": ("§ 2 Type of data and categories of data\nsubjects\n\nWhich data and persons are concerned follows from each "
           "order. Usually these are names and contact data of employees, customers or patients of the Controller.\n",
           ["Name", "Contact"]),
    "fr": ("Article 2 Nature des données et catégories de personnes\nconcernées\n\nLes données et les personnes visées dépendent "
           "de chaque commande. Il s'agit le plus souvent des noms et coordonnées des salariés, clients ou patients du Responsable.\n",
           ["Name", "Contact"]),
    "it": ("Articolo 2 Tipi di dati e categorie di\ninteressati\n\nI dati e le persone coinvolte dipendono da ciascun ordine. "
           "Di solito si tratta di nomi e recapiti di dipendenti, clienti o pazienti del Titolare.\n", ["Name", "Contact"]),
    "de": ("§ 2 Datenarten und Kreis der\nBetroffenen\n\nWelche Daten und Personen betroffen sind, legt der jeweilige Auftrag "
           "fest. Meist sind es Stamm- und Vertragsdaten der Beschäftigten, Kunden oder Patienten des Verantwortlichen.\n",
           ["Identifying", "Transactional"]),
    "es": ("Cláusula 2 Tipos de datos y categorías de\ninteresados\n\nLos datos y las personas afectadas dependen de cada "
           "encargo. Suelen ser nombres y datos de contacto de empleados, clientes o pacientes del Responsable.\n",
           ["Name", "Contact"]),
    "pt": ("Cláusula 2 Tipos de dados e categorias de\ntitulares\n\nOs dados e as pessoas envolvidas dependem de cada "
           "encomenda. Normalmente são nomes e contactos de trabalhadores, clientes ou pacientes do Responsável.\n",
           ["Name", "Contact"]),
    "nl": ("Artikel 2 Soorten gegevens en categorieën van\nbetrokkenen\n\nWelke gegevens en personen het betreft, volgt uit "
           "de opdracht. Meestal gaat het om naam- en adresgegevens van werknemers, klanten of patiënten van de "
           "Verantwoordelijke.\n", ["Name", "PhysicalAddress"]),
}


@pytest.mark.parametrize("lang", sorted(WRAPPED_HEADING))
def test_wrapped_heading_over_prose_gives_data_and_subjects(lang):
    text, data = WRAPPED_HEADING[lang]
    out = run(text, lang)
    assert out["personal_data"] == data
    assert out["data_subjects"] == ["Employee", "Customer", "Patient"]


# users of the customer's websites are its visitors; a bracketed gloss names the same group
WEBSITE_USERS = {
    "en": "Data subjects: users of the Customer's websites (end users).\n",
    "fr": "Personnes concernées : utilisateurs des sites web du Client (utilisateurs finaux).\n",
    "it": "Interessati: utenti dei siti web del Cliente (utenti finali).\n",
    "de": "Betroffene: Nutzer der Webseiten des Auftraggebers (Endnutzer).\n",
    "es": "Interesados: usuarios de los sitios web del Responsable (usuarios finales).\n",
    "pt": "Titulares: utilizadores dos websites do Responsável (utilizadores finais).\n",
    "nl": "Betrokkenen: gebruikers van de websites van de Verantwoordelijke (eindgebruikers).\n",
}


@pytest.mark.parametrize("lang", sorted(WEBSITE_USERS))
def test_users_of_websites_are_visitors(lang):
    assert run(WEBSITE_USERS[lang], lang)["data_subjects"] == ["Visitor"]


# "persons whose data users enter, e.g. customers": the users are the agent, the examples the categories
AGENTS = {
    "en": "Data subjects: persons whose data are entered by the users, e.g. customers or employees of the Controller.\n",
    "fr": ("Personnes concernées : personnes dont les données sont saisies par les utilisateurs, par exemple clients "
           "ou salariés du Responsable.\n"),
    "it": "Interessati: persone i cui dati sono inseriti dagli utenti, ad esempio clienti o dipendenti del Titolare.\n",
    "de": ("Betroffene: Personen, deren Daten durch die Nutzer eingegeben werden, z. B. Kunden oder Beschäftigte des "
           "Verantwortlichen.\n"),
    "es": ("Interesados: personas cuyos datos son introducidos por los usuarios, por ejemplo clientes o empleados del "
           "Responsable.\n"),
    "pt": ("Titulares: pessoas cujos dados são introduzidos pelos utilizadores, por exemplo clientes ou trabalhadores do "
           "Responsável.\n"),
    "nl": ("Betrokkenen: personen wier gegevens door de gebruikers worden ingevoerd, bijvoorbeeld klanten of werknemers "
           "van de Verantwoordelijke.\n"),
}


@pytest.mark.parametrize("lang", sorted(AGENTS))
def test_the_agent_of_the_sentence_is_no_category(lang):
    assert run(AGENTS[lang], lang)["data_subjects"] == ["Customer", "Employee"]


# a bracketed note on purpose names no data category of its own
NOTES = {
    "en": "Types of data: e-mail address, telephone number (optionally for sending one-time passwords).\n",
    "fr": ("Types de données : adresse e-mail, numéro de téléphone (facultativement pour l'envoi de mots de passe à "
           "usage unique).\n"),
    "it": "Tipi di dati: indirizzo e-mail, numero di telefono (facoltativamente per l'invio di password monouso).\n",
    "de": "Datenarten: E-Mail-Adresse, Telefonnummer (optional für das Zurücksetzen der Passwörter).\n",
    "es": ("Tipos de datos: correo electrónico, número de teléfono (opcionalmente para el envío de contraseñas de un "
           "solo uso).\n"),
    "pt": ("Tipos de dados: endereço de e-mail, número de telefone (opcionalmente para o envio de palavras-passe de "
           "utilização única).\n"),
    "nl": "Soorten gegevens: e-mailadres, telefoonnummer (optioneel voor het versturen van eenmalige wachtwoorden).\n",
}


@pytest.mark.parametrize("lang", sorted(NOTES))
def test_bracketed_note_on_purpose_names_no_category(lang):
    assert run(NOTES[lang], lang)["personal_data"] == ["EmailAddress", "TelephoneNumber"]


# the label word at the end of another noun ("data centres") or a wrapped line is no section
NOT_A_LABEL = {
    "en": "Main sub-processors:\n- **Backup data centres:** providers of racks, names of sites\n",
    "fr": "Sous-traitants principaux :\n- **Centres de données :** fournisseurs d'infrastructure, noms des sites\n",
    "it": "Sub-responsabili principali:\n- **Centri dati:** fornitori di infrastruttura, nomi dei siti\n",
    "de": "Wichtigste Unterauftragsverarbeiter:\n- Sie verarbeiten bei Bedarf\npersonenbezogene Daten\n- Name des Standorts\n",
    "es": "Subencargados principales:\n- **Centros de datos:** proveedores de infraestructura, nombres de los sitios\n",
    "pt": "Subcontratantes ulteriores principais:\n- **Centros de dados:** fornecedores de infraestrutura, nomes dos locais\n",
    "nl": "Belangrijkste subverwerkers:\n- Zij verwerken zo nodig\npersoonsgegevens\n- naam van de locatie\n",
}


@pytest.mark.parametrize("lang", sorted(NOT_A_LABEL))
def test_label_word_inside_another_noun_or_a_wrapped_line_opens_nothing(lang):
    assert run(NOT_A_LABEL[lang], lang)["personal_data"] == []


# the sub-processor table's "data" column states data processed under the agreement
DATA_COLUMN = {
    "en": "| Provider | Purpose | Data |\n| --- | --- | --- |\n| Acme | Hosting | Clinical data at rest |\n| Mailer | E-mail | Email content |\n",
    "pt": "| Fornecedor | Finalidade | Dados |\n| --- | --- | --- |\n| Acme | Alojamento | Dados clínicos em repouso |\n| Mailer | Email | Conteúdo de email |\n",
    "nl": "| Leverancier | Doel | Gegevens |\n| --- | --- | --- |\n| Acme | Hosting | Klinische gegevens |\n| Mailer | E-mail | Inhoud van e-mails |\n",
}


@pytest.mark.parametrize("lang", sorted(DATA_COLUMN))
def test_data_column_of_a_table(lang):
    from contractkg.ingest.structure.tables import find_tables

    text = DATA_COLUMN[lang]
    doc = Document(source="t.md", text=text)
    ag = Agreement(doc=doc, start=0, end=len(text), kind="dpa", language=lang, tables=find_tables(doc))
    out = inventory.extract(ag, {"record": {"evidence": {}}})
    assert out["personal_data"] == ["MedicalHealth", "EmailContent"]
    assert out["special_categories"] == ["MedicalHealth"]


# a sentence announcing what is NOT processed lists no category
NEGATED = {
    "en": "The Processor shall not process the following categories of personal data:\n- health data\n- biometric data\n",
    "fr": "Le Sous-traitant ne traite aucune des catégories de données suivantes :\n- données de santé\n- données biométriques\n",
    "it": "Il Responsabile non tratta le seguenti categorie di dati personali:\n- dati sanitari\n- dati biometrici\n",
    "de": "Der Auftragsverarbeiter verarbeitet keine der folgenden Kategorien personenbezogener Daten:\n- Gesundheitsdaten\n- biometrische Daten\n",
    "es": "El Encargado no tratará las siguientes categorías de datos personales:\n- datos de salud\n- datos biométricos\n",
    "pt": "O Subcontratante não trata as seguintes categorias de dados pessoais:\n- dados de saúde\n- dados biométricos\n",
    "nl": "De Verwerker verwerkt geen van de volgende categorieën van persoonsgegevens:\n- gezondheidsgegevens\n- biometrische gegevens\n",
}


@pytest.mark.parametrize("lang", sorted(NEGATED))
def test_list_of_what_is_not_processed_names_no_category(lang):
    out = run(NEGATED[lang], lang)
    assert out["personal_data"] == [] and out["special_categories"] == []


def test_negation_in_the_sentence_before_does_not_count():
    text = "Le Prestataire ne traite pas de données sensibles. Catégories de données : nom, adresse e-mail.\n"
    assert run(text, "fr")["personal_data"] == ["Name", "EmailAddress"]


# a privacy-notice sentence about the vendor's own website is no statement of the agreement's data;
# the same list processed on the customer's behalf is
OWN_WEBSITE = {
    "en": ("When you visit our website we collect the following personal data: IP address and browser type.\n",
           "On behalf of the Customer we process the following personal data: IP address and browser type.\n"),
    "fr": ("Lorsque vous visitez notre site, nous collectons les données suivantes : adresse IP et type de navigateur.\n",
           "Pour le compte du Client, nous traitons les données suivantes : adresse IP et type de navigateur.\n"),
    "it": ("Quando visiti il nostro sito raccogliamo i seguenti dati: indirizzo IP e tipo di browser.\n",
           "Per conto del Cliente trattiamo i seguenti dati: indirizzo IP e tipo di browser.\n"),
    "de": ("Wenn Sie unsere Website besuchen, erheben wir folgende Daten: IP-Adresse und Browsertyp.\n",
           "Im Auftrag des Kunden verarbeiten wir folgende Daten: IP-Adresse und Browsertyp.\n"),
    "es": ("Cuando visita nuestro sitio web recogemos los siguientes datos: dirección IP y tipo de navegador.\n",
           "Por cuenta del Cliente tratamos los siguientes datos: dirección IP y tipo de navegador.\n"),
    "pt": ("Quando visita o nosso site recolhemos os seguintes dados: endereço IP e tipo de navegador.\n",
           "Por conta do Cliente tratamos os seguintes dados: endereço IP e tipo de navegador.\n"),
    "nl": ("Wanneer u onze website bezoekt, verzamelen wij de volgende gegevens: IP-adres en browsertype.\n",
           "Namens de Klant verwerken wij de volgende gegevens: IP-adres en browsertype.\n"),
}


@pytest.mark.parametrize("lang", sorted(OWN_WEBSITE))
def test_privacy_notice_about_the_vendors_website_is_not_read(lang):
    own, on_behalf = OWN_WEBSITE[lang]
    assert run(own, lang)["personal_data"] == []
    assert run(on_behalf, lang)["personal_data"] == ["IPAddress", "UserAgent"]


# a check list: only the ticked boxes are processed
CHECK_LISTS = {
    "en": "Categories of personal data:\n☒ name\n☐ passport number\n☒ e-mail address\n☐ health data\n",
    "fr": "Catégories de données :\n- [x] nom\n- [ ] numéro de passeport\n- [x] adresse e-mail\n- [ ] données de santé\n",
    "it": "Categorie di dati: ☒ nome ☐ numero di passaporto ☒ indirizzo e-mail ☐ dati sanitari\n",
    "de": "Datenkategorien:\n☑ Name\n☐ Passnummer\n☑ E-Mail-Adresse\n☐ Gesundheitsdaten\n",
    "es": "Datos personales que se tratarán:\n☒ Nombre y apellidos\n☐ Pasaporte\n☒ Correo electrónico\n☐ Datos de salud\n",
    "pt": "Dados pessoais que serão tratados:\n[X] nome\n[ ] passaporte\n[X] endereço de e-mail\n[ ] dados de saúde\n",
    "nl": "Te verwerken persoonsgegevens:\n☒ naam\n☐ paspoortnummer\n☒ e-mailadres\n☐ gezondheidsgegevens\n",
}


@pytest.mark.parametrize("lang", sorted(CHECK_LISTS))
def test_only_ticked_boxes_count(lang):
    out = run(CHECK_LISTS[lang], lang)
    assert out["personal_data"] == ["Name", "EmailAddress"]
    assert out["special_categories"] == []


def test_row_label_separated_by_a_wide_gap_as_in_pdf_text():
    text = ("Annex 1\nCategories of data subjects     employees and job applicants\n"
            "Categories of personal data     name, e-mail address, salary\n")
    out = run(text, "en")
    assert out["data_subjects"] == ["Employee", "JobApplicant"]
    assert out["personal_data"] == ["Name", "EmailAddress", "Salary"]


def test_indented_list_item_is_no_table_row():
    text = "Categories of data subjects:\n   - employees\n   - visitors of the offices\n"
    assert run(text, "en")["data_subjects"] == ["Employee", "Visitor"]


def test_an_item_label_is_not_a_group_label():
    text = "Categories of personal data:\n- E-mail: with the name of the mailbox\n- Contact data: telephone number\n"
    assert run(text, "en")["personal_data"] == ["EmailAddress", "Name", "TelephoneNumber"]


@pytest.mark.parametrize("text, lang", [
    ("Data subjects: employees (e.g. interns), customers and suppliers.\n", "en"),
    ("Personnes concernées : salariés (par exemple stagiaires), clients et fournisseurs.\n", "fr"),
    ("Interessati: dipendenti (ad esempio stagisti), clienti e fornitori.\n", "it"),
    ("Betroffene: Beschäftigte (z. B. Praktikanten), Kunden und Lieferanten.\n", "de"),
    ("Interesados: empleados (por ejemplo becarios), clientes y proveedores.\n", "es"),
    ("Titulares: trabalhadores (por exemplo estagiários), clientes e fornecedores.\n", "pt"),
    ("Betrokkenen: werknemers (bijvoorbeeld stagiairs), klanten en leveranciers.\n", "nl"),
])
def test_examples_end_with_their_bracket(text, lang):
    assert run(text, lang)["data_subjects"] == ["Employee", "Customer", "Supplier"]
