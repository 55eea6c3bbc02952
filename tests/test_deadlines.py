"""Deadline windows and audit terms attached by sentence, on short texts in FR/IT/EN/DE."""

import pytest

from contractkg.ingest.deadlines import extractor as deadlines
from contractkg.ingest.document import Agreement, Document


def run(text, ctx=None):
    doc = Document(source="t.txt", text=text)
    ag = Agreement(doc=doc, start=0, end=len(text), kind="dpa")
    out = deadlines.extract(ag, ctx or {})
    return out, out.pop("evidence"), text


CASES = {
    "en": (
        "7. Personal data breaches. The Processor shall notify the Controller of any Personal Data Breach without "
        "undue delay and in any event within 48 hours after becoming aware of it.\n"
        "8. Sub-processors. The Processor shall inform the Controller of any new sub-processor at least thirty (30) days "
        "before it starts processing. The Controller may object to the new sub-processor within fourteen (14) days "
        "of receipt of the notice.\n"
        "9. Audits. The Controller may carry out an audit, including on-site inspections of the premises, once per "
        "calendar year, with at least 20 business days' prior written notice. The Controller shall bear the costs of the audit.\n",
        {"breach_notification": "PT48H", "breach_notification_qualifier": "without_undue_delay",
         "subprocessor_notice": "P30D", "subprocessor_objection": "P14D", "audit_notice": "P20D"},
        {"max_per_year": 1, "on_site": True, "costs": "controller"},
    ),
    "fr": (
        "6. Violation de données. Le Sous-traitant notifie au Responsable du traitement toute violation de données à "
        "caractère personnel dans les meilleurs délais et au plus tard soixante-douze (72) heures après en avoir pris connaissance.\n"
        "7. Le Sous-traitant informe le Client de tout ajout d'un sous-traitant ultérieur au moins quinze (15) jours ouvrés "
        "à l'avance. Le Client peut s'y opposer dans un délai de huit (8) jours à compter de cette information.\n"
        "8. Le Client peut réaliser un audit sur place deux fois par an, moyennant un préavis de trois semaines. "
        "L'audit est réalisé aux frais du Fournisseur.\n",
        {"breach_notification": "PT72H", "breach_notification_qualifier": "promptly",
         "subprocessor_notice": "P15D", "subprocessor_objection": "P8D", "audit_notice": "P21D"},
        {"max_per_year": 2, "on_site": True, "costs": "processor"},
    ),
    "it": (
        "9. In caso di violazione dei dati personali, il Responsabile informa il Titolare senza ingiustificato ritardo "
        "e comunque entro ventiquattro (24) ore.\n"
        "10. Il Responsabile comunica al Titolare l'intenzione di ricorrere a un nuovo sub-responsabile con un preavviso "
        "di 10 giorni lavorativi. Il Titolare può opporsi entro cinque giorni dalla comunicazione.\n"
        "11. Il Titolare può effettuare verifiche e ispezioni presso i locali del Responsabile una volta all'anno, con un "
        "preavviso di almeno 30 giorni, a proprie spese.\n",
        {"breach_notification": "PT24H", "breach_notification_qualifier": "without_undue_delay",
         "subprocessor_notice": "P10D", "subprocessor_objection": "P5D", "audit_notice": "P30D"},
        {"max_per_year": 1, "on_site": True, "costs": "controller"},
    ),
    "de": (
        "§ 6 Der Auftragsverarbeiter meldet dem Verantwortlichen eine Verletzung des Schutzes personenbezogener Daten "
        "unverzüglich, spätestens innerhalb von 36 Stunden.\n"
        "§ 7 Der Auftragsverarbeiter informiert den Verantwortlichen mindestens vier Wochen vorher über jeden neuen "
        "Unterauftragsverarbeiter. Der Verantwortliche kann innerhalb von zehn Werktagen widersprechen.\n"
        "§ 8 Der Verantwortliche ist berechtigt, einmal pro Kalenderjahr Kontrollen vor Ort durchzuführen; die Prüfung "
        "ist mit einer Frist von 14 Tagen anzukündigen. Jede Partei trägt ihre eigenen Kosten.\n",
        {"breach_notification": "PT36H", "breach_notification_qualifier": "without_undue_delay",
         "subprocessor_notice": "P28D", "subprocessor_objection": "P10D", "audit_notice": "P14D"},
        {"max_per_year": 1, "on_site": True, "costs": "shared"},
    ),
}


@pytest.mark.parametrize("lang", sorted(CASES))
def test_windows_per_language(lang):
    text, expected, audit = CASES[lang]
    out, evidence, _ = run(text)
    got = {k: out["deadlines"].get(k) for k in expected}
    assert got == expected
    assert out["audit"] == audit
    for key in expected:
        s, e = evidence[f"deadlines.{key}"]
        assert text[s:e].strip(), key


def test_working_days_flag_for_subprocessor_notice():
    out, _, _ = run(CASES["fr"][0])
    assert out["deadlines"]["subprocessor_notice_working_days"] is True
    out, _, _ = run(CASES["en"][0])
    assert out["deadlines"]["subprocessor_notice_working_days"] is False


def test_qualifier_without_a_figure():
    out, _, _ = run("The Provider shall inform the Customer in a timely manner of any security incident affecting Customer Data.")
    assert out["deadlines"]["breach_notification"] is None
    assert out["deadlines"]["breach_notification_qualifier"] == "timely"


def test_strongest_qualifier_across_breach_sentences():
    text = ("Le Prestataire notifie au Client toute violation de données dans les meilleurs délais. "
            "En tout état de cause, il en informe le Client sans retard injustifié.")
    out, _, _ = run(text)
    assert out["deadlines"]["breach_notification_qualifier"] == "without_undue_delay"


def test_clock_times_and_round_the_clock_are_not_windows():
    text = ("Les audits ont lieu pendant les heures de bureau, de 9 heures à 17 heures, avec un préavis de 10 jours. "
            "Le support est joignable 24 heures sur 24 en cas de violation de données, que le Prestataire notifie sans délai.")
    out, _, _ = run(text)
    assert out["deadlines"]["audit_notice"] == "P10D"
    assert out["deadlines"]["breach_notification"] is None


def test_processor_called_sous_traitant_is_not_a_new_subprocessor():
    # in French "sous-traitant" alone is the processor itself: its delays are not sub-processor notices
    text = "Le Sous-traitant transmet au Client le rapport annuel dans un délai de 30 jours après la clôture."
    out, _, _ = run(text)
    assert out["deadlines"]["subprocessor_notice"] is None


def test_no_audit_clause_gives_no_audit_terms():
    out, _, _ = run("The Agreement is governed by the laws of Ireland.")
    assert out["audit"] is None
    assert all(v is None for v in out["deadlines"].values())


def test_costs_resolved_through_defined_terms():
    text = "The Auditee may be audited once a year. Acme bears all costs of any audit."
    ctx = {"defined_terms": {"acme": 0, "buyer": 1}, "roles": {"processor": 0, "controller": 1}}
    out, _, _ = run(text, ctx)
    assert out["audit"]["costs"] == "processor"


def test_audit_notice_is_the_duration_next_to_the_notice_cue():
    text = ("Customer may audit Processor no more than once in any twelve (12) month period, upon at least "
            "thirty (30) days' prior written notice.")
    out, _, _ = run(text)
    assert out["deadlines"]["audit_notice"] == "P30D"
    assert out["audit"]["max_per_year"] == 1


def test_seed_deadlines_against_gold(seeds, gold_dir):
    """Every deadline field of the seed gold, read by this module alone (agreements paired by start line)."""
    import yaml

    from contractkg.ingest.load.loaders import load
    from contractkg.ingest.structure.segment import split_agreements

    right = total = 0
    for gf in sorted(gold_dir.glob("*.yaml")):
        gold = yaml.safe_load(gf.read_text(encoding="utf-8"))
        doc = load(seeds / gold["source"])
        preds = []
        for ag in split_agreements(doc):
            preds.append((ag.line, deadlines.extract(ag, {"record": {"evidence": {}}})["deadlines"]))
        for g in gold["contracts"]:
            got = next((d for line, d in preds if abs(line - g["line"]) <= 3), None)
            if got is None:
                continue
            for key in deadlines.WINDOWS:
                if key in (g.get("deadlines") or {}):
                    total += 1
                    right += g["deadlines"][key] == got.get(key)
    assert total >= 50
    assert right / total >= 0.9


def test_subprocessor_notice_by_updating_the_list():
    out, _, _ = run("Provider will update the list of Sub-processors at least 30 days before a new Sub-processor "
                    "starts processing Customer Personal Data.")
    assert out["deadlines"]["subprocessor_notice"] == "P30D"
