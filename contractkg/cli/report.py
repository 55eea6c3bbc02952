"""`contractkg report`: the DPA review report of one agreement, or of the whole portfolio, as HTML or PDF."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Literal

import typer

from contractkg.cli.common import EndpointOpt, StoreOpt, fail, open_or_fail, out

FORMATS = {".html": "html", ".htm": "html", ".pdf": "pdf"}


def register(app: typer.Typer) -> None:
    @app.command("report")
    def report_cmd(output: Annotated[Path, typer.Option("--output", "-o", help="File to write: .html (printable, "
                                                        "self-contained) or .pdf (needs Chromium).")],
                   contract: Annotated[str | None, typer.Argument(help="The agreement: its IRI, or words of its title "
                                                                  "or file name.")] = None,
                   every: Annotated[bool, typer.Option("--all", help="The whole portfolio: a summary table and one "
                                                       "section per agreement.")] = False,
                   lang: Annotated[Literal["en", "fr", "it", "de"], typer.Option(
                       help="Language of the findings and Art. 28 element names.")] = "en",
                   store: StoreOpt = None, endpoint: EndpointOpt = None) -> None:
        """Write the review report an analyst attaches to a vendor review: parties and roles, the Art. 28
        checklist with the clause quoted for each element, gaps and violations, sub-processors with
        countries and safeguards, deadlines. Reads only: works beside a running explorer or ingest."""
        from contractkg.report.data import portfolio
        from contractkg.report.html import render
        from contractkg.report.pdf import PdfError, browser, write_pdf
        from contractkg.store import StoreError
        from contractkg.validation import lookup

        kind = FORMATS.get(output.suffix.lower())
        if kind is None:
            raise fail(f"cannot tell which format {output.name!r} should be: name the file .html or .pdf")
        if every == (contract is not None):
            raise fail("name one agreement (its IRI, or words of its title or file name), or give --all for the "
                       "portfolio, not both" if every else "name the agreement to report on, or give --all for the "
                       "whole portfolio")
        if not output.parent.is_dir():
            raise fail(f"no folder {output.parent} to write {output.name} into")
        if kind == "pdf" and browser() is None:
            raise fail("a PDF needs Chromium, which is not installed here (Debian: apt-get install chromium); "
                       f"write {output.with_suffix('.html').name} instead and print it from a browser")
        st = open_or_fail(store, endpoint, read_only=True)
        with st:
            try:
                iri = lookup(st, contract).iri if contract is not None else None
                data = portfolio(st, [iri] if iri else None, lang)
            except (LookupError, StoreError) as e:
                raise fail(str(e)) from None
        page = render(data, single=iri is not None)
        try:
            if kind == "pdf":
                write_pdf(page, output)
            else:
                part = output.with_name(output.name + ".part")
                part.write_text(page, encoding="utf-8")
                os.replace(part, output)  # complete or absent, never half a report
        except (PdfError, OSError) as e:
            raise fail(f"could not write {output}: {e}") from None
        dpas = [r for r in data.reviews if r.dpa]
        out.print(f"wrote {output}: {len(data.reviews)} agreement(s), {len(dpas)} DPA(s), "
                  f"{sum(r.count('Violation') + r.count('Gap') for r in dpas)} Art. 28 gap(s), "
                  f"{sum(r.count('Warning') for r in dpas)} warning(s)", highlight=False, soft_wrap=True)
