"""The machinery under contractkg/record.py: spans, field metadata, and the JSON <-> record codec.

Every record field declares how it becomes RDF in its metadata: ``mapped(...)`` (a predicate and how a
value becomes a term), ``structural(...)`` (a node the mapping builds by hand: obligations, coverage,
evidence...) or ``unmapped(reason)``. The codec walks the dataclasses' type hints, so the JSON of
``extract --format json`` and the record cannot drift apart: an unknown key is an error."""

from __future__ import annotations

import dataclasses
import enum
import functools
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, TypeVar, Union, cast

TermKind = Literal["text", "wording", "country", "duration", "language", "date", "boolean", "integer", "uri",
                   "concept", "iri", "node"]
JsonObject = dict[str, object]  # one record or sub-record as extraction prints it
_XSD = "http://www.w3.org/2001/XMLSchema#"
KIND_DATATYPE = {"duration": _XSD + "duration", "boolean": _XSD + "boolean", "integer": _XSD + "integer",
                 "language": _XSD + "language", "date": _XSD + "date", "uri": _XSD + "anyURI"}


class RecordError(ValueError):
    """A field that the record does not declare, or a value of the wrong type."""


class Absent(enum.Enum):
    """A key that extraction left out (printed nowhere), where ``None`` is a value it prints."""

    ABSENT = "absent"


ABSENT = Absent.ABSENT


@dataclass(frozen=True, slots=True)
class Span:
    """Character offsets ``[start, end)`` in the source document's text."""

    start: int
    end: int

    @classmethod
    def from_json(cls, value: object) -> Span:
        if (isinstance(value, (list, tuple)) and len(value) == 2
                and all(isinstance(x, int) and not isinstance(x, bool) for x in value)):
            return cls(value[0], value[1])
        raise RecordError(f"a span is [start, end], not {value!r}")

    def to_json(self) -> list[int]:
        return [self.start, self.end]


@dataclass(frozen=True, slots=True)
class Rdf:
    """How a field becomes RDF: ``predicate`` from the subject, the value made a term by ``kind``."""

    predicate: str | None  # None: several, chosen by value (a party's roles), or the node's class
    kind: TermKind
    scheme: str | None = None  # "concept": the ontology's concept scheme (ontology.notations)
    namespace: str | None = None  # "iri": the namespace of the local names
    dpv_class: str | None = None  # the DPV class of the value's node, where one applies

    @property
    def datatype(self) -> str | None:
        """The XSD datatype of the literal this field's values become (None: an IRI, or a plain or
        language-tagged string)."""
        return KIND_DATATYPE.get(self.kind)


Decode = Callable[[Mapping[str, object]], object]
Encode = Callable[[Any], JsonObject]


def mapped(predicate: str, kind: TermKind = "text", *, scheme: str | None = None, namespace: str | None = None,
           key: str | None = None, omit_none: bool = False) -> dict[str, object]:
    """Metadata of a field that the mapping turns into ``subject predicate term`` by itself."""
    return _meta(Rdf(predicate, kind, scheme, namespace), key, omit_none)


def structural(predicate: str | None, *, dpv_class: str | None = None, key: str | None = None, omit_none: bool = False,
               codec: tuple[Decode, Encode] | None = None, keys: tuple[str, ...] = ()) -> dict[str, object]:
    """Metadata of a field whose node the mapping builds by hand (ontology/records*.py). ``codec``: the
    field's own (decode, encode) from and to the JSON object that holds it, reading ``keys``."""
    meta = _meta(Rdf(predicate, "node", dpv_class=dpv_class), key, omit_none)
    if codec is not None:
        meta["codec"], meta["keys"] = codec, keys
    return meta


def inline(reason: str) -> dict[str, object]:
    """Metadata of a sub-record whose own fields are mapped on the parent's node (deadlines)."""
    return {"inline": reason, "key": None, "omit_none": False}


def unmapped(reason: str, *, key: str | None = None, omit_none: bool = False) -> dict[str, object]:
    """Metadata of a field that stays out of the graph on purpose (the reason says why)."""
    return {"unmapped": reason, "key": key, "omit_none": omit_none}


def _meta(rdf: Rdf, key: str | None, omit_none: bool) -> dict[str, object]:
    return {"rdf": rdf, "key": key, "omit_none": omit_none}


def rdf_of(field: dataclasses.Field[Any]) -> Rdf | None:
    spec = field.metadata.get("rdf")
    return spec if isinstance(spec, Rdf) else None


def json_key(field: dataclasses.Field[Any]) -> str:
    key = field.metadata.get("key")
    return key if isinstance(key, str) else field.name


# -- JSON -> record -------------------------------------------------------------------------------

R = TypeVar("R")


def decode(cls: type[R], data: Mapping[str, object], path: str = "", strict: bool = True) -> R:
    """A record dataclass from its JSON form; keys left out take the field's default. ``strict``: a key
    the record does not declare, or a value of the wrong type, is an error; else it is left out, at every
    level (hand-written records), and only a missing required field is an error."""
    if not isinstance(data, Mapping):
        raise RecordError(f"{path or cls.__name__}: expected an object, got {type(data).__name__}")
    hints = _hints(cast(type, cls))
    known: set[str] = set()
    values: dict[str, object] = {}
    for f in dataclasses.fields(cast(Any, cls)):
        codec = f.metadata.get("codec")
        key = json_key(f)
        known.add(key)
        try:
            if codec is not None:
                known.update(f.metadata.get("keys") or ())
                values[f.name] = codec[0](data)
            elif key in data:
                values[f.name] = _value(hints[f.name], data[key], f"{path}.{key}" if path else key, strict)
        except RecordError:
            if strict:
                raise  # lenient: a value of the wrong shape is left out (the field keeps its default)
        if f.name not in values and f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            raise RecordError(f"{path or cls.__name__}: {key!r} is required")
    unknown = [k for k in data if k not in known]
    if unknown and strict:
        raise RecordError(f"{path or cls.__name__}: unknown field(s) {', '.join(map(repr, unknown))}; declare them "
                          "in contractkg/record.py (with their RDF mapping) before an extractor provides them")
    return cls(**values)


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    """The class's field types, resolved once (resolving them is the slow part of decoding)."""
    return typing.get_type_hints(cls)


def _value(tp: object, value: object, path: str, strict: bool) -> object:
    origin = typing.get_origin(tp)
    if origin in (Union, types.UnionType):
        return _union(typing.get_args(tp), value, path, strict)
    if origin is tuple:
        if not isinstance(value, (list, tuple)):
            raise RecordError(f"{path}: expected a list, got {type(value).__name__}")
        item = typing.get_args(tp)[0]
        return tuple(_items(item, value, path, strict))
    if tp is Span:
        try:
            return Span.from_json(value)
        except RecordError as e:
            raise RecordError(f"{path}: {e}") from None
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        if not isinstance(value, Mapping):
            raise RecordError(f"{path}: expected an object, got {type(value).__name__}")
        return decode(tp, value, path, strict)
    if tp is object:
        return value  # any JSON value, kept as printed
    if tp is bool and isinstance(value, bool) or tp is int and isinstance(value, int) and not isinstance(value, bool):
        return value
    if tp is float and isinstance(value, (int, float)) and not isinstance(value, bool) or tp is str and isinstance(value, str):
        return value
    raise RecordError(f"{path}: expected {getattr(tp, '__name__', tp)}, got {type(value).__name__} {value!r}")


def _items(tp: object, values: list[object] | tuple[object, ...], path: str, strict: bool) -> list[object]:
    out = []
    for i, v in enumerate(values):
        try:
            out.append(_value(tp, v, f"{path}[{i}]", strict))
        except RecordError:
            if strict:
                raise  # lenient: an item of the wrong shape is left out
    return out


def _union(arms: tuple[object, ...], value: object, path: str, strict: bool) -> object:
    if value is None and type(None) in arms:
        return None
    errors = []
    for arm in arms:
        if arm in (type(None), Absent):
            continue
        try:
            return _value(arm, value, path, strict)
        except RecordError as e:
            errors.append(str(e))
    raise RecordError(errors[0] if len(errors) == 1 else f"{path}: {value!r} fits none of its types")


# -- record -> JSON -------------------------------------------------------------------------------

def encode(record: object) -> JsonObject:
    """The JSON form of a record dataclass, keys in declaration order; absent keys stay out."""
    out: JsonObject = {}
    for f in dataclasses.fields(cast(Any, record)):
        value = getattr(record, f.name)
        codec = f.metadata.get("codec")
        if codec is not None:
            out.update(codec[1](value))
        elif value is ABSENT or value is None and f.metadata.get("omit_none"):
            continue
        else:
            out[json_key(f)] = to_json_value(value)
    return out


def to_json_value(value: object) -> object:
    if isinstance(value, Span):
        return value.to_json()
    if isinstance(value, tuple):
        return [to_json_value(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return encode(value)
    return value
