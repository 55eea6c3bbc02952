"""The ingest page's widgets: upload, progress, per-file outcome, the new contracts."""

from __future__ import annotations

import re
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from contractkg.app import labels, sparql, tables, ui
from contractkg.app.launch import max_upload_mb

if TYPE_CHECKING:
    from contractkg.pipeline import FileResult

UPLOAD_TYPES = ["txt", "md", "html", "htm", "pdf", "docx"]

_PATH = re.compile(r"(?:[A-Za-z]:)?(?:[\\/][^\\/\s:;,()]+)+[\\/]([^\\/\s:;,()]+)")
# Each starts only where a name or a bracket can start (no leading \s*, no [\w.]* run re-scanned from
# every position), so both run in linear time on any message.
_CLASS_IN_BRACKETS = re.compile(r"[ \t]?\((?:\w+\.)*[A-Z]\w*(?:Error|Exception|File|Warning)\w*(?::[^()]*)?\)")
_CLASS_PREFIX = re.compile(r"(?<![\w.])(?:\w+\.)*[A-Z]\w*(?:Error|Exception)\b:?[ \t]*")
ADVICE = {"docx": "the file is damaged or is not a Word .docx document: open it and save it again as .docx, or "
                  "upload it as PDF or text",
          "pdf": "the file is damaged, encrypted or not a PDF: export it again as PDF, or upload it as text",
          "html": "the page could not be read: save it again as HTML, or upload it as text"}


def user_message(error: str, path: str | None = None) -> str:
    """A per-file message for the page: file names only (no server paths), no exception class names,
    and what to do when a file cannot be read. ``path``: the file's path on the server."""
    if path:
        error = error.replace(str(Path(path).parent) + "/", "").replace(str(Path(path).parent), "")
    text = _PATH.sub(lambda m: m.group(1), error)
    lowered = text.lower()
    advice = next((a for fmt, a in ADVICE.items() if f"unreadable {fmt}" in lowered), None)
    text = _CLASS_PREFIX.sub("", _CLASS_IN_BRACKETS.sub("", text)).strip()
    if advice and advice not in text:
        text = f"{text}: {advice}"
    return text


def _report(results: list[FileResult]) -> None:
    ok = [r for r in results if r.error is None]
    bad = [r for r in results if r.error]
    n_contracts = sum(len(r.records) for r in ok)
    if ok:
        st.success(f"Ingested {len(ok)} of {len(results)} file(s): {n_contracts} contract(s).")
    for r in bad:
        st.error(f"Not ingested: {user_message(r.error or '', r.path)}")


def render(data: ModuleType) -> None:
    files = st.file_uploader(f"Contracts (txt, md, html, pdf, docx; up to {max_upload_mb()} MB each)",
                             type=UPLOAD_TYPES,
                             accept_multiple_files=True, key="ingest_files")
    check = st.checkbox("Check the new DPAs against GDPR Art. 28 (SHACL) after ingest", value=True,
                        key="ingest_validate")
    if st.button("Ingest", type="primary", disabled=not files, key="ingest_run"):
        bar = st.progress(0.0, text="Reading…")
        done: list[FileResult] = []
        total = len(files or [])

        def tick(res: FileResult) -> None:
            done.append(res)
            bar.progress(len(done) / total, text=f"{len(done)} of {total}: {Path(res.path).name}")

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
        shown = pd.DataFrame({"title": [labels.contract_name(t, f) for t, f in zip(df.get("title", [None] * len(df)),
                                                                                   df["file"], strict=True)],
                              "kind": [labels.kind(k) for k in df["kind"]],
                              "language": df["language"] if "language" in df else "",
                              "file": [Path(str(f)).name for f in df["file"]], "contract_iri": df["contract"]})
        tables.show(tables.with_contract_links(shown), key="ingest_new")
        for i, row in df.iterrows():
            ui.open_contract(row["contract"], key=f"ingest_open_{i}",
                             label=f"Open: {labels.contract_name(row.get('title'), row['file'])}")
