"""The contract page: text with highlighted facts, fact <-> clause navigation, and every fact table."""

from __future__ import annotations

import html
import re

import pandas as pd
import streamlit as st

from contractkg.app import data, sparql, vocab
from contractkg.app import sparql_contract as q
from contractkg.app.heatmap import LABELS, element_key
from contractkg.app.texts import Span, document_text, highlight, text_block

# Contract text is shown exactly as the source has it: through st.html, escaped, never through Markdown
# (which would render **bold**, follow [links](...) and fetch ![images](...)). The few other strings put
# into Markdown have every Markdown, LaTeX ($) and Streamlit directive (:red[...]) character escaped.
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&])")


def plain(value: object) -> str:
    """``value`` as literal text inside st.markdown / st.caption."""
    return _MARKDOWN.sub(r"\\\1", " ".join(str(value).split()))


KIND_STYLE = {"party": "party", "sub-processor": "subprocessor", "obligation": "obligation", "Art. 28": "art28",
              "personal data": "data", "data subject": "data", "purpose": "data"}


def contract_choices() -> dict[str, str]:
    """Contract IRI -> label, for the picker."""
    out = {}
    rows = data.rows(sparql.CONTRACTS)
    for r in sorted(rows, key=lambda r: r.get("kind") != "DataProcessingAgreement"):  # DPAs first
        name = r.get("title") or (r.get("file") or "").rsplit("/", 1)[-1]
        out[r["contract"]] = f"{data.short(name, 60)} · {vocab.kind(r.get('kind'))} · {r.get('language') or '?'}"
    return out


MAX_CHOICES = 500  # a picker stays usable with 10,000 contracts: search narrows it


def pick(choices: dict[str, str]) -> str | None:
    wanted = st.query_params.get("contract") or st.session_state.get("contract")
    needle = st.text_input("Search contracts", key="ct_search", placeholder="title, kind or language").lower()
    keys = [k for k, v in choices.items() if needle in v.lower()] if needle else list(choices)
    if wanted in choices and wanted not in keys:
        keys.insert(0, wanted)
    if len(keys) > MAX_CHOICES:
        st.caption(f"{len(keys)} contracts match: the first {MAX_CHOICES} are listed, search to narrow.")
        keys = keys[:MAX_CHOICES] + ([wanted] if wanted in choices and wanted not in keys[:MAX_CHOICES] else [])
    if not keys:
        st.info("No contract matches the search.")
        return None
    index = keys.index(wanted) if wanted in choices else 0
    chosen = st.selectbox("Contract", keys, index=index, format_func=lambda k: choices.get(k, k), key="ct_pick")
    if chosen and chosen != wanted:
        st.session_state["contract"] = chosen
        st.query_params["contract"] = chosen
        st.session_state.pop("ct_active", None)
    return chosen


def clause_of(clauses: pd.DataFrame, offset: int) -> str | None:
    """The innermost clause (IRI) whose span holds offset."""
    if clauses.empty:
        return None
    holding = clauses[(clauses["start"] <= offset) & (clauses["end"] > offset)]
    if holding.empty:
        return None
    return str(holding.sort_values(["start", "end"], ascending=[False, True]).iloc[0]["clause"])


def numeric(df: pd.DataFrame, *cols: str) -> pd.DataFrame:
    for c in cols:
        if c in df:
            df[c] = pd.to_numeric(df[c], errors="coerce").fillna(0).astype(int)
    return df


def _header(c: str, info: dict[str, str | None]) -> None:
    cols = st.columns(5)
    cols[0].metric("Kind", vocab.kind(info.get("kind")))
    cols[1].metric("Language", info.get("language") or "?")
    cols[2].metric("Governing law", vocab.country(info.get("law")) or "not stated")
    court = vocab.country(info.get("court_country")) or ""
    if info.get("court"):
        court = f"{info['court']} ({court})" if court else str(info["court"])
    cols[3].metric("Courts", court or "not stated")
    cols[4].metric("Prevailing language", info.get("prevailing") or "not stated")
    st.caption(f"File {plain(info.get('file'))}, line {plain(info.get('line') or '?')} · {plain(c)}")


def _text_and_facts(c: str, info: dict[str, str | None]) -> None:
    text = document_text(info.get("file"))
    if text is None:
        st.warning("The source file is not readable any more, so the text cannot be shown.")
        return
    span = (data.rows(q.span(c)) or [{}])[0]
    a, b = int(span.get("start") or 0), int(span.get("end") or len(text))
    clauses = numeric(data.frame(q.clauses(c), ["clause", "number", "heading", "start", "end", "level"]),
                      "start", "end", "level")
    facts = numeric(data.frame(q.facts(c), ["fact", "kind", "what", "start", "end", "clause"]), "start", "end")
    facts = facts.drop_duplicates(["kind", "what", "start", "end"])
    # facts whose evidence lies in this agreement's text first (an inherited law points at the main one)
    inside = (facts["start"] >= a) & (facts["start"] < b)
    facts = facts.assign(_out=~inside).sort_values(["_out", "start"], kind="stable").drop(columns="_out")
    facts = facts.reset_index(drop=True)
    facts["what"] = [LABELS.get(element_key(w) or "", w) if k == "art28" else w
                     for k, w in zip(facts["kind"], facts["what"], strict=True)]
    facts["kind"] = [vocab.field_name(k) for k in facts["kind"]]
    nums = dict(zip(clauses["clause"], clauses["number"], strict=True))
    facts["clause"] = [c if isinstance(c, str) and c else nums.get(clause_of(clauses, s)) or ""
                       for c, s in zip(facts["clause"], facts["start"], strict=True)]
    labels: dict[str, str | None] = {"(whole agreement)": None}
    for r in clauses.itertuples():
        labels[f"{r.number or '·'} {data.short(r.heading, 50)}".strip()] = r.clause
    by_iri = {v: k for k, v in labels.items()}

    def on_fact() -> None:  # a fact leads to its clause
        rows = st.session_state["ct_facts"].selection.rows
        shown = st.session_state.get("ct_facts_shown")
        if rows and shown is not None and rows[0] < len(shown):
            start = int(shown.iloc[rows[0]]["start"])
            st.session_state["ct_active"] = start
            st.session_state["ct_clause"] = by_iri.get(clause_of(clauses, start), "(whole agreement)")

    left, right = st.columns([3, 2])
    with right:
        chosen = st.selectbox("Clause", list(labels), key="ct_clause",
                              help="A clause shows the facts it supports.")
        clause_iri = labels.get(chosen)
        shown = facts
        if clause_iri is not None:
            row = clauses[clauses["clause"] == clause_iri].iloc[0]
            a, b = int(row["start"]), int(row["end"])
            shown = facts[(facts["start"] >= a) & (facts["start"] < b)]
        shown = shown.reset_index(drop=True)
        st.session_state["ct_facts_shown"] = shown
        st.caption(f"{len(shown)} fact(s) here. Select one to jump to its clause.")
        st.dataframe(shown[["kind", "what", "clause"]], hide_index=True, width="stretch", height=420,
                     on_select=on_fact, selection_mode="single-row", key="ct_facts")
    with left:
        spans = [Span(int(r.start), int(r.end), f"{r.kind}: {r.what}", KIND_STYLE.get(r.kind, "fact"))
                 for r in facts.itertuples() if a <= r.start < b]
        st.html(text_block(highlight(text[a:b], spans, offset=a, active=st.session_state.get("ct_active"))))


def _table(sparql_text: str, empty: str, columns: list[str] | None = None) -> None:
    df = data.frame(sparql_text, columns)
    if df.empty:
        st.info(empty)
    else:
        st.dataframe(df, hide_index=True, width="stretch")


def _inventory(c: str) -> None:
    df = data.frame(q.inventory(c), ["what", "value"])
    if df.empty:
        st.info("No personal data, data subjects or purposes were extracted.")
        return
    cols = st.columns(3)
    for col, what in zip(cols, ("personal data", "data subjects", "purposes"), strict=True):
        col.markdown(f"**{what.capitalize()}**")
        values = df[df["what"] == what]["value"].tolist()
        with col:
            st.html("<ul>" + "".join(f"<li>{html.escape(str(v))}</li>" for v in values) + "</ul>"
                    if values else "<p>none found</p>")


def _versions(c: str, info: dict[str, str | None]) -> None:
    others = data.rows(q.versions(c))
    if not others:
        st.info("No other language version of this agreement is in the store.")
        return
    labels: dict[str, str] = {o["other"]: f"{o.get('title') or o['other']} ({o.get('language') or '?'})" for o in others}
    other = st.selectbox("Compare with", list(labels), format_func=lambda k: labels.get(k, k), key="ct_version")
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
                    f"{html.escape(data.short(meta.get('title'), 60))}</p>")
            st.html(text_block(highlight(text[a:b], [], offset=a)))


def render() -> None:
    choices = contract_choices()
    if not choices:
        st.info("No contract in the store yet: use the Ingest page.")
        return
    c = pick(choices)
    if not c:
        return
    info = (data.rows(q.info(c)) or [{}])[0]
    _header(c, info)
    tabs = st.tabs(["Text and facts", "Parties and roles", "Data inventory", "Sub-processors", "Obligations",
                    "Validation report", "Language versions"])
    with tabs[0]:
        _text_and_facts(c, info)
    with tabs[1]:
        st.subheader("Parties and roles")
        _table(q.parties(c), "No party was extracted.", ["name", "role", "country", "defined_as", "address"])
    with tabs[2]:
        _inventory(c)
    with tabs[3]:
        df = data.frame(q.subprocessors(c), ["name", "service", "location", "seat", "safeguard", "measures"])
        df["safeguard"] = [vocab.safeguard(s) or "not stated" for s in df["safeguard"]]
        st.dataframe(df, hide_index=True, width="stretch") if not df.empty else st.info(
            "No sub-processor is named in this agreement.")
    with tabs[4]:
        _table(q.obligations(c), "No obligation was extracted.",
               ["modality", "bearer", "action", "beneficiary", "deadline", "type", "trigger", "condition",
                "clause", "art28"])
    with tabs[5]:
        _validation(c)
    with tabs[6]:
        _versions(c, info)


def _validation(c: str) -> None:
    df = data.frame(q.validation(c), ["severity", "message", "path", "shape", "element"])
    if df.empty:
        st.success("No violation reported for this agreement.")
        return
    shape_el = vocab.shape_elements()
    keys = vocab.schema_keys()
    df["element"] = [keys.get(e or shape_el.get(s or "", ""), vocab.local(e)) for e, s in zip(df["element"], df["shape"],
                                                                                               strict=True)]
    st.error(f"{len(df)} finding(s)")
    st.dataframe(df.drop(columns=["shape"]).drop_duplicates(), hide_index=True, width="stretch")
