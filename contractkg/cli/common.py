"""Options and helpers shared by every CLI command module.

Exit codes: 0 success, 1 user error (one line on stderr), 2 usage error, 3 a Violation (validate),
4 some files of a batch failed (the others were read)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from contractkg.store import Store, StoreError, open_store

if TYPE_CHECKING:
    from contractkg.files import Plan, Shard
    from contractkg.pipeline import FileResult

BATCH_FAILED = 4

out = Console()
err = Console(stderr=True)

StoreOpt = Annotated[Path | None, typer.Option("--store", help="Embedded store folder (default: $CONTRACTKG_STORE or ./.contractkg/store).")]
EndpointOpt = Annotated[str | None, typer.Option("--endpoint", help="A SPARQL 1.1 server instead of the embedded store.")]


def fail(message: str) -> typer.Exit:
    """Print a one-line user error and return the exit to raise."""
    err.print(f"[red]error:[/red] {message}", highlight=False, soft_wrap=True)
    return typer.Exit(1)


def open_or_fail(store: Path | None, endpoint: str | None = None, read_only: bool = False) -> Store:
    """The store; ``read_only`` for commands that only read (they never create a store)."""
    try:
        return open_store(store, endpoint, read_only=read_only)
    except StoreError as e:
        raise fail(str(e)) from None


def plan_or_fail(paths: Sequence[Path], shard: Shard | None = None) -> Plan:
    """The files a batch reads (of ``shard`` only, if given); a named path that cannot be read is a user error."""
    from contractkg.files import plan_files

    plan = plan_files(paths, shard)
    if plan.refused:
        raise fail("; ".join(f"{p}: {why}" for p, why in plan.refused))
    if not plan.files and not plan.other_shards:  # a shard may find all files taken by the others
        report_files(planned_results(plan))
        raise fail("no supported files found (txt, md, html, pdf, docx)")
    return plan


def planned_results(plan: Plan) -> list[FileResult]:
    from contractkg.pipeline import planned

    return planned(plan)


def report_files(results: Iterable[FileResult]) -> dict[str, int]:
    """One stderr line per failed or skipped file (files of one unsupported type in one folder share
    a line); the counts by outcome."""
    counts = {"ingested": 0, "failed": 0, "skipped": 0}
    by_type: dict[tuple[str, str], list[FileResult]] = {}
    for r in results:
        counts[r.outcome] += 1
        if r.skipped and r.skipped.startswith("unsupported file type"):
            by_type.setdefault((str(Path(r.path).parent), Path(r.path).suffix), []).append(r)
        elif r.error:
            err.print(f"[red]failed:[/red] {r.error}", highlight=False, soft_wrap=True)
        elif r.skipped:
            err.print(f"[yellow]skipped:[/yellow] {r.path}: {r.skipped}", highlight=False, soft_wrap=True)
    for (folder, suffix), group in by_type.items():
        shown = group[0].path if len(group) == 1 else f"{Path(folder) / ('*' + suffix)} ({len(group)} files)"
        err.print(f"[yellow]skipped:[/yellow] {shown}: {group[0].skipped}", highlight=False, soft_wrap=True)
    return counts


def batch_exit(counts: dict[str, int], done: str = "ingested", tail: str = "", to: Console = err) -> None:
    """The summary line "N ingested, M failed, K skipped"; exit 4 when a file failed."""
    to.print(f"{counts['ingested']} {done}, {counts['failed']} failed, {counts['skipped']} skipped{tail}",
             highlight=False, soft_wrap=True)
    if counts["failed"]:
        raise typer.Exit(BATCH_FAILED)


def progress() -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=err, transient=True)
