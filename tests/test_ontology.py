"""The ontology parses, is OWL 2 DL-shaped, is consistent under HermiT, and matches the record schema."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
import rdflib
from rdflib import OWL, RDF, RDFS

from contractkg import ontology as onto

CKG = rdflib.Namespace("https://w3id.org/contractkg#")
ELI = re.compile(r"^http://data\.europa\.eu/eli/reg/2016/679/art_\d+(/par_\d+)?(/pnt_[a-h])?/oj$")
DECLARED = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, OWL.NamedIndividual,
            OWL.Ontology, OWL.Restriction, OWL.TransitiveProperty, OWL.SymmetricProperty}


@pytest.fixture(scope="module")
def graph() -> rdflib.Graph:
    return rdflib.Graph().parse(onto.ONTOLOGY)


def test_every_used_term_is_declared(graph: rdflib.Graph) -> None:
    declared = {s for s, o in graph.subject_objects(RDF.type) if o in DECLARED}
    used_props = {p for p in graph.predicates() if p not in (RDF.type, RDF.first, RDF.rest, RDFS.label, RDFS.comment, RDFS.subClassOf,
                                                             RDFS.subPropertyOf, RDFS.domain, RDFS.range)}
    undeclared = {p for p in used_props if not str(p).startswith(str(OWL)) and p not in declared}
    assert not undeclared, undeclared
    for cls in set(graph.objects(None, RDFS.subClassOf)) | set(graph.objects(None, RDFS.domain)):
        if isinstance(cls, rdflib.URIRef):
            assert (cls, RDF.type, OWL.Class) in graph, cls


def test_no_property_is_both_object_and_datatype(graph: rdflib.Graph) -> None:
    obj = set(graph.subjects(RDF.type, OWL.ObjectProperty))
    data = set(graph.subjects(RDF.type, OWL.DatatypeProperty))
    ann = set(graph.subjects(RDF.type, OWL.AnnotationProperty))
    assert not (obj & data) and not (obj & ann) and not (data & ann)


def test_art28_scheme_matches_schema_keys(graph: rdflib.Graph, gold_dir: Path) -> None:
    schema = (gold_dir / "SCHEMA.md").read_text(encoding="utf-8")
    block = schema.split("art28:", 1)[1].split("missing:", 1)[0]
    keys = re.findall(r"^\s+([a-z_0-9]+):", block, flags=re.M)
    assert len(keys) == 15
    assert list(onto.art28_elements()) == keys
    for iri in onto.art28_elements().values():
        points = [str(o) for o in graph.objects(rdflib.URIRef(iri), CKG.gdprPoint)]
        assert len(points) == 1 and ELI.match(points[0]), iri
        assert (rdflib.URIRef(iri), rdflib.URIRef("http://www.w3.org/2004/02/skos/core#inScheme"), CKG.art28Elements) in graph
        langs = {o.language for o in graph.objects(rdflib.URIRef(iri), rdflib.URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"))}
        assert langs == {"en", "fr", "it", "de"}


def test_points_a_to_h_are_distinct(graph: rdflib.Graph) -> None:
    points = [str(next(graph.objects(rdflib.URIRef(iri), CKG.gdprPoint))) for iri in onto.art28_elements().values()]
    lettered = sorted(p for p in points if "pnt_" in p)
    assert [p.split("pnt_")[1][0] for p in lettered] == list("abcdefgh")


def test_obligations_are_dpv_obligations_and_odrl_duties(graph: rdflib.Graph) -> None:
    supers = set(graph.objects(CKG.Obligation, RDFS.subClassOf))
    assert rdflib.URIRef("https://w3id.org/dpv#Obligation") in supers
    assert rdflib.URIRef("http://www.w3.org/ns/odrl/2/Duty") in supers


def test_reference_data(graph: rdflib.Graph) -> None:
    ref = rdflib.Graph()
    for p in onto.REFERENCE:
        ref.parse(p)
    eea = set(ref.subjects(RDF.type, CKG.EEAMemberState))
    assert len(eea) == 30
    assert rdflib.URIRef("https://w3id.org/dpv/loc#NO") in eea and rdflib.URIRef("https://w3id.org/dpv/loc#GB") not in eea
    decisions = {str(ref.value(d, CKG.country)).rsplit("#", 1)[1]: d for d in ref.subjects(RDF.type, CKG.AdequacyDecision)
                 if ref.value(d, CKG.repealedOn) is None}
    for code in ("AD", "AR", "CA", "FO", "GG", "IL", "IM", "JP", "JE", "NZ", "KR", "CH", "GB", "UY", "US"):
        assert code in decisions, code
        assert ref.value(decisions[code], CKG.adoptedOn).datatype == rdflib.XSD.date
    assert str(ref.value(decisions["US"], CKG.scope)) == "certified organisations only"
    assert str(ref.value(decisions["JP"], CKG.adoptedOn)) == "2019-01-23"
    repealed = [d for d in ref.subjects(CKG.repealedOn, None)]
    assert repealed and all(str(ref.value(d, CKG.country)).endswith("#US") for d in repealed)


def test_term_tables_come_from_the_ontology() -> None:
    assert onto.notations("TransferSafeguard")["scc"].endswith("#SCCSafeguard")
    assert set(onto.notations("DeadlineQualifier")) == {"without_undue_delay", "timely", "promptly"}
    assert {"Supplier", "Prospect", "Consultant"} <= onto.project_data_subjects()
    assert onto.obligation_types()["breach_notification"].endswith("#BreachNotification")


def test_every_ckg_term_used_in_the_package_is_defined(graph: rdflib.Graph) -> None:
    defined = {str(s) for s in graph.subjects()}
    for path in onto.SHAPES:  # shape IRIs live in the shapes files
        defined |= {str(s) for s in rdflib.Graph().parse(path).subjects()}
    ns = str(CKG)
    used: dict[str, str] = {}
    for path in sorted(onto.HERE.parent.rglob("*")):
        if path.suffix not in (".py", ".rq", ".yaml", ".ttl") or path == onto.ONTOLOGY:
            continue
        text = path.read_text(encoding="utf-8")
        names = set(re.findall(r"(?<![\w/#?.-])ckg:([A-Za-z][A-Za-z0-9_-]*)", text))
        names |= set(re.findall(r"CKG \+ \"([A-Za-z][\w-]*)\"", text))
        names |= set(re.findall(re.escape(ns) + r"([A-Za-z][\w-]*)", text))
        for name in names:
            used.setdefault(ns + name, path.name)
    undefined = {iri: f for iri, f in used.items() if iri not in defined}
    assert len(used) > 50 and not undefined, undefined


@pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs Java")
def test_owlready2_loads_and_hermit_finds_it_consistent(graph: rdflib.Graph) -> None:
    import owlready2

    world = owlready2.World()
    o = world.get_ontology("https://w3id.org/contractkg").load(
        fileobj=io.BytesIO(graph.serialize(format="nt", encoding="utf-8")), format="ntriples")
    assert o.search_one(iri=str(CKG.DataProcessingAgreement)) is not None
    with o:
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    assert list(world.inconsistent_classes()) == []
    # the entailments we rely on hold: a DPA is a DPV contract
    dpa = o.search_one(iri=str(CKG.DataProcessingAgreement))
    assert "https://w3id.org/dpv#Contract" in {c.iri for c in dpa.ancestors() if hasattr(c, "iri")}
