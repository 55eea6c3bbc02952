"""Contract text for display: documents are re-read from their source path (the store keeps offsets)."""

from __future__ import annotations

import html
import os
from collections.abc import Iterable
from dataclasses import dataclass

import streamlit as st

from contractkg.ingest.document import LoadError


@st.cache_data(show_spinner=False, max_entries=64)
def _load(path: str, mtime: float) -> str | None:
    from contractkg.ingest.load.loaders import load

    try:
        return load(path).text
    except (LoadError, OSError):
        return None


def document_text(path: str | None) -> str | None:
    """The normalised text of a source document (the offsets in the store refer to it), or None."""
    if not path:
        return None
    try:
        mtime = os.path.getmtime(path)
    except OSError:
        return None
    return _load(path, mtime)


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    label: str  # what the fact is, shown on hover
    kind: str = "fact"  # css class suffix


def excerpt(text: str, start: int, end: int, context: int = 200) -> str:
    a, b = max(0, start - context), min(len(text), end + context)
    return ("…" if a else "") + text[a:b] + ("…" if b < len(text) else "")


def highlight(text: str, spans: Iterable[Span], offset: int = 0, active: int | None = None) -> str:
    """HTML of text[offset:] with spans wrapped in <mark>; overlapping spans are merged for display."""
    out: list[str] = []
    pos = offset
    for sp in sorted(spans, key=lambda s: (s.start, -s.end)):
        start, end = max(sp.start, pos), min(sp.end, offset + len(text))
        if end <= start:
            continue
        out.append(html.escape(text[pos - offset:start - offset]))
        cls = "ckg-active" if active is not None and sp.start == active else f"ckg-{sp.kind}"
        out.append(f'<mark class="{cls}" id="fact-{sp.start}" title="{html.escape(sp.label, quote=True)}">'
                   f"{html.escape(text[start - offset:end - offset])}</mark>")
        pos = end
    out.append(html.escape(text[pos - offset:]))
    return "".join(out)


CSS = """<style>
.ckg-text { white-space: pre-wrap; font-family: ui-monospace, monospace; font-size: 0.82rem;
            max-height: 560px; overflow-y: auto; border: 1px solid #ddd; padding: 0.6rem; border-radius: 6px; }
.ckg-text mark { padding: 0 1px; border-radius: 2px; }
mark.ckg-fact { background: #fff3a3; } mark.ckg-party { background: #cde7ff; }
mark.ckg-data { background: #d7f5d0; } mark.ckg-subprocessor { background: #f5d9f7; }
mark.ckg-obligation { background: #ffe1c4; } mark.ckg-art28 { background: #e6e6e6; }
mark.ckg-active { background: #ff9f43; outline: 2px solid #d35400; }
</style>"""


def text_block(body_html: str) -> str:
    return CSS + f'<div class="ckg-text">{body_html}</div>'
