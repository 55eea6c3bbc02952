"""The overview page: counts, the Art. 28 heatmap (click a cell for its clause or violation), top risks."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from contractkg.app import data, labels, sparql, tables, ui, vocab
from contractkg.app.heatmap import ELEMENTS, LABELS, Heatmap
from contractkg.app.overview_data import Ranking, heatmap, missing_rows, page_contracts, ranking
from contractkg.store import Store

__all__ = ["heatmap", "render"]

PAGE_ROWS = 40
MISSING_ROWS = 200  # rows of the missing-elements table (each one's label is read)
LONG_BREACH_HOURS = 72.0
RISK_TABS = ["Transfers without safeguard", "Missing Art. 28 elements", "Breach deadlines",
             "Most shared sub-processors"]


def _counts(rank: Ranking) -> None:
    row = (data.rows(sparql.COUNTS) or [{}])[0]
    cols = st.columns(4)
    cols[0].metric("Documents", row.get("documents") or "0")
    cols[1].metric("Contracts", row.get("contracts") or "0")
    cols[2].metric("DPAs", rank.total)
    cols[3].metric("Parties", row.get("parties") or "0")


def _figure(hm: Heatmap, contracts: list[str]) -> go.Figure:
    """The matrix as a grid of square markers (clickable cell by cell), one trace per status."""
    traces = []
    for status, colour, name in ((False, "#2ecc71", "stipulated"), (True, "#e74c3c", "gap")):
        xs, ys, hover = [], [], []
        for c in contracts:
            for e in ELEMENTS:
                cell = hm.cell(c, e)
                if cell.gap != status:
                    continue
                xs.append(LABELS[e])
                ys.append(hm.labels[c])
                hover.append("GAP: " + "; ".join(cell.violations or ["no clause found"]) if cell.gap
                             else "clause " + ", ".join(cell.clauses))
        traces.append(go.Scatter(x=xs, y=ys, mode="markers", name=name, customdata=hover,
                                 marker={"symbol": "square", "size": 22, "color": colour},
                                 unselected={"marker": {"opacity": 0.55}},
                                 hovertemplate="%{y}<br>%{x}<br>%{customdata}<extra></extra>"))
    fig = go.Figure(traces)
    fig.update_layout(height=160 + 28 * len(contracts), margin={"l": 10, "r": 10, "t": 10, "b": 10},
                      legend={"orientation": "h", "y": -0.02, "yanchor": "top"},
                      xaxis={"side": "top", "tickangle": -35, "categoryorder": "array",
                             "categoryarray": [LABELS[e] for e in ELEMENTS], "showgrid": False},
                      yaxis={"categoryorder": "array", "categoryarray": [hm.labels[c] for c in contracts][::-1],
                             "showgrid": False})
    return fig


def _cell_detail(hm: Heatmap, contract: str, element: str) -> None:
    cell = hm.cell(contract, element)
    st.markdown(f"**Selected cell:** {hm.labels[contract]} · {LABELS[element]}")
    if cell.gap:
        for msg in cell.violations or ["No clause of this agreement stipulates this element."]:
            st.error(f"Violation: {msg}")
    else:
        st.success("Stipulated in clause " + ", ".join(cell.clauses))
        ev = data.rows(sparql.element_evidence(contract, element))
        for r in ev[:3]:
            if r.get("start") and r.get("end"):
                from contractkg.app.texts import document_text, excerpt

                text = document_text(r.get("file"))
                if text:
                    st.code(excerpt(text, int(r["start"]), int(r["end"]), context=120), language=None,
                            wrap_lines=True)
    ui.open_contract(contract, key="heat_open")


def _heatmap_section(rank: Ranking) -> None:
    st.subheader("GDPR Art. 28 coverage")
    if not rank.total:
        st.info("No data processing agreement in the store yet: use the Ingest page.")
        return
    st.caption(f"{rank.total} DPAs, {rank.gap_count()} gaps. Red: missing or reported by "
               "validation; green: stipulated. Click a cell for its clause or violation.")
    if st.button("Re-run validation on every DPA", key="heat_validate",
                 help="SHACL shapes for GDPR Art. 28(3); reports are stored beside each contract."):
        with st.spinner("Validating…"):
            n = data.validate()
        st.toast(f"Validated {n} DPA(s)")
        st.rerun()
    pages = max(1, -(-rank.total // PAGE_ROWS))
    page_no = int(st.number_input("Page (most gaps first)", 1, pages, 1, key="heat_page")) if pages > 1 else 1
    hm = heatmap(data.rows, page_contracts(data.rows, rank, page_no, PAGE_ROWS))
    gaps = hm.gaps()
    shown = sorted(hm.contracts, key=lambda c: (-len(gaps[c]), hm.labels[c]))
    event = st.plotly_chart(_figure(hm, shown), on_select="rerun", selection_mode="points", key="heatmap",
                            width="stretch")
    by_label = {hm.labels[c]: c for c in shown}
    by_elabel = {LABELS[e]: e for e in ELEMENTS}
    points = ui.selected_points(event)
    if points:
        st.session_state["heat_cell"] = (by_label.get(str(points[0].get("y"))), by_elabel.get(str(points[0].get("x"))))
    with st.expander("Choose a cell without the mouse"):
        c1, c2 = st.columns(2)
        contract = c1.selectbox("Contract", shown, format_func=lambda c: hm.labels.get(c, c), key="heat_contract")
        element = c2.selectbox("Element", ELEMENTS, format_func=lambda e: LABELS.get(e, e), key="heat_element")
        if st.button("Show cell", key="heat_show"):
            st.session_state["heat_cell"] = (contract, element)
    cell = st.session_state.get("heat_cell")
    if cell and cell[0] in hm.labels and cell[1] in ELEMENTS:
        _cell_detail(hm, cell[0], cell[1])


def missing_elements(rank: Ranking, most: int | None = None) -> pd.DataFrame:
    """One row per Art. 28 element and contract that lacks it, the most often missing element first;
    ``df.attrs["rows"]``: how many there are in all (the table holds at most ``most``)."""
    found, total = missing_rows(data.rows, rank, most)
    rows = [dict(r, element=LABELS[r["element"]]) for r in found]
    df = tables.with_contract_links(pd.DataFrame(rows, columns=["element", "contracts lacking it", "contract",
                                                                "contract_iri"]))
    df.attrs["rows"] = total
    return df


def _risks(rank: Ranking) -> None:
    """Each tab runs its queries only while it is open (the missing elements, from the gap rows the
    heatmap has read already, are open first)."""
    st.subheader("Top risks")
    t1, t2, t3, t4 = st.tabs(RISK_TABS, key="risk_tab", on_change="rerun", default=RISK_TABS[1])
    if t1.open:
        with t1:
            df = risky_transfers()
            tables.show(df, key="risk_transfers") if not df.empty else st.success(
                "No sub-processor outside the EEA without a safeguard.")
    if t2.open:
        with t2:
            df = missing_elements(rank, MISSING_ROWS)
            if df.empty:
                st.success("Every DPA stipulates every Art. 28(3) element.")
            else:
                more = (f" The first {len(df)} of {df.attrs['rows']} are listed (the heatmap pages through "
                        "every DPA).") if df.attrs["rows"] > len(df) else ""
                st.caption("Each row is one contract that lacks one element; open ↗ leads to its contract page."
                           + more)
                tables.show(df, key="risk_missing")
    if t3.open:
        with t3:
            df = breach_risks()
            tables.show(df, key="risk_breach") if not df.empty else st.success(
                f"Every DPA sets a breach notification deadline of at most {LONG_BREACH_HOURS:g} hours.")
    if t4.open:
        with t4:
            st.caption("**Vendors**: distinct parties in the processor role (the vendors) in the contracts that "
                       "name this sub-processor; one contract can name more than one processor. **Contracts**: "
                       "contracts that name it; one vendor can have several (a DPA, its annexes, other language "
                       "versions).")
            tables.show(shared_subprocessors(), key="risk_shared", column_config={
                "vendors": st.column_config.NumberColumn("vendors", help="Distinct processors (vendors) relying on it"),
                "contracts": st.column_config.NumberColumn("contracts", help="Agreements that name it")})


def risky_transfers() -> pd.DataFrame:
    """Sub-processors outside the EEA whose engagement states no safeguard (none or unspecified)."""
    out = []
    for r in data.rows(sparql.TRANSFERS):
        code = vocab.country(r.get("country"))
        sg = vocab.safeguard(r.get("safeguard"))
        if code and code not in vocab.eea() and sg in ("", "none", "unspecified"):
            out.append({"contract": labels.contract_name(r.get("title")), "sub-processor": r.get("name"),
                        "country": code, "safeguard": sg or "not stated", "contract_iri": r["contract"]})
    df = pd.DataFrame(out, columns=["contract", "sub-processor", "country", "safeguard", "contract_iri"])
    return tables.with_contract_links(df.drop_duplicates())


def shared_subprocessors() -> pd.DataFrame:
    """The sub-processors that most vendors (processors) depend on."""
    top = data.rows(sparql.SHARED_SUBPROCESSORS)
    iris = [r["subprocessor"] for r in top]
    names = {r["subprocessor"]: r["name"] for r in data.rows(sparql.subprocessor_names(iris))} if iris else {}
    where = {r["subprocessor"]: r["countries"] for r in data.rows(sparql.subprocessor_countries(iris))} if iris else {}
    out = [{"name": names.get(r["subprocessor"]) or vocab.local(r["subprocessor"]),
            "vendors": int(r.get("vendors") or 0), "contracts": int(r.get("contracts") or 0),
            "countries": where.get(r["subprocessor"]) or ""} for r in top]
    return pd.DataFrame(out, columns=["name", "vendors", "contracts", "countries"])


def breach_risks() -> pd.DataFrame:
    """DPAs whose breach notification deadline is over 72 h, or unbounded (no fixed deadline)."""
    out = []
    for r in data.rows(sparql.BREACH_DEADLINES):
        hours = float(r["hours"]) if r.get("hours") else None
        if hours is None or hours > LONG_BREACH_HOURS:
            out.append({"contract": labels.contract_name(r.get("title")),
                        "deadline": r.get("deadline") or "none stated", "hours": hours,
                        "qualifier": labels.concept(r.get("qualifier"), r.get("qualifierLabel")),
                        "contract_iri": r["contract"]})
    df = pd.DataFrame(out, columns=["contract", "deadline", "hours", "qualifier", "contract_iri"]).drop_duplicates()
    return tables.with_contract_links(df)


def render(store: Store) -> None:
    del store  # queries go through data.rows (cached per ingest)
    rank = ranking(data.rows)
    _counts(rank)
    _heatmap_section(rank)
    _risks(rank)
