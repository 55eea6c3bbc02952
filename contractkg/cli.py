"""The `contractkg` command line. Exit codes: 0 success, 1 user error (one line), 2 usage error."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from contractkg import DPV_VERSION, __version__, ontology_version
from contractkg.cliutil import EndpointOpt, StoreOpt, err, fail, open_or_fail, out, progress
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
    """Read contracts and put them into the store, one named graph per contract."""
    from contractkg.pipeline import ingest as run_ingest
    from contractkg.pipeline import iter_files

    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise fail(f"no such file or folder: {', '.join(missing)}")
    files = list(iter_files(paths))
    if not files:
        raise fail("no supported files found (txt, md, html, pdf, docx)")
    budget = _budget(time_budget)
    st = open_or_fail(store, endpoint)
    with st, progress() as bar:
        task = bar.add_task("ingesting", total=len(files))

        def tick(res) -> None:
            bar.advance(task)

        results = run_ingest(st, files, on_file=tick, workers=workers or None, budget=budget)
    errors = [r.error for r in results if r.error]  # storing happens in batches, so report at the end
    for e in errors:
        err.print(f"[yellow]skipped:[/yellow] {e}", highlight=False, soft_wrap=True)
    n_contracts = sum(len(r.records) for r in results)
    out.print(f"ingested {len(results) - len(errors)} of {len(results)} files, {n_contracts} contracts into {st.location}")
    if errors and len(errors) == len(results):
        raise typer.Exit(1)


@app.command()
def extract(paths: Annotated[list[Path], typer.Argument(help="Files or folders.")],
            format: Annotated[str, typer.Option("--format", "-f", help="json or table.")] = "table",
            time_budget: BudgetOpt = None) -> None:
    """Extract contracts without storing them: JSON for tools, a table for people."""
    from contractkg.pipeline import iter_files, process_all

    if format not in ("json", "table"):
        raise fail(f"unknown format {format!r}: use json or table")
    budget = _budget(time_budget)
    contracts, errors = [], []
    for res in process_all(list(iter_files(paths)), workers=1, budget=budget):
        if res.error:
            errors.append(res.error)
        contracts.extend(res.records)
    for e in errors:
        err.print(f"[yellow]skipped:[/yellow] {e}", highlight=False, soft_wrap=True)
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
    if errors and not contracts:
        raise typer.Exit(1)


@app.command()
def export(format: Annotated[str, typer.Option("--format", "-f", help="trig, nquads, turtle or jsonld.")] = "trig",
           output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")] = None,
           store: StoreOpt = None, endpoint: EndpointOpt = None) -> None:
    """Serialise the whole store."""
    st = open_or_fail(store, endpoint, read_only=False)
    try:
        data = st.dump(format)
    except StoreError as e:
        raise fail(str(e)) from None
    if output:
        output.write_bytes(data)
    else:
        sys.stdout.buffer.write(data)


@app.command()
def stats(store: StoreOpt = None, endpoint: EndpointOpt = None) -> None:
    """Counts of documents, contracts, parties and triples."""
    from contractkg.namespaces import sparql_prefixes

    st = open_or_fail(store, endpoint)
    q = sparql_prefixes() + """SELECT
      (COUNT(DISTINCT ?d) AS ?documents) (COUNT(DISTINCT ?c) AS ?contracts) (COUNT(DISTINCT ?p) AS ?parties)
      WHERE { { ?d a ckg:SourceDocument } UNION { ?c ckg:fromDocument ?x } UNION { ?p a ckg:Party } }"""
    row = st.query(q).rows[0]
    t = Table("what", "count")
    for k in ("documents", "contracts", "parties"):
        t.add_row(k, row[k] or "0")
    t.add_row("triples", str(st.count()))
    t.add_row("named graphs", str(len(st.named_graphs())))
    out.print(t)


@app.command("app")
def run_app(store: StoreOpt = None,
            port: Annotated[int, typer.Option(help="Port for the Streamlit server.")] = 8501,
            headless: Annotated[bool, typer.Option(help="Do not open a browser.")] = True) -> None:
    """Start the Streamlit explorer on the store."""
    import os
    import subprocess

    from contractkg.store import store_path

    home = Path(__file__).parent / "app" / "Home.py"
    env = dict(os.environ, CONTRACTKG_STORE=str(store_path(store).resolve()))
    cmd = [sys.executable, "-m", "streamlit", "run", str(home), "--server.port", str(port),
           "--server.headless", str(headless).lower(), "--browser.gatherUsageStats", "false"]
    out.print(f"contractkg explorer on http://localhost:{port} (store {env['CONTRACTKG_STORE']})")
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
