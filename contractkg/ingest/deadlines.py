"""Deadlines and windows as xsd:duration, and audit terms (issue: what and where)."""

from __future__ import annotations

from typing import Any

from contractkg.ingest.document import Agreement


def extract(ag: Agreement, ctx: dict[str, Any]) -> dict[str, Any]:
    return {"deadlines": {}}
