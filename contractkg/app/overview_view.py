"""The overview page's widgets."""

from __future__ import annotations

import streamlit as st

from contractkg.app import data, sparql
from contractkg.store import Store


def render(store: Store) -> None:
    row = (data.rows(sparql.COUNTS) or [{}])[0]
    cols = st.columns(3)
    for col, key in zip(cols, ("documents", "contracts", "parties"), strict=True):
        col.metric(key.capitalize(), row.get(key) or "0")
