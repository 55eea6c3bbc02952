"""Literal and IRI helpers for building quads from records: countries, durations, slugs."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import pyoxigraph as ox

from contractkg.namespaces import LOC, XSD

Term = ox.NamedNode | ox.BlankNode | ox.Literal  # an RDF term in subject or object position

COUNTRY_FIX = {"UK": "GB", "EL": "GR"}
COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")
LOCAL_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
LANG_TAG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
ISO_DURATION = re.compile(r"^-?P(?=\d|T\d)(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?"
                       r"(?:T(?=\d)(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$")
_HOURS = (8760, 730, 168, 24, 1, 1 / 60, 1 / 3600)
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def lit(value: Any, datatype: str | None = None, lang: str | None = None) -> ox.Literal:
    if lang:
        return ox.Literal(str(value), language=lang)
    if datatype:
        return ox.Literal(str(value), datatype=ox.NamedNode(datatype))
    return ox.Literal(str(value))


def boolean(value: bool) -> ox.Literal:
    return ox.Literal("true" if value else "false", datatype=ox.NamedNode(XSD + "boolean"))


def slug(text: str) -> str:
    s = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-") or "x"


def country(code: Any) -> ox.NamedNode | None:
    """loc: IRI of an ISO 3166-1 alpha-2 code, None for anything else."""
    if not isinstance(code, str):
        return None
    code = COUNTRY_FIX.get(code.strip().upper(), code.strip().upper())
    return n(LOC + code) if COUNTRY_CODE.match(code) else None


def duration_hours(value: Any) -> float | None:
    """Hours in an ISO 8601 duration (months as 730 h, years as 8760 h); None when not a duration."""
    m = ISO_DURATION.match(value) if isinstance(value, str) else None
    if not m:
        return None
    return sum(float(g) * h for g, h in zip(m.groups(), _HOURS, strict=True) if g)


def duration(value: Any) -> ox.Literal | None:
    return lit(value, XSD + "duration") if duration_hours(value) is not None else None
