"""The SHACL engine: shapes + reference data, one pyshacl run over a batch of contract graphs.

Rows in and out are plain tuples so that batches can go to a process pool."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import pyoxigraph as ox
import rdflib
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH

from contractkg import ontology as onto
from contractkg.namespaces import CKG

# (subject, predicate, object, object is IRI, datatype, language) as the store returns them
Row = tuple[str, str, str, bool, str | None, str | None]
# A SHACL result as engines are compared: focus node, path (render_path), source shape, severity, value
# (N-Triples; None when the result has none)
ResultKey = tuple[str, str, str, str, str | None]
SEVERITY = {str(SH.Violation): "Violation", str(SH.Warning): "Warning", str(SH.Info): "Info"}


@dataclass
class Finding:
    contract: str
    shape: str
    severity: str  # Violation | Warning | Info
    value: str | None = None


@dataclass
class ShapeInfo:
    label: str = ""
    element: str | None = None  # record key (art28 key or obligation type), when the shape checks one
    article: str | None = None  # ELI IRI
    messages: dict[str, str] = field(default_factory=dict)


def to_rdflib(term: object) -> rdflib.term.Node:
    """An Oxigraph term as the rdflib term pyshacl reads."""
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    assert isinstance(term, ox.Literal)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


def _graph(triples: object) -> rdflib.Graph:
    g = rdflib.Graph()
    for t in triples:  # type: ignore[attr-defined]
        g.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
    return g


@cache
def shapes_graph() -> rdflib.Graph:
    return _graph(t for p in onto.SHAPES for t in onto.parse(p))


def safe_destinations(reference: rdflib.Graph) -> set[rdflib.URIRef]:
    """EEA states, and countries with an adequacy decision in force that needs no certification."""
    ckg = rdflib.Namespace(CKG)
    safe = {s for s in reference.subjects(RDF.type, ckg.EEAMemberState) if isinstance(s, rdflib.URIRef)}
    for d in reference.subjects(RDF.type, ckg.AdequacyDecision):
        country = reference.value(d, ckg.country)
        in_force = reference.value(d, ckg.repealedOn) is None
        general = not reference.value(d, ckg.requiresCertification)
        if isinstance(country, rdflib.URIRef) and in_force and general:
            safe.add(country)
    return safe


@cache
def background() -> tuple[tuple[rdflib.term.Node, ...], ...]:
    """Ontology, reference data and the derived ckg:SafeDestination types, added to every data graph."""
    g = _graph(list(onto.ontology_triples()) + list(onto.reference_triples()))
    for country in safe_destinations(g):
        g.add((country, RDF.type, rdflib.URIRef(CKG + "SafeDestination")))
    return tuple(g)


@cache
def relevant_predicates() -> frozenset[str]:
    """Every ckg: IRI the shapes mention: only triples with these predicates are validated."""
    g = shapes_graph()
    return frozenset(str(t) for triple in g for t in triple if isinstance(t, rdflib.URIRef) and str(t).startswith(CKG))


@cache
def relevant_classes() -> frozenset[str]:
    """Classes the shapes target or test, with their subclasses in the ontology (rdf:type triples to
    other classes are not fetched)."""
    g = shapes_graph()
    found = {o for p in (SH.targetClass, SH["class"]) for o in g.objects(None, p)}
    below: dict[rdflib.term.Node, set[rdflib.term.Node]] = {}
    for s, p, o in background():
        if p == rdflib.RDFS.subClassOf:
            below.setdefault(o, set()).add(s)
    todo = list(found)
    while todo:
        for sub in below.get(todo.pop(), ()):
            if sub not in found:
                found.add(sub)
                todo.append(sub)
    return frozenset(str(c) for c in found)


@cache
def shape_info() -> dict[str, ShapeInfo]:
    g = shapes_graph()
    key_of = {iri: key for key, iri in onto.obligation_types().items()}
    out: dict[str, ShapeInfo] = {}
    for shape in set(g.subjects(SH.severity, None)):
        info = ShapeInfo(label=str(g.value(shape, rdflib.RDFS.label) or ""))
        element = g.value(shape, rdflib.URIRef(CKG + "checksElement"))
        info.element = key_of.get(str(element)) if element is not None else None
        article = g.value(shape, rdflib.URIRef(CKG + "gdprPoint"))
        info.article = str(article) if article is not None else None
        for m in g.objects(shape, SH.message):
            info.messages[getattr(m, "language", None) or "en"] = str(m)
        out[str(shape)] = info
    return out


def _term(value: str, is_iri: bool, datatype: str | None, lang: str | None) -> rdflib.term.Node:
    if is_iri:
        return rdflib.URIRef(value)
    if value.startswith("_:"):
        return rdflib.BNode(value[2:])
    if lang:
        return rdflib.Literal(value, lang=lang)
    return rdflib.Literal(value, datatype=rdflib.URIRef(datatype) if datatype else None)


def validate_rows(rows: list[Row]) -> list[Finding]:
    """One pyshacl run over the triples of many contracts; findings keyed by focus node (the contract)."""
    from pyshacl import validate

    data = rdflib.Graph()
    for t in background():
        data.add(t)  # type: ignore[arg-type]
    for s, p, o, is_iri, dt, lang in rows:
        data.add((_term(s, True, None, None) if not s.startswith("_:") else rdflib.BNode(s[2:]),
                  rdflib.URIRef(p), _term(o, is_iri, dt, lang)))
    _conforms, report, _text = validate(data, shacl_graph=shapes_graph(), inference="none", inplace=True,
                                        allow_warnings=True, advanced=False, meta_shacl=False)
    findings = []
    for r in report.subjects(RDF.type, SH.ValidationResult):
        value = report.value(r, SH.value)
        findings.append(Finding(contract=str(report.value(r, SH.focusNode)), shape=str(report.value(r, SH.sourceShape)),
                                severity=SEVERITY.get(str(report.value(r, SH.resultSeverity)), "Violation"),
                                value=str(value) if isinstance(value, (rdflib.URIRef, rdflib.Literal)) else None))
    findings.sort(key=lambda f: (f.contract, f.severity != "Violation", f.shape))
    return findings


def render_path(g: rdflib.Graph, node: rdflib.term.Node | None) -> str:
    """A SHACL path as text: an IRI, ^inverse, a/b sequence, (a|b) alternatives; '' for none."""
    if node is None:
        return ""
    if isinstance(node, rdflib.URIRef):
        return str(node)
    if (inverse := g.value(node, SH.inversePath)) is not None:
        return "^" + render_path(g, inverse)
    if (alternatives := g.value(node, SH.alternativePath)) is not None:
        return "(" + "|".join(render_path(g, n) for n in Collection(g, alternatives)) + ")"
    if g.value(node, RDF.first) is not None:
        return "/".join(render_path(g, n) for n in Collection(g, node))
    for modifier, mark in ((SH.zeroOrMorePath, "*"), (SH.oneOrMorePath, "+"), (SH.zeroOrOnePath, "?")):
        if (inner := g.value(node, modifier)) is not None:
            return render_path(g, inner) + mark
    return "?"


def value_text(node: rdflib.term.Node | None) -> str | None:
    """A term as N-Triples (an xsd:string literal written plain, as RDF 1.1 reads it); None for none."""
    if isinstance(node, rdflib.Literal) and node.datatype == rdflib.XSD.string:
        return rdflib.Literal(str(node)).n3()
    return node.n3() if isinstance(node, rdflib.URIRef | rdflib.Literal | rdflib.BNode) else None


def reference_results(data: rdflib.Graph, shapes: rdflib.Graph | None = None) -> list[ResultKey]:
    """Plain pyshacl over one data graph: its top-level results (those nested under sh:detail belong
    to their parent). The reference the other engines are checked against."""
    from pyshacl import validate

    shapes = shapes if shapes is not None else shapes_graph()
    _conforms, report, _text = validate(data, shacl_graph=shapes, inference="none", allow_warnings=True)
    return [(str(report.value(r, SH.focusNode)), render_path(report, report.value(r, SH.resultPath)),
             str(report.value(r, SH.sourceShape)), SEVERITY.get(str(report.value(r, SH.resultSeverity)), "Violation"),
             value_text(report.value(r, SH.value)))
            for top in report.subjects(RDF.type, SH.ValidationReport) for r in report.objects(top, SH.result)]
