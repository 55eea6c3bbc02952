"""The `contractkg` command line: one module per command group, each registering its commands here.

Exit codes (see cli.common): 0 success, 1 user error, 2 usage error, 3 a Violation, 4 some files of a
batch failed. Commands import heavy modules inside their bodies, so `--help` and `version` start fast."""

from __future__ import annotations

import typer

from contractkg.cli import about, diff, documents, explorer, query, reason, report, storage, validate

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="contractkg: a knowledge graph of contractual obligations.")
for group in (documents, storage, explorer, about, query, validate, reason, diff, report):
    group.register(app)


def main() -> None:
    app()
