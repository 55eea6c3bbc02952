"""Commands that read documents: `ingest` (into the store) and `extract` (JSON or a table, no store)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer
from rich.markup import escape
from rich.table import Table

from contractkg.cli.common import (
    EndpointOpt,
    StoreOpt,
    batch_exit,
    fail,
    open_or_fail,
    out,
    plan_or_fail,
    planned_results,
    progress,
    report_files,
)

if TYPE_CHECKING:
    from contractkg.files import Shard

BudgetOpt = Annotated[float | None, typer.Option(
    "--time-budget", metavar="SECONDS", help="Seconds per document before it is given up as failed "
    "(default: $CONTRACTKG_TIME_BUDGET, else 30; 0: no limit).")]


ShardOpt = Annotated[str | None, typer.Option(
    "--shard", metavar="I/N", help="Only shard I of N (numbered from 1): the files whose path, relative to the "
    "folder given, hashes to it. Run I = 1..N on N machines into one --endpoint to load a corpus together.")]


def _shard(text: str | None) -> Shard | None:
    from contractkg.files import Shard

    try:
        return Shard.parse(text) if text is not None else None
    except ValueError as e:
        raise typer.BadParameter(str(e), param_hint="'--shard'") from None


def _budget(value: float | None) -> float:
    from contractkg.ingest.budget import time_budget

    try:
        return time_budget(value)
    except ValueError as e:
        raise fail(str(e)) from None


def ingest(paths: Annotated[list[Path], typer.Argument(help="Files or folders.")],
           store: StoreOpt = None, endpoint: EndpointOpt = None,
           workers: Annotated[int, typer.Option(help="Extraction processes (0: one per core).")] = 0,
           time_budget: BudgetOpt = None, shard: ShardOpt = None) -> None:
    """Read contracts and put them into the store, one named graph per contract.

    Prints a line per failed or skipped file and "N ingested, M failed, K skipped"; exits 4 when a
    file failed (the others are stored)."""
    from contractkg.pipeline import ingest as run_ingest

    part = _shard(shard)
    plan = plan_or_fail(paths, part)
    budget = _budget(time_budget)
    st = open_or_fail(store, endpoint)
    with st, progress() as bar:
        task = bar.add_task("ingesting", total=len(plan.files))

        def tick(res) -> None:
            bar.advance(task)

        results = run_ingest(st, paths, on_file=tick, workers=workers or None, budget=budget, shard=part)
    counts = report_files(results)  # storing happens in batches, so report at the end
    n_contracts = sum(len(r.records) for r in results if r.outcome == "ingested")
    others = f"; shard {part}: {plan.other_shards} files left to the other shards" if part else ""
    batch_exit(counts, tail=f" ({n_contracts} contracts into {st.location}{others})", to=out)


def extract(paths: Annotated[list[Path], typer.Argument(help="Files or folders.")],
            format: Annotated[Literal["json", "table"], typer.Option("--format", "-f", help="json or table.")] = "table",
            time_budget: BudgetOpt = None) -> None:
    """Extract contracts without storing them: JSON for tools, a table for people."""
    from contractkg.pipeline import extract_files

    plan = plan_or_fail(paths)
    budget = _budget(time_budget)
    results = planned_results(plan)
    read, contracts = extract_files(plan, budget)
    results.extend(read)
    if format == "json":
        printed = [c.to_json() for c in contracts]
        sys.stdout.write(json.dumps({"contracts": printed}, ensure_ascii=False, indent=1) + "\n")
    else:
        t = Table("source", "line", "kind", "lang", "parties")
        for c in contracts:
            parties = "; ".join(f"{p.name or '(' + ', '.join(p.defined_as) + ')'} [{', '.join(p.roles)}]"
                                for p in c.parties)
            t.add_row(Path(c.source).name, str(c.line), c.kind or "", c.language or "", escape(parties))
        out.print(t)
    batch_exit(report_files(results), done="read")


def register(app: typer.Typer) -> None:
    app.command()(ingest)
    app.command()(extract)
