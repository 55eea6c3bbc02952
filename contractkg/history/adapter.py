"""The one place that reads the extraction record, in its JSON form (`extract --format json`).

Everything else in contractkg.history works on ``Snapshot``: the facts a diff compares, each with
its character span in the source text, and the text of each clause. A snapshot is JSON-able, so a
version kept in the store carries one (see changes_rdf.py)."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any

from contractkg.ingest.lexical.entities import canonical_key

Span = tuple[int, int] | None
DEADLINE_KEYS = ("breach_notification", "breach_notification_qualifier", "subprocessor_notice",
                 "subprocessor_objection", "audit_notice")
VENDOR_ROLES = ("processor", "provider", "data_importer", "subprocessor")
SNAPSHOT_VERSION = 1  # bump when the fields below change meaning


@dataclass
class Clause:
    number: str | None
    heading: str
    start: int
    end: int  # end of the clause's own text (its sub-clauses are units of their own)
    text: str  # own text without the leading number


@dataclass
class Snapshot:
    source: str
    sha256: str
    index: int
    title: str
    kind: str | None
    language: str | None
    version: str | None = None  # the label the text states ("2.0", "Versión 2")
    date: str | None = None  # the date the text states (ISO), else None
    vendor: str | None = None
    parties: list[dict[str, Any]] = field(default_factory=list)  # name, key, roles, country, span
    governing_law: dict[str, Any] = field(default_factory=dict)  # value, span
    jurisdiction: dict[str, Any] = field(default_factory=dict)  # country, court, exclusive, span
    subprocessors: list[dict[str, Any]] = field(default_factory=list)  # name, key, country, service, safeguard, span
    deadlines: dict[str, dict[str, Any]] = field(default_factory=dict)  # key -> value, working_days, span
    art28: dict[str, Any] = field(default_factory=dict)  # element -> span of its first stipulation, for present ones
    clauses: list[Clause] = field(default_factory=list)
    companions: list[str] = field(default_factory=list)  # sub-processor list files this agreement takes its list from
    quotes: dict[str, str] = field(default_factory=dict)  # "start-end" -> the text of each span above

    def quote(self, span: Span) -> str | None:
        return self.quotes.get(f"{span[0]}-{span[1]}") if span else None

    def to_json(self) -> dict[str, Any]:
        """A JSON-able dict (shallow: json.dumps copies it anyway; asdict's deep copy cost a third of a build)."""
        data = {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}
        data["clauses"] = [vars(c) for c in self.clauses]
        data["snapshot_version"] = SNAPSHOT_VERSION
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Snapshot:
        data = dict(data)
        data.pop("snapshot_version", None)
        clauses = [Clause(**c) for c in data.pop("clauses", [])]
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known, clauses=clauses)

    @property
    def label(self) -> str:
        """How a person names this version: its label and date, else its file."""
        parts = [f"v{self.version}" if self.version and not self.version[:1].isalpha() else self.version or "",
                 self.date or ""]
        return " ".join(p for p in parts if p) or self.source.rsplit("/", 1)[-1]


def _span(value: Any) -> Span:
    if isinstance(value, (list, tuple)) and len(value) == 2 and all(isinstance(x, int) for x in value):
        return int(value[0]), int(value[1])
    return None


def _first_span(value: Any) -> Span:
    """A span, or the first of a list of spans."""
    if isinstance(value, list) and value and isinstance(value[0], (list, tuple)):
        return _span(value[0])
    return _span(value)


def name_key(name: str | None) -> str:
    """The key two spellings of one company share ("Stripe, Inc." = "Stripe Inc")."""
    return canonical_key(name) if name else ""


def _parties(rec: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for p in rec.get("parties") or []:
        if not isinstance(p, dict):
            continue
        name = p.get("name")
        terms = [str(t) for t in p.get("defined_as") or []]
        key = (p.get("canonical_key") or name_key(name)) if name else "term:" + (terms[0].casefold() if terms else "party")
        out.append({"name": name, "key": key, "label": name or (f"«{terms[0]}»" if terms else "unnamed party"),
                    "roles": sorted(str(r) for r in p.get("roles") or []), "country": p.get("country"),
                    "span": _span(p.get("evidence"))})
    return out


def _vendor(parties: list[dict[str, Any]]) -> str | None:
    named = [p for p in parties if p["name"]]
    for role in VENDOR_ROLES:
        for p in named:
            if role in p["roles"]:
                return str(p["name"])
    return str(named[0]["name"]) if named else None


def _subprocessors(rec: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"name": s["name"], "key": name_key(s["name"]), "country": s.get("country"), "service": s.get("service"),
             "safeguard": s.get("safeguard"), "span": _span(s.get("evidence"))}
            for s in rec.get("subprocessors") or [] if isinstance(s, dict) and s.get("name")]


def _deadlines(rec: dict[str, Any], evidence: dict[str, Any]) -> dict[str, dict[str, Any]]:
    found = rec.get("deadlines") or {}
    return {k: {"value": found.get(k), "working_days": bool(found.get(f"{k}_working_days")),
                "span": _span(evidence.get(f"deadlines.{k}"))}
            for k in DEADLINE_KEYS if found.get(k) is not None}


def _art28(rec: dict[str, Any]) -> dict[str, Any]:
    where, spans, missing = rec.get("art28") or {}, rec.get("art28_evidence") or {}, set(rec.get("missing") or [])
    return {el: _first_span(spans.get(el)) for el, at in where.items() if at and el not in missing}


_NUMBER_PREFIX = re.compile(r"\s*(?:§\s*|(?:art(?:icle|icolo|ículo|igo)?|clause|cláusula|clausola|klausel|section)\.?\s*)?",
                            re.IGNORECASE)
_AFTER_NUMBER = re.compile(r"\s*[.):\-–]?")


def _without_number(body: str, number: str) -> str:
    """The clause text without its leading number ("§ 7", "7.2", "Article 5 -")."""
    for start in (0, _NUMBER_PREFIX.match(body).end()):  # type: ignore[union-attr]
        rest = body[start:].lstrip()
        if rest[:len(number)].casefold() == number.casefold():
            rest = rest[len(number):]
            return rest[_AFTER_NUMBER.match(rest).end():]  # type: ignore[union-attr]
    return body


def own_clauses(text: str, clauses: list[Any]) -> list[Clause]:
    """Each clause's own text (up to its first sub-clause), without its number."""
    firsts: dict[int, int] = {}
    for c in clauses:
        if c.parent is not None and c.parent not in firsts:
            firsts[c.parent] = c.start
    out = []
    for i, c in enumerate(clauses):
        end = min(firsts.get(i, c.end), c.end)
        body = text[c.start:end]
        if c.number:
            body = _without_number(body, str(c.number))
        out.append(Clause(str(c.number) if c.number else None, c.heading or "", c.start, end, " ".join(body.split())))
    return out


MAX_QUOTE = 400


def _quotes(snap: Snapshot, text: str) -> dict[str, str]:
    spans = [p["span"] for p in snap.parties] + [s["span"] for s in snap.subprocessors]
    spans += [d["span"] for d in snap.deadlines.values()] + list(snap.art28.values())
    spans += [snap.governing_law.get("span"), snap.jurisdiction.get("span")]
    return {f"{s[0]}-{s[1]}": " ".join(text[s[0]:min(s[1], s[0] + MAX_QUOTE)].split()) for s in spans if s}


_UNUSED = ("obligations", "transfers", "personal_data_labels", "retention")  # large, and not compared


def as_json(record: Any) -> dict[str, Any]:
    """The record as `extract --format json` prints it: a typed record (contractkg.record.Contract)
    through its to_json() (without the large fields a diff does not read), a dict as it is."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        record = dataclasses.replace(record, **{f: () for f in _UNUSED if getattr(record, f, None)})
    to_json = getattr(record, "to_json", None)
    return dict(to_json()) if callable(to_json) else dict(record)


def snapshot(source: str, sha256: str, index: int, text: str, record: Any, clauses: list[Any]) -> Snapshot:
    """The snapshot of one extracted agreement (``clauses``: the agreement's clause tree)."""
    record = as_json(record)
    evidence = record.get("evidence") or {}
    parties = _parties(record)
    jur = record.get("jurisdiction") or {}
    snap = Snapshot(
        source=source, sha256=sha256, index=index, title=str(record.get("title") or ""), kind=record.get("kind"),
        language=record.get("language"), version=record.get("version"),
        date=record.get("date") or record.get("effective_date"), vendor=_vendor(parties), parties=parties,
        governing_law={"value": record.get("governing_law"), "span": _span(evidence.get("governing_law"))},
        jurisdiction={"country": jur.get("country"), "court": jur.get("court"), "exclusive": jur.get("exclusive"),
                      "span": _span(evidence.get("jurisdiction"))},
        subprocessors=_subprocessors(record), deadlines=_deadlines(record, evidence), art28=_art28(record),
        clauses=own_clauses(text, list(clauses)), companions=[str(p) for p in record.get("subprocessors_from") or []])
    snap.quotes = _quotes(snap, text)
    return snap
