"""The SPARQL engine (shapes compiled to SPARQL, contractkg.ontology.shacl_sparql) against plain pyshacl,
the reference: the same results, as multisets of (focus, path, shape, severity, value), on the examples,
the seeds and ../shared/dev; and on contract graphs changed at random (hypothesis)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contractkg.ontology.shacl import ResultKey, background, reference_results, to_rdflib
from contractkg.ontology.shacl_sparql import project_checks
from contractkg.ontology.shacl_sparql_eval import evaluate
from contractkg.store.embedded import EmbeddedStore
from contractkg.validation import contracts

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def ingested(*paths: Path) -> EmbeddedStore:
    from contractkg.pipeline import ingest

    store = EmbeddedStore(None)
    results = ingest(store, list(paths), workers=1)
    assert results and all(r.error is None for r in results)
    return store


def example_files() -> list[Path]:
    return sorted(p for p in EXAMPLES.rglob("*") if p.is_file() and p.suffix in (".txt", ".md", ".html")
                  and p.name != "README.md" and "gold" not in p.parts)


def with_background(quads: list[ox.Quad]) -> rdflib.Graph:
    data = rdflib.Graph()
    for t in background():
        data.add(t)  # type: ignore[arg-type]
    for q in quads:
        data.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
    return data


def graph_quads(store: EmbeddedStore, graph: str) -> list[ox.Quad]:
    return list(store.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(graph)))


def plain(store: EmbeddedStore, graphs: list[str]) -> Counter[ResultKey]:
    """pyshacl on each contract graph alone (with ontology and reference data), as the benchmark runs it."""
    return Counter(k for g in graphs for k in reference_results(with_background(graph_quads(store, g))))


def compiled(store: EmbeddedStore, graphs: list[str]) -> Counter[ResultKey]:
    return Counter(r.key() for r in evaluate(store, graphs))


def dpa_graphs(store: EmbeddedStore) -> list[str]:
    return [c.graph for c in contracts(store) if c.dpa]


def assert_same(store: EmbeddedStore, least_dpas: int) -> Counter[ResultKey]:
    graphs = dpa_graphs(store)
    assert len(graphs) >= least_dpas
    reference, mine = plain(store, graphs), compiled(store, graphs)
    assert mine == reference, {"only pyshacl": reference - mine, "only sparql": mine - reference}
    return mine


@pytest.fixture(scope="module")
def examples_store() -> EmbeddedStore:
    return ingested(*example_files())


def test_examples_give_what_pyshacl_gives(examples_store: EmbeddedStore) -> None:
    found = assert_same(examples_store, 3)
    assert any(k[3] == "Violation" for k in found) and any(k[3] == "Warning" for k in found)


def test_seeds_give_what_pyshacl_gives(seeds: Path) -> None:
    found = assert_same(ingested(seeds), 5)
    assert any(k[4] for k in found)  # results with a value node: sub-processors, transfers


def test_dev_documents_give_what_pyshacl_gives(dev_docs: Path) -> None:
    assert_same(ingested(dev_docs), 5)


def test_the_whole_store_or_a_few_graphs_give_the_same(examples_store: EmbeddedStore) -> None:
    """Above LISTED_GRAPHS graphs the queries run over every graph and keep the asked ones."""
    from contractkg.ontology import shacl_sparql_eval

    graphs = dpa_graphs(examples_store)
    listed = Counter(r.key() for r in evaluate(examples_store, graphs))
    old, shacl_sparql_eval.LISTED_GRAPHS = shacl_sparql_eval.LISTED_GRAPHS, 0
    try:
        everywhere = Counter(r.key() for r in evaluate(examples_store, graphs))
        one = Counter(r.key() for r in evaluate(examples_store, graphs[:1]))
    finally:
        shacl_sparql_eval.LISTED_GRAPHS = old
    assert listed == everywhere and one <= everywhere
    assert all(r.graph == graphs[0] for r in evaluate(examples_store, graphs[:1]))


# -- random changes to contract graphs ------------------------------------------------------------

def read_predicates() -> list[str]:
    """The predicates the compiled shapes read (their paths), and rdf:type."""
    import re

    found = {m for c in project_checks() for m in re.findall(r"<(https://w3id\.org/contractkg#[^>]+)>", c.pattern)}
    return sorted(found | {RDF_TYPE})


@pytest.fixture(scope="module")
def material(examples_store: EmbeddedStore) -> dict[str, object]:
    """The examples' DPA graphs, and per predicate the objects it takes anywhere in them, plus
    countries of the reference data, classes the shapes test and a few literals of other types."""
    graphs = {g: graph_quads(examples_store, g) for g in dpa_graphs(examples_store)}
    predicates = read_predicates()
    objects: dict[str, set[ox.NamedNode | ox.Literal]] = {p: set() for p in predicates}
    for quads in graphs.values():
        for q in quads:
            if q.predicate.value in objects and not isinstance(q.object, ox.BlankNode | ox.Triple):
                objects[q.predicate.value].add(q.object)
    loc = "https://w3id.org/dpv/loc#"
    extra = [ox.NamedNode(loc + c) for c in ("DE", "US", "IN", "JP", "CH", "GB")] + [
        ox.NamedNode("https://w3id.org/contractkg#" + c) for c in
        ("SafeDestination", "Permission", "DataProcessingAgreement", "SCCSafeguard", "GeneralAuthorisation")] + [
        ox.Literal("5", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
        ox.Literal("96.5", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")),
        ox.Literal("false", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")),
        ox.Literal("true", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")),
        ox.Literal("7 days")]
    return {"graphs": graphs, "predicates": predicates,
            "objects": {p: sorted(v, key=str) + extra for p, v in objects.items()}}


@st.composite
def changed_graph(draw: st.DrawFn, material: dict[str, object]) -> tuple[str, list[ox.Quad]]:
    graphs: dict[str, list[ox.Quad]] = material["graphs"]  # type: ignore[assignment]
    predicates: list[str] = material["predicates"]  # type: ignore[assignment]
    objects: dict[str, list[ox.NamedNode | ox.Literal]] = material["objects"]  # type: ignore[assignment]
    g = draw(st.sampled_from(sorted(graphs)))
    quads = list(graphs[g])
    read = [q for q in quads if q.predicate.value in objects]
    gone = set(draw(st.lists(st.sampled_from(read), max_size=12))) if read else set()
    stripped = set(draw(st.lists(st.sampled_from(predicates), max_size=3)))  # every triple of these
    gone |= {q for q in read if q.predicate.value in stripped and q.predicate.value != RDF_TYPE}
    nodes = sorted({t for q in quads for t in (q.subject, q.object) if isinstance(t, ox.NamedNode)}, key=str)
    added = []
    for _ in range(draw(st.integers(0, 12))):
        p = draw(st.sampled_from(predicates))
        o = draw(st.sampled_from(objects[p] + nodes[:40]))
        added.append(ox.Quad(draw(st.sampled_from(nodes)), ox.NamedNode(p), o, ox.NamedNode(g)))
    return g, [q for q in quads if q not in gone] + added


def test_random_changes_give_what_pyshacl_gives(material: dict[str, object]) -> None:
    seen: Counter[str] = Counter()

    @settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
    @given(st.data())
    def check(data: st.DataObject) -> None:
        g, quads = data.draw(changed_graph(material))
        store = EmbeddedStore(None)
        store.oxigraph.extend(quads)
        reference, mine = plain(store, [g]), compiled(store, [g])
        assert mine == reference, {"only pyshacl": reference - mine, "only sparql": mine - reference}
        seen.update(k[2].rsplit("#", 1)[-1] for k in mine)

    check()
    assert len(seen) >= 8, seen  # the changes broke many different shapes, not one
