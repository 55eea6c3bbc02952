"""Deadlines and windows as xsd:duration, and audit terms.

A duration is attached to a window by the sentence it sits in: the sentence (or the one before
it, for the topic) must name the topic (breach, new sub-processor, audit) and an action cue
(notify, object, give notice). Cues are word stems in ``lexicons/deadline_windows.yaml``.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import Any

from contractkg.ingest.document import Agreement
from contractkg.ingest.durations import Duration, find_durations, flat, number_words, qualifiers
from contractkg.ingest.inventory import WordStarts, fold_keep, phrase_regex
from contractkg.ingest.lexicon import lexicon
from contractkg.ingest.sentences import split_sentences

WINDOWS = ["breach_notification", "breach_notification_qualifier", "subprocessor_notice",
           "subprocessor_objection", "audit_notice"]
# "24 heures sur 24", "7 days a week", "de 10 heures à 18 heures": not windows
_NOT_A_WINDOW = re.compile(r"^\s*(?:sur|su|a|per|/|x|pro|al|by)\s*\d|^\s*(?:sur|su|a|per|pro)\s+(?:7|24)\b"
                           r"|^\s*(?:à|a|to|until|alle|bis|-|–|et|and|e|und)\s*\d{1,2}\s*(?:h|heures|hours|ore|Uhr|:)",
                           re.IGNORECASE)
_CLOCK_BEFORE = re.compile(r"(?:\b(?:à|alle|until|bis|dalle|ore|um)|\d{1,2}\s*(?:h|heures|hours|ore|Uhr)\s*(?:à|a|to|-|–|bis))\s*$",
                           re.IGNORECASE)


def stems(words: list[str]) -> WordStarts:
    """Pattern over folded text (see ``fold_keep``) matching any of the stems at the start of a word."""
    return WordStarts(phrase_regex([fold_keep(w) for w in words]))


@lru_cache(maxsize=1)
def cues() -> dict[str, WordStarts]:
    lex = lexicon("deadline_windows")
    out = {}
    for window, groups in lex.items():
        for name, words in groups.items():
            out[f"{window}.{name}"] = stems(flat(words))
    audit = lexicon("audit")
    for name in ("controller_terms", "processor_terms", "processor_pays", "processor_charges"):
        out[f"audit.{name}"] = stems(flat(audit[name]))
    return out


def windows_durations(sentence: str) -> list[Duration]:
    """Durations of a sentence that can be windows (not clock times, not '24 hours a day')."""
    out = []
    for d in find_durations(sentence):
        if _NOT_A_WINDOW.search(sentence[d.end : d.end + 12]):
            continue
        if d.unit == "H" and _CLOCK_BEFORE.search(sentence[max(0, d.start - 16) : d.start]):
            continue
        out.append(d)
    return out


QUAL_ORDER = ["without_undue_delay", "promptly", "timely"]


_NOUN = re.compile(r"informati|informazion", re.IGNORECASE)


def _near_qualifier(sent: str, action_key: str, reach: int = 60) -> tuple[str, int, int] | None:
    """The strongest qualifier standing within ``reach`` characters of an action cue or a duration."""
    acts = [(m.start(), m.end()) for m in cues()[action_key].finditer(fold_keep(sent)) if not _NOUN.match(sent, m.start())]
    durs = [d for d in windows_durations(sent) if d.unit in ("H", "D")]
    acts += [(d.start, d.end) for d in durs[:1]]
    best = None
    for name, start, end in qualifiers(sent):
        if any(-reach <= start - a_end <= reach or -reach <= a_start - end <= reach for a_start, a_end in acts):
            if best is None or QUAL_ORDER.index(name) < QUAL_ORDER.index(best[0]):
                best = (name, start, end)
    return best


_LINE_BREAK = re.compile(r"(?<=[.;:])[ \t]*\n\s*|\n\s*(?=§|\d+(?:\.\d+)*\.?\s|[-•*·]\s|\(?[a-z]\)\s|Art)")


def _split_lines(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """A sentence span cut further where a line ends a sentence or the next line opens a clause."""
    out, start = [], s
    for m in _LINE_BREAK.finditer(text, s, e):
        if text[start : m.start()].strip():
            out.append((start, m.start()))
        start = m.end()
    if text[start:e].strip():
        out.append((start, e))
    return out


@lru_cache(maxsize=1)
def _combined() -> tuple[WordStarts, dict[str, tuple[str, ...]]]:
    """One pattern over the stems of every cue key, and matched stem -> the keys whose stems it
    starts with (a longer stem implies its shorter prefixes matched too)."""
    lex = lexicon("deadline_windows")
    by_stem: dict[str, set[str]] = {}
    for key in _Positions.KEYS:
        window, group = key.split(".")
        for w in flat(lex[window][group]):
            by_stem.setdefault(re.sub(r"[\s\-]+", "", fold_keep(w).strip()), set()).add(key)
    keys_of = {stem: tuple(sorted({k for other, ks in by_stem.items() if stem.startswith(other) for k in ks}))
               for stem in by_stem}
    words = [fold_keep(w) for key in _Positions.KEYS for w in flat(lex[key.split(".")[0]][key.split(".")[1]])]
    return WordStarts(phrase_regex(words)), keys_of


class _Positions:
    """Where each cue occurs in a text, found in one pass per cue, queried by span."""

    KEYS = ("breach.topic", "breach.action", "subprocessor.topic", "subprocessor.objection", "audit.topic", "audit.costs")

    def __init__(self, text: str) -> None:
        pattern, keys_of = _combined()
        self.starts: dict[str, list[int]] = {k: [] for k in self.KEYS}
        for m in pattern.finditer(fold_keep(text)):
            for k in keys_of.get(re.sub(r"[\s\-]+", "", m.group(0)), ()):
                self.starts[k].append(m.start())
        self.all = sorted(x for k in ("breach.topic", "subprocessor.topic", "subprocessor.objection", "audit.topic")
                          for x in self.starts[k])

    def has(self, key: str, s: int, e: int) -> bool:
        xs = self.starts[key]
        i = bisect.bisect_left(xs, s)
        return i < len(xs) and xs[i] < e

    def any(self, s: int, e: int) -> bool:
        i = bisect.bisect_left(self.all, max(0, s - 800))
        return i < len(self.all) and self.all[i] < e


# "within 14 days of notification", "dix jours à compter de cette information": a start point, not a notice
_REFERENCE_POINT = re.compile(r"\b(?:of|from|after|following|upon|on|receipt|a compter|des|apres|suivant|reception|"
                              r"dalla|dal|dalle|dopo|dal ricevimento|nach|ab|seit|zugang|desde|tras|a partir)\b")
_CLAUSE_BREAK = re.compile(r"[;:]|\.\s|,\s*(?:and|but|et|mais|e|ma|und|aber|y|pero)\s|\b(?:whereupon|then|puis|poi|dann)\b")


def subprocessor_windows(sent: str) -> dict[str, Duration]:
    """Notice and objection windows of a sentence: each duration goes to the nearest notice or
    objection cue of its own half-sentence ("informs ... one month in advance; the customer has
    ten days to object"); "20 days' notice, during which the customer may object" gives both."""
    durs = [d for d in windows_durations(sent) if d.unit in ("H", "D", "W", "M")]
    if not durs:
        return {}
    f = fold_keep(sent)
    marks = [("subprocessor_notice", m) for m in cues()["subprocessor.notice"].finditer(f)]
    marks += [("subprocessor_objection", m) for m in cues()["subprocessor.objection"].finditer(f)]
    pairs: list[tuple[int, int, str]] = []  # (distance, duration index, window)
    for i, d in enumerate(durs):
        for key, m in marks:
            if m.start() >= d.end:
                gap = f[d.end : m.start()]
                if key == "subprocessor_notice" and _REFERENCE_POINT.search(gap):
                    continue
            elif m.end() <= d.start:
                gap = f[m.end() : d.start]
            else:
                gap = ""
            pairs.append((len(gap) + (1000 if _CLAUSE_BREAK.search(gap) else 0), i, key))
    out: dict[str, Duration] = {}
    used: set[int] = set()
    for _, i, key in sorted(pairs):  # closest pairs first, each window and each duration once
        if key not in out and i not in used:
            out[key] = durs[i]
            used.add(i)
    if "subprocessor_notice" in out and "subprocessor_objection" not in out and _has("subprocessor.same_window", sent):
        out["subprocessor_objection"] = out["subprocessor_notice"]
    return out


def _in_breach_part(sent: str, d: Duration) -> bool:
    """The duration sits in a ';'-separated part that speaks of the breach or of notifying it
    (not "...; deletes the data within 15 days" after a breach clause)."""
    if ";" not in sent:
        return True
    ps, pe = sent.rfind(";", 0, d.start) + 1, sent.find(";", d.end)
    part = fold_keep(sent[ps : pe if pe != -1 else len(sent)])
    return bool(cues()["breach.topic"].search(part) or cues()["breach.action"].search(part))


def _has(key: str, text: str) -> re.Match[str] | None:
    return cues()[key].search(fold_keep(text))


def extract(ag: Agreement, ctx: dict[str, Any]) -> dict[str, Any]:
    text = ag.text
    base = ag.start
    sents = [piece for span in split_sentences(text, 0) for piece in _split_lines(text, *span)]
    found: dict[str, Any] = {k: None for k in WINDOWS}
    ev: dict[str, list[int]] = {}
    audit_sents: list[tuple[int, int]] = []

    def put(key: str, value: Any, s: int, e: int) -> None:
        if found[key] is None:
            found[key] = value
            ev[key] = [base + s, base + e]

    prev_s = prev2_s = 0  # the context reaches two sentences back
    quals: list[tuple[int, int, int, str]] = []  # (priority, start, end, class)
    at = _Positions(text)
    for s, e in sents:
        if not at.any(s, e):
            prev_s, prev2_s = prev2_s, s
            continue  # no cue of any window: skip the sentence
        sent = text[s:e]
        para = text.rfind("\n", 0, s) + 1
        cs = max(min(para, prev_s, s - 300), s - 800)
        prev_s, prev2_s = prev2_s, s
        breach_topic = at.has("breach.topic", s, e)
        # breach notification
        if at.has("breach.action", s, e) and (breach_topic or at.has("breach.topic", cs, e)):
            q = _near_qualifier(sent, "breach.action")
            if q:
                quals.append((QUAL_ORDER.index(q[0]), s + q[1], s + q[2], q[0]))
            durs = [d for d in windows_durations(sent) if d.unit in ("H", "D") and _in_breach_part(sent, d)]
            if durs and (breach_topic or q):
                d = durs[0]
                put("breach_notification", d.iso, s + d.start, s + d.end)
        # new sub-processor: notice and objection windows
        if not breach_topic and at.has("subprocessor.topic", cs, e) and (
            at.has("subprocessor.topic", s, e) or at.has("subprocessor.objection", s, e)
            or (not at.has("audit.topic", s, e) and _has("subprocessor.change", sent))
        ):
            topical = at.has("subprocessor.topic", s, e)
            for key, d in subprocessor_windows(sent).items():
                if key == "subprocessor_objection" or topical or _has("subprocessor.change", sent):
                    put(key, d.iso, s + d.start, s + d.end)
        # audits
        if at.has("audit.topic", s, e) or (at.has("audit.topic", cs, e) and at.has("audit.costs", s, e)):
            audit_sents.append((s, e))
            if _has("audit.notice", sent):
                durs = [d for d in windows_durations(sent) if d.unit in ("H", "D", "W", "M")]
                if durs:
                    # the duration nearest a notice cue ("30 days' prior notice", not "once in any 12-month period")
                    notes = [m.start() for m in cues()["audit.notice"].finditer(fold_keep(sent))]
                    d = min(durs, key=lambda x: min(abs(n - x.end) if n >= x.end else abs(x.start - n) for n in notes))
                    put("audit_notice", d.iso, s + d.start, s + d.end)
    if quals:
        _, qs, qe, qname = min(quals)
        put("breach_notification_qualifier", qname, qs, qe)
    out: dict[str, Any] = {"deadlines": found}
    sp_working = _working(text, ev.get("subprocessor_notice"), base)
    if sp_working is not None:
        found["subprocessor_notice_working_days"] = sp_working
    audit, audit_ev = audit_terms(text, audit_sents, ctx)
    out["audit"] = audit
    for k, span in audit_ev.items():
        ev[f"audit.{k}"] = [base + span[0], base + span[1]]
    evidence = ctx.get("record", {}).setdefault("evidence", {})
    for k, span in ev.items():
        evidence[k if k.startswith("audit.") else f"deadlines.{k}"] = span
    return out


def _working(text: str, span: list[int] | None, base: int) -> bool | None:
    if not span:
        return None
    ds = find_durations(text[span[0] - base : span[1] - base])
    return ds[0].working_days if ds else None


@lru_cache(maxsize=1)
def _freq() -> list[tuple[int | None, re.Pattern[str]]]:
    """(count or None = read the number, pattern) for "N times a year", "twice a year", "once a year"."""
    lex = lexicon("deadline_windows")["audit"]

    def alt(words: list[str]) -> str:
        return "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in words), key=len, reverse=True))

    nums = phrase_regex(list(number_words()), sep=r"[\s\-]+")
    unit, gap = alt(flat(lex["frequency_unit"])), r"[^.;]{0,60}?"
    return [
        (None, re.compile(rf"(?<![\w])(?P<n>\d{{1,2}}|{nums})\s+(?:{alt(flat(lex['frequency_times']))}){gap}(?:{unit})(?![\w])",
                          re.IGNORECASE)),
        (2, re.compile(rf"(?<![\w])(?:{alt(flat(lex['frequency_twice']))}){gap}(?:{unit})(?![\w])", re.IGNORECASE)),
        (1, re.compile(rf"(?<![\w])(?:{alt(flat(lex['frequency_once']))}){gap}(?:{unit})(?![\w])", re.IGNORECASE)),
    ]


def _count(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return number_words().get(re.sub(r"[\s\-]+", " ", word.strip().lower()))


def audit_terms(text: str, audit_sents: list[tuple[int, int]], ctx: dict[str, Any]) -> tuple[dict[str, Any] | None, dict]:
    """{max_per_year, on_site, costs} from the sentences about audits, with their spans."""
    if not audit_sents:
        return None, {}
    res: dict[str, Any] = {"max_per_year": None, "on_site": None, "costs": None}
    ev: dict[str, tuple[int, int]] = {}
    controller_terms, processor_terms = _role_terms(ctx)
    for s, e in audit_sents:
        sent = text[s:e]
        if res["max_per_year"] is None:
            for n, pat in _freq():
                m = pat.search(sent)
                if m:
                    count = n if n is not None else _count(m.group("n"))
                    if count:
                        res["max_per_year"], ev["max_per_year"] = count, (s + m.start(), s + m.end())
                        break
        if res["on_site"] is None and (m := _has("audit.on_site", sent)):
            res["on_site"], ev["on_site"] = True, (s + m.start(), s + m.end())
        if res["costs"] is None and (m := _has("audit.costs", sent)):
            res["costs"] = _payer(sent, controller_terms, processor_terms)
            ev["costs"] = (s, e)
    if all(v is None for v in res.values()):
        return None, {}
    return res, ev


def _role_terms(ctx: dict[str, Any]) -> tuple[WordStarts, WordStarts]:
    terms = dict(ctx.get("defined_terms") or {})
    roles = ctx.get("roles") or {}
    ctrl = [t for t, i in terms.items() if i == roles.get("controller") or i == roles.get("customer")]
    proc = [t for t, i in terms.items() if i == roles.get("processor") or i == roles.get("provider")]
    audit = lexicon("audit")
    c = stems(flat(audit["controller_terms"]) + ctrl) if ctrl else cues()["audit.controller_terms"]
    p = stems(flat(audit["processor_terms"]) + proc) if proc else cues()["audit.processor_terms"]
    return c, p


def _payer(sent: str, controller: WordStarts, processor: WordStarts) -> str:
    """Who bears audit costs: the party right after the cost words ("aux frais du Fournisseur"),
    else the subject (the first party named in the sentence); the auditing side by default."""
    sent = fold_keep(sent)
    if _has("audit.shared", sent):
        return "shared"
    if _has("audit.processor_pays", sent):
        return "processor"
    for cost in cues()["audit.costs"].finditer(sent):
        tail = sent[cost.start() : cost.start() + 40]
        after_c, after_p = controller.search(tail), processor.search(tail)
        if after_c or after_p:
            if after_p and (not after_c or after_p.start() < after_c.start()):
                return "processor"
            return "controller"
    first_c, first_p = controller.search(sent), processor.search(sent)
    if first_p and (not first_c or first_p.start() < first_c.start()):
        return "processor"
    return "controller"
