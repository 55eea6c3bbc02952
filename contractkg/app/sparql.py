"""The SPARQL behind the explorer's pages (project prefixes are pre-declared by data.rows)."""

from __future__ import annotations

from collections.abc import Iterable

from contractkg.app.data import iri, literal

CONTRACTS = """
SELECT ?contract ?title ?kind ?language ?file ?line WHERE {
  ?contract ckg:fromDocument ?doc ; a ?cls .
  FILTER(STRSTARTS(STR(?cls), STR(ckg:)))
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
  FILTER(STRSTARTS(STR(?cls), STR(ckg:)))
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
