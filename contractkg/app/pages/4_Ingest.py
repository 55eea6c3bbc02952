"""Ingest page: upload contracts; each bad file gets a clear message and the others still go in."""

import streamlit as st

from contractkg.app import data, ui
from contractkg.app.ingest_view import render

ui.page("Ingest", "📥")
ui.store_or_stop()
render(data)
st.caption("Uploaded files are kept beside the store, so that their text can be shown on the contract page.")
