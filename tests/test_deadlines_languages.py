"""Every deadline window and the audit terms, in each of the seven languages (en fr it de es pt nl),
and nulls where a clause states no period. Sentences written for these tests."""

import pytest

from contractkg.ingest.deadlines import extractor as deadlines
from contractkg.ingest.document import Agreement, Document


def run(text):
    doc = Document(source="t.txt", text=text)
    ag = Agreement(doc=doc, start=0, end=len(text), kind="dpa")
    out = deadlines.extract(ag, {})
    return out, out.pop("evidence")


# (text, (breach, qualifier, sub-processor notice, objection, audit notice), audit terms)
CLAUSES = {
    "en": (
        "7. Security incidents\n"
        "7.1 The Processor shall report any personal data breach to the Customer without undue delay and no later "
        "than seventy-two (72) hours after discovery.\n"
        "8. Sub-processors\n"
        "8.1 The Processor will give the Customer at least twenty-one (21) days' notice before a new sub-processor "
        "begins work. The Customer may object within ten (10) business days of that notice.\n"
        "9. Audits\n"
        "9.1 The Customer may inspect the Processor's premises no more than twice a year on fifteen (15) days' "
        "written notice, at the Customer's expense.\n",
        ("PT72H", "without_undue_delay", "P21D", "P10D", "P15D"),
        {"max_per_year": 2, "on_site": True, "costs": "controller"},
    ),
    "fr": (
        "5. Violations de données\n"
        "Le Prestataire notifie au Client toute violation de données personnelles sans délai injustifié et au plus "
        "tard sous quarante-huit heures.\n"
        "6. Sous-traitance ultérieure\n"
        "Le Prestataire informe le Client de tout nouveau sous-traitant ultérieur avec un préavis de trente jours ; "
        "le Client peut s'y opposer dans les quinze jours suivant cette information.\n"
        "7. Audits\n"
        "Le Client peut faire procéder à un audit sur place une fois par année civile, sous réserve d'un préavis de "
        "vingt et un jours. Les frais de l'audit sont à la charge du Client.\n",
        ("PT48H", "without_undue_delay", "P30D", "P15D", "P21D"),
        {"max_per_year": 1, "on_site": True, "costs": "controller"},
    ),
    "it": (
        "8. Violazioni dei dati personali\n"
        "Il Responsabile comunica al Titolare ogni violazione dei dati personali senza ingiustificato ritardo e "
        "comunque entro trentasei ore dalla scoperta.\n"
        "9. Sub-responsabili\n"
        "Il Responsabile avvisa il Titolare con almeno quindici giorni di anticipo prima di ricorrere a un nuovo "
        "sub-responsabile. Il Titolare può opporsi entro sette giorni dal ricevimento dell'avviso.\n"
        "10. Verifiche\n"
        "Il Titolare può svolgere verifiche presso i locali del Responsabile al massimo una volta all'anno, con un "
        "preavviso di almeno venti giorni lavorativi; le spese sono a carico del Titolare.\n",
        ("PT36H", "without_undue_delay", "P15D", "P7D", "P20D"),
        {"max_per_year": 1, "on_site": True, "costs": "controller"},
    ),
    "de": (
        "§ 9 Meldung von Verletzungen\n"
        "Der Auftragsverarbeiter meldet dem Auftraggeber jede Verletzung des Schutzes personenbezogener Daten "
        "unverzüglich, spätestens jedoch binnen achtundvierzig Stunden nach Kenntnis.\n"
        "§ 10 Unterauftragsverarbeiter\n"
        "Der Auftragsverarbeiter informiert den Auftraggeber mindestens zwei Wochen vor dem Einsatz eines neuen "
        "Unterauftragsverarbeiters. Der Auftraggeber kann innerhalb von sieben Tagen nach Zugang der Mitteilung "
        "Einspruch erheben.\n"
        "§ 11 Kontrollen\n"
        "Der Auftraggeber darf höchstens einmal jährlich eine Vor-Ort-Prüfung durchführen, die mindestens zehn "
        "Werktage vorher anzukündigen ist. Die Kosten der Prüfung trägt der Auftraggeber.\n",
        ("PT48H", "without_undue_delay", "P14D", "P7D", "P10D"),
        {"max_per_year": 1, "on_site": True, "costs": "controller"},
    ),
    "es": (
        "6. Violaciones de seguridad\n"
        "El Encargado notificará al Responsable las violaciones de la seguridad de los datos personales sin dilación "
        "indebida y, en todo caso, en un plazo máximo de setenta y dos horas.\n"
        "7. Subencargados\n"
        "El Encargado comunicará al Responsable la incorporación de un nuevo subencargado con una antelación mínima "
        "de veinte días naturales, a fin de que el Responsable pueda oponerse.\n"
        "8. Auditorías\n"
        "El Responsable podrá realizar una auditoría in situ una vez al año, con un preaviso de quince días hábiles. "
        "Los gastos de la auditoría correrán a cargo del Responsable.\n",
        ("PT72H", "without_undue_delay", "P20D", "P20D", "P15D"),
        {"max_per_year": 1, "on_site": True, "costs": "controller"},
    ),
    "pt": (
        "9. Violações de dados pessoais\n"
        "O Subcontratante notifica o Responsável pelo tratamento de qualquer violação de dados pessoais sem demora "
        "injustificada e, em qualquer caso, no prazo de vinte e quatro horas.\n"
        "10. Subcontratantes ulteriores\n"
        "O Subcontratante informará o Cliente com uma antecedência mínima de trinta dias antes de contratar um novo "
        "subcontratante ulterior. O Cliente pode opor-se no prazo de dez dias úteis após a receção da informação.\n"
        "11. Auditorias\n"
        "O Cliente pode realizar uma auditoria nas instalações do Subcontratante no máximo duas vezes por ano, "
        "mediante aviso prévio de catorze dias. Os custos da auditoria são suportados pelo Cliente.\n",
        ("PT24H", "without_undue_delay", "P30D", "P10D", "P14D"),
        {"max_per_year": 2, "on_site": True, "costs": "controller"},
    ),
    "nl": (
        "5. Datalekken\n"
        "De Verwerker meldt een inbreuk in verband met persoonsgegevens onverwijld aan de "
        "Verwerkingsverantwoordelijke, en in ieder geval binnen zesendertig uur na ontdekking.\n"
        "6. Subverwerkers\n"
        "De Verwerker stelt de Klant ten minste vier weken van tevoren in kennis van een nieuwe subverwerker. "
        "De Klant kan binnen tien werkdagen na ontvangst van die kennisgeving bezwaar maken.\n"
        "7. Audits\n"
        "De Klant mag eenmaal per kalenderjaar een audit ter plaatse laten uitvoeren, met een aankondiging van ten "
        "minste dertig dagen. De kosten van de audit zijn voor rekening van de Klant.\n",
        ("PT36H", "without_undue_delay", "P28D", "P10D", "P30D"),
        {"max_per_year": 1, "on_site": True, "costs": "controller"},
    ),
}


@pytest.mark.parametrize("lang", sorted(CLAUSES))
def test_every_window_per_language(lang):
    text, expected, audit = CLAUSES[lang]
    out, evidence = run(text)
    got = tuple(out["deadlines"][k] for k in deadlines.WINDOWS)
    assert got == expected
    assert out["audit"] == audit
    for key in deadlines.WINDOWS:
        s, e = evidence[f"deadlines.{key}"]
        assert text[s:e].strip(), key


@pytest.mark.parametrize("lang, working", [("en", True), ("pt", True), ("nl", True), ("it", False), ("fr", False)])
def test_objection_window_keeps_working_days_in_its_span(lang, working):
    text, _, _ = CLAUSES[lang]
    out, evidence = run(text)
    s, e = evidence["deadlines.subprocessor_objection"]
    from contractkg.ingest.lexical.durations import find_durations
    assert find_durations(text[s:e])[0].working_days is working


def test_working_days_are_flagged_for_every_window():
    out, _ = run(CLAUSES["it"][0])
    d = out["deadlines"]
    assert (d["subprocessor_objection_working_days"], d["audit_notice_working_days"]) == (False, True)
    assert d["breach_notification_working_days"] is False
    out, _ = run(CLAUSES["nl"][0])
    assert out["deadlines"]["subprocessor_objection_working_days"] is True


# the clauses name each event but state no period: the windows are null, the qualifier stays
NO_PERIOD = {
    "en": ("The Processor shall notify the Customer of any personal data breach without undue delay. The Processor "
           "informs the Customer of any new sub-processor before engaging it, and the Customer may object on "
           "reasonable grounds. The Customer may audit the Processor on reasonable prior notice.", "without_undue_delay"),
    "fr": ("Le Prestataire notifie au Client toute violation de données personnelles dans les meilleurs délais. "
           "Il informe le Client de tout nouveau sous-traitant ultérieur avant de l'engager ; le Client peut s'y "
           "opposer. Le Client peut réaliser un audit moyennant un préavis raisonnable.", "promptly"),
    "it": ("Il Responsabile informa tempestivamente il Titolare di ogni violazione dei dati personali. Il Titolare "
           "può opporsi all'incarico di un nuovo sub-responsabile. Le verifiche sono concordate con congruo "
           "preavviso.", "timely"),
    "de": ("Der Auftragsverarbeiter unterrichtet den Auftraggeber unverzüglich über Verletzungen des Schutzes "
           "personenbezogener Daten. Neue Unterauftragsverarbeiter zeigt er rechtzeitig vorher an; der Auftraggeber "
           "kann widersprechen. Kontrollen sind rechtzeitig anzumelden.", "without_undue_delay"),
    "es": ("El Encargado notificará al Responsable las violaciones de la seguridad de los datos sin dilación "
           "indebida. El Responsable podrá oponerse a la incorporación de un nuevo subencargado. Las auditorías "
           "se notificarán con antelación razonable.", "without_undue_delay"),
    "pt": ("O Subcontratante notifica o Cliente de qualquer violação de dados pessoais sem demora injustificada. "
           "O Cliente pode opor-se a um novo subprocessador. As auditorias são comunicadas com antecedência "
           "razoável.", "without_undue_delay"),
    "nl": ("De Verwerker meldt een datalek zo spoedig mogelijk aan de Klant. De Klant kan bezwaar maken tegen een "
           "nieuwe subverwerker. Een audit wordt tijdig vooraf aangekondigd.", "promptly"),
}


@pytest.mark.parametrize("lang", sorted(NO_PERIOD))
def test_no_period_stated_gives_null_windows(lang):
    text, qualifier = NO_PERIOD[lang]
    out, _ = run(text)
    assert out["deadlines"]["breach_notification_qualifier"] == qualifier
    for key in ("breach_notification", "subprocessor_notice", "subprocessor_objection", "audit_notice"):
        assert out["deadlines"][key] is None, key
