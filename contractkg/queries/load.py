"""Every SPARQL text of the project, loaded by name from the .rq files under this folder.

Named queries (the ones `contractkg queries` lists) sit beside this module; the queries the code
runs for itself sit under ``internal/`` and are named by their path: ``internal/app/contract-parties``.

A query never has a term pasted into it. Values reach it as:
- tables: an empty VALUES block whose only content is a ``# table: NAME`` comment is filled with
  rows, from the caller (``tables={NAME: rows}``) or from ``contractkg.vocabulary.TABLES``. The
  file stays valid SPARQL on its own (an empty VALUES block matches nothing).
- lists: an empty ``IN ()`` whose only content is a ``# list: NAME`` comment gets the terms of a
  one-column table, for a FILTER (faster than a VALUES join when it tests every triple of a graph).
Terms are serialised by pyoxigraph; ``None`` in a row is UNDEF. ``LIMIT n  # limit: NAME`` takes
an integer from ``limits``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from pathlib import Path

import pyoxigraph as ox

from contractkg.namespaces import sparql_prefixes
from contractkg.vocabulary import TABLES

QUERY_DIR = Path(__file__).parent
INTERNAL = "internal"
Term = ox.NamedNode | ox.Literal
_NAME = re.compile(r"[a-z0-9][\w-]*(/[a-z0-9][\w-]*)*")
_TABLE = re.compile(r"VALUES[ \t]*(\([?\w \t]*\)|\?\w+)[ \t]*\{[ \t]*#[ \t]*table:[ \t]*(\w+)[ \t]*\n[ \t]*\}", re.I)
_LIST = re.compile(r"\bIN[ \t]*\([ \t]*#[ \t]*list:[ \t]*(\w+)[ \t]*\n[ \t]*\)", re.I)
_LIMIT = re.compile(r"LIMIT[ \t]+\d+([ \t]*)#[ \t]*limit:[ \t]*(\w+)", re.I)
_VAR = re.compile(r"\?(\w+)")


class QueryFileError(LookupError):
    """No query file of that name, or a table or limit the caller did not give."""


def path(name: str) -> Path:
    if not _NAME.fullmatch(name):
        raise QueryFileError(f"bad query name {name!r}: use the .rq path under contractkg/queries, without .rq")
    return QUERY_DIR / f"{name}.rq"


@cache
def source(name: str) -> str:
    """The text of one .rq file as written (read once)."""
    p = path(name)
    if not p.is_file():
        raise QueryFileError(f"no query file {p.relative_to(QUERY_DIR.parent.parent)}")
    return p.read_text(encoding="utf-8")


def text(name: str, *, tables: Mapping[str, Iterable[Sequence[Term | None]]] | None = None,
         limits: Mapping[str, int] | None = None, prefixes: bool = True) -> str:
    """The query ready to run: tables filled, limits set, the project prefixes first."""
    body = render(source(name), name, tables, limits)
    return sparql_prefixes() + body if prefixes else body


def render(body: str, name: str = "query", tables: Mapping[str, Iterable[Sequence[Term | None]]] | None = None,
           limits: Mapping[str, int] | None = None) -> str:
    """Fill the table VALUES blocks (given tables first, then the vocabulary's) and the marked limits."""
    given = dict(tables or {})

    def rows(table: str) -> list[tuple[Term | None, ...]]:
        if table in given:
            return [tuple(r) for r in given[table]]
        if table in TABLES:
            return list(TABLES[table]())
        raise QueryFileError(f"query {name} needs table {table!r}")

    def fill(m: re.Match[str]) -> str:
        line = body[body.rfind("\n", 0, m.start()) + 1:m.start()]
        return values_block(_VAR.findall(m.group(1)), rows(m.group(2)), " " * (len(line) - len(line.lstrip())))

    def fill_list(m: re.Match[str]) -> str:
        return "IN (" + ", ".join(_term(t) for r in rows(m.group(1)) for t in r) + ")"

    def limit(m: re.Match[str]) -> str:
        if m.group(2) not in (limits or {}):
            raise QueryFileError(f"query {name} needs limit {m.group(2)!r}")
        return f"LIMIT {int((limits or {})[m.group(2)])}"

    return _LIMIT.sub(limit, _LIST.sub(fill_list, _TABLE.sub(fill, body)))


def values_block(variables: Sequence[str], rows: Iterable[Sequence[Term | None]], indent: str = "") -> str:
    """``VALUES (?a ?b) { (<x> "y") ... }`` from RDF terms (None: UNDEF)."""
    lines = []
    for row in rows:
        if len(row) != len(variables):
            raise ValueError(f"a row of {len(row)} terms for {len(variables)} variables")
        lines.append("(" + " ".join("UNDEF" if t is None else _term(t) for t in row) + ")")
    head = "(" + " ".join("?" + v for v in variables) + ")"
    if len(lines) > 1:  # one row a line, indented under the VALUES: named queries are read in the workbench
        return f"VALUES {head} {{\n" + "".join(f"{indent}  {line}\n" for line in lines) + f"{indent}}}"
    return f"VALUES {head} {{ " + " ".join(lines) + " }"


def _term(t: object) -> str:
    if not isinstance(t, (ox.NamedNode, ox.Literal)):
        raise TypeError(f"a table cell must be an IRI or a literal, not {type(t).__name__}")
    return str(t)


def names(internal: bool = False) -> list[str]:
    """Every query name: the named (public) ones, or the internal ones."""
    if internal:
        return sorted(p.relative_to(QUERY_DIR).with_suffix("").as_posix() for p in (QUERY_DIR / INTERNAL).rglob("*.rq"))
    return sorted(p.stem for p in QUERY_DIR.glob("*.rq"))


def iris(values: Iterable[str]) -> list[tuple[ox.NamedNode]]:
    """One-column table rows of IRIs."""
    return [(ox.NamedNode(v),) for v in values]
