"""Every SPARQL text is a .rq file: each parses, no Python module holds a query, and the named
queries give a label column beside every IRI column."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parser import parseUpdate

from contractkg.queries import load, runner
from contractkg.vocabulary import TABLES

PACKAGE = Path(load.__file__).resolve().parent.parent
EXAMPLES = PACKAGE.parent / "examples"
# A query or update form with its opening: SELECT ?x / SELECT * / SELECT (COUNT, ASK {, CONSTRUCT {,
# DESCRIBE ?x, INSERT/DELETE DATA|WHERE {, DELETE {, DROP GRAPH. Keywords upper-case, as queries write them.
SPARQL_FORM = re.compile(r"\b(?:SELECT(?:\s+DISTINCT|\s+REDUCED)?\s+[?*(]|ASK\s*\{|CONSTRUCT\s*\{|DESCRIBE\s+[?<]"
                         r"|(?:INSERT|DELETE)\s+(?:DATA|WHERE)\s*\{|DELETE\s*\{|DROP\s+(?:SILENT\s+)?GRAPH)")
# The one module that writes update syntax around data it serialises (INSERT DATA, DROP GRAPH).
UPDATE_BUILDER = PACKAGE / "queries" / "updates.py"
IRI = re.compile(r"^(https?|urn):")


def all_query_names() -> list[str]:
    return load.names() + load.names(internal=True)


def rendered(name: str) -> str:
    """The query with every table the caller would give left empty and every limit set to 1."""
    src = load.source(name)
    tables = {t: [] for t in re.findall(r"#\s*(?:table|list):\s*(\w+)", src) if t not in TABLES}
    limits = {n: 1 for n in re.findall(r"#\s*limit:\s*(\w+)", src)}
    return load.text(name, tables=tables, limits=limits)


@pytest.mark.parametrize("name", all_query_names())
def test_every_query_file_parses(name: str) -> None:
    text = rendered(name)
    if runner.is_update(load.source(name)):
        parseUpdate(text)
    else:
        prepareQuery(text)


def test_a_broken_query_file_does_not_parse() -> None:
    with pytest.raises(Exception):  # noqa: B017 - rdflib raises pyparsing's ParseException
        prepareQuery("SELECT ?x WHERE { ?x ckg:p }")


def sparql_strings(path: Path) -> list[tuple[int, str]]:
    """String constants (f-strings with their fields as '_') of one module that hold a SPARQL form."""
    found = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parts = {id(v) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for v in n.values}
    for node in ast.walk(tree):
        if id(node) in parts:
            continue
        if isinstance(node, ast.JoinedStr):
            value = "".join(v.value if isinstance(v, ast.Constant) else "_" for v in node.values)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str | bytes):
            value = node.value if isinstance(node.value, str) else node.value.decode("utf-8", "replace")
        else:
            continue
        if SPARQL_FORM.search(value):
            found.append((node.lineno, value[:80]))
    return found


def test_the_pattern_finds_inline_queries(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text('Q = """\nSELECT ?s WHERE { ?s ?p ?o }"""\nU = f"DELETE WHERE {{ GRAPH <{1}> {{ ?s ?p ?o }} }}"\n'
                      'A = "ASK {}"\nD = "SELECT rows, ASK boolean or CONSTRUCT triples"\n', encoding="utf-8")
    assert [line for line, _ in sparql_strings(sample)] == [1, 3, 4]


def test_no_python_module_holds_a_query() -> None:
    offenders = {str(p.relative_to(PACKAGE.parent)): hits for p in sorted(PACKAGE.rglob("*.py"))
                 if p != UPDATE_BUILDER and (hits := sparql_strings(p))}
    assert not offenders, f"move these into .rq files under contractkg/queries: {offenders}"


def test_named_and_internal_queries_are_apart() -> None:
    assert set(runner.catalogue()) == set(load.names())
    assert not any(n.startswith("internal/") for n in runner.catalogue())
    assert "internal/counts" in load.names(internal=True)


def test_vocabulary_tables_fill_the_named_queries() -> None:
    for name, q in runner.catalogue().items():
        assert "# table:" not in q.text and "# list:" not in q.text, name
    matrix = runner.get("art28-matrix").text
    assert "contractkg#Art28InfringingInstructionNotice>" in matrix and "\"subject_matter\"" in matrix
    assert runner.get("audit-terms").text.count("hasDataImporter>") == 1


def test_a_missing_table_is_named() -> None:
    with pytest.raises(load.QueryFileError, match="needs table 'contract'"):
        load.text("internal/app/contract-info")
    with pytest.raises(load.QueryFileError, match="no query file"):
        load.source("internal/none")
    with pytest.raises(TypeError):
        load.values_block(["x"], [("not a term",)])  # type: ignore[list-item]


@pytest.fixture(scope="module")
def examples_store():
    from contractkg.pipeline import ingest
    from contractkg.store.embedded import EmbeddedStore

    store = EmbeddedStore(None)
    files = sorted(p for p in EXAMPLES.rglob("*") if p.is_file() and p.suffix in (".txt", ".md", ".html")
                   and p.name != "README.md" and "gold" not in p.parts)
    assert files
    results = ingest(store, files, workers=1)
    assert all(r.error is None for r in results)
    return store


def params(store, name: str) -> dict[str, str]:
    """Values for the required parameters of a named query: a fact that has evidence, a role."""
    if name == "evidence":
        row = runner.run(store, "contracts-overview").rows[0]
        return {"fact": row["contract"] or ""}
    if name == "obligations-of-party":
        return {"party": "processor"}
    return {}


@pytest.fixture(scope="module")
def seeds_store(seeds: Path):
    from contractkg.pipeline import ingest
    from contractkg.store.embedded import EmbeddedStore

    store = EmbeddedStore(None)
    assert all(r.error is None for r in ingest(store, [seeds], workers=1))
    return store


@pytest.mark.parametrize("name", load.names())
def test_named_queries_give_a_label_beside_every_iri_column(examples_store, name: str) -> None:
    labelled(examples_store, name)


@pytest.mark.parametrize("name", ["language-versions", "retention-periods", "transfers-without-safeguard"])
def test_labels_of_queries_the_examples_leave_empty(seeds_store, name: str) -> None:
    """These three find nothing in examples/; the seeds have translations, retention rules and
    unsafeguarded transfers."""
    assert labelled(seeds_store, name)


def labelled(store, name: str) -> int:
    """Check the label columns of one named query's result; the number of rows."""
    res = runner.run(store, name, params(store, name))
    iri_columns = {c for r in res.rows for c, v in r.items() if v and IRI.match(v) and not c.endswith("Label")}
    missing = sorted(c for c in iri_columns if c + "Label" not in res.variables)
    assert not missing, f"{name}: no label column for {missing}"
    for c in iri_columns:
        assert res.variables.index(c + "Label") == res.variables.index(c) + 1, f"{name}: {c}Label not beside {c}"
        empty = [r[c] for r in res.rows if r.get(c) and not (r.get(c + "Label") or "").strip()]
        assert not empty, f"{name}: {c} without a label: {empty[:3]}"
        assert not any(IRI.match(r.get(c + "Label") or "") for r in res.rows), f"{name}: {c}Label holds IRIs"
    return len(res.rows)


def test_art28_elements_are_declared_once() -> None:
    """The ontology's Art. 28 concepts (ckg:schemaKey, in file order) are the table the queries use;
    the extractor's list of record keys must name the same elements in the same order."""
    from contractkg.ingest.obligations.art28 import ELEMENTS
    from contractkg.ontology import art28_elements

    keys = [row[1].value for row in TABLES["art28_elements"]()]  # type: ignore[union-attr]
    assert keys == list(art28_elements()) == list(ELEMENTS)
    assert [row[2].value for row in TABLES["art28_elements"]()] == [str(i) for i in range(1, len(keys) + 1)]  # type: ignore[union-attr]
