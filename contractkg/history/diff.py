"""Field-by-field comparison of two versions of an agreement.

``diff(old, new)`` lists what changed: sub-processors (added, removed, country/service/safeguard),
deadlines, parties and roles, governing law and courts, Art. 28 elements that appeared or
disappeared, and clause texts. A changed clause that holds the evidence of a field change is
shown with that change (its word diff), not reported a second time."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from contractkg.history.adapter import Snapshot, Span
from contractkg.history.clauses import ClausePair, align, compact, word_diff

_DURATION = re.compile(r"^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?"
                       r"(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?)?$")
_HOURS = (365 * 24, 30 * 24, 7 * 24, 24, 1, 1 / 60)


@dataclass
class Change:
    area: str  # subprocessor | deadline | party | governing_law | jurisdiction | art28 | clause
    kind: str  # added | removed | changed
    subject: str  # what changed: a sub-processor, a deadline key, a party, an element, a clause
    attribute: str | None = None  # the attribute that changed (country, service, safeguard, roles, court...)
    before: str | None = None
    after: str | None = None
    before_span: Span = None
    after_span: Span = None
    clause: str | None = None  # the clause the change sits in (new version, else old)
    text_diff: str | None = None  # word-level diff of that clause, "[-old-]{+new+}"
    before_quote: str | None = None  # the words at before_span / after_span
    after_quote: str | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def summary(self) -> str:
        what = f"{self.subject}" + (f" {self.attribute}" if self.attribute else "")
        if self.kind == "changed":
            return f"{what}: {self.before} → {self.after}"
        return f"{what} {self.kind}" + (f" ({self.after or self.before})" if (self.after or self.before) else "")


def _hours(value: str | None) -> float | None:
    m = _DURATION.match(value or "")
    if not m or not any(m.groups()):
        return None
    return sum(float(g) * h for g, h in zip(m.groups(), _HOURS, strict=True) if g)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        ha, hb = _hours(a), _hours(b)
        if ha is not None and hb is not None:
            return ha == hb
        return " ".join(a.casefold().split()) == " ".join(b.casefold().split())
    return bool(a == b)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(map(str, value)) or None
    return str(value)


def _subprocessors(old: Snapshot, new: Snapshot) -> list[Change]:
    before = {s["key"]: s for s in old.subprocessors}
    after = {s["key"]: s for s in new.subprocessors}
    out = []
    for key, s in after.items():
        if key not in before:
            detail = ", ".join(str(s[k]) for k in ("country", "service", "safeguard") if s.get(k))
            out.append(Change("subprocessor", "added", s["name"], after=detail or s["name"], after_span=s["span"]))
            continue
        o = before[key]
        for attr in ("country", "service", "safeguard"):
            if not _same(o.get(attr), s.get(attr)):
                out.append(Change("subprocessor", "changed", s["name"], attr, _text(o.get(attr)), _text(s.get(attr)),
                                  o["span"], s["span"]))
    for key, o in before.items():
        if key not in after:
            detail = ", ".join(str(o[k]) for k in ("country", "service", "safeguard") if o.get(k))
            out.append(Change("subprocessor", "removed", o["name"], before=detail or o["name"], before_span=o["span"]))
    return out


def _deadline_text(d: dict[str, Any] | None) -> str | None:
    if not d:
        return None
    return str(d["value"]) + (" (working days)" if d.get("working_days") else "")


def _deadlines(old: Snapshot, new: Snapshot) -> list[Change]:
    out = []
    for key in dict.fromkeys([*old.deadlines, *new.deadlines]):
        a, b = old.deadlines.get(key), new.deadlines.get(key)
        if a and b and _same(a["value"], b["value"]) and a.get("working_days") == b.get("working_days"):
            continue
        kind = "changed" if a and b else "added" if b else "removed"
        out.append(Change("deadline", kind, key, None, _deadline_text(a), _deadline_text(b),
                          (a or {}).get("span"), (b or {}).get("span")))
    return out


def _parties(old: Snapshot, new: Snapshot) -> list[Change]:
    before = {p["key"]: p for p in old.parties}
    after = {p["key"]: p for p in new.parties}
    out = []
    for key, p in after.items():
        o = before.get(key)
        if o is None:
            out.append(Change("party", "added", p["label"], after=_text(p["roles"]) or p["label"], after_span=p["span"]))
            continue
        for attr in ("roles", "country"):
            if not _same(o.get(attr), p.get(attr)):
                out.append(Change("party", "changed", p["label"], attr, _text(o.get(attr)), _text(p.get(attr)),
                                  o["span"], p["span"]))
    out += [Change("party", "removed", o["label"], before=_text(o["roles"]) or o["label"], before_span=o["span"])
            for key, o in before.items() if key not in after]
    return out


def _jurisdiction(old: Snapshot, new: Snapshot) -> list[Change]:
    out = []
    law_a, law_b = old.governing_law.get("value"), new.governing_law.get("value")
    if not _same(law_a, law_b):
        out.append(Change("governing_law", "changed" if law_a and law_b else "added" if law_b else "removed",
                          "governing law", None, law_a, law_b, old.governing_law.get("span"),
                          new.governing_law.get("span")))
    for attr in ("country", "court", "exclusive"):
        a, b = old.jurisdiction.get(attr), new.jurisdiction.get(attr)
        if not _same(a, b):
            out.append(Change("jurisdiction", "changed" if a is not None and b is not None else "added" if b is not None
                              else "removed", "courts", attr, _text(a), _text(b), old.jurisdiction.get("span"),
                              new.jurisdiction.get("span")))
    return out


def _art28(old: Snapshot, new: Snapshot) -> list[Change]:
    out = [Change("art28", "added", el, after="stipulated", after_span=new.art28[el])
           for el in new.art28 if el not in old.art28]
    out += [Change("art28", "removed", el, before="stipulated", before_span=old.art28[el])
            for el in old.art28 if el not in new.art28]
    return out


def _holds(clause: Any, span: Span) -> bool:
    return clause is not None and span is not None and clause.start <= span[0] < max(clause.end, clause.start + 1)


def _clause_changes(pairs: list[ClausePair], fields: list[Change]) -> list[Change]:
    """Changed clauses; a clause holding a field change's evidence goes with that change."""
    out = []
    for pair in pairs:
        if not pair.changed:
            continue
        owners = [c for c in fields if _holds(pair.new, c.after_span) or _holds(pair.old, c.before_span)]
        diff = compact(word_diff(pair.old.text if pair.old else "", pair.new.text if pair.new else ""))
        number = (pair.new or pair.old).number if (pair.new or pair.old) else None  # type: ignore[union-attr]
        if owners:
            for c in owners:
                c.clause, c.text_diff = c.clause or number, c.text_diff or diff
            continue
        ref = pair.new or pair.old
        assert ref is not None
        subject = " ".join(x for x in (ref.number or "", ref.heading[:60]) if x) or "unnumbered clause"
        kind = "changed" if pair.old and pair.new else "added" if pair.new else "removed"
        out.append(Change("clause", kind, subject, None, pair.old.text if pair.old else None,
                          pair.new.text if pair.new else None,
                          (pair.old.start, pair.old.end) if pair.old else None,
                          (pair.new.start, pair.new.end) if pair.new else None, number, diff))
    return out


def diff(old: Snapshot, new: Snapshot) -> list[Change]:
    """What changed from ``old`` to ``new``, fields first, then clauses no field change explains."""
    fields = _subprocessors(old, new) + _deadlines(old, new) + _parties(old, new) + _jurisdiction(old, new) + _art28(old, new)
    for c in fields:  # the clause each field change sits in, and the words on each side
        c.before_quote, c.after_quote = old.quote(c.before_span), new.quote(c.after_span)
        for clause in (_find(new, c.after_span), _find(old, c.before_span)):
            if clause is not None and c.clause is None:
                c.clause = clause.number
    return fields + _clause_changes(align(old.clauses, new.clauses), fields)


def _find(snap: Snapshot, span: Span) -> Any:
    best = None
    for c in snap.clauses:
        if _holds(c, span):
            best = c  # the last (innermost) clause holding the span
    return best
