"""The contract record: what extraction finds in one agreement, as typed, frozen dataclasses.

It is the one boundary between the layers: extraction builds it (``Contract.from_fields`` at the end of
the extractors), ``extract --format json`` prints it (``to_json``), the RDF mapping walks it
(ontology/records*.py, driven by each field's metadata: see record_fields.py), links and history read it.
Field names and JSON keys follow ../shared/gold/SCHEMA.md. Spans are offsets in the document's text."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any

from contractkg.namespaces import CKG, DCT, DPV, ODRL, PD, RDF
from contractkg.record_fields import (
    ABSENT,
    Absent,
    JsonObject,
    RecordError,
    Span,
    decode,
    encode,
    inline,
    mapped,
    rdf_of,
    structural,
    unmapped,
)

__all__ = ["ABSENT", "HAND_MAPPED", "Absent", "Art28Coverage", "Audit", "Contract", "Court", "DataCategory", "Deadlines",
           "FieldSpan", "Obligation", "Party", "RecordError", "RegionalJurisdiction", "Retention", "RoleSpan",
           "SettlementStep", "Span", "SubProcessor", "SupervisoryAuthority", "Transfer", "VersionDifference",
           "replace"]


@dataclass(frozen=True, slots=True)
class RoleSpan:
    """Where the contract gives a party one of its roles."""

    role: str
    span: Span


def _role_spans(data: Mapping[str, object]) -> tuple[RoleSpan, ...] | None:
    raw = data.get("role_evidence")
    if raw is None:
        return None
    if not isinstance(raw, Mapping):
        raise RecordError("role_evidence: expected {role: [start, end]}")
    return tuple(RoleSpan(str(role), Span.from_json(span)) for role, span in raw.items())


def _role_spans_json(spans: tuple[RoleSpan, ...] | None) -> JsonObject:
    return {} if spans is None else {"role_evidence": {r.role: r.span.to_json() for r in spans}}


@dataclass(frozen=True, slots=True)
class Party:
    """A contracting party (a placeholder when only its defined term is known)."""

    name: str | None = field(default=None, metadata=structural(CKG + "legalName"))
    legal_form: str | None = field(default=None, metadata=mapped(CKG + "legalForm"))
    registration: str | None = field(default=None, metadata=mapped(CKG + "registrationNumber"))
    address: str | None = field(default=None, metadata=mapped(CKG + "address"))
    country: str | None = field(default=None, metadata=mapped(CKG + "country", "country"))
    email: str | None = field(default=None, metadata=mapped(CKG + "email"))
    contact: str | None = field(default=None, metadata=mapped(CKG + "contact"))
    trade_name: str | None = field(default=None, metadata=mapped(CKG + "tradeName"))
    evidence: Span | None = field(default=None, metadata=structural(CKG + "hasEvidence"))
    country_stated: bool | None | Absent = field(default=ABSENT, metadata=unmapped(
        "whether the address states the country or it was inferred: guides extraction only"))
    defined_as: tuple[str, ...] = field(default=(), metadata=mapped(CKG + "definedTerm"))
    roles: tuple[str, ...] = field(default=(), metadata=structural(None))  # one property per role (ROLE_PROPERTY)
    side: str | None = field(default=None, metadata=unmapped("which side of the agreement: read by extraction"))
    role_evidence: tuple[RoleSpan, ...] | None = field(default=None, metadata=structural(
        CKG + "supportsProperty", codec=(_role_spans, _role_spans_json), keys=("role_evidence",)))
    inherited: bool | None = field(default=None, metadata=unmapped(
        "taken over from the main agreement of an annex: the party node is the same", omit_none=True))
    canonical_key: str | None = field(default=None, metadata=mapped(CKG + "canonicalKey"))


@dataclass(frozen=True, slots=True)
class Court:
    """The courts that settle disputes."""

    country: str | None = field(default=None, metadata=mapped(CKG + "country", "country"))
    court: str | None = field(default=None, metadata=mapped(CKG + "courtName"))
    exclusive: bool | None = field(default=None, metadata=mapped(CKG + "exclusive", "boolean"))
    city: str | None | Absent = field(default=ABSENT, metadata=mapped(CKG + "courtCity"))


@dataclass(frozen=True, slots=True)
class SupervisoryAuthority:
    name: str | None = field(default=None, metadata=structural(CKG + "supervisoryAuthority"))
    country: str | None = field(default=None, metadata=mapped(CKG + "country", "country"))


@dataclass(frozen=True, slots=True)
class SettlementStep:
    """Amicable settlement, negotiation, mediation...: one step before the courts."""

    step: str | None = field(default=None, metadata=mapped(CKG + "stepKind"))
    period: str | None = field(default=None, metadata=mapped(CKG + "stepPeriod", "duration"))
    evidence: Span | None = field(default=None, metadata=structural(CKG + "hasEvidence"))


@dataclass(frozen=True, slots=True)
class RegionalJurisdiction:
    """Law and courts chosen by the customer's region, and the vendor entity contracting there."""

    region: str | None = field(default=None, metadata=mapped(CKG + "region"))
    law: str | None = field(default=None, metadata=mapped(CKG + "regionalLaw", "country"))
    court: str | None = field(default=None, metadata=structural(CKG + "regionalCourt"))
    court_country: str | None = field(default=None, metadata=structural(CKG + "regionalCourt"))
    contracting_entity: str | None = field(default=None, metadata=structural(CKG + "contractingEntity"))
    default: bool | None = field(default=None, metadata=mapped(CKG + "defaultRegion", "boolean"))
    evidence: Span | None = field(default=None, metadata=structural(CKG + "hasEvidence"))


@dataclass(frozen=True, slots=True)
class DataCategory:
    """A personal-data category (a DPV-PD local name) and the contract's own words for it."""

    name: str
    stated_as: tuple[str, ...] = ()


def _categories(data: Mapping[str, object]) -> tuple[DataCategory, ...]:
    raw = data.get("personal_data_labels")
    if raw is None:
        return ()
    if not isinstance(raw, Mapping):
        raise RecordError("personal_data_labels: expected {category: [label, ...]}")
    out = []
    for name, labels in raw.items():
        if not isinstance(labels, (list, tuple)) or not all(isinstance(x, str) for x in labels):
            raise RecordError(f"personal_data_labels.{name}: expected a list of labels")
        out.append(DataCategory(str(name), tuple(labels)))
    return tuple(out)


def _categories_json(cats: tuple[DataCategory, ...]) -> JsonObject:
    return {"personal_data_labels": {c.name: list(c.stated_as) for c in cats}}


@dataclass(frozen=True, slots=True)
class Retention:
    """How long some data is kept, and on what condition."""

    data: str | None = field(default=None, metadata=mapped(CKG + "data"))
    categories: tuple[str, ...] = field(default=(), metadata=mapped(CKG + "category", "iri", namespace=PD))
    period: str | None = field(default=None, metadata=structural(DPV + "hasDuration", dpv_class=DPV + "Duration"))
    condition: str | None = field(default=None, metadata=mapped(CKG + "condition"))
    evidence: Span | None = field(default=None, metadata=structural(CKG + "hasEvidence"))


@dataclass(frozen=True, slots=True)
class SubProcessor:
    """A sub-processor the agreement engages (its node is a party; the engagement is its own node)."""

    name: str | None = field(default=None, metadata=structural(CKG + "subProcessor"))
    address: str | None = field(default=None, metadata=structural(CKG + "address"))
    country: str | None = field(default=None, metadata=structural(CKG + "country"))
    seat_country: str | None = field(default=None, metadata=mapped(CKG + "seatCountry", "country"))
    processing_country: str | None = field(default=None, metadata=mapped(CKG + "location", "country"))
    service: str | None = field(default=None, metadata=mapped(CKG + "service"))
    safeguard: str | None = field(default=None, metadata=mapped(CKG + "safeguard", "concept",
                                                                  scheme="TransferSafeguard"))
    measures: tuple[str, ...] = field(default=(), metadata=mapped(CKG + "measure"))
    evidence: Span | None = field(default=None, metadata=structural(CKG + "hasEvidence"))


@dataclass(frozen=True, slots=True)
class Transfer:
    """A transfer of personal data to a country, with its safeguard."""

    from_country: str | None = field(default=None, metadata=mapped(CKG + "fromCountry", "country", key="from"))
    to: str | None = field(default=None, metadata=mapped(CKG + "toCountry", "country"))
    recipient: str | int | None = field(default=None, metadata=structural(CKG + "recipient"))
    mechanism: str | None = field(default=None, metadata=mapped(CKG + "mechanism", "concept",
                                                                 scheme="TransferSafeguard"))
    scc_module: str | None = field(default=None, metadata=structural(CKG + "sccModule"))
    scc_modules: tuple[str, ...] = field(default=(), metadata=structural(CKG + "sccModule"))
    scc_module_number: str | None = field(default=None, metadata=structural(CKG + "sccModule"))
    scc_decision: str | None = field(default=None, metadata=mapped(CKG + "sccDecision", "concept", scheme="SCCDecision"))
    uk_addendum: bool | None = field(default=None, metadata=mapped(CKG + "ukAddendum", "boolean"))
    idta: bool | None = field(default=None, metadata=mapped(CKG + "ukIDTA", "boolean"))
    swiss: bool | None = field(default=None, metadata=mapped(CKG + "swissAmendments", "boolean"))
    eea: bool | None = field(default=None, metadata=mapped(CKG + "toEEA", "boolean"))
    adequacy: bool | None = field(default=None, metadata=mapped(CKG + "adequate", "boolean"))
    adequacy_scope: str | None = field(default=None, metadata=mapped(CKG + "adequacyScope"))
    evidence: Span | None = field(default=None, metadata=structural(CKG + "hasEvidence"))


def _working_days(predicate: str | None = None) -> Any:
    if predicate is None:
        return field(default=None, metadata=unmapped("only the sub-processor notice's counting is in the ontology",
                                                     omit_none=True))
    return field(default=None, metadata=mapped(predicate, "boolean", omit_none=True))


@dataclass(frozen=True, slots=True)
class Deadlines:
    """The periods the agreement sets (ISO 8601 durations), mapped on the contract node."""

    breach_notification: str | None = field(default=None, metadata=mapped(
        CKG + "breachNotificationDeadline", "duration"))
    breach_notification_qualifier: str | None = field(default=None, metadata=mapped(
        CKG + "breachNotificationQualifier", "concept", scheme="DeadlineQualifier"))
    subprocessor_notice: str | None = field(default=None, metadata=mapped(CKG + "subprocessorNoticePeriod", "duration"))
    subprocessor_objection: str | None = field(default=None, metadata=mapped(
        CKG + "subprocessorObjectionPeriod", "duration"))
    audit_notice: str | None = field(default=None, metadata=mapped(CKG + "auditNoticePeriod", "duration"))
    breach_notification_working_days: bool | None = _working_days()
    subprocessor_notice_working_days: bool | None = _working_days(CKG + "subprocessorNoticeInWorkingDays")
    subprocessor_objection_working_days: bool | None = _working_days()
    audit_notice_working_days: bool | None = _working_days()


@dataclass(frozen=True, slots=True)
class Audit:
    """The customer's audit rights."""

    max_per_year: int | None = field(default=None, metadata=mapped(CKG + "maxAuditsPerYear", "integer"))
    on_site: bool | None = field(default=None, metadata=mapped(CKG + "onSiteAudit", "boolean"))
    costs: str | None = field(default=None, metadata=mapped(CKG + "auditCostsBorneBy"))


@dataclass(frozen=True, slots=True)
class Obligation:
    """One stipulation: who must (may, must not) do what, for whom, by when. Mapped by hand as a node."""

    bearer: int | None = field(default=None, metadata=structural(ODRL + "assignee"))  # index in parties
    beneficiary: int | None = field(default=None, metadata=structural(ODRL + "assigner"))
    bearer_term: str | None = field(default=None, metadata=unmapped("the words naming the bearer: see bearer"))
    bearer_role: str | None = field(default=None, metadata=unmapped("the bearer's role: see bearer"))
    beneficiary_term: str | None = field(default=None, metadata=unmapped("the words naming the beneficiary"))
    modality: str | None = field(default=None, metadata=structural(RDF + "type"))  # the node's class
    action: str | None = field(default=None, metadata=mapped(CKG + "actionText"))
    type: str | None = field(default=None, metadata=structural(CKG + "obligationType"))
    art28: str | None = field(default=None, metadata=structural(CKG + "fulfilsElement"))
    deadline: str | None = field(default=None, metadata=structural(DPV + "hasDuration", dpv_class=DPV + "Duration"))
    deadline_qualifier: str | None = field(default=None, metadata=mapped(
        CKG + "deadlineQualifier", "concept", scheme="DeadlineQualifier"))
    trigger: str | None = field(default=None, metadata=mapped(CKG + "trigger"))
    condition: str | None = field(default=None, metadata=mapped(CKG + "condition"))
    text: str | None = field(default=None, metadata=mapped(CKG + "statement"))
    clause: str | None = field(default=None, metadata=structural(CKG + "inClause"))
    evidence: Span | None = field(default=None, metadata=structural(CKG + "hasEvidence"))


@dataclass(frozen=True, slots=True)
class Art28Coverage:
    """One element of GDPR Art. 28(3): the clause(s) that cover it ("; "-joined) and the spans found."""

    element: str
    clauses: str | None = None
    evidence: tuple[Span, ...] | None = None


def _coverage(data: Mapping[str, object]) -> tuple[Art28Coverage, ...] | None:
    where, spans = data.get("art28"), data.get("art28_evidence")
    if where is None:
        return None
    if not isinstance(where, Mapping) or not isinstance(spans or {}, Mapping):
        raise RecordError("art28: expected {element: clause}; art28_evidence: {element: [[start, end], ...]}")
    spans = spans or {}
    assert isinstance(spans, Mapping)
    out = []
    for element, clause in where.items():
        if clause is not None and not isinstance(clause, str):
            raise RecordError(f"art28.{element}: expected a clause number, got {clause!r}")
        found = spans.get(element)
        if found is not None and not isinstance(found, (list, tuple)):
            raise RecordError(f"art28_evidence.{element}: expected a list of spans")
        if found and all(isinstance(x, int) for x in found):
            found = [found]  # one span written alone (hand-written records)
        out.append(Art28Coverage(str(element), clause,
                                 None if found is None else tuple(Span.from_json(s) for s in found)))
    if set(spans) - set(where):
        raise RecordError(f"art28_evidence: element(s) {sorted(set(spans) - set(where))} not in art28")
    return tuple(out)


def _coverage_json(cov: tuple[Art28Coverage, ...] | None) -> JsonObject:
    if cov is None:
        return {}
    return {"art28": {c.element: c.clauses for c in cov},
            "art28_evidence": {c.element: [s.to_json() for s in c.evidence] for c in cov if c.evidence is not None}}


@dataclass(frozen=True, slots=True)
class VersionDifference:
    """A fact on which two language versions of one agreement disagree (values as extracted)."""

    field: str
    a: object = None
    b: object = None
    clause: str | None = dataclasses.field(default=None, metadata={"omit_none": True})


@dataclass(frozen=True, slots=True)
class FieldSpan:
    """Evidence of a field of the record (``deadlines.audit_notice``: a path), or of one of its values."""

    field: str
    span: Span
    value: str | None = None  # for list fields: the value the span supports


def _field_spans(data: Mapping[str, object]) -> tuple[FieldSpan, ...]:
    raw = data.get("evidence") or {}
    if not isinstance(raw, Mapping):
        raise RecordError("evidence: expected {field: [start, end] or {value: [start, end]}}")
    out: list[FieldSpan] = []
    for path, spans in raw.items():
        predicate_of(str(path))  # a field that the record declares and the mapping knows
        if isinstance(spans, Mapping):
            out += [FieldSpan(str(path), Span.from_json(s), str(v)) for v, s in spans.items()]
        else:
            out.append(FieldSpan(str(path), Span.from_json(spans)))
    return tuple(out)


def _field_spans_json(spans: tuple[FieldSpan, ...]) -> JsonObject:
    out: JsonObject = {}
    for fs in spans:
        if fs.value is None:
            out[fs.field] = fs.span.to_json()
        else:
            per_value = out.setdefault(fs.field, {})
            assert isinstance(per_value, dict)
            per_value[fs.value] = fs.span.to_json()
    return {"evidence": out}


def predicate_of(path: str) -> str:
    """The RDF property of a record field given as a path (``audit.on_site``); RecordError when the
    record declares no such field or it has no RDF property."""
    found = _evidence_fields().get(path)
    if found is None:
        raise RecordError(f"evidence for {path!r}: the record has no such field (declare it in contractkg/record.py)")
    spec = rdf_of(found)
    if spec is None or spec.predicate is None:
        raise RecordError(f"evidence for {path!r}: the field has no RDF property in its metadata")
    return spec.predicate


def _evidence_fields() -> dict[str, dataclasses.Field[Any]]:
    """Fields that evidence may name: the contract's, and those of its deadlines and audit terms."""
    if not _PATHS:
        _PATHS.update((f.name, f) for f in fields(Contract))
        _PATHS.update((f"deadlines.{f.name}", f) for f in fields(Deadlines))
        _PATHS.update((f"audit.{f.name}", f) for f in fields(Audit))
    return _PATHS


_PATHS: dict[str, dataclasses.Field[Any]] = {}


@dataclass(frozen=True, slots=True)
class Contract:
    """One agreement as extracted. JSON keys: ../shared/gold/SCHEMA.md, plus source, line, starts_with."""

    source: str = field(default="", metadata=unmapped("the document node carries the source path"))
    line: int | None = field(default=None, metadata=mapped(CKG + "startLine", "integer"))
    starts_with: str | None = field(default=None, metadata=mapped(CKG + "startsWith"))
    title: str | None = field(default=None, metadata=mapped(DCT + "title"))
    kind: str | None = field(default=None, metadata=structural(RDF + "type"))  # the node's classes
    language: str | None = field(default=None, metadata=mapped(DCT + "language", "language"))
    span: Span | None = field(default=None, metadata=structural(CKG + "hasEvidence"))
    part_of: int | None = field(default=None, metadata=structural(CKG + "partOf"))
    evidence: tuple[FieldSpan, ...] = field(default=(), metadata=structural(
        CKG + "hasEvidence", codec=(_field_spans, _field_spans_json), keys=("evidence",)))
    parties: tuple[Party, ...] = field(default=(), metadata=structural(CKG + "hasParty"))
    clause_numbers: tuple[str, ...] = field(default=(), metadata=unmapped(
        "clauses are mapped from the agreement's segments (with headings and spans)"))
    governing_law: str | None = field(default=None, metadata=mapped(CKG + "governingLaw", "country"))
    jurisdiction: Court | None = field(default=None, metadata=structural(CKG + "competentCourt"))
    prevailing_language: str | None = field(default=None, metadata=mapped(CKG + "prevailingLanguage", "language"))
    supervisory_authority: SupervisoryAuthority | str | None = field(default=None, metadata=structural(
        CKG + "supervisoryAuthority", dpv_class=DPV + "DataProtectionAuthority"))
    amicable_settlement_period: str | None = field(default=None, metadata=mapped(
        CKG + "amicableSettlementPeriod", "duration"))
    amicable_settlement_steps: tuple[SettlementStep, ...] = field(default=(), metadata=structural(
        CKG + "hasSettlementStep"))
    jurisdiction_by_region: tuple[RegionalJurisdiction, ...] = field(default=(), metadata=structural(
        CKG + "hasRegionalJurisdiction"))
    version: str | None = field(default=None, metadata=mapped(CKG + "version"))
    date: str | None = field(default=None, metadata=mapped(CKG + "documentDate", "date"))
    effective_date: str | None = field(default=None, metadata=mapped(CKG + "effectiveDate", "date"))
    term: str | None = field(default=None, metadata=structural(CKG + "term"))  # a duration, or coterminous
    termination_notice: str | None = field(default=None, metadata=mapped(CKG + "terminationNoticePeriod", "duration"))
    main_agreement: str | None = field(default=None, metadata=mapped(CKG + "mainAgreementReference"))
    personal_data: tuple[str, ...] = field(default=(), metadata=mapped(DPV + "hasPersonalData", "iri", namespace=PD))
    data_subjects: tuple[str, ...] = field(default=(), metadata=structural(DPV + "hasDataSubject"))
    processing: tuple[str, ...] = field(default=(), metadata=mapped(DPV + "hasProcessing", "iri", namespace=DPV))
    personal_data_labels: tuple[DataCategory, ...] = field(default=(), metadata=structural(
        CKG + "hasPersonalDataUse", codec=(_categories, _categories_json), keys=("personal_data_labels",)))
    special_categories: tuple[str, ...] = field(default=(), metadata=structural(
        CKG + "hasPersonalDataUse", dpv_class=DPV + "SpecialCategoryPersonalData"))
    purposes: tuple[str, ...] = field(default=(), metadata=structural(DPV + "hasPurpose", dpv_class=DPV + "Purpose"))
    purposes_text: tuple[str, ...] | None = field(default=None, metadata=mapped(
        CKG + "purposeStatement", "wording", omit_none=True))
    processing_duration: str | None = field(default=None, metadata=structural(
        CKG + "processingDuration", dpv_class=DPV + "Duration"))
    retention: tuple[Retention, ...] = field(default=(), metadata=structural(CKG + "hasRetention"))
    subprocessor_list_url: str | None = field(default=None, metadata=mapped(
        CKG + "subprocessorListURL", "uri", omit_none=True))
    subprocessors: tuple[SubProcessor, ...] = field(default=(), metadata=structural(CKG + "hasSubProcessorEngagement"))
    subprocessor_authorisation: str | None = field(default=None, metadata=structural(  # "general..." / "specific..."
        CKG + "subprocessorAuthorisation", omit_none=True))
    subprocessors_from: tuple[str, ...] | None = field(default=None, metadata=unmapped(
        "the companion list file is a document of its own", omit_none=True))
    transfers: tuple[Transfer, ...] = field(default=(), metadata=structural(CKG + "hasTransfer"))
    deadlines: Deadlines | None = field(default=None, metadata=inline("periods of the contract itself"))
    audit: Audit | None = field(default=None, metadata=structural(CKG + "hasAuditTerms"))
    obligations: tuple[Obligation, ...] = field(default=(), metadata=structural(CKG + "hasStipulation"))
    art28: tuple[Art28Coverage, ...] | None = field(default=None, metadata=structural(
        CKG + "hasElementCoverage", codec=(_coverage, _coverage_json), keys=("art28", "art28_evidence")))
    missing: tuple[str, ...] | None = field(default=None, metadata=structural(CKG + "lacksElement", omit_none=True))
    # set when language versions are linked (links.annotate_translations)
    translation_of: int | str | None = field(default=None, metadata=structural(CKG + "translationOf", omit_none=True))
    version_differences: tuple[VersionDifference, ...] | None = field(default=None, metadata=structural(
        CKG + "hasVersionDifference", omit_none=True))
    prevailing_version: bool | None = field(default=None, metadata=structural(
        CKG + "isPrevailingVersion", omit_none=True))

    @classmethod
    def from_fields(cls, fields: Mapping[str, object], strict: bool = True) -> Contract:
        """The record from the extractors' output (or from ``to_json()``): RecordError names a field
        that the record does not declare (``strict=False``: ignored) or a value of the wrong type."""
        return decode(cls, fields, strict=strict)

    def to_json(self) -> JsonObject:
        """The record as ``extract --format json`` prints it."""
        return encode(self)

    def spans_of(self, path: str) -> tuple[FieldSpan, ...]:
        """The evidence of one field (``processing_duration``, ``deadlines.audit_notice``...)."""
        return tuple(fs for fs in self.evidence if fs.field == path)

# Value classes that the mapping writes by hand as a whole (evidence, coverage, labels, differences):
# their fields carry no RDF metadata of their own.
HAND_MAPPED: tuple[type, ...] = (Span, FieldSpan, RoleSpan, DataCategory, Art28Coverage, VersionDifference)
