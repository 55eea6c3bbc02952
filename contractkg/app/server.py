"""The explorer's server process (`python -m contractkg.app.server run Home.py ...`, as launch.py
starts it): Streamlit's own command line, after the modules and vocabulary every page needs have been
loaded, so the first visitor does not wait for them (pages run in this process and share its modules)."""

from __future__ import annotations

import sys
from pathlib import Path


def warm() -> None:
    """Import the pages' modules and read the project vocabulary (the ontology's Turtle) once."""
    import logging

    import pandas  # noqa: F401
    import plotly.graph_objects  # noqa: F401

    # The caches the modules declare warn that no Streamlit runtime exists yet: they work in memory.
    logging.getLogger("streamlit.runtime.caching.cache_data_api").setLevel(logging.ERROR)
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


def open_store() -> None:
    """Open the embedded store the pages will read (the handle is shared, cached per generation) and
    read the overview's first rows once, so the first visit finds its indexes warm. Never stops the
    server: a page reports a store it cannot open."""
    from contractkg.app import data, sparql

    path, endpoint = data.location()
    if endpoint or not (Path(path) / "CURRENT").is_file():
        return
    try:
        store = data.store()
        for query in (sparql.COUNTS, sparql.DPA_COUNT, sparql.VIOLATIONS):
            store.query(data.PREFIXES + query)
    except Exception as e:  # noqa: BLE001 - the page says what is wrong with the store
        print(f"contractkg app: the store was not opened ahead ({e}); the first page will open it", file=sys.stderr)


def main() -> None:
    warm()
    open_store()
    from streamlit.web import cli

    sys.argv = ["streamlit", *sys.argv[1:]]
    cli.main()


if __name__ == "__main__":
    main()
