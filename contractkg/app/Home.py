"""contractkg explorer: home page (the explorer issue grows this into a multi-page app)."""

from __future__ import annotations

import os

import streamlit as st

from contractkg.namespaces import sparql_prefixes
from contractkg.store import open_store

st.set_page_config(page_title="contractkg", layout="wide")
st.title("contractkg")
st.caption(f"Store: {os.environ.get('CONTRACTKG_STORE', '.contractkg/store')}")


@st.cache_resource
def get_store():  # type: ignore[no-untyped-def]
    return open_store(read_only=True)


res = get_store().query(sparql_prefixes() + """
SELECT ?contract ?title ?kind ?language WHERE {
  ?contract ckg:fromDocument ?d ; a ?kind . OPTIONAL { ?contract dct:title ?title }
  OPTIONAL { ?contract dct:language ?language } FILTER(STRSTARTS(STR(?kind), STR(ckg:)))
} ORDER BY ?title""")
st.metric("Contracts", len(res.rows))
st.dataframe(res.rows, use_container_width=True)
