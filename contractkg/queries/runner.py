"""Named queries: the .rq files beside this module, their header, typed parameters and safe binding.

Header format (comment lines at the top of a .rq file; indented `#   ` lines continue the previous key):

    # title: Third-country transfers with their safeguards
    # description: One row per sub-processor located outside the EEA ...
    # param: country (country, optional) only transfers to this country
    # param: party (string, default=processor) a party name or defined term

Parameter types: iri, country (ISO code or name -> loc:XX), string, language, integer, decimal,
boolean, duration (ISO 8601), date. Values become RDF terms and are bound with a VALUES block
at the head of the top-level WHERE group, so a parameter is visible to that group and its FILTERs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from contractkg.namespaces import LOC, PREFIXES, XSD, sparql_prefixes
from contractkg.queries import load
from contractkg.store.base import QueryResult, Store
from contractkg.store.remote import with_values

QUERY_DIR = Path(__file__).parent
TYPES = ("iri", "country", "string", "language", "integer", "decimal", "boolean", "duration", "date")

_KEY = re.compile(r"^#\s*(title|description|param)\s*:\s*(.*)$", re.I)
_CONT = re.compile(r"^#\s{2,}(\S.*)$")
_PARAM = re.compile(r"^(\w+)\s*\(\s*(\w+)\s*(?:,\s*(optional|default\s*=\s*([^)]*)))?\)\s*(.*)$", re.I)
_DURATION = re.compile(r"^-?P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$")
_BOOL = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}


class QueryError(ValueError):
    """An unknown query, a bad header or a parameter value that does not fit its type."""


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    description: str = ""
    default: str | None = None
    required: bool = True

    def as_dict(self) -> dict[str, object]:
        return {"name": self.name, "type": self.type, "required": self.required,
                "default": self.default, "description": self.description}


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str
    text: str
    params: tuple[Param, ...] = field(default_factory=tuple)

    def as_dict(self) -> dict[str, object]:
        return {"name": self.name, "title": self.title, "description": self.description,
                "params": [p.as_dict() for p in self.params]}


def parse(name: str, text: str) -> NamedQuery:
    """Read the header of one query; raise QueryError when a parameter line is malformed."""
    fields: dict[str, str] = {"title": "", "description": ""}
    params: list[Param] = []
    last = None
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        m = _KEY.match(line)
        if m:
            last = m.group(1).lower()
            if last == "param":
                params.append(_param(name, m.group(2)))
            else:
                fields[last] = m.group(2).strip()
            continue
        c = _CONT.match(line)
        if c and last == "param":
            p = params[-1]
            params[-1] = Param(p.name, p.type, (p.description + " " + c.group(1)).strip(), p.default, p.required)
        elif c and last:
            fields[last] = (fields[last] + " " + c.group(1)).strip()
    return NamedQuery(name, fields["title"] or name, fields["description"], text, tuple(params))


def _param(query: str, spec: str) -> Param:
    m = _PARAM.match(spec.strip())
    if not m or m.group(2).lower() not in TYPES:
        raise QueryError(f"{query}: bad parameter line {spec!r}: use `name (type[, optional|, default=v]) text`")
    default = m.group(4).strip() if m.group(4) is not None else None
    required = m.group(3) is None
    return Param(m.group(1), m.group(2).lower(), m.group(5).strip(), default, required)


@lru_cache(maxsize=1)
def catalogue() -> dict[str, NamedQuery]:
    """name -> named query, for every .rq file beside this module (internal/ holds the code's own
    queries). The text has the vocabulary's tables filled (roles, vendor roles, Art. 28 elements)."""
    return {name: parse(name, _filled(name, load.source(name))) for name in load.names()}


def _filled(name: str, text: str) -> str:
    try:
        return load.render(text, name)
    except load.QueryFileError as e:
        raise QueryError(str(e)) from None


def get(name: str) -> NamedQuery:
    try:
        return catalogue()[name]
    except KeyError:
        raise QueryError(f"no named query {name!r}: `contractkg queries` lists them") from None


_UPDATE_FORM = re.compile(r"(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.I)
_PROLOGUE = re.compile(r"\s*(?:PREFIX\s+[\w.-]{0,100}:\s*<[^<>\s]{0,2000}>|BASE\s*<[^<>\s]{0,2000}>)", re.I)
_COMMENT = re.compile(r"#[^\n]*")
UPDATES_REFUSED = ("updates are refused: `contractkg query` only reads. To change the store, ingest documents "
                   "(`contractkg ingest PATH`), or run `contractkg serve --writable` and send the update to its "
                   "/update endpoint with the token it prints")


def is_update(text: str) -> bool:
    """True for SPARQL Update (INSERT, DELETE, DROP, LOAD...): the first keyword after the prologue."""
    body = _COMMENT.sub(" ", text)
    at = 0
    while m := _PROLOGUE.match(body, at):
        at = m.end()
    return bool(_UPDATE_FORM.match(body[at:].lstrip()))


def resolve(arg: str) -> NamedQuery:
    """A named query, a .rq file (its header is honoured) or raw SPARQL text."""
    if arg in catalogue():
        return catalogue()[arg]
    path = Path(arg)
    if path.suffix == ".rq":
        if not path.is_file():
            raise QueryError(f"no such query file: {arg}")
        return parse(path.stem, _filled(path.stem, path.read_text(encoding="utf-8")))
    if re.fullmatch(r"[\w-]+", arg):
        raise QueryError(f"no named query {arg!r}: `contractkg queries` lists them")
    return NamedQuery("sparql", "SPARQL", "", arg)


def term(param: Param, value: str) -> ox.NamedNode | ox.Literal:
    """The RDF term for a parameter value, checked against its declared type."""
    v = value.strip()
    try:
        return _TERM[param.type](v)
    except (ValueError, KeyError) as e:
        raise QueryError(f"parameter {param.name}: {v!r} is not a valid {param.type}") from e


def _iri(v: str) -> ox.NamedNode:
    v = v[1:-1] if v.startswith("<") and v.endswith(">") else v
    prefix, _, local = v.partition(":")
    if prefix in PREFIXES and not local.startswith("//"):
        v = PREFIXES[prefix] + local
    if not re.match(r"^[A-Za-z][\w+.-]*:\S+$", v):
        raise ValueError(v)
    return ox.NamedNode(v)


def _country(v: str) -> ox.NamedNode:
    code = v.upper() if re.fullmatch(r"[A-Za-z]{2}", v) else None
    if code is None:
        from contractkg.ingest.lexical.countries import country_code

        code = country_code(v)
    if not code:
        raise ValueError(v)
    return ox.NamedNode(LOC + code)


def _typed(datatype: str, check: Callable[[str], object]) -> Callable[[str], ox.Literal]:
    def build(v: str) -> ox.Literal:
        return ox.Literal(str(check(v)), datatype=ox.NamedNode(XSD + datatype))

    return build


def _duration(v: str) -> str:
    if not _DURATION.match(v.upper()):
        raise ValueError(v)
    return v.upper()


def _language(v: str) -> str:
    if not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*", v):
        raise ValueError(v)
    return v.lower()


def _boolean(v: str) -> str:
    return str(_BOOL[v.lower()]).lower()


_TERM: dict[str, Callable[[str], ox.NamedNode | ox.Literal]] = {
    "iri": _iri,
    "country": _country,
    "string": ox.Literal,
    "language": _typed("language", _language),
    "integer": _typed("integer", int),
    "decimal": _typed("decimal", float),
    "boolean": _typed("boolean", _boolean),
    "duration": _typed("duration", _duration),
    "date": _typed("date", lambda v: date.fromisoformat(v).isoformat()),
}


def bindings(query: NamedQuery, values: dict[str, str]) -> dict[str, ox.NamedNode | ox.Literal]:
    """Typed terms for the given values and defaults; unknown or missing required parameters fail."""
    declared = {p.name: p for p in query.params}
    if query.name == "sparql" and not declared:  # raw SPARQL: <iri> or plain string
        return {k: (_iri(v) if v.startswith("<") else ox.Literal(v)) for k, v in values.items()}
    unknown = sorted(set(values) - set(declared))
    if unknown:
        known = ", ".join(declared) or "none"
        raise QueryError(f"{query.name} has no parameter {', '.join(unknown)} (parameters: {known})")
    out: dict[str, ox.NamedNode | ox.Literal] = {}
    for p in query.params:
        raw = values.get(p.name, p.default)
        if raw is None:
            if p.required:
                raise QueryError(f"{query.name} needs --param {p.name}=<{p.type}>")
            continue
        out[p.name] = term(p, raw)
    return out


def sparql_text(query: NamedQuery, values: dict[str, str] | None = None) -> str:
    """The full query text (prefixes + body) with parameters bound through VALUES."""
    return with_values(sparql_prefixes() + query.text, bindings(query, values or {}))


def run(store: Store, query: NamedQuery | str, values: dict[str, str] | None = None) -> QueryResult:
    """Run a named query (or a NamedQuery) with parameter values given as strings."""
    q = get(query) if isinstance(query, str) else query
    return store.query(sparql_text(q, values))


def parse_params(pairs: list[str] | None) -> dict[str, str]:
    """`k=v` strings from the command line -> dict (the value may contain '=')."""
    out: dict[str, str] = {}
    for pair in pairs or []:
        k, sep, v = pair.partition("=")
        if not sep or not k.strip():
            raise QueryError(f"--param {pair!r}: use name=value")
        out[k.strip()] = v
    return out


def add_clause_text(res: QueryResult, limit: int = 4000) -> QueryResult:
    """For rows with source, clause_start and clause_end (the evidence query): add the clause's text,
    read again from the source file (the graph keeps offsets and quotes, not whole clauses)."""
    if res.kind != "select" or not {"source", "clause_start", "clause_end"} <= set(res.variables):
        return res
    from contractkg.ingest.document import LoadError
    from contractkg.ingest.load.loaders import load

    texts: dict[str, str | None] = {}
    for row in res.rows:
        src, start, end = row.get("source"), row.get("clause_start"), row.get("clause_end")
        if src and src not in texts:
            try:
                texts[src] = load(src).text
            except (LoadError, OSError):
                texts[src] = None
        text = texts.get(src or "")
        ok = text is not None and start and end and start.isdigit() and end.isdigit()
        row["clause_text"] = text[int(start):int(end)][:limit] if ok else None  # type: ignore[index, arg-type]
    res.variables = [*res.variables, "clause_text"]
    return res
