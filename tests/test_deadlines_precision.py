"""A period goes to its own event and nowhere else: breach vs. deletion vs. sub-processor vs. audit,
breach of contract vs. data breach, reports vs. audits, notice vs. age of a report, list items under an
audit lead-in, who pays. Sentences written for these tests."""

import pytest

from contractkg.ingest.deadlines import extractor as deadlines
from contractkg.ingest.document import Agreement, Document
from contractkg.ingest.structure.clauses import parse_clauses


def run(text):
    doc = Document(source="t.txt", text=text)
    ag = Agreement(doc=doc, start=0, end=len(text), kind="dpa")
    ag.clauses = parse_clauses(ag)
    out = deadlines.extract(ag, {"record": {"evidence": {}}})
    return out["deadlines"], out["audit"]


# a breach clause with no figure, then other periods: none of them is the breach deadline
OTHER_EVENTS = {
    "en": "The Processor notifies personal data breaches promptly. It deletes Customer Data within thirty days after "
          "termination. New sub-processors are announced fourteen days in advance.",
    "fr": "Le Prestataire notifie les violations de données dans les meilleurs délais. Il supprime les données dans "
          "un délai de trente jours après la résiliation. Tout nouveau sous-traitant ultérieur est annoncé quatorze "
          "jours à l'avance.",
    "es": "El Encargado notificará las violaciones de seguridad de los datos con prontitud. Suprimirá los datos en "
          "un plazo de treinta días tras la resolución. Los nuevos subencargados se anunciarán con catorce días de "
          "antelación.",
    "pt": "O Subcontratante notifica as violações de dados prontamente. Apaga os dados no prazo de trinta dias após "
          "a cessação. Os novos subprocessadores são anunciados com catorze dias de antecedência.",
    "nl": "De Verwerker meldt datalekken zo spoedig mogelijk. Hij verwijdert de gegevens binnen dertig dagen na "
          "beëindiging. Nieuwe subverwerkers worden veertien dagen van tevoren aangekondigd.",
}


@pytest.mark.parametrize("lang", sorted(OTHER_EVENTS))
def test_each_period_goes_to_its_own_event(lang):
    found, audit = run(OTHER_EVENTS[lang])
    assert found["breach_notification"] is None
    assert found["breach_notification_qualifier"] == "promptly"
    assert found["subprocessor_notice"] == "P14D"
    assert found["subprocessor_objection"] is None
    assert found["audit_notice"] is None
    assert audit is None


def test_breach_of_contract_is_not_a_data_breach():
    found, _ = run("En cas de violation du Contrat, la Partie lésée notifie l'autre Partie, qui dispose de trente "
                   "jours pour y remédier.")
    assert found["breach_notification"] is None


def test_breach_word_next_to_data_names_a_data_breach():
    found, _ = run("7. Notification\nLe Prestataire avertit le Client de toute violation affectant les données "
                   "qu'il traite, au plus tard vingt-quatre heures après l'avoir constatée, sans retard injustifié.")
    assert found["breach_notification"] == "PT24H"
    assert found["breach_notification_qualifier"] == "without_undue_delay"


def test_infringing_instruction_is_not_a_breach_notice():
    found, _ = run("Si le Prestataire estime qu'une instruction constitue une violation du règlement sur la "
                   "protection des données, il en informe immédiatement le Client.")
    assert found["breach_notification_qualifier"] is None


@pytest.mark.parametrize("text, expected", [
    ("Le Prestataire met à disposition, au plus une fois par an, les rapports d'audit de tiers.", None),
    ("Il Fornitore fornisce, non più di una volta all'anno, le relazioni dei revisori indipendenti.", None),
    ("The Customer may carry out one audit per year.", 1),
    ("Der Kunde darf zweimal pro Kalenderjahr eine Prüfung durchführen.", 2),
])
def test_yearly_limit_on_reports_is_not_an_audit_limit(text, expected):
    _, audit = run(text)
    assert (audit or {}).get("max_per_year") == expected


@pytest.mark.parametrize("text", [
    "El Encargado podrá entregar informes de auditoría con una antigüedad inferior a doce meses.",
    "The Processor may provide audit reports issued within the previous twelve months.",
    "O Subcontratante fornece relatórios de auditoria com menos de doze meses.",
])
def test_age_of_a_report_is_not_an_audit_notice(text):
    found, _ = run(text)
    assert found["audit_notice"] is None


AUDIT_LISTS = {
    "en": ("Audits are subject to the following conditions:\n- at least 30 days' notice;\n- at most once per "
           "calendar year;\n- at the Customer's cost.\n", "P30D", {"max_per_year": 1, "on_site": None, "costs": "controller"}),
    "fr": ("Les audits sont soumis aux conditions suivantes :\na) annoncés au moins quinze jours à l'avance ;\n"
           "b) réalisés aux frais du Client.\n", "P15D", {"max_per_year": None, "on_site": None, "costs": "controller"}),
    "de": ("Für Prüfungen gilt:\n- Ankündigung mindestens drei Wochen vorher;\n- höchstens einmal pro Jahr.\n",
           "P21D", {"max_per_year": 1, "on_site": None, "costs": None}),
    "nl": ("Voor audits geldt het volgende:\n- aankondiging ten minste tien werkdagen vooraf;\n- ter plaatse bij "
           "de Verwerker.\n", "P10D", {"max_per_year": None, "on_site": True, "costs": None}),
}


@pytest.mark.parametrize("lang", sorted(AUDIT_LISTS))
def test_items_under_an_audit_lead_in(lang):
    text, notice, audit = AUDIT_LISTS[lang]
    found, got = run(text)
    assert found["audit_notice"] == notice
    assert got == audit


def test_a_list_under_another_lead_in_is_not_about_audits():
    found, audit = run("The Processor shall:\n- keep records of processing;\n- give at least 30 days' notice of "
                       "any change to its security measures.\n")
    assert found["audit_notice"] is None
    assert audit is None


@pytest.mark.parametrize("text, payer", [
    ("9. Audits. The Customer may audit the Provider at the Customer's own expense.", "controller"),
    ("9. Audits. The Customer may audit the Provider; the audit is performed at the Provider's cost.", "processor"),
    ("§ 9 Kontrollen. Für die Unterstützung bei Kontrollen kann der Auftragnehmer eine angemessene Vergütung "
     "verlangen.", "controller"),
    ("9. Auditorías. Los costes de la auditoría serán asumidos por el Responsable, salvo incumplimiento grave del "
     "Encargado.", "controller"),
    ("9. Auditorias. As auditorias são realizadas gratuitamente pelo Fornecedor.", "processor"),
    ("9. Audits. Elke partij draagt haar eigen kosten van de audit.", "shared"),
])
def test_who_pays_for_the_audit(text, payer):
    _, audit = run(text)
    assert audit["costs"] == payer


@pytest.mark.parametrize("text, objection", [
    # the notice is given for objecting: one period is both windows
    ("4. Sub-processors. The Provider gives at least 30 days' notice of a new sub-processor to allow the Customer "
     "to object.", "P30D"),
    ("4. Subencargados. El Encargado avisará con 10 días de antelación para ejercer el derecho de oposición a un "
     "nuevo subencargado.", "P10D"),
    ("4. Subprocessadores. O Fornecedor avisa com 15 dias de antecedência para que o Cliente se possa opor a um "
     "novo subprocessador.", "P15D"),
    # the objection is granted apart, with no period of its own
    ("4. Sub-processors. The Provider gives 30 days' notice to the Customer of any new sub-processor. The Customer "
     "may object on reasonable grounds.", None),
])
def test_notice_given_for_objecting_is_also_the_objection_window(text, objection):
    found, _ = run(text)
    assert found["subprocessor_objection"] == objection


@pytest.mark.parametrize("text", [
    "The Processor shall notify the Customer within 48 hours of any request by an authority to audit it.",
    "Der Auftragnehmer informiert den Auftraggeber binnen drei Tagen nach Ankündigung einer behördlichen Prüfung.",
])
def test_time_to_answer_counted_from_an_event_is_not_an_audit_notice(text):
    found, _ = run(text)
    assert found["audit_notice"] is None


def test_clock_times_in_audit_hours_are_not_windows():
    found, _ = run("Las auditorías se notificarán con un mínimo de 20 días de antelación y se realizarán de 9:00 a "
                   "18:00h en días laborables.")
    assert found["audit_notice"] == "P20D"


@pytest.mark.parametrize("text", [
    "The Processor shall notify the Controller of any personal data breach without undue delay so as to enable the "
    "Controller to notify the supervisory authority within 72 hours.",
    "Le Sous-traitant notifie au Client toute violation de données sans délai injustifié afin de lui permettre de "
    "notifier l'autorité de contrôle dans les 72 heures.",
    "Der Auftragnehmer meldet dem Auftraggeber Datenschutzverletzungen unverzüglich, damit dieser die Meldung an die "
    "Aufsichtsbehörde binnen 72 Stunden vornehmen kann.",
    "O Subcontratante notifica o Cliente de violações de dados sem demora injustificada, para que este possa notificar "
    "a autoridade de controlo no prazo de 72 horas.",
])
def test_the_controllers_deadline_towards_the_authority_is_not_the_processors(text):
    found, _ = run(text)
    assert found["breach_notification"] is None
    assert found["breach_notification_qualifier"] == "without_undue_delay"


def test_a_deadline_before_the_authority_is_named_stays():
    found, _ = run("The Processor shall notify the Customer within 48 hours of a personal data breach so that the "
                   "Customer can inform the supervisory authority.")
    assert found["breach_notification"] == "PT48H"


def test_round_the_clock_is_not_a_window():
    found, _ = run("Support is available 24 hours a day, 7 days a week to report security incidents.")
    assert found["breach_notification"] is None


@pytest.mark.parametrize("text", [
    "9. Audits. The Customer may audit the Provider once every 12 months.",
    "9. Verifiche. Il Titolare può effettuare una verifica una volta ogni dodici mesi.",
    "9. Auditorias. O Cliente pode realizar uma auditoria uma vez a cada 12 meses.",
    "9. Audits. De Klant mag eenmaal per twaalf maanden een audit uitvoeren.",
])
def test_once_in_twelve_months_is_once_a_year(text):
    _, audit = run(text)
    assert audit["max_per_year"] == 1


HEADING_ONLY = {
    "en": "7. Personal Data Breach\n7.1 The Processor shall notify the Controller within 24 hours after becoming aware of it.\n",
    "fr": "8. Violation de données\n8.1 Le Prestataire en informe le Client dans un délai de vingt-quatre heures.\n",
    "it": "8. Violazioni dei dati\n8.1 Il Fornitore ne dà comunicazione al Cliente entro 24 ore.\n",
    "de": "§ 8 Datenpannen\n(1) Der Auftragnehmer informiert den Auftraggeber spätestens 24 Stunden nach Kenntnisnahme.\n",
    "es": "9. Brechas de seguridad\n9.1 El Encargado lo notificará al Responsable en un plazo de 24 horas.\n",
    "pt": "9. Violações de dados\n9.1 O Subcontratante notifica o Cliente no prazo de 24 horas.\n",
    "nl": "9. Datalekken\n9.1 De Verwerker informeert de Klant binnen 24 uur.\n",
}


@pytest.mark.parametrize("lang", sorted(HEADING_ONLY))
def test_breach_named_in_the_heading_only(lang):
    found, _ = run(HEADING_ONLY[lang])
    assert found["breach_notification"] == "PT24H"


@pytest.mark.parametrize("follow_up", [
    "7.2 The Processor shall provide a written report within 5 days.",
    "7.2 It shall inform the Controller of the remedial measures within 10 days.",
    "7.2 It shall inform the Controller of any new sub-processor within 10 days.",
])
def test_later_duties_in_a_breach_section_are_not_its_deadline(follow_up):
    found, _ = run("7. Personal Data Breach\n7.1 The Processor shall notify the Controller without undue delay.\n"
                   + follow_up + "\n")
    assert found["breach_notification"] is None


# the topic is named only in the heading of the section the sentence sits in
SECTION_ONLY = [
    ("8. Sub-processors\n8.1 The Customer authorises the engagement of third parties.\n8.2 The Customer will be "
     "notified at least 30 days in advance.\n", ("P30D", None, None)),
    ("8. Sous-traitants ultérieurs\n8.1 Le Client en est informé au moins trente jours à l'avance et peut s'y "
     "opposer dans un délai de quinze jours.\n", ("P30D", "P15D", None)),
    ("§ 8 Unterauftragsverhältnisse\n(1) Der Auftragnehmer teilt dies dem Auftraggeber vier Wochen vorher mit.\n"
     "(2) Der Auftraggeber kann binnen zwei Wochen widersprechen.\n", ("P28D", "P14D", None)),
    ("9. Subverwerkers\n9.1 De Klant wordt ten minste één maand vooraf ingelicht.\n", ("P1M", None, None)),
    ("9. Auditorías\n9.1 El Responsable avisará con quince días de antelación.\n", (None, None, "P15D")),
    ("9. Auditorias\n9.1 O Cliente avisa com dez dias de antecedência.\n", (None, None, "P10D")),
    ("9. Verifiche\n9.1 Il Titolare dà un preavviso di almeno 20 giorni.\n", (None, None, "P20D")),
    # a notice in the next section, or ending the contract, is not one of them
    ("8. Sub-processors\n8.1 The Customer authorises the sub-processors listed in Annex 3.\n9. Term\n9.1 Either "
     "party may terminate this DPA on 30 days' notice.\n", (None, None, None)),
    ("8. Sous-traitants ultérieurs\n8.2 Si le Client s'y oppose, le Prestataire peut résilier le contrat avec un "
     "préavis de trois mois.\n", (None, None, None)),
    ("9. Audits\n9.1 The Customer may audit the Processor.\n10. Term\n10.1 Either party may terminate on 30 days' "
     "notice.\n", (None, None, None)),
]


@pytest.mark.parametrize("text, expected", SECTION_ONLY)
def test_topic_named_in_the_section_heading(text, expected):
    found, _ = run(text)
    assert (found["subprocessor_notice"], found["subprocessor_objection"], found["audit_notice"]) == expected


def test_one_table_row_per_window():
    text = ("| Window | Period |\n|---|---|\n| Breach notification | 48 hours |\n| Notice of new sub-processors | "
            "30 days |\n| Objection period | 14 days |\n| Audit notice | 20 business days |\n")
    found, _ = run(text)
    assert tuple(found[k] for k in deadlines.WINDOWS) == ("PT48H", None, "P30D", "P14D", "P20D")


def test_scc_clause_9_with_its_title_on_the_next_line():
    text = ("Clause 9\nUse of sub-processors\n(a) The data importer shall specifically inform the data exporter in "
            "writing of any intended changes to that list through the addition or replacement of sub-processors at "
            "least [30 days] in advance, thereby giving the data exporter sufficient time to object.\n")
    found, _ = run(text)
    assert (found["subprocessor_notice"], found["subprocessor_objection"]) == ("P30D", None)
