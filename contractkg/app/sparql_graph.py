"""The SPARQL behind the graph explorer: filtered, sampled contracts, their edges, neighbourhoods, flows."""

from __future__ import annotations

from contractkg.app.data import iri

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
        where.append(f"""FILTER(EXISTS {{ ?contract ckg:hasParty ?party . ?party ckg:country {iri(country)} }}
    || EXISTS {{ ?contract ckg:hasSubProcessorEngagement ?e1 . ?e1 ckg:location {iri(country)} }})""")
    if safeguard:
        where.append(f"FILTER EXISTS {{ ?contract ckg:hasSubProcessorEngagement ?e2 . ?e2 ckg:safeguard {iri(safeguard)} }}")
    if data_category:
        where.append(f"FILTER EXISTS {{ ?contract dpv:hasPersonalData {iri(data_category)} }}")
    if role and role in ROLE_PROPS:
        where.append(f"FILTER EXISTS {{ ?contract {ROLE_PROPS[role]} ?someone }}")
    body = "\n  ".join(where)
    return f"""
SELECT ?contract ?total WHERE {{
  {{ SELECT (COUNT(DISTINCT ?contract) AS ?total) WHERE {{ {body} }} }}
  {{ SELECT DISTINCT ?contract WHERE {{ {body} }} ORDER BY ?contract LIMIT {int(limit)} }}
}}
"""


EDGE_BRANCHES = (
    """{{ VALUES (?rel ?label) {{ (dpv:hasDataController "controller") (dpv:hasDataProcessor "processor")
        (dpv:hasDataExporter "data exporter") (dpv:hasDataImporter "data importer")
        (ckg:hasProvider "provider") (ckg:hasCustomer "customer") }}
     GRAPH ?g {{ {c} ?rel ?target . {role_filter}
     OPTIONAL {{ ?target rdfs:label ?target_label }} OPTIONAL {{ {c} dct:title ?source_label }} }}
     BIND({c} AS ?source) BIND("contract" AS ?source_type) BIND("party" AS ?target_type) }}""",
    """{{ GRAPH ?g {{ {c} ckg:hasSubProcessorEngagement ?eng . ?eng ckg:subProcessor ?target .
     OPTIONAL {{ ?eng ckg:safeguard ?safeguard }}
     OPTIONAL {{ ?target rdfs:label ?target_label }} OPTIONAL {{ {c} dct:title ?source_label }} }}
     BIND("sub-processor" AS ?label) BIND({c} AS ?source) BIND("contract" AS ?source_type)
     BIND("subprocessor" AS ?target_type) }}""",
    """{{ GRAPH ?g {{ {c} ckg:hasParty ?source . ?source ckg:country ?target .
     OPTIONAL {{ ?source rdfs:label ?source_label }} }}
     BIND("seat" AS ?label) BIND("party" AS ?source_type) BIND("country" AS ?target_type) }}""",
    """{{ GRAPH ?g {{ {c} ckg:hasSubProcessorEngagement ?eng . ?eng ckg:subProcessor ?source ; ckg:location ?target .
     OPTIONAL {{ ?source rdfs:label ?source_label }} }}
     BIND("processes in" AS ?label) BIND("subprocessor" AS ?source_type) BIND("country" AS ?target_type) }}""",
)


def edges(contract_iris: list[str], role: str | None = None) -> str:
    """Edges around the given contracts: parties by role, sub-processors, countries.

    Each contract gets its own branches with its IRI written in (the engine does not pass VALUES into
    UNION branches), read inside the contract's graph where a shared party's triples appear once."""
    role_filter = f"FILTER(?rel = {ROLE_PROPS[role]})" if role in ROLE_PROPS else ""
    branches = [b.format(c=iri(c), role_filter=role_filter) for c in contract_iris for b in EDGE_BRANCHES]
    body = "\n  UNION\n  ".join(branches) or "FILTER(false)"
    return f"""
SELECT ?source ?source_label ?source_type ?target ?target_label ?target_type ?label ?safeguard WHERE {{
  {body}
}}
"""


NEIGHBOUR_PROPS = ("dpv:hasDataController, dpv:hasDataProcessor, dpv:hasDataExporter, dpv:hasDataImporter, "
                   "ckg:hasProvider, ckg:hasCustomer, ckg:hasSubProcessor, ckg:country, ckg:hasParty")


def neighbour_edges(node: str, limit: int = 60) -> str:
    """Distinct edges one hop from a node, either direction (labels come from node_info)."""
    return f"""
SELECT DISTINCT ?source ?target ?label WHERE {{
  {{ {iri(node)} ?p ?other . BIND({iri(node)} AS ?source) BIND(?other AS ?target) }}
  UNION {{ ?other ?p {iri(node)} . BIND(?other AS ?source) BIND({iri(node)} AS ?target) }}
  FILTER(?p IN ({NEIGHBOUR_PROPS}))
  BIND(REPLACE(STR(?p), "^.*[#/](has)?", "") AS ?label)
}} LIMIT {int(limit)}
"""


def node_info(nodes: list[str]) -> str:
    """Label and type of each node (contract, party or country)."""
    values = " ".join(iri(n) for n in nodes) or "<urn:none>"
    return f"""
SELECT ?node (SAMPLE(?l) AS ?label) (MAX(?is_contract) AS ?contract) WHERE {{
  VALUES ?node {{ {values} }}
  OPTIONAL {{ ?node rdfs:label|dct:title ?l }}
  BIND(EXISTS {{ ?node ckg:fromDocument ?d }} AS ?is_contract)
}} GROUP BY ?node
"""


FLOWS = """
SELECT ?from ?to ?safeguard (COUNT(DISTINCT ?contract) AS ?contracts) WHERE {
  { GRAPH ?g { ?contract ckg:hasSubProcessorEngagement ?eng . ?eng ckg:subProcessor ?sp .
    OPTIONAL { ?eng ckg:location ?loc } OPTIONAL { ?sp ckg:country ?seat }
    BIND(COALESCE(?loc, ?seat) AS ?to) FILTER(BOUND(?to))
    ?contract dpv:hasDataProcessor|ckg:hasProvider ?vendor . ?vendor ckg:country ?from .
    OPTIONAL { ?eng ckg:safeguard ?sg0 } BIND(COALESCE(?sg0, "") AS ?safeguard) } }
  UNION
  { ?contract ckg:hasTransfer ?t . ?t ckg:fromCountry ?from ; ckg:toCountry ?to .
    OPTIONAL { ?t ckg:mechanism ?sg1 } BIND(COALESCE(?sg1, "") AS ?safeguard) }
  FILTER(?from != ?to)
} GROUP BY ?from ?to ?safeguard ORDER BY DESC(?contracts) LIMIT 500
"""

