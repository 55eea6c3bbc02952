"""Data access for the explorer: read-only store handles, cached SPARQL selects, short writes.

Everything goes through contractkg.store (SPARQL) and contractkg.pipeline (ingest)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
import streamlit as st

from contractkg.namespaces import sparql_prefixes
from contractkg.store import Store, StoreError, open_store, store_path

if TYPE_CHECKING:  # the pipeline (extraction) loads in seconds: only the Ingest page needs it
    from contractkg.pipeline import FileResult

PREFIXES = sparql_prefixes()


def location() -> tuple[str, str | None]:
    """(embedded store folder, remote endpoint or None) from the environment."""
    return str(store_path().resolve()), os.environ.get("CONTRACTKG_ENDPOINT") or None


@st.cache_resource(show_spinner=False, max_entries=2)
def _open(path: str, endpoint: str | None, gen: int = 0) -> Store:
    """A read-only handle per store generation: it works beside a running ingest, and a write (here
    or by the CLI) moves the generation, so the next page run opens a fresh copy that sees it."""
    if not endpoint and not (Path(path) / "CURRENT").is_file():
        open_store(path, None, what="the explorer").close()  # a new, empty store
    return open_store(path, endpoint, read_only=True)


def writer() -> Store:
    """The store for writing (the Ingest page, validation): waits for another writer, briefly."""
    path, endpoint = location()
    return open_store(path, endpoint, what="the explorer's Ingest page")


@st.cache_resource(show_spinner=False)
def _generation(path: str, endpoint: str | None) -> dict[str, int]:
    """Bumped after every ingest from the app (a remote endpoint has no change counter)."""
    return {"n": 0}


def store() -> Store:
    path, endpoint = location()
    return _open(path, endpoint, generation())


def generation() -> int:
    """Moves whenever the store changes: the app's own writes, and (embedded) any writer's."""
    from contractkg.store import locks

    path, endpoint = location()
    return _generation(path, endpoint)["n"] + (0 if endpoint else locks.generation(Path(path)))


def bump() -> None:
    _generation(*location())["n"] += 1


@st.cache_data(show_spinner=False, max_entries=512)
def _select(path: str, endpoint: str | None, gen: int, sparql: str) -> list[dict[str, Any]]:
    return _open(path, endpoint, gen).query(PREFIXES + sparql).rows


def rows(sparql: str) -> list[dict[str, Any]]:
    """SELECT rows (project prefixes pre-declared), cached until the next ingest."""
    path, endpoint = location()
    return _select(path, endpoint, generation(), sparql)


def frame(sparql: str, columns: Iterable[str] | None = None) -> pd.DataFrame:
    df = pd.DataFrame(rows(sparql))
    if columns is not None:
        cols = list(columns)
        df = df.reindex(columns=cols) if not df.empty else pd.DataFrame(columns=cols)
    return df


def uploads_dir() -> Path:
    """Where uploaded files are kept (beside the store), so contract text can be shown later."""
    env = os.environ.get("CONTRACTKG_UPLOADS")
    if env:
        return Path(env)
    path, endpoint = location()
    if endpoint:
        return Path(tempfile.gettempdir()) / "contractkg-uploads"
    return Path(path).parent / "uploads"


def ingest_uploads(files: list[tuple[str, bytes]], on_file: Callable[[FileResult], None] | None = None
                   ) -> list[FileResult]:
    """Save uploads under uploads_dir() and ingest them; bad files come back with an error."""
    from contractkg.pipeline import FileResult, ingest

    folder = uploads_dir()
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, content in files:
        target = folder / Path(name).name  # never a path from the browser
        target.write_bytes(content)
        paths.append(target)
    try:
        with writer() as w:
            results = ingest(w, paths, on_file=on_file, workers=1)
    except StoreError as e:  # another writer holds the store: each file says why it was not stored
        return [FileResult(str(p), error=f"{p.name}: not stored: {e}") for p in paths]
    bump()
    return results


def short(value: Any, width: int = 60) -> str:
    s = "" if value is None else str(value)
    return s if len(s) <= width else s[: width - 1] + "…"


def validate(contracts: list[str] | None = None) -> int:
    """SHACL-check these contracts (default: every DPA) and store the reports; the number checked.

    0 when the validation module is not installed."""
    try:
        from contractkg.validation import validate as run_validation
    except ImportError:
        return 0
    checked = 0
    with writer() as w:
        if contracts is None:
            checked = len(run_validation(w, workers=1))
        else:
            for iri_ in contracts:
                try:
                    checked += len(run_validation(w, iri_, workers=1))
                except LookupError:
                    continue
    bump()
    return checked
