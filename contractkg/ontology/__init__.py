"""The ontology, reference data and SHACL shapes as files, and the term tables code reads from them.

Keys used in contract records (``"instructions"``, ``"scc"``, ``"timely"``...) map to ontology IRIs
through the ontology itself (``ckg:schemaKey``, ``skos:notation``), never through a second table."""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path

import pyoxigraph as ox

from contractkg.namespaces import CKG, DPV, RDF, RDFS, SKOS

HERE = Path(__file__).resolve().parent
ONTOLOGY = HERE / "contractkg.ttl"
REFERENCE = sorted((HERE / "reference").glob("*.ttl"))
SHAPES = sorted((HERE / "shapes").glob("*.ttl"))


def parse(path: Path) -> list[ox.Triple]:
    return [q.triple if isinstance(q, ox.Quad) else q for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)]


@lru_cache(maxsize=1)
def ontology_triples() -> tuple[ox.Triple, ...]:
    return tuple(parse(ONTOLOGY))


@lru_cache(maxsize=1)
def reference_triples() -> tuple[ox.Triple, ...]:
    return tuple(t for p in REFERENCE for t in parse(p))


def _values(predicate: str) -> dict[str, str]:
    """Literal value -> subject IRI for one key-carrying predicate of the ontology."""
    out = {}
    for t in ontology_triples():
        if t.predicate.value == predicate and isinstance(t.object, ox.Literal) and isinstance(t.subject, ox.NamedNode):
            out[t.object.value] = t.subject.value
    return out


def _instances(cls: str) -> set[str]:
    return {t.subject.value for t in ontology_triples() if isinstance(t.subject, ox.NamedNode)
            and t.predicate.value == RDF + "type" and isinstance(t.object, ox.NamedNode) and t.object.value == cls}


@lru_cache(maxsize=1)
def art28_elements() -> dict[str, str]:
    """Record key of each GDPR Art. 28 element -> its SKOS concept IRI, in ontology order."""
    elements = _instances(CKG + "Art28Element")
    return {k: iri for k, iri in _values(CKG + "schemaKey").items() if iri in elements}


@lru_cache(maxsize=1)
def obligation_types() -> dict[str, str]:
    """Record key of every obligation type (Art. 28 elements included) -> concept IRI."""
    return _values(CKG + "schemaKey")


@cache
def notations(cls: str) -> dict[str, str]:
    """skos:notation -> IRI for the individuals of one concept class (safeguards, qualifiers...)."""
    members = _instances(CKG + cls)
    return {k: iri for k, iri in _values(SKOS + "notation").items() if iri in members}


@lru_cache(maxsize=1)
def project_data_subjects() -> frozenset[str]:
    """Local names of the data-subject categories the project defines because DPV lacks them."""
    return frozenset(t.subject.value[len(CKG):] for t in ontology_triples() if isinstance(t.subject, ox.NamedNode)
                     and t.predicate.value == RDFS + "subClassOf" and isinstance(t.object, ox.NamedNode)
                     and t.object.value == DPV + "DataSubject")
