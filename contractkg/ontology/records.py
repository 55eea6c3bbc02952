"""One contract record -> the quads of its named graph (model: ontology/contractkg.ttl).

Field by field, following ../shared/gold/SCHEMA.md; every fact with a span gets evidence. Parties and
jurisdiction are mapped in records_parties.py, inventory and transfers in records_inventory.py."""

from __future__ import annotations

import re

import pyoxigraph as ox

from contractkg import ontology as onto
from contractkg.namespaces import CKG, DCT, DPV, ODRL, PROV, RDF, XSD
from contractkg.ontology.literals import ISO_DATE, LANG_TAG, boolean, duration, duration_hours, lit, n
from contractkg.ontology.records_base import ContractIRIs, is_int, party_iri
from contractkg.ontology.records_inventory import SCC_MODULE_NUMBER, InventoryMapping
from contractkg.ontology.records_parties import ROLE_PROPERTY

__all__ = ["DEADLINE_PROPERTY", "FIELD_PROPERTY", "KIND_CLASS", "ROLE_PROPERTY", "SCC_MODULE_NUMBER", "ContractGraph",
           "ContractIRIs", "party_iri"]

A = ox.NamedNode(RDF + "type")
KIND_CLASS = {
    "dpa": CKG + "DataProcessingAgreement",
    "terms": CKG + "TermsOfService",
    "scc": CKG + "StandardContractualClauses",
    "framework": CKG + "FrameworkAgreement",
    "sla": CKG + "ServiceLevelAgreement",
    "sow": CKG + "StatementOfWork",
}
MODALITY_CLASS = {"obligation": CKG + "Obligation", "permission": CKG + "Permission", "prohibition": CKG + "Prohibition"}
DEADLINE_PROPERTY = {
    "breach_notification": CKG + "breachNotificationDeadline",
    "subprocessor_notice": CKG + "subprocessorNoticePeriod",
    "subprocessor_objection": CKG + "subprocessorObjectionPeriod",
    "audit_notice": CKG + "auditNoticePeriod",
}
# Record field -> the property its evidence supports (record["evidence"][field]).
FIELD_PROPERTY = {
    "title": DCT + "title", "language": DCT + "language", "governing_law": CKG + "governingLaw",
    "jurisdiction": CKG + "competentCourt", "supervisory_authority": CKG + "supervisoryAuthority",
    "prevailing_language": CKG + "prevailingLanguage", "personal_data": DPV + "hasPersonalData",
    "data_subjects": DPV + "hasDataSubject", "purposes": DPV + "hasPurpose", "processing": DPV + "hasProcessing",
    "amicable_settlement_period": CKG + "amicableSettlementPeriod", "version": CKG + "version",
    "effective_date": CKG + "effectiveDate", "main_agreement": CKG + "mainAgreementReference",
    "audit": CKG + "hasAuditTerms", "subprocessor_authorisation": CKG + "subprocessorAuthorisation",
    **{f"deadlines.{k}": v for k, v in DEADLINE_PROPERTY.items()},
    "deadlines.breach_notification_qualifier": CKG + "breachNotificationQualifier",
    "date": CKG + "documentDate", "term": CKG + "term", "termination_notice": CKG + "terminationNoticePeriod",
    "processing_duration": CKG + "processingDuration", "purposes_text": CKG + "purposeStatement",
    "subprocessor_list_url": CKG + "subprocessorListURL", "special_categories": CKG + "hasPersonalDataUse",
    "personal_data_labels": CKG + "hasPersonalDataUse", "jurisdiction_by_region": CKG + "hasRegionalJurisdiction",
    "amicable_settlement_steps": CKG + "hasSettlementStep",
    "audit.on_site": CKG + "onSiteAudit", "audit.costs": CKG + "auditCostsBorneBy",
    "audit.max_per_year": CKG + "maxAuditsPerYear",
}
COTERMINOUS = "coterminous_with_main_agreement"


class ContractGraph(InventoryMapping):
    """The quads of one contract's named graph."""

    def build(self) -> list[ox.Quad]:
        self.header()
        self.party_nodes()
        self.jurisdiction()
        self.inventory()
        self.subprocessors()
        self.transfers()
        self.affiliates()
        self.deadlines()
        self.obligations()
        self.art28()
        self.versions()
        self.field_evidence()
        return self.quads

    def header(self) -> None:
        rec, c = self.rec, self.c
        kind = rec.get("kind") or "terms"
        self.add(c, RDF + "type", n(KIND_CLASS.get(kind, CKG + "Agreement")))
        self.add(c, RDF + "type", n(CKG + "Agreement"))
        if kind == "dpa":
            self.add(c, RDF + "type", n(DPV + "DataProcessingAgreement"))
            roles = {r for p in rec.get("parties") or [] if isinstance(p, dict) for r in p.get("roles") or []}
            if {"controller", "processor"} <= roles:
                self.add(c, RDF + "type", n(DPV + "ControllerProcessorAgreement"))
            elif {"processor", "subprocessor"} <= roles:
                self.add(c, RDF + "type", n(DPV + "SubProcessorAgreement"))
        self.add(c, CKG + "fromDocument", n(self.iris.document))
        self.add(c, PROV + "wasGeneratedBy", n(self.iris.run))
        if isinstance(rec.get("line"), int):
            self.add(c, CKG + "startLine", lit(rec["line"], XSD + "integer"))
        self.text(c, CKG + "startsWith", rec.get("starts_with"))
        self.text(c, DCT + "title", rec.get("title"))
        if isinstance(rec.get("language"), str) and LANG_TAG.match(rec["language"]):
            self.add(c, DCT + "language", lit(rec["language"], XSD + "language"))
        span = self.ev.span(rec.get("span"), quote=False)
        self.add(c, CKG + "hasEvidence", span)
        for field, prop in (("part_of", CKG + "partOf"), ("translation_of", CKG + "translationOf")):
            value = rec.get(field)
            if isinstance(value, int) and not isinstance(value, bool) and value != self.index:
                self.add(c, prop, n(self.iris.sibling(value)))
            elif field == "translation_of":
                self.text(c, CKG + "translationOfKey", value)
        self.text(c, CKG + "version", rec.get("version"))
        self.text(c, CKG + "mainAgreementReference", rec.get("main_agreement"))
        self.dates_and_term()

    def dates_and_term(self) -> None:
        """Document date, term (a duration or tied to the main agreement), termination notice."""
        rec, c = self.rec, self.c
        for field, prop in (("date", CKG + "documentDate"), ("effective_date", CKG + "effectiveDate")):
            value = rec.get(field)
            if isinstance(value, str) and ISO_DATE.match(value):
                self.add(c, prop, lit(value, XSD + "date"))
            else:
                self.text(c, prop, value)
        term = rec.get("term")
        if term == COTERMINOUS:
            self.add(c, CKG + "coterminousWithMainAgreement", boolean(True))
        else:
            self.add(c, CKG + "termDuration", duration(term))
        self.add(c, CKG + "terminationNoticePeriod", duration(rec.get("termination_notice")))

    def versions(self) -> None:
        """Which language version prevails, and the facts on which the versions disagree."""
        rec, c = self.rec, self.c
        other = rec.get("translation_of")
        other_iri = n(self.iris.sibling(other)) if isinstance(other, int) and is_int(other) and other != self.index else None
        prevails = rec.get("prevailing_version")
        if isinstance(prevails, bool):
            self.add(c, CKG + "isPrevailingVersion", boolean(prevails))
            self.add(c, CKG + "prevailingVersion", c if prevails else other_iri)
        for i, diff in enumerate(rec.get("version_differences") or []):
            if not isinstance(diff, dict) or not diff.get("field"):
                continue
            d = self.node("difference", i, CKG + "VersionDifference")
            self.add(c, CKG + "hasVersionDifference", d)
            self.add(d, CKG + "versionA", c)
            self.add(d, CKG + "versionB", other_iri)
            field = str(diff["field"])
            self.text(d, CKG + "differenceField", f"{field} {diff['clause']}" if diff.get("clause") else field)
            for key, prop in (("a", CKG + "valueInA"), ("b", CKG + "valueInB")):
                value = diff.get(key)
                self.text(d, prop, ", ".join(map(str, value)) if isinstance(value, list) else value)

    def deadlines(self) -> None:
        c, d = self.c, self.rec.get("deadlines") or {}
        if not isinstance(d, dict):
            return
        for key, prop in DEADLINE_PROPERTY.items():
            self.add(c, prop, duration(d.get(key)))
        hours = duration_hours(d.get("breach_notification"))
        if hours is not None:
            self.add(c, CKG + "breachNotificationHours", lit(f"{hours:g}", XSD + "decimal"))
        days = duration_hours(d.get("subprocessor_objection"))
        if days is not None:
            self.add(c, CKG + "subprocessorObjectionDays", lit(f"{days / 24:g}", XSD + "decimal"))
        qualifiers = onto.notations("DeadlineQualifier")
        if d.get("breach_notification_qualifier") in qualifiers:
            self.add(c, CKG + "breachNotificationQualifier", n(qualifiers[d["breach_notification_qualifier"]]))
        if isinstance(d.get("subprocessor_notice_working_days"), bool):
            self.add(c, CKG + "subprocessorNoticeInWorkingDays", boolean(d["subprocessor_notice_working_days"]))
        audit = self.rec.get("audit")
        if isinstance(audit, dict) and any(v is not None for k, v in audit.items() if k != "evidence"):
            a = self.node("audit", 0, CKG + "AuditTerms")
            self.add(c, CKG + "hasAuditTerms", a)
            if isinstance(audit.get("max_per_year"), int):
                self.add(a, CKG + "maxAuditsPerYear", lit(audit["max_per_year"], XSD + "integer"))
            if isinstance(audit.get("on_site"), bool):
                self.add(a, CKG + "onSiteAudit", boolean(audit["on_site"]))
            self.text(a, CKG + "auditCostsBorneBy", audit.get("costs"))
            self.evidence(a, audit.get("evidence"))

    def obligations(self) -> None:
        types, elements = onto.obligation_types(), onto.art28_elements()
        qualifiers = onto.notations("DeadlineQualifier")
        for i, ob in enumerate(self.rec.get("obligations") or []):
            if not isinstance(ob, dict):
                continue
            o = self.node("stipulation", i, MODALITY_CLASS.get(ob.get("modality") or "obligation", CKG + "Obligation"))
            if ob.get("modality") in (None, "obligation"):
                self.add(o, RDF + "type", n(DPV + "Obligation"))
                self.add(o, RDF + "type", n(ODRL + "Duty"))
            self.add(self.c, CKG + "hasStipulation", o)
            self.add(o, ODRL + "assignee", self.party_at(ob.get("bearer")))
            self.add(o, ODRL + "assigner", self.party_at(ob.get("beneficiary")))
            self.text(o, CKG + "actionText", ob.get("action"))
            kind = ob.get("type")
            self.add(o, CKG + "obligationType", n(types.get(kind) or types["other"]) if kind else None)
            if ob.get("art28") in elements:
                self.add(o, CKG + "fulfilsElement", n(elements[ob["art28"]]))
            self.duration_node(o, f"{o.value}/deadline", ob.get("deadline"))
            if ob.get("deadline_qualifier") in qualifiers:
                self.add(o, CKG + "deadlineQualifier", n(qualifiers[ob["deadline_qualifier"]]))
            self.text(o, CKG + "trigger", ob.get("trigger"))
            self.text(o, CKG + "condition", ob.get("condition"))
            self.text(o, CKG + "statement", ob.get("text"))
            self.add(o, CKG + "inClause", self.ev.clause_numbered(ob.get("clause")))
            self.evidence(o, ob.get("evidence"))

    def art28(self) -> None:
        art28 = self.rec.get("art28")
        if not isinstance(art28, dict):
            return
        missing = set(self.rec.get("missing") or [])
        spans = self.rec.get("art28_evidence") or {}
        for key, concept in onto.art28_elements().items():
            where = art28.get(key)
            if where in (None, "", []) or key in missing:
                self.add(self.c, CKG + "lacksElement", n(concept))
                continue
            cov = n(f"{self.c.value}/art28/{key}")
            self.add(self.c, CKG + "hasElementCoverage", cov)
            self.add(self.c, CKG + "coversElement", n(concept))
            self.add(cov, RDF + "type", n(CKG + "ElementCoverage"))
            self.add(cov, CKG + "element", n(concept))
            numbers = where if isinstance(where, list) else str(where).split("; ") if isinstance(where, str) else [where]
            for number in numbers:  # the extractor joins several clauses with "; "
                self.text(cov, CKG + "clauseNumber", number)
                if number is not True:
                    self.add(cov, CKG + "inClause", self.ev.clause_numbered(number))
            self.evidence(cov, spans.get(key) if isinstance(spans, dict) else None)

    def field_evidence(self) -> None:
        """record["evidence"]: {field: [s, e]} or, for a list field, {field: {value: [s, e]}}."""
        ev = self.rec.get("evidence")
        if not isinstance(ev, dict):
            return
        for field, spans in ev.items():
            prop = n(FIELD_PROPERTY.get(field) or CKG + re.sub(r"_(\w)", lambda m: m.group(1).upper(), field.replace(".", "_")))
            per_value = spans.items() if isinstance(spans, dict) else [(None, spans)]
            for value, span in per_value:
                for e in self.ev.spans(span):
                    self.add(self.c, CKG + "hasEvidence", e)
                    self.add(e, CKG + "supportsProperty", prop)
                    if value is not None:
                        self.add(e, CKG + "supportsValue", lit(value))
