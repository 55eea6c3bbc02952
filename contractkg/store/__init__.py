"""The graph store behind one small interface: embedded Oxigraph or a remote SPARQL 1.1 server."""

from __future__ import annotations

import os
from pathlib import Path

from contractkg.store.base import QueryResult, Store, StoreError

DEFAULT_STORE = Path(".contractkg") / "store"

__all__ = ["QueryResult", "Store", "StoreError", "open_store", "store_path"]


def store_path(path: str | os.PathLike[str] | None = None) -> Path:
    """``--store``, else ``CONTRACTKG_STORE``, else ``./.contractkg/store``."""
    if path:
        return Path(path)
    env = os.environ.get("CONTRACTKG_STORE")
    return Path(env) if env else DEFAULT_STORE


def open_store(path: str | os.PathLike[str] | None = None, endpoint: str | None = None,
               read_only: bool = False, what: str | None = None) -> Store:
    """Open the store the user asked for: a remote endpoint if given, else the embedded one.

    ``read_only``: a reader, which never creates a store and works beside a running writer;
    otherwise the one writer (``what`` names it in the message a second writer gets)."""
    endpoint = endpoint or os.environ.get("CONTRACTKG_ENDPOINT")
    if endpoint:
        from contractkg.store.remote import RemoteStore

        return RemoteStore(endpoint)
    from contractkg.store.embedded import EmbeddedStore

    return EmbeddedStore(store_path(path), read_only=read_only, what=what)
