"""`contractkg version`: what this installation is."""

from __future__ import annotations

import typer

from contractkg import DPV_VERSION, __version__, ontology_version
from contractkg.cli.common import out


def version() -> None:
    """Print the package version, the ontology version and the DPV version its IRIs target."""
    out.print(f"contractkg {__version__}\nontology {ontology_version()}\nDPV {DPV_VERSION}", highlight=False)


def register(app: typer.Typer) -> None:
    app.command()(version)
