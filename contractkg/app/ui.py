"""Small Streamlit helpers shared by the pages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import streamlit as st

from contractkg.app import data
from contractkg.store import Store, StoreError

CONTRACT_PAGE = "pages/1_Contract.py"


def page(title: str, icon: str) -> None:
    st.set_page_config(page_title=f"{title} · contractkg", page_icon=icon, layout="wide")
    st.title(title)
    path, endpoint = data.location()
    if endpoint:
        st.sidebar.caption(f"SPARQL endpoint: `{endpoint}`")
    else:  # the folder's name; its full path (on the server) on hover
        st.sidebar.caption(f"Store: `{Path(path).name}`", help=path)


def store_or_stop() -> Store:
    """The store, or a clear message and the end of this page run."""
    try:
        return data.store()
    except StoreError as e:
        st.error(f"Cannot open the store: {e}")
        st.stop()


def open_contract(contract: str, key: str, label: str = "Open contract page") -> None:
    """A button that leads to the contract page for one contract IRI."""
    if st.button(label, key=key):
        st.session_state["contract"] = contract
        st.query_params["contract"] = contract
        st.switch_page(CONTRACT_PAGE)


def selected_points(event: object) -> list[dict[str, Any]]:
    """The points a click or lasso selected in a chart (empty when nothing is selected)."""
    try:
        return list(event["selection"]["points"])  # type: ignore[index]
    except (KeyError, TypeError, AttributeError):
        return []
