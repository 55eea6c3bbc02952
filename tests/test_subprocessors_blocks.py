"""Sub-processors in lists without tables, in fr, it, en, de, es, pt and nl (invented companies):
service-labelled lists of brand names, the annex a sub-processor clause refers to, one block per
company with its fields below, provider nouns with names in parentheses, brand names in prose."""

import pytest

from contractkg.ingest.document import Agreement, Document
from contractkg.ingest.transfers import subprocessors
from contractkg.ingest.transfers.names import is_brand
from contractkg.ingest.transfers.places import address_country


def subs(text, parties=()):
    doc = Document(source="t.md", text=text)
    ag = Agreement(doc=doc, start=0, end=len(text), kind="dpa")
    given = {"parties": [{"name": p} for p in parties]}
    return {sp["name"]: sp for sp in subprocessors.extract(ag, given)["subprocessors"]}


# a title, then bullets "service label: names"; lower-case phrases are kinds of provider, not names
LABELLED = {
    "en": "Main sub-processors:\n\n- **Cloud hosting:** Brightnimbus, Kelvara Cloud (EU region)\n"
          "- **Payments:** Paylark, local banks\n- **Monitoring:** alerting tools from several vendors\n",
    "fr": "Principaux sous-traitants ultérieurs :\n\n- **Hébergement cloud :** Brightnimbus, Kelvara Cloud (région UE)\n"
          "- **Paiements :** Paylark, banques locales\n- **Supervision :** outils d'alerte de plusieurs éditeurs\n",
    "it": "Principali sub-responsabili:\n\n- **Hosting cloud:** Brightnimbus, Kelvara Cloud (regione UE)\n"
          "- **Pagamenti:** Paylark, banche locali\n- **Monitoraggio:** strumenti di allerta di vari fornitori\n",
    "de": "Wichtigste Unterauftragsverarbeiter:\n\n- **Cloud-Hosting:** Brightnimbus, Kelvara Cloud (Region EU)\n"
          "- **Zahlungen:** Paylark, lokale Banken\n- **Überwachung:** Werkzeuge verschiedener Anbieter\n",
    "es": "Principales subencargados:\n\n- **Alojamiento en la nube:** Brightnimbus, Kelvara Cloud (región UE)\n"
          "- **Pagos:** Paylark, bancos locales\n- **Supervisión:** herramientas de alerta de varios proveedores\n",
    "pt": "Principais subprocessadores:\n\n- **Alojamento na nuvem:** Brightnimbus, Kelvara Cloud (região UE)\n"
          "- **Pagamentos:** Paylark, bancos locais\n- **Monitorização:** ferramentas de alerta de vários fornecedores\n",
    "nl": "Belangrijkste subverwerkers:\n\n- **Cloudhosting:** Brightnimbus, Kelvara Cloud (EU-regio)\n"
          "- **Betalingen:** Paylark, lokale banken\n- **Monitoring:** waarschuwingstools van diverse leveranciers\n",
}


@pytest.mark.parametrize("lang", sorted(LABELLED))
def test_service_labelled_lists_of_brand_names(lang):
    found = subs(LABELLED[lang])
    assert set(found) == {"Brightnimbus", "Kelvara Cloud", "Paylark"}
    assert found["Kelvara Cloud"]["country"] == "EU" and found["Kelvara Cloud"]["safeguard"] == "none"
    assert found["Paylark"]["country"] is None and found["Paylark"]["safeguard"] == "unspecified"
    assert found["Paylark"]["service"].strip("* :") in LABELLED[lang]


EXAMPLES = {"en": "e.g.", "fr": "par exemple", "it": "ad esempio", "de": "z. B.", "es": "por ejemplo", "pt": "por exemplo",
            "nl": "bijvoorbeeld"}


@pytest.mark.parametrize("lang", sorted(EXAMPLES))
def test_names_given_as_examples_are_no_list(lang):
    text = f"Sub-processors:\n\n- Hosting: {EXAMPLES[lang]} Brightnimbus, Kelvara Cloud\n"
    assert subs(text) == {}
    assert subs(f"6. Sub-processors\nWe rely on hosting providers ({EXAMPLES[lang]} Brightnimbus, Kelvara Cloud).\n") == {}


# "the sub-processors are listed in Annex 2", then the annex: numbered "service: company - address"
ANNEX_REFERENCE = {
    "en": ("The sub-processors engaged at present are listed in Annex 2.", "# Annex 2", "Hosting", "Maps"),
    "fr": ("Les sous-traitants ultérieurs actuels figurent à l'Annexe 2.", "# Annexe 2", "Hébergement", "Cartes"),
    "it": ("Gli altri responsabili attuali sono elencati nell'Allegato 2.", "# Allegato 2", "Hosting", "Mappe"),
    "de": ("Die derzeit eingesetzten weiteren Auftragsverarbeiter sind in Anlage 2 aufgeführt.", "# Anlage 2", "Hosting",
           "Karten"),
    "es": ("Los subencargados actuales figuran en el Anexo 2.", "# Anexo 2", "Alojamiento", "Mapas"),
    "pt": ("Os subcontratantes ulteriores atuais constam do Anexo 2.", "# Anexo 2", "Alojamento", "Mapas"),
    "nl": ("De huidige subverwerkers staan in Bijlage 2.", "# Bijlage 2", "Hosting", "Kaarten"),
}


@pytest.mark.parametrize("lang", sorted(ANNEX_REFERENCE))
def test_the_annex_a_sub_processor_clause_refers_to(lang):
    sentence, heading, hosting, maps = ANNEX_REFERENCE[lang]
    text = (f"## 5. Sub-processing\n\n1. {sentence}\n2. Changes are announced in advance.\n\n{heading}\n\n"
            f"1. {hosting}: Corvinth Cloud SE - Lindenstr. 12 10115 Berlin\n"
            f"2. {maps}: https://tiles.example.org/ (display of addresses)\n")
    found = subs(text)
    assert set(found) == {"Corvinth Cloud SE", "tiles.example.org"}
    assert found["Corvinth Cloud SE"]["country"] == "DE" and found["Corvinth Cloud SE"]["safeguard"] == "none"
    assert found["Corvinth Cloud SE"]["service"] == hosting and found["tiles.example.org"]["service"] == maps


def test_an_annex_nobody_refers_to_as_a_sub_processor_list_is_not_read():
    text = ("## 5. Security\n\nThe measures are listed in Annex 2.\n\n# Annex 2\n\n"
            "1. Hosting: Corvinth Cloud SE - Lindenstr. 12 10115 Berlin\n")
    assert subs(text) == {}


# one block per sub-processor: the company as a heading, its fields below
BLOCKS = {
    "en": ("The following sub-processor is approved:", "Seat", "Function", "Transfer safeguard",
           "Standard contractual clauses, Data Privacy Framework"),
    "fr": ("Le sous-traitant ultérieur suivant est autorisé :", "Siège", "Fonction", "Garanties",
           "Clauses contractuelles types"),
    "it": ("È autorizzato il seguente sub-responsabile:", "Sede", "Funzione", "Garanzie", "Clausole contrattuali standard"),
    "de": ("Folgender Unterauftragnehmer ist genehmigt:", "Sitz", "Funktion", "Garantien", "EU-Standardvertragsklauseln"),
    "es": ("Se autoriza el siguiente subencargado:", "Sede", "Función", "Garantías", "Cláusulas contractuales tipo"),
    "pt": ("Está autorizado o seguinte subprocessador:", "Sede", "Função", "Salvaguardas", "Cláusulas contratuais-tipo"),
    "nl": ("De volgende subverwerker is goedgekeurd:", "Zetel", "Functie", "Waarborgen", "Standaardcontractbepalingen"),
}


@pytest.mark.parametrize("lang", sorted(BLOCKS))
def test_one_block_per_sub_processor(lang):
    intro, seat, function, safeguard, value = BLOCKS[lang]
    text = (f"## 5\n\nWe use sub-processors. {intro}\n\n### Quandrel Edge Inc. ({seat}: USA)\n\n"
            f"{function}: Hosting, Edge Functions & Content Delivery\n{safeguard}: {value}\n\n"
            "Other text follows here, and it is prose.\n")
    found = subs(text)
    assert set(found) == {"Quandrel Edge Inc."}
    sp = found["Quandrel Edge Inc."]
    assert sp["country"] == "US" and sp["safeguard"] == "scc" and sp["service"].startswith("Hosting")


PARTNERS = {
    "en": "6. Sub-processors\nOur list of sub-processors is public. It includes our network partners (Ternwave, Oskari Net, Hallow3) "
          "and our hosting providers (datacentres).",
    "fr": "6. Sous-traitants\nLa liste des sous-traitants est publique. Elle inclut nos partenaires réseau (Ternwave, Oskari Net, "
          "Hallow3) et nos fournisseurs d'hébergement (datacenters).",
    "it": "6. Sub-responsabili\nL'elenco dei sub-responsabili è pubblico. Comprende i nostri partner di rete (Ternwave, Oskari Net, "
          "Hallow3) e i fornitori di hosting (datacenter).",
    "de": "6. Unterauftragsverarbeiter\nDie Liste der Unterauftragsverarbeiter ist öffentlich. Sie umfasst unsere Netzwerk-Partner "
          "(Ternwave, Oskari Net, Hallow3) und unsere Hosting-Dienstleister (Rechenzentren).",
    "es": "6. Subencargados\nLa lista de subencargados es pública. Incluye a nuestros socios de red (Ternwave, Oskari Net, Hallow3) "
          "y a nuestros proveedores de alojamiento (centros de datos).",
    "pt": "6. Subprocessadores\nA lista de subprocessadores é pública. Inclui os nossos parceiros de rede (Ternwave, Oskari Net, "
          "Hallow3) e os fornecedores de alojamento (centros de dados).",
    "nl": "6. Subverwerkers\nDe lijst van subverwerkers is openbaar. Ze omvat onze netwerkpartners (Ternwave, Oskari Net, Hallow3) "
          "en onze hostingleveranciers (datacenters).",
}


@pytest.mark.parametrize("lang", sorted(PARTNERS))
def test_names_in_parentheses_after_a_provider_noun(lang):
    assert set(subs(PARTNERS[lang])) == {"Ternwave", "Oskari Net", "Hallow3"}


def test_parentheses_naming_laws_or_safeguards_are_no_companies():
    text = "6. Sub-processors\nOur sub-processors and partners (GDPR, SCC) are audited; our providers (ISO 27001) too.\n"
    assert subs(text) == {}


PROSE = {
    "en": "7. Sub-processors\nWe use the following sub-processors: Ternwave (hosting, Germany) and Hallow Mail (e-mail, United States) "
          "under the standard contractual clauses.",
    "fr": "7. Sous-traitants ultérieurs\nNous faisons appel aux sous-traitants ultérieurs suivants : Ternwave (hébergement, "
          "Allemagne) et Hallow Mail (e-mail, États-Unis) sur la base des clauses contractuelles types.",
    "it": "7. Sub-responsabili\nUtilizziamo i seguenti sub-responsabili: Ternwave (hosting, Germania) e Hallow Mail (e-mail, "
          "Stati Uniti) sulla base delle clausole contrattuali standard.",
    "de": "7. Unterauftragsverarbeiter\nWir setzen folgende Unterauftragsverarbeiter ein: Ternwave (Hosting, Deutschland) und "
          "Hallow Mail (E-Mail, USA) auf Grundlage der Standardvertragsklauseln.",
    "es": "7. Subencargados\nUtilizamos los siguientes subencargados: Ternwave (alojamiento, Alemania) y Hallow Mail (correo, "
          "Estados Unidos) con cláusulas contractuales tipo.",
    "pt": "7. Subprocessadores\nUtilizamos os seguintes subprocessadores: Ternwave (alojamento, Alemanha) e Hallow Mail (e-mail, "
          "Estados Unidos) com cláusulas contratuais-tipo.",
    "nl": "7. Subverwerkers\nWij gebruiken de volgende subverwerkers: Ternwave (hosting, Duitsland) en Hallow Mail (e-mail, "
          "Verenigde Staten) op basis van standaardcontractbepalingen.",
}


@pytest.mark.parametrize("lang", sorted(PROSE))
def test_brand_names_with_their_place_in_prose(lang):
    found = subs(PROSE[lang])
    assert set(found) == {"Ternwave", "Hallow Mail"}
    assert found["Ternwave"]["country"] == "DE" and found["Ternwave"]["safeguard"] == "none"  # the SCCs are Hallow's
    assert found["Hallow Mail"]["country"] == "US" and found["Hallow Mail"]["safeguard"] == "scc"
    assert found["Ternwave"]["service"] and found["Ternwave"]["service"][0].lower() in "hae"


def test_the_parties_themselves_are_no_sub_processors():
    text = "Sub-processors:\n\n- Hosting: Brightnimbus, Ternwave\n"
    assert set(subs(text, parties=["Ternwave GmbH"])) == {"Brightnimbus"}


def test_role_words_and_topic_words_are_no_brands():
    assert not is_brand("The Processor") and not is_brand("Subunternehmer") and not is_brand("local banks")
    assert not is_brand("Germany") and not is_brand("SCC") and not is_brand("10")
    assert is_brand("Path.example") and is_brand("Google Cloud") and is_brand("Level3")


@pytest.mark.parametrize("address, country", [
    ("Lindenstr. 12 10115 Berlin", "DE"), ("D-10115 Berlin", "DE"), ("12 rue des Lilas, 69002 Lyon", "FR"),
    ("Via dei Mille 4, 20121 Milano", "IT"), ("Calle Mayor 3, 28013 Madrid", "ES"), ("Rua Nova 5, 1100-123 Lisboa", "PT"),
    ("Kade 7, 1011 AB Amsterdam", "NL"), ("L-2220 Luxembourg", "LU"), ("4 Mill Lane, Leeds LS1 4AB", "GB"),
    ("500 Pine Street, Austin, TX 73301", "US"), ("Hauptplatz 1, 1010 Wien", None), ("hosting", None),
])
def test_country_from_the_format_of_an_address(address, country):
    assert address_country(address) == country


@pytest.mark.parametrize("text", [
    # duties of sub-processors, one of them naming a country
    "The sub-processors must:\n- keep the data in Germany;\n- apply ISO 27001 and SOC 2.\n",
    # where the list is published is no sub-processor
    "## Sub-processors\n\nList: https://vendor.example/legal/subprocessors\n",
    # the heading of the section, in parentheses, is no company
    "## 5. Unterauftragsverhältnisse (Subunternehmer)\n\nDie Rechenzentren (Frankfurt, Paris) sind zertifiziert.\n",
])
def test_sentences_duties_and_list_addresses_are_no_sub_processors(text):
    assert subs(text) == {}


def test_the_vendors_own_site_is_no_sub_processor():
    text = "Sub-processors:\n\n- Support portal: https://ternwave.example/help\n- Maps: https://tiles.example.org/\n"
    assert set(subs(text, parties=["Ternwave GmbH"])) == {"tiles.example.org"}


def test_markdown_links_and_bold_in_table_cells():
    from contractkg.ingest.structure.tables import find_tables

    text = ("## Sub-processors\n\n| Sub-processor | Purpose | Location |\n|---|---|---|\n"
            "| [Ternwave](https://ternwave.example) | Payments | United States |\n| **Nordlicht Hosting GmbH** | Hosting | Germany |\n")
    doc = Document(source="t.md", text=text)
    ag = Agreement(doc=doc, start=0, end=len(text), kind="dpa", tables=find_tables(doc))
    found = {sp["name"]: sp for sp in subprocessors.extract(ag, {"record": {}})["subprocessors"]}
    assert set(found) == {"Ternwave", "Nordlicht Hosting GmbH"} and found["Nordlicht Hosting GmbH"]["service"] == "Hosting"


# numbered entries with one field per line, as in Annex III of the 2021 SCCs
ANNEX_ENTRIES = {
    "en": ("List of sub-processors", "Name", "Address", "Contact person's name, position and contact details",
           "Description of the processing"),
    "fr": ("Liste des sous-traitants ultérieurs", "Nom", "Adresse", "Nom, fonction et coordonnées de la personne de contact",
           "Description du traitement"),
    "it": ("Elenco dei sub-responsabili", "Nome", "Indirizzo", "Nome, qualifica e dati di contatto del referente",
           "Descrizione del trattamento"),
    "de": ("Liste der Unterauftragsverarbeiter", "Name", "Anschrift", "Name, Funktion und Kontaktdaten der Kontaktperson",
           "Beschreibung der Verarbeitung"),
    "es": ("Lista de subencargados", "Nombre", "Dirección", "Nombre, cargo y datos de contacto de la persona de contacto",
           "Descripción del tratamiento"),
    "pt": ("Lista de subprocessadores", "Nome", "Endereço", "Nome, cargo e contactos da pessoa de contacto",
           "Descrição do tratamento"),
    "nl": ("Lijst van subverwerkers", "Naam", "Adres", "Naam, functie en contactgegevens van de contactpersoon",
           "Beschrijving van de verwerking"),
}


@pytest.mark.parametrize("lang", sorted(ANNEX_ENTRIES))
def test_numbered_entries_with_one_field_per_line(lang):
    title, name, address, contact, description = ANNEX_ENTRIES[lang]
    text = (f"ANNEX III\n\n{title}\n\n1. {name}: Nordlicht Hosting GmbH\n{address}: Am Hafen 12, 20457 Hamburg\n"
            f"{contact}: privacy@nordlicht.example\n{description}: hosting\n\n"
            f"2. {name}: Quillmail Inc.\n{address}: 12 Pine Street, Austin, TX 73301\n{contact}: dpo@quill.example\n"
            f"{description}: e-mail\n")
    found = subs(text)
    assert set(found) == {"Nordlicht Hosting GmbH", "Quillmail Inc."}
    assert found["Nordlicht Hosting GmbH"]["country"] == "DE" and found["Quillmail Inc."]["country"] == "US"
    assert found["Quillmail Inc."]["service"] == "e-mail" and "Austin" in found["Quillmail Inc."]["address"]


def test_every_list_title_holds_a_word_the_line_prefilter_looks_for():
    from contractkg.ingest.lexicon import lexicon
    from contractkg.ingest.transfers.names import TITLE_KEYS

    titles = lexicon("safeguards")["subprocessor_table"]["titles"]
    assert [t for t in titles if not any(k in t.lower() for k in TITLE_KEYS)] == []


@pytest.mark.parametrize("text", [
    "7. Sub-processors\n7.1 The Processor may engage sub-processors. The current list is available at "
    "https://vendor.example/subprocessors.\n7.2 The Processor shall inform the Controller of any change.\n",
    "Article 6 – Sous-traitance\nLe Sous-traitant peut faire appel à un autre sous-traitant (ci-après, « le sous-traitant "
    "ultérieur ») pour mener des activités de traitement spécifiques.\n",
    "§ 5 Unterauftragsverhältnisse\n(1) Der Auftragnehmer darf Unterauftragnehmer (weitere Auftragsverarbeiter) nur nach "
    "vorheriger Zustimmung beauftragen.\n(2) Er verpflichtet Unterauftragnehmer (z. B. Rechenzentren in Deutschland) vertraglich.\n",
    "Il Responsabile può ricorrere a sub-responsabili (ad esempio fornitori di servizi cloud, Italia).\n",
    "The Processor shall ensure that each sub-processor:\n(a) is bound by written terms;\n(b) is located in Germany or in a "
    "country with an adequacy decision (Art. 45 GDPR);\n(c) Notifies Breaches Promptly.\n",
    "El Encargado podrá recurrir a otros encargados (subencargados) en España (Madrid).\n",
    "Subprocessadores:\n- Nenhum subprocessador fora da UE (Portugal).\n",
    "Subverwerkers\nDe Verwerker schakelt geen subverwerkers in buiten de Europese Unie (EU).\n",
    "The Customer (Quarrel Retail Ltd, United Kingdom) authorises the Processor to engage sub-processors.\n",
    "Sous-traitants ultérieurs :\n- Hébergement : France\n- Garanties : CCT\n",
    "Annex III – List of sub-processors\n\nNot applicable.\n",
])
def test_clauses_about_sub_processors_name_none(text):
    assert subs(text) == {}


def test_lexicon_lists_hold_strings_only():
    # YAML reads a bare No/Yes/On as a boolean
    from contractkg.ingest.lexicon import lexicon

    def items(x):
        if isinstance(x, dict):
            for v in x.values():
                yield from items(v)
        elif isinstance(x, list):
            yield from x

    for name in ("safeguards", "tables"):
        assert [v for v in items(lexicon(name)) if not isinstance(v, str)] == [], name


ENGAGED = {
    "en": "## Sub-processors\n\nWe rely on Ombrelune Web Services, Inc. for hosting and on Quillmail Ltd for e-mail delivery.",
    "fr": "## Sous-traitants ultérieurs\n\nNous faisons appel à Ombrelune Web Services, Inc. pour l'hébergement et à Quillmail Ltd "
          "pour l'envoi des e-mails.",
    "it": "## Sub-responsabili\n\nCi avvaliamo di Ombrelune Web Services, Inc. per l'hosting e di Quillmail Ltd per l'invio di e-mail.",
    "de": "## Unterauftragsverarbeiter\n\nWir setzen Ombrelune Web Services, Inc. für das Hosting und Quillmail Ltd für den "
          "E-Mail-Versand ein.",
    "es": "## Subencargados\n\nRecurrimos a Ombrelune Web Services, Inc. para el alojamiento y a Quillmail Ltd para el envío de correos.",
    "pt": "## Subprocessadores\n\nRecorremos a Ombrelune Web Services, Inc. para o alojamento e a Quillmail Ltd para o envio de e-mails.",
    "nl": "## Subverwerkers\n\nWij maken gebruik van Ombrelune Web Services, Inc. voor hosting en van Quillmail Ltd voor e-mail.",
}


@pytest.mark.parametrize("lang", sorted(ENGAGED))
def test_companies_a_sub_processor_passage_says_are_used(lang):
    found = subs(ENGAGED[lang])
    assert set(found) == {"Ombrelune Web Services, Inc.", "Quillmail Ltd"}
    assert found["Ombrelune Web Services, Inc."]["safeguard"] == "unspecified"


def test_a_party_being_defined_is_not_engaged_as_a_sub_processor():
    text = ("## Sub-processors\n\nThe Customer engages Ombrelune Web Services, Inc. (\"Processor\"), which may use "
            "sub-processors.\n")
    assert subs(text) == {}


def test_a_clause_naming_a_company_gives_the_company_not_the_sentence():
    text = "5. Sub-processors\n1. The Processor uses Corvinth Cloud GmbH for hosting today.\n2. Changes are notified.\n"
    assert set(subs(text)) == {"Corvinth Cloud GmbH"}
    assert subs(text)["Corvinth Cloud GmbH"]["service"] == "hosting today"
