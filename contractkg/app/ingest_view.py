"""The ingest page's widgets: upload, progress, per-file outcome, the new contracts."""

from __future__ import annotations

from types import ModuleType

import pandas as pd
import streamlit as st

from contractkg.app import sparql, ui
from contractkg.pipeline import FileResult

UPLOAD_TYPES = ["txt", "md", "html", "htm", "pdf", "docx"]


def _report(results: list[FileResult]) -> None:
    ok = [r for r in results if r.error is None]
    bad = [r for r in results if r.error]
    n_contracts = sum(len(r.records) for r in ok)
    if ok:
        st.success(f"Ingested {len(ok)} of {len(results)} file(s): {n_contracts} contract(s).")
    for r in bad:
        st.error(f"Not ingested: {r.error}")


def render(data: ModuleType) -> None:
    files = st.file_uploader("Contracts (txt, md, html, pdf, docx)", type=UPLOAD_TYPES,
                             accept_multiple_files=True, key="ingest_files")
    check = st.checkbox("Check the new DPAs against GDPR Art. 28 (SHACL) after ingest", value=True,
                        key="ingest_validate")
    if st.button("Ingest", type="primary", disabled=not files, key="ingest_run"):
        bar = st.progress(0.0, text="Reading…")
        done: list[FileResult] = []
        total = len(files or [])

        def tick(res: FileResult) -> None:
            done.append(res)
            bar.progress(len(done) / total, text=f"{len(done)} of {total}: {res.path.rsplit('/', 1)[-1]}")

        results = data.ingest_uploads([(f.name, f.getvalue()) for f in files or []], on_file=tick)
        bar.progress(1.0, text="Done")
        st.session_state["ingest_last"] = [(r.path, r.error, len(r.records)) for r in results]
        _report(results)
        st.session_state["ingest_new_docs"] = [r.path for r in results if r.error is None]
        if check and st.session_state["ingest_new_docs"]:
            new = data.rows(sparql.contracts_of_paths(st.session_state["ingest_new_docs"]))
            dpas = [r["contract"] for r in new if r.get("kind") == "DataProcessingAgreement"]
            with st.spinner("Validating…"):
                n = data.validate(dpas)
            st.caption(f"Validated {n} DPA(s): see the Overview heatmap and each contract's validation report.")
    new_docs = st.session_state.get("ingest_new_docs") or []
    if new_docs:
        st.subheader("New contracts")
        df = pd.DataFrame(data.rows(sparql.contracts_of_paths(new_docs)))
        if df.empty:
            st.info("No agreement was found in these files.")
            return
        st.dataframe(df.drop(columns=["contract"]), hide_index=True, width="stretch")
        for i, row in df.iterrows():
            ui.open_contract(row["contract"], key=f"ingest_open_{i}",
                             label=f"Open: {row.get('title') or row['file']}")
