"""`contractkg reason`: HermiT over ontology and data, with the inferences stored."""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any, Literal

import typer

from contractkg.cli.common import EndpointOpt, StoreOpt, err, fail, open_or_fail, out
from contractkg.store import StoreError


def register(app: typer.Typer) -> None:
    @app.command("reason")
    def reason_cmd(format: Annotated[Literal["table", "json"], typer.Option("--format", "-f", help="table or json.")] = "table",
                   save: Annotated[bool, typer.Option(help="Store the inferences in their own named graph.")] = True,
                   store: StoreOpt = None, endpoint: EndpointOpt = None) -> None:
        """Check ontology + data with HermiT and materialise inferred roles and sub-processing chains."""
        # pyoxigraph and owlready2 load only when reasoning
        from contractkg.reasoning import ReasoningError, labels, reason, summarise

        st = open_or_fail(store, endpoint)
        with st:
            try:
                inf = reason(st, save=save)
            except (ReasoningError, StoreError) as e:
                raise fail(str(e)) from None
            names = labels(st, {i for i, _ in inf.types} | {x for s, _, o in inf.relations for x in (s, o)})
        summary = summarise(inf, names)
        if format == "json":
            sys.stdout.write(json.dumps(summary, ensure_ascii=False, indent=1) + "\n")
        else:
            print_summary(summary)
        if not inf.consistent:
            raise typer.Exit(1)




def print_summary(summary: dict[str, Any]) -> None:
    if not summary["consistent"]:
        err.print(f"[red]inconsistent:[/red] {summary['message']}")
        return
    out.print(f"consistent; {summary['controllers']} controllers, {summary['processors']} processors, "
              f"{summary['subprocessors']} sub-processors; inferences in <{summary['graph']}>")
    for p in summary["dual_role_parties"]:
        out.print(f"controller and processor: {p}")
    for s, o in summary["delegations"]:
        out.print(f"delegates processing: {s} -> {o}")
