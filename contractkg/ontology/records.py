"""One contract record -> the quads of its named graph (model: ontology/contractkg.ttl).

Field by field, following ../shared/gold/SCHEMA.md; every fact with a span gets evidence."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from contractkg import ontology as onto
from contractkg.namespaces import CKG, DATA, DCT, DPV, ODRL, PD, PROV, RDF, RDFS, XSD
from contractkg.ontology.evidence import Evidence
from contractkg.ontology.literals import (
    ISO_DATE,
    LANG_TAG,
    LOCAL_NAME,
    Term,
    boolean,
    country,
    duration,
    duration_hours,
    lit,
    n,
    slug,
)

A = ox.NamedNode(RDF + "type")
KIND_CLASS = {
    "dpa": CKG + "DataProcessingAgreement",
    "terms": CKG + "TermsOfService",
    "scc": CKG + "StandardContractualClauses",
    "framework": CKG + "FrameworkAgreement",
    "sla": CKG + "ServiceLevelAgreement",
    "sow": CKG + "StatementOfWork",
}
ROLE_PROPERTY = {
    "controller": DPV + "hasDataController",
    "processor": DPV + "hasDataProcessor",
    "data_exporter": DPV + "hasDataExporter",
    "data_importer": DPV + "hasDataImporter",
    "subprocessor": CKG + "hasSubProcessor",
    "provider": CKG + "hasProvider",
    "customer": CKG + "hasCustomer",
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
}

# The SCC modules of Decision 2021/914 by their usual short names.
SCC_MODULE_NUMBER = {"C2C": "1", "C2P": "2", "P2P": "3", "P2C": "4"}


def party_iri(party: dict[str, Any], contract: str) -> str:
    """One IRI per real entity: named parties share it across contracts; placeholders stay local."""
    name = party.get("name")
    if name:
        key = party.get("canonical_key") or slug(name)
        return f"{DATA}party/{slug(str(key))}"
    term = (party.get("defined_as") or ["party"])[0]
    return f"{contract}/party/{slug(str(term))}"


@dataclass(frozen=True)
class ContractIRIs:
    """Where one contract's quads go and what they point at."""

    index: int
    contract: str
    graph: str
    document: str
    run: str
    sibling: Callable[[int], str]  # index -> IRI of another agreement of the same file


class ContractGraph:
    """The quads of one contract's named graph."""

    def __init__(self, text: str, iris: ContractIRIs, rec: dict[str, Any], clauses: Sequence[Any] = ()) -> None:
        self.iris, self.index, self.rec = iris, iris.index, rec
        self.g = n(iris.graph)
        self.c = n(iris.contract)
        self.quads: list[ox.Quad] = []
        self.ev = Evidence(self.emit, text, self.c.value, n(iris.document), n(iris.run), clauses)
        self.parties: list[ox.NamedNode | None] = []

    def emit(self, s: ox.NamedNode, p: ox.NamedNode, o: Term) -> None:
        self.quads.append(ox.Quad(s, p, o, self.g))

    def add(self, s: ox.NamedNode, p: str, o: Term | None) -> None:
        if o is not None:
            self.quads.append(ox.Quad(s, n(p), o, self.g))

    def text(self, s: ox.NamedNode, p: str, value: Any) -> None:
        if isinstance(value, (str, int, float)) and not isinstance(value, bool) and str(value).strip():
            self.add(s, p, lit(value))

    def evidence(self, s: ox.NamedNode, span: Any) -> None:
        for e in self.ev.spans(span):
            self.add(s, CKG + "hasEvidence", e)

    def node(self, kind: str, i: int | str, cls: str) -> ox.NamedNode:
        node = n(f"{self.c.value}/{kind}/{i}")
        self.add(node, RDF + "type", n(cls))
        return node

    def build(self) -> list[ox.Quad]:
        self.header()
        self.party_nodes()
        self.jurisdiction()
        self.inventory()
        self.subprocessors()
        self.transfers()
        self.deadlines()
        self.obligations()
        self.art28()
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
        date = rec.get("effective_date")
        if isinstance(date, str) and ISO_DATE.match(date):
            self.add(c, CKG + "effectiveDate", lit(date, XSD + "date"))
        else:
            self.text(c, CKG + "effectiveDate", date)
        self.text(c, CKG + "mainAgreementReference", rec.get("main_agreement"))

    def party(self, data: dict[str, Any]) -> ox.NamedNode:
        """A party node with its attributes (shared IRI for named parties)."""
        p = n(party_iri(data, self.c.value))
        self.add(p, RDF + "type", n(CKG + "Party"))
        if not data.get("name"):
            self.add(p, RDF + "type", n(CKG + "PlaceholderParty"))
        self.text(p, RDFS + "label", data.get("name") or (data.get("defined_as") or [None])[0])
        self.text(p, CKG + "legalName", data.get("name"))
        for key, prop in (("legal_form", "legalForm"), ("registration", "registrationNumber"), ("address", "address"),
                          ("email", "email"), ("contact", "contact"), ("trade_name", "tradeName"),
                          ("canonical_key", "canonicalKey")):
            self.text(p, CKG + prop, data.get(key))
        self.add(p, CKG + "country", country(data.get("country")))
        for term in data.get("defined_as") or []:
            self.text(p, CKG + "definedTerm", term)
        self.evidence(p, data.get("evidence"))
        return p

    def party_nodes(self) -> None:
        for data in self.rec.get("parties") or []:
            if not isinstance(data, dict):
                self.parties.append(None)
                continue
            p = self.party(data)
            self.parties.append(p)
            self.add(self.c, CKG + "hasParty", p)
            for role in data.get("roles") or []:
                if role in ROLE_PROPERTY:
                    self.add(self.c, ROLE_PROPERTY[role], p)

    def party_at(self, index: Any) -> ox.NamedNode | None:
        if isinstance(index, int) and not isinstance(index, bool) and 0 <= index < len(self.parties):
            return self.parties[index]
        return None

    def jurisdiction(self) -> None:
        rec, c = self.rec, self.c
        self.add(c, CKG + "governingLaw", country(rec.get("governing_law")))
        j = rec.get("jurisdiction")
        if isinstance(j, dict) and any(j.get(k) is not None for k in ("country", "court", "exclusive")):
            court = self.node("court", 0, CKG + "Court")
            self.add(c, CKG + "competentCourt", court)
            self.add(court, CKG + "country", country(j.get("country")))
            self.text(court, CKG + "courtName", j.get("court"))
            if isinstance(j.get("exclusive"), bool):
                self.add(court, CKG + "exclusive", boolean(j["exclusive"]))
            self.evidence(court, j.get("evidence"))
        sa = rec.get("supervisory_authority")
        if isinstance(sa, dict):
            sa_name, sa_country = sa.get("name"), sa.get("country")
        else:
            sa_name, sa_country = (None, sa) if country(sa) else (sa, None)
        if sa_name or country(sa_country):
            auth = self.node("authority", 0, DPV + "DataProtectionAuthority")
            self.add(c, CKG + "supervisoryAuthority", auth)
            self.text(auth, RDFS + "label", sa_name)
            self.add(auth, CKG + "country", country(sa_country))
        lang = rec.get("prevailing_language")
        if isinstance(lang, str) and LANG_TAG.match(lang):
            self.add(c, CKG + "prevailingLanguage", lit(lang, XSD + "language"))
        self.add(c, CKG + "amicableSettlementPeriod", duration(rec.get("amicable_settlement_period")))

    def inventory(self) -> None:
        rec, c = self.rec, self.c
        project = onto.project_data_subjects()
        for name in rec.get("personal_data") or []:
            if isinstance(name, str) and LOCAL_NAME.match(name):
                self.add(c, DPV + "hasPersonalData", n(PD + name))
        for name in rec.get("data_subjects") or []:
            if isinstance(name, str) and LOCAL_NAME.match(name):
                self.add(c, DPV + "hasDataSubject", n((CKG if name in project else DPV) + name))
        for name in rec.get("processing") or []:
            if isinstance(name, str) and LOCAL_NAME.match(name):
                self.add(c, DPV + "hasProcessing", n(DPV + name))
        for i, text in enumerate(rec.get("purposes") or []):
            if isinstance(text, str) and text.strip():
                purpose = self.node("purpose", i, DPV + "Purpose")
                self.add(c, DPV + "hasPurpose", purpose)
                self.add(purpose, DCT + "description", lit(text))
        for i, r in enumerate(rec.get("retention") or []):
            if not isinstance(r, dict):
                continue
            rule = self.node("retention", i, CKG + "RetentionRule")
            self.add(c, CKG + "hasRetention", rule)
            self.text(rule, CKG + "data", r.get("data"))
            self.text(rule, CKG + "condition", r.get("condition"))
            self.duration_node(rule, f"{rule.value}/period", r.get("period"))
            self.evidence(rule, r.get("evidence"))
        auth = rec.get("subprocessor_authorisation")
        if isinstance(auth, str):
            kinds = onto.notations("AuthorisationKind")
            key = "general" if auth.startswith("general") else "specific" if auth.startswith("specific") else auth
            if key in kinds:
                self.add(c, CKG + "subprocessorAuthorisation", n(kinds[key]))

    def duration_node(self, s: ox.NamedNode, iri: str, value: Any) -> None:
        """``s dpv:hasDuration [a dpv:Duration; ckg:isoDuration ...]``; free text kept as stated."""
        if not isinstance(value, str) or not value.strip():
            return
        d = n(iri)
        self.add(s, DPV + "hasDuration", d)
        self.add(d, RDF + "type", n(DPV + "Duration"))
        iso = duration(value)
        if iso is not None:
            self.add(d, CKG + "isoDuration", iso)
        else:
            self.add(d, CKG + "durationText", lit(value))

    def subprocessors(self) -> None:
        safeguards = onto.notations("TransferSafeguard")
        for i, sp in enumerate(self.rec.get("subprocessors") or []):
            if not isinstance(sp, dict) or not sp.get("name"):
                continue
            p = self.party({k: sp.get(k) for k in ("name", "address", "country", "canonical_key", "legal_form")})
            self.add(self.c, CKG + "hasParty", p)
            self.add(self.c, CKG + "hasSubProcessor", p)
            e = self.node("subprocessor", i, CKG + "SubProcessorEngagement")
            self.add(self.c, CKG + "hasSubProcessorEngagement", e)
            self.add(e, CKG + "subProcessor", p)
            self.text(e, CKG + "service", sp.get("service"))
            self.add(e, CKG + "location", country(sp.get("processing_country")))
            if sp.get("safeguard") in safeguards:
                self.add(e, CKG + "safeguard", n(safeguards[sp["safeguard"]]))
            for m in sp.get("measures") or []:
                self.text(e, CKG + "measure", m)
            self.evidence(e, sp.get("evidence"))

    def transfers(self) -> None:
        safeguards = onto.notations("TransferSafeguard")
        names = {str(p.get("name")).lower(): i for i, p in enumerate(self.rec.get("parties") or [])
                 if isinstance(p, dict) and p.get("name")}
        for i, t in enumerate(self.rec.get("transfers") or []):
            if not isinstance(t, dict):
                continue
            x = self.node("transfer", i, CKG + "DataTransfer")
            self.add(self.c, CKG + "hasTransfer", x)
            self.add(x, CKG + "fromCountry", country(t.get("from")))
            self.add(x, CKG + "toCountry", country(t.get("to")))
            recipient = t.get("recipient")
            party = self.party_at(recipient if isinstance(recipient, int) else names.get(str(recipient).lower()))
            if party is not None:
                self.add(x, CKG + "recipient", party)
            elif isinstance(recipient, str):
                self.add(x, CKG + "recipient", self.party({"name": recipient}))
                self.text(x, CKG + "recipientName", recipient)
            if t.get("mechanism") in safeguards:
                self.add(x, CKG + "mechanism", n(safeguards[t["mechanism"]]))
            module = str(t.get("scc_module_number") or SCC_MODULE_NUMBER.get(str(t.get("scc_module")), t.get("scc_module") or "")).strip()
            if module in {"1", "2", "3", "4"}:
                self.add(x, CKG + "sccModule", n(f"{CKG}SCCModule{module}"))
            for key, prop in (("eea", "toEEA"), ("adequacy", "adequate")):
                if isinstance(t.get(key), bool):
                    self.add(x, CKG + prop, boolean(t[key]))
            self.evidence(x, t.get("evidence"))

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
            for number in where if isinstance(where, list) else [where]:
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
