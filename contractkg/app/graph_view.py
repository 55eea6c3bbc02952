"""The graph explorer: a filtered, sampled network with a legend, neighbourhood expansion, a flow map."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import networkx as nx
import pandas as pd
import plotly.graph_objects as go
import streamlit as st
import yaml

from contractkg.app import data, flow_map, labels, sparql_contract, tables, ui, vocab
from contractkg.app import sparql_graph as q

NODE_STYLE = {  # type -> (colour, symbol, legend name)
    "contract": ("#2c3e50", "square", "Contract"),
    "party": ("#2980b9", "circle", "Party"),
    "subprocessor": ("#8e44ad", "diamond", "Sub-processor"),
    "country": ("#27ae60", "triangle-up", "Country"),
}
MAX_NODES = 200  # beyond this the network is unreadable: sample contracts instead


@lru_cache(maxsize=1)
def centroids() -> dict[str, tuple[float, float]]:
    raw = yaml.safe_load((Path(__file__).parent / "centroids.yaml").read_text(encoding="utf-8"))
    return {k: (float(v[0]), float(v[1])) for k, v in raw.items()}


def node_label(iri: str, label: str | None, kind: str) -> str:
    if kind == "country":
        return vocab.country(iri)
    return data.short(labels.title(label) or labels.local(iri), 40)


def build_graph(rows: list[dict[str, str | None]]) -> nx.Graph:
    """Edge rows (source/target with labels and types) -> an undirected graph with node attributes."""
    g = nx.Graph()
    for r in rows:
        s, t = r.get("source"), r.get("target")
        if not s or not t:
            continue
        for node, label, kind in ((s, r.get("source_label"), r.get("source_type")),
                                  (t, r.get("target_label"), r.get("target_type"))):
            kind = kind or "party"
            if node not in g or g.nodes[node].get("kind") == "party":  # a sub-processor is also a party
                g.add_node(node, kind=kind, label=node_label(node, label, kind))
        sg = vocab.safeguard(r.get("safeguard"))
        g.add_edge(s, t, label=labels.relation(r.get("label")) + (f" ({sg})" if sg else ""))
    return g


def neighbour_rows(node: str) -> list[dict[str, str | None]]:
    """Edge rows one hop from a node: distinct edges first, then one label per node (two cheap queries)."""
    found = data.rows(q.neighbour_edges(node))
    nodes = sorted({r[k] for r in found for k in ("source", "target") if r.get(k)})
    info = {r["node"]: r for r in data.rows(q.node_info(nodes))} if nodes else {}

    def kind(n: str) -> str:
        if vocab.country(n) != n:
            return "country"
        return "contract" if info.get(n, {}).get("contract") == "true" else "party"

    return [{"source": r["source"], "target": r["target"], "label": labels.relation(r.get("label")),
             "source_label": info.get(r["source"], {}).get("label"), "source_type": kind(r["source"]),
             "target_label": info.get(r["target"], {}).get("label"), "target_type": kind(r["target"])}
            for r in found if r.get("source") and r.get("target")]


def layout(g: nx.Graph) -> dict[str, tuple[float, float]]:
    """Node positions: a seeded spring layout, spread more as the graph grows (stable between runs,
    and computed once per graph: about a second for 300 nodes)."""
    if not len(g):
        return {}
    return _spring(tuple(sorted(map(str, g.nodes))), tuple(sorted(tuple(sorted((str(a), str(b)))) for a, b in g.edges)))


@st.cache_data(show_spinner=False, max_entries=64)
def _spring(nodes: tuple[str, ...], edges: tuple[tuple[str, ...], ...]) -> dict[str, tuple[float, float]]:
    g = nx.Graph()
    g.add_nodes_from(nodes)
    g.add_edges_from(edges)
    pos = nx.spring_layout(g, seed=7, k=3.0 / max(1, len(g)) ** 0.5, iterations=80)
    return {n: (float(x), float(y)) for n, (x, y) in pos.items()}


def shown_labels(g: nx.Graph, pos: dict[str, tuple[float, float]], most: int = 15) -> set[str]:
    """Nodes whose name is written on the graph: the best-connected first, skipping any whose name would
    overlap one already written (every name shows on hover, and zooming in spreads the nodes)."""
    xs = [x for x, _ in pos.values()] or [0.0]
    ys = [y for _, y in pos.values()] or [0.0]
    width, height = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    written: list[str] = []
    for n, _ in sorted(g.degree, key=lambda nd: (-nd[1], str(nd[0]))):
        x, y = pos[n]
        if all(abs(x - pos[m][0]) > 0.16 * width or abs(y - pos[m][1]) > 0.05 * height for m in written):
            written.append(n)
        if len(written) >= most:
            break
    return set(written)


def node_size(degree: int, top: int) -> float:
    return 8 + 22 * (degree / max(1, top)) ** 0.5


def figure(g: nx.Graph) -> go.Figure:
    pos = layout(g)
    ex, ey, mx, my, mtext = [], [], [], [], []
    for a, b, d in g.edges(data=True):
        ex += [pos[a][0], pos[b][0], None]
        ey += [pos[a][1], pos[b][1], None]
        mx.append((pos[a][0] + pos[b][0]) / 2)
        my.append((pos[a][1] + pos[b][1]) / 2)
        mtext.append(f"{g.nodes[a]['label']} – {d.get('label') or 'related'} – {g.nodes[b]['label']}")
    traces = [go.Scatter(x=ex, y=ey, mode="lines", line={"width": 0.7, "color": "#bbb"}, hoverinfo="skip",
                         showlegend=False),
              go.Scatter(x=mx, y=my, mode="markers", marker={"size": 6, "opacity": 0}, text=mtext,
                         hovertemplate="%{text}<extra>relation</extra>", showlegend=False)]
    written = shown_labels(g, pos)
    top = max((deg for _, deg in g.degree), default=1)
    for kind, (colour, symbol, name) in NODE_STYLE.items():
        nodes = [n for n, d in g.nodes(data=True) if d.get("kind") == kind]
        if not nodes:
            continue
        traces.append(go.Scatter(
            x=[pos[n][0] for n in nodes], y=[pos[n][1] for n in nodes], mode="markers+text", name=name,
            text=[data.short(g.nodes[n]["label"], 28) if n in written else "" for n in nodes],
            hovertext=[f"{g.nodes[n]['label']}<br>{g.degree(n)} link(s)" for n in nodes],
            textposition="top center", textfont={"size": 10}, cliponaxis=False, customdata=nodes,
            hovertemplate="%{hovertext}<extra>" + name + "</extra>",
            unselected={"marker": {"opacity": 0.65}, "textfont": {"color": "#777"}},
            marker={"size": [node_size(g.degree(n), top) for n in nodes], "color": colour, "symbol": symbol,
                    "line": {"width": 1, "color": "white"}}))
    xs = [x for x, _ in pos.values()] or [0.0]
    ys = [y for _, y in pos.values()] or [0.0]
    pad_x, pad_y = 0.12 * (max(xs) - min(xs) or 1), 0.12 * (max(ys) - min(ys) or 1)  # room for the names
    fig = go.Figure(traces)
    fig.update_layout(height=620, margin={"l": 10, "r": 10, "t": 30, "b": 10},
                      legend={"title": "Legend (size: number of links)", "orientation": "h", "y": 1.06},
                      xaxis={"visible": False, "range": [min(xs) - pad_x, max(xs) + pad_x]},
                      yaxis={"visible": False, "range": [min(ys) - pad_y, max(ys) + 1.5 * pad_y]},
                      clickmode="event+select", dragmode="pan", hoverlabel={"namelength": -1})
    return fig


def flows() -> pd.DataFrame:
    """Country -> country data flows (vendor seat to sub-processor location, and stated transfers)."""
    cent = centroids()
    out = []
    for r in data.rows(q.FLOWS):
        a, b = vocab.country(r.get("from")), vocab.country(r.get("to"))
        if a in cent and b in cent:
            out.append({"from": a, "to": b, "safeguard": vocab.safeguard(r.get("safeguard")) or "not stated",
                        "contracts": int(r.get("contracts") or 0),
                        "from_lat": cent[a][0], "from_lon": cent[a][1], "to_lat": cent[b][0], "to_lon": cent[b][1],
                        "outside_eea": b not in vocab.eea()})
    return pd.DataFrame(out)


def _map() -> None:
    df = flows()
    if df.empty:
        st.info("No cross-border flow found (vendor seat to sub-processor location, or stated transfers).")
        return
    df = df.groupby(["from", "to", "from_lat", "from_lon", "to_lat", "to_lon", "outside_eea"], as_index=False).agg(
        contracts=("contracts", "sum"), safeguard=("safeguard", lambda s: ", ".join(sorted(set(s)))))
    st.plotly_chart(flow_map.figure(df), key="gx_map", width="stretch",
                    config={"scrollZoom": True, "displaylogo": False})
    st.caption("Red arcs leave the EEA (destination in red); blue arcs stay inside it. Width: number of contracts. "
               "Country outlines: Natural Earth, shipped with contractkg (no network needed).")
    names = flow_map.country_names()
    table = df[["from", "to", "contracts", "safeguard"]].sort_values("contracts", ascending=False)
    table = table.assign(**{"from": [names.get(c, c) for c in table["from"]],
                            "to": [names.get(c, c) for c in table["to"]]})
    tables.show(table, key="gx_flows")


def _filters() -> tuple[str | None, str | None, str | None, str | None, int]:
    def options(facet: str) -> list[str | None]:
        return [None, *sorted({r["value"] for r in data.rows(q.FILTER_OPTIONS[facet]) if r.get("value")})]

    c = st.columns(5)
    country = c[0].selectbox("Country", options("country"), format_func=lambda v: vocab.country(v) if v else "any",
                             key="gx_country")
    safeguard = c[1].selectbox("Safeguard", options("safeguard"),
                               format_func=lambda v: vocab.safeguard(v) if v else "any", key="gx_safeguard")
    category = c[2].selectbox("Data category", options("data"),
                              format_func=lambda v: labels.concept(v) if v else "any", key="gx_data")
    role = c[3].selectbox("Role", [None, *q.ROLE_PROPS], format_func=lambda v: labels.relation(v) if v else "any",
                        key="gx_role")
    limit = int(c[4].number_input("Max contracts", 1, 500, 40, key="gx_limit",
                                  help="The network shows a sample of the matching contracts."))
    return country, safeguard, category, role, limit


def matching_contracts(country: str | None, safeguard: str | None, category: str | None, role: str | None,
                       limit: int) -> tuple[int, list[str]]:
    """How many contracts match the filters, and a stable sample of at most ``limit`` of them. With no
    filter set, a count and the first contracts the store lists: no test per contract of the store."""
    if not any((country, safeguard, category, role)):
        total = int((data.rows(sparql_contract.COUNT) or [{}])[0].get("contracts") or 0)
        return total, [r["contract"] for r in data.rows(sparql_contract.sample(False, limit))]
    rows = data.rows(q.contracts(country, safeguard, category, role, limit))
    return (int(rows[0]["total"] or 0) if rows else 0), [r["contract"] for r in rows if r.get("contract")]


def _network() -> None:
    country, safeguard, category, role, limit = _filters()
    total, chosen = matching_contracts(country, safeguard, category, role, limit)
    edges = list(data.rows(q.edges(chosen, role))) if chosen else []
    expanded = st.session_state.setdefault("gx_expanded", [])
    for node in expanded:
        edges += neighbour_rows(node)
    g = build_graph(edges)
    if len(g) > MAX_NODES:  # keep the best-connected nodes
        keep = sorted(g.degree, key=lambda nd: -nd[1])[:MAX_NODES]
        g = g.subgraph([n for n, _ in keep]).copy()
    st.caption(f"{total} contract(s) match; showing {len(chosen)} of them"
               f"{' (a sample: raise the limit or narrow the filters)' if total > len(chosen) else ''}; "
               f"{g.number_of_nodes()} nodes, {g.number_of_edges()} edges. Click a node to expand it.")
    if not len(g):
        st.info("Nothing to draw for these filters.")
        return
    event = st.plotly_chart(figure(g), on_select="rerun", selection_mode="points", key="gx_chart",
                            width="stretch")
    points = ui.selected_points(event)
    clicked = next((p.get("customdata") for p in points if p.get("customdata")), None)
    names = {n: f"{d['label']} ({NODE_STYLE.get(d['kind'], ('', '', d['kind']))[2].lower()})"
             for n, d in g.nodes(data=True)}
    nodes = sorted(names, key=lambda n: names[n].lower())
    index = nodes.index(clicked) if clicked in names else 0
    c1, c2, c3 = st.columns([3, 1, 1])
    node = c1.selectbox("Node", nodes, index=index, format_func=lambda n: names.get(n, n),
                        key=f"gx_node_{clicked}")
    if c2.button("Expand neighbourhood", key="gx_expand") and node not in expanded:
        expanded.append(node)
        st.rerun()
    if c3.button("Reset expansions", key="gx_reset", disabled=not expanded):
        expanded.clear()
        st.rerun()
    if node:
        neigh = [{"neighbour": names.get(m, m), "relation": g.edges[node, m].get("label")} for m in g.neighbors(node)]
        tables.show(pd.DataFrame(neigh, columns=["neighbour", "relation"]), key="gx_neighbours")


def render() -> None:
    """Each tab runs only while it is open (the map reads every flow of the store)."""
    tab_net, tab_map = st.tabs(["Network", "World map of data flows"], key="gx_tab", on_change="rerun")
    if tab_net.open:
        with tab_net:
            _network()
    if tab_map.open:
        with tab_map:
            _map()
