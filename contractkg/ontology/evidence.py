"""Evidence nodes: Web Annotation selectors on the source text, the clause, PROV-O provenance.

One ``Evidence`` per contract graph; it deduplicates spans so that facts stated by the same
sentence share one evidence node."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from typing import Protocol

import pyoxigraph as ox

from contractkg.namespaces import CKG, OA, PROV, RDF, XSD
from contractkg.ontology.literals import Term
from contractkg.record import Span

A = ox.NamedNode(RDF + "type")
MAX_QUOTE = 2000  # longer spans keep their position; the quote is cut
_SLUG = re.compile(r"[^A-Za-z0-9]+")


def N(iri: str) -> ox.NamedNode:  # noqa: N802 - reads like a constructor
    return ox.NamedNode(iri)


P_HAS_SOURCE, P_HAS_SELECTOR = N(OA + "hasSource"), N(OA + "hasSelector")
P_START, P_END, P_EXACT = N(OA + "start"), N(OA + "end"), N(OA + "exact")
P_IN_CLAUSE, P_DERIVED, P_GENERATED = N(CKG + "inClause"), N(PROV + "wasDerivedFrom"), N(PROV + "wasGeneratedBy")
C_EVIDENCE, C_POS, C_QUOTE = N(CKG + "Evidence"), N(OA + "TextPositionSelector"), N(OA + "TextQuoteSelector")
C_CLAUSE = N(CKG + "Clause")
INT = N(XSD + "integer")


class ClauseLike(Protocol):
    """What evidence reads of a clause (ingest.document.Clause)."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def number(self) -> str | None: ...
    @property
    def heading(self) -> str | None: ...
    @property
    def level(self) -> int: ...
    @property
    def parent(self) -> int | None: ...


def valid_span(span: Span | None, length: int) -> tuple[int, int] | None:
    """The span's offsets when they lie inside the text, else None."""
    if span is not None and 0 <= span.start <= span.end <= length:
        return span.start, span.end
    return None


class Evidence:
    """Builds evidence and clause nodes for one contract into ``emit(s, p, o)``."""

    def __init__(self, emit: Callable[[ox.NamedNode, ox.NamedNode, Term], None], text: str, contract: str,
                 document: ox.NamedNode, run: ox.NamedNode, clauses: Sequence[ClauseLike] = ()) -> None:
        self.emit, self.text, self.contract, self.document, self.run = emit, text, contract, document, run
        self._spans: dict[tuple[int, int], ox.NamedNode] = {}
        self._by_number: dict[str, ox.NamedNode] = {}
        self._clauses = sorted(enumerate(clauses), key=lambda ic: (ic[1].start, -ic[1].end))
        self._starts = [c.start for _, c in self._clauses]
        self._clause_nodes = [N(f"{contract}/clause/{i}") for i in range(len(clauses))]
        for i, c in enumerate(clauses):
            self._clause(i, c)

    def _clause(self, i: int, c: ClauseLike) -> None:
        node, emit = self._clause_nodes[i], self.emit
        emit(N(self.contract), N(CKG + "hasClause"), node)
        emit(node, A, C_CLAUSE)
        if c.number:
            emit(node, N(CKG + "clauseNumber"), ox.Literal(str(c.number)))
            self._by_number.setdefault(str(c.number), node)
        if c.heading:
            emit(node, N(CKG + "heading"), ox.Literal(c.heading))
        emit(node, P_START, ox.Literal(str(c.start), datatype=INT))
        emit(node, P_END, ox.Literal(str(c.end), datatype=INT))
        emit(node, N(CKG + "level"), ox.Literal(str(c.level), datatype=INT))
        if c.parent is not None and 0 <= c.parent < len(self._clause_nodes):
            emit(node, N(CKG + "parentClause"), self._clause_nodes[c.parent])

    def clause_at(self, offset: int) -> ox.NamedNode | None:
        """The innermost clause holding ``offset`` (latest start whose span still covers it)."""
        k = bisect.bisect_right(self._starts, offset) - 1
        while k >= 0:
            i, c = self._clauses[k]
            if c.end > offset:
                return self._clause_nodes[i]
            k -= 1
        return None

    def clause_numbered(self, number: str | int | None) -> ox.NamedNode | None:
        """The clause with this number; a bare numbered node when the agreement's clauses are unknown."""
        if number in (None, ""):
            return None
        key = str(number)
        node = self._by_number.get(key)
        if node is None:
            node = N(f"{self.contract}/clause/n-{_SLUG.sub('-', key).strip('-') or 'x'}")
            self.emit(node, A, C_CLAUSE)
            self.emit(node, N(CKG + "clauseNumber"), ox.Literal(key))
            self._by_number[key] = node
        return node

    def span(self, span: Span | None, quote: bool = True) -> ox.NamedNode | None:
        """The evidence node of one span (created once per contract)."""
        se = valid_span(span, len(self.text))
        if se is None:
            return None
        node = self._spans.get(se)
        if node is not None:
            return node
        s, e = se
        node = N(f"{self.contract}/ev/{s}-{e}")
        self._spans[se] = node
        emit = self.emit
        emit(node, A, C_EVIDENCE)
        emit(node, P_HAS_SOURCE, self.document)
        emit(node, P_DERIVED, self.document)
        emit(node, P_GENERATED, self.run)
        pos = N(f"{node.value}/position")
        emit(node, P_HAS_SELECTOR, pos)
        emit(pos, A, C_POS)
        emit(pos, P_START, ox.Literal(str(s), datatype=INT))
        emit(pos, P_END, ox.Literal(str(e), datatype=INT))
        if quote:
            q = N(f"{node.value}/quote")
            emit(node, P_HAS_SELECTOR, q)
            emit(q, A, C_QUOTE)
            emit(q, P_EXACT, ox.Literal(self.text[s:min(e, s + MAX_QUOTE)]))
        clause = self.clause_at(s)
        if clause is not None:
            emit(node, P_IN_CLAUSE, clause)
        return node

    def spans(self, value: Span | Sequence[Span] | None) -> list[ox.NamedNode]:
        """Evidence nodes for a span or several."""
        if value is None:
            return []
        if isinstance(value, Span):
            value = (value,)
        return [n for v in value if (n := self.span(v)) is not None]
