"""Plain pyshacl, one contract at a time, beside the project's validation; and whether they agree.

The plain way: for each sampled DPA, its whole named graph from the store becomes the data graph;
the project's shapes graph is the shapes graph, and the project's ontology with the reference data
and the derived ckg:SafeDestination types (``contractkg.ontology.shacl.background``) is added to the
data graph. (pyshacl's ``ont_graph`` would copy only class and property axioms, not instances such as
"DE is a safe destination", and so would report transfers to the EEA as unsafe.) The top-level
results are compared with the project's (every result, before findings are merged per sub-processor)
as multisets of (focus node, path, source shape, severity, value); the project's results carry no
path, so theirs is the ``sh:path`` of their source shape.
"""

from __future__ import annotations

import random
from collections import Counter
from time import perf_counter
from typing import Any

import pyoxigraph as ox
import rdflib
from rdflib.namespace import SH

from contractkg.ontology.shacl import (
    ResultKey,
    background,
    reference_results,
    render_path,
    shapes_graph,
    to_rdflib,
)
from contractkg.store.embedded import EmbeddedStore


def contract_graph(store: EmbeddedStore, graph: str, ontology: rdflib.Graph) -> rdflib.Graph:
    """The contract's named graph, whole, plus the ontology and reference data."""
    g = rdflib.Graph()
    for t in ontology:
        g.add(t)
    for q in store.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(graph)):
        g.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
    return g


def value_key(value: str | None) -> str | None:
    """The project's finding value (an IRI, or a literal's lexical form) as the plain key's value is
    compared: IRIs in brackets; literals by their lexical form (findings keep no datatype)."""
    if value is None:
        return None
    return f"<{value}>" if value.startswith(("http://", "https://")) else value


def plain_key(key: ResultKey) -> ResultKey:
    focus, path, shape, severity, value = key
    if value is not None and value.startswith("_:"):
        value = None  # findings keep no blank node
    elif value is not None and not value.startswith("<"):
        value = str(rdflib.util.from_n3(value))
    return focus, path, shape, severity, value


def project_keys(findings: list[Any]) -> list[ResultKey]:
    shapes = shapes_graph()
    return [(f.contract, render_path(shapes, shapes.value(rdflib.URIRef(f.shape), SH.path)), f.shape, f.severity,
             value_key(f.value)) for f in findings]


def compare(store: EmbeddedStore, reports: list[Any], sample: int = 200, seed: int = 15) -> dict[str, Any]:
    """Plain pyshacl on ``sample`` validated DPAs (``reports`` from contractkg.validation.validate):
    seconds per contract, and whether every contract's results are identical."""
    dpas = [r for r in reports if r.contract.dpa]
    chosen = random.Random(seed).sample(dpas, min(sample, len(dpas)))
    ontology = rdflib.Graph()
    for t in background():
        ontology.add(t)  # type: ignore[arg-type]
    seconds, differing, first_difference = 0.0, 0, None
    findings = 0
    for report in chosen:
        t0 = perf_counter()
        plain = [plain_key(k) for k in reference_results(contract_graph(store, report.contract.graph, ontology))]
        seconds += perf_counter() - t0
        findings += len(plain)
        mine = project_keys(getattr(report, "results", report.findings))
        if Counter(plain) != Counter(mine):
            differing += 1
            if first_difference is None:
                first_difference = {"contract": report.contract.iri,
                                    "only_pyshacl": sorted(set(plain) - set(mine), key=str)[:5],
                                    "only_project": sorted(set(mine) - set(plain), key=str)[:5]}
    return {"contracts": len(chosen), "findings": findings, "seconds": round(seconds, 2),
            "s_per_contract": round(seconds / len(chosen), 4) if chosen else None,
            "contracts_differing": differing, "findings_identical": differing == 0 and bool(chosen),
            "first_difference": first_difference}
