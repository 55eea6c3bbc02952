"""Tables as the pages show them: no None or NaN in a cell, numbers that sort as numbers, links one click away."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from contractkg.app.labels import cell, contract_link

DASH = "–"


def _text(column: pd.Series) -> bool:
    """A column of text (object or string dtype, as pandas 2 and 3 make them)."""
    return column.dtype == object or pd.api.types.is_string_dtype(column)


def numeric_columns(df: pd.DataFrame) -> pd.DataFrame:
    """Columns whose filled cells are all numbers become numbers (so they sort as numbers)."""
    out = df.copy()
    for col in out.columns:
        if not _text(out[col]):
            continue
        filled = out[col][[bool(cell(v)) for v in out[col]]]
        if filled.empty:
            continue
        nums = pd.to_numeric(filled, errors="coerce")
        if nums.notna().all() and len(filled) == len(out[col]):
            out[col] = pd.to_numeric(out[col])
    return out


def clean(df: pd.DataFrame) -> pd.DataFrame:
    """Empty text for a missing text value; a dash for a missing number (the column becomes text)."""
    out = df.copy()
    for col in out.columns:
        if pd.api.types.is_numeric_dtype(out[col]) and not pd.api.types.is_bool_dtype(out[col]):
            if out[col].isna().any():
                out[col] = [DASH if pd.isna(v) else f"{v:g}" for v in out[col]]
        else:
            out[col] = [cell(v) for v in out[col]]
    return out


def with_contract_links(df: pd.DataFrame, iri_column: str = "contract_iri", link_column: str = "open") -> pd.DataFrame:
    """Replace a column of contract IRIs with links to their contract page."""
    if iri_column not in df:
        return df
    out = df.copy()
    out[link_column] = [contract_link(i) if cell(i) else "" for i in out[iri_column]]
    return out.drop(columns=[iri_column])


def link_config(link_column: str = "open", help_text: str = "Open the contract page") -> dict[str, Any]:
    return {link_column: st.column_config.LinkColumn(link_column, help=help_text, display_text="open ↗")}


def iri_links(df: pd.DataFrame) -> dict[str, Any]:
    """Columns of IRIs become links that show the IRI's last part; the whole IRI is one click away."""
    config: dict[str, Any] = {}
    for col in df.columns:
        if not _text(df[col]):
            continue
        filled = [str(v) for v in df[col] if cell(v)]
        if filled and all(v.startswith(("http://", "https://", "urn:")) for v in filled):
            config[col] = st.column_config.LinkColumn(col, display_text=r"^.*?([^#/]+)$",
                                                      help="IRI: click to open it")
    return config


def show(df: pd.DataFrame, column_config: dict[str, Any] | None = None, **kwargs: Any) -> Any:
    """st.dataframe of a cleaned copy (hide_index and full width unless told otherwise)."""
    kwargs.setdefault("hide_index", True)
    kwargs.setdefault("width", "stretch")
    config = dict(column_config or {})
    if "open" in df.columns and "open" not in config:
        config.update(link_config())
    return st.dataframe(clean(df), column_config=config or None, **kwargs)
