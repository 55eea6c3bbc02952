"""Notice and objection windows (weeks are given in days) told apart in one sentence, notice forms and audit notice, in EN/FR/IT/DE/ES.
Sentences written for these tests."""

import pytest

from contractkg.ingest.deadlines import extractor as deadlines
from contractkg.ingest.document import Agreement, Document


def windows(text):
    doc = Document(source="t.txt", text=text)
    ag = Agreement(doc=doc, start=0, end=len(text), kind="dpa")
    return deadlines.extract(ag, {"record": {"evidence": {}}})["deadlines"]


HEAD = {"en": "4. Sub-processors\n4.1 The Supplier may engage the sub-processors listed below.\n",
        "fr": "4. Sous-traitants ultérieurs\n4.1 Le Client autorise les sous-traitants ultérieurs listés ci-dessous.\n",
        "it": "4. Sub-responsabili\n4.1 Il Cliente autorizza i sub-responsabili elencati di seguito.\n",
        "de": "§ 4 Unterauftragsverhältnisse\n(1) Der Kunde genehmigt die unten genannten Unterauftragnehmer.\n",
        "es": "4. Subencargados\n4.1 El Responsable autoriza a los subencargados indicados a continuación.\n"}

# notice and objection in one sentence, the objection window counted from the notice
BOTH = {
    "en": ("4.2 The Supplier informs the Customer of any addition one month in advance; the Customer has ten (10) days "
           "from that information to object.", "P1M", "P10D"),
    "fr": ("4.2 Le Fournisseur informe le Client de tout ajout un mois à l'avance ; le Client dispose de dix (10) jours "
           "à compter de cette information pour s'y opposer.", "P1M", "P10D"),
    "it": ("4.2 Il Fornitore comunica ogni nuova aggiunta con un preavviso di almeno 10 giorni lavorativi; il Cliente "
           "può opporsi entro cinque giorni dalla comunicazione.", "P10D", "P5D"),
    "de": ("(2) Über Änderungen informiert der Anbieter mit einer Frist von 30 Tagen; der Kunde kann binnen 14 Tagen "
           "nach Zugang widersprechen.", "P30D", "P14D"),
    "es": ("4.2 El Encargado informará de cualquier cambio con treinta (30) días de antelación y el Responsable podrá "
           "oponerse en un plazo de diez (10) días desde la comunicación.", "P30D", "P10D"),
}


@pytest.mark.parametrize("lang", sorted(BOTH))
def test_notice_and_objection_not_swapped(lang):
    sentence, notice, objection = BOTH[lang]
    out = windows(HEAD[lang] + sentence + "\n")
    assert out["subprocessor_notice"] == notice
    assert out["subprocessor_objection"] == objection


# the notice sentence names no sub-processor; the one before does
NOTICE_ONLY = {
    "en": ("The Supplier will notify any intended change at least four weeks before it takes effect.", "P28D"),
    "fr": ("Le Fournisseur informe le Client de tout changement envisagé au moins quinze (15) jours à l'avance.", "P15D"),
    "it": ("Ogni modifica è comunicata con un preavviso di almeno 10 giorni lavorativi.", "P10D"),
    "de": ("Der Anbieter informiert den Kunden mindestens vier Wochen vorher über jede beabsichtigte Änderung.", "P28D"),
    "es": ("Cualquier cambio previsto se comunicará con quince (15) días de antelación.", "P15D"),
}


@pytest.mark.parametrize("lang", sorted(NOTICE_ONLY))
def test_notice_in_the_sentence_after_the_topic(lang):
    sentence, notice = NOTICE_ONLY[lang]
    out = windows(HEAD[lang] + sentence + "\n")
    assert out["subprocessor_notice"] == notice
    assert out["subprocessor_objection"] is None


def test_notice_period_that_is_also_the_objection_window():
    out = windows(HEAD["en"] + "The Supplier gives thirty (30) days' prior notice of any new sub-processor, during which "
                  "the Customer may object.\n")
    assert out["subprocessor_notice"] == out["subprocessor_objection"] == "P30D"


def test_scc_clause_9_option_notice_period():
    out = windows("Annex. Under Clause 9(a) Option 2 applies with a notice period of 21 days; Clause 11 does not apply.\n")
    assert out["subprocessor_notice"] == "P21D"


AUDIT = {
    "en": ("8. Audits\nThe Customer may audit the Supplier on thirty (30) days' prior notice.\n", "P30D"),
    "fr": ("8. Audits\nLe Client peut réaliser un audit moyennant un préavis de quinze (15) jours ouvrés.\n", "P15D"),
    "it": ("8. Verifiche\nIl Cliente può effettuare verifiche con un preavviso di almeno 10 giorni lavorativi.\n", "P10D"),
    "de": ("§ 8 Kontrollen\nDer Kunde kann Kontrollen nach vorheriger Anmeldung mit einer Frist von zwei Wochen durchführen.\n", "P14D"),
    "es": ("8. Auditorías\nEl Responsable podrá realizar auditorías con un preaviso de veinte (20) días.\n", "P20D"),
}


@pytest.mark.parametrize("lang", sorted(AUDIT))
def test_audit_notice(lang):
    text, notice = AUDIT[lang]
    assert windows(text)["audit_notice"] == notice


def test_later_deletion_deadline_is_not_the_breach_window():
    text = ("5. Obblighi. Il Fornitore notifica le violazioni dei dati senza ingiustificato ritardo; a fine servizio "
            "cancella i dati entro 15 giorni; consente audit con preavviso di 10 giorni.\n")
    out = windows(text)
    assert out["breach_notification"] is None
    assert out["breach_notification_qualifier"] == "without_undue_delay"


def test_german_compound_breach_with_deadline():
    out = windows("e) Der Anbieter meldet Datenschutzverletzungen ohne schuldhaftes Zögern, spätestens binnen 72 Stunden.\n")
    assert out["breach_notification"] == "PT72H"


MORE = {
    "en": ("Before a new sub-processor is engaged, the Supplier gives a 30-day notice. The Customer has the right to object "
           "within ten (10) business days.", "P30D", "P10D"),
    "fr": ("Le Client dispose d'un délai de dix (10) jours pour formuler des objections à compter de la notification du "
           "nouveau sous-traitant ultérieur, qui intervient trente (30) jours avant.", "P30D", "P10D"),
    "it": ("Il Fornitore informa il Cliente dei nuovi sub-responsabili con almeno trenta (30) giorni di anticipo. "
           "Il Cliente può sollevare obiezioni entro 10 giorni.", "P30D", "P10D"),
    "de": ("Neue Unterauftragsverarbeiter werden mit einer Vorlaufzeit von 4 Wochen angekündigt. Einwände sind innerhalb "
           "von 14 Tagen zu erheben.", "P28D", "P14D"),
    "es": ("El Encargado comunicará la incorporación de nuevos subencargados con una antelación mínima de 15 días, "
           "pudiendo el Responsable oponerse en el plazo de 7 días.", "P15D", "P7D"),
}


@pytest.mark.parametrize("lang", sorted(MORE))
def test_closest_cue_wins_across_the_sentence(lang):
    sentence, notice, objection = MORE[lang]
    out = windows(HEAD[lang] + sentence + "\n")
    assert (out["subprocessor_notice"], out["subprocessor_objection"]) == (notice, objection)
