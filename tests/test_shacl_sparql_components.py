"""Each constraint component the SPARQL engine compiles, on a tiny graph with a known violation (and
pyshacl agreeing); and a component it does not compile, refused with a message that names it."""

from __future__ import annotations

import logging

import pyoxigraph as ox
import pytest
import rdflib

from contractkg.ontology import shacl_sparql
from contractkg.ontology.shacl import reference_results, to_rdflib
from contractkg.ontology.shacl_sparql import Background, UnsupportedShape, compile_shapes
from contractkg.ontology.shacl_sparql_eval import evaluate
from contractkg.store.embedded import EmbeddedStore

EX = "http://example.org/"
GRAPH = EX + "contract-graph"
HEAD = f"""@prefix ex: <{EX}> . @prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
# What every data graph also holds, as the ontology and reference data do: a subclass, an instance.
BACKGROUND = HEAD + "ex:Sub rdfs:subClassOf ex:Cls . ex:DE a ex:Cls . ex:a0 ex:q ex:far ."


def turtle(text: str) -> list[ox.Triple]:
    return list(ox.parse(HEAD + text, format=ox.RdfFormat.TURTLE))  # type: ignore[arg-type]


def rdflib_graph(triples: list[ox.Triple]) -> rdflib.Graph:
    g = rdflib.Graph()
    for t in triples:
        g.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
    return g


def results(shape: str, data: str) -> tuple[set[tuple[str, str | None]], set[tuple[str, str | None]]]:
    """(focus, value) of the SPARQL engine's results and of pyshacl's, local names for ex: IRIs."""
    shapes = rdflib_graph(turtle("ex:S sh:targetClass ex:Doc ; " + shape + " ."))
    bg = turtle(BACKGROUND.removeprefix(HEAD))
    checks = tuple(compile_shapes(shapes, Background.of(tuple(rdflib_graph(bg)))))
    store = EmbeddedStore(None)
    store.oxigraph.extend(ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(GRAPH)) for t in turtle(data))
    mine = {(r.focus, r.value) for r in evaluate(store, [GRAPH], checks)}
    stored = [q.triple for q in store.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(GRAPH))]
    theirs = {(k[0], k[4]) for k in reference_results(rdflib_graph(stored + bg), shapes)}
    return short(mine), short(theirs)


def short(pairs: set[tuple[str, str | None]]) -> set[tuple[str, str | None]]:
    return {(f.removeprefix(EX), v[len(EX) + 1:-1] if v and v.startswith(f"<{EX}") else v) for f, v in pairs}


DOCS = "ex:a a ex:Doc . ex:b a ex:Doc . "
CASES = {
    "minCount": ("sh:path ex:p ; sh:minCount 2", DOCS + "ex:a ex:p ex:x . ex:b ex:p ex:x, ex:y .", {("a", None)}),
    "maxCount": ("sh:path ex:p ; sh:maxCount 1", DOCS + "ex:a ex:p ex:x, ex:y . ex:b ex:p ex:x .", {("a", None)}),
    "hasValue": ("sh:path ex:p ; sh:hasValue ex:X", DOCS + "ex:a ex:p ex:Y . ex:b ex:p ex:X, ex:Y .", {("a", None)}),
    "class": ("sh:path ex:p ; sh:class ex:Cls",
              DOCS + "ex:a ex:p ex:v1, ex:DE, \"lit\" . ex:b ex:p ex:v2 . ex:v2 a ex:Sub .",
              {("a", "v1"), ("a", '"lit"')}),
    "in": ("sh:path ex:p ; sh:in ( ex:X ex:Y )", DOCS + "ex:a ex:p ex:Z, ex:X . ex:b ex:p ex:Y .", {("a", "Z")}),
    "node": ("sh:path ex:p ; sh:node [ sh:or ( [ sh:path ex:q ; sh:minCount 1 ] ) ]",
             DOCS + "ex:a ex:p ex:v1, ex:v2 . ex:v2 ex:q ex:z . ex:b ex:p ex:v2 .", {("a", "v1")}),
    "or": ("sh:or ( [ sh:path ex:p ; sh:minCount 1 ] [ sh:path ex:q ; sh:minCount 1 ] )",
           DOCS + "ex:b ex:q ex:x .", {("a", "a")}),
    "and": ("sh:and ( [ sh:path ex:p ; sh:minCount 1 ] [ sh:path ex:q ; sh:minCount 1 ] )",
            DOCS + "ex:a ex:p ex:x . ex:b ex:p ex:x ; ex:q ex:y .", {("a", "a")}),
    "not": ("sh:not [ sh:path ex:p ; sh:hasValue ex:X ]", DOCS + "ex:a ex:p ex:X . ex:b ex:p ex:Y .", {("a", "a")}),
    "xone": ("sh:xone ( [ sh:path ex:p ; sh:minCount 1 ] [ sh:path ex:q ; sh:minCount 1 ] )",
             DOCS + "ex:a ex:p ex:x ; ex:q ex:y . ex:b ex:q ex:y .", {("a", "a")}),
    "qualifiedMinCount": ("sh:path ex:p ; sh:qualifiedMinCount 1 ; sh:qualifiedValueShape [ sh:class ex:Cls ]",
                          DOCS + "ex:a ex:p ex:v1 . ex:b ex:p ex:v1, ex:v2 . ex:v2 a ex:Cls .", {("a", None)}),
    "minInclusive": ("sh:path ex:n ; sh:minInclusive 7",
                     DOCS + 'ex:a ex:n 5, "seven", 7.5 . ex:b ex:n 7 .',
                     {("a", '"5"^^<http://www.w3.org/2001/XMLSchema#integer>'), ("a", '"seven"')}),
    "maxInclusive": ("sh:path ex:n ; sh:maxInclusive 72", DOCS + "ex:a ex:n 96.5 . ex:b ex:n 72 .",
                     {("a", '"96.5"^^<http://www.w3.org/2001/XMLSchema#decimal>')}),
    "sequence path": ("sh:path ( ex:p ex:q ) ; sh:minCount 1", DOCS + "ex:a ex:p ex:v1 . ex:b ex:p ex:v2 . ex:v2 ex:q ex:z .",
                      {("a", None)}),
    "sequence path into the background": ("sh:path ( ex:p ex:q ) ; sh:minCount 1", DOCS + "ex:a ex:p ex:v1 . ex:b ex:p ex:a0 .",
                                          {("a", None)}),
    "inverse path": ("sh:path [ sh:inversePath ex:p ] ; sh:minCount 1", DOCS + "ex:x ex:p ex:b .", {("a", None)}),
    "alternative path": ("sh:path [ sh:alternativePath ( ex:p ex:q ) ] ; sh:maxCount 1",
                         DOCS + "ex:a ex:p ex:x ; ex:q ex:y . ex:b ex:p ex:x ; ex:q ex:x .", {("a", None)}),
    "deactivated": ("sh:path ex:p ; sh:minCount 1 ; sh:deactivated true", DOCS, set()),
}


@pytest.mark.parametrize("name", CASES)
def test_each_component_finds_its_violation(name: str) -> None:
    shape, data, expected = CASES[name]
    mine, pyshacl = results(shape, data)
    assert mine == expected
    assert pyshacl == expected  # the expectation is SHACL's, not only this engine's


def test_severity_and_path_are_the_shapes() -> None:
    shapes = rdflib_graph(turtle("ex:S a sh:PropertyShape ; sh:targetClass ex:Doc ; sh:path ( ex:p ex:q ) ; "
                                 "sh:minCount 1 ; sh:severity sh:Info ."))
    (check,) = compile_shapes(shapes, Background.of(()))
    assert (check.severity, check.path, check.component) == ("Info", f"{EX}p/{EX}q", "sh:minCount")


@pytest.mark.parametrize(("shape", "named"), [
    ("sh:path ex:p ; sh:pattern \"^a\"", "sh:pattern"),
    ("sh:path ex:p ; sh:datatype xsd:string", "sh:datatype"),
    ("sh:property [ sh:path ex:p ; sh:minCount 1 ]", "sh:property"),
    ("sh:path [ sh:zeroOrMorePath ex:p ] ; sh:minCount 1", "sh:zeroOrMorePath"),
    ("sh:node ex:S", "a recursive shape reference"),
    ("sh:path ex:p ; sh:node [ sh:path ex:q ; sh:languageIn ( \"en\" ) ]", "sh:languageIn"),
])
def test_an_unknown_component_is_refused_by_name(shape: str, named: str) -> None:
    shapes = rdflib_graph(turtle("ex:S sh:targetClass ex:Doc ; " + shape + " ."))
    with pytest.raises(UnsupportedShape, match=rf"shape <{EX}S>.* uses .*{named}.*--engine pyshacl"):
        compile_shapes(shapes, Background.of(()))


def test_a_target_other_than_a_class_is_refused() -> None:
    shapes = rdflib_graph(turtle("ex:S a sh:NodeShape ; sh:targetNode ex:a ; sh:class ex:Cls ."))
    with pytest.raises(UnsupportedShape, match="a target other than sh:targetClass"):
        compile_shapes(shapes, Background.of(()))


@pytest.fixture
def gap_store() -> EmbeddedStore:
    from contractkg import kg
    from contractkg.ingest.document import Document
    from contractkg.ontology import art28_elements

    st = EmbeddedStore(None)
    doc = Document(source="/tmp/engine-gap.txt", text="x")
    record = {"kind": "dpa", "title": "Gap DPA", "parties": [{"name": "V Oy", "roles": ["processor"], "country": "FI"}],
              "art28": {k: (None if k == "audits" else "1") for k in art28_elements()}, "missing": ["audits"]}
    st.replace_document(kg.doc_iri(doc), kg.build(doc, [record]))
    return st


def test_validate_refuses_or_falls_back_to_pyshacl(gap_store: EmbeddedStore, monkeypatch: pytest.MonkeyPatch,
                                                   caplog: pytest.LogCaptureFixture) -> None:
    from contractkg.validation import validate

    def shapes(r: list) -> list[tuple[str, str]]:  # type: ignore[type-arg]
        return sorted((f.shape, f.severity) for rep in r for f in rep.results)

    compiled = shapes(validate(gap_store, save=False, engine="sparql"))
    assert ("https://w3id.org/contractkg#Art28AuditsShape", "Violation") in compiled

    def refuse() -> None:
        raise UnsupportedShape("shape <x> uses sh:pattern, which the SPARQL engine does not compile")

    monkeypatch.setattr(shacl_sparql, "project_checks", refuse)
    with pytest.raises(UnsupportedShape, match="sh:pattern"):
        validate(gap_store, save=False, engine="sparql")
    with caplog.at_level(logging.WARNING, logger="contractkg.validation"):
        fallback = shapes(validate(gap_store, save=False, workers=1))
    assert "validating with pyshacl" in caplog.text and "sh:pattern" in caplog.text
    assert fallback == compiled == shapes(validate(gap_store, save=False, workers=1, engine="pyshacl"))


def test_the_pyshacl_engine_fetches_types_of_subclasses(monkeypatch: pytest.MonkeyPatch) -> None:
    """A value typed with a subclass of a class a shape tests is an instance: its rdf:type is fetched."""
    from contractkg.ontology import shacl

    sub = rdflib.URIRef("https://w3id.org/contractkg#GrantedPermission")
    extra = ((sub, rdflib.RDFS.subClassOf, rdflib.URIRef("https://w3id.org/contractkg#Permission")),)
    original = shacl.background()
    monkeypatch.setattr(shacl, "background", lambda: original + extra)
    shacl.relevant_classes.cache_clear()
    try:
        assert str(sub) in shacl.relevant_classes()
    finally:
        shacl.relevant_classes.cache_clear()
