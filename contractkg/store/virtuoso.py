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
from functools import lru_cache

import pyoxigraph as ox

from contractkg.namespaces import CKG, XSD
from contractkg.queries.load import text as query_text

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
    """The canonical text of a value, as the embedded store gives it: Virtuoso writes booleans as 1
    and 0, and keeps a duration as written (PT24H) where Oxigraph gives its canonical form (P1D)."""
    if datatype == XSD + "boolean":
        return {"1": "true", "0": "false"}.get(value, value)
    if datatype in (DURATION, STAND_IN):
        return canonical_duration(value)
    return value


@lru_cache(maxsize=4096)
def canonical_duration(text: str) -> str:
    """Oxigraph's canonical form of an xsd:duration (PT36H -> P1DT12H); the text itself if invalid."""
    solutions = _caster().query(query_text("internal/store/duration-cast", tables={"text": [(ox.Literal(text),)]}))
    assert isinstance(solutions, ox.QuerySolutions)
    term = next(solutions)["d"]
    return term.value if term is not None else text


@lru_cache(maxsize=1)
def _caster() -> ox.Store:
    return ox.Store()


# The VALUES row that remote.with_values puts at the head of the WHERE group, and its terms.
_HEAD_VALUES = re.compile(r" VALUES \(((?:\?\w+ ?)+)\) \{ \((.*)\) \}\n")
_TERM = re.compile(r'<[^<>]*>|"(?:[^"\\]|\\.)*"(?:\^\^<[^<>]*>|@[A-Za-z0-9-]+)?')


def compiler_bug(error: str) -> bool:
    """Virtuoso 7's compiler gave up on a valid query (see values_as_binds)."""
    return "Virtuoso 37000" in error and ("Internal error" in error or "compiler error" in error)


def values_as_binds(sparql: str, at: int) -> str:
    """The one-row VALUES block at offset ``at`` (the head of the WHERE group) as BINDs of computed
    terms, the same bindings for any SPARQL 1.1 engine. Virtuoso 7's compiler fails on some queries
    whose variables a VALUES row fixes ("ssg_print_rvr_fixed_val(): no SPART_VARR_FIXED") and on
    others whose variables a BIND fixes before another VALUES table ("Bad dfe in sqlo_place_exp"),
    so the remote store tries one form, then the other."""
    m = _HEAD_VALUES.match(sparql, at) if at >= 0 else None
    terms = _TERM.findall(m.group(2)) if m else []
    names = m.group(1).split() if m else []
    if not m or len(terms) != len(names) or " ".join(terms) != m.group(2):
        return sparql
    binds = " ".join(f"BIND({_computed(t)} AS {v})" for v, t in zip(names, terms, strict=True))
    return sparql[:at] + " " + binds + "\n" + sparql[m.end():]


def _computed(term: str) -> str:
    if term.startswith("<"):
        return f'IRI("{term[1:-1]}")'
    text, _, suffix = term.rpartition('"')
    text += '"'
    if suffix.startswith("@"):
        return f'STRLANG({text}, "{suffix[1:]}")'
    if suffix.startswith("^^") and suffix != f"^^<{XSD}string>":
        return f"STRDT({text}, {suffix[2:]})"
    return f"STR({text})"
