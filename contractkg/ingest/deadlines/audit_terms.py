"""Audit terms of an agreement: how many audits a year, whether on site, who bears the costs.

Read from the sentences the deadline extractor found to be about audits; cue words are in
``lexicons/deadline_windows.yaml`` (audit) and ``lexicons/audit.yaml`` (who pays).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from contractkg.ingest import pattern_cache
from contractkg.ingest.deadlines.cues import cues, fold, has, stems
from contractkg.ingest.inventory.extractor import WordStarts, phrase_regex
from contractkg.ingest.lexical.durations import flat, number_words
from contractkg.ingest.lexicon import alternation, lexicon


@lru_cache(maxsize=1)
def _freq() -> list[tuple[int | None, re.Pattern[str]]]:
    """(count or None = read the number, pattern) for "N times a year", "twice a year", "once a year"."""
    lex = lexicon("deadline_windows")["audit"]

    def alt(key: str) -> str:
        return "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in flat(lex[key])), key=len, reverse=True))

    nums = phrase_regex(list(number_words()), sep=r"[\s\-]+")
    unit, gap = alt("frequency_unit"), r"[^.;]{0,60}?"
    return [
        (None, pattern_cache.compile(rf"(?<![\w])(?P<n>\d{{1,2}}|{nums})\s+(?:{alt('frequency_times')}){gap}(?:{unit})(?![\w])",
                                     re.IGNORECASE)),
        (2, pattern_cache.compile(rf"(?<![\w])(?:{alt('frequency_twice')}){gap}(?:{unit})(?![\w])", re.IGNORECASE)),
        (1, pattern_cache.compile(rf"(?<![\w])(?:{alt('frequency_once')}){gap}(?:{unit})(?![\w])", re.IGNORECASE)),
    ]


def _count(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return number_words().get(re.sub(r"[\s\-]+", " ", word.strip().lower()))


def _frequency(sent: str) -> tuple[int, int, int] | None:
    """(count, start, end) of "once a year"... when it limits audits, not the reports handed over
    instead ("at most once a year, the third-party audit reports")."""
    folded = fold(sent)
    for n, pat in _freq():
        for m in pat.finditer(sent):
            if cues()["audit.reports"].search(folded[m.end() : m.end() + 40]):
                continue
            count = n if n is not None else _count(m.group("n"))
            if count:
                return count, m.start(), m.end()
    return None


def audit_terms(text: str, audit_sents: list[tuple[int, int]], given: Mapping[str, Any]) -> tuple[dict[str, Any] | None, dict]:
    """{max_per_year, on_site, costs} from the sentences about audits, with their spans."""
    if not audit_sents:
        return None, {}
    res: dict[str, Any] = {"max_per_year": None, "on_site": None, "costs": None}
    ev: dict[str, tuple[int, int]] = {}
    controller_terms, processor_terms = _role_terms(given)
    for s, e in audit_sents:
        sent = text[s:e]
        if res["max_per_year"] is None and (f := _frequency(sent)):
            res["max_per_year"], ev["max_per_year"] = f[0], (s + f[1], s + f[2])
        if res["on_site"] is None and (m := has("audit.on_site", sent)):
            res["on_site"], ev["on_site"] = True, (s + m.start(), s + m.end())
        if res["costs"] is None and any(has(k, sent) for k in ("audit.costs", "audit.processor_charges", "audit.processor_pays")):
            res["costs"] = _payer(sent, controller_terms, processor_terms)
            ev["costs"] = (s, e)
    if all(v is None for v in res.values()):
        return None, {}
    return res, ev


def _role_terms(given: Mapping[str, Any]) -> tuple[WordStarts, WordStarts]:
    terms = dict(given.get("defined_terms") or {})
    roles = given.get("roles") or {}
    ctrl = [t for t, i in terms.items() if i == roles.get("controller") or i == roles.get("customer")]
    proc = [t for t, i in terms.items() if i == roles.get("processor") or i == roles.get("provider")]
    audit = lexicon("audit")
    c = stems(flat(audit["controller_terms"]) + ctrl, cache=False) if ctrl else cues()["audit.controller_terms"]
    p = stems(flat(audit["processor_terms"]) + proc, cache=False) if proc else cues()["audit.processor_terms"]
    return c, p


# where the party bearing a cost stops being named: a bracket, a ';', an "unless" clause
_COST_TAIL_END = pattern_cache.compile(r"[(;]|\b(?:" + alternation("deontic", "unless_words") + r")\b")
_POSSESSIVE = re.compile(r"'s?\s+(?:own\s+)?$")


def _payer(sent: str, controller: WordStarts, processor: WordStarts) -> str:
    """Who bears audit costs: "each party its own" is shared; "free of charge" the processor; a
    processor that may charge for it means the controller pays; else the party named right after
    the cost words ("aux frais du Fournisseur", "Kosten trägt der Kunde", "asumidos por el
    Responsable") or right before them in the possessive ("at the Customer's expense"); else the
    subject (the first party named); the auditing side by default."""
    sent = fold(sent)
    if has("audit.shared", sent):
        return "shared"
    if has("audit.processor_pays", sent):
        return "processor"
    if has("audit.processor_charges", sent):
        return "controller"

    def side(text: str) -> str | None:
        c, p = controller.search(text), processor.search(text)
        if p and (not c or p.start() < c.start()):
            return "processor"
        return "controller" if c else None

    for cost in cues()["audit.costs"].finditer(sent):
        before = sent[max(0, cost.start() - 30) : cost.start()]
        if _POSSESSIVE.search(before):
            hit = [(m.end(), k) for k, w in (("controller", controller), ("processor", processor)) for m in w.finditer(before)]
            if hit:
                return max(hit)[1]
        tail = sent[cost.start() : cost.start() + 60]
        stop = _COST_TAIL_END.search(tail, cost.end() - cost.start())
        found = side(tail[: stop.start()] if stop else tail)
        if found:
            return found
    return side(sent) or "controller"
