"""The queries behind the contract page (one contract IRI at a time), from internal/app/contract-*.rq."""

from __future__ import annotations

from contractkg.app.sparql import app_query, contract_table


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
