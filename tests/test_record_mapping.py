"""The RDF mapping is driven by the record's field metadata: every field declares its mapping, every
mapped field reaches the graph, and evidence names only properties the record declares."""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Iterator
from typing import Any

import pyoxigraph as ox
import pytest

from contractkg import ontology as onto
from contractkg.ingest.document import Document
from contractkg.kg import build
from contractkg.ontology.records_base import GraphBase
from contractkg.record import (
    HAND_MAPPED,
    Art28Coverage,
    Audit,
    Contract,
    Court,
    Deadlines,
    FieldSpan,
    Obligation,
    Party,
    RecordError,
    RegionalJurisdiction,
    Retention,
    SettlementStep,
    Span,
    SubProcessor,
    Transfer,
)
from contractkg.record_fields import Rdf, rdf_of


def value(term: object) -> str:
    return str(getattr(term, "value", term))


def record_classes(cls: type = Contract, seen: set[type] | None = None) -> Iterator[type]:
    """Contract and every record dataclass reachable from its fields' types."""
    seen = set() if seen is None else seen
    if cls in seen:
        return
    seen.add(cls)
    yield cls
    for hint in typing.get_type_hints(cls).values():
        stack = [hint]
        while stack:
            t = stack.pop()
            stack += typing.get_args(t)
            if isinstance(t, type) and dataclasses.is_dataclass(t):
                yield from record_classes(t, seen)


def test_every_record_field_declares_its_mapping() -> None:
    """A field added to the record without saying how it maps (or why it does not) fails here."""
    undeclared = [f"{cls.__name__}.{f.name}" for cls in record_classes() if cls not in HAND_MAPPED
                  for f in dataclasses.fields(cls)
                  if not (rdf_of(f) or f.metadata.get("unmapped") or f.metadata.get("inline"))]
    assert undeclared == []
    assert {Party, SubProcessor, Transfer, Deadlines, Audit, Obligation, Court, Retention} <= set(record_classes())


def mapped_fields() -> list[tuple[type, str, Rdf]]:
    return [(cls, f.name, spec) for cls in record_classes() if cls not in HAND_MAPPED
            for f in dataclasses.fields(cls) if (spec := rdf_of(f)) and spec.kind != "node" and spec.predicate]


def sample(cls: type, name: str, spec: Rdf) -> object:
    """A value of the field's kind that maps to a term."""
    if spec.kind == "concept":
        assert spec.scheme, f"{cls.__name__}.{name}: a concept field names its scheme"
        return next(iter(onto.notations(spec.scheme)))
    value: object = {"text": "stated", "wording": "as worded", "country": "FR", "duration": "P30D", "language": "fr",
                     "date": "2024-03-01", "boolean": True, "integer": 2, "uri": "https://example.org/x",
                     "iri": "EmailAddress"}[spec.kind]
    hint = typing.get_type_hints(cls)[name]
    return (value,) if typing.get_origin(hint) is tuple or tuple in typing.get_args(hint) else value


def filled(cls: type, **given: object) -> Any:
    values = {name: sample(c, name, spec) for c, name, spec in mapped_fields() if c is cls}
    return cls(**{**values, **given})


def test_every_mapped_field_reaches_the_graph() -> None:
    """A record with a value in every mapped field: each field's predicate is in its graph, with the
    term its kind makes."""
    top: dict[str, Any] = {name: sample(Contract, name, spec) for c, name, spec in mapped_fields() if c is Contract}
    rec = Contract(
        **top,
        source="t.txt", kind="dpa", span=Span(0, 20),
        parties=(filled(Party, name="Alpha SAS", roles=("processor",)),),
        jurisdiction=filled(Court),
        amicable_settlement_steps=(filled(SettlementStep),),
        jurisdiction_by_region=(filled(RegionalJurisdiction),),
        retention=(filled(Retention),),
        subprocessors=(filled(SubProcessor, name="Beta Inc"),),
        transfers=(filled(Transfer),),
        deadlines=filled(Deadlines),
        audit=filled(Audit),
        obligations=(filled(Obligation),),
    )
    quads = next(q for g, q in build(Document(source="t.txt", text="x" * 100), [rec]).items() if g.endswith("/0"))
    predicates = {q.predicate.value for q in quads}
    missing = [f"{cls.__name__}.{name} ({spec.predicate})" for cls, name, spec in mapped_fields()
               if spec.predicate not in predicates]
    assert missing == []
    # the kind decides the term: a literal has the datatype the field's metadata names, a country is a loc: IRI
    by_predicate = {q.predicate.value: q.object for q in quads}
    for cls, name, spec in mapped_fields():
        term = by_predicate[spec.predicate or ""]
        if spec.datatype:
            assert isinstance(term, ox.Literal) and term.datatype.value == spec.datatype, f"{cls.__name__}.{name}"
    assert isinstance(by_predicate["https://w3id.org/contractkg#governingLaw"], ox.NamedNode)
    law = by_predicate["https://w3id.org/contractkg#governingLaw"]
    assert law.value.endswith("#FR")
    period = by_predicate["https://w3id.org/contractkg#terminationNoticePeriod"]
    assert isinstance(period, ox.Literal) and period.datatype.value.endswith("#duration")


def test_field_evidence_supports_the_declared_property() -> None:
    rec = Contract(source="t.txt", governing_law="FR", evidence=(FieldSpan("deadlines.audit_notice", Span(2, 9)),
                                                                  FieldSpan("data_subjects", Span(10, 15), "Customer")))
    quads = build(Document(source="t.txt", text="y" * 50), [rec])
    supported = {value(q.object) for g in quads.values() for q in g
                 if q.predicate.value.endswith("#supportsProperty")}
    assert supported == {"https://w3id.org/contractkg#auditNoticePeriod", "https://w3id.org/dpv#hasDataSubject"}


def test_evidence_for_an_undeclared_field_is_refused() -> None:
    """records.field_evidence once made up a ckg: name for any key; now the record refuses the key."""
    with pytest.raises(RecordError, match="no such field"):
        Contract.from_fields({"evidence": {"deadlines.some_new_period": [1, 4]}})


def test_art28_coverage_and_lacking_elements() -> None:
    elements = list(onto.art28_elements())
    rec = Contract(source="t.txt", kind="dpa", art28=(Art28Coverage(elements[0], "3; 4", (Span(1, 5),)),
                                                      Art28Coverage(elements[1], None)), missing=(elements[1],))
    quads = build(Document(source="t.txt", text="z" * 50), [rec])
    found = [q for g in quads.values() for q in g]
    covers = [q for q in found if q.predicate.value.endswith("#coversElement")]
    lacks = [q for q in found if q.predicate.value.endswith("#lacksElement")]
    numbers = sorted(value(q.object) for q in found if q.predicate.value.endswith("#clauseNumber")
                     and "/art28/" in value(q.subject))
    assert len(covers) == 1 and len(lacks) == len(elements) - 1 and numbers == ["3", "4"]


def test_an_unknown_kind_has_no_term_maker() -> None:
    base = GraphBase.__new__(GraphBase)
    with pytest.raises(ValueError, match="no term maker"):
        base.term(Rdf("https://example.org/p", "node"), "x")


def test_a_court_with_nothing_known_makes_no_node() -> None:
    """A jurisdiction printed without "city" and with every other value null adds no court node."""
    rec = Contract.from_fields({"source": "t.txt", "jurisdiction": {"country": None, "court": None, "exclusive": None}})
    quads = build(Document(source="t.txt", text="w" * 20), [rec])
    assert not any(q.predicate.value.endswith("#competentCourt") for g in quads.values() for q in g)
    rec = Contract.from_fields({"source": "t.txt", "jurisdiction": {"country": None, "court": None, "exclusive": None,
                                                                    "city": "Lyon"}})
    quads = build(Document(source="t.txt", text="w" * 20), [rec])
    assert any(q.predicate.value.endswith("#courtCity") for g in quads.values() for q in g)
