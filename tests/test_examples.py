"""The example corpus: every file ingests, and the agreements found match examples/gold."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from contractkg import kg
from contractkg.pipeline import ingest, process
from contractkg.store.embedded import EmbeddedStore

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
GOLD = EXAMPLES / "gold"
EXAMPLE_SUFFIXES = {".txt", ".md", ".html", ".htm", ".pdf", ".docx"}

EXAMPLE_FILES = sorted(
    p for p in EXAMPLES.iterdir()
    if p.is_file() and p.suffix.lower() in EXAMPLE_SUFFIXES and not p.stem.upper().startswith("README")
)
GOLD_FILES = sorted(GOLD.glob("*.yaml"))


def gold_for(example: Path) -> dict:
    return yaml.safe_load((GOLD / f"{example.stem}.yaml").read_text(encoding="utf-8"))


def test_the_corpus_is_big_and_varied_enough() -> None:
    assert len(EXAMPLE_FILES) >= 8
    languages = {c["language"] for g in map(gold_for, EXAMPLE_FILES) for c in g["contracts"]}
    assert {"fr", "it", "en", "de", "es"} <= languages
    assert {".txt", ".md", ".html"} <= {p.suffix for p in EXAMPLE_FILES}


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: p.name)
def test_every_example_has_a_gold_file_naming_it(example: Path) -> None:
    gold = gold_for(example)
    assert gold["source"] == example.name
    for contract in gold["contracts"]:
        assert isinstance(contract["line"], int) and contract["line"] >= 1
        assert contract["starts_with"]
        # the gold's opening words are really at its line (guards against stale gold after an edit)
        line = example.read_text(encoding="utf-8").splitlines()[contract["line"] - 1]
        assert contract["starts_with"].split()[0] in line


@pytest.mark.parametrize("gold_file", GOLD_FILES, ids=lambda p: p.name)
def test_every_gold_file_has_its_example(gold_file: Path) -> None:
    source = yaml.safe_load(gold_file.read_text(encoding="utf-8"))["source"]
    assert (EXAMPLES / source).is_file()


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: p.name)
def test_example_ingests_into_a_store(example: Path) -> None:
    store = EmbeddedStore(None)
    results = ingest(store, [example], workers=1)
    assert [r.error for r in results] == [None]
    assert results[0].records, "no agreement extracted"
    graphs = set(store.named_graphs())
    doc = results[0].doc
    assert doc is not None
    # one named graph per agreement, and no extra contract graph
    expected = {kg.contract_graph(doc, i) for i in range(len(results[0].records))}
    assert expected <= graphs
    assert kg.contract_graph(doc, len(results[0].records)) not in graphs
    for graph in expected:
        assert store.query(f"ASK {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}").boolean is True


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: p.name)
def test_agreement_count_matches_the_gold(example: Path) -> None:
    expected = gold_for(example)["contracts"]
    result = process(example)
    assert result.error is None, result.error
    found = [(r.line, r.starts_with) for r in result.records]
    assert len(found) == len(expected), f"gold has {[(c['line'], c['starts_with']) for c in expected]}, found {found}"


def test_benchmark_copies_change_names_and_numbers_but_keep_the_layout(monkeypatch: pytest.MonkeyPatch) -> None:
    import random

    monkeypatch.syspath_prepend(str(EXAMPLES.parent))  # benchmarks/ sits at the repo root, not installed
    from benchmarks.corpus import vary
    text = "Between Acme Widgets GmbH, Hauptstraße 123, 10115 Berlin (\"Acme\").\n1. Scope\n1.1 Acme shall act within 72 hours.\n"
    copy = vary(text, random.Random(7))
    assert "Acme" not in copy and "10115" not in copy and "123," not in copy
    assert "GmbH" in copy and "72 hours" in copy
    assert [line.split(" ")[0] for line in copy.splitlines()[1:]] == ["1.", "1.1"]
    assert copy != vary(text, random.Random(8))
