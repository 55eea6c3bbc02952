"""IRIs of documents, contracts and their named graphs: stable per source path, so re-ingesting a file
replaces its graphs."""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path

from contractkg.ingest.document import Document
from contractkg.namespaces import DATA, GRAPH


def doc_key(doc: Document) -> str:
    """Stable per source path, so re-ingesting the same file replaces its graphs."""
    return _source_key(doc.source, os.getcwd())


@lru_cache(maxsize=4096)
def _source_key(source: str, cwd: str) -> str:  # cwd: a relative path resolves against it
    try:
        source = str(Path(source).resolve())
    except OSError:
        pass
    return hashlib.sha1(source.encode("utf-8")).hexdigest()[:16]


def doc_iri(doc: Document) -> str:
    return f"{DATA}doc/{doc_key(doc)}"


def doc_graph(doc: Document) -> str:
    return f"{GRAPH}{doc_key(doc)}/doc"


def run_iri(doc: Document) -> str:
    return f"{DATA}run/{doc_key(doc)}-{doc.sha256[:12]}"


def contract_iri(doc: Document, index: int) -> str:
    return f"{DATA}contract/{doc_key(doc)}-{index}"


def contract_graph(doc: Document, index: int) -> str:
    return f"{GRAPH}{doc_key(doc)}/{index}"
