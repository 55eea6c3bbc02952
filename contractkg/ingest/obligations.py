"""Deontic sentences -> obligations with bearer, beneficiary, action, deadline (issue: obligations)."""

from __future__ import annotations

from typing import Any

from contractkg.ingest.document import Agreement


def extract(ag: Agreement, ctx: dict[str, Any]) -> dict[str, Any]:
    return {"obligations": []}
