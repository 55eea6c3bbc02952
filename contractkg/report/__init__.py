"""The DPA review report: data.py collects it from the store, html.py renders it, pdf.py prints it."""

from __future__ import annotations

from contractkg.store import Store


def report_html(store: Store, contract_iri: str | None) -> str:
    """The printable review report of one agreement (its IRI), or of the whole portfolio (None)."""
    from contractkg.report.data import portfolio
    from contractkg.report.html import render

    return render(portfolio(store, [contract_iri] if contract_iri else None), single=contract_iri is not None)
