"""The SPARQL behind the explorer's pages (project prefixes are pre-declared by data.rows)."""

from __future__ import annotations

from collections.abc import Iterable

from contractkg.app.data import iri, literal
from contractkg.namespaces import CKG

CONTRACTS = """
SELECT ?contract ?title ?kind ?language ?file ?line WHERE {
  ?contract ckg:fromDocument ?doc ; a ?cls .
  FILTER(STRSTARTS(STR(?cls), STR(ckg:)) && ?cls != ckg:Agreement)
  BIND(STRAFTER(STR(?cls), STR(ckg:)) AS ?kind)
  ?doc ckg:sourcePath ?file .
  OPTIONAL { ?contract dct:title ?title }
  OPTIONAL { ?contract dct:language ?language }
  OPTIONAL { ?contract ckg:startLine ?line }
} ORDER BY ?file ?line
"""

COUNTS = """
SELECT (COUNT(DISTINCT ?doc) AS ?documents) (COUNT(DISTINCT ?c) AS ?contracts)
       (COUNT(DISTINCT ?p) AS ?parties) WHERE {
  { ?doc a ckg:SourceDocument } UNION { ?c ckg:fromDocument ?x } UNION { ?p a ckg:Party }
}
"""


def contracts_of_paths(paths: Iterable[str]) -> str:
    values = " ".join(literal(p) for p in paths)
    return f"""
SELECT ?contract ?title ?kind ?language ?file WHERE {{
  VALUES ?file {{ {values} }}
  ?doc ckg:sourcePath ?file . ?contract ckg:fromDocument ?doc ; a ?cls .
  FILTER(STRSTARTS(STR(?cls), STR(ckg:)) && ?cls != ckg:Agreement)
  BIND(STRAFTER(STR(?cls), STR(ckg:)) AS ?kind)
  OPTIONAL {{ ?contract dct:title ?title }}
  OPTIONAL {{ ?contract dct:language ?language }}
}} ORDER BY ?file ?contract
"""


def parties(contract: str) -> str:
    return f"""
SELECT ?party ?name ?role ?country (GROUP_CONCAT(DISTINCT ?term; separator=", ") AS ?defined_as) WHERE {{
  {iri(contract)} ?rel ?party . ?party a ckg:Party .
  BIND(REPLACE(STRAFTER(STR(?rel), "#"), "^has", "") AS ?role)
  OPTIONAL {{ ?party rdfs:label ?name }}
  OPTIONAL {{ ?party ckg:country ?c . BIND(STRAFTER(STR(?c), STR(loc:)) AS ?country) }}
  OPTIONAL {{ ?party ckg:definedTerm ?term }}
}} GROUP BY ?party ?name ?role ?country ORDER BY ?role ?name
"""

# ---------------------------------------------------------------- overview

DPAS = """
SELECT ?contract ?title ?file ?line WHERE {
  ?contract a ckg:DataProcessingAgreement ; ckg:fromDocument ?doc .
  ?doc ckg:sourcePath ?file .
  OPTIONAL { ?contract dct:title ?title }
  OPTIONAL { ?contract ckg:startLine ?line }
} ORDER BY ?file ?line
"""

# Where each Art. 28 element is stipulated: the coverage's clause number(s) and clause.
COVERAGE = """
SELECT ?contract ?element ?clause ?clause_iri WHERE {
  ?contract a ckg:DataProcessingAgreement ; ckg:hasElementCoverage ?cov .
  ?cov ckg:element ?element .
  OPTIONAL { ?cov ckg:clauseNumber ?clause }
  OPTIONAL { ?cov ckg:inClause ?clause_iri }
}
"""

# What validation (or extraction) reports missing: ckg:lacksElement and SHACL results per element.
VIOLATIONS = """
SELECT ?contract ?element ?message ?severity ?shape WHERE {
  { ?contract ckg:lacksElement ?element . BIND("the agreement does not stipulate this element" AS ?message) }
  UNION
  { ?result a sh:ValidationResult ; sh:focusNode ?contract .
    OPTIONAL { ?result sh:resultMessage ?message FILTER(LANGMATCHES(LANG(?message), "en") || LANG(?message) = "") }
    OPTIONAL { ?result sh:resultSeverity ?severity }
    OPTIONAL { ?result sh:sourceShape ?shape }
    OPTIONAL { ?result ckg:checksElement ?element } }
}
"""

# Shared nodes (a sub-processor named in many contracts) repeat their triples in every contract graph,
# and the union default graph returns each copy: patterns on them stay inside the contract's graph.
TRANSFERS = """
SELECT ?contract ?title ?subprocessor ?name ?country ?safeguard WHERE {
  GRAPH ?g {
    ?contract ckg:hasSubProcessorEngagement ?eng .
    ?eng ckg:subProcessor ?subprocessor .
    OPTIONAL { ?subprocessor rdfs:label ?name }
    OPTIONAL { ?eng ckg:location ?loc }
    OPTIONAL { ?subprocessor ckg:country ?pc }
    BIND(COALESCE(?loc, ?pc) AS ?country)
    OPTIONAL { ?eng ckg:safeguard ?safeguard }
    OPTIONAL { ?contract dct:title ?title }
  }
}
"""

BREACH_DEADLINES = """
SELECT ?contract ?title ?deadline ?hours ?qualifier WHERE {
  ?contract a ckg:DataProcessingAgreement .
  OPTIONAL { ?contract dct:title ?title }
  OPTIONAL { ?contract ckg:breachNotificationDeadline ?deadline }
  OPTIONAL { ?contract ckg:breachNotificationHours ?hours }
  OPTIONAL { ?contract ckg:breachNotificationQualifier ?qualifier }
}
"""

# Two cheap steps (one GROUP BY over contract -> sub-processor links, then details for the top 20):
# joining names and countries before grouping multiplies rows on large stores.
SHARED_SUBPROCESSORS = """
SELECT ?subprocessor (COUNT(DISTINCT ?contract) AS ?contracts) (COUNT(DISTINCT ?vendor) AS ?vendors) WHERE {
  ?contract ckg:hasSubProcessor ?subprocessor .
  OPTIONAL { ?contract dpv:hasDataProcessor ?vendor }
} GROUP BY ?subprocessor ORDER BY DESC(?vendors) DESC(?contracts) LIMIT 20
"""


def subprocessor_names(iris: Iterable[str]) -> str:
    values = " ".join(iri(i) for i in iris) or "<urn:none>"
    return f"""
SELECT ?subprocessor (SAMPLE(?n) AS ?name) WHERE {{
  VALUES ?subprocessor {{ {values} }} ?subprocessor rdfs:label ?n .
}} GROUP BY ?subprocessor
"""


def subprocessor_countries(iris: Iterable[str]) -> str:
    values = " ".join(iri(i) for i in iris) or "<urn:none>"
    return f"""
SELECT ?subprocessor (GROUP_CONCAT(DISTINCT STRAFTER(STR(?c), STR(loc:)); separator=", ") AS ?countries) WHERE {{
  VALUES ?subprocessor {{ {values} }}
  {{ SELECT DISTINCT ?subprocessor ?c WHERE {{ VALUES ?subprocessor {{ {values} }}
     {{ ?subprocessor ckg:country ?c }} UNION {{ ?e ckg:subProcessor ?subprocessor ; ckg:location ?c }} }} }}
}} GROUP BY ?subprocessor
"""



def element_iri(key: str) -> str:
    from contractkg.app.vocab import schema_keys

    return next((i for i, k in schema_keys().items() if k == key), CKG + key)


def element_evidence(contract: str, element: str) -> str:
    """The clause(s) and evidence spans that stipulate one Art. 28 element of one contract."""
    return f"""
SELECT ?clause ?heading ?start ?end ?file WHERE {{
  {iri(contract)} ckg:hasElementCoverage ?cov ; ckg:fromDocument ?doc . ?doc ckg:sourcePath ?file .
  ?cov ckg:element {iri(element_iri(element))} .
  {{ ?cov ckg:inClause ?cl . ?cl oa:start ?start ; oa:end ?end .
     OPTIONAL {{ ?cl ckg:clauseNumber ?clause }} OPTIONAL {{ ?cl ckg:heading ?heading }} }}
  UNION
  {{ ?cov ckg:hasEvidence ?ev . ?ev oa:hasSelector ?sel . ?sel oa:start ?start ; oa:end ?end .
     OPTIONAL {{ ?cov ckg:clauseNumber ?clause }} }}
}} LIMIT 10
"""
