"""The contract page: text with highlighted facts, fact <-> clause navigation, and every fact table."""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from contractkg.app import contract_tabs as tabs_
from contractkg.app import data, labels, sparql, tables, vocab
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


MAX_CHOICES = 500  # a picker stays usable with 10,000 contracts: search narrows it
FIRST_CHOICES = 100  # listed before any search (their labels are read per page run)


def choice_label(r: dict[str, str | None]) -> str:
    name = labels.contract_name(r.get("title"), r.get("file"))
    return f"{data.short(name, 60)} · {vocab.kind(r.get('kind'))} · {r.get('language') or '?'}"


def labelled(rows: list[dict[str, str | None]]) -> dict[str, str]:
    """Contract IRI -> picker label, DPAs first (one row per contract)."""
    out: dict[str, str] = {}
    for r in sorted(rows, key=lambda r: r.get("kind") != "DataProcessingAgreement"):
        out.setdefault(str(r["contract"]), choice_label(r))
    return out


def contract_choices() -> dict[str, str]:
    """Every contract IRI -> label (the whole store: read when the user searches)."""
    return labelled(data.rows(sparql.CONTRACTS))


def first_choices(wanted: str | None) -> tuple[dict[str, str], int]:
    """Up to FIRST_CHOICES contracts (DPAs first) and the wanted one, with labels; and how many the
    store holds. Reads no row per contract of the store."""
    total = int((data.rows(q.COUNT) or [{}])[0].get("contracts") or 0)
    keys = [r["contract"] for r in data.rows(q.sample(True, FIRST_CHOICES))]
    if len(keys) < FIRST_CHOICES:
        more = [r["contract"] for r in data.rows(q.sample(False, FIRST_CHOICES + len(keys)))]
        keys += [k for k in more if k not in set(keys)][:FIRST_CHOICES - len(keys)]
    if wanted and wanted not in keys:
        keys.insert(0, wanted)
    return (labelled(data.rows(q.choices(keys))) if keys else {}), total


def pick() -> str | None:
    wanted = st.query_params.get("contract") or st.session_state.get("contract")
    needle = st.text_input("Search contracts", key="ct_search", placeholder="title, kind or language").strip()
    if needle:
        choices = contract_choices()
        keys = [k for k, v in choices.items() if needle.lower() in v.lower()]
        total = len(keys)
    else:
        choices, total = first_choices(wanted)
        keys = list(choices)
        if wanted in keys:  # the wanted contract first (it may be outside the sample)
            keys.remove(wanted)
            keys.insert(0, wanted)
    if not keys:  # never the previous contract under a search it does not match
        if needle:
            st.info(f"No contract matches “{needle}”: try part of a title, a kind (DPA, SCC) or a language code.")
        else:
            st.info("No contract in the store yet: use the Ingest page.")
        return None
    if total > len(keys) or len(keys) > MAX_CHOICES:
        keys = keys[:MAX_CHOICES] + ([wanted] if wanted in keys[MAX_CHOICES:] else [])
        st.caption(f"{total} contracts{' match' if needle else ''}: {len(keys)} are listed, search to narrow.")
    index = keys.index(wanted) if wanted in keys else 0
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
    st.subheader(labels.contract_name(info.get("title"), info.get("file")))
    cols = st.columns(5)
    cols[0].metric("Kind", vocab.kind(info.get("kind")))
    cols[1].metric("Language", info.get("language") or "?")
    cols[2].metric("Governing law", vocab.country(info.get("law")) or "not stated")
    court = vocab.country(info.get("court_country")) or ""
    if info.get("court"):
        court = f"{info['court']} ({court})" if court else str(info["court"])
    cols[3].metric("Courts", court or "not stated")
    cols[4].metric("Prevailing language", info.get("prevailing") or "not stated")
    st.caption(f"File {plain(labels.local(info.get('file')))}, line {plain(info.get('line') or '?')} · "
               f"[{plain(c)}]({c.replace('(', '%28').replace(')', '%29')})", help="The contract's IRI in the knowledge graph")


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
    facts["what"] = [fact_label(k, w) for k, w in zip(facts["kind"], facts["what"], strict=True)]
    facts["kind"] = [vocab.field_name(k) for k in facts["kind"]]
    nums = dict(zip(clauses["clause"], clauses["number"], strict=True))
    first_clause = int(clauses["start"].min()) if not clauses.empty else b
    facts["clause"] = [labels.cell(c) or labels.cell(nums.get(clause_of(clauses, s)))
                       or ("preamble" if s < first_clause else "outside the numbered clauses")
                       for c, s in zip(facts["clause"], facts["start"], strict=True)]
    clause_names: dict[str, str | None] = {"(whole agreement)": None}
    for r in clauses.itertuples():
        number = labels.cell(r.number) or "·"
        clause_names[f"{number} {data.short(labels.title(r.heading), 50)}".strip()] = r.clause
    by_iri = {v: k for k, v in clause_names.items()}

    def on_fact() -> None:  # a fact leads to its clause
        rows = st.session_state["ct_facts"].selection.rows
        shown = st.session_state.get("ct_facts_shown")
        if rows and shown is not None and rows[0] < len(shown):
            start = int(shown.iloc[rows[0]]["start"])
            st.session_state["ct_active"] = start
            st.session_state["ct_clause"] = by_iri.get(clause_of(clauses, start), "(whole agreement)")

    left, right = st.columns([3, 2])
    with right:
        chosen = st.selectbox("Clause", list(clause_names), key="ct_clause",
                              help="A clause shows the facts it supports.")
        clause_iri = clause_names.get(chosen)
        shown = facts
        if clause_iri is not None:
            row = clauses[clauses["clause"] == clause_iri].iloc[0]
            a, b = int(row["start"]), int(row["end"])
            shown = facts[(facts["start"] >= a) & (facts["start"] < b)]
        shown = shown.reset_index(drop=True)
        st.session_state["ct_facts_shown"] = shown
        st.caption(f"{len(shown)} fact(s) here. Select one to jump to its clause.")
        st.dataframe(tables.clean(shown[["kind", "what", "clause"]]), hide_index=True, width="stretch",
                     height=min(420, 38 + 35 * max(1, len(shown))), on_select=on_fact, selection_mode="single-row",
                     key="ct_facts", column_config={
                         "kind": st.column_config.TextColumn("kind", width="small"),
                         "what": st.column_config.TextColumn("what", width="medium"),
                         "clause": st.column_config.TextColumn("clause", width="small",
                                                               help="The clause that holds the fact")})
    with left:
        spans = [Span(int(r.start), int(r.end), f"{r.kind}: {r.what}", KIND_STYLE.get(r.kind, "fact"))
                 for r in facts.itertuples() if a <= r.start < b]
        active = st.session_state.get("ct_active")
        st.html(text_block(highlight(text[a:b], spans, offset=a, active=active)))
        if active is not None:
            st.html(scroll_to(int(active)), unsafe_allow_javascript=True)


def scroll_to(start: int) -> str:
    """A script that scrolls the contract text to the fact that starts at ``start`` (once it is drawn)."""
    return ("<script>(function (n) { const go = () => { const m = document.getElementById('fact-" + str(start)
            + "'); if (m) { m.scrollIntoView({block: 'center'}); } else if (n-- > 0) { setTimeout(go, 100); } };"
            " go(); })(30);</script>")


def fact_label(kind: str, what: object) -> str:
    """What a fact says, in words: an Art. 28 element by its name, a vocabulary concept by its label."""
    value = labels.cell(what)
    if kind == "art28":
        return LABELS.get(element_key(value) or "", labels.words(labels.local(value)))
    if value.startswith(("http://", "https://")):
        return labels.concept(value)
    return value


def render() -> None:
    c = pick()
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
        tabs_.parties(c)
    with tabs[2]:
        tabs_.inventory(c)
    with tabs[3]:
        tabs_.subprocessors(c)
    with tabs[4]:
        tabs_.obligations(c)
    with tabs[5]:
        tabs_.validation(c)
    with tabs[6]:
        tabs_.versions(c, info)
