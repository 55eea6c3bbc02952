"""Governing law, courts, supervisory authority, prevailing language (issue: who and which law)."""

from __future__ import annotations

from typing import Any

from contractkg.ingest.document import Agreement


def extract(ag: Agreement, ctx: dict[str, Any]) -> dict[str, Any]:
    return {"governing_law": None, "jurisdiction": {"country": None, "court": None, "exclusive": None},
            "prevailing_language": None}
