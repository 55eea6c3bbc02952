"""Governing law, court and prevailing language phrased in each of the seven languages (fr, it, en, de,
es, pt, nl), including hard-wrapped lines; and what must not be read as a choice of law. Sentences
written for these tests."""

from __future__ import annotations

import pytest

from contractkg.ingest.document import Agreement, Document
from contractkg.ingest.jurisdiction import extractor as jurisdiction
from contractkg.ingest.parties import extractor as parties
from contractkg.ingest.structure.segment import split_agreements


def run(text: str, kind: str = "dpa") -> dict:
    doc = Document(source="t.txt", text=text)
    ag = Agreement(doc=doc, start=0, end=len(text), kind=kind)
    return jurisdiction.extract(ag, parties.extract(ag, {}))


@pytest.mark.parametrize(("text", "law"), [
    # fr
    ("11. Le présent accord est régi et interprété conformément au droit belge.", "BE"),
    ("11. Les présentes sont soumises à la loi luxembourgeoise.", "LU"),
    # it
    ("11. Il presente accordo è regolato dalla legge italiana e interpretato secondo la stessa.", "IT"),
    ("11. Il contratto è soggetto al diritto svizzero.", "CH"),
    # en
    ("11. This Addendum and any dispute arising from it are governed by Irish law.", "IE"),
    ("11. This agreement shall be construed in accordance with the laws of the Netherlands.", "NL"),
    # de
    ("11. Diese Vereinbarung unterliegt den gesetzlichen Vorschriften der Republik Österreich.", "AT"),
    ("11. Für diesen Vertrag gilt das Recht der Bundesrepublik Deutschland.", "DE"),
    ("11. Es gilt ausschließlich schweizerisches Recht.", "CH"),
    ("11. Es gilt Schweizer Recht unter Ausschluss des Kollisionsrechts.", "CH"),
    ("11. Auf diese Vereinbarung ist österreichisches Recht anzuwenden.", "AT"),
    # es
    ("11. El presente contrato se regirá e interpretará de acuerdo con la legislación española.", "ES"),
    ("11. Este acuerdo queda sometido al ordenamiento jurídico español.", "ES"),
    # pt
    ("11. O presente contrato é regido pelas leis de Portugal.", "PT"),
    ("11. Este acordo rege-se pela lei portuguesa.", "PT"),
    ("11. Este contrato será regido e interpretado de acordo com as leis da República Federativa do Brasil.", "BR"),
    ("11. O presente acordo fica sujeito à legislação portuguesa.", "PT"),
    # nl
    ("11. Deze overeenkomst wordt beheerst door Nederlands recht.", "NL"),
    ("11. Op deze verwerkersovereenkomst is Nederlands recht van toepassing.", "NL"),
    ("11. Op deze overeenkomst is het recht van België van toepassing.", "BE"),
    ("11. Deze voorwaarden zijn onderworpen aan de wetgeving van Nederland.", "NL"),
    # "applies" in each language
    ("11. The laws of Sweden apply to this Data Processing Agreement.", "SE"),
    ("11. Le droit français s'applique au présent contrat.", "FR"),
    ("11. Al presente contratto si applica la legge italiana.", "IT"),
    ("11. Auf diesen Vertrag findet deutsches Recht Anwendung.", "DE"),
    ("11. A este contrato se aplica la legislación española.", "ES"),
    ("11. Ao presente contrato aplica-se a lei portuguesa.", "PT"),
])
def test_governing_law_in_seven_languages(text: str, law: str) -> None:
    assert run(text)["governing_law"] == law


@pytest.mark.parametrize(("text", "law"), [
    ("12. El presente acuerdo se regirá e interpretará conforme a la legislación\nespañola en todo lo no "
     "previsto en él.", "ES"),
    ("12. This agreement is governed exclusively by the laws of the Federal Republic of\nGermany, without regard "
     "to its conflict of laws rules.", "DE"),
    ("12. Deze overeenkomst en alle geschillen die daaruit voortvloeien worden beheerst door\nNederlands recht.", "NL"),
])
def test_governing_law_across_a_hard_line_wrap(text: str, law: str) -> None:
    assert run(text)["governing_law"] == law


@pytest.mark.parametrize("text", [
    "5. Le Sous-traitant respecte la loi allemande sur la protection des données.",
    "5. The Processor complies with the California Consumer Privacy Act and other applicable laws.",
    "5. O Operador cumpre a Lei Geral de Proteção de Dados e demais legislação aplicável.",
    "5. De Verwerker houdt zich aan de Algemene verordening gegevensbescherming en de Uitvoeringswet.",
    "5. Der Auftragnehmer beachtet die gesetzlichen Bestimmungen zum Datenschutz.",
    "5. Governing law\nThe parties will agree on it in a separate order form.",
])
def test_no_choice_of_law(text: str) -> None:
    assert run(text)["governing_law"] is None


@pytest.mark.parametrize(("text", "country", "exclusive"), [
    ("13. Tout différend relève de la compétence exclusive des tribunaux de Bruxelles.", "BE", True),
    ("13. Foro competente esclusivo per ogni controversia è quello di Torino.", "IT", True),
    ("13. The place of jurisdiction for all disputes arising under this contract is Hamburg.", "DE", None),
    ("13. Gerichtsstand für alle Streitigkeiten aus diesem Vertrag ist Wien.", "AT", None),
    ("13. Las partes se someten a los Juzgados y Tribunales de Barcelona, con renuncia a cualquier otro fuero.",
     "ES", True),
    ("13. Fica eleito o foro da comarca de Lisboa para dirimir quaisquer litígios, com renúncia a qualquer outro.",
     "PT", True),
    ("13. Para a resolução de litígios são competentes os tribunais de São Paulo.", "BR", None),
    ("13. Geschillen worden uitsluitend voorgelegd aan de bevoegde rechter te Amsterdam.", "NL", True),
    ("13. Alle geschillen worden beslecht door de rechtbank Rotterdam.", "NL", None),
    ("13. Enkel de rechtbanken van Antwerpen zijn bevoegd om van geschillen kennis te nemen.", "BE", None),
])
def test_court_in_seven_languages(text: str, country: str, exclusive: bool | None) -> None:
    court = run(text)["jurisdiction"]
    assert court["country"] == country
    assert court["exclusive"] is exclusive
    assert court["court"]


def test_court_at_the_seat_of_the_processor_takes_the_law_country() -> None:
    text = ("9. Ausschließlicher Gerichtsstand für alle Streitigkeiten aus und im Zusammenhang mit diesem Vertrag ist "
            "der Sitz des Auftragnehmers. Dieser Vertrag unterliegt den gesetzlichen Bestimmungen der Bundesrepublik "
            "Deutschland.")
    out = run(text)
    assert out["governing_law"] == "DE"
    assert out["jurisdiction"]["country"] == "DE" and out["jurisdiction"]["exclusive"] is True
    assert "Sitz des Auftragnehmers" in out["jurisdiction"]["court"]


@pytest.mark.parametrize(("text", "lang"), [
    ("20. Seule la version française fait foi.", "fr"),
    ("20. In caso di discrepanza prevale la versione italiana.", "it"),
    ("20. Only the German version is definitive for legal effects on the Parties.", "de"),
    ("20. Im Falle von Widersprüchen ist die englische Fassung maßgebend.", "en"),
    ("20. En caso de discrepancia, prevalecerá la versión en español.", "es"),
    ("20. Em caso de divergência, prevalecerá a versão em língua portuguesa.", "pt"),
    ("20. Bij strijdigheid tussen vertalingen is de Nederlandse tekst bindend.", "nl"),
    ("20. In geval van verschil tussen de versies prevaleert de Engelse versie.", "en"),
])
def test_prevailing_language_in_seven_languages(text: str, lang: str) -> None:
    assert run(text)["prevailing_language"] == lang


def test_dpa_naming_the_terms_before_it_in_the_same_file_inherits_their_law() -> None:
    terms = "Terms of Service\n\n" + "".join(
        f"{i}. Clause {i}\nThe Customer uses the service and the Provider shall make it available for the fees.\n\n"
        for i in range(1, 12)) + "12. Governing law\nThese terms are governed by the laws of Ireland.\n\n"
    dpa = "Annex 1 – Data Processing Agreement\n\nThis annex forms part of the Terms of Service.\n\n" + "".join(
        f"{i}. Clause {i}\nThe Processor shall process personal data on behalf of the Controller only on its "
        "documented instructions.\n\n" for i in range(1, 8))
    from contractkg.ingest.extract import extract_document

    records = [c.to_json() for c in extract_document(Document(source="t.txt", text=terms + dpa))[1]]
    assert [(r["kind"], r["governing_law"]) for r in records] == [("terms", "IE"), ("dpa", "IE")]


def test_silent_dpa_alone_states_no_law() -> None:
    dpa = "Data Processing Agreement\n\nThis agreement supplements the Main Agreement between the parties.\n\n" + "".join(
        f"{i}. Clause {i}\nThe Processor shall process personal data on behalf of the Controller only on its "
        "documented instructions.\n\n" for i in range(1, 8))
    from contractkg.ingest.extract import extract_document

    records = [c.to_json() for c in extract_document(Document(source="t.txt", text=dpa))[1]]
    assert [(r["kind"], r["governing_law"]) for r in records] == [("dpa", None)]
    assert len(split_agreements(Document(source="t.txt", text=dpa))) == 1


@pytest.mark.parametrize(("text", "law"), [
    ("## Governing law\n\nThe laws of Ireland.\n", "IE"),
    ("### Droit applicable\n\nLe droit suisse, à l'exclusion de ses règles de conflit.\n", "CH"),
    ("**Legge applicabile**\n\nLa legge italiana.\n", "IT"),
    ("## Anwendbares Recht\n\nDeutsches Recht unter Ausschluss des UN-Kaufrechts.\n", "DE"),
    ("## Legislación aplicable\n\nLa legislación española.\n", "ES"),
    ("## Lei aplicável\n\nA lei portuguesa.\n", "PT"),
    ("## Toepasselijk recht\n\nNederlands recht.\n", "NL"),
])
def test_law_under_an_unnumbered_heading(text: str, law: str) -> None:
    """No governing verb: the Markdown or bold heading above the sentence says what it states."""
    assert run("Some earlier clause about the service.\n\n" + text)["governing_law"] == law


def test_law_word_without_heading_or_verb_is_no_choice() -> None:
    assert run("## Security\n\nThe laws of Ireland.\n")["governing_law"] is None


@pytest.mark.parametrize("text", [
    "7. The Processor may be subject to the laws of the United States that require disclosure of data.",
    "7. Der Unterauftragnehmer unterliegt dem Recht der USA, insbesondere dem CLOUD Act.",
    "7. Los datos se alojan en servidores sometidos a la legislación de Estados Unidos.",
    "7. Os dados pessoais ficam sujeitos à legislação dos Estados Unidos quando o suboperador os acede.",
    "7. De subverwerker is onderworpen aan het recht van de Verenigde Staten.",
])
def test_law_binding_a_party_or_its_data_is_no_choice_of_law(text: str) -> None:
    assert run(text)["governing_law"] is None


@pytest.mark.parametrize("text", [
    "7. If a court in the United States orders disclosure, the Processor shall inform the Controller.",
    "7. Should a court of competent jurisdiction in Germany issue a subpoena, the Processor will inform the Customer.",
    "7. Se un tribunale italiano ordina la comunicazione dei dati, il Responsabile ne informa il Titolare.",
])
def test_court_ordering_disclosure_is_no_choice_of_court(text: str) -> None:
    assert run(text)["jurisdiction"]["country"] is None


def test_ordinary_court_is_still_a_choice_of_court() -> None:
    out = run("14. Per ogni controversia è competente in via esclusiva il tribunale ordinario di Milano.")
    assert out["jurisdiction"]["country"] == "IT" and out["jurisdiction"]["exclusive"] is True


@pytest.mark.parametrize(("text", "lang"), [
    ("21. In the event of any conflict between the German and the English version, the English version shall prevail.",
     "en"),
    ("21. In caso di contrasto tra la versione inglese e quella italiana, prevale la versione italiana.", "it"),
    ("21. En caso de discrepancia entre la versión inglesa y la española, prevalecerá la versión española.", "es"),
    ("21. Im Falle eines Widerspruchs zwischen der englischen und der deutschen Fassung geht die deutsche Fassung vor.",
     "de"),
    ("21. Bij verschillen tussen de Nederlandse en Engelse tekst prevaleert de Nederlandse tekst.", "nl"),
    ("21. Em caso de conflito entre a versão inglesa e a portuguesa, prevalece a versão portuguesa.", "pt"),
    ("21. En cas de divergence entre la version anglaise et la version française, la version française prévaut.", "fr"),
])
def test_prevailing_language_among_two_named(text: str, lang: str) -> None:
    """Two languages in the sentence: the one named nearest the verb that makes it prevail wins."""
    assert run(text)["prevailing_language"] == lang


@pytest.mark.parametrize("text", ["21. This agreement is available in English and German.",
                                  "21. O suporte é prestado em inglês e português."])
def test_languages_without_a_prevailing_version(text: str) -> None:
    assert run(text)["prevailing_language"] is None
