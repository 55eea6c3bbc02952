"""SHACL Core shapes compiled to SPARQL, evaluated set-wise over the contract graphs of the store.

pyshacl stays the reference engine; this one gives the same results (a test checks it against pyshacl)
in a few queries over the whole store instead of one rdflib graph per batch of contracts.

What each contract is validated as, as pyshacl would see it: its named graph plus the ontology, the
reference data and the derived ckg:SafeDestination types (``shacl.background``), which are not in the
store. So every path step matches the contract graph (``GRAPH ?g``) or, for predicates the background
uses, a table of the background's pairs; ``sh:class`` tests the background's instances and the graph's
rdf:type triples against the subclasses the ontology declares (contract graphs declare no classes).

One check per top-level shape (one with ``sh:targetClass``) and constraint component. It binds, in each
contract graph ``?g``, the focus nodes (``?focus``) that violate it and, for the components SHACL reports
per value node, the value node (``?value``). Nested shapes (sh:node, sh:or, sh:and, sh:not, sh:xone,
sh:qualifiedValueShape) become FILTER expressions on a node: "conforms to that shape". Where the nodes
that pass have a pattern of their own (sh:minCount 1, sh:hasValue, sh:or/sh:and of them), the failing
focus nodes are found by MINUS: one scan of the store instead of a lookup per focus node.
shacl_sparql_eval runs the checks (internal/validation/shape-check.rq) over a store.

Only the constraint components below are compiled; a shape using another (or another target or path
form) is refused with ``UnsupportedShape`` naming the shape and the component, so that the caller can
use pyshacl instead."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache

import rdflib
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH

from contractkg.ontology.shacl import SEVERITY, background, render_path, shapes_graph

Node = rdflib.term.Node
# Parameters that carry no constraint (or are read with another parameter); any other sh: parameter
# on a shape is refused.
NOT_CONSTRAINTS = {SH.path, SH.severity, SH.message, SH.name, SH.description, SH.order, SH.group, SH.targetClass,
                   SH.deactivated, SH.qualifiedMinCount, SH.qualifiedMaxCount, SH.qualifiedValueShapesDisjoint}
PER_FOCUS = {SH.minCount, SH.maxCount, SH.hasValue, SH.qualifiedValueShape}  # results carry no sh:value
TARGETS = {SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target}


Handler = Callable[["Compiler", Node, Node, str], str]  # (compiler, shape, parameter value, node) -> FILTER test


class UnsupportedShape(ValueError):
    """A shape uses a SHACL feature the SPARQL engine does not compile."""


@dataclass(frozen=True)
class Check:
    """One constraint component of one top-level shape, compiled."""

    shape: str
    severity: str  # Violation | Warning | Info
    component: str  # the constraint parameter, e.g. sh:minCount
    path: str  # the shape's sh:path as text (shacl.render_path), '' for a node shape
    classes: tuple[str, ...]  # target classes with their subclasses
    pattern: str  # binds ?focus (bound by the caller) and ?value when the component reports values


@dataclass
class Background:
    """What the ontology and reference data add to every contract's data graph."""

    pairs: dict[str, list[tuple[Node, Node]]]  # predicate -> (subject, object)
    subclasses: dict[Node, set[Node]]  # class -> itself and every subclass

    @classmethod
    def of(cls, triples: tuple[tuple[Node, ...], ...]) -> Background:
        pairs: dict[str, list[tuple[Node, Node]]] = defaultdict(list)
        below: dict[Node, set[Node]] = defaultdict(set)
        for s, p, o in triples:
            pairs[str(p)].append((s, o))
            if p == RDFS.subClassOf:
                below[o].add(s)
        closed: dict[Node, set[Node]] = {}
        for c in list(below):
            seen, todo = {c}, [c]
            while todo:
                for sub in below.get(todo.pop(), ()):
                    if sub not in seen:
                        seen.add(sub)
                        todo.append(sub)
            closed[c] = seen
        return cls(dict(pairs), closed)

    def below(self, c: Node) -> set[Node]:
        return self.subclasses.get(c, {c})

    def instances(self, c: Node) -> list[Node]:
        classes = self.below(c)
        return sorted({s for s, o in self.pairs.get(str(RDF.type), []) if o in classes}, key=str)


def term(n: Node) -> str:
    """A term as SPARQL text."""
    if isinstance(n, rdflib.URIRef | rdflib.Literal):
        return n.n3()
    raise UnsupportedShape(f"blank node {n} as a value in a shape")


def any_of(var: str, terms: list[Node]) -> str:
    """var is one of the terms: IN for IRIs (IRIs are equal only when the same term; Virtuoso 7 gets
    sameTerm disjunctions inside EXISTS wrong), sameTerm for literals (IN compares their values)."""
    if not terms:
        return "false"
    iris = [term(t) for t in terms if isinstance(t, rdflib.URIRef)]
    tests = [f"sameTerm({var}, {term(t)})" for t in terms if not isinstance(t, rdflib.URIRef)]
    return "(" + " || ".join(([f"{var} IN ({', '.join(iris)})"] if iris else []) + tests) + ")"


class Compiler:
    def __init__(self, shapes: rdflib.Graph, bg: Background) -> None:
        self.g, self.bg = shapes, bg
        self.n = 0
        self.stack: list[Node] = []

    def var(self) -> str:
        self.n += 1
        return f"?v{self.n}"

    def refuse(self, shape: Node, what: str) -> UnsupportedShape:
        top = self.stack[0] if self.stack else shape
        where = f"shape <{top}>" + (f" (in a nested shape {shape.n3()})" if shape != top else "")
        return UnsupportedShape(f"{where} uses {what}, which the SPARQL engine does not compile: validate with "
                                "--engine pyshacl, or add the component to contractkg/ontology/shacl_sparql.py")

    def one(self, shape: Node, p: Node) -> Node | None:
        values = list(self.g.objects(shape, p))
        if len(values) > 1:
            raise self.refuse(shape, f"{len(values)} values of {p.n3(self.g.namespace_manager)}")
        return values[0] if values else None

    def handler(self, p: Node) -> Handler:
        h = HANDLERS.get(p)
        assert h is not None, p
        return h

    def components(self, shape: Node) -> list[tuple[Node, Node]]:
        out = []
        for p, o in sorted(self.g.predicate_objects(shape), key=lambda po: (str(po[0]), str(po[1]))):
            if not str(p).startswith(str(SH)) or p in NOT_CONSTRAINTS:
                continue
            if p in TARGETS or p not in HANDLERS:
                raise self.refuse(shape, p.n3(self.g.namespace_manager))
            out.append((p, o))
        return out

    # -- paths ---------------------------------------------------------------------------------

    def step(self, x: str, p: Node, y: str) -> str:
        """x p y in the contract graph, or in the background when it has pairs of p. x and y are
        variables, or terms (SPARQL text): the background's pairs are then those with that term."""
        inside = f"GRAPH ?g {{ {x} {term(p)} {y} }}"
        ends = [(i, e) for i, e in enumerate((x, y)) if e.startswith("?")]
        pairs = [(term(s), term(o)) for s, o in self.bg.pairs.get(str(p), [])]
        pairs = [pair for pair in pairs if all(pair[i] == e for i, e in enumerate((x, y)) if not e.startswith("?"))]
        if not pairs:
            return inside
        if not ends:
            return f"{{ {inside} }} UNION {{ }}"  # the background holds this very triple
        rows = " ".join("(" + " ".join(pair[i] for i, _ in ends) + ")" for pair in pairs)
        return f"{{ {inside} }} UNION {{ VALUES ({' '.join(e for _, e in ends)}) {{ {rows} }} }}"

    def path(self, shape: Node, path: Node, x: str, y: str) -> str:
        if isinstance(path, rdflib.URIRef):
            return self.step(x, path, y)
        if self.g.value(path, RDF.first) is not None:
            steps = list(Collection(self.g, path))
            nodes = [x] + [self.var() for _ in steps[:-1]] + [y]
            return " ".join(self.path(shape, s, a, b) for s, a, b in zip(steps, nodes, nodes[1:], strict=False))
        if (inverse := self.g.value(path, SH.inversePath)) is not None:
            return self.path(shape, inverse, y, x)
        if (alternatives := self.g.value(path, SH.alternativePath)) is not None:
            return " UNION ".join(f"{{ {self.path(shape, a, x, y)} }}" for a in Collection(self.g, alternatives))
        raise self.refuse(shape, "a path with sh:zeroOrMorePath, sh:oneOrMorePath or sh:zeroOrOnePath")

    def distinct(self, shape: Node, path: Node, x: str, n: int, each: str | None = None) -> str:
        """There are at least n distinct value nodes (that conform to shape ``each``)."""
        vs = [self.var() for _ in range(n)]
        parts = [self.path(shape, path, x, v) for v in vs]
        tests = [f"!sameTerm({a}, {b})" for i, a in enumerate(vs) for b in vs[i + 1:]]
        if each is not None:
            tests += [self.conforms(each, v) for v in vs]  # type: ignore[arg-type]
        return "EXISTS { " + " ".join(parts) + (f" FILTER({' && '.join(tests)})" if tests else "") + " }"

    # -- conformance ---------------------------------------------------------------------------

    def conforms(self, shape: Node, x: str) -> str:
        """A FILTER expression: node x conforms to the shape."""
        if shape in self.stack:
            raise self.refuse(shape, "a recursive shape reference")
        if self.g.value(shape, SH.deactivated) == rdflib.Literal(True):
            return "true"
        self.stack.append(shape)
        try:
            tests = [self.component(shape, p, o, x) for p, o in self.components(shape)]
        finally:
            self.stack.pop()
        return "(" + " && ".join(tests) + ")" if tests else "true"

    def component(self, shape: Node, p: Node, o: Node, x: str) -> str:
        """Node x passes this component of the shape (over its value nodes when it has sh:path)."""
        path = self.one(shape, SH.path)
        if p in PER_FOCUS:
            if path is None:
                if p == SH.hasValue:
                    return f"sameTerm({x}, {term(o)})"
                raise self.refuse(shape, f"{p.n3(self.g.namespace_manager)} without sh:path")
            return self.per_focus(shape, path, p, o, x)
        if path is None:
            return self.handler(p)(self, shape, o, x)
        v = self.var()
        return f"NOT EXISTS {{ {self.path(shape, path, x, v)} FILTER(!{self.handler(p)(self, shape, o, v)}) }}"

    def per_focus(self, shape: Node, path: Node, p: Node, o: Node, x: str) -> str:
        if p == SH.hasValue:
            return f"EXISTS {{ {self.path(shape, path, x, term(o))} }}"
        if p in (SH.minCount, SH.maxCount):
            n = int(o)  # type: ignore[call-overload]
            if p == SH.minCount:
                return self.distinct(shape, path, x, n) if n > 0 else "true"
            return f"!{self.distinct(shape, path, x, n + 1)}"
        return self.qualified(shape, path, o, x)

    def qualified(self, shape: Node, path: Node, q: Node, x: str) -> str:
        if self.g.value(shape, SH.qualifiedValueShapesDisjoint) == rdflib.Literal(True):
            raise self.refuse(shape, "sh:qualifiedValueShapesDisjoint true")
        low, high = self.one(shape, SH.qualifiedMinCount), self.one(shape, SH.qualifiedMaxCount)
        tests = []
        if low is not None and int(low) > 0:  # type: ignore[call-overload]
            tests.append(self.distinct(shape, path, x, int(low), each=q))  # type: ignore[call-overload, arg-type]
        if high is not None:
            tests.append("!" + self.distinct(shape, path, x, int(high) + 1, each=q))  # type: ignore[call-overload, arg-type]
        return "(" + " && ".join(tests) + ")" if tests else "true"

    # -- set-wise forms: a pattern that binds x (and ?g) to every node that passes, found by scanning
    #    the store once instead of one lookup per focus node; None when a test has no such form.

    def passing(self, shape: Node, p: Node, o: Node, x: str) -> str | None:
        """The nodes that pass this component of the shape (sh:minCount 1, sh:hasValue, sh:or, sh:and)."""
        path = self.one(shape, SH.path)
        if path is None:
            if p not in (SH["or"], SH["and"]):
                return None
            parts = [self.conforming(m, x) for m in Collection(self.g, o)]
            if not parts or any(q is None for q in parts):
                return None
            return (" UNION " if p == SH["or"] else " ").join(f"{{ {q} }}" for q in parts)
        if p == SH.minCount and int(o) == 1:  # type: ignore[call-overload]
            return self.path(shape, path, x, self.var())
        if p == SH.hasValue:  # the value in the pattern: one index range, not a scan of the predicate
            return self.path(shape, path, x, term(o))
        return None

    def conforming(self, shape: Node, x: str) -> str | None:
        """The nodes that conform to the shape, when every component has a set-wise form."""
        if shape in self.stack or self.g.value(shape, SH.deactivated) == rdflib.Literal(True):
            return None
        self.stack.append(shape)
        try:
            parts = [(p, o, self.passing(shape, p, o, x)) for p, o in self.components(shape)]
            found = [q for _, _, q in parts if q is not None]
            if not found:
                return None  # no pattern finds the candidates: every node of the graph might conform
            # the other components are tested on the candidates those patterns found
            tests = [self.component(shape, p, o, x) for p, o, q in parts if q is None]
        finally:
            self.stack.pop()
        return " ".join(f"{{ {q} }}" for q in found) + (f" FILTER({' && '.join(tests)})" if tests else "")

    # -- top-level checks ----------------------------------------------------------------------

    def checks(self, shape: Node) -> Iterator[Check]:
        if self.g.value(shape, SH.deactivated) == rdflib.Literal(True):
            return
        self.stack = [shape]
        severity = SEVERITY.get(str(self.g.value(shape, SH.severity) or SH.Violation), "Violation")
        classes: set[Node] = set()
        for c in self.g.objects(shape, SH.targetClass):
            if self.bg.instances(c):
                raise self.refuse(shape, f"sh:targetClass {c.n3()} with instances in the ontology or reference data")
            classes |= self.bg.below(c)
        path = self.one(shape, SH.path)
        for p, o in self.components(shape):
            name = p.n3(self.g.namespace_manager)
            ok = self.passing(shape, p, o, "?focus") if p in PER_FOCUS or path is None else None
            if ok is not None:  # the focus nodes that fail: all but those that pass, found set-wise
                pattern = f"MINUS {{ {ok} }}" + ("" if p in PER_FOCUS else " BIND(?focus AS ?value)")
            elif p in PER_FOCUS:  # one result per focus node, without a value
                pattern = f"FILTER(!{self.component(shape, p, o, '?focus')})"
            elif path is not None:  # one result per failing value node
                pattern = f"{self.path(shape, path, '?focus', '?value')} FILTER(!{self.handler(p)(self, shape, o, '?value')})"
            else:  # a node shape reports the focus node as the value
                pattern = f"BIND(?focus AS ?value) FILTER(!{self.handler(p)(self, shape, o, '?focus')})"
            yield Check(str(shape), severity, name, render_path(self.g, path), tuple(sorted(str(c) for c in classes)), pattern)


def _class(c: Compiler, shape: Node, cls: Node, x: str) -> str:
    t = c.var()
    inside = f"EXISTS {{ GRAPH ?g {{ {x} {term(RDF.type)} {t} }} FILTER({any_of(t, sorted(c.bg.below(cls), key=str))}) }}"
    outside = c.bg.instances(cls)
    return f"({any_of(x, outside)} || {inside})" if outside else inside


def _in(c: Compiler, shape: Node, members: Node, x: str) -> str:
    return any_of(x, list(Collection(c.g, members)))


def _logical(join: str) -> Handler:
    def handler(c: Compiler, shape: Node, members: Node, x: str) -> str:
        tests = [c.conforms(m, x) for m in Collection(c.g, members)]
        if join == "xone":
            return "((" + " + ".join(f"IF({t}, 1, 0)" for t in tests) + ") = 1)" if tests else "false"
        return "(" + f" {join} ".join(tests) + ")" if tests else ("true" if join == "&&" else "false")
    return handler


def _compare(op: str) -> Handler:
    def handler(c: Compiler, shape: Node, bound: Node, x: str) -> str:
        return f"COALESCE({x} {op} {term(bound)}, false)"  # not comparable (an IRI, another type): fails
    return handler


HANDLERS: dict[Node, Handler | None] = {
    SH["class"]: _class, SH["in"]: _in, SH.node: lambda c, shape, o, x: c.conforms(o, x),
    SH["not"]: lambda c, shape, o, x: f"!{c.conforms(o, x)}",
    SH["or"]: _logical("||"), SH["and"]: _logical("&&"), SH.xone: _logical("xone"),
    SH.minInclusive: _compare(">="), SH.maxInclusive: _compare("<="),
    SH.minExclusive: _compare(">"), SH.maxExclusive: _compare("<"),
    **{p: None for p in PER_FOCUS},  # handled by Compiler.per_focus
}


def compile_shapes(shapes: rdflib.Graph, bg: Background) -> list[Check]:
    """Every check of every shape with a target; ``UnsupportedShape`` when one cannot be compiled."""
    compiler = Compiler(shapes, bg)
    tops = sorted(set(shapes.subjects(SH.targetClass, None)), key=str)
    for s in sorted(set(shapes.subjects()) - set(tops), key=str):
        if any(shapes.value(s, t) is not None for t in TARGETS) or (
                (s, RDF.type, RDFS.Class) in shapes and (s, RDF.type, SH.NodeShape) in shapes):
            raise compiler.refuse(s, "a target other than sh:targetClass")
    return [check for s in tops for check in compiler.checks(s)]


@cache
def project_checks() -> tuple[Check, ...]:
    """The project's shapes, compiled once."""
    return tuple(compile_shapes(shapes_graph(), Background.of(background())))
