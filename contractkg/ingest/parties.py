"""Parties, legal forms, registration, seat, defined terms and roles (issue: who and which law)."""

from __future__ import annotations

from typing import Any

from contractkg.ingest.document import Agreement


def extract(ag: Agreement, ctx: dict[str, Any]) -> dict[str, Any]:
    """Return {"parties": [...], ...}; put the defined-term -> party map in ctx["defined_terms"]."""
    return {"parties": []}
