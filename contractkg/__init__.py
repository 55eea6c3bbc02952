"""contractkg: a knowledge graph of contractual obligations."""

from __future__ import annotations

import re
from pathlib import Path

__version__ = "0.1.0"
# The W3C DPV release whose IRIs the ontology, shapes and lexicons use (tests/test_dpv_iris.py checks them).
DPV_VERSION = "2.3"

_ONTOLOGY = Path(__file__).parent / "ontology" / "contractkg.ttl"


def ontology_version() -> str:
    """The ontology's owl:versionInfo, read without parsing the Turtle (this is on every CLI start)."""
    found = re.search(r'owl:versionInfo\s+"([^"\n]+)"', _ONTOLOGY.read_text(encoding="utf-8"))
    return found.group(1) if found else "unknown"
