"""`contractkg diff OLD NEW`: what changed between two versions of an agreement (files or contract IRIs)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table
from rich.text import Text

from contractkg.cli.common import EndpointOpt, StoreOpt, fail, open_or_fail, out

if TYPE_CHECKING:
    from contractkg.history.compare import Compared

AREAS = {"subprocessor": "sub-processor", "deadline": "deadline", "party": "party", "governing_law": "governing law",
         "jurisdiction": "courts", "art28": "Art. 28 element", "clause": "clause text"}


def styled_diff(compact: str | None) -> Text:
    """"[-old-]" in red, "{+new+}" in green; the marks stay, so the diff reads without colour too."""
    text = Text()
    rest = compact or ""
    while rest:
        starts = [i for i in (rest.find("[-"), rest.find("{+")) if i >= 0]
        if not starts:
            text.append(rest)
            break
        i = min(starts)
        text.append(rest[:i])
        closing, style = ("-]", "red") if rest.startswith("[-", i) else ("+}", "green")
        j = rest.find(closing, i + 2)
        j = len(rest) if j < 0 else j
        text.append(rest[i:min(j + 2, len(rest))], style=style)
        rest = rest[j + 2:]
    return text


def table(result: Compared) -> Table:
    old, new = result.old, result.new
    title = f"{new.vendor or new.title}: {old.label} → {new.label}"
    t = Table(title=title, title_justify="left", show_lines=True)
    for col in ("area", "change", "what", "before", "after", "clause", "words"):
        t.add_column(col, overflow="fold")
    for c in result.changes:
        area = AREAS.get(c.area, c.area)
        what = c.subject.replace("_", " ") if c.area == "deadline" else c.subject
        what = c.attribute if what == area and c.attribute else what + (f" ({c.attribute})" if c.attribute else "")
        t.add_row(area, c.kind, what,
                  Text(c.before or "" if c.area != "clause" else ""), Text(c.after or "" if c.area != "clause" else ""),
                  c.clause or "", styled_diff(c.text_diff))
    return t


def register(app: typer.Typer) -> None:
    @app.command()
    def diff(old: Annotated[str, typer.Argument(help="The older version: a file, or a contract IRI in the store.")],
             new: Annotated[str, typer.Argument(help="The newer version: a file, or a contract IRI in the store.")],
             format: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
             store: StoreOpt = None, endpoint: EndpointOpt = None) -> None:
        """What changed between two versions: sub-processors, deadlines, parties, law and courts, Art. 28
        elements, clause texts (aligned by number and heading, word-level diff)."""
        from contractkg.history.compare import CompareError, compare, is_iri

        if format not in ("table", "json"):
            raise fail(f"unknown format {format!r}: use table or json")
        db = open_or_fail(store, endpoint, read_only=True) if is_iri(old) or is_iri(new) else None
        try:
            results = compare(old, new, db)
        except CompareError as e:
            raise fail(str(e)) from None
        finally:
            if db is not None:
                db.close()
        if format == "json":
            sys.stdout.write(json.dumps({"pairs": [r.to_json() for r in results]}, ensure_ascii=False, indent=1) + "\n")
            return
        for r in results:
            if not r.changes:
                out.print(f"{Path(r.old.source).name} → {Path(r.new.source).name}: no change "
                          f"({r.old.label} → {r.new.label})", highlight=False)
                continue
            out.print(table(r))
