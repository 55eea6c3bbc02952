"""The store layer: one named graph per contract, atomic replace on re-ingest."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from contractkg.namespaces import GRAPH
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


def project_quads(key: str, n: int) -> list[ox.Quad]:
    """Quads in a graph named as ingest names a contract graph (<16 hex>/<n>)."""
    g = ox.NamedNode(f"{GRAPH}{key}/0")
    return [ox.Quad(ox.NamedNode(f"{EX}s{i}"), ox.NamedNode(EX + "p"), ox.Literal(str(i)), g) for i in range(n)]


def test_graphs_left_by_an_interrupted_bulk_load_are_dropped_on_open(tmp_path) -> None:
    st = EmbeddedStore(tmp_path / "st")
    st.replace_document(EX + "kept", {EX + "g1": quads("g1", 2)})
    st.oxigraph.bulk_extend(project_quads("0123456789abcdef", 4))  # data written, registration never happened
    st.close()
    del st
    reader = EmbeddedStore(tmp_path / "st", read_only=True)  # readers hide it until a writer drops it
    assert f"{GRAPH}0123456789abcdef/0" not in reader.named_graphs() and reader.count() == 3
    assert not reader.query(f"ASK {{ GRAPH <{GRAPH}0123456789abcdef/0> {{ ?s ?p ?o }} }}").boolean
    again = EmbeddedStore(tmp_path / "st")
    assert f"{GRAPH}0123456789abcdef/0" not in again.named_graphs()
    assert again.graphs_of(EX + "kept") == [EX + "g1"] and again.count() == 3


def test_graphs_added_by_hand_are_never_dropped(tmp_path) -> None:
    st = EmbeddedStore(tmp_path / "st")
    st.update(f"INSERT DATA {{ GRAPH <{EX}mine> {{ <{EX}a> <{EX}b> <{EX}c> }} "
              f"GRAPH <{GRAPH}notes> {{ <{EX}a> <{EX}b> <{EX}d> }} }}")
    st.close()
    for read_only in (True, False, True):
        again = EmbeddedStore(tmp_path / "st", read_only=read_only)
        assert {EX + "mine", GRAPH + "notes"} <= set(again.named_graphs())
        again.close()


def test_a_reader_never_creates_a_store(tmp_path) -> None:
    with pytest.raises(StoreError, match="no store at .*contractkg ingest"):
        EmbeddedStore(tmp_path / "nothing", read_only=True)
    assert not (tmp_path / "nothing").exists()


def test_a_reader_refuses_writes(tmp_path) -> None:
    EmbeddedStore(tmp_path / "st").close()
    reader = EmbeddedStore(tmp_path / "st", read_only=True)
    with pytest.raises(StoreError, match="read-only"):
        reader.update(f"INSERT DATA {{ <{EX}a> <{EX}b> <{EX}c> }}")


def test_readers_work_beside_a_writer_and_see_its_changes_on_reopen(tmp_path) -> None:
    writer = EmbeddedStore(tmp_path / "st")
    writer.replace_document(EX + "d1", {EX + "g1": quads("g1", 2)})
    reader = EmbeddedStore(tmp_path / "st", read_only=True)  # while the writer still holds the store
    assert reader.count() == 2 + 1  # and one registry triple
    gen = reader.generation
    writer.replace_document(EX + "d2", {EX + "g2": quads("g2", 3)})
    assert reader.count() == 3  # a read-only copy is a snapshot
    fresh = EmbeddedStore(tmp_path / "st", read_only=True)
    assert fresh.count() == 3 + 4 and fresh.generation > gen
    writer.close()


def test_a_second_writer_waits_then_is_refused_in_plain_words(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("CONTRACTKG_LOCK_WAIT", "0.3")
    first = EmbeddedStore(tmp_path / "st", what="contractkg ingest")
    with pytest.raises(StoreError) as info:
        EmbeddedStore(tmp_path / "st")
    msg = str(info.value)
    assert "another process is writing" in msg and "contractkg ingest" in msg and "run this again" in msg
    first.close()
    EmbeddedStore(tmp_path / "st").close()  # free again once the first one is done


def test_limit_caps_rows_and_triples(mem_store: EmbeddedStore) -> None:
    mem_store.replace_document(EX + "d", {EX + "g": quads("g", 5)})
    res = mem_store.query("SELECT ?s WHERE { ?s ?p ?o }", limit=3)
    assert len(res.rows) == 3 and res.truncated
    res = mem_store.query("CONSTRUCT WHERE { ?s ?p ?o }", limit=2)
    assert len(res.triples) == 2 and res.truncated
    assert not mem_store.query("SELECT ?s WHERE { ?s ?p ?o }", limit=6).truncated  # 5 + the registry
