"""The contract page's tabs after the text: parties, data inventory, sub-processors, obligations,
validation report and language versions, all in words (labels, never bare IRIs or None)."""

from __future__ import annotations

import html

import streamlit as st

from contractkg.app import data, labels, tables, vocab
from contractkg.app import sparql_contract as q
from contractkg.app.heatmap import LABELS, element_key
from contractkg.app.texts import document_text, highlight, text_block
from contractkg.namespaces import DPV, PD

INVENTORY_NAMESPACES = {"personal data": PD, "processing": DPV}  # where the inventory's local names live


def parties(c: str) -> None:
    df = data.frame(q.parties(c), ["name", "role", "country", "defined_as", "address"])
    if df.empty:
        st.info("No party was extracted.")
        return
    df["role"] = [labels.relation(r) for r in df["role"]]
    tables.show(df, key="ct_parties")


def inventory(c: str) -> None:
    df = data.frame(q.inventory(c))
    if df.empty:
        st.info("No personal data, data subjects or purposes were extracted.")
        return
    cols = st.columns(3)
    for col, what in zip(cols, ("personal data", "data subjects", "purposes"), strict=True):
        col.markdown(f"**{what.capitalize()}**")
        items = [inventory_item(what, r) for r in df[df["what"] == what].to_dict("records")]
        with col:
            st.html("<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>" if items else "<p>none found</p>")


def inventory_item(what: str, row: dict[str, object]) -> str:
    """One inventory value as HTML: its label, linked to its IRI (shown on hover) where it has one."""
    value = labels.cell(row.get("value"))
    iri = labels.cell(row.get("x") or row.get("iri"))
    if not iri and what in INVENTORY_NAMESPACES and value and " " not in value:
        iri = INVENTORY_NAMESPACES[what] + value
    if not iri:
        return html.escape(value)
    text = labels.concept(iri, row.get("valueLabel") or row.get("xLabel"))
    return (f'<a href="{html.escape(iri, quote=True)}" title="{html.escape(iri, quote=True)}" '
            f'target="_blank">{html.escape(text)}</a>')


def subprocessors(c: str) -> None:
    df = data.frame(q.subprocessors(c), ["name", "service", "location", "seat", "safeguard", "measures"])
    if df.empty:
        st.info("No sub-processor is named in this agreement.")
        return
    df["safeguard"] = [vocab.safeguard(s) or "not stated" for s in df["safeguard"]]
    tables.show(df, key="ct_subprocessors")


def obligations(c: str) -> None:
    cols = ["modality", "bearer", "action", "beneficiary", "deadline", "type", "trigger", "condition", "clause",
            "art28"]
    df = data.frame(q.obligations(c), cols)
    if df.empty:
        st.info("No obligation was extracted.")
        return
    parties = sorted({str(p) for col in ("bearer", "beneficiary") for p in df[col] if labels.present(p)})
    names = {r["node"]: r["label"] for r in data.rows(q.node_labels(parties))} if parties else {}
    for col in ("bearer", "beneficiary"):
        df[col] = [names.get(p) or labels.local(p) if labels.present(p) else None for p in df[col]]
    df["type"] = [element_name(t) for t in df["type"]]
    df["art28"] = [element_name(e) for e in df["art28"]]
    tables.show(df.rename(columns={"art28": "Art. 28 element"}), key="ct_obligations")


def element_name(value: object) -> str:
    """An Art. 28 element or obligation type by its name: Art28DataSubjectRights -> Data subject rights (28(3)(e))."""
    if not labels.present(value):
        return ""
    name = labels.local(value)
    key = element_key(name) or element_key(name.removeprefix("Art28"))
    return LABELS[key] if key else labels.words(name)


def validation(c: str) -> None:
    df = data.frame(q.validation(c), ["severity", "message", "path", "shape", "element"])
    if df.empty:
        st.success("No violation reported for this agreement.")
        return
    shape_el = vocab.shape_elements()
    keys = vocab.schema_keys()
    elements = []
    for e, s in zip(df["element"], df["shape"], strict=True):
        key = keys.get(labels.cell(e) or shape_el.get(labels.cell(s), "")) or element_key(labels.cell(e))
        elements.append(LABELS.get(key or "", labels.words(labels.local(e))))
    df["element"] = elements
    df["path"] = [labels.words(labels.local(p)).lower() if labels.present(p) else "" for p in df["path"]]
    df = df.drop(columns=["shape"]).drop_duplicates()
    st.error(f"{len(df)} finding(s)")
    tables.show(df, key="ct_validation")


def versions(c: str, info: dict[str, str | None]) -> None:
    others = data.rows(q.versions(c))
    if not others:
        st.info("No other language version of this agreement is in the store.")
        return
    names = {o["other"]: f"{labels.contract_name(o.get('title'))} ({o.get('language') or '?'})" for o in others}
    other = st.selectbox("Compare with", list(names), format_func=lambda k: names.get(k, k), key="ct_version")
    if other is None:
        return
    cols = st.columns(2)
    for col, iri_ in zip(cols, (c, other), strict=True):
        meta = info if iri_ == c else (data.rows(q.info(iri_)) or [{}])[0]
        text = document_text(meta.get("file")) or ""
        span = (data.rows(q.span(iri_)) or [{}])[0]
        a, b = int(span.get("start") or 0), int(span.get("end") or len(text))
        with col:
            st.html(f"<p><b>{html.escape(meta.get('language') or '?')}</b> · "
                    f"{html.escape(data.short(labels.contract_name(meta.get('title')), 60))}</p>")
            st.html(text_block(highlight(text[a:b], [], offset=a)))

