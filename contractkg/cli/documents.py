"""The `contractkg` command line. Exit codes: see cliutil (0 success, 1 user error, 2 usage error,
3 a Violation, 4 some files of a batch failed)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from contractkg import DPV_VERSION, __version__, ontology_version
from contractkg.cliutil import (
    EndpointOpt,
    StoreOpt,
    batch_exit,
    err,
    fail,
    open_or_fail,
    out,
    plan_or_fail,
    planned_results,
    progress,
    report_files,
)
from contractkg.store import StoreError

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="contractkg: a knowledge graph of contractual obligations.")
BudgetOpt = Annotated[float | None, typer.Option(
    "--time-budget", metavar="SECONDS", help="Seconds per document before it is given up as failed "
    "(default: $CONTRACTKG_TIME_BUDGET, else 30; 0: no limit).")]


def _budget(value: float | None) -> float:
    from contractkg.ingest.budget import time_budget

    try:
        return time_budget(value)
    except ValueError as e:
        raise fail(str(e)) from None


@app.command()
def ingest(paths: Annotated[list[Path], typer.Argument(help="Files or folders.")],
           store: StoreOpt = None, endpoint: EndpointOpt = None,
           workers: Annotated[int, typer.Option(help="Extraction processes (0: one per core).")] = 0,
           time_budget: BudgetOpt = None) -> None:
    """Read contracts and put them into the store, one named graph per contract.

    Prints a line per failed or skipped file and "N ingested, M failed, K skipped"; exits 4 when a
    file failed (the others are stored)."""
    from contractkg.pipeline import ingest as run_ingest

    plan = plan_or_fail(paths)
    budget = _budget(time_budget)
    st = open_or_fail(store, endpoint)
    with st, progress() as bar:
        task = bar.add_task("ingesting", total=len(plan.files))

        def tick(res) -> None:
            bar.advance(task)

        results = run_ingest(st, paths, on_file=tick, workers=workers or None, budget=budget)
    counts = report_files(results)  # storing happens in batches, so report at the end
    n_contracts = sum(len(r.records) for r in results if r.outcome == "ingested")
    batch_exit(counts, tail=f" ({n_contracts} contracts into {st.location})", to=out)


@app.command()
def extract(paths: Annotated[list[Path], typer.Argument(help="Files or folders.")],
            format: Annotated[str, typer.Option("--format", "-f", help="json or table.")] = "table",
            time_budget: BudgetOpt = None) -> None:
    """Extract contracts without storing them: JSON for tools, a table for people."""
    from contractkg.pipeline import process_all

    if format not in ("json", "table"):
        raise fail(f"unknown format {format!r}: use json or table")
    plan = plan_or_fail(paths)
    budget = _budget(time_budget)
    contracts, results = [], planned_results(plan)
    seen: dict[str, str] = {}  # text SHA-256 -> the path that brought it
    for res in process_all(plan.files, workers=1, budget=budget):
        first = seen.setdefault(res.doc.sha256, res.path) if res.doc is not None and not res.error else res.path
        if first != res.path:
            res.skipped, res.records = f"same content as {first}", []
        results.append(res)
        contracts.extend(res.records)
    from contractkg.ingest.subprocessor_companions import attach_companions
    from contractkg.links import annotate_translations

    attach_companions(contracts)
    annotate_translations(contracts)
    if format == "json":
        sys.stdout.write(json.dumps({"contracts": contracts}, ensure_ascii=False, indent=1) + "\n")
    else:
        t = Table("source", "line", "kind", "lang", "parties")
        for c in contracts:
            parties = "; ".join(f"{p.get('name') or '(' + ', '.join(p.get('defined_as') or []) + ')'}"
                                f" [{', '.join(p.get('roles') or [])}]" for p in c.get("parties") or [])
            t.add_row(Path(c["source"]).name, str(c["line"]), c.get("kind") or "", c.get("language") or "", parties)
        out.print(t)
    batch_exit(report_files(results), done="read")


@app.command()
def export(format: Annotated[str, typer.Option("--format", "-f", help="trig, nquads, turtle or jsonld.")] = "trig",
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


@app.command()
def stats(store: StoreOpt = None, endpoint: EndpointOpt = None) -> None:
    """Counts of documents, contracts, parties and triples (read-only)."""
    from contractkg.namespaces import sparql_prefixes

    st = open_or_fail(store, endpoint, read_only=True)
    q = sparql_prefixes() + """SELECT
      (COUNT(DISTINCT ?d) AS ?documents) (COUNT(DISTINCT ?c) AS ?contracts) (COUNT(DISTINCT ?p) AS ?parties)
      WHERE { { ?d a ckg:SourceDocument } UNION { ?c ckg:fromDocument ?x } UNION { ?p a ckg:Party } }"""
    try:
        row = st.query(q).rows[0]
        t = Table("what", "count")
        for k in ("documents", "contracts", "parties"):
            t.add_row(k, row[k] or "0")
        t.add_row("triples", str(st.count()))
        t.add_row("named graphs", str(len(st.named_graphs())))
    except StoreError as e:
        raise fail(str(e)) from None
    out.print(t)


LOOPBACK = ("127.0.0.1", "localhost", "::1")


@app.command("app")
def run_app(store: StoreOpt = None, endpoint: EndpointOpt = None,
            port: Annotated[int, typer.Option(help="Port for the Streamlit server.")] = 8501,
            host: Annotated[str, typer.Option(help="Address to listen on. The explorer has no login and its "
                                                   "Ingest page writes: anything but 127.0.0.1 opens it to "
                                                   "the network.")] = "127.0.0.1",
            headless: Annotated[bool, typer.Option(help="Do not open a browser.")] = True) -> None:
    """Start the Streamlit explorer on the store (listens on 127.0.0.1 only, unless --host)."""
    import os
    import subprocess

    from contractkg.store import store_path

    home = Path(__file__).parent / "app" / "Home.py"
    env = dict(os.environ, CONTRACTKG_STORE=str(store_path(store).resolve()))
    if endpoint:
        env["CONTRACTKG_ENDPOINT"] = endpoint
    elif not env.get("CONTRACTKG_ENDPOINT") and not (store_path(store) / "CURRENT").is_file():
        open_or_fail(store).close()  # an empty store, so the explorer's read-only opens work
    if host not in LOOPBACK:
        err.print(f"[yellow]warning:[/yellow] the explorer listens on {host}, with no login: anyone who can "
                  "reach this machine can read the store and add documents to it", highlight=False, soft_wrap=True)
    cmd = [sys.executable, "-m", "streamlit", "run", str(home), "--server.port", str(port),
           "--server.address", host, "--server.headless", str(headless).lower(),
           "--browser.gatherUsageStats", "false"]
    shown = f"[{host}]" if ":" in host else host
    where = env.get("CONTRACTKG_ENDPOINT") or env["CONTRACTKG_STORE"]
    out.print(f"contractkg explorer on http://{shown}:{port} ({where})", highlight=False)
    raise typer.Exit(subprocess.call(cmd, env=env))


@app.command()
def version() -> None:
    """Print the package version, the ontology version and the DPV version its IRIs target."""
    out.print(f"contractkg {__version__}\nontology {ontology_version()}\nDPV {DPV_VERSION}", highlight=False)


def _register_extensions() -> None:
    """Commands that live beside their concern (queries, validation...)."""
    import importlib

    for mod in ("contractkg.queries.commands", "contractkg.validation", "contractkg.reasoning"):
        try:
            module = importlib.import_module(mod)
        except ModuleNotFoundError as e:
            if e.name != mod:
                raise
            continue
        module.register(app)


_register_extensions()


def main() -> None:
    app()
