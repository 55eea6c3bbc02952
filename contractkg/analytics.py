"""The data-flow graph as a networkx projection of the RDF graph, and analytics over it.

Nodes are parties (IRI ids, shared across contracts for named parties) and countries (loc: IRIs).
Edges: controller -> processor ("processing"), processor -> sub-processor ("subprocessing", with
the service and transfer safeguard), party -> country ("located_in"). Chains of onward transfer
appear when a sub-processor of one contract is the processor of another.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx

from contractkg.namespaces import LOC
from contractkg.queries.load import text
from contractkg.store.base import Store

# EU-27 plus Iceland, Liechtenstein and Norway: a transfer elsewhere is a third-country transfer.
EEA = frozenset("AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IS IT LI LT LU LV MT NL NO PL PT RO SE SI SK".split())

SAFEGUARD_KEY = {"NoSafeguardNeeded": "none", "SCCSafeguard": "scc", "AdequacySafeguard": "adequacy",
                 "BCRSafeguard": "bcr", "DPFSafeguard": "dpf", "DerogationSafeguard": "derogation",
                 "UnspecifiedSafeguard": "unspecified"}


def country_code(iri: str) -> str:
    return iri[len(LOC):] if iri.startswith(LOC) else iri.rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def data_flow(store: Store) -> nx.MultiDiGraph:
    """Project the store's agreements onto a directed multigraph (one edge per agreement and relation)."""
    g = nx.MultiDiGraph()
    by_contract: dict[str, dict[str, set[str]]] = {}
    for r in store.query(text("internal/analytics/roles")).rows:
        party, contract, role = r["party"], r["contract"], r["role"]
        if not party or not contract or not role:
            continue
        _party_node(g, party, r.get("label"), role)
        by_contract.setdefault(contract, {}).setdefault(role, set()).add(party)
        if r.get("country"):
            _located(g, party, str(r["country"]), contract)
    details = {(str(r["contract"]), str(r["party"])): r for r in store.query(text("internal/analytics/engagements")).rows}
    for contract, roles in sorted(by_contract.items()):
        for c in sorted(roles.get("controller", ())):
            for p in sorted(roles.get("processor", ())):
                if c != p:
                    g.add_edge(c, p, key=contract, relation="processing", contract=contract)
        for p in sorted(roles.get("processor", ())):
            for s in sorted(roles.get("subprocessor", ())):
                if p == s:
                    continue
                info = details.get((contract, s)) or {}
                g.add_edge(p, s, key=contract, relation="subprocessing", contract=contract,
                           service=info.get("service") or "", safeguard=safeguard_key(info.get("safeguard")))
                if info.get("country"):
                    _located(g, s, str(info["country"]), contract)
    for r in store.query(text("internal/analytics/transfers")).rows:
        _transfer(g, r, by_contract.get(str(r["contract"]), {}).get("processor", set()))
    return g


def safeguard_key(iri: str | None) -> str:
    return SAFEGUARD_KEY.get((iri or "").rsplit("#", 1)[-1], "")


def _transfer(g: nx.MultiDiGraph, row: dict[str, str | None], senders: set[str]) -> None:
    """A stated transfer: sender -> recipient -> country, or sender -> country without a recipient."""
    contract, country, recipient = row["contract"], row["country"], row.get("party")
    if not contract or not country:
        return
    sg = safeguard_key(row.get("safeguard"))
    if recipient:
        _party_node(g, recipient, row.get("label"), "recipient")
        _located(g, recipient, country, contract)
    target = recipient or country
    if not recipient:
        _located_node(g, country)
    for s in sorted(senders - {target}):
        g.add_edge(s, target, key=f"{contract}/transfer", relation="transfer", contract=contract, safeguard=sg)


def _party_node(g: nx.MultiDiGraph, iri: str, label: str | None, role: str) -> None:
    if iri not in g:
        g.add_node(iri, kind="party", label=label or iri.rsplit("/", 1)[-1], roles="")
    roles = set(filter(None, g.nodes[iri]["roles"].split(";"))) | {role}
    g.nodes[iri]["roles"] = ";".join(sorted(roles))
    if label and g.nodes[iri]["label"] != label and g.nodes[iri]["label"] == iri.rsplit("/", 1)[-1]:
        g.nodes[iri]["label"] = label


def _located_node(g: nx.MultiDiGraph, country: str) -> None:
    if country not in g:
        code = country_code(country)
        g.add_node(country, kind="country", label=code, eea=code in EEA)


def _located(g: nx.MultiDiGraph, party: str, country: str, contract: str) -> None:
    _located_node(g, country)
    if not g.has_edge(party, country, key="located_in"):
        g.add_edge(party, country, key="located_in", relation="located_in", contract=contract)


def parties(g: nx.MultiDiGraph, role: str) -> list[str]:
    return sorted(n for n, d in g.nodes(data=True) if d.get("kind") == "party" and role in d["roles"].split(";"))


def countries_of(g: nx.MultiDiGraph, party: str) -> list[str]:
    return sorted(g.nodes[v]["label"] for _, v, d in g.out_edges(party, data=True) if d["relation"] == "located_in")


def concentration(g: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """Sub-processors ranked by how many distinct vendors (processors) engage them."""
    out = []
    for s in parties(g, "subprocessor"):
        vendors = sorted({g.nodes[u]["label"] for u, _, d in g.in_edges(s, data=True)
                          if d["relation"] == "subprocessing"})
        out.append({"subprocessor": g.nodes[s]["label"], "iri": s, "country": ", ".join(countries_of(g, s)),
                    "vendors": vendors, "count": len(vendors)})
    return sorted(out, key=lambda r: (-r["count"], r["subprocessor"].lower()))


def third_country_paths(g: nx.MultiDiGraph, cutoff: int = 6) -> list[dict[str, Any]]:
    """Every simple path from a chain head (a controller, or a processor without one) to a non-EEA country."""
    flow = nx.DiGraph((u, v) for u, v, d in g.edges(data=True))
    heads = [n for n in g if g.nodes[n].get("kind") == "party"
             and not any(d["relation"] == "processing" for _, _, d in g.in_edges(n, data=True))
             and any(d["relation"] in ("processing", "subprocessing", "transfer") for _, _, d in g.out_edges(n, data=True))]
    targets = [n for n, d in g.nodes(data=True) if d.get("kind") == "country" and not d["eea"]]
    out = []
    for h in sorted(heads):
        for t in sorted(targets):
            for path in nx.all_simple_paths(flow, h, t, cutoff=cutoff):
                if any(g.nodes[n].get("kind") == "country" for n in path[:-1]):
                    continue
                out.append({"country": g.nodes[t]["label"], "hops": len(path) - 1,
                            "path": [g.nodes[n]["label"] for n in path], "iris": path})
    return sorted(out, key=lambda r: (r["country"], r["hops"], r["path"]))


def onward_chains(g: nx.MultiDiGraph, min_hops: int = 2) -> list[list[str]]:
    """Chains processor -> sub-processor -> sub-sub-processor ... of at least min_hops sub-processing edges."""
    sub = nx.DiGraph((u, v) for u, v, d in g.edges(data=True) if d["relation"] == "subprocessing")
    chains = []
    for head in (n for n in sub if sub.in_degree(n) == 0):
        for tail in (n for n in sub if sub.out_degree(n) == 0):
            for path in nx.all_simple_paths(sub, head, tail):
                if len(path) - 1 >= min_hops:
                    chains.append([g.nodes[n]["label"] for n in path])
    return sorted(chains)


def to_json(g: nx.MultiDiGraph) -> dict[str, Any]:
    """Node-link JSON (Cytoscape, d3, `networkx.node_link_graph`)."""
    data: dict[str, Any] = nx.node_link_data(g, edges="links")
    return data


def write(g: nx.MultiDiGraph, path: Path, fmt: str) -> None:
    if fmt == "graphml":
        nx.write_graphml(g, str(path))
    elif fmt == "json":
        path.write_text(json.dumps(to_json(g), ensure_ascii=False, indent=1), encoding="utf-8")
    else:
        raise ValueError(f"unknown graph format {fmt!r}: use graphml or json")
