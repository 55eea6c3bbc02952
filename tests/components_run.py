"""Run a subset of the extraction components over one agreement, as the real runner does."""

from __future__ import annotations

from typing import Any

from contractkg.ingest import components
from contractkg.ingest.document import Agreement


def run_components(ag: Agreement, *chosen: components.Component, **given: Any) -> dict[str, Any]:
    """The record the ``chosen`` components fill (evidence under "evidence"); ``given`` stands in for
    values of components left out (e.g. roles=..., defined_terms=...)."""
    stand_ins = components.Component("given", requires=(), provides=tuple(given), run=lambda ag, _: dict(given))
    ordered = components.order((stand_ins, *chosen)) if given else components.order(chosen)
    record: dict[str, Any] = {"source": ag.doc.source, "line": ag.line, "starts_with": ag.starts_with, "title": ag.title,
                              "kind": ag.kind, "language": ag.language, "span": [ag.start, ag.end],
                              "part_of": ag.part_of, "evidence": {}}
    return components.run(ag, ordered, record)
