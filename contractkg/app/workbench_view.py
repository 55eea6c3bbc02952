"""The workbench page's widgets (logic lives in workbench.py)."""

from __future__ import annotations

import time
from typing import Any

import pandas as pd
import streamlit as st

from contractkg.app import tables
from contractkg.app import workbench as wb
from contractkg.namespaces import PREFIXES
from contractkg.queries.load import text as query_text
from contractkg.store import Store

DEFAULT_QUERY = query_text("internal/app/workbench-example", prefixes=False)


def _set_query(text: str) -> None:
    st.session_state["wb_query"] = text
    st.session_state["wb_editor_version"] = st.session_state.get("wb_editor_version", 0) + 1


def _execute(store: Store, text: str, limit: int, timeout: float) -> None:
    outcome = wb.run(store, text, limit=limit, timeout=timeout)
    st.session_state["wb_outcome"] = outcome
    history = st.session_state.setdefault("wb_history", [])
    history.insert(0, {"at": time.strftime("%H:%M:%S"), "query": text,
                       "rows": None if outcome.error else len(outcome.records),
                       "seconds": round(outcome.seconds, 3), "error": outcome.error})
    del history[50:]


def _editor() -> str:
    text = st.session_state.setdefault("wb_query", DEFAULT_QUERY)
    plain = st.toggle("Plain text editor", key="wb_plain", help="Without syntax highlighting.")
    if not plain:
        try:
            from streamlit_ace import st_ace
        except ImportError:
            plain = True
    if plain:
        text = st.text_area("SPARQL", text, height=260, key=f"wb_text_{st.session_state.get('wb_editor_version', 0)}")
    else:
        text = str(st_ace(value=text, language="sparql", theme="chrome", min_lines=12, max_lines=30,
                      font_size=14, auto_update=True, show_gutter=True,
                      key=f"wb_ace_{st.session_state.get('wb_editor_version', 0)}") or text)
    st.session_state["wb_query"] = text
    return text


def _library(store: Store, limit: int, timeout: float) -> None:
    st.sidebar.subheader("Named queries")
    library = wb.named_queries()
    if not library:
        st.sidebar.caption("No named queries found in contractkg/queries.")
    for name, q in library.items():
        if st.sidebar.button(q.title or name, key=f"wb_named_{name}", width="stretch",
                             help=(q.description or name) + " (click to load and run)"):
            st.session_state["wb_named"] = name
            if q.params and wb.needs_input(q):
                _set_query(wb.strip_prologue(q.text))
                st.session_state.pop("wb_outcome", None)
            else:
                text = wb.bound_text(q, {}) if q.params else wb.strip_prologue(q.text)
                _set_query(text)
                _execute(store, text, limit, timeout)
    name = str(st.session_state.get("wb_named") or "")
    if name in library and library[name].params:
        _parameters(store, library[name], limit, timeout)


def _parameters(store: Store, q: Any, limit: int, timeout: float) -> None:
    with st.form(f"wb_params_{q.name}"):
        st.markdown(f"**{q.title}**: parameters")
        values = {}
        for p in q.params:
            values[p.name] = st.text_input(f"{p.name} ({p.type}{'' if p.required else ', optional'})",
                                           p.default or "", help=p.description, key=f"wb_p_{q.name}_{p.name}")
        if st.form_submit_button("Run with these parameters"):
            from contractkg.queries.runner import QueryError

            try:
                text = wb.bound_text(q, {k: v for k, v in values.items() if v.strip()})
            except QueryError as e:
                st.error(str(e))
                return
            _set_query(text)
            _execute(store, text, limit, timeout)


def _results() -> None:
    outcome: wb.Outcome | None = st.session_state.get("wb_outcome")
    if outcome is None:
        return
    if outcome.error:
        st.error(outcome.error)
        return
    n = len(outcome.records)
    note = f" (row limit reached: only the first {n} are shown)" if outcome.truncated else ""
    st.caption(f"{n} row{'s' * (n != 1)} in {outcome.seconds * 1000:.0f} ms{note}")
    df = tables.numeric_columns(pd.DataFrame(outcome.records, columns=outcome.columns))  # numbers sort as numbers
    tables.show(df, column_config=tables.iri_links(df), key="wb_results")
    c1, c2, _ = st.columns([1, 1, 4])
    c1.download_button("Download CSV", wb.to_csv(outcome.columns, outcome.records), "results.csv", "text/csv")
    c2.download_button("Download JSON", wb.to_json(outcome.columns, outcome.records), "results.json",
                       "application/json")


def _history() -> None:
    history = st.session_state.get("wb_history") or []
    with st.expander(f"History ({len(history)})", expanded=False):
        for i, h in enumerate(history):
            status = f"error: {h['error']}" if h["error"] else f"{h['rows']} rows, {h['seconds']} s"
            st.markdown(f"**{h['at']}** · {status}")
            st.code(h["query"], language="sparql")
            if st.button("Load into the editor", key=f"wb_hist_{i}"):
                _set_query(h["query"])
                st.rerun()


def render(store: Store) -> None:
    c1, c2 = st.sidebar.columns(2)
    limit = int(c1.number_input("Row limit", 1, 100_000, 1000, step=100, key="wb_limit"))
    timeout = float(c2.number_input("Timeout (s)", 1, 600, 30, key="wb_timeout"))
    _library(store, limit, timeout)
    with st.expander("Pre-declared prefixes"):
        st.code("".join(f"PREFIX {p}: <{i}>\n" for p, i in PREFIXES.items()), language="sparql")
    text = _editor()
    if st.button("Run query", type="primary", key="wb_run"):
        _execute(store, text, limit, timeout)
    _results()
    _history()
