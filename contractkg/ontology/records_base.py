"""Shared machinery of the record -> quads mapping: IRIs, the quad sink, evidence, and the walk that
maps every field whose metadata says how (contractkg/record_fields.py: ``mapped(predicate, kind)``)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from contractkg import ontology as onto
from contractkg.namespaces import CKG, DATA, DPV, RDF
from contractkg.ontology.evidence import Evidence
from contractkg.ontology.literals import (
    ISO_DATE,
    LANG_TAG,
    LOCAL_NAME,
    Term,
    boolean,
    country,
    duration,
    lit,
    n,
    slug,
)
from contractkg.record import Contract, Party, Span
from contractkg.record_fields import Rdf, decode, rdf_of

if TYPE_CHECKING:
    from _typeshed import DataclassInstance


def party_iri(party: Party | Mapping[str, object], contract: str) -> str:
    """One IRI per real entity: named parties share it across contracts; placeholders stay local.
    A party in its JSON form is read as the record reads it."""
    if not isinstance(party, Party):
        party = decode(Party, party, strict=False)
    if party.name:
        return f"{DATA}party/{slug(party.canonical_key or slug(party.name))}"
    term = (party.defined_as or ("party",))[0]
    return f"{contract}/party/{slug(term)}"


@dataclass(frozen=True)
class ContractIRIs:
    """Where one contract's quads go and what they point at."""

    index: int
    contract: str
    graph: str
    document: str
    run: str
    sibling: Callable[[int], str]  # index -> IRI of another agreement of the same file


def is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _text(value: object) -> ox.Literal | None:
    if isinstance(value, (str, int, float)) and not isinstance(value, bool) and str(value).strip():
        return lit(value)
    return None


class GraphBase:
    """The quad list of one contract's named graph and the helpers every mapping part uses."""

    def __init__(self, text: str, iris: ContractIRIs, rec: Contract, clauses: Sequence[Any] = ()) -> None:
        self.iris, self.index, self.rec = iris, iris.index, rec
        self.g = n(iris.graph)
        self.c = n(iris.contract)
        self.quads: list[ox.Quad] = []
        self.ev = Evidence(self.emit, text, self.c.value, n(iris.document), n(iris.run), clauses)
        self.parties: list[ox.NamedNode | None] = []
        self.party_names: dict[str, list[str]] = {}  # party IRI -> names written for it here (first = label)
        self.lang = rec.language if rec.language and LANG_TAG.match(rec.language) else None

    def emit(self, s: ox.NamedNode, p: ox.NamedNode, o: Term) -> None:
        self.quads.append(ox.Quad(s, p, o, self.g))

    def add(self, s: ox.NamedNode, p: str, o: Term | None) -> None:
        if o is not None:
            self.quads.append(ox.Quad(s, n(p), o, self.g))

    def text(self, s: ox.NamedNode, p: str, value: object) -> None:
        self.add(s, p, _text(value))

    def wording(self, s: ox.NamedNode, p: str, value: object) -> None:
        """Text as the contract words it, tagged with the agreement's language."""
        if isinstance(value, str) and value.strip():
            self.add(s, p, lit(value.strip(), lang=self.lang))

    def fields(self, s: ox.NamedNode, record: DataclassInstance) -> None:
        """``s predicate term`` for every field of ``record`` that its metadata maps by itself (a
        tuple-valued field: one per value). Structural fields are left to the caller."""
        for f in dataclasses.fields(record):
            spec = rdf_of(f)
            if spec is None or spec.kind == "node" or spec.predicate is None:
                continue
            value = getattr(record, f.name)
            for v in value if isinstance(value, tuple) else (value,):
                self.add(s, spec.predicate, self.term(spec, v))

    def term(self, spec: Rdf, value: object) -> Term | None:
        """The RDF term of one value of a field, by the field's kind; None when the value has none."""
        kind = spec.kind
        if kind == "text":
            return _text(value)
        if kind == "wording":
            return lit(value.strip(), lang=self.lang) if isinstance(value, str) and value.strip() else None
        if kind == "country":
            return country(value)
        if kind == "duration":
            return duration(value)
        if kind == "boolean":
            return boolean(value) if isinstance(value, bool) else None
        if kind == "integer":
            return lit(value, spec.datatype) if is_int(value) else None
        if not isinstance(value, str):
            return None
        if kind == "language":
            return lit(value, spec.datatype) if LANG_TAG.match(value) else None
        if kind == "date":
            return lit(value, spec.datatype) if ISO_DATE.match(value) else _text(value)
        if kind == "uri":
            return lit(value.strip(), spec.datatype) if value.strip() else None
        if kind == "concept" and spec.scheme:
            iri = onto.notations(spec.scheme).get(value)
            return n(iri) if iri else None
        if kind == "iri" and spec.namespace:
            return n(spec.namespace + value) if LOCAL_NAME.match(value) else None
        raise ValueError(f"field kind {kind!r} has no term maker (contractkg/ontology/records_base.py)")

    def evidence(self, s: ox.NamedNode, span: Span | Sequence[Span] | None) -> None:
        for e in self.ev.spans(span):
            self.add(s, CKG + "hasEvidence", e)

    def node(self, kind: str, i: int | str, cls: str) -> ox.NamedNode:
        node = n(f"{self.c.value}/{kind}/{i}")
        self.add(node, RDF + "type", n(cls))
        return node

    def duration_node(self, s: ox.NamedNode, iri: str, value: str | None,
                      prop: str = DPV + "hasDuration") -> ox.NamedNode | None:
        """``s prop [a dpv:Duration; ckg:isoDuration ...]``; free text kept as stated."""
        if not isinstance(value, str) or not value.strip():
            return None
        d = n(iri)
        self.add(s, prop, d)
        self.add(d, RDF + "type", n(DPV + "Duration"))
        iso = duration(value)
        if iso is not None:
            self.add(d, CKG + "isoDuration", iso)
        else:
            self.add(d, CKG + "durationText", lit(value))
        return d

    def party_at(self, index: object) -> ox.NamedNode | None:
        if isinstance(index, int) and not isinstance(index, bool) and 0 <= index < len(self.parties):
            return self.parties[index]
        return None
