"""Art. 28 coverage in the seven languages on DPAs written for these tests: a complete DPA has no gap,
and a gap is reported only when no clause stipulates the element (a "Duration" heading over an effective
date, data types left to the controller, audit logs instead of an audit right)."""

from __future__ import annotations

import re

import pytest

from contractkg.ingest.document import Agreement, Clause, Document
from contractkg.ingest.obligations import art28
from contractkg.ingest.obligations import extractor as obligations
from contractkg.ingest.obligations.art28 import ELEMENTS

_NUMBERED = re.compile(r"^((?:\d+\.)*\d+)\.?\s", re.MULTILINE)


def agreement(text: str, lang: str) -> Agreement:
    doc = Document(source="t.txt", text=text)
    starts = [m.start() for m in _NUMBERED.finditer(text)]
    clauses = [Clause(number=_NUMBERED.match(text, s).group(1), heading="", start=s, end=(starts + [len(text)])[i + 1])  # type: ignore[union-attr]
               for i, s in enumerate(starts)]
    return Agreement(doc=doc, start=0, end=len(text), kind="dpa", language=lang, clauses=clauses)


def coverage(text: str, lang: str, record: dict | None = None) -> dict:
    ag = agreement(text, lang)
    given = {"parties": [], "defined_terms": {}, "roles": {}}
    return art28.extract(ag, {**given, **(record or {}), **obligations.extract(ag, given)})


# one DPA per language, same layout: 1.2 states the duration, 3.1 the data types, 5.9 the audit right
DPAS = {
    "en": """Data Processing Agreement
1. Subject matter and duration
1.1 This Agreement governs the processing of personal data by the Processor on behalf of the Controller for the hosting of a booking website.
1.2 The processing lasts for the term of the Main Agreement.
2. Nature and purpose of the processing
The Processor hosts and backs up booking records in order to run the website.
3. Personal data and data subjects
3.1 Types of personal data: names, postal addresses and e-mail addresses.
3.2 Categories of data subjects: guests and employees of the Controller.
4. Rights and obligations of the Controller
The Controller is responsible for the lawfulness of the processing.
5. Obligations of the Processor
5.1 The Processor shall process the personal data only on documented instructions from the Controller.
5.2 The Processor shall inform the Controller at once if, in its opinion, an instruction infringes the GDPR.
5.3 The Processor shall ensure that persons authorised to process the personal data are bound by confidentiality.
5.4 The Processor shall implement appropriate technical and organisational measures.
5.5 The Processor shall not engage another processor without the prior written authorisation of the Controller.
5.6 The Processor shall help the Controller answer requests from data subjects exercising their rights.
5.7 The Processor shall assist the Controller with data protection impact assessments.
5.8 When the services end, the Processor shall delete or return all personal data.
5.9 The Processor shall allow for and contribute to audits, including inspections, conducted by the Controller.
""",
    "fr": """Accord de traitement des données
1. Objet et durée
1.1 Le présent accord régit le traitement de données personnelles par le Sous-traitant pour le compte du Responsable du traitement, aux fins de la gestion d'une boutique en ligne.
1.2 Le présent accord reste applicable pendant toute la durée du Contrat principal.
2. Nature et finalité du traitement
Le Sous-traitant héberge et sauvegarde les commandes afin d'exploiter la boutique.
3. Données et personnes concernées
3.1 Catégories de données : noms, adresses postales et numéros de téléphone.
3.2 Catégories de personnes concernées : clients et salariés du Responsable du traitement.
4. Droits et obligations du Responsable du traitement
Le Responsable du traitement veille à la licéité du traitement.
5. Obligations du Sous-traitant
5.1 Le Sous-traitant s'engage à ne traiter les données que sur instruction documentée du Responsable du traitement.
5.2 Le Sous-traitant informe immédiatement le Responsable du traitement si, selon lui, une instruction constitue une violation du RGPD.
5.3 Le Sous-traitant veille à ce que les personnes autorisées à traiter les données à caractère personnel respectent la confidentialité.
5.4 Le Sous-traitant met en œuvre les mesures techniques et organisationnelles appropriées.
5.5 Le Sous-traitant ne peut recruter un autre sous-traitant sans l'autorisation écrite préalable du Responsable du traitement.
5.6 Le Sous-traitant aide le Responsable du traitement à donner suite aux demandes d'exercice des droits des personnes concernées.
5.7 Le Sous-traitant aide le Responsable du traitement pour la réalisation d'analyses d'impact.
5.8 Au terme de la prestation, le Sous-traitant supprime ou renvoie toutes les données personnelles.
5.9 Le Sous-traitant permet la réalisation d'audits, y compris des inspections, par le Responsable du traitement.
""",
    "it": """Accordo sul trattamento dei dati
1. Oggetto e durata
1.1 Il presente accordo disciplina il trattamento di dati personali da parte del Responsabile per conto del Titolare, per la gestione di un portale di prenotazioni.
1.2 Il trattamento avrà la stessa durata del Contratto principale.
2. Natura e finalità del trattamento
Il Responsabile ospita e salva le prenotazioni al fine di gestire il portale.
3. Dati e interessati
3.1 Categorie di dati: nomi, indirizzi e-mail e numeri di telefono.
3.2 Categorie di interessati: clienti e dipendenti del Titolare.
4. Diritti e obblighi del Titolare
Il Titolare è responsabile della liceità del trattamento.
5. Obblighi del Responsabile
5.1 Il Responsabile si impegna a trattare i dati soltanto su istruzione documentata del Titolare.
5.2 Il Responsabile informa immediatamente il Titolare qualora, a suo parere, un'istruzione violi il GDPR.
5.3 Il Responsabile garantisce che le persone autorizzate al trattamento dei dati personali siano vincolate alla riservatezza.
5.4 Il Responsabile adotta misure tecniche e organizzative adeguate.
5.5 Il Responsabile non può ricorrere a un altro responsabile senza previa autorizzazione scritta del Titolare.
5.6 Il Responsabile assiste il Titolare nel dare seguito alle richieste degli interessati per l'esercizio dei loro diritti.
5.7 Il Responsabile assiste il Titolare nelle valutazioni d'impatto sulla protezione dei dati.
5.8 Al termine dei servizi il Responsabile cancella o restituisce tutti i dati personali.
5.9 Il Responsabile consente e contribuisce alle attività di revisione, comprese le ispezioni, del Titolare.
""",
    "de": """Vereinbarung zur Auftragsverarbeitung
1. Gegenstand und Dauer
1.1 Diese Vereinbarung regelt die Verarbeitung personenbezogener Daten durch den Auftragsverarbeiter im Auftrag des Verantwortlichen für den Betrieb eines Buchungsportals.
1.2 Die Dauer der Verarbeitung entspricht der Laufzeit des Hauptvertrags.
2. Art und Zweck der Verarbeitung
Der Auftragsverarbeiter hostet und sichert die Buchungsdaten, um das Portal zu betreiben.
3. Daten und betroffene Personen
3.1 Datenkategorien: Namen, Anschriften und Telefonnummern.
3.2 Kategorien betroffener Personen: Kunden und Beschäftigte des Verantwortlichen.
4. Rechte und Pflichten des Verantwortlichen
Der Verantwortliche ist für die Rechtmäßigkeit der Verarbeitung verantwortlich.
5. Pflichten des Auftragsverarbeiters
5.1 Der Auftragsverarbeiter verarbeitet die Daten nur auf dokumentierte Weisung des Verantwortlichen.
5.2 Der Auftragsverarbeiter informiert den Verantwortlichen unverzüglich, wenn eine Weisung nach seiner Auffassung gegen die DSGVO verstößt.
5.3 Der Auftragsverarbeiter stellt sicher, dass die zur Verarbeitung befugten Personen zur Vertraulichkeit verpflichtet sind.
5.4 Der Auftragsverarbeiter trifft geeignete technische und organisatorische Maßnahmen.
5.5 Der Auftragsverarbeiter darf keinen weiteren Auftragsverarbeiter ohne vorherige schriftliche Genehmigung des Verantwortlichen einsetzen.
5.6 Der Auftragsverarbeiter unterstützt den Verantwortlichen bei der Beantwortung von Anträgen betroffener Personen auf Wahrnehmung ihrer Rechte.
5.7 Der Auftragsverarbeiter unterstützt den Verantwortlichen bei Datenschutz-Folgenabschätzungen.
5.8 Nach Ende der Leistungen löscht der Auftragsverarbeiter alle personenbezogenen Daten oder gibt sie zurück.
5.9 Der Auftragsverarbeiter ermöglicht Überprüfungen, einschließlich Inspektionen, durch den Verantwortlichen und trägt dazu bei.
""",
    "es": """Contrato de encargado del tratamiento
1. Objeto y duración
1.1 El presente contrato regula el tratamiento de datos personales por el Encargado por cuenta del Responsable para la gestión de una tienda en línea.
1.2 El tratamiento tendrá la misma duración que el contrato principal.
2. Naturaleza y finalidad del tratamiento
El Encargado aloja y guarda los pedidos con el fin de explotar la tienda.
3. Datos e interesados
3.1 Categorías de datos: nombres, direcciones postales y teléfonos.
3.2 Categorías de interesados: clientes y empleados del Responsable.
4. Derechos y obligaciones del Responsable
El Responsable responde de la licitud del tratamiento.
5. Obligaciones del Encargado
5.1 El Encargado se compromete a tratar los datos únicamente siguiendo las instrucciones documentadas del Responsable.
5.2 El Encargado informará inmediatamente al Responsable si, en su opinión, una instrucción infringe el RGPD.
5.3 El Encargado garantiza que las personas autorizadas para tratar los datos personales se han comprometido a respetar la confidencialidad.
5.4 El Encargado deberá aplicar las medidas técnicas y organizativas apropiadas.
5.5 El Encargado no podrá recurrir a otro encargado sin la autorización previa por escrito del Responsable.
5.6 El Encargado asistirá al Responsable en la respuesta a las solicitudes de los interesados para el ejercicio de sus derechos.
5.7 El Encargado ayudará al Responsable en las evaluaciones de impacto relativas a la protección de datos.
5.8 Al finalizar la prestación, el Encargado suprimirá o devolverá todos los datos personales.
5.9 El Encargado permitirá y contribuirá a la realización de auditorías, incluidas inspecciones, por parte del Responsable.
""",
    "pt": """Acordo de Tratamento de Dados
1. Objeto e duração
1.1 O presente Acordo regula o tratamento de dados pessoais pelo Subcontratante por conta do Responsável pelo tratamento, para a gestão de reservas online.
1.2 O tratamento terá a mesma duração que o Contrato Principal.
2. Natureza e finalidade do tratamento
O Subcontratante aloja e guarda os dados das reservas com a finalidade de gerir as marcações dos clientes.
3. Dados e titulares
3.1 Categorias de dados pessoais: nomes, endereços de e-mail e números de telefone.
3.2 Categorias de titulares dos dados: clientes e funcionários do Responsável pelo tratamento.
4. Direitos e obrigações do Responsável pelo tratamento
O Responsável pelo tratamento responde pela licitude do tratamento.
5. Obrigações do Subcontratante
5.1 O Subcontratante compromete-se a tratar os dados pessoais apenas mediante instruções documentadas do Responsável pelo tratamento.
5.2 O Subcontratante informa imediatamente o Responsável pelo tratamento se, no seu entender, uma instrução violar o RGPD.
5.3 O Subcontratante garante que as pessoas autorizadas a tratar os dados pessoais assumiram um compromisso de confidencialidade.
5.4 O Subcontratante deverá aplicar as medidas técnicas e organizativas adequadas.
5.5 O Subcontratante não pode contratar outro subcontratante sem autorização prévia por escrito do Responsável pelo tratamento.
5.6 O Subcontratante obriga-se a prestar assistência ao Responsável pelo tratamento na resposta aos pedidos dos titulares para exercício dos seus direitos.
5.7 O Subcontratante presta assistência nas avaliações de impacto sobre a proteção de dados.
5.8 No termo da prestação dos serviços, o Subcontratante deverá apagar ou devolver todos os dados pessoais.
5.9 O Subcontratante permite e contribui para auditorias, incluindo inspeções, conduzidas pelo Responsável pelo tratamento.
""",
    "nl": """Verwerkersovereenkomst
1. Onderwerp en duur
1.1 Deze overeenkomst regelt de verwerking van persoonsgegevens door de Verwerker ten behoeve van de Verwerkingsverantwoordelijke voor het beheer van een klantenportaal.
1.2 Deze overeenkomst blijft van kracht zolang de hoofdovereenkomst loopt.
2. Aard en doel van de verwerking
De Verwerker host en bewaart de portaalgegevens met als doel het aanbieden van het klantenportaal.
3. Gegevens en betrokkenen
3.1 Categorieën van persoonsgegevens: namen, e-mailadressen en telefoonnummers.
3.2 Categorieën van betrokkenen: klanten en medewerkers van de Verwerkingsverantwoordelijke.
4. Rechten en verplichtingen van de Verwerkingsverantwoordelijke
De Verwerkingsverantwoordelijke staat in voor de rechtmatigheid van de verwerking.
5. Verplichtingen van de Verwerker
5.1 De Verwerker verwerkt de persoonsgegevens uitsluitend op basis van gedocumenteerde instructies van de Verwerkingsverantwoordelijke.
5.2 De Verwerker stelt de Verwerkingsverantwoordelijke onmiddellijk in kennis indien een instructie naar zijn oordeel inbreuk maakt op de AVG.
5.3 De Verwerker zorgt ervoor dat de personen die de persoonsgegevens mogen verwerken tot geheimhouding zijn verplicht.
5.4 De Verwerker neemt passende technische en organisatorische maatregelen.
5.5 De Verwerker zal geen andere verwerker inschakelen zonder voorafgaande schriftelijke toestemming van de Verwerkingsverantwoordelijke.
5.6 De Verwerker moet de Verwerkingsverantwoordelijke bijstaan bij het beantwoorden van verzoeken van betrokkenen om hun rechten uit te oefenen.
5.7 De Verwerker verleent bijstand bij gegevensbeschermingseffectbeoordelingen.
5.8 Na afloop van de dienstverlening verwijdert de Verwerker alle persoonsgegevens of geeft hij deze terug.
5.9 De Verwerker verplicht zich audits, waaronder inspecties, door de Verwerkingsverantwoordelijke toe te staan en daaraan bij te dragen.
""",
}

# replacements for 1.2 (an effective date under the "duration" heading), 3.1 (data types left to the
# controller) and 5.9 (audit logs, a security measure, instead of an audit right)
NO_DURATION = {
    "en": "This Agreement takes effect on 1 March 2024.",
    "fr": "Le présent accord prend effet le 1er mars 2024.",
    "it": "Il presente accordo produce effetti dal 1° marzo 2024.",
    "de": "Diese Vereinbarung tritt am 1. März 2024 in Kraft.",
    "es": "El presente contrato surte efecto el 1 de marzo de 2024.",
    "pt": "O presente Acordo produz efeitos a partir de 1 de março de 2024.",
    "nl": "Deze overeenkomst treedt in werking op 1 maart 2024.",
}
NO_DATA_TYPES = {
    "en": "Types of personal data: decided by the Controller through its use of the service.",
    "fr": "Catégories de données : déterminées par le Responsable du traitement selon son usage du service.",
    "it": "Categorie di dati: stabilite dal Titolare in base al suo uso del servizio.",
    "de": "Datenkategorien: bestimmt der Verantwortliche durch die Nutzung des Dienstes.",
    "es": "Categorías de datos: las determina el Responsable según su uso del servicio.",
    "pt": "Categorias de dados pessoais: definidas pelo Responsável pelo tratamento consoante a utilização do serviço.",
    "nl": "Categorieën van persoonsgegevens: bepaald door de Verwerkingsverantwoordelijke via het gebruik van de dienst.",
}
NO_AUDITS = {
    "en": "The Processor keeps audit logs of every access to the systems.",
    "fr": "Le Sous-traitant conserve des journaux d'audit de chaque accès aux systèmes.",
    "it": "Il Responsabile conserva registri di audit di ogni accesso ai sistemi.",
    "de": "Der Auftragsverarbeiter führt Audit-Logs über jeden Zugriff auf die Systeme.",
    "es": "El Encargado conserva registros de auditoría de cada acceso a los sistemas.",
    "pt": "O Subcontratante mantém registos de auditoria de cada acesso aos sistemas.",
    "nl": "De Verwerker houdt auditlogs bij van elke toegang tot de systemen.",
}
LANGS = sorted(DPAS)


def _replace(text: str, number: str, sentence: str) -> str:
    out, n = re.subn(rf"^{re.escape(number)} .*$", f"{number} {sentence}", text, count=1, flags=re.MULTILINE)
    assert n == 1
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_complete_dpa_has_no_gap(lang: str) -> None:
    out = coverage(DPAS[lang], lang)
    assert out["missing"] == []
    assert set(out["art28"]) == set(ELEMENTS)


@pytest.mark.parametrize("lang", LANGS)
def test_duration_heading_over_an_effective_date_is_a_gap(lang: str) -> None:
    assert coverage(_replace(DPAS[lang], "1.2", NO_DURATION[lang]), lang)["missing"] == ["duration"]


@pytest.mark.parametrize("lang", LANGS)
def test_data_types_left_to_the_controller_are_a_gap(lang: str) -> None:
    assert coverage(_replace(DPAS[lang], "3.1", NO_DATA_TYPES[lang]), lang)["missing"] == ["data_types"]


@pytest.mark.parametrize("lang", LANGS)
def test_audit_logs_are_no_audit_right(lang: str) -> None:
    assert coverage(_replace(DPAS[lang], "5.9", NO_AUDITS[lang]), lang)["missing"] == ["audits"]


def test_inventory_lists_state_the_data_types() -> None:
    """The inventory found categories in a table the cues cannot read: the element is stipulated."""
    text = _replace(DPAS["en"], "3.1", NO_DATA_TYPES["en"])
    start = text.index("1.1")
    record = {"personal_data": ["Name"], "evidence": {"personal_data": {"Name": [start, start + 4]}}}
    out = coverage(text, "en", record)
    assert "data_types" not in out["missing"] and out["art28_evidence"]["data_types"] == [[start, start + 4]]


STATED_DATA = [
    ("en", "Each request the widget sends includes the IP address and the user agent.", True),
    ("fr", "Le service collecte les adresses IP et les identifiants des appareils.", True),
    ("de", "Der Dienst speichert Namen und E-Mail-Adressen der Nutzer.", True),
    ("pt", "A plataforma armazena os nomes e os endereços de e-mail dos utilizadores.", True),
    ("nl", "De dienst verzamelt namen en e-mailadressen van gebruikers.", True),
    ("en", "The Controller decides which data it uploads.", False),
]


@pytest.mark.parametrize("lang,sentence,states", STATED_DATA)
def test_data_types_stated_by_a_processing_operation(lang: str, sentence: str, states: bool) -> None:
    text = _replace(DPAS[lang] if lang in DPAS else DPAS["en"], "3.1", sentence)
    assert ("data_types" not in coverage(text, lang)["missing"]) is states


LABELLED = """Auftragsverarbeitung
## Pflichten des Auftragnehmers
1. Der Auftragnehmer verarbeitet die Daten nur auf dokumentierte Weisung des Auftraggebers.
2. Der Auftragnehmer trifft geeignete technische und organisatorische Maßnahmen.
## Kontrollrechte
1. Der Auftraggeber hat das Recht, die Einhaltung dieser Vereinbarung durch Audits zu überprüfen.
"""


def test_unnumbered_markdown_headings_label_the_clauses() -> None:
    out = coverage(LABELLED, "de")
    assert out["art28"]["instructions"] == "Pflichten des Auftragnehmers 1"
    assert out["art28"]["audits"] == "Kontrollrechte 1"


# a duty that lasts for the term of the agreement states how long the duty lasts, not the processing;
# the role names that hold the word "processing" are no processing verb
CONFIDENTIAL_FOR_THE_TERM = {
    "en": "The Processor shall keep the personal data confidential for the term of this Agreement and five years thereafter.",
    "fr": "Le Sous-traitant garantit la confidentialité des données pendant toute la durée du contrat.",
    "it": "Il Responsabile del trattamento garantisce la riservatezza per tutta la durata del contratto.",
    "de": "Der Auftragsverarbeiter wahrt die Vertraulichkeit für die Dauer des Vertrags.",
    "es": "El Encargado del tratamiento mantendrá la confidencialidad durante toda la vigencia del contrato.",
    "pt": "O Responsável pelo tratamento pode realizar auditorias durante toda a vigência do contrato.",
    "nl": "De Verwerker bewaart de geheimhouding gedurende de looptijd van de overeenkomst.",
}
# "in force" said of the law, not of the agreement
LAW_IN_FORCE = {
    "en": "The Processor shall comply with the data protection laws that are in force.",
    "fr": "Le Sous-traitant respecte la réglementation qui est en vigueur.",
    "it": "Il Responsabile rispetta la normativa che è in vigore.",
    "de": "Der Auftragsverarbeiter beachtet die Gesetze, die in Kraft sind.",
    "es": "El Encargado cumple la normativa que está en vigor.",
    "pt": "O Subcontratante cumpre a legislação que está em vigor.",
    "nl": "De Verwerker leeft de wetgeving na die van kracht is.",
}


@pytest.mark.parametrize("lang", LANGS)
def test_a_duty_for_the_term_states_no_duration(lang: str) -> None:
    assert coverage(_replace(DPAS[lang], "1.2", CONFIDENTIAL_FOR_THE_TERM[lang]), lang)["missing"] == ["duration"]


@pytest.mark.parametrize("lang", LANGS)
def test_the_law_in_force_states_no_duration(lang: str) -> None:
    assert coverage(_replace(DPAS[lang], "1.2", LAW_IN_FORCE[lang]), lang)["missing"] == ["duration"]


@pytest.mark.parametrize("sentence,states", [
    ("This DPA applies for as long as the Processor processes personal data on behalf of the Controller.", True),
    ("The Processor keeps backups for as long as the law requires.", False),
])
def test_as_long_as_needs_the_processing(sentence: str, states: bool) -> None:
    assert ("duration" not in coverage(_replace(DPAS["en"], "1.2", sentence), "en")["missing"]) is states


def test_a_label_that_refers_to_an_annex_lists_nothing() -> None:
    """'Categories of data subjects: see Annex 2.' with no Annex 2: the employees named further on are no list."""
    text = DPAS["en"].replace("3.2 Categories of data subjects: guests and employees of the Controller.\n4. Rights",
                              "3.2 Categories of data subjects: see Annex 2.\nRights")
    assert coverage(text, "en")["missing"] == ["data_subject_categories"]
