"""Every SPARQL text of the project, loaded by name from the .rq files under this folder.

Named queries (the ones `contractkg queries` lists) sit beside this module; the queries the code
runs for itself sit under ``internal/`` and are named by their path: ``internal/app/contract-parties``.

A query never has a term pasted into it. Values reach it in two ways:
- one row of bindings at the head of the WHERE group (``Store.query(text, bindings=...)``, or
  ``text(..., bind=...)`` where only text can travel, as in the explorer's cache);
- tables: an empty VALUES block whose only content is a ``# table: NAME`` comment is filled with
  rows, from the caller (``tables={NAME: rows}``) or from ``contractkg.vocabulary.TABLES``. The
  file stays valid SPARQL on its own (an empty VALUES block matches nothing).
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
         limits: Mapping[str, int] | None = None, bind: Mapping[str, Term] | None = None,
         prefixes: bool = True) -> str:
    """The query ready to run: tables filled, limits set, ``bind`` as a VALUES row, project prefixes."""
    body = render(source(name), name, tables, limits)
    if bind:
        from contractkg.store.remote import with_values

        body = with_values(body, bind)
    return sparql_prefixes() + body if prefixes else body


def render(body: str, name: str = "query", tables: Mapping[str, Iterable[Sequence[Term | None]]] | None = None,
           limits: Mapping[str, int] | None = None) -> str:
    """Fill the table VALUES blocks (given tables first, then the vocabulary's) and the marked limits."""
    given = dict(tables or {})

    def fill(m: re.Match[str]) -> str:
        variables, table = _VAR.findall(m.group(1)), m.group(2)
        if table in given:
            rows = [tuple(r) for r in given[table]]
        elif table in TABLES:
            rows = list(TABLES[table]())
        else:
            raise QueryFileError(f"query {name} needs table {table!r}")
        return values_block(variables, rows)

    def limit(m: re.Match[str]) -> str:
        if m.group(2) not in (limits or {}):
            raise QueryFileError(f"query {name} needs limit {m.group(2)!r}")
        return f"LIMIT {int((limits or {})[m.group(2)])}"

    return _LIMIT.sub(limit, _TABLE.sub(fill, body))


def values_block(variables: Sequence[str], rows: Iterable[Sequence[Term | None]]) -> str:
    """``VALUES (?a ?b) { (<x> "y") ... }`` from RDF terms (None: UNDEF)."""
    lines = []
    for row in rows:
        if len(row) != len(variables):
            raise ValueError(f"a row of {len(row)} terms for {len(variables)} variables")
        cells = []
        for t in row:
            if t is not None and not isinstance(t, (ox.NamedNode, ox.Literal)):
                raise TypeError(f"a table cell must be an IRI or a literal, not {type(t).__name__}")
            cells.append("UNDEF" if t is None else str(t))
        lines.append("(" + " ".join(cells) + ")")
    head = "(" + " ".join("?" + v for v in variables) + ")"
    return f"VALUES {head} {{ " + " ".join(lines) + " }"


def names(internal: bool = False) -> list[str]:
    """Every query name: the named (public) ones, or the internal ones."""
    if internal:
        return sorted(p.relative_to(QUERY_DIR).with_suffix("").as_posix() for p in (QUERY_DIR / INTERNAL).rglob("*.rq"))
    return sorted(p.stem for p in QUERY_DIR.glob("*.rq"))


def iris(values: Iterable[str]) -> list[tuple[ox.NamedNode]]:
    """One-column table rows of IRIs."""
    return [(ox.NamedNode(v),) for v in values]
