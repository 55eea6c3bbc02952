"""The world map of data flows, drawn with no network: country outlines ship with the package
(countries-110m.json: Natural Earth 1:110m admin-0 countries, public domain, via the world-atlas
TopoJSON, see NOTICE) and plotly draws them as a choropleth from that GeoJSON, so the browser
fetches no base map."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go

OUTLINES = Path(__file__).resolve().parent / "countries-110m.json"
OUTSIDE_EEA, INSIDE_EEA = "#e74c3c", "#2980b9"
# Country fill: 0 no flow, 1 sends or receives data inside the EEA, 2 receives data from outside it.
FILLS = ["#e5e8e8", "#aed6f1", "#f5b7b1"]


@lru_cache(maxsize=1)
def outlines() -> dict[str, Any]:
    """The countries as a GeoJSON FeatureCollection; each feature's id is its ISO 3166-1 alpha-2 code."""
    data: dict[str, Any] = json.loads(OUTLINES.read_text(encoding="utf-8"))
    return data


def country_names() -> dict[str, str]:
    return {f["id"]: f["properties"]["name"] for f in outlines()["features"]}


def rings(geometry: dict[str, Any]) -> list[list[list[float]]]:
    """The outer ring of each polygon of a Polygon or MultiPolygon geometry."""
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"][0]]
    if geometry["type"] == "MultiPolygon":
        return [polygon[0] for polygon in geometry["coordinates"]]
    return []


def country_trace(feature: dict[str, Any], fill: str) -> go.Scattergeo:
    """One country as filled outlines (lon/lat lines, no base map: plotly fetches nothing)."""
    lon: list[float | None] = []
    lat: list[float | None] = []
    for ring in rings(feature["geometry"]):
        lon += [p[0] for p in ring] + [None]
        lat += [p[1] for p in ring] + [None]
    name = feature["properties"]["name"]
    return go.Scattergeo(lon=lon, lat=lat, mode="lines", fill="toself", fillcolor=fill, showlegend=False,
                         line={"color": "white", "width": 0.5}, name=name, hoverinfo="name")


def figure(flows: pd.DataFrame) -> go.Figure:
    """Countries filled by their part in the flows, one arc per (from, to) pair, its width by contracts.

    flows: from, to (alpha-2), from_lat, from_lon, to_lat, to_lon, outside_eea, contracts, safeguard."""
    names = country_names()
    role = dict.fromkeys(names, 0)
    rows = flows.to_dict("records")
    for r in rows:
        for code in (r["from"], r["to"]):
            role[code] = max(role.get(code, 0), 1)
        if r["outside_eea"]:
            role[r["to"]] = 2
    traces: list[Any] = [country_trace(f, FILLS[role.get(f["id"], 0)]) for f in outlines()["features"]]
    for r in rows:
        colour = OUTSIDE_EEA if r["outside_eea"] else INSIDE_EEA
        label = (f"{names.get(r['from'], r['from'])} → {names.get(r['to'], r['to'])}: {r['contracts']} contract(s), "
                 f"safeguard {r['safeguard']}")
        traces.append(go.Scattergeo(
            lon=[r["from_lon"], r["to_lon"]], lat=[r["from_lat"], r["to_lat"]], mode="lines", showlegend=False,
            line={"width": 1 + min(int(r["contracts"]), 8), "color": colour}, opacity=0.8, text=[label, label],
            hovertemplate="%{text}<extra></extra>"))
    for outside, colour, name in ((True, OUTSIDE_EEA, "leaves the EEA"), (False, INSIDE_EEA, "stays in the EEA")):
        traces.append(go.Scattergeo(lon=[None], lat=[None], mode="lines", line={"color": colour, "width": 3},
                                    name=name, showlegend=bool((flows["outside_eea"] == outside).any())))
    fig = go.Figure(traces)
    fig.update_geos(projection_type="natural earth", showland=False, showocean=False, showcountries=False,
                    showcoastlines=False, showlakes=False, showrivers=False, showframe=False, bgcolor="#f4f9fd",
                    lataxis_range=[-58, 85])
    fig.update_layout(height=480, margin={"l": 0, "r": 0, "t": 0, "b": 0},
                      legend={"orientation": "h", "y": 0.02, "x": 0.01, "bgcolor": "rgba(255,255,255,0.7)"})
    return fig
