"""The queries behind the explorer's pages, loaded by name from contractkg/queries/internal/app/.

Texts come without the prefix block: data.rows pre-declares the project prefixes."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from contractkg.namespaces import CKG
from contractkg.queries.load import iris, text


def app_query(name: str, **tables: Iterable[tuple[ox.NamedNode | ox.Literal | None, ...]]) -> str:
    """The text of internal/app/<name>.rq with the given tables filled."""
    return text(f"internal/app/{name}", tables=tables, prefixes=False)


def contract_table(contract: str) -> list[tuple[ox.NamedNode]]:
    return iris([contract])


CONTRACTS = app_query("contracts")
COUNTS = text("internal/counts", prefixes=False)
DPA_COUNT = app_query("dpa-count")
DPA_LIST = app_query("dpa-list")
VIOLATIONS = app_query("art28-findings")
TRANSFERS = app_query("transfers")
BREACH_DEADLINES = app_query("breach-deadlines")
SHARED_SUBPROCESSORS = app_query("shared-subprocessors")


def contracts_of_paths(paths: Iterable[str]) -> str:
    return app_query("contracts-of-paths", files=[(ox.Literal(p),) for p in paths])


def contract_labels(contracts: Iterable[str]) -> str:
    return app_query("contract-labels", contracts=iris(contracts))


def coverage_of(contracts: Iterable[str]) -> str:
    return app_query("art28-coverage-of", contracts=iris(contracts))


def parties(contract: str) -> str:
    return app_query("parties", contract=contract_table(contract))


def subprocessor_names(subprocessors: Iterable[str]) -> str:
    return app_query("subprocessor-names", subprocessors=iris(subprocessors))


def subprocessor_countries(subprocessors: Iterable[str]) -> str:
    return app_query("subprocessor-countries", subprocessors=iris(subprocessors))


def element_iri(key: str) -> str:
    from contractkg.app.vocab import schema_keys

    return next((i for i, k in schema_keys().items() if k == key), CKG + key)


def element_evidence(contract: str, element: str) -> str:
    """The clause(s) and evidence spans that stipulate one Art. 28 element of one contract."""
    return app_query("element-evidence", target=[(ox.NamedNode(contract), ox.NamedNode(element_iri(element)))])
