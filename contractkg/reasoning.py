"""OWL reasoning with owlready2 + HermiT: consistency of ontology and data, inferred roles and
sub-processing chains, materialised into their own named graph (never mixed with extracted facts).

`contractkg reason`. HermiT is a Java program: without `java` on PATH the command stops with one line."""

import datetime as dt
import io
import shutil
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from contractkg.namespaces import CKG, DATA, GRAPH, ODRL, PROV, RDF, XSD
from contractkg.ontology import ontology_triples
from contractkg.queries.load import iris, text
from contractkg.store import Store
from contractkg.vocabulary import ROLE_PROPERTIES

INFERRED_GRAPH = GRAPH + "inferred"
REASONING_RUN = DATA + "reasoning"  # registry owner of the inferred graph
NO_JAVA = "HermiT needs Java: install a JRE, e.g. apt-get install default-jre-headless"
# What the reasoner sees: roles, sub-processing, agreement links, obligations' bearers (no literals:
# xsd:duration and xsd:date are outside the OWL 2 datatype map).
OBJECT_PROPERTIES = [
    *ROLE_PROPERTIES.values(), CKG + "hasParty", CKG + "partOf", CKG + "annexedTo", CKG + "translationOf",
    CKG + "hasSubProcessorEngagement", CKG + "subProcessor", CKG + "hasStipulation",
    ODRL + "assignee", ODRL + "assigner", CKG + "coversElement",
]
CLASSES = [CKG + c for c in ("Agreement", "DataProcessingAgreement", "TermsOfService", "StandardContractualClauses",
                             "FrameworkAgreement", "ServiceLevelAgreement", "StatementOfWork", "Party",
                             "PlaceholderParty", "SubProcessorEngagement", "Obligation", "Permission", "Prohibition")]
INFERRED_CLASSES = [CKG + c for c in ("ActsAsController", "ActsAsProcessor", "ActsAsSubProcessor", "DualRoleParty",
                                      "SubProcessingChainHead")]
INFERRED_PROPERTIES = [CKG + "engagesSubProcessor", CKG + "delegatesProcessingTo"]


class ReasoningError(Exception):
    """Reasoning could not run (no Java, reasoner failure); the message says why."""


@dataclass
class Inferences:
    consistent: bool
    types: list[tuple[str, str]] = field(default_factory=list)  # (individual, class)
    relations: list[tuple[str, str, str]] = field(default_factory=list)  # (subject, property, object)
    message: str = ""

    def members(self, cls: str) -> list[str]:
        return sorted(i for i, c in self.types if c == CKG + cls)


def data_ntriples(store: Store) -> str:
    """The triples the reasoner needs, as N-Triples (IRIs only)."""
    q = text("internal/reasoning/input", tables={"properties": iris(OBJECT_PROPERTIES), "classes": iris(CLASSES),
                                                 "inferred": iris([INFERRED_GRAPH])})
    return "".join(f"{ox.Triple(ox.NamedNode(r['s'] or ''), ox.NamedNode(r['p'] or ''), ox.NamedNode(r['o'] or ''))} .\n"
                   for r in store.query(q).rows)


def ontology_ntriples() -> str:
    return (ox.serialize(list(ontology_triples()), format=ox.RdfFormat.N_TRIPLES) or b"").decode("utf-8")


def reason_over(ntriples: str) -> Inferences:
    """Load ontology + data into owlready2, run HermiT, collect inferred classes and relations."""
    if shutil.which("java") is None:
        raise ReasoningError(NO_JAVA)
    import owlready2

    world = owlready2.World()
    onto = world.get_ontology(CKG.rstrip("#")).load(
        fileobj=io.BytesIO((ontology_ntriples() + ntriples).encode("utf-8")), format="ntriples")
    subjects = sorted({line[1:line.index(">")] for line in ntriples.splitlines() if line.startswith("<")})
    individuals = [ind for iri in subjects if (ind := world[iri]) is not None and hasattr(ind, "INDIRECT_is_a")]
    before = {(ind.iri, c.iri) for ind in individuals for c in ind.is_a if hasattr(c, "iri")}
    try:
        with onto:
            owlready2.sync_reasoner_hermit(world, infer_property_values=True, debug=0)
    except owlready2.OwlReadyInconsistentOntologyError:
        return Inferences(consistent=False, message="the ontology and the data are inconsistent")
    except owlready2.OwlReadyJavaError as e:
        raise ReasoningError(f"HermiT failed: {str(e).splitlines()[-1] if str(e) else e}") from e
    result = Inferences(consistent=True)
    wanted = set(INFERRED_CLASSES)
    for ind in individuals:
        for cls in ind.INDIRECT_is_a:
            iri = getattr(cls, "iri", None)
            if iri in wanted and (ind.iri, iri) not in before:
                result.types.append((ind.iri, iri))
    relations = set()
    for prop_iri in INFERRED_PROPERTIES:
        prop = world[prop_iri]
        for s, o in prop.get_relations() if prop is not None else ():
            if hasattr(o, "iri"):
                relations.add((s.iri, prop_iri, o.iri))
                if prop_iri == CKG + "engagesSubProcessor":  # sub-property entailment
                    relations.add((s.iri, CKG + "delegatesProcessingTo", o.iri))
    result.types.sort()
    result.relations = sorted(relations)
    return result


def inference_quads(inf: Inferences) -> list[ox.Quad]:
    g = ox.NamedNode(INFERRED_GRAPH)
    run = ox.NamedNode(REASONING_RUN)
    when = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    quads = [ox.Quad(run, ox.NamedNode(RDF + "type"), ox.NamedNode(PROV + "Activity"), g),
             ox.Quad(run, ox.NamedNode(PROV + "endedAtTime"), ox.Literal(when, datatype=ox.NamedNode(XSD + "dateTime")), g),
             ox.Quad(run, ox.NamedNode(CKG + "consistent"), ox.Literal(str(inf.consistent).lower(), datatype=ox.NamedNode(XSD + "boolean")), g)]
    quads += [ox.Quad(ox.NamedNode(i), ox.NamedNode(RDF + "type"), ox.NamedNode(c), g) for i, c in inf.types]
    quads += [ox.Quad(ox.NamedNode(s), ox.NamedNode(p), ox.NamedNode(o), g) for s, p, o in inf.relations]
    return quads


def reason(store: Store, save: bool = True) -> Inferences:
    """Reason over everything in the store; replace the inferred graph when ``save``."""
    inf = reason_over(data_ntriples(store))
    if save:
        store.add_graphs(REASONING_RUN, {INFERRED_GRAPH: inference_quads(inf)})
    return inf


def labels(store: Store, individuals: set[str]) -> dict[str, str]:
    if not individuals:
        return {}
    q = text("internal/reasoning/labels", tables={"individuals": iris(sorted(individuals))})
    return {r["i"] or "": r["label"] or "" for r in store.query(q).rows}


def summarise(inf: Inferences, names: dict[str, str]) -> dict[str, Any]:
    def name(i: str) -> str:
        return names.get(i) or i

    chains = [(s, o) for s, p, o in inf.relations if p == CKG + "delegatesProcessingTo"]
    return {"consistent": inf.consistent, "message": inf.message, "graph": INFERRED_GRAPH,
            "dual_role_parties": [name(i) for i in inf.members("DualRoleParty")],
            "controllers": len(inf.members("ActsAsController")), "processors": len(inf.members("ActsAsProcessor")),
            "subprocessors": len(inf.members("ActsAsSubProcessor")),
            "chain_heads": [name(i) for i in inf.members("SubProcessingChainHead")],
            "delegations": [[name(s), name(o)] for s, o in chains]}
