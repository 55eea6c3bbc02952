"""The queries behind the graph explorer: filtered, sampled contracts, their edges, neighbourhoods, flows."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pyoxigraph as ox

from contractkg.app.sparql import app_query
from contractkg.queries.load import Term, iris, text
from contractkg.vocabulary import ROLE_PROPERTIES, role_words

# Role key -> property (the explorer's role filter).
ROLE_PROPS = {r: ROLE_PROPERTIES[r] for r in ("controller", "processor", "data_exporter", "data_importer",
                                              "subprocessor", "provider", "customer")}

# Filter choices, one cheap DISTINCT per facet.
FILTER_OPTIONS = {facet: app_query(f"{facet}-options") for facet in ("country", "safeguard", "data")}


def _iri(value: str | None) -> ox.NamedNode | None:
    return ox.NamedNode(value) if value else None


def contracts(country: str | None, safeguard: str | None, data_category: str | None, role: str | None,
              limit: int) -> str:
    """Contracts matching the filters (a stable sample of at most ``limit``) and how many match."""
    row = (_iri(country), _iri(safeguard), _iri(data_category), _iri(ROLE_PROPS.get(role or "")))
    return _limited("graph-contracts", {"filters": [row]}, sample=limit)


def _limited(name: str, tables: Mapping[str, Iterable[Sequence[Term | None]]], **limits: int) -> str:
    return text(f"internal/app/{name}", tables=tables, limits=limits, prefixes=False)


def edges(contract_iris: list[str], role: str | None = None) -> str:
    """Edges around the given contracts: parties by role, sub-processors, countries."""
    wanted = [r for r in ROLE_PROPS if r != "subprocessor" and (role not in ROLE_PROPS or r == role)]
    party_roles = [(ox.NamedNode(ROLE_PROPERTIES[r]), ox.Literal(role_words(r))) for r in wanted]
    return app_query("graph-edges", contracts=iris(contract_iris), party_roles=party_roles)


def neighbour_edges(node: str, limit: int = 60) -> str:
    """Distinct edges one hop from a node, either direction (labels come from node_info)."""
    return _limited("neighbour-edges", {"node": iris([node])}, edges=limit)


def node_info(nodes: list[str]) -> str:
    """Label and type of each node (contract, party or country)."""
    return app_query("node-info", nodes=iris(nodes))


FLOWS = app_query("flows")
