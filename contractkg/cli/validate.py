"""`contractkg validate`: SHACL reports of every DPA, as a table, JSON or Turtle."""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from contractkg.cli.common import EndpointOpt, StoreOpt, fail, open_or_fail, out
from contractkg.store import StoreError

if TYPE_CHECKING:
    from contractkg.validation import ContractReport


def register(app: typer.Typer) -> None:
    @app.command("validate")
    def validate_cmd(contract: Annotated[str | None, typer.Option("--contract", "-c", help="The contract: its IRI, or words of its title or file name (all that match).")] = None,
                     format: Annotated[Literal["table", "json", "ttl"], typer.Option("--format", "-f", help="table, json or ttl.")] = "table",
                     lang: Annotated[Literal["en", "fr", "it", "de"], typer.Option(help="Message language.")] = "en",
                     fail_on_violation: Annotated[bool, typer.Option("--fail-on-violation/--no-fail-on-violation", help="Exit with code 3 when a DPA has a Violation (warnings never fail).")] = True,
                     workers: Annotated[int, typer.Option(help="Processes (0: one per core).")] = 0,
                     batch_size: Annotated[int, typer.Option(help="Contracts per pyshacl run.")] = 250,
                     engine: Annotated[Literal["auto", "sparql", "pyshacl"], typer.Option(help="sparql: the shapes compiled to SPARQL, run by the store; pyshacl: the reference engine; auto: sparql on a store (pyshacl when a shape uses a component it does not compile), pyshacl on an --endpoint.")] = "auto",
                     store: StoreOpt = None, endpoint: EndpointOpt = None) -> None:
        """Check each DPA against GDPR Art. 28, 28(2), 28(4), 33(2) and best practice (SHACL); store the reports."""
        # rdflib and pyshacl load only when validating
        from contractkg.ontology.shacl_sparql import UnsupportedShape
        from contractkg.validation import as_json, report_quads, validate

        st = open_or_fail(store, endpoint)
        with st:
            try:
                reports = validate(st, contract, batch_size=batch_size, workers=workers or None, engine=engine)
            except (LookupError, UnsupportedShape) as e:
                raise fail(str(e)) from None
            except StoreError as e:
                raise fail(str(e)) from None
        if format == "json":
            sys.stdout.write(json.dumps(as_json(reports, lang), ensure_ascii=False, indent=1) + "\n")
        elif format == "ttl":
            import pyoxigraph as ox

            from contractkg.namespaces import CKG, DCT, PROV, SH, XSD

            when = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
            triples = [q.triple for r in reports if r.contract.dpa for q in report_quads(r, when)]
            prefixes = {"sh": SH, "ckg": CKG, "prov": PROV, "xsd": XSD, "dct": DCT}
            sys.stdout.buffer.write(ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes) or b"")
        else:
            print_table(reports, lang)
        if fail_on_violation and any(r.count("Violation") for r in reports):
            raise typer.Exit(3)


def print_table(reports: list[ContractReport], lang: str) -> None:
    from rich.markup import escape
    from rich.table import Table

    from contractkg.validation import table_rows

    colours = {"Violation": "red", "Warning": "yellow", "conforms": "green"}
    t = Table("contract", "severity", "concerns", "message")
    for contract, severity, _element, concerns, message in table_rows(reports, lang):
        shown = f"[{colours[severity]}]{severity}[/{colours[severity]}]" if severity in colours else severity
        t.add_row(escape(contract), shown, escape(concerns), escape(message))  # contract text, never markup
    out.print(t)
    n_v = sum(r.count("Violation") for r in reports)
    n_w = sum(r.count("Warning") for r in reports)
    out.print(f"{sum(r.contract.dpa for r in reports)} DPAs checked: {n_v} violations, {n_w} warnings")
