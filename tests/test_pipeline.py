"""Batch behaviour of ingest: a separately published sub-processor list joins its DPA in the store."""

from __future__ import annotations

from pathlib import Path

from contractkg.namespaces import sparql_prefixes
from contractkg.pipeline import ingest

DPA = """DATA PROCESSING AGREEMENT

Between the Customer (the "Controller") and Quillfeather Software Ltd, 3 Kings Road, Bristol BS1 5AA, United Kingdom (the "Processor").

1. Sub-processors
The Processor may engage the sub-processors listed in its published sub-processor list.
The Processor shall notify the Controller thirty (30) days before adding a new sub-processor.
"""

LIST = """Sub-processor list

| Sub-processor | Service | Location |
| Larchwood Hosting GmbH | Hosting | Germany |
| Parcelnet Inc. | E-mail delivery | United States |
"""


def test_companion_list_is_stored_with_the_dpa(tmp_path: Path, mem_store) -> None:
    (tmp_path / "a_dpa.txt").write_text(DPA, encoding="utf-8")
    (tmp_path / "b_list.txt").write_text(LIST, encoding="utf-8")
    results = ingest(mem_store, [tmp_path / "a_dpa.txt", tmp_path / "b_list.txt"])
    assert all(r.error is None for r in results)
    rows = mem_store.query(sparql_prefixes() + """SELECT ?name WHERE {
        ?c a ckg:DataProcessingAgreement ; ckg:hasSubProcessorEngagement/ckg:subProcessor/rdfs:label ?name }""").rows
    names = {r["name"] for r in rows}
    assert any("Larchwood" in n for n in names) and any("Parcelnet" in n for n in names)


def test_folder_walk_skips_readme_but_not_named_files(tmp_path: Path) -> None:
    from contractkg.pipeline import iter_files

    (tmp_path / "README.md").write_text("# notes", encoding="utf-8")
    (tmp_path / "dpa.txt").write_text(DPA, encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.txt").write_text(DPA, encoding="utf-8")
    assert [p.name for p in iter_files([tmp_path])] == ["dpa.txt"]
    assert [p.name for p in iter_files([tmp_path / "README.md"])] == ["README.md"]
