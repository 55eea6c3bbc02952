"""Where each GDPR Art. 28 element is stipulated in a DPA, and which are missing (issue: obligations)."""

from __future__ import annotations

from typing import Any

from contractkg.ingest.document import Agreement

ELEMENTS = [
    "subject_matter", "duration", "nature_purpose", "data_types", "data_subject_categories",
    "controller_rights_obligations", "instructions", "confidentiality", "security", "subprocessors",
    "data_subject_rights", "assistance_32_36", "deletion_return", "audits", "infringing_instruction_notice",
]


def extract(ag: Agreement, ctx: dict[str, Any], record: dict[str, Any]) -> dict[str, Any]:
    return {}
