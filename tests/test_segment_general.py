"""Splitting rules that must hold on layouts the seeds do not show: terms behind a site header with an
annexed DPA, a master agreement and its statement of work, terms and a separate SLA, two vendors'
DPAs on one page. Short texts written for these tests, in FR, IT, EN, DE and ES."""

from __future__ import annotations

import pytest

from contractkg.ingest.document import Document
from contractkg.ingest.structure import agreement_kinds as ak
from contractkg.ingest.structure.segment import split_agreements

# One body sentence per language and role: the terms' and the DPA's.
TERMS = {
    "fr": "L'Utilisateur accepte les présentes conditions et l'Éditeur lui fournit le service en ligne. ",
    "it": "L'Utente accetta le presenti condizioni e il Fornitore gli mette a disposizione il servizio. ",
    "en": "The User accepts these terms and the Company makes the online service available to it. ",
    "de": "Der Kunde nutzt die Software und der Anbieter stellt den Dienst gegen die Vergütung bereit. ",
    "es": "El Usuario acepta estas condiciones y el Proveedor le presta el servicio en línea. ",
}
PROCESSING = {
    "fr": "Le Sous-traitant traite les données personnelles pour le compte du Responsable du traitement. ",
    "it": "Il Responsabile tratta i dati personali per conto del Titolare secondo le sue istruzioni. ",
    "en": "The Processor processes personal data on behalf of the Controller on documented instructions. ",
    "de": "Der Auftragnehmer verarbeitet personenbezogene Daten nur auf Weisung des Auftraggebers. ",
    "es": "El Encargado trata los datos personales por cuenta del Responsable según sus instrucciones. ",
}
SITE_HEADER = {
    "fr": "Accueil | Produits | Tarifs | Connexion\nNous utilisons des cookies pour améliorer votre visite. "
          "Tout accepter | Personnaliser\n",
    "it": "Home > Legale > Condizioni\nQuesto sito utilizza cookie tecnici e di profilazione. Accetta tutti | Rifiuta\n",
    "en": "Home | Pricing | Blog | Log in\nWe use cookies to improve your experience. Accept all | Manage\n",
    "de": "Start | Produkte | Preise | Anmelden\nWir verwenden Cookies, um unsere Website zu verbessern. "
          "Alle akzeptieren | Einstellungen\n",
    "es": "Inicio | Precios | Contacto\nUtilizamos cookies para mejorar su experiencia. Aceptar todas | Configurar\n",
}
TERMS_TITLE = {"fr": "Conditions générales d'utilisation", "it": "Condizioni generali di utilizzo",
               "en": "Terms of Use", "de": "Allgemeine Geschäftsbedingungen", "es": "Condiciones generales de uso"}
CLAUSE_STYLE = {"fr": "Article {i} – Dispositions", "it": "Art. {i} - Disposizioni", "en": "{i}. Provisions",
                "de": "§ {i} Regelungen", "es": "Cláusula {i}. Disposiciones"}
ANNEX_DPA = {"fr": "Annexe 1 – Accord de traitement des données personnelles",
             "it": "Allegato A – Accordo sul trattamento dei dati",
             "de": "Anlage 1 – Auftragsverarbeitungsvertrag",
             "en": "Annex 2 – Data Processing Agreement",
             "es": "Anexo I – Acuerdo de encargo del tratamiento"}
DPA_HEADINGS = {"fr": "Objet et durée", "it": "Oggetto e durata", "en": "Subject matter and duration",
                "de": "Gegenstand und Dauer", "es": "Objeto y duración"}


def clauses(sentence: str, n: int, style: str = "{i}. Heading") -> str:
    return "".join(style.format(i=i) + "\n" + sentence * 2 + "\n\n" for i in range(1, n + 1))


def split(text: str) -> list[tuple[int, str, str | None, int | None]]:
    return [(a.line, a.kind, a.language, a.part_of) for a in split_agreements(Document(source="t.txt", text=text))]


def line_no(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


@pytest.mark.parametrize("lang", ["fr", "it", "en", "de", "es"])
def test_terms_behind_site_header_with_annexed_dpa(lang: str) -> None:
    text = (SITE_HEADER[lang] + "\n" + TERMS_TITLE[lang] + "\n" + clauses(TERMS[lang], 8, CLAUSE_STYLE[lang])
            + ANNEX_DPA[lang] + "\n" + clauses(PROCESSING[lang], 4, "{i}. " + DPA_HEADINGS[lang]))
    assert split(text) == [(line_no(text, TERMS_TITLE[lang]), "terms", lang, None),
                           (line_no(text, ANNEX_DPA[lang]), "dpa", lang, 0)]


@pytest.mark.parametrize(("lang", "marker", "title"), [
    ("fr", "ANNEXE 1", "ACCORD DE TRAITEMENT DES DONNÉES PERSONNELLES"),
    ("en", "Schedule 3", "Data Processing Terms"),
    ("de", "Anlage 2", "Vereinbarung zur Auftragsverarbeitung"),
])
def test_annex_marker_on_its_own_line(lang: str, marker: str, title: str) -> None:
    text = (TERMS_TITLE[lang] + "\n" + clauses(TERMS[lang], 8, CLAUSE_STYLE[lang]) + marker + "\n" + title + "\n"
            + clauses(PROCESSING[lang], 4))
    got = split(text)
    assert [(k, p) for _, k, _, p in got] == [("terms", None), ("dpa", 0)]
    assert got[1][0] == line_no(text, title)


def test_contents_and_list_of_annexes_do_not_open_the_annex_fr() -> None:
    annex = ANNEX_DPA["fr"]
    contents = "Sommaire\n" + "".join(f"Article {i} – Dispositions\n" for i in range(1, 8)) + annex + "\n\n"
    listing = ("Article 8 – Annexes\nLes annexes suivantes font partie du contrat :\n" + annex
               + "\nAnnexe 2 – Niveaux de service\n\n")
    text = (TERMS_TITLE["fr"] + "\n" + contents + clauses(TERMS["fr"] * 2, 7, CLAUSE_STYLE["fr"]) + listing
            + clauses(TERMS["fr"], 2, "Article 9 – Divers") + annex + "\n" + clauses(PROCESSING["fr"], 4))
    last_annex_line = text.count("\n", 0, text.rindex(annex)) + 1
    assert split(text) == [(1, "terms", "fr", None), (last_annex_line, "dpa", "fr", 0)]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_untitled_terms_start_after_the_site_header(lang: str) -> None:
    title = {"fr": "Règlement d'utilisation de la plateforme", "en": "Rules of the platform"}[lang]
    text = (SITE_HEADER[lang] + title + "\n" + clauses(TERMS[lang], 8, CLAUSE_STYLE[lang]) + ANNEX_DPA[lang] + "\n"
            + clauses(PROCESSING[lang], 4))
    assert split(text) == [(line_no(text, title), "terms", lang, None), (line_no(text, ANNEX_DPA[lang]), "dpa", lang, 0)]


@pytest.mark.parametrize(("lang", "master", "sow", "preamble"), [
    ("en", "MASTER SERVICES AGREEMENT", "STATEMENT OF WORK No. 2 – DATA MIGRATION",
     "This Statement of Work is issued under the master agreement signed by the parties."),
    ("de", "RAHMENVERTRAG", "LEISTUNGSSCHEIN NR. 1 – MIGRATION",
     "Dieser Leistungsschein wird auf Grundlage des Rahmenvertrags zwischen den Parteien geschlossen."),
    ("fr", "CONTRAT-CADRE DE PRESTATIONS", "DESCRIPTIF DES PRESTATIONS N° 1 – AUDIT",
     "Le présent descriptif des prestations est émis en application du contrat-cadre signé."),
    ("it", "ACCORDO QUADRO", "ORDINE DI LAVORO N. 3 – ASSISTENZA",
     "Il presente ordine di lavoro è emesso ai sensi dell'accordo quadro sottoscritto dalle parti."),
    ("es", "ACUERDO MARCO DE SERVICIOS", "DECLARACIÓN DE TRABAJO N.º 1 – SOPORTE",
     "La presente declaración de trabajo se emite en virtud del acuerdo marco firmado por las partes."),
])
def test_master_agreement_then_statement_of_work(lang: str, master: str, sow: str, preamble: str) -> None:
    items = "(a) " + TERMS[lang] + "\n(b) " + TERMS[lang] + "\n"
    text = master + "\n\n" + clauses(TERMS[lang], 8, CLAUSE_STYLE[lang]) + sow + "\n\n" + preamble + "\n\n" + items
    assert split(text) == [(1, "framework", lang, None), (line_no(text, sow), "sow", lang, 0)]


@pytest.mark.parametrize("lang", ["en", "it"])
def test_terms_then_a_separate_service_level_agreement(lang: str) -> None:
    title, intro = {
        "en": ("# Service Level Agreement", "This Service Level Agreement is a separate agreement between the parties."),
        "it": ("# Accordo sul livello di servizio", "Il presente accordo sul livello di servizio è distinto dalle condizioni."),
    }[lang]
    text = ("# " + TERMS_TITLE[lang] + "\n\n" + clauses(TERMS[lang], 7, "## {i}. Heading") + "---\n\n" + title
            + "\n\n" + intro + "\n\n" + clauses(TERMS[lang], 3, "## {i}. Availability"))
    assert split(text) == [(1, "terms", lang, None), (line_no(text, title), "sla", lang, None)]


def test_service_levels_section_without_an_agreement_noun_stays_inside_de() -> None:
    text = (TERMS_TITLE["de"] + "\n" + clauses(TERMS["de"], 8, CLAUSE_STYLE["de"]) + "Service Levels\n"
            + clauses(TERMS["de"], 3))
    assert split(text) == [(1, "terms", "de", None)]


@pytest.mark.parametrize(("first", "second"), [
    (("it", "Prodotto Uno – Accordo per il trattamento dei dati"), ("en", "Product Two – Data Processing Agreement")),
    (("es", "Producto Uno – Acuerdo de encargo del tratamiento"), ("de", "Produkt Zwei – Auftragsverarbeitungsvertrag")),
    (("fr", "Accord de traitement des données"), ("fr", "Accord de traitement des données")),
])
def test_two_vendors_dpas_on_one_page(first: tuple[str, str], second: tuple[str, str]) -> None:
    text = (SITE_HEADER["it"] + "\n" + first[1] + "\n" + clauses(PROCESSING[first[0]], 6) + second[1] + "\n"
            + clauses(PROCESSING[second[0]], 6))
    assert split(text) == [(line_no(text, first[1]), "dpa", first[0], None),
                           (text.count("\n", 0, text.rindex(second[1])) + 1, "dpa", second[0], None)]


def test_second_dpa_found_by_its_preamble_en() -> None:
    title = "Data Processing Agreement"
    intro = "This Data Processing Agreement is entered into between {} and the Customer.\n"
    text = (title + "\n" + intro.format("the first vendor") + clauses(PROCESSING["en"], 5, "Section {i}. Scope")
            + title + "\n" + intro.format("the second vendor") + "Definitions\n" + PROCESSING["en"] * 30 + "\n")
    assert [(k, p) for _, k, _, p in split(text)] == [("dpa", None), ("dpa", None)]


def test_processing_description_inside_a_dpa_does_not_split_it() -> None:
    text = (ANNEX_DPA["it"].split("– ")[1] + "\n" + clauses(PROCESSING["it"], 6)
            + "Descrizione del trattamento dei dati\n" + clauses(PROCESSING["it"], 3))
    assert split(text) == [(1, "dpa", "it", None)]


def test_cover_page_then_general_conditions_is_one_agreement_fr() -> None:
    cover = ("CONDITIONS D'ABONNEMENT DU SERVICE\nPARTIES\nFournisseur : la société éditrice\nClient : tel qu'indiqué"
             " dans la commande\n" + TERMS["fr"] * 4 + "\n")
    text = cover + "CONDITIONS GÉNÉRALES\n" + clauses(TERMS["fr"], 6)
    assert split(text) == [(1, "terms", "fr", None)]


@pytest.mark.parametrize(("line", "chrome"), [
    ("Accueil | Produits | Contact", True),
    ("Home > Legale > Condizioni", True),
    ("Wir verwenden Cookies, um die Website zu verbessern. Alle akzeptieren | Einstellungen", True),
    ("Le site utilise des cookies de mesure d'audience conformément à la loi.", False),
    ("Aceptar todas", True),
    ("Conditions générales d'utilisation", False),
    ("The Customer shall pay the fees within thirty days.", False),
])
def test_site_chrome(line: str, chrome: bool) -> None:
    assert ak.is_site_chrome(line) is chrome


@pytest.mark.parametrize(("title", "named"), [
    ("Service Level Agreement", True), ("Service levels", False), ("Auftragsverarbeitungsvertrag", True),
    ("Accordo sul livello di servizio", True), ("Niveaux de service", False), ("Acuerdo de nivel de servicio", True),
])
def test_names_agreement(title: str, named: bool) -> None:
    assert ak.names_agreement(title) is named


@pytest.mark.parametrize(("line", "title", "intro"), [
    ("This SOW is issued under the master agreement.", "", True),
    ("Le présent accord est conclu entre l'Éditeur et le Client.", "", True),
    ("Il presente contratto disciplina il servizio.", "", True),
    ("Diese Vereinbarung regelt die Verarbeitung.", "", True),
    ("El presente acuerdo regula el servicio.", "", True),
    ("Le présent descriptif fixe les prestations.", "Descriptif des prestations", True),
    ("Le présent descriptif fixe les prestations.", "Annexe technique", False),
    ("The parties agree to the data processing agreement in Exhibit C.", "", False),
    ("Les Parties conviennent de l'accord défini dans l'annexe C.", "", False),
    ("Entre les soussignés :", "", True),
    ("Zwischen der Kundin und dem Anbieter", "", True),
    ("Tra le parti sotto indicate", "", True),
    ("Le traitement des données entre les parties est régi par l'annexe 1.", "", False),
])
def test_introduces_agreement(line: str, title: str, intro: bool) -> None:
    assert ak.introduces_agreement(line, title) is intro


def test_long_contents_whose_annex_entry_is_worded_differently_en() -> None:
    contents = "Contents\n" + "".join(f"{i}. Provisions of part {i}\n" for i in range(1, 40)) + \
        "Annex 2 - DPA\n\n"
    text = (TERMS_TITLE["en"] + "\n" + contents + clauses(TERMS["en"], 8) + ANNEX_DPA["en"] + "\n"
            + clauses(PROCESSING["en"], 4))
    assert split(text) == [(1, "terms", "en", None), (line_no(text, ANNEX_DPA["en"]), "dpa", "en", 0)]


def test_page_footer_and_cookie_banner_cut_from_the_last_agreement_it() -> None:
    footer = "© 2025 Esempio S.r.l.\nPrivacy | Cookie | Contatti\nQuesto sito utilizza cookie. Accetta tutti\n"
    text = TERMS_TITLE["it"] + "\n" + clauses(TERMS["it"], 6) + footer
    ag = split_agreements(Document(source="t.txt", text=text))[0]
    assert ag.text.rstrip().endswith(TERMS["it"].strip())


@pytest.mark.parametrize(("lang", "menu", "banner"), [
    ("fr", "Accueil\nTarifs\nConditions générales\n",
     "Nous utilisons des cookies pour vous offrir la meilleure expérience. En continuant, vous acceptez leur usage.\n"),
    ("de", "Start\nPreise\nAllgemeine Geschäftsbedingungen\n",
     "Diese Website verwendet Cookies, damit wir sie stetig verbessern können.\n"),
])
def test_vertical_menu_entry_then_cookie_sentence_then_title(lang: str, menu: str, banner: str) -> None:
    title = TERMS_TITLE[lang] + " des Dienstes" if lang == "de" else TERMS_TITLE[lang] + " du service"
    text = (menu + banner + "OK\n\n" + title + "\n" + clauses(TERMS[lang], 8, CLAUSE_STYLE[lang]) + ANNEX_DPA[lang]
            + "\n" + clauses(PROCESSING[lang], 4))
    assert split(text) == [(line_no(text, title), "terms", lang, None), (line_no(text, ANNEX_DPA[lang]), "dpa", lang, 0)]


@pytest.mark.parametrize(("lang", "heading", "title_line"), [
    ("fr", "ANNEXE 1 AUX CONDITIONS GÉNÉRALES", "ACCORD DE TRAITEMENT DES DONNÉES PERSONNELLES"),
    ("de", "Anlage 1 zu den AGB: Auftragsverarbeitungsvertrag", None),
    ("it", "Allegato A alle Condizioni generali – Accordo sul trattamento dei dati", None),
    ("en", "Annex 2 to the Terms of Use – Data Processing Agreement under Article 28 of the General Data "
           "Protection Regulation between the Company and the Customer for the hosted service", None),
])
def test_annex_heading_naming_the_main_agreement(lang: str, heading: str, title_line: str | None) -> None:
    text = (TERMS_TITLE[lang] + "\n" + clauses(TERMS[lang], 8, CLAUSE_STYLE[lang]) + heading + "\n"
            + (title_line + "\n" if title_line else "") + clauses(PROCESSING[lang], 4))
    start = line_no(text, title_line or heading)
    assert split(text) == [(1, "terms", lang, None), (start, "dpa", lang, 0)]


@pytest.mark.parametrize(("line", "title"), [
    ("Annexe 1 – Accord de traitement", "Accord de traitement"), ("Anlage 1 zu den AGB", ""),
    ("Annex 2 to the Terms: Data Processing Terms", "Data Processing Terms"), ("Allegato B", ""),
    ("Anexo I – Acuerdo de encargo", "Acuerdo de encargo"), ("Objet du contrat", None),
])
def test_annex_title(line: str, title: str | None) -> None:
    assert ak.annex_title(line) == title


@pytest.mark.parametrize(("lang", "clause", "sub"), [
    ("fr", "Article 9 – Données personnelles", "1. Traitement des données personnelles"),
    ("it", "Art. 9 - Dati personali", "1. Trattamento dei dati personali"),
    ("de", "§ 9 Datenschutz", "1. Verarbeitung personenbezogener Daten"),
])
def test_first_sub_clause_about_personal_data_stays_in_the_terms(lang: str, clause: str, sub: str) -> None:
    text = (TERMS_TITLE[lang] + "\n" + clauses(TERMS[lang], 8, CLAUSE_STYLE[lang]) + clause + "\n" + sub + "\n"
            + TERMS[lang] * 3 + "\n2. Sicherheit\n" + TERMS[lang] * 3 + "\n")
    assert split(text) == [(1, "terms", lang, None)]


@pytest.mark.parametrize(("lang", "heading"), [
    ("fr", "ANNEXE 1\nDONNÉES PERSONNELLES"), ("it", "Allegato 2 – Dati personali"),
    ("es", "Anexo 1 – Datos personales"), ("en", "Schedule 2\nPersonal Data"),
])
def test_annex_about_personal_data_with_its_own_numbering_is_a_dpa(lang: str, heading: str) -> None:
    text = (TERMS_TITLE[lang] + "\n" + clauses(TERMS[lang], 8, CLAUSE_STYLE[lang]) + heading + "\n"
            + clauses(PROCESSING[lang], 4))
    start = line_no(text, heading.split("\n")[-1])
    assert split(text) == [(1, "terms", lang, None), (start, "dpa", lang, 0)]


def test_personal_data_annex_inside_a_dpa_does_not_split_it_de() -> None:
    text = ("Auftragsverarbeitungsvertrag\n" + clauses(PROCESSING["de"], 8) + "Anlage 1 – Personenbezogene Daten\n"
            + clauses(PROCESSING["de"], 3))
    assert split(text) == [(1, "dpa", "de", None)]


def test_trailing_table_rows_are_not_cut_as_footer_en() -> None:
    rows = "Provider | Service | Country\nAcme Cloud Hosting Ltd | Hosting | Ireland\nMail Relay Services Inc | E-mail | United States\n"
    text = "Data Processing Agreement\n" + clauses(PROCESSING["en"], 5) + "Annex 3 – Sub-processors\n" + rows
    ag = split_agreements(Document(source="t.txt", text=text))[0]
    assert ag.text.rstrip().endswith("United States")


@pytest.mark.parametrize(("lang", "dpa_title"), [("en", "Data Processing Addendum"),
                                                 ("it", "Accordo sul trattamento dei dati")])
def test_unnumbered_contents_naming_the_dpa_keep_the_terms_title(lang: str, dpa_title: str) -> None:
    sections = ["Scope", "Fees", "Liability"]
    contents = "\n".join(sections) + "\n" + dpa_title + "\nGoverning law\n\n"
    body = "".join(f"{name}\n{TERMS[lang] * 6}\n" for name in sections)
    text = (TERMS_TITLE[lang] + "\n" + contents + body + dpa_title + "\n" + clauses(PROCESSING[lang], 4)
            + "Governing law\n" + TERMS[lang] * 2 + "\n")
    got = split(text)
    assert got[0] == (1, "terms", lang, None)
    assert got[1][:2] == (text.count("\n", 0, text.rindex(dpa_title)) + 1, "dpa")


@pytest.mark.parametrize("lang", ["en", "de"])
def test_title_repeated_after_a_numbered_contents_is_one_agreement(lang: str) -> None:
    title = {"en": "Data Processing Agreement", "de": "Auftragsverarbeitungsvertrag"}[lang]
    contents = "".join(f"{i}. Provisions on the processing part {i}\n" for i in range(1, 13))
    text = title + "\n" + contents + "\n" + title + "\n" + clauses(PROCESSING[lang], 6)
    assert split(text) == [(1, "dpa", lang, None)]


def test_second_vendors_dpa_in_another_language_without_numbering() -> None:
    first = "Accordo per il trattamento dei dati\n" + "".join(
        f"{h}\n{PROCESSING['it'] * 5}\n" for h in ("Oggetto", "Obblighi", "Sicurezza", "Durata"))
    second = "Data Processing Agreement\n" + "".join(
        f"{h}\n{PROCESSING['en'] * 5}\n" for h in ("Scope", "Obligations", "Security", "Term"))
    text = first + second
    assert split(text) == [(1, "dpa", "it", None), (line_no(text, "Data Processing Agreement"), "dpa", "en", None)]
