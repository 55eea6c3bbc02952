"""The `contractkg` console entry point. `contractkg version` answers here, without loading the command
line and its libraries (a tenth of the start-up); every other command goes to contractkg.cli."""

from __future__ import annotations

import sys


def version_text() -> str:
    from contractkg import DPV_VERSION, __version__, ontology_version

    return f"contractkg {__version__}\nontology {ontology_version()}\nDPV {DPV_VERSION}"


def main() -> None:
    if sys.argv[1:] == ["version"]:
        sys.stdout.write(version_text() + "\n")
        return
    from contractkg.cli import main as cli_main

    cli_main()
