"""Governing law, courts, prevailing language, authority, amicable period, region tables:
examples written for the tests in French, Italian, English, German and Spanish."""

import pytest

from contractkg.ingest.document import Agreement, Clause, Document
from contractkg.ingest.jurisdiction import extractor as jurisdiction
from contractkg.ingest.parties import extractor as parties


def run(text, kind="dpa", clauses=()):
    doc = Document(source="t.txt", text=text)
    ag = Agreement(doc=doc, start=0, end=len(text), kind=kind, clauses=list(clauses))
    out = jurisdiction.extract(ag, parties.extract(ag, {}))
    return out, out.pop("evidence"), text


@pytest.mark.parametrize("text, law", [
    ("12. Le présent contrat est régi par le droit français.", "FR"),
    ("12. Il presente contratto è disciplinato dalla legge italiana.", "IT"),
    ("12. This Agreement shall be governed by the laws of England and Wales.", "GB"),
    ("12. Dieser Vertrag unterliegt deutschem Recht unter Ausschluss des UN-Kaufrechts.", "DE"),
    ("12. El presente contrato se rige por la legislación española.", "ES"),
    ("12. This Agreement is governed by the laws of the State of California.", "US"),
    ("12. Les présentes conditions sont soumises aux lois de l'Irlande.", "IE"),
])
def test_governing_law(text, law):
    out, evidence, _ = run(text)
    assert out["governing_law"] == law
    s, e = evidence["governing_law"]
    assert s < e


def test_statute_is_not_a_choice_of_law():
    out, _, _ = run("3. Le client est soumis à la loi américaine sur la portabilité de l'assurance maladie.")
    assert out["governing_law"] is None


def test_data_protection_law_is_not_a_choice_of_law():
    out, _, _ = run("4. Il Fornitore rispetta la legge sulla protezione dei dati applicabile in Germania.")
    assert out["governing_law"] is None


@pytest.mark.parametrize("text, country, exclusive", [
    ("14. Tout litige sera soumis à la compétence exclusive des tribunaux de Lyon.", "FR", True),
    ("14. Per ogni controversia è competente in via esclusiva il Foro di Milano.", "IT", True),
    ("14. The parties submit to the non-exclusive jurisdiction of the courts of Ireland.", "IE", False),
    ("14. Ausschließlicher Gerichtsstand ist München.", "DE", True),
    ("14. Las partes se someten a los juzgados y tribunales de Madrid.", "ES", None),
])
def test_court(text, country, exclusive):
    out, evidence, _ = run(text)
    assert out["jurisdiction"]["country"] == country
    assert out["jurisdiction"]["exclusive"] is exclusive
    assert out["jurisdiction"]["court"]
    assert "jurisdiction" in evidence


def test_court_city():
    out, _, _ = run("14. Tout litige sera soumis à la compétence exclusive des tribunaux de Lyon.")
    assert out["jurisdiction"]["city"] == "Lyon"


def test_court_at_a_party_seat_takes_its_country():
    text = ("Accord entre le client (ci-après « Client ») et Hobel Technik GmbH, Lindenallee 4, 80331 München, "
            "Allemagne (ci-après « Prestataire »).\n9. Le lieu de juridiction est le siège du Prestataire.\n")
    out, _, _ = run(text)
    assert out["jurisdiction"]["country"] == "DE"


def test_a_court_without_a_place_is_not_a_choice_of_court():
    out, _, _ = run("8. The Supplier shall indemnify the Customer against damages awarded by a competent court.")
    assert out["jurisdiction"]["country"] is None and out["jurisdiction"]["court"] is None


@pytest.mark.parametrize("text, lang", [
    ("En cas de contradiction entre les deux versions linguistiques, la version allemande prévaut.", "de"),
    ("In caso di contrasto tra le versioni, prevarrà la versione inglese.", "en"),
    ("In the event of conflict, the English language version shall prevail.", "en"),
    ("Im Falle von Widersprüchen ist die deutsche Fassung maßgeblich.", "de"),
    ("En caso de discrepancia, prevalecerá la versión española.", "es"),
    ("Cette traduction est fournie pour information ; la version anglaise est la version officielle.", "en"),
])
def test_prevailing_language(text, lang):
    out, _, _ = run("1. Objet.\n" + text)
    assert out["prevailing_language"] == lang


def test_precedence_of_documents_is_not_a_language():
    out, _, _ = run("En cas de conflit entre ce Contrat et les Conditions, ce Contrat prévaudra.")
    assert out["prevailing_language"] is None


@pytest.mark.parametrize("text, iso", [
    ("Les Parties tenteront de résoudre le litige à l'amiable dans un délai de trente (30) jours.", "P30D"),
    ("The parties shall first seek an amicable settlement within sixty (60) days of notice.", "P60D"),
    ("Le parti cercheranno una composizione amichevole entro 15 giorni.", "P15D"),
    ("Die Parteien bemühen sich um eine gütliche Einigung innerhalb von 2 Monaten.", "P2M"),
    ("Las partes intentarán una solución amistosa en un plazo de 45 días.", "P45D"),
])
def test_amicable_period(text, iso):
    out, _, _ = run(text)
    assert out["amicable_settlement_period"] == iso


def test_supervisory_authority():
    out, _, _ = run("Le Sous-traitant notifie la CNIL le cas échéant.")
    assert out["supervisory_authority"] == {"name": "CNIL", "country": "FR"}
    out, _, _ = run("Il reclamo può essere proposto al Garante per la protezione dei dati personali.")
    assert out["supervisory_authority"]["name"].lower().startswith("garante")
    assert out["supervisory_authority"]["country"] == "IT"


def test_law_clause_heading_outweighs_other_mentions():
    text = "5. Conformité\nLe Prestataire respecte le droit allemand applicable.\n15. Droit applicable\nLe contrat est régi par le droit belge.\n"
    heading_start = text.index("15.")
    clauses = [Clause(number="15", heading="Droit applicable", start=heading_start, end=len(text))]
    out, _, _ = run(text, clauses=clauses)
    assert out["governing_law"] == "BE"


REGIONS = """Annex A - Applicable terms
Customer location  Contracting entity  Governing law and courts
United States
Zorbex.io, Inc.
1 Main Street, New York, NY 10001
  • Governing law: Laws of the State of New York.
  • Jurisdiction: courts of New York County, New York
European Union
Zorbex SAS
3 rue Neuve, 75002 Paris (France)
  • Governing law: French law
  • Jurisdiction: Tribunal de commerce de Paris.
All other jurisdictions
Zorbex SAS
  • Governing law: French law
  • Jurisdiction: Tribunal de commerce de Paris.
"""


def test_region_table():
    out, _, _ = run("This agreement is between you (\"Customer\") and Zorbex (\"we\").\n" + REGIONS, kind="terms")
    rows = out["jurisdiction_by_region"]
    assert [r["region"] for r in rows] == ["United States", "European Union", "All other jurisdictions"]
    assert [r["law"] for r in rows] == ["US", "FR", "FR"]
    assert rows[0]["contracting_entity"] == "Zorbex.io, Inc."
    assert out["governing_law"] == "FR"  # the default region's law
    assert out["jurisdiction"]["country"] == "FR"


def test_seed_law_court_and_language_match_gold(seeds, gold_dir):
    """Governing law, court country and prevailing language of the seed agreements (paired by line)."""
    import yaml
    from test_parties import seed_records

    for gold_file in sorted(gold_dir.glob("00[0134]_*.yaml")):
        gold = yaml.safe_load(gold_file.read_text())
        records = seed_records(seeds / gold["source"])
        for g in gold["contracts"]:
            rec = min(records, key=lambda r: abs(r["line"] - g["line"]))
            where = (gold_file.name, g["key"])
            if "governing_law" in g:
                assert rec["governing_law"] == g["governing_law"], where
            if "prevailing_language" in g:
                assert rec["prevailing_language"] == g["prevailing_language"], where
            if isinstance(g.get("jurisdiction"), dict):
                assert rec["jurisdiction"]["country"] == g["jurisdiction"]["country"], where


def test_court_named_by_its_seat():
    out, _, _ = run("Clause 18\n(b) The Parties agree that those shall be the courts of Dublin, Ireland.")
    assert out["jurisdiction"]["country"] == "IE"


def test_region_rows_carry_evidence():
    text = "This agreement is between you (\"Customer\") and Zorbex (\"we\").\n" + REGIONS
    out, _, _ = run(text, kind="terms")
    for row in out["jurisdiction_by_region"]:
        s, e = row["evidence"]
        assert row["region"] in text[s:e]


def test_place_before_law_word():
    out, _, _ = run("14. This Agreement shall be governed by New York law.")
    assert out["governing_law"] == "US"


@pytest.mark.parametrize("text, lang", [
    ("This Agreement is made in English, which shall be the controlling language.", "en"),
    ("La langue de référence du présent contrat est le français.", "fr"),
])
def test_reference_language(text, lang):
    out, _, _ = run(text)
    assert out["prevailing_language"] == lang


@pytest.mark.parametrize("text, law, court", [
    ("Auf diesen Vertrag findet das Recht der Bundesrepublik Deutschland Anwendung. Gerichtsstand ist Frankfurt am Main.",
     "DE", "DE"),
    ("Der Vertrag unterliegt schweizerischem Recht. Gerichtsstand ist Zürich.", "CH", "CH"),
    ("Le présent Accord est régi par le droit luxembourgeois et tout litige sera soumis aux tribunaux compétents de "
     "Luxembourg-Ville.", "LU", "LU"),
    ("These Clauses shall be governed by the law of the EU Member State in which the data exporter is established. "
     "The Parties agree that this shall be the law of Ireland.", "IE", None),
    ("This DPA shall be governed by the laws of the country in which the data exporter is established.", None, None),
])
def test_more_law_and_court_forms(text, law, court):
    out, _, _ = run(text)
    assert out["governing_law"] == law
    assert out["jurisdiction"]["country"] == court


def test_settlement_steps():
    text = ("Les Parties tenteront de résoudre le litige à l'amiable dans un délai de trente (30) jours. "
            "À défaut, elles recourront à une médiation d'une durée maximale de soixante (60) jours.")
    out, _, _ = run(text)
    assert [(s["step"], s["period"]) for s in out["amicable_settlement_steps"]] == [("amicable", "P30D"), ("mediation", "P60D")]


@pytest.mark.parametrize("text, law, court, country, exclusive", [
    ("9. Es gilt deutsches Recht. Ausschließlicher Gerichtsstand ist Bremen.", "DE", "Bremen", "DE", True),
    ("9. Il contratto è regolato dalla legge italiana. Foro di Torino competente in via esclusiva.",
     "IT", "Foro di Torino", "IT", True),
    ("9. Il contratto è regolato dalla legge italiana. È competente il foro esclusivo di Bari.",
     "IT", "foro di Bari", "IT", True),
    ("9. Les présentes sont soumises au droit français. Les tribunaux de Rennes sont seuls compétents.",
     "FR", "tribunaux de Rennes", "FR", True),
    ("9. This Agreement is governed by the laws of the Netherlands and the courts of Utrecht have exclusive "
     "jurisdiction.", "NL", "courts of Utrecht", "NL", True),
    ("9. This Agreement is governed by Scots law, and the Scottish courts have exclusive jurisdiction.",
     "GB", "Scottish courts", "GB", True),
    ("9. El contrato se rige por la legislación española y los tribunales de Sevilla serán competentes.",
     "ES", "tribunales de Sevilla", "ES", None),
])
def test_court_name_is_the_court_not_the_clause(text, law, court, country, exclusive):
    out, _, _ = run(text)
    assert out["governing_law"] == law
    assert out["jurisdiction"]["court"] == court
    assert out["jurisdiction"]["country"] == country
    assert out["jurisdiction"]["exclusive"] is exclusive


@pytest.mark.parametrize("text, law", [
    ("9. Dieser Vertrag unterliegt dem Recht der Bundesrepublik Deutschland.", "DE"),
    ("9. Es gilt österreichisches Recht.", "AT"),
    ("9. Das Vertragsverhältnis unterliegt niederländischem Recht.", "NL"),
    ("9. El presente contrato se regirá por las leyes de España.", "ES"),
    ("9. El contrato queda sometido a la legislación francesa.", "FR"),
    ("9. Il presente contratto è soggetto alla legge svizzera.", "CH"),
    ("9. Le présent contrat est soumis au droit belge.", "BE"),
    ("9. The laws of Sweden govern this Agreement.", "SE"),
    ("9. This Agreement is governed by Scots law.", "GB"),
])
def test_governing_law_phrasings(text, law):
    out, _, _ = run(text)
    assert out["governing_law"] == law


@pytest.mark.parametrize("text, court, exclusive", [
    ("9. Gerichtsstand für alle Streitigkeiten ist Stuttgart.", "Stuttgart", None),
    ("9. Zuständig ist ausschließlich das Landgericht Frankfurt am Main.", "Landgericht Frankfurt am Main", True),
    ("9. Para cualquier controversia serán competentes los tribunales de Bilbao, con renuncia a cualquier otro fuero.",
     "tribunales de Bilbao", True),
    ("9. Tout litige sera porté devant le Tribunal judiciaire de Paris.", "Tribunal judiciaire de Paris", None),
    ("9. Any dispute shall be submitted to the exclusive jurisdiction of the courts of London.", "courts of London", True),
])
def test_court_phrasings(text, court, exclusive):
    out, _, _ = run(text)
    assert out["jurisdiction"]["court"] == court
    assert out["jurisdiction"]["exclusive"] is exclusive
