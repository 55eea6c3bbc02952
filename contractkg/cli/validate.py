"""`contractkg validate`: SHACL reports of every DPA, as a table, JSON or Turtle."""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from contractkg.cli.common import EndpointOpt, StoreOpt, fail, open_or_fail, out
from contractkg.store import StoreError

if TYPE_CHECKING:
    from contractkg.validation import ContractReport


def register(app: typer.Typer) -> None:
    @app.command("validate")
    def validate_cmd(contract: Annotated[str | None, typer.Option("--contract", "-c", help="Contract IRI, id or title substring.")] = None,
                     format: Annotated[str, typer.Option("--format", "-f", help="table, json or ttl.")] = "table",
                     lang: Annotated[str, typer.Option(help="Message language: en, fr, it or de.")] = "en",
                     fail_on_violation: Annotated[bool, typer.Option("--fail-on-violation/--no-fail-on-violation", help="Exit with code 3 when a DPA has a Violation (warnings never fail).")] = True,
                     workers: Annotated[int, typer.Option(help="Processes (0: one per core).")] = 0,
                     batch_size: Annotated[int, typer.Option(help="Contracts per pyshacl run.")] = 250,
                     store: StoreOpt = None, endpoint: EndpointOpt = None) -> None:
        """Check each DPA against GDPR Art. 28, 28(2), 28(4), 33(2) and best practice (SHACL); store the reports."""
        # rdflib and pyshacl load only when validating
        from contractkg.validation import as_json, report_quads, validate

        if format not in ("table", "json", "ttl"):
            raise fail(f"unknown format {format!r}: use table, json or ttl")
        st = open_or_fail(store, endpoint)
        with st:
            try:
                reports = validate(st, contract, batch_size=batch_size, workers=workers or None)
            except LookupError as e:
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
    from rich.table import Table

    from contractkg.validation import shape_info

    info = shape_info()
    t = Table("contract", "severity", "element", "message")
    for r in reports:
        name = r.contract.title or r.contract.iri.rsplit("/", 1)[-1]
        if not r.contract.dpa:
            t.add_row(name, "-", "", "not a DPA: no shape applies")
        elif not r.findings:
            t.add_row(name, "[green]conforms[/green]", "", "")
        for f in r.findings:
            s = info.get(f.shape)
            colour = "red" if f.severity == "Violation" else "yellow"
            msg = (s.messages.get(lang) or s.messages.get("en", "")) if s else f.shape
            t.add_row(name, f"[{colour}]{f.severity}[/{colour}]", (s.element if s else None) or "", msg)
    out.print(t)
    n_v = sum(r.count("Violation") for r in reports)
    n_w = sum(r.count("Warning") for r in reports)
    out.print(f"{sum(r.contract.dpa for r in reports)} DPAs checked: {n_v} violations, {n_w} warnings")
