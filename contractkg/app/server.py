"""The explorer's server process (`python -m contractkg.app.server run Home.py ...`, as launch.py
starts it): Streamlit's own command line, after the modules and vocabulary every page needs have been
loaded, so the first visitor does not wait for them (pages run in this process and share its modules)."""

from __future__ import annotations

import sys


def warm() -> None:
    """Import the pages' modules and read the project vocabulary (the ontology's Turtle) once."""
    import pandas  # noqa: F401
    import plotly.graph_objects  # noqa: F401

    from contractkg.app import (  # noqa: F401
        changes_view,
        contract_view,
        graph_view,
        ingest_view,
        overview_view,
        vocab,
        workbench_view,
    )

    for table in (vocab.schema_keys, vocab.shape_elements, vocab.notations, vocab.eea):
        table()
    # Not streamlit_ace: a component declared before the server runs is never served (its page hangs).


def main() -> None:
    warm()
    from streamlit.web import cli

    sys.argv = ["streamlit", *sys.argv[1:]]
    cli.main()


if __name__ == "__main__":
    main()
