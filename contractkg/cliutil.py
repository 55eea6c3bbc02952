"""Options and helpers shared by every CLI command module."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from contractkg.store import Store, StoreError, open_store

out = Console()
err = Console(stderr=True)

StoreOpt = Annotated[Path | None, typer.Option("--store", help="Embedded store folder (default: $CONTRACTKG_STORE or ./.contractkg/store).")]
EndpointOpt = Annotated[str | None, typer.Option("--endpoint", help="A SPARQL 1.1 server instead of the embedded store.")]


def fail(message: str) -> typer.Exit:
    """Print a one-line user error and return the exit to raise."""
    err.print(f"[red]error:[/red] {message}", highlight=False, soft_wrap=True)
    return typer.Exit(1)


def open_or_fail(store: Path | None, endpoint: str | None = None, read_only: bool = False) -> Store:
    try:
        return open_store(store, endpoint, read_only=read_only)
    except StoreError as e:
        raise fail(str(e)) from None


def progress() -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=err, transient=True)
