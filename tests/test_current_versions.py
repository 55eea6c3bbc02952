"""Named queries, validation and the explorer read the newest version of each agreement unless asked
for every version (issue 16): an older version stays in the store, linked, but out of the default views."""

from __future__ import annotations

from pathlib import Path

import pytest

from contractkg.namespaces import sparql_prefixes
from contractkg.pipeline import ingest
from contractkg.queries import runner
from contractkg.queries.load import text
from contractkg.store.embedded import EmbeddedStore
from contractkg.validation import validate

VERSIONS = Path(__file__).resolve().parent.parent / "examples" / "versions"


@pytest.fixture(scope="module")
def store() -> EmbeddedStore:
    s = EmbeddedStore(None)
    results = ingest(s, [VERSIONS], workers=1)
    assert [r.error for r in results] == [None] * len(results)
    return s


@pytest.fixture(scope="module")
def older(store: EmbeddedStore) -> set[str]:
    found = {r["old"] for r in store.query(sparql_prefixes() + "SELECT ?old WHERE { ?old ckg:supersededBy ?new }").rows}
    assert len(found) >= 4, found  # one per example pair
    return {o for o in found if o}


def contracts_of(store: EmbeddedStore, query: str, **values: str) -> set[str]:
    return {r["contract"] or "" for r in runner.run(store, query, values).rows}


@pytest.mark.parametrize("query", ["contracts-overview", "art28-matrix", "governing-law-courts", "parties-roles"])
def test_named_queries_leave_older_versions_out_unless_asked(store: EmbeddedStore, older: set[str], query: str) -> None:
    current = contracts_of(store, query)
    every = contracts_of(store, query, versions="all")
    assert current and not current & older
    assert older <= every and current < every


def test_every_named_query_about_contracts_declares_the_versions_parameter() -> None:
    about_contracts = [q for q in runner.catalogue().values() if "?contract" in q.text or "?version_a" in q.text]
    missing = [q.name for q in about_contracts if "versions" not in {p.name for p in q.params}
               and q.name not in ("evidence", "upcoming-objection-deadlines", "data-categories")]
    assert not missing, missing


def test_validation_checks_only_the_newest_versions(store: EmbeddedStore, older: set[str]) -> None:
    reports = validate(store, None, workers=1)
    checked = {r.contract.iri for r in reports}
    assert checked and not checked & older


def test_the_explorer_lists_only_the_newest_versions(store: EmbeddedStore, older: set[str]) -> None:
    listed = {r["contract"] for r in store.query(text("internal/app/contracts")).rows}
    assert listed and not listed & older
