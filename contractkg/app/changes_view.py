"""The Changes page: per vendor, a timeline of an agreement's versions, what each version changed
(with the words of the clause), and the objection deadlines that new sub-processors opened."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from contractkg.app import data, labels, tables
from contractkg.app.sparql import app_query
from contractkg.queries.load import iris

AREAS = {"subprocessor": "sub-processor", "deadline": "deadline", "party": "party", "governing_law": "governing law",
         "jurisdiction": "courts", "art28": "Art. 28 element", "clause": "clause text"}
DEADLINES = {"breach_notification": "breach notification", "breach_notification_qualifier": "breach notification wording",
             "subprocessor_notice": "notice of a new sub-processor", "subprocessor_objection": "objection window",
             "audit_notice": "audit notice"}
VERSIONS = app_query("versions")
CHANGES = app_query("changes")
_MARK = re.compile(r"\[-(.*?)-\]|\{\+(.*?)\+\}")


def diff_html(compact: str | None) -> str:
    """The word diff with removed words struck through in red and added words in green."""
    out, pos, text = [], 0, compact or ""
    for m in _MARK.finditer(text):
        out.append(html.escape(text[pos:m.start()]))
        if m.group(1) is not None:
            out.append(f'<del style="color:#b42318">{html.escape(m.group(1))}</del>')
        else:
            out.append(f'<ins style="color:#067647;text-decoration:none;font-weight:600">{html.escape(m.group(2))}</ins>')
        pos = m.end()
    out.append(html.escape(text[pos:]))
    return "".join(out)


def version_label(row: dict[str, Any]) -> str:
    name = f"version {row['version']}" if labels.present(row.get("version")) else "version"
    return f"{name} of {row['date']}" + (" (ingest date: no date in the text)" if row.get("basis") == "ingest date" else "")


def change_text(c: dict[str, Any]) -> str:
    subject = DEADLINES.get(c["subject"], c["subject"]) if c["area"] == "deadline" else c["subject"]
    area = AREAS.get(c["area"], c["area"])
    if subject == area and c.get("attribute"):  # "courts changed: court", not "courts (court)"
        subject = c["attribute"]
    elif c.get("attribute"):
        subject += f" ({c['attribute']})"
    what = f"**{area} {c['kind']}**: {subject}"
    if c["area"] != "clause":
        if c["kind"] == "changed":
            what += f": {c.get('before') or '–'} → {c.get('after') or '–'}"
        elif c.get("after") or c.get("before"):
            what += f" ({c.get('after') or c.get('before')})"
    if labels.present(c.get("clause")):
        what += f" · clause {c['clause']}"
    return what


def deadline_text(deadline: str, today: dt.date) -> str:
    days = (dt.date.fromisoformat(deadline) - today).days
    state = f"open, {days} day(s) left" if days >= 0 else f"closed {-days} day(s) ago"
    return f"Objection deadline: **{deadline}** ({state})"


def timelines(select: Callable[[str], list[dict[str, Any]]] = data.rows) -> dict[str, list[dict[str, Any]]]:
    """Vendor -> its versions, oldest first (an agreement with a single version is not listed)."""
    by_vendor: dict[str, list[dict[str, Any]]] = {}
    rows = select(VERSIONS)
    contracts = sorted({r["contract"] for r in rows})
    named = select(app_query("version-vendors", contracts=iris(contracts))) if contracts else []
    vendors = {r["contract"]: r.get("vendor") for r in named}
    for row in rows:
        vendor = vendors.get(row["contract"]) or labels.title(row.get("title")) or "unknown vendor"
        by_vendor.setdefault(vendor, []).append(dict(row, vendor=vendor))
    return {v: sorted(rows, key=lambda r: (r["date"] or "", r.get("version") or "")) for v, rows in sorted(by_vendor.items())}


def open_deadlines(today: dt.date, select: Callable[[str], list[dict[str, Any]]] = data.rows) -> pd.DataFrame:
    from contractkg.queries import runner

    rows = select(runner.sparql_text(runner.get("upcoming-objection-deadlines"), {"on": today.isoformat()}))
    df = pd.DataFrame(rows, columns=["vendorLabel", "subprocessor", "contractLabel", "version_date", "date_basis",
                                     "window", "deadline"])
    return df.rename(columns={"vendorLabel": "vendor", "subprocessor": "new sub-processor",
                              "contractLabel": "version", "version_date": "version date", "date_basis": "date from",
                              "window": "objection window", "deadline": "last day to object"})


def timeline_figure(lines: dict[str, list[dict[str, Any]]], changes: dict[str, list[dict[str, Any]]],
                    today: dt.date) -> go.Figure:
    """One row per vendor: its versions by date (filled: current), and each objection deadline."""
    fig = go.Figure()
    for current, name, symbol in ((False, "superseded version", "circle-open"), (True, "current version", "circle")):
        pts = [(r["date"], v, version_label(r)) for v, rows in lines.items() for r in rows
               if (r["current"] == "true") == current]
        fig.add_trace(go.Scatter(x=[p[0] for p in pts], y=[p[1] for p in pts], text=[p[2] for p in pts], name=name,
                                 mode="markers", marker={"symbol": symbol, "size": 13, "color": "#1f4e79"},
                                 hovertemplate="%{y}<br>%{text}<extra></extra>"))
    deadlines = [(c["deadline"], v, c["subject"]) for v, rows in lines.items() for r in rows
                 for c in changes.get(r["contract"], []) if labels.present(c.get("deadline"))]
    if deadlines:
        fig.add_trace(go.Scatter(
            x=[d[0] for d in deadlines], y=[d[1] for d in deadlines], name="objection deadline",
            text=[f"object to {d[2]} by {d[0]}" for d in deadlines], mode="markers",
            marker={"symbol": "diamond", "size": 12,
                    "color": ["#b42318" if d[0] >= today.isoformat() else "#98a2b3" for d in deadlines]},
            hovertemplate="%{y}<br>%{text}<extra></extra>"))
    fig.add_vline(x=today.isoformat(), line_dash="dot", line_color="#98a2b3")
    fig.update_layout(height=120 + 40 * len(lines), margin={"l": 10, "r": 10, "t": 10, "b": 10},
                      legend={"orientation": "h", "y": -0.25}, xaxis_title=None, yaxis_title=None)
    return fig


def render(today: dt.date | None = None) -> None:
    today = today or dt.datetime.now(dt.UTC).date()
    st.caption("Versions of one agreement: the same file read again with new content, or the same vendor, kind "
               "and title. A version's date is the one its text states; where it states none, the day it was "
               "ingested is used, and the timeline says so.")
    st.subheader("Open objection deadlines")
    deadlines = open_deadlines(today)
    if deadlines.empty:
        st.info("No objection deadline is open: no new version adds a sub-processor, or their windows have passed.")
    else:
        tables.show(deadlines)
    lines = timelines()
    if not lines:
        st.info("No agreement has more than one version in the store yet. Ingest a newer version of a contract "
                "(the same file with new content, or the vendor's new edition) to see what changed.")
        return
    changes: dict[str, list[dict[str, Any]]] = {}
    for c in data.rows(CHANGES):
        changes.setdefault(c["contract"], []).append(c)
    choice = st.selectbox("Vendor", ["All vendors", *lines], key="changes_vendor")
    shown = {v: rows for v, rows in lines.items() if choice in ("All vendors", v)}
    st.subheader("Timeline")
    st.plotly_chart(timeline_figure(shown, changes, today), width="stretch", key="changes_timeline")
    for vendor, versions in shown.items():
        st.subheader(vendor)
        for row in versions:
            marker = "**current**" if row["current"] == "true" else "superseded"
            st.markdown(f"**{version_label(row)}** · {labels.title(row.get('title'))} · {marker}")
            if not labels.present(row.get("previous")):
                st.caption("first version in the store")
                continue
            found = changes.get(row["contract"], [])
            if not found:
                st.caption("no change from the previous version (moved or renumbered clauses are not changes)")
            for c in found:
                st.markdown("- " + change_text(c))
                if labels.present(c.get("diff")):
                    st.markdown(f'<div style="margin-left:1.6rem;font-size:0.85rem">{diff_html(c["diff"])}</div>',
                                unsafe_allow_html=True)
                if labels.present(c.get("deadline")):
                    st.markdown("  " + deadline_text(c["deadline"], today))
