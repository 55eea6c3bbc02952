"""Project vocabulary the pages need for labels: read once from the ontology's Turtle files."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from contractkg.app import labels
from contractkg.namespaces import CKG, LOC, RDF, SKOS

ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology"


@lru_cache(maxsize=1)
def _triples() -> list[ox.Triple]:
    found: list[ox.Triple] = []
    for ttl in [ONTOLOGY / "contractkg.ttl", *sorted((ONTOLOGY / "reference").glob("*.ttl")),
                *sorted((ONTOLOGY / "shapes").glob("*.ttl"))]:
        if ttl.is_file():
            try:
                found.extend(ox.parse(path=str(ttl), format=ox.RdfFormat.TURTLE))
            except (SyntaxError, OSError):
                continue
    return found


def _v(term: object) -> str:
    return str(getattr(term, "value", term))


def _values(predicate: str) -> dict[str, str]:
    return {_v(t.subject): _v(t.object) for t in _triples() if t.predicate.value == predicate}


@lru_cache(maxsize=1)
def schema_keys() -> dict[str, str]:
    """Concept IRI -> record key (ckg:schemaKey), e.g. Art. 28 elements."""
    return _values(CKG + "schemaKey")


@lru_cache(maxsize=1)
def shape_elements() -> dict[str, str]:
    """SHACL shape IRI -> the Art. 28 element or obligation type it checks (ckg:checksElement)."""
    return _values(CKG + "checksElement")


@lru_cache(maxsize=1)
def notations() -> dict[str, str]:
    """Concept IRI -> skos:notation (transfer safeguards: none, scc, adequacy...)."""
    return _values(SKOS + "notation")


@lru_cache(maxsize=1)
def eea() -> frozenset[str]:
    """ISO codes of the EEA member states (from the reference data)."""
    return frozenset(_v(t.subject).removeprefix(LOC) for t in _triples()
                     if t.predicate.value == RDF + "type" and _v(t.object) == CKG + "EEAMemberState")


def local(iri: str | None) -> str:
    return labels.local(iri)


def country(iri: str | None) -> str:
    """loc:FR -> FR (other values unchanged; '' for a missing one)."""
    return labels.cell(iri).removeprefix(LOC)


def safeguard(iri: str | None) -> str:
    if not labels.present(iri):
        return ""
    return notations().get(str(iri)) or local(iri)


FIELD_NAMES = {"hasPersonalData": "personal data", "hasDataSubject": "data subject", "hasPurpose": "purpose",
               "hasProcessing": "processing", "subprocessor": "sub-processor", "art28": "Art. 28"}


def kind(value: str | None) -> str:
    """DataProcessingAgreement -> DPA: the one mapping in labels.KINDS."""
    return labels.kind(value) or "?"


def field_name(value: str | None) -> str:
    """A fact kind or property local name in words: breachNotificationDeadline -> breach notification deadline."""
    if not value:
        return ""
    if value in FIELD_NAMES:
        return FIELD_NAMES[value]
    words = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", value.removeprefix("has")).lower()
    return words.strip()
