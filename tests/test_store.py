"""The store layer: one named graph per contract, atomic replace on re-ingest."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from contractkg.store import StoreError
from contractkg.store.embedded import EmbeddedStore

EX = "http://example.org/"


def quads(graph: str, n: int) -> list[ox.Quad]:
    g = ox.NamedNode(EX + graph)
    return [ox.Quad(ox.NamedNode(f"{EX}s{i}"), ox.NamedNode(EX + "p"), ox.Literal(f'v "{i}"\n'), g) for i in range(n)]


def test_replace_document_swaps_graphs(mem_store: EmbeddedStore) -> None:
    doc = EX + "doc"
    mem_store.replace_document(doc, {EX + "g1": quads("g1", 3), EX + "g2": quads("g2", 2)})
    assert mem_store.count() == 5 + 2  # data + two registry triples
    mem_store.replace_document(doc, {EX + "g1": quads("g1", 1)})
    assert EX + "g2" not in mem_store.named_graphs()
    assert mem_store.graphs_of(doc) == [EX + "g1"]
    assert mem_store.count() == 1 + 1


def test_failed_update_leaves_store_unchanged(mem_store: EmbeddedStore) -> None:
    doc = EX + "doc"
    mem_store.replace_document(doc, {EX + "g1": quads("g1", 3)})
    before = mem_store.count()
    with pytest.raises(StoreError):
        mem_store.update(f"DROP GRAPH <{EX}g1> ; INSERT DATA {{ this is not sparql }}")
    assert mem_store.count() == before


def test_literals_with_quotes_and_newlines_round_trip(mem_store: EmbeddedStore) -> None:
    mem_store.replace_document(EX + "d", {EX + "g": quads("g", 1)})
    row = mem_store.query(f"SELECT ?o WHERE {{ <{EX}s0> <{EX}p> ?o }}").rows[0]
    assert row["o"] == 'v "0"\n'


def test_store_on_disk_persists(tmp_path) -> None:
    st = EmbeddedStore(tmp_path / "st")
    st.replace_document(EX + "d", {EX + "g": quads("g", 2)})
    st.close()
    del st
    again = EmbeddedStore(tmp_path / "st")
    assert again.count() == 3


def test_bulk_loaded_documents_are_registered(mem_store: EmbeddedStore) -> None:
    mem_store.add_new_documents({EX + "d1": {EX + "g1": quads("g1", 2)}, EX + "d2": {EX + "g2": quads("g2", 3)}})
    assert mem_store.graphs_of(EX + "d2") == [EX + "g2"]
    mem_store.replace_document(EX + "d1", {EX + "g1": quads("g1", 1)})  # later swap still works
    assert mem_store.count() == 1 + 3 + 2


def test_graphs_left_by_an_interrupted_bulk_load_are_dropped_on_open(tmp_path) -> None:
    st = EmbeddedStore(tmp_path / "st")
    st.replace_document(EX + "kept", {EX + "g1": quads("g1", 2)})
    st.oxigraph.bulk_extend(quads("orphan", 4))  # data written, registration never happened
    st.close()
    del st
    again = EmbeddedStore(tmp_path / "st")
    assert EX + "orphan" not in again.named_graphs()
    assert again.graphs_of(EX + "kept") == [EX + "g1"] and again.count() == 3
