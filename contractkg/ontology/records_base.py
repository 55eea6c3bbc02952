"""Shared machinery of the record -> quads mapping: IRIs, the quad sink, evidence, small helpers."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from contractkg.namespaces import CKG, DATA, DPV, RDF
from contractkg.ontology.evidence import Evidence
from contractkg.ontology.literals import LANG_TAG, Term, duration, lit, n, slug


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


def is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


class GraphBase:
    """The quad list of one contract's named graph and the helpers every mapping part uses."""

    def __init__(self, text: str, iris: ContractIRIs, rec: dict[str, Any], clauses: Sequence[Any] = ()) -> None:
        self.iris, self.index, self.rec = iris, iris.index, rec
        self.g = n(iris.graph)
        self.c = n(iris.contract)
        self.quads: list[ox.Quad] = []
        self.ev = Evidence(self.emit, text, self.c.value, n(iris.document), n(iris.run), clauses)
        self.parties: list[ox.NamedNode | None] = []
        self.party_names: dict[str, list[str]] = {}  # party IRI -> names written for it here (first = label)
        lang = rec.get("language")
        self.lang = lang if isinstance(lang, str) and LANG_TAG.match(lang) else None
        ev = rec.get("evidence")
        self.field_spans: dict[str, Any] = ev if isinstance(ev, dict) else {}

    def emit(self, s: ox.NamedNode, p: ox.NamedNode, o: Term) -> None:
        self.quads.append(ox.Quad(s, p, o, self.g))

    def add(self, s: ox.NamedNode, p: str, o: Term | None) -> None:
        if o is not None:
            self.quads.append(ox.Quad(s, n(p), o, self.g))

    def text(self, s: ox.NamedNode, p: str, value: Any) -> None:
        if isinstance(value, (str, int, float)) and not isinstance(value, bool) and str(value).strip():
            self.add(s, p, lit(value))

    def wording(self, s: ox.NamedNode, p: str, value: Any) -> None:
        """Text as the contract words it, tagged with the agreement's language."""
        if isinstance(value, str) and value.strip():
            self.add(s, p, lit(value.strip(), lang=self.lang))

    def evidence(self, s: ox.NamedNode, span: Any) -> None:
        for e in self.ev.spans(span):
            self.add(s, CKG + "hasEvidence", e)

    def node(self, kind: str, i: int | str, cls: str) -> ox.NamedNode:
        node = n(f"{self.c.value}/{kind}/{i}")
        self.add(node, RDF + "type", n(cls))
        return node

    def duration_node(self, s: ox.NamedNode, iri: str, value: Any, prop: str = DPV + "hasDuration") -> ox.NamedNode | None:
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

    def party_at(self, index: Any) -> ox.NamedNode | None:
        if is_int(index) and 0 <= index < len(self.parties):
            return self.parties[index]
        return None
