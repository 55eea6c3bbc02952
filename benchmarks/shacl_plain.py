"""Plain pyshacl, one contract at a time, beside the project's batched validation; and whether they agree.

The plain way: for each sampled DPA, its whole named graph from the store becomes the data graph;
the project's shapes graph is the shapes graph, and the project's ontology with the reference data
and the derived ckg:SafeDestination types (``contractkg.ontology.shacl.background``) is added to the
data graph. (pyshacl's ``ont_graph`` would copy only class and property axioms, not instances such as
"DE is a safe destination", and so would report transfers to the EEA as unsafe.) The top-level
results are compared as multisets of (focus node, path, source shape, severity); the project's
findings carry no path, so theirs is the ``sh:path`` of their source shape.
"""

from __future__ import annotations

import random
from collections import Counter
from time import perf_counter
from typing import Any

import pyoxigraph as ox
import rdflib
from rdflib.namespace import RDF, SH

from contractkg.ontology.shacl import SEVERITY, background, shapes_graph, to_rdflib
from contractkg.store.embedded import EmbeddedStore

Key = tuple[str, str, str, str]  # focus node, path, source shape, severity


def render_path(g: rdflib.Graph, node: rdflib.term.Node | None) -> str:
    """A SHACL path as text: an IRI, ^inverse, a/b sequence, (a|b) alternatives; '' for none."""
    if node is None:
        return ""
    if isinstance(node, rdflib.URIRef):
        return str(node)
    if (inverse := g.value(node, SH.inversePath)) is not None:
        return "^" + render_path(g, inverse)
    if (alternatives := g.value(node, SH.alternativePath)) is not None:
        return "(" + "|".join(render_path(g, n) for n in rdflib.collection.Collection(g, alternatives)) + ")"
    if g.value(node, RDF.first) is not None:
        return "/".join(render_path(g, n) for n in rdflib.collection.Collection(g, node))
    for modifier, mark in ((SH.zeroOrMorePath, "*"), (SH.oneOrMorePath, "+"), (SH.zeroOrOnePath, "?")):
        if (inner := g.value(node, modifier)) is not None:
            return render_path(g, inner) + mark
    return "?"


def contract_graph(store: EmbeddedStore, graph: str, ontology: rdflib.Graph) -> rdflib.Graph:
    """The contract's named graph, whole, plus the ontology and reference data."""
    g = rdflib.Graph()
    for t in ontology:
        g.add(t)
    for q in store.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(graph)):
        g.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
    return g


def plain_findings(data: rdflib.Graph) -> list[Key]:
    """Top-level results only (the details nested under sh:detail are part of their parent result)."""
    from pyshacl import validate

    _conforms, report, _text = validate(data, shacl_graph=shapes_graph(), inference="none", allow_warnings=True)
    return [(str(report.value(r, SH.focusNode)), render_path(report, report.value(r, SH.resultPath)),
             str(report.value(r, SH.sourceShape)), SEVERITY.get(str(report.value(r, SH.resultSeverity)), "Violation"))
            for top in report.subjects(RDF.type, SH.ValidationReport) for r in report.objects(top, SH.result)]


def project_keys(findings: list[Any]) -> list[Key]:
    shapes = shapes_graph()
    return [(f.contract, render_path(shapes, shapes.value(rdflib.URIRef(f.shape), SH.path)), f.shape, f.severity)
            for f in findings]


def compare(store: EmbeddedStore, reports: list[Any], sample: int = 200, seed: int = 15) -> dict[str, Any]:
    """Plain pyshacl on ``sample`` validated DPAs (``reports`` from contractkg.validation.validate):
    seconds per contract, and whether every contract's findings are identical."""
    dpas = [r for r in reports if r.contract.dpa]
    chosen = random.Random(seed).sample(dpas, min(sample, len(dpas)))
    ontology = rdflib.Graph()
    for t in background():
        ontology.add(t)  # type: ignore[arg-type]
    seconds, differing, first_difference = 0.0, 0, None
    findings = 0
    for report in chosen:
        t0 = perf_counter()
        plain = plain_findings(contract_graph(store, report.contract.graph, ontology))
        seconds += perf_counter() - t0
        findings += len(plain)
        mine = project_keys(report.findings)
        if Counter(plain) != Counter(mine):
            differing += 1
            if first_difference is None:
                first_difference = {"contract": report.contract.iri,
                                    "only_pyshacl": sorted(set(plain) - set(mine))[:5],
                                    "only_project": sorted(set(mine) - set(plain))[:5]}
    return {"contracts": len(chosen), "findings": findings, "seconds": round(seconds, 2),
            "s_per_contract": round(seconds / len(chosen), 4) if chosen else None,
            "contracts_differing": differing, "findings_identical": differing == 0 and bool(chosen),
            "first_difference": first_difference}
