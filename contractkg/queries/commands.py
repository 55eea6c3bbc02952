"""CLI commands for data engineers: query (more arrive with the data-engineering issue)."""

import csv
import io
import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from contractkg.cliutil import EndpointOpt, StoreOpt, fail, open_or_fail, out
from contractkg.namespaces import sparql_prefixes
from contractkg.store import QueryResult, StoreError


def render(res: QueryResult, fmt: str) -> str | Table:
    if res.kind == "ask":
        return json.dumps({"boolean": res.boolean}) if fmt == "json" else str(res.boolean).lower()
    rows = res.rows if res.kind == "select" else [dict(zip(res.variables, t, strict=True)) for t in res.triples]
    if fmt == "json":
        return json.dumps({"variables": res.variables, "rows": rows}, ensure_ascii=False, indent=1)
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=res.variables, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
        return buf.getvalue()
    t = Table(*res.variables)
    for r in rows:
        t.add_row(*[r.get(v) or "" for v in res.variables])
    return t


def register(app: typer.Typer) -> None:
    @app.command()
    def query(sparql: Annotated[str, typer.Argument(help="A SPARQL query, or a .rq file.")],
              format: Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")] = "table",
              store: StoreOpt = None, endpoint: EndpointOpt = None) -> None:
        """Run a SPARQL query over all graphs (the project prefixes are pre-declared)."""
        if format not in ("table", "csv", "json"):
            raise fail(f"unknown format {format!r}: use table, csv or json")
        p = Path(sparql)
        text = p.read_text(encoding="utf-8") if p.suffix == ".rq" and p.is_file() else sparql
        st = open_or_fail(store, endpoint)
        try:
            res = st.query(sparql_prefixes() + text)
        except StoreError as e:
            raise fail(str(e)) from None
        shown = render(res, format)
        if isinstance(shown, str):
            sys.stdout.write(shown if shown.endswith("\n") else shown + "\n")
        else:
            out.print(shown)
