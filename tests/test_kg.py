"""Records -> quads: every field lands on its ontology term, with evidence back to the text."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from contractkg import kg
from contractkg.history.changes_rdf import history_graph
from contractkg.ingest.document import Clause, Document
from contractkg.namespaces import sparql_prefixes
from contractkg.ontology import art28_elements

TEXT = ("Data Processing Agreement between Alpha Cloud SAS (the Processor) and the Customer.\n"
        "1. Subject. The Processor processes contact data for the Customer.\n"
        "2. Breach. The Processor shall notify the Customer within 48 hours after becoming aware of a breach.\n"
        "3. Sub-processors. Beta Hosting Inc (United States) hosts the service under SCCs.\n")


def span(phrase: str) -> list[int]:
    i = TEXT.index(phrase)
    return [i, i + len(phrase)]


def record() -> dict:
    return {
        "source": "x.txt", "line": 1, "starts_with": "Data Processing Agreement", "title": "Data Processing Agreement",
        "kind": "dpa", "language": "en", "span": [0, len(TEXT)], "part_of": None, "translation_of": None,
        "parties": [
            {"name": "Alpha Cloud SAS", "legal_form": "SAS", "registration": "123 456 789", "address": "1 rue X, Paris",
             "country": "FR", "email": "dpo@alpha.example", "defined_as": ["the processor"], "roles": ["processor"],
             "canonical_key": "alpha-cloud", "evidence": span("Alpha Cloud SAS")},
            {"name": None, "defined_as": ["the customer"], "roles": ["controller"], "country": None, "evidence": span("the Customer")},
        ],
        "governing_law": "FR", "jurisdiction": {"country": "FR", "court": "Tribunal de commerce de Paris", "exclusive": True},
        "supervisory_authority": "FR", "prevailing_language": "en", "amicable_settlement_period": "P30D",
        "version": "2.1", "effective_date": "2024-01-01", "main_agreement": "Master Services Agreement",
        "personal_data": ["Name", "EmailAddress"], "data_subjects": ["Customer", "Supplier"],
        "purposes": ["provide the service"], "processing": ["Store"],
        "retention": [{"data": "logs", "period": "P1Y", "condition": "unless law requires longer"}],
        "subprocessors": [{"name": "Beta Hosting Inc", "country": "US", "processing_country": "US", "service": "hosting",
                           "safeguard": "scc", "measures": ["ISO 27001"], "evidence": span("Beta Hosting Inc (United States)")}],
        "transfers": [{"from": "FR", "to": "US", "recipient": "Beta Hosting Inc", "mechanism": "scc", "scc_module": "3",
                       "eea": False, "adequacy": False, "evidence": span("under SCCs")}],
        "deadlines": {"breach_notification": "PT48H", "breach_notification_qualifier": "without_undue_delay",
                      "subprocessor_notice": "P10D", "subprocessor_objection": "P5D", "audit_notice": None},
        "audit": {"max_per_year": 1, "on_site": True, "costs": "controller"},
        "obligations": [{"bearer": 0, "beneficiary": 1, "modality": "obligation", "action": "notify the Customer",
                         "type": "breach_notification", "art28": None, "deadline": "PT48H",
                         "trigger": "becoming aware of a breach", "condition": None,
                         "text": "The Processor shall notify the Customer within 48 hours", "clause": "2",
                         "evidence": span("The Processor shall notify the Customer within 48 hours")}],
        "art28": {"subject_matter": "1", "duration": None, "subprocessors": "3"},
        "missing": ["duration"],
        "art28_evidence": {"subject_matter": [span("The Processor processes contact data")]},
        "evidence": {"governing_law": span("Breach"), "personal_data": {"Name": span("contact data")}},
    }


@pytest.fixture
def store() -> ox.Store:
    doc = Document(source="/tmp/contract-under-test.txt", text=TEXT)
    clauses = [Clause("1", "Subject", TEXT.index("1. Subject"), TEXT.index("2. Breach")),
               Clause("2", "Breach", TEXT.index("2. Breach"), TEXT.index("3. Sub")),
               Clause("3", "Sub-processors", TEXT.index("3. Sub"), len(TEXT))]

    class Ag:
        pass

    ag = Ag()
    ag.clauses = clauses  # type: ignore[attr-defined]
    s = ox.Store()
    graphs = kg.build(doc, [record()], [ag])
    assert set(graphs) == {kg.doc_graph(doc), kg.contract_graph(doc, 0), history_graph(doc)}  # + version snapshots
    s.extend([q for qs in graphs.values() for q in qs])
    return s


def ask(store: ox.Store, where: str) -> bool:
    return bool(store.query(sparql_prefixes() + "ASK { " + where + " }", use_default_graph_as_union=True))


def rows(store: ox.Store, select: str) -> list[tuple[str, ...]]:
    res = store.query(sparql_prefixes() + select, use_default_graph_as_union=True)
    return [tuple(t.value if t is not None else None for t in r) for r in res]


def test_agreement_kind_and_header(store: ox.Store) -> None:
    assert ask(store, "?c a ckg:DataProcessingAgreement, dpv:DataProcessingAgreement, dpv:ControllerProcessorAgreement ;"
                      " dct:language 'en'^^xsd:language ; ckg:version '2.1' ; ckg:effectiveDate '2024-01-01'^^xsd:date ;"
                      " ckg:mainAgreementReference 'Master Services Agreement' ; ckg:fromDocument ?d . ?d ckg:sha256 ?h")


def test_parties_roles_and_attributes(store: ox.Store) -> None:
    assert ask(store, "?c dpv:hasDataProcessor ckgid:party\\/alpha-cloud . ckgid:party\\/alpha-cloud ckg:legalName 'Alpha Cloud SAS' ;"
                      " ckg:legalForm 'SAS' ; ckg:registrationNumber '123 456 789' ; ckg:country loc:FR ;"
                      " ckg:email 'dpo@alpha.example' ; ckg:definedTerm 'the processor' ; ckg:hasEvidence ?e")
    ctrl = rows(store, "SELECT ?p WHERE { ?c dpv:hasDataController ?p . ?p a ckg:PlaceholderParty ; ckg:definedTerm 'the customer' }")
    assert len(ctrl) == 1 and ctrl[0][0].startswith(kg.DATA + "contract/")


def test_named_parties_share_one_iri_across_contracts() -> None:
    a = kg.party_iri({"name": "Beta Hosting Inc"}, "urn:c1")
    assert a == kg.party_iri({"name": "Beta  Hosting INC"}, "urn:c2")
    assert kg.party_iri({"name": None, "defined_as": ["le client"]}, "urn:c1") != kg.party_iri({"name": None, "defined_as": ["le client"]}, "urn:c2")


def test_jurisdiction(store: ox.Store) -> None:
    assert ask(store, "?c ckg:governingLaw loc:FR ; ckg:prevailingLanguage 'en'^^xsd:language ;"
                      " ckg:amicableSettlementPeriod 'P30D'^^xsd:duration ;"
                      " ckg:competentCourt [ ckg:country loc:FR ; ckg:courtName ?n ; ckg:exclusive true ] ;"
                      " ckg:supervisoryAuthority [ a dpv:DataProtectionAuthority ; ckg:country loc:FR ]")


def test_inventory(store: ox.Store) -> None:
    assert ask(store, "?c dpv:hasPersonalData pd:Name, pd:EmailAddress ; dpv:hasDataSubject dpv:Customer, ckg:Supplier ;"
                      " dpv:hasProcessing dpv:Store ; dpv:hasPurpose [ a dpv:Purpose ; dct:description 'provide the service' ] ;"
                      " ckg:hasRetention [ ckg:data 'logs' ; dpv:hasDuration [ ckg:isoDuration 'P1Y'^^xsd:duration ] ]")


def test_subprocessors_and_transfers(store: ox.Store) -> None:
    assert ask(store, "?c ckg:hasSubProcessor ?p ; ckg:hasSubProcessorEngagement ?e . ?e ckg:subProcessor ?p ;"
                      " ckg:service 'hosting' ; ckg:location loc:US ; ckg:safeguard ckg:SCCSafeguard ; ckg:measure 'ISO 27001' ;"
                      " ckg:hasEvidence/ckg:inClause/ckg:clauseNumber '3' . ?p ckg:country loc:US")
    assert ask(store, "?c ckg:hasTransfer ?t . ?t ckg:fromCountry loc:FR ; ckg:toCountry loc:US ; ckg:mechanism ckg:SCCSafeguard ;"
                      " ckg:sccModule ckg:SCCModule3 ; ckg:toEEA false ; ckg:adequate false ; ckg:recipient ?p ."
                      " ?p ckg:legalName 'Beta Hosting Inc'")


def test_deadlines_and_audit(store: ox.Store) -> None:
    assert ask(store, "?c ckg:breachNotificationDeadline 'PT48H'^^xsd:duration ; ckg:breachNotificationHours 48.0 ;"
                      " ckg:breachNotificationQualifier ckg:WithoutUndueDelay ; ckg:subprocessorNoticePeriod 'P10D'^^xsd:duration ;"
                      " ckg:subprocessorObjectionDays 5.0 ; ckg:hasAuditTerms [ ckg:maxAuditsPerYear 1 ; ckg:onSiteAudit true ;"
                      " ckg:auditCostsBorneBy 'controller' ]")
    assert not ask(store, "?c ckg:auditNoticePeriod ?x")


def test_obligation(store: ox.Store) -> None:
    assert ask(store, "?c ckg:hasStipulation ?o . ?o a ckg:Obligation, dpv:Obligation, odrl:Duty ;"
                      " odrl:assignee ckgid:party\\/alpha-cloud ; odrl:assigner ?customer ; ckg:obligationType ckg:BreachNotification ;"
                      " dpv:hasDuration [ a dpv:Duration ; ckg:isoDuration 'PT48H'^^xsd:duration ] ;"
                      " ckg:trigger 'becoming aware of a breach' ; ckg:inClause/ckg:clauseNumber '2' . ?customer a ckg:PlaceholderParty")


def test_art28_coverage_and_gaps(store: ox.Store) -> None:
    key_of = {iri: key for key, iri in art28_elements().items()}
    covered = {key_of[r[0]] for r in rows(store, "SELECT ?k WHERE { ?c ckg:hasElementCoverage/ckg:element ?k }")}
    lacking = {key_of[r[0]] for r in rows(store, "SELECT ?k WHERE { ?c ckg:lacksElement ?k }")}
    assert covered == {"subject_matter", "subprocessors"}
    assert covered | lacking == set(key_of.values()) and "duration" in lacking and not covered & lacking


def test_evidence_selectors_quote_the_text(store: ox.Store) -> None:
    found = rows(store, "SELECT ?s ?e ?q ?n WHERE { ?o a ckg:Obligation ; ckg:hasEvidence ?ev . ?ev oa:hasSource ?d ;"
                        " prov:wasDerivedFrom ?d ; prov:wasGeneratedBy ?run ; ckg:inClause/ckg:clauseNumber ?n ;"
                        " oa:hasSelector [ a oa:TextPositionSelector ; oa:start ?s ; oa:end ?e ], [ a oa:TextQuoteSelector ; oa:exact ?q ] ."
                        " ?run prov:wasAssociatedWith/ckg:toolVersion ?v ; prov:endedAtTime ?t . ?d ckg:sha256 ?h }")
    assert len(found) == 1
    s, e, quote, number = found[0]
    assert TEXT[int(s):int(e)] == quote and quote.startswith("The Processor shall notify") and number == "2"


def test_field_evidence(store: ox.Store) -> None:
    assert ask(store, "?c ckg:hasEvidence [ ckg:supportsProperty ckg:governingLaw ]")
    assert ask(store, "?c ckg:hasEvidence [ ckg:supportsProperty dpv:hasPersonalData ; ckg:supportsValue 'Name' ]")


def test_bad_values_are_skipped_not_fatal() -> None:
    doc = Document(source="/tmp/bad.txt", text="short")
    rec = {"kind": "dpa", "parties": [{"name": "X", "country": "France", "evidence": [3, 99]}, "junk"],
           "deadlines": {"breach_notification": "48 hours"}, "personal_data": ["not a name"],
           "obligations": [{"bearer": 7, "modality": "obligation", "evidence": "x"}], "art28": "oops"}
    quads = kg.build(doc, [rec])[kg.contract_graph(doc, 0)]
    preds = {q.predicate.value for q in quads}
    assert kg.CKG + "breachNotificationDeadline" not in preds and kg.CKG + "hasEvidence" not in preds
    assert kg.CKG + "country" not in preds and "https://w3id.org/dpv#hasPersonalData" not in preds


@pytest.mark.parametrize(("iso", "hours"), [("PT72H", 72), ("P2D", 48), ("P1W", 168), ("PT30M", 0.5), ("P1DT12H", 36)])
def test_duration_hours(iso: str, hours: float) -> None:
    assert kg.duration_hours(iso) == pytest.approx(hours)


def test_duration_rejects_text() -> None:
    assert kg.duration_hours("48 hours") is None and kg.duration_hours("P") is None and kg.duration_hours("PT") is None


def test_art28_element_stated_in_several_clauses_gets_each_clause() -> None:
    from contractkg import kg
    from contractkg.ingest.document import Document

    doc = Document(source="multi.txt", text="1. Scope\n7. Sub-processors\n")
    rec = {"kind": "dpa", "line": 1, "parties": [], "art28": {"subprocessors": "1; 7"}, "missing": []}
    quads = [q for qs in kg.build(doc, [rec]).values() for q in qs]
    numbers = {q.object.value for q in quads if q.predicate.value.endswith("#clauseNumber")
               and q.subject.value.endswith("/art28/subprocessors")}
    assert numbers == {"1", "7"}
