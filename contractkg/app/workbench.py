"""SPARQL workbench logic, free of Streamlit: read-only guard, row limit, timeout, exports."""

from __future__ import annotations

import csv
import io
import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from contractkg.app.query_errors import friendly
from contractkg.app.query_process import run_killable
from contractkg.namespaces import sparql_prefixes
from contractkg.store import QueryResult, Store, StoreError

READ_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}
UPDATE_FORMS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}

_COMMENT = re.compile(r"#[^\n]*")
_IRI_OR_STRING = re.compile(r"<[^<>\s]*>|\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'")
_PROLOGUE = re.compile(r"\s*(?:PREFIX\s+[\w.-]*:\s*<[^>]*>|BASE\s+<[^>]*>)", re.IGNORECASE)
_FIRST_WORD = re.compile(r"\s*([A-Za-z]+)")
_TRAILING_LIMIT = re.compile(r"\bLIMIT\s+\d+(\s+OFFSET\s+\d+)?\s*$|\bOFFSET\s+\d+(\s+LIMIT\s+\d+)?\s*$",
                             re.IGNORECASE)


class ReadOnlyError(StoreError):
    """The workbench does not run SPARQL Update."""


def query_form(sparql: str) -> str:
    """SELECT / ASK / CONSTRUCT / DESCRIBE / INSERT ...: the first keyword after the prologue."""
    text = _IRI_OR_STRING.sub(lambda m: "<>" if m.group(0).startswith("<") else '""', sparql)
    text = _COMMENT.sub(" ", text)
    pos = 0
    while m := _PROLOGUE.match(text, pos):
        pos = m.end()
    word = _FIRST_WORD.match(text, pos)
    return word.group(1).upper() if word else ""


def check_read_only(sparql: str) -> str:
    form = query_form(sparql)
    if form in UPDATE_FORMS:
        raise ReadOnlyError(f"{form} is a SPARQL Update: the workbench is read-only "
                            "(use `contractkg ingest` to change the data)")
    return form


def with_limit(sparql: str, limit: int) -> str:
    """Append LIMIT limit+1 to a SELECT without a final LIMIT, so truncation can be detected."""
    body = _COMMENT.sub(" ", _IRI_OR_STRING.sub('""', sparql)).rstrip()
    if _TRAILING_LIMIT.search(body):
        return sparql
    return sparql.rstrip() + f"\nLIMIT {limit + 1}"


@dataclass
class Outcome:
    result: QueryResult | None = None
    error: str | None = None
    seconds: float = 0.0
    truncated: bool = False
    columns: list[str] = field(default_factory=list)
    records: list[dict[str, str | None]] = field(default_factory=list)


def _tabulate(res: QueryResult) -> tuple[list[str], list[dict[str, str | None]]]:
    if res.kind == "ask":
        return ["boolean"], [{"boolean": str(bool(res.boolean)).lower()}]
    if res.kind == "graph":
        return ["subject", "predicate", "object"], [
            dict(zip(("subject", "predicate", "object"), t, strict=True)) for t in res.triples]
    return list(res.variables), list(res.rows)


def run(store: Store, sparql: str, limit: int = 1000, timeout: float = 30.0) -> Outcome:
    """Run a read-only query with the project prefixes, a row limit and a timeout. The query runs in
    a child process that is killed at the timeout (query_process.py): it does not run on unseen."""
    try:
        form = check_read_only(sparql)
    except ReadOnlyError as e:
        return Outcome(error=str(e))
    text = sparql_prefixes() + (with_limit(sparql, limit) if form == "SELECT" else sparql)
    start = time.perf_counter()
    try:
        res = run_killable(store, text, limit=limit, timeout=timeout)
    except StoreError as e:  # positions count from the user's text, not the pre-declared prefixes
        return Outcome(error=friendly(str(e), sparql, sparql_prefixes()), seconds=time.perf_counter() - start)
    seconds = time.perf_counter() - start
    columns, records = _tabulate(res)
    truncated = res.truncated or len(records) > limit
    return Outcome(result=res, seconds=seconds, truncated=truncated, columns=columns, records=records[:limit])


def to_csv(columns: list[str], records: list[dict[str, str | None]]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(records)
    return buf.getvalue()


def to_json(columns: list[str], records: list[dict[str, str | None]]) -> str:
    return json.dumps({"variables": columns, "rows": records}, ensure_ascii=False, indent=1)


def named_queries() -> dict[str, Any]:
    """Name -> NamedQuery (title, description, text, params) of the project's query library."""
    try:
        from contractkg.queries import runner
    except ImportError:  # the runner is optional for the workbench: fall back to the bare .rq files
        import contractkg.queries as pkg

        folder = Path(pkg.__file__).parent
        return {p.stem: SimpleNamespace(name=p.stem, title=p.stem.replace("_", " "), description="",
                                        text=p.read_text(encoding="utf-8"), params=())
                for p in sorted(folder.glob("*.rq"))}
    return dict(runner.catalogue())


def bound_text(query: Any, values: dict[str, str]) -> str:
    """The named query with its parameters bound (QueryError on a bad value), prologue removed."""
    from contractkg.queries import runner

    return strip_prologue(runner.sparql_text(query, values))


def needs_input(query: Any) -> bool:
    return any(p.required and p.default is None for p in query.params)


def strip_prologue(sparql: str) -> str:
    """A named query without the PREFIX lines the workbench pre-declares anyway."""
    lines = sparql.splitlines()
    kept = [ln for ln in lines if not re.match(r"\s*PREFIX\s", ln, re.IGNORECASE)]
    return "\n".join(kept).strip() + "\n"
