"""Commands for data engineers: query, queries, serve, graph export|concentration|paths."""

import csv
import io
import json
import sys
from pathlib import Path
from typing import Annotated, Literal

import typer
from rich.markup import escape
from rich.table import Table

from contractkg.cli.common import EndpointOpt, StoreOpt, err, fail, open_or_fail, out
from contractkg.store import QueryResult, Store, StoreError

ParamOpt = Annotated[list[str] | None, typer.Option("--param", "-p", help="name=value (repeatable).")]
FormatOpt = Annotated[Literal["table", "csv", "json"], typer.Option("--format", "-f", help="table, csv or json.")]


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
        t.add_row(*[escape(r.get(v) or "") for v in res.variables])  # text, never rich markup
    return t


def show(shown: str | Table) -> None:
    if isinstance(shown, str):
        sys.stdout.write(shown if shown.endswith("\n") else shown + "\n")
    else:
        out.print(shown)


def open_read(store: Path | None, endpoint: str | None) -> Store:
    """The store, read-only (works beside a running server); not closed after, nothing to flush."""
    import os

    from contractkg.store import store_path

    if not (endpoint or os.environ.get("CONTRACTKG_ENDPOINT")) and not (store_path(store) / "CURRENT").is_file():
        raise fail(f"no store at {store_path(store)}: run `contractkg ingest` first, or give --store/--endpoint")
    return open_or_fail(store, endpoint, read_only=True)


def register(app: typer.Typer) -> None:
    from contractkg.queries import guarded, runner
    from contractkg.store import serve as server

    @app.command()
    def query(sparql: Annotated[str, typer.Argument(help="A named query, a .rq file or SPARQL text.")],
              param: ParamOpt = None, format: FormatOpt = "table",
              timeout: Annotated[float, typer.Option(help="Stop the query after this many seconds.")] = guarded.DEFAULT_TIMEOUT,
              limit: Annotated[int, typer.Option(help="Keep at most this many rows (SELECT) or triples "
                                                      "(CONSTRUCT, DESCRIBE).")] = guarded.DEFAULT_LIMIT,
              store: StoreOpt = None, endpoint: EndpointOpt = None) -> None:
        """Run a named query (see `contractkg queries`) or any SPARQL over all graphs (prefixes pre-declared).

        Read-only: updates are refused. The query is stopped after --timeout seconds (default 60) and
        keeps at most --limit rows or triples (default 10000); a note on stderr says when rows were cut."""
        if timeout <= 0 or limit <= 0:
            raise fail("--timeout and --limit must be positive")
        try:
            q = runner.resolve(sparql)
            if runner.is_update(q.text):
                raise fail(runner.UPDATES_REFUSED)
            text = runner.sparql_text(q, runner.parse_params(param))
        except (runner.QueryError, StoreError) as e:
            raise fail(str(e)) from None
        st = open_read(store, endpoint)
        try:
            res = runner.add_clause_text(guarded.run_guarded(st, text, timeout, limit))
        except StoreError as e:
            raise fail(str(e)) from None
        show(render(res, format))
        if res.truncated:
            err.print(f"[yellow]note:[/yellow] only the first {limit} results are shown; more matched "
                      "(raise --limit, or narrow the query)", highlight=False, soft_wrap=True)

    @app.command()
    def queries(format: Annotated[Literal["table", "json"], typer.Option("--format", "-f", help="table or json.")] = "table") -> None:
        """List the named queries with their parameters."""
        try:
            cat = runner.catalogue()
        except runner.QueryError as e:
            raise fail(str(e)) from None
        if format == "json":
            show(json.dumps({"queries": [q.as_dict() for q in cat.values()]}, ensure_ascii=False, indent=1))
            return
        t = Table("name", "title", "parameters")
        for q in cat.values():
            t.add_row(q.name, q.title, escape(" ".join(
                f"{p.name}:{p.type}" if p.required else f"[{p.name}:{p.type}={p.default}]" if p.default is not None
                else f"[{p.name}:{p.type}]" for p in q.params)))
        out.print(t)

    @app.command()
    def serve(store: StoreOpt = None,
              port: Annotated[int, typer.Option(help="TCP port.")] = server.DEFAULT_PORT,
              bind: Annotated[str, typer.Option(help="Address to listen on (0.0.0.0 exposes it).")] = "127.0.0.1",
              writable: Annotated[bool, typer.Option(help="Accept SPARQL Update and Graph Store writes, with a token.")] = False,
              token: Annotated[str | None, typer.Option(help="The token writes must send (Authorization: Bearer); "
                                                              "default: $CONTRACTKG_TOKEN, else a random one, printed.")] = None,
              cors: Annotated[bool, typer.Option(help="Let pages on other origins read (YASGUI); they never write.")] = False,
              timeout: Annotated[int | None, typer.Option(help="Query timeout in seconds.")] = None) -> None:
        """Serve the store as a SPARQL 1.1 endpoint (oxigraph server), read-only unless --writable.

        --writable: writes need the token; requests from other web sites (a foreign Origin) are refused."""
        import os

        from contractkg.store import store_path
        from contractkg.store.remote import TOKEN_ENV

        location = store_path(store)
        url = server.base_url(bind, port)
        mode = "read-write" if writable else "read-only"
        secret = token or os.environ.get(TOKEN_ENV) or server.new_token()

        def announce() -> None:
            out.print(f"SPARQL endpoint ({mode}) {url}/query" + (f", update {url}/update" if writable else "")
                      + f"; web UI {url}/ ; store {location}. Ctrl-C stops it.", highlight=False, soft_wrap=True)
            if writable:
                shown = secret if not (token or os.environ.get(TOKEN_ENV)) else "(the one you gave)"
                out.print(f"writes need the token {shown}: send 'Authorization: Bearer <token>', or set "
                          f"{TOKEN_ENV} for contractkg --endpoint {url}", highlight=False, soft_wrap=True)

        try:
            if writable:
                server.serve_writable(location, bind, port, cors, timeout, secret, announce)
            else:
                server.exec_server(location, bind, port, writable, cors, timeout, announce)
        except StoreError as e:
            raise fail(str(e)) from None

    graph = typer.Typer(help="The data-flow graph (networkx): export and analytics.", no_args_is_help=True)
    app.add_typer(graph, name="graph")

    @graph.command("export")
    def graph_export(output: Annotated[Path, typer.Option("--output", "-o", help="File to write.")],
                     format: Annotated[Literal["graphml", "json"], typer.Option("--format", "-f", help="graphml or json.")] = "graphml",
                     store: StoreOpt = None, endpoint: EndpointOpt = None) -> None:
        """Export controller -> processor -> sub-processor -> country as GraphML or node-link JSON."""
        from contractkg import analytics

        st = open_read(store, endpoint)
        try:
            g = analytics.data_flow(st)
            analytics.write(g, output, format)
        except (StoreError, OSError) as e:
            raise fail(str(e)) from None
        out.print(f"wrote {g.number_of_nodes()} nodes, {g.number_of_edges()} edges to {output}")

    @graph.command("concentration")
    def graph_concentration(format: FormatOpt = "table", store: StoreOpt = None,
                            endpoint: EndpointOpt = None) -> None:
        """Sub-processors ranked by the number of vendors (processors) that use them."""
        from contractkg import analytics

        st = open_read(store, endpoint)
        try:
            rows = analytics.concentration(analytics.data_flow(st))
        except StoreError as e:
            raise fail(str(e)) from None
        show(render(QueryResult("select", ["subprocessor", "country", "vendors", "count"],
                                [{**r, "vendors": "; ".join(r["vendors"]), "count": str(r["count"])}
                                 for r in rows]), format))

    @graph.command("paths")
    def graph_paths(format: FormatOpt = "table", store: StoreOpt = None, endpoint: EndpointOpt = None) -> None:
        """Chains from each controller or processor to a third country (outside the EEA)."""
        from contractkg import analytics

        st = open_read(store, endpoint)
        try:
            rows = analytics.third_country_paths(analytics.data_flow(st))
        except StoreError as e:
            raise fail(str(e)) from None
        show(render(QueryResult("select", ["country", "hops", "path"],
                                [{"country": r["country"], "hops": str(r["hops"]), "path": " -> ".join(r["path"])}
                                 for r in rows]), format))
