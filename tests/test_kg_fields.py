"""Record fields added by the extractors after the first mapping: each lands on its term, with evidence."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from contractkg import kg
from contractkg.ingest.document import Document
from contractkg.namespaces import sparql_prefixes

TEXT = ("Auftragsverarbeitungsvertrag, Version 3, vom 2024-02-01, zwischen Gamma Cloud GmbH und dem Kunden.\n"
        "Region EU: deutsches Recht, Landgericht Berlin, Vertragspartner Gamma Cloud GmbH.\n"
        "Region USA: Recht von New York, Vertragspartner Gamma Cloud Inc.\n"
        "Streitigkeiten werden zunächst 30 Tage lang gütlich verhandelt, dann 60 Tage Mediation.\n"
        "Aufsichtsbehörde ist die Berliner Beauftragte für Datenschutz.\n"
        "Daten: Name, E-Mail-Adresse, Gesundheitsdaten.\n"
        "Die Liste der Unterauftragsverarbeiter steht unter https://example.test/subprocessors.\n"
        "Delta Mail LLC (Sitz USA, Verarbeitung in Irland), ISO 27001; Gamma Cloud Inc. (USA).\n")


def span(phrase: str) -> list[int]:
    i = TEXT.index(phrase)
    return [i, i + len(phrase)]


def record(**extra: object) -> dict:
    rec = {
        "kind": "dpa", "language": "de", "span": [0, len(TEXT)], "title": "Auftragsverarbeitungsvertrag",
        "version": "3", "date": "2024-02-01", "term": "P2Y", "termination_notice": "P3M",
        "parties": [
            {"name": "Gamma Cloud GmbH", "canonical_key": "gamma cloud|gmbh", "trade_name": "GammaDrive", "roles": ["processor"],
             "defined_as": ["auftragnehmer"], "country": "DE", "evidence": span("Gamma Cloud GmbH")},
            {"name": "Gamma-Cloud GmbH", "canonical_key": "gamma cloud|gmbh", "roles": [], "evidence": span("Gamma Cloud GmbH")},
            {"name": None, "defined_as": ["kunde"], "roles": ["controller"]},
        ],
        "jurisdiction": {"country": "DE", "court": "Landgericht Berlin", "exclusive": None, "city": "Berlin"},
        "jurisdiction_by_region": [
            {"region": "EU", "law": "DE", "court": "Landgericht Berlin", "court_country": "DE",
             "contracting_entity": "Gamma Cloud GmbH", "default": True, "evidence": span("Region EU")},
            {"region": "USA", "law": "US", "court": None, "court_country": None, "contracting_entity": "Gamma Cloud Inc.",
             "default": False, "evidence": span("Region USA")}],
        "amicable_settlement_steps": [{"step": "negotiation", "period": "P30D", "evidence": span("30 Tage")},
                                      {"step": "mediation", "period": "P60D", "evidence": span("60 Tage Mediation")}],
        "supervisory_authority": {"name": "Berliner Beauftragte für Datenschutz", "country": "DE"},
        "personal_data": ["Name", "EmailAddress", "Health"],
        "personal_data_labels": {"Name": ["Name"], "EmailAddress": ["E-Mail-Adresse"], "Health": ["Gesundheitsdaten"]},
        "special_categories": ["Health"],
        "processing_duration": "für die Laufzeit des Hauptvertrags", "purposes_text": ["Hosting der Plattform"],
        "subprocessor_list_url": "https://example.test/subprocessors",
        "subprocessors": [
            {"name": "Delta Mail LLC", "country": "US", "seat_country": "US", "processing_country": "IE",
             "service": "E-Mail", "safeguard": "scc", "measures": ["ISO 27001"], "evidence": span("Delta Mail LLC")},
            {"name": "Gamma Cloud Inc.", "country": "US", "seat_country": "US", "processing_country": None,
             "safeguard": "dpf", "evidence": span("Gamma Cloud Inc. (USA)")}],
        "transfers": [{"from": "DE", "to": "US", "recipient": "Gamma Cloud Inc.", "mechanism": "scc", "scc_decision": "2021/914",
                       "scc_modules": ["P2P"], "uk_addendum": False, "idta": True, "swiss": True, "eea": False,
                       "adequacy": True, "adequacy_scope": "certified organisations only", "evidence": span("Gamma Cloud Inc. (USA)")}],
        "evidence": {"supervisory_authority": span("Aufsichtsbehörde"), "jurisdiction": span("Landgericht Berlin"),
                     "personal_data": {"Health": span("Gesundheitsdaten")},
                     "processing_duration": span("Daten"), "date": span("2024-02-01"),
                     "subprocessor_list_url": span("https://example.test/subprocessors")},
    }
    rec.update(extra)
    return rec


def load(*records: dict) -> ox.Store:
    doc = Document(source="/tmp/kg-fields-under-test.txt", text=TEXT)
    s = ox.Store()
    s.extend([q for qs in kg.build(doc, list(records)).values() for q in qs])
    return s


@pytest.fixture(scope="module")
def store() -> ox.Store:
    return load(record())


def ask(store: ox.Store, where: str) -> bool:
    return bool(store.query(sparql_prefixes() + "ASK { " + where + " }", use_default_graph_as_union=True))


def values(store: ox.Store, select: str) -> set[str]:
    return {r[0].value for r in store.query(sparql_prefixes() + select, use_default_graph_as_union=True)}


def test_metadata_dates_and_term(store: ox.Store) -> None:
    assert ask(store, "?c ckg:documentDate '2024-02-01'^^xsd:date ; ckg:termDuration 'P2Y'^^xsd:duration ;"
                      " ckg:terminationNoticePeriod 'P3M'^^xsd:duration ;"
                      " ckg:hasEvidence [ ckg:supportsProperty ckg:documentDate ]")
    assert not ask(store, "?c ckg:coterminousWithMainAgreement ?x")
    tied = load(record(term="coterminous_with_main_agreement", date="Februar 2024"))
    assert ask(tied, "?c ckg:coterminousWithMainAgreement true ; ckg:documentDate 'Februar 2024'")
    assert not ask(tied, "?c ckg:termDuration ?d")


def test_name_variants_trade_name_and_affiliates(store: ox.Store) -> None:
    gmbh = "ckgid:party\\/gamma-cloud-gmbh"
    assert values(store, f"SELECT ?l WHERE {{ {gmbh} skos:altLabel ?l }}") == {"Gamma-Cloud GmbH", "GammaDrive"}
    assert values(store, f"SELECT ?l WHERE {{ {gmbh} rdfs:label ?l }}") == {"Gamma Cloud GmbH"}
    inc = values(store, f"SELECT ?x WHERE {{ {gmbh} ckg:affiliateOf ?x }}")
    assert len(inc) == 1 and values(store, f"SELECT ?l WHERE {{ <{inc.pop()}> rdfs:label ?l }}") == {"Gamma Cloud Inc."}
    assert not ask(store, "?a ckg:affiliateOf ?b . ?a rdfs:label 'Delta Mail LLC'")
    assert not ask(store, "?a ckg:affiliateOf ?a")


def test_court_city_and_supervisory_authority_evidence(store: ox.Store) -> None:
    assert ask(store, "?c ckg:competentCourt [ ckg:courtCity 'Berlin' ; ckg:hasEvidence ?e ] ."
                      " ?c ckg:supervisoryAuthority [ rdfs:label ?n ; ckg:country loc:DE ; ckg:hasEvidence ?s ]")


def test_jurisdiction_by_region(store: ox.Store) -> None:
    assert ask(store, "?c ckg:hasRegionalJurisdiction ?r . ?r a ckg:RegionalJurisdiction ; ckg:region 'EU' ;"
                      " ckg:regionalLaw loc:DE ; ckg:defaultRegion true ; ckg:contractingEntity ?p ;"
                      " ckg:regionalCourt [ ckg:courtName 'Landgericht Berlin' ; ckg:country loc:DE ] ; ckg:hasEvidence ?e ."
                      " ?c dpv:hasDataProcessor ?p")
    assert ask(store, "?c ckg:hasRegionalJurisdiction [ ckg:region 'USA' ; ckg:regionalLaw loc:US ; ckg:defaultRegion false ;"
                      " ckg:contractingEntity [ rdfs:label 'Gamma Cloud Inc.' ] ]")
    assert not ask(store, "?r ckg:region 'USA' ; ckg:regionalCourt ?x")


def test_settlement_steps_in_order(store: ox.Store) -> None:
    steps = store.query(sparql_prefixes() + "SELECT ?k ?p ?o WHERE { ?c ckg:hasSettlementStep ?s . ?s ckg:stepKind ?k ;"
                        " ckg:stepPeriod ?p ; ckg:stepOrder ?o ; ckg:hasEvidence ?e } ORDER BY ?o",
                        use_default_graph_as_union=True)
    assert [(r[0].value, r[1].value) for r in steps] == [("negotiation", "P30D"), ("mediation", "P60D")]


def test_personal_data_uses_with_labels_and_special_categories(store: ox.Store) -> None:
    assert ask(store, "?c ckg:hasPersonalDataUse ?u . ?u a ckg:PersonalDataUse, dpv:SpecialCategoryPersonalData ;"
                      " ckg:category pd:Health ; ckg:statedAs 'Gesundheitsdaten'@de ; ckg:hasEvidence ?e")
    assert ask(store, "?c ckg:hasPersonalDataUse [ ckg:category pd:EmailAddress ; ckg:statedAs 'E-Mail-Adresse'@de ]")
    assert not ask(store, "?u ckg:category pd:EmailAddress ; a dpv:SpecialCategoryPersonalData")


def test_processing_duration_purpose_wording_and_list_url(store: ox.Store) -> None:
    assert ask(store, "?c ckg:processingDuration [ a dpv:Duration ; ckg:durationText ?t ; ckg:hasEvidence ?e ] ;"
                      " ckg:purposeStatement 'Hosting der Plattform'@de ;"
                      " ckg:subprocessorListURL 'https://example.test/subprocessors'^^xsd:anyURI")
    iso = load(record(processing_duration="P1Y"))
    assert ask(iso, "?c ckg:processingDuration [ ckg:isoDuration 'P1Y'^^xsd:duration ]")


def test_subprocessor_seat_and_processing_country(store: ox.Store) -> None:
    assert ask(store, "?c ckg:hasSubProcessorEngagement ?e . ?e ckg:subProcessor [ rdfs:label 'Delta Mail LLC' ] ;"
                      " ckg:seatCountry loc:US ; ckg:location loc:IE ; ckg:measure 'ISO 27001'")
    assert not ask(store, "?e ckg:subProcessor [ rdfs:label 'Gamma Cloud Inc.' ] ; ckg:location ?x")


def test_transfer_instruments(store: ox.Store) -> None:
    assert ask(store, "?c ckg:hasTransfer ?t . ?t ckg:sccDecision ckg:SCCDecision2021 ; ckg:sccModule ckg:SCCModule3 ;"
                      " ckg:ukAddendum false ; ckg:ukIDTA true ; ckg:swissAmendments true ;"
                      " ckg:adequacyScope 'certified organisations only'")
    old = load(record(transfers=[{"to": "US", "scc_decision": "2010/87", "scc_module": "C2P"}]))
    assert ask(old, "?t ckg:sccDecision ckg:SCCDecision2010 ; ckg:sccModule ckg:SCCModule2")
    assert not ask(old, "?t ckg:ukIDTA ?x")


def test_language_versions_prevailing_and_differences() -> None:
    first = record(language="fr", prevailing_version=True,
                   version_differences=[{"field": "deadlines.breach_notification", "a": "PT48H", "b": "PT72H"}])
    second = record(language="it", translation_of=0, prevailing_version=False,
                    version_differences=[{"field": "deadlines.breach_notification", "a": "PT72H", "b": "PT48H"},
                                         {"field": "clause", "clause": "7.2", "a": "missing", "b": "present"},
                                         {"field": "parties", "a": ["x|sas"], "b": ["x|sas", "y|srl"]}])
    s = load(first, second)
    a, b = sorted(values(s, "SELECT ?c WHERE { ?c a ckg:Agreement }"))
    assert ask(s, f"<{a}> ckg:isPrevailingVersion true ; ckg:prevailingVersion <{a}> ."
                  f" <{b}> ckg:isPrevailingVersion false ; ckg:prevailingVersion <{a}> ; ckg:translationOf <{a}>")
    assert values(s, f"SELECT ?f WHERE {{ <{b}> ckg:hasVersionDifference [ ckg:versionA <{b}> ; ckg:versionB <{a}> ;"
                     " ckg:differenceField ?f ] }") == {"deadlines.breach_notification", "clause 7.2", "parties"}
    assert ask(s, f"<{b}> ckg:hasVersionDifference [ ckg:differenceField 'parties' ; ckg:valueInB 'x|sas, y|srl' ]")
    assert ask(s, f"<{a}> ckg:hasVersionDifference [ ckg:valueInA 'PT48H' ; ckg:valueInB 'PT72H' ]")


def test_translation_in_another_file_keeps_its_key() -> None:
    s = load(record(translation_of="other.txt#12", prevailing_version=False))
    assert ask(s, "?c ckg:translationOfKey 'other.txt#12' ; ckg:isPrevailingVersion false")
    assert not ask(s, "?c ckg:prevailingVersion ?x")


def test_malformed_new_fields_are_skipped() -> None:
    s = load(record(jurisdiction_by_region=["junk", {"region": None}], amicable_settlement_steps=[{"period": "P1D"}],
                    personal_data_labels="nom", special_categories=["not a name"], version_differences=[None, {"a": 1}],
                    term="two years", termination_notice=3, subprocessor_list_url=None, transfers=[{"scc_decision": "1995/46"}]))
    assert not ask(s, "?x ckg:stepKind ?k")
    assert not ask(s, "?x ckg:termDuration|ckg:terminationNoticePeriod|ckg:sccDecision|ckg:subprocessorListURL ?y")
    assert not ask(s, "?x ckg:hasVersionDifference ?y")
    assert not ask(s, "?u a dpv:SpecialCategoryPersonalData")


def test_role_evidence_working_days_and_obligation_qualifier() -> None:
    parties = record()["parties"]
    parties[0]["role_evidence"] = {"processor": span("zwischen Gamma Cloud GmbH"), "unknown_role": span("Version 3")}
    s = load(record(parties=parties, deadlines={"subprocessor_notice": "P10D", "subprocessor_notice_working_days": True},
                    obligations=[{"bearer": 0, "modality": "obligation", "deadline_qualifier": "without_undue_delay",
                                  "evidence": span("Daten")},
                                 {"bearer": 0, "modality": "obligation", "deadline_qualifier": "someday"}]))
    assert ask(s, "ckgid:party\\/gamma-cloud-gmbh ckg:hasEvidence [ ckg:supportsProperty dpv:hasDataProcessor ;"
                  " oa:hasSelector [ oa:exact 'zwischen Gamma Cloud GmbH' ] ]")
    assert values(s, "SELECT ?p WHERE { ?e ckg:supportsProperty ?p ; oa:hasSelector [ oa:exact 'Version 3' ] }") == set()
    assert ask(s, "?c ckg:subprocessorNoticeInWorkingDays true ; ckg:subprocessorNoticePeriod 'P10D'^^xsd:duration")
    assert values(s, "SELECT ?q WHERE { ?o a ckg:Obligation ; ckg:deadlineQualifier ?q }") == {kg.CKG + "WithoutUndueDelay"}
