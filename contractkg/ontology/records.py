"""One contract record -> the quads of its named graph (model: ontology/contractkg.ttl).

The walk over the record's fields is driven by their metadata (contractkg/record.py): a field
``mapped(predicate, kind)`` becomes ``subject predicate term`` by itself (GraphBase.fields); what is
written here by hand are the structural nodes: the contract's classes and links, deadlines derived in
hours and days, audit terms, obligations, Art. 28 coverage, version differences, and evidence.
Parties and jurisdiction are mapped in records_parties.py, inventory and transfers in records_inventory.py."""

from __future__ import annotations

import pyoxigraph as ox

from contractkg import ontology as onto
from contractkg.namespaces import CKG, DPV, ODRL, PROV, RDF, XSD
from contractkg.ontology.literals import boolean, duration, duration_hours, lit, n
from contractkg.ontology.records_base import ContractIRIs, party_iri
from contractkg.ontology.records_inventory import SCC_MODULE_NUMBER, InventoryMapping
from contractkg.ontology.records_parties import ROLE_PROPERTY
from contractkg.record import predicate_of

__all__ = ["DEADLINE_PROPERTY", "KIND_CLASS", "ROLE_PROPERTY", "SCC_MODULE_NUMBER", "ContractGraph",
           "ContractIRIs", "party_iri"]

KIND_CLASS = {
    "dpa": CKG + "DataProcessingAgreement",
    "terms": CKG + "TermsOfService",
    "scc": CKG + "StandardContractualClauses",
    "framework": CKG + "FrameworkAgreement",
    "sla": CKG + "ServiceLevelAgreement",
    "sow": CKG + "StatementOfWork",
}
MODALITY_CLASS = {"obligation": CKG + "Obligation", "permission": CKG + "Permission", "prohibition": CKG + "Prohibition"}
DEADLINE_PROPERTY = {key: predicate_of(f"deadlines.{key}") for key in
                     ("breach_notification", "subprocessor_notice", "subprocessor_objection", "audit_notice")}
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
        kind = rec.kind or "terms"
        self.add(c, RDF + "type", n(KIND_CLASS.get(kind, CKG + "Agreement")))
        self.add(c, RDF + "type", n(CKG + "Agreement"))
        if kind == "dpa":
            self.add(c, RDF + "type", n(DPV + "DataProcessingAgreement"))
            roles = {r for p in rec.parties for r in p.roles}
            if {"controller", "processor"} <= roles:
                self.add(c, RDF + "type", n(DPV + "ControllerProcessorAgreement"))
            elif {"processor", "subprocessor"} <= roles:
                self.add(c, RDF + "type", n(DPV + "SubProcessorAgreement"))
        self.add(c, CKG + "fromDocument", n(self.iris.document))
        self.add(c, PROV + "wasGeneratedBy", n(self.iris.run))
        self.fields(c, rec)
        self.add(c, CKG + "hasEvidence", self.ev.span(rec.span, quote=False))
        if rec.part_of is not None and rec.part_of != self.index:
            self.add(c, CKG + "partOf", n(self.iris.sibling(rec.part_of)))
        if isinstance(rec.translation_of, int) and rec.translation_of != self.index:
            self.add(c, CKG + "translationOf", n(self.iris.sibling(rec.translation_of)))
        else:
            self.text(c, CKG + "translationOfKey", rec.translation_of)
        term = rec.term
        if term == COTERMINOUS:
            self.add(c, CKG + "coterminousWithMainAgreement", boolean(True))
        else:
            self.add(c, CKG + "termDuration", duration(term))

    def versions(self) -> None:
        """Which language version prevails, and the facts on which the versions disagree."""
        rec, c = self.rec, self.c
        other = rec.translation_of
        other_iri = n(self.iris.sibling(other)) if isinstance(other, int) and other != self.index else None
        if rec.prevailing_version is not None:
            self.add(c, CKG + "isPrevailingVersion", boolean(rec.prevailing_version))
            self.add(c, CKG + "prevailingVersion", c if rec.prevailing_version else other_iri)
        for i, diff in enumerate(rec.version_differences or ()):
            if not diff.field:
                continue
            d = self.node("difference", i, CKG + "VersionDifference")
            self.add(c, CKG + "hasVersionDifference", d)
            self.add(d, CKG + "versionA", c)
            self.add(d, CKG + "versionB", other_iri)
            self.text(d, CKG + "differenceField", f"{diff.field} {diff.clause}" if diff.clause else diff.field)
            for value, prop in ((diff.a, CKG + "valueInA"), (diff.b, CKG + "valueInB")):
                self.text(d, prop, ", ".join(map(str, value)) if isinstance(value, list) else value)

    def deadlines(self) -> None:
        c, d = self.c, self.rec.deadlines
        if d is not None:
            self.fields(c, d)
            hours = duration_hours(d.breach_notification)
            if hours is not None:
                self.add(c, CKG + "breachNotificationHours", lit(f"{hours:g}", XSD + "decimal"))
            days = duration_hours(d.subprocessor_objection)
            if days is not None:
                self.add(c, CKG + "subprocessorObjectionDays", lit(f"{days / 24:g}", XSD + "decimal"))
        audit = self.rec.audit
        if audit is not None and any(v is not None for v in (audit.max_per_year, audit.on_site, audit.costs)):
            a = self.node("audit", 0, CKG + "AuditTerms")
            self.add(c, CKG + "hasAuditTerms", a)
            self.fields(a, audit)

    def obligations(self) -> None:
        types, elements = onto.obligation_types(), onto.art28_elements()
        for i, ob in enumerate(self.rec.obligations):
            o = self.node("stipulation", i, MODALITY_CLASS.get(ob.modality or "obligation", CKG + "Obligation"))
            if ob.modality in (None, "obligation"):
                self.add(o, RDF + "type", n(DPV + "Obligation"))
                self.add(o, RDF + "type", n(ODRL + "Duty"))
            self.add(self.c, CKG + "hasStipulation", o)
            self.add(o, ODRL + "assignee", self.party_at(ob.bearer))
            self.add(o, ODRL + "assigner", self.party_at(ob.beneficiary))
            self.fields(o, ob)
            self.add(o, CKG + "obligationType", n(types.get(ob.type) or types["other"]) if ob.type else None)
            if ob.art28 in elements:
                self.add(o, CKG + "fulfilsElement", n(elements[ob.art28]))
            self.duration_node(o, f"{o.value}/deadline", ob.deadline)
            self.add(o, CKG + "inClause", self.ev.clause_numbered(ob.clause))
            self.evidence(o, ob.evidence)

    def art28(self) -> None:
        coverage = self.rec.art28
        if coverage is None:
            return
        missing = set(self.rec.missing or ())
        by_element = {cov.element: cov for cov in coverage}
        for key, concept in onto.art28_elements().items():
            cov = by_element.get(key)
            if cov is None or not cov.clauses or key in missing:
                self.add(self.c, CKG + "lacksElement", n(concept))
                continue
            node = n(f"{self.c.value}/art28/{key}")
            self.add(self.c, CKG + "hasElementCoverage", node)
            self.add(self.c, CKG + "coversElement", n(concept))
            self.add(node, RDF + "type", n(CKG + "ElementCoverage"))
            self.add(node, CKG + "element", n(concept))
            for number in cov.clauses.split("; "):  # the extractor joins several clauses with "; "
                self.text(node, CKG + "clauseNumber", number)
                self.add(node, CKG + "inClause", self.ev.clause_numbered(number))
            self.evidence(node, cov.evidence)

    def field_evidence(self) -> None:
        """The record's per-field spans: each supports the field's property (from its metadata) and,
        for a list field, one of its values."""
        for fs in self.rec.evidence:
            e = self.ev.span(fs.span)
            if e is None:
                continue
            self.add(self.c, CKG + "hasEvidence", e)
            self.add(e, CKG + "supportsProperty", n(predicate_of(fs.field)))
            if fs.value is not None:
                self.add(e, CKG + "supportsValue", lit(fs.value))
