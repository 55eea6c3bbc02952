"""The SPARQL behind the graph explorer: filtered, sampled contracts, their edges, neighbourhoods, flows."""

from __future__ import annotations

from contractkg.app.data import iri, literal

ROLE_PROPS = {
    "controller": "dpv:hasDataController", "processor": "dpv:hasDataProcessor",
    "data_exporter": "dpv:hasDataExporter", "data_importer": "dpv:hasDataImporter",
    "subprocessor": "ckg:hasSubProcessor", "provider": "ckg:hasProvider", "customer": "ckg:hasCustomer",
}

# Filter choices, one cheap DISTINCT per facet (no property paths: they are slow on large stores).
FILTER_OPTIONS = {
    "country": "SELECT DISTINCT ?value WHERE { { ?e ckg:location ?value } UNION { ?p ckg:country ?value } }",
    "safeguard": "SELECT DISTINCT ?value WHERE { ?e ckg:safeguard ?value }",
    "data": "SELECT DISTINCT ?value WHERE { ?c dpv:hasPersonalData ?value }",
}


def contracts(country: str | None, safeguard: str | None, data_category: str | None, role: str | None,
              limit: int) -> str:
    """Contracts matching the filters (a stable sample of at most ``limit``) and how many match."""
    where = ["?contract ckg:fromDocument ?doc ."]
    if country:
        where.append(f"""{{ ?contract ckg:hasParty/ckg:country {iri(country)} }} UNION
  {{ ?contract ckg:hasSubProcessorEngagement/ckg:location {iri(country)} }}""")
    if safeguard:
        where.append(f"?contract ckg:hasSubProcessorEngagement/ckg:safeguard {iri(safeguard)} .")
    if data_category:
        where.append(f"?contract dpv:hasPersonalData {iri(data_category)} .")
    if role and role in ROLE_PROPS:
        where.append(f"?contract {ROLE_PROPS[role]} ?someone .")
    body = "\n  ".join(where)
    return f"""
SELECT ?contract ?total WHERE {{
  {{ SELECT (COUNT(DISTINCT ?contract) AS ?total) WHERE {{ {body} }} }}
  {{ SELECT DISTINCT ?contract WHERE {{ {body} }} ORDER BY ?contract LIMIT {int(limit)} }}
}}
"""


def edges(contract_iris: list[str], role: str | None = None) -> str:
    """Edges around the given contracts: parties by role, sub-processors, countries."""
    values = " ".join(iri(c) for c in contract_iris) or "<urn:none>"
    role_filter = f"FILTER(?rel = {ROLE_PROPS[role]})" if role in ROLE_PROPS else ""
    return f"""
SELECT ?source ?source_label ?source_type ?target ?target_label ?target_type ?label ?safeguard WHERE {{
  VALUES ?contract {{ {values} }}
  {{ VALUES (?rel ?label) {{ (dpv:hasDataController "controller") (dpv:hasDataProcessor "processor")
        (dpv:hasDataExporter "data exporter") (dpv:hasDataImporter "data importer")
        (ckg:hasProvider "provider") (ckg:hasCustomer "customer") }}
     ?contract ?rel ?target . {role_filter}
     BIND(?contract AS ?source) BIND("contract" AS ?source_type) BIND("party" AS ?target_type)
     OPTIONAL {{ ?target rdfs:label ?target_label }} OPTIONAL {{ ?contract dct:title ?source_label }} }}
  UNION
  {{ ?contract ckg:hasSubProcessorEngagement ?eng . ?eng ckg:subProcessor ?target .
     OPTIONAL {{ ?eng ckg:safeguard ?safeguard }} BIND("sub-processor" AS ?label)
     BIND(?contract AS ?source) BIND("contract" AS ?source_type) BIND("subprocessor" AS ?target_type)
     OPTIONAL {{ ?target rdfs:label ?target_label }} OPTIONAL {{ ?contract dct:title ?source_label }} }}
  UNION
  {{ ?contract ckg:hasParty ?source . ?source ckg:country ?target . BIND("seat" AS ?label)
     BIND("party" AS ?source_type) BIND("country" AS ?target_type)
     OPTIONAL {{ ?source rdfs:label ?source_label }} }}
  UNION
  {{ ?contract ckg:hasSubProcessorEngagement ?eng . ?eng ckg:subProcessor ?source ; ckg:location ?target .
     BIND("processes in" AS ?label) BIND("subprocessor" AS ?source_type) BIND("country" AS ?target_type)
     OPTIONAL {{ ?source rdfs:label ?source_label }} }}
}}
"""


def neighbours(node: str, limit: int = 60) -> str:
    """Everything one hop from a node (either direction), restricted to explorer node types."""
    return f"""
SELECT ?source ?source_label ?source_type ?target ?target_label ?target_type ?label WHERE {{
  {{ {iri(node)} ?p ?other . BIND({iri(node)} AS ?source) BIND(?other AS ?target) }}
  UNION {{ ?other ?p {iri(node)} . BIND(?other AS ?source) BIND({iri(node)} AS ?target) }}
  FILTER(isIRI(?other) && ?p != rdf:type && ?p != ckg:fromDocument && ?p != prov:wasGeneratedBy)
  FILTER(?p IN (dpv:hasDataController, dpv:hasDataProcessor, dpv:hasDataExporter, dpv:hasDataImporter,
                ckg:hasProvider, ckg:hasCustomer, ckg:hasSubProcessor, ckg:country, ckg:hasParty))
  BIND(REPLACE(STR(?p), "^.*[#/](has)?", "") AS ?label)
  OPTIONAL {{ ?source rdfs:label ?source_label }} OPTIONAL {{ ?target rdfs:label ?target_label }}
  OPTIONAL {{ ?source dct:title ?source_label }} OPTIONAL {{ ?target dct:title ?target_label }}
  BIND(IF(STRSTARTS(STR(?source), STR(loc:)), "country",
       IF(EXISTS {{ ?source ckg:fromDocument ?d1 }}, "contract", "party")) AS ?source_type)
  BIND(IF(STRSTARTS(STR(?target), STR(loc:)), "country",
       IF(EXISTS {{ ?target ckg:fromDocument ?d2 }}, "contract", "party")) AS ?target_type)
}} LIMIT {int(limit)}
"""


FLOWS = """
SELECT ?from ?to ?safeguard (COUNT(DISTINCT ?contract) AS ?contracts) WHERE {
  { ?contract ckg:hasSubProcessorEngagement ?eng . ?eng ckg:subProcessor ?sp .
    OPTIONAL { ?eng ckg:location ?loc } OPTIONAL { ?sp ckg:country ?seat }
    BIND(COALESCE(?loc, ?seat) AS ?to) FILTER(BOUND(?to))
    ?contract dpv:hasDataProcessor|ckg:hasProvider ?vendor . ?vendor ckg:country ?from .
    OPTIONAL { ?eng ckg:safeguard ?sg0 } BIND(COALESCE(?sg0, "") AS ?safeguard) }
  UNION
  { ?contract ckg:hasTransfer ?t . ?t ckg:fromCountry ?from ; ckg:toCountry ?to .
    OPTIONAL { ?t ckg:mechanism ?sg1 } BIND(COALESCE(?sg1, "") AS ?safeguard) }
  FILTER(?from != ?to)
} GROUP BY ?from ?to ?safeguard ORDER BY DESC(?contracts) LIMIT 500
"""


def search_nodes(text: str, limit: int = 20) -> str:
    return f"""
SELECT DISTINCT ?node ?label WHERE {{
  {{ ?node a ckg:Party ; rdfs:label ?label }} UNION {{ ?node ckg:fromDocument ?d ; dct:title ?label }}
  FILTER(CONTAINS(LCASE(?label), LCASE({literal(text)})))
}} ORDER BY ?label LIMIT {int(limit)}
"""
