"""A remote SPARQL 1.1 server (Oxigraph server, Fuseki, GraphDB, Neptune) behind the Store interface.

Placeholder until the data-engineering issue lands it: opening one says so clearly."""

from __future__ import annotations

from contractkg.store.base import StoreError


class RemoteStore:
    def __init__(self, endpoint: str) -> None:
        raise StoreError(f"remote stores are not supported yet (asked for {endpoint})")
