"""Commands over the whole store: `export` (serialise it) and `stats` (counts)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Literal

import typer
from rich.table import Table

from contractkg.cli.common import EndpointOpt, StoreOpt, fail, open_or_fail, out
from contractkg.store import StoreError


def export(format: Annotated[Literal["trig", "nquads", "turtle", "jsonld"], typer.Option(
               "--format", "-f", help="trig, nquads, turtle or jsonld.")] = "trig",
           output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")] = None,
           redact: Annotated[bool, typer.Option(help="Leave out contact persons' names and every e-mail address.")] = False,
           store: StoreOpt = None, endpoint: EndpointOpt = None) -> None:
    """Serialise the whole store (read-only: works beside a running ingest or explorer)."""
    st = open_or_fail(store, endpoint, read_only=True)
    try:
        if redact:
            from contractkg.redact import redacted

            data = redacted(st.dump("nquads"), format)
        else:
            data = st.dump(format)
    except StoreError as e:
        raise fail(str(e)) from None
    if output:
        output.write_bytes(data)
    else:
        sys.stdout.buffer.write(data)


def stats(store: StoreOpt = None, endpoint: EndpointOpt = None) -> None:
    """Counts of documents, contracts, parties and triples (read-only)."""
    from contractkg.queries.load import text

    st = open_or_fail(store, endpoint, read_only=True)
    try:
        row = st.query(text("internal/counts")).rows[0]
        t = Table("what", "count")
        for k in ("documents", "contracts", "parties"):
            t.add_row(k, row[k] or "0")
        t.add_row("triples", str(st.count()))
        t.add_row("named graphs", str(len(st.named_graphs())))
    except StoreError as e:
        raise fail(str(e)) from None
    out.print(t)


def register(app: typer.Typer) -> None:
    app.command()(export)
    app.command()(stats)
