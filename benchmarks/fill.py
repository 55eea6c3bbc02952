"""Stores of N contracts for the scale figures: extracted documents re-filed under new paths.

Each copy of an extracted document gets a new source path, hence new graph and contract IRIs, and is
bulk-loaded and registered like a new document of an ingest (``add_new_documents``), so readers (the
explorer, the query runner) see it. Extraction is not repeated: this measures the store, not the extractor.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

from benchmarks.corpus import templates, write_corpus
from contractkg import kg
from contractkg.pipeline import FileResult
from contractkg.store.embedded import EmbeddedStore

LOAD_BATCH = 500  # documents per write window


def files_for(n_contracts: int, out_dir: Path, seed: int) -> tuple[list[Path], int]:
    """Enough synthetic files for about ``n_contracts`` agreements (by the gold counts of the templates)."""
    per_round = [t.agreements for t in templates()]
    n_files, expected = 0, 0
    while expected < n_contracts:
        expected += per_round[n_files % len(per_round)]
        n_files += 1
    return write_corpus(out_dir, n_files, seed=seed)


def _copies(extracted: list[FileResult], n_contracts: int, root: Path) -> Iterator[tuple[FileResult, int]]:
    good = [r for r in extracted if r.doc is not None and r.records]
    stored, i = 0, 0
    while stored < n_contracts and good:
        res = good[i % len(good)]
        yield res, i
        stored += len(res.records)
        i += 1


def fill_store(store: EmbeddedStore, extracted: list[FileResult], n_contracts: int, root: Path) -> int:
    """Load about ``n_contracts`` contracts (whole documents, so it may be a few more); returns how many."""
    stored = 0
    batch: dict[str, dict[str, object]] = {}
    for res, i in _copies(extracted, n_contracts, root):
        assert res.doc is not None
        doc = dataclasses.replace(res.doc, source=str(root / f"copy{i:06d}_{Path(res.path).name}"))
        batch[kg.doc_iri(doc)] = kg.build(doc, res.records, res.agreements)  # type: ignore[assignment]
        stored += len(res.records)
        if len(batch) >= LOAD_BATCH:
            store.add_new_documents(batch)  # type: ignore[arg-type]
            batch = {}
    store.add_new_documents(batch)  # type: ignore[arg-type]
    return stored
