"""Deadlines and windows as xsd:duration, and audit terms.

A duration is attached to a window by the sentence it sits in: the sentence (or its context: the
sentences before it in its paragraph, the lead-in of the list it is an item of) must name the topic
(breach, new sub-processor, audit), and the duration must stand by an action cue of that window
(notify, object, give notice). Cues are word stems in ``lexicons/deadline_windows.yaml``; the
helpers that find them are in ``deadline_cues``, audit terms in ``audit_terms``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from contractkg.ingest import pattern_cache
from contractkg.ingest.components import Component
from contractkg.ingest.deadlines.audit_terms import audit_terms
from contractkg.ingest.deadlines.cues import (
    Positions,
    Sections,
    cues,
    fold,
    has,
    list_leads,
    split_lines,
    windows_durations,
)
from contractkg.ingest.document import Agreement
from contractkg.ingest.lexical.durations import Duration, find_durations, qualifiers
from contractkg.ingest.lexicon import alternation
from contractkg.ingest.structure.sentences import split_sentences

WINDOWS = ["breach_notification", "breach_notification_qualifier", "subprocessor_notice",
           "subprocessor_objection", "audit_notice"]
QUAL_ORDER = ["without_undue_delay", "promptly", "timely"]

# "information" is a noun, not the verb "inform" that an action cue looks for
_NOUN = re.compile(r"informa(?:ti|zion|ci|ç)", re.IGNORECASE)


def _near_qualifier(sent: str, action_key: str, reach: int = 60, clause_reach: int = 150) -> tuple[str, int, int] | None:
    """The strongest qualifier standing within ``reach`` characters of an action cue or a duration,
    or within ``clause_reach`` of it in the same clause (the object may stand between: "notificará al
    Responsable las violaciones de la seguridad de los datos sin dilación indebida")."""
    f = fold(sent)
    acts = [(m.start(), m.end()) for m in cues()[action_key].finditer(f) if not _NOUN.match(sent, m.start())]
    durs = [d for d in windows_durations(sent) if d.unit in ("H", "D")]
    acts += [(d.start, d.end) for d in durs[:1]]

    def near(a_start: int, a_end: int, start: int, end: int) -> bool:
        lo, hi = (a_end, start) if start >= a_end else (end, a_start)
        return hi - lo <= reach or (hi - lo <= clause_reach and not _CLAUSE_BREAK.search(f, lo, hi))

    best = None
    for name, start, end in qualifiers(sent):
        if any(near(a_start, a_end, start, end) for a_start, a_end in acts):
            if best is None or QUAL_ORDER.index(name) < QUAL_ORDER.index(best[0]):
                best = (name, start, end)
    return best


# "within 14 days of notification", "dix jours à compter de cette information": a start point, not a notice
_REFERENCE_POINT = pattern_cache.compile(r"\b(?:" + alternation("durations", "reference_points") + r")\b")
_CLAUSE_BREAK = pattern_cache.compile(r"[;:]|\.\s|,\s*(?:" + alternation("durations", "clause_break_conjunctions") + r")\s"
                                      r"|\b(?:" + alternation("durations", "clause_break_adverbs") + r")\b")


def _gap(f: str, d: Duration, m: re.Match[str]) -> str:
    """The folded text between a duration and a cue, in either order."""
    if m.start() >= d.end:
        return f[d.end : m.start()]
    return f[m.end() : d.start] if m.end() <= d.start else ""


def _for_objecting(f: str, d: Duration) -> bool:
    """The notice is given for objecting: a purpose word then an objection cue in the few words
    after it ("10 days' notice to allow the customer to object", "para ejercer el derecho de oposición")."""
    c = cues()
    tail = f[d.end : d.end + 80]
    for p in c["subprocessor.purpose"].finditer(tail):
        if p.start() > 40 or _CLAUSE_BREAK.search(tail, 0, p.start()):
            break
        o = c["subprocessor.objection"].search(tail[p.end() :])
        if o and o.start() <= 30 and not _CLAUSE_BREAK.search(tail, p.end(), p.end() + o.start()):
            return True
    return False


def subprocessor_windows(sent: str, strict: bool = False) -> dict[str, Duration]:
    """Notice and objection windows of a sentence: each duration goes to the nearest notice or
    objection cue of its own half-sentence ("informs ... one month in advance; the customer has
    ten days to object"); "20 days' notice, during which the customer may object" gives both.
    With ``strict``, only a cue standing right by the duration counts (the sentence itself names
    no sub-processor)."""
    durs = [d for d in windows_durations(sent) if d.unit in ("H", "D", "W", "M")]
    if not durs:
        return {}
    f = fold(sent)
    marks = [("subprocessor_notice", m) for m in cues()["subprocessor.notice"].finditer(f)]
    marks += [("subprocessor_objection", m) for m in cues()["subprocessor.objection"].finditer(f)]
    pairs: list[tuple[int, int, str]] = []  # (distance, duration index, window)
    for i, d in enumerate(durs):
        for key, m in marks:
            gap = _gap(f, d, m)
            if key == "subprocessor_notice" and m.start() >= d.end and _REFERENCE_POINT.search(gap):
                continue
            broken = bool(_CLAUSE_BREAK.search(gap))
            if strict and (broken or len(gap) > 50):
                continue
            pairs.append((len(gap) + (1000 if broken else 0), i, key))
    out: dict[str, Duration] = {}
    used: set[int] = set()
    for _, i, key in sorted(pairs):  # closest pairs first, each window and each duration once
        if key not in out and i not in used:
            out[key] = durs[i]
            used.add(i)
    notice = out.get("subprocessor_notice")
    if notice and "subprocessor_objection" not in out and (has("subprocessor.same_window", sent) or _for_objecting(f, notice)):
        out["subprocessor_objection"] = notice
    return out


def audit_notice(sent: str) -> Duration | None:
    """The advance notice of an audit: the duration standing closest to a notice cue of its own
    clause ("30 days' prior notice", "annoncés au moins 30 jours à l'avance"), not a period that
    only shares the sentence ("reports no older than 12 months", "within 30 days after the audit")."""
    f = fold(sent)
    notes = list(cues()["audit.notice"].finditer(f))
    best: tuple[int, Duration] | None = None
    for d in windows_durations(sent):
        if d.unit not in ("H", "D", "W", "M"):
            continue
        # "notify ... within 48 hours of a request": a time to answer, counted from an event
        counted = _REFERENCE_POINT.match(f[d.end : d.end + 40].lstrip())
        for m in notes:
            gap = _gap(f, d, m)
            if len(gap) > 50 or _CLAUSE_BREAK.search(gap) or (m.start() >= d.end and _REFERENCE_POINT.search(gap)):
                continue
            if counted and m.end() <= d.start:
                continue
            if best is None or len(gap) < best[0]:
                best = (len(gap), d)
    return best[1] if best else None


def _by_action(sent: str, d: Duration) -> bool:
    """The duration stands by a notifying verb of its own clause ("informs the Customer within 48 hours")."""
    f = fold(sent)
    for m in cues()["breach.action"].finditer(f):
        if _NOUN.match(sent, m.start()):
            continue
        gap = _gap(f, d, m)
        if len(gap) <= (80 if m.end() <= d.start else 40) and not _CLAUSE_BREAK.search(gap):
            return True
    return False


def _to_authority(sent: str, d: Duration) -> bool:
    """The duration is the controller's own deadline towards the authority: an authority is named
    in its clause just before it ("permettre au Client de notifier l'autorité de contrôle dans les 72 heures")."""
    before = fold(sent)[max(0, d.start - 80) : d.start]
    cut = [m.end() for m in _CLAUSE_BREAK.finditer(before)]
    return bool(cues()["breach.authority"].search(before[cut[-1] if cut else 0 :]))


def _in_breach_part(sent: str, d: Duration) -> bool:
    """The duration sits in a ';'-separated part that speaks of the breach or of notifying it
    (not "...; deletes the data within 15 days" after a breach clause)."""
    if ";" not in sent:
        return True
    ps, pe = sent.rfind(";", 0, d.start) + 1, sent.find(";", d.end)
    part = fold(sent)[ps : pe if pe != -1 else len(sent)]
    return bool(cues()["breach.topic"].search(part) or cues()["breach.weak_topic"].search(part)
                or cues()["breach.action"].search(part))


def extract(ag: Agreement, given: Mapping[str, Any]) -> dict[str, Any]:
    text = ag.text
    base = ag.start
    sents = [piece for span in split_sentences(text, 0) for piece in split_lines(text, *span)]
    leads = list_leads(text, sents)
    found: dict[str, Any] = {k: None for k in WINDOWS}
    ev: dict[str, list[int]] = {}
    audit_sents: list[tuple[int, int]] = []

    def put(key: str, value: Any, s: int, e: int) -> None:
        if found[key] is None:
            found[key] = value
            ev[key] = [base + s, base + e]

    prev_s = prev2_s = 0  # the context reaches two sentences back
    quals: list[tuple[int, int, int, str]] = []  # (priority, start, end, class)
    last_notice = -1  # where the last sentence notifying a breach starts
    at = Positions(text)
    secs = Sections(ag, at.folded)
    for (s, e), lead in zip(sents, leads, strict=True):
        # where a heading over the sentence names the topic ("8. Sub-processors" over "8.3 ..."), or -1
        head = secs.topics_at(("breach.topic", "subprocessor.topic", "audit.section"), s)
        if not at.any(s, e) and max(head.values()) < 0:
            prev_s, prev2_s = prev2_s, s
            continue  # no cue of any window: skip the sentence
        sent = text[s:e]
        para = text.rfind("\n", 0, s) + 1
        cs = max(min(para, prev_s, s - 300), s - 800)
        last = prev2_s  # the sentence just before
        prev_s, prev2_s = prev2_s, s
        breach_topic = at.breach(s, e)
        # breach notification
        if at.has("breach.action", s, e) and (breach_topic or at.has("breach.topic", cs, e) or head["breach.topic"] >= 0):
            q = _near_qualifier(sent, "breach.action")
            if q:
                quals.append((QUAL_ORDER.index(q[0]), s + q[1], s + q[2], q[0]))
            durs = [d for d in windows_durations(sent)
                    if d.unit in ("H", "D") and _in_breach_part(sent, d) and not _to_authority(sent, d)]
            # a breach named only before ("7. Data breach / 7.1 The Processor notifies the Customer within
            # 24 hours"): the first notice after it, its period standing by the notifying verb
            named_at = max(at.last("breach.topic", cs, s), head["breach.topic"])
            first_notice = named_at > last_notice and not (at.has("subprocessor.topic", s, e) or at.has("audit.topic", s, e))
            if durs and (breach_topic or q or (first_notice and _by_action(sent, durs[0]))):
                d = durs[0]
                put("breach_notification", d.iso, s + d.start, s + d.end)
            last_notice = s
        # new sub-processor: notice and objection windows
        named = at.has("subprocessor.topic", s, e)
        in_section = head["subprocessor.topic"] >= 0
        change = bool(has("subprocessor.change", sent))
        if not breach_topic and (at.has("subprocessor.topic", cs, e) or in_section) and (
            named or at.has("subprocessor.objection", s, e) or (not at.has("audit.topic", s, e) and (change or in_section))
        ):
            close = {} if named or change or has("subprocessor.termination", sent) else subprocessor_windows(sent, strict=True)
            for key, d in subprocessor_windows(sent).items():
                if key == "subprocessor_objection" or named or change or close.get(key) == d:
                    put(key, d.iso, s + d.start, s + d.end)
        # audits: the sentence names them, it sits in a section about them, or it is an item of a
        # list whose lead-in names them
        in_audit_list = lead is not None and at.has("audit.topic", *lead) and not named
        in_audit_section = head["audit.section"] >= 0 and not (named or breach_topic)
        if at.has("audit.topic", s, e) or in_audit_list or in_audit_section or (
                at.has("audit.topic", last, e) and at.has("audit.costs", s, e)):
            audit_sents.append((s, e))
            if (notice := audit_notice(sent)) is not None:
                put("audit_notice", notice.iso, s + notice.start, s + notice.end)
    if quals:
        _, qs, qe, qname = min(quals)
        put("breach_notification_qualifier", qname, qs, qe)
    out: dict[str, Any] = {"deadlines": found}
    for key in ("breach_notification", "subprocessor_notice", "subprocessor_objection", "audit_notice"):
        working = _working(text, ev.get(key), base)  # "10 jours ouvrés", "zehn Werktage", "5 business days"
        if working is not None:
            found[f"{key}_working_days"] = working
    audit, audit_ev = audit_terms(text, audit_sents, given)
    out["audit"] = audit
    for k, span in audit_ev.items():
        ev[f"audit.{k}"] = [base + span[0], base + span[1]]
    out["evidence"] = {k if k.startswith("audit.") else f"deadlines.{k}": span for k, span in ev.items()}
    return out


COMPONENT = Component("deadlines", requires=("defined_terms", "roles"), provides=("deadlines", "audit"),
                      run=extract, doc="breach, sub-processor notice and objection, audit notice; audit terms")


def _working(text: str, span: list[int] | None, base: int) -> bool | None:
    if not span:
        return None
    ds = find_durations(text[span[0] - base : span[1] - base])
    return ds[0].working_days if ds else None
