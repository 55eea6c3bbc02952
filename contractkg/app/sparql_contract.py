"""The queries behind the contract page (one contract IRI at a time), from internal/app/contract-*.rq."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from contractkg.app.sparql import app_query, contract_table
from contractkg.namespaces import CKG
from contractkg.queries.load import iris, text

COUNT = app_query("contract-count")


def _of(name: str, contract: str) -> str:
    return app_query(f"contract-{name}", contract=contract_table(contract))


def info(c: str) -> str:
    return _of("info", c)


def span(c: str) -> str:
    """The agreement's own span: its largest evidence that supports no particular field."""
    return _of("span", c)


def clauses(c: str) -> str:
    return _of("clauses", c)


def facts(c: str) -> str:
    """Every fact of the contract that has a text span: what it is, its span, its clause."""
    return _of("facts", c)


def parties(c: str) -> str:
    return _of("parties", c)


def inventory(c: str) -> str:
    return _of("inventory", c)


def subprocessors(c: str) -> str:
    return _of("subprocessors", c)


def obligations(c: str) -> str:
    return _of("obligations", c)


def validation(c: str) -> str:
    """SHACL results about this contract (from the validation graphs), plus elements it lacks."""
    return _of("validation", c)


def versions(c: str) -> str:
    """Other language versions of the agreement (ckg:translationOf, either direction)."""
    return _of("versions", c)


def sample(dpas_only: bool, limit: int) -> str:
    """The first ``limit`` contracts (DPAs, or of any kind), unordered: the picker before a search."""
    kind = ox.NamedNode(CKG + "DataProcessingAgreement") if dpas_only else None
    return text("internal/app/contract-sample", tables={"kind": [(kind,)]}, limits={"choices": limit},
                prefixes=False)


def choices(contracts: Iterable[str]) -> str:
    """Kind, title, language and file of the given contracts (the picker's labels)."""
    return app_query("contract-choices", contracts=iris(contracts))


def node_labels(nodes: Iterable[str]) -> str:
    return app_query("node-labels", nodes=iris(nodes))
