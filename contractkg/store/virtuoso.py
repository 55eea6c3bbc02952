"""What the remote store does differently for OpenLink Virtuoso 7 (found by its `Server` header).

Virtuoso 7.2 cannot store an `xsd:duration` literal: SPARQL Update refuses it ("Literal of type
xsd:duration can not be created", upstream issue #224) and its loaders turn "P30D" into a number of
seconds or months. contractkg writes every period as xsd:duration, so on Virtuoso the remote store
writes them under a stand-in datatype that keeps the ISO 8601 text, and reads them back as
xsd:duration. Named queries only read the text of a period, never compare periods as values, so
they answer the same on both. Virtuoso also answers ASK as a one-column table (see remote.py).
"""

from __future__ import annotations

import re

from contractkg.namespaces import CKG, XSD

DURATION = XSD + "duration"
STAND_IN = CKG + "isoDurationText"  # datatype of a duration as stored on Virtuoso
# The closing quote of a literal typed xsd:duration, in N-Triples-style text: the quote must not be
# escaped, i.e. an even number of backslashes (none included) stands before it.
_TYPED_DURATION = re.compile(r'(?<!\\)((?:\\\\)*)"\^\^<' + re.escape(DURATION) + ">")


def is_virtuoso(server_header: str) -> bool:
    return server_header.lower().startswith("virtuoso")


def outgoing(sparql: str) -> str:
    """A query or update for Virtuoso: xsd:duration literals retyped to the stand-in."""
    return _TYPED_DURATION.sub(lambda m: f'{m.group(1)}"^^<{STAND_IN}>', sparql)


def datatype_read(datatype: str) -> str:
    """The datatype a term read back really has."""
    return DURATION if datatype == STAND_IN else datatype


def value_read(value: str, datatype: str | None) -> str:
    """The canonical text of a value: Virtuoso writes booleans as 1 and 0."""
    if datatype == XSD + "boolean":
        return {"1": "true", "0": "false"}.get(value, value)
    return value
