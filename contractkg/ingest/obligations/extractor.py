"""Deontic sentences -> obligations with bearer, beneficiary, action, type, deadline and condition.

A sentence states a duty when it holds a deontic cue of deontic.yaml ("shall", "s'engage à",
"è tenuto a", "verpflichtet sich", "deberá") or a party term followed by a duty verb in the future
(FR/IT/ES: "le Fournisseur informera") or present tense ("der Auftragnehmer meldet"). The bearer is
the party named last before the cue (the agent of a passive; the condition's subject when the main
clause names none; the subject after the verb in German inversions), the beneficiary the first other
party named after it. List items after "X s'engage à :" inherit the lead-in's bearer and modality.
Sentence spans are provided ("sentences") for the Art. 28 component."""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from typing import Any

from contractkg.ingest import pattern_cache
from contractkg.ingest.components import Component
from contractkg.ingest.document import Agreement
from contractkg.ingest.lexical import durations
from contractkg.ingest.lexicon import alternation
from contractkg.ingest.obligations.parties import Mention, PartyResolver, same_side
from contractkg.ingest.obligations.patterns import (
    MODALITIES,
    condition_pattern,
    future_verb,
    lower,
    may_match,
    modal_pattern,
    not_future,
    personal_data_context,
    present_verb,
    search,
    trigger_pattern,
    type_patterns,
)
from contractkg.ingest.structure.sentences import split_sentences

ART28_TYPES = frozenset({
    "instructions", "confidentiality", "security", "subprocessors", "data_subject_rights",
    "assistance_32_36", "deletion_return", "audits", "infringing_instruction_notice",
})
STRONG_TYPES = frozenset({"infringing_instruction_notice", "breach_notification"})
MAX_ACTION = 240
MAX_TEXT = 1200
MIN_PART = 25  # chars of a semicolon-separated part that may hold a duty of its own
_SEMICOLON = pattern_cache.compile(r";(?=\s+(?!(?:" + alternation("deontic", "list_conjunctions") + r")\b)\S)", re.IGNORECASE)
_LIST_ITEM = re.compile(r"^\s*(?:[-•*·–▪◦o]|\(?(?:[a-z]|[ivx]{1,4}|\d{1,2})[.)])\s")
_LEAD = pattern_cache.compile(r"[\s:,]*(?:(?:" + alternation("deontic", "lead_particles") + r")\s+)?", re.IGNORECASE)
_PASSIVE = pattern_cache.compile(r"^\s*(?:" + alternation("deontic", "passive_auxiliaries") + r")\b", re.IGNORECASE)
_AGENT = pattern_cache.compile(
    r"\b(?:" + alternation("deontic", "agent_prepositions") + r")\s+(?:(?:" + alternation("deontic", "agent_articles") + r")\s+|l['’]\s*)?$",
    re.IGNORECASE,
)
_HAT_ZU = re.compile(r"(?:hat|haben)\s+(?=.*\bzu\s)", re.IGNORECASE | re.DOTALL)
_ARTICLE_GAP = re.compile(r"\s*(?:der|die|das|den|dem)?\s*", re.IGNORECASE)
_CONDITIONAL = pattern_cache.compile(
    r"\W*(?:\d+(?:\.\d+)*\.?\s+)?(?:" + alternation("deontic", "condition_words") + r")\b",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[,;:.()]|\s-\s")

log = logging.getLogger("contractkg.extract")
# Far above real contracts (the corpora's largest agreement has 92): a generated or garbled text could
# otherwise yield tens of thousands of obligations.
MAX_OBLIGATIONS = 1_000


def extract(ag: Agreement, given: Mapping[str, Any]) -> dict[str, Any]:
    text = ag.doc.text
    sentences = split_sentences(ag.text, ag.start)
    finder = _Finder(ag, given)
    out: list[dict[str, Any]] = []
    lead: dict[str, Any] | None = None  # "X s'engage à :" whose list items follow
    for s, e in sentences:
        item = bool(_LIST_ITEM.match(text[s:e]))
        current = lead if item else None
        if not item:
            lead = None
        previous: dict[str, Any] | None = None  # the duty of the previous part of a "...; ...; ..." sentence
        for ps, pe in _parts(text, s, e):
            if previous is not None:  # "Zefiro tratta i dati ...; vincola il personale ...": same bearer
                current = {**previous, "action": "", "type": "other"}
            ob = finder.obligation(text[ps:pe], ps, pe, current)
            if ob is None:
                continue
            if ob["_lead_in"]:
                lead = ob
                continue
            out.append(ob)
            previous = ob
    for ob in out:
        ob.pop("_lead_in", None)
        ob.pop("_bearer_mention", None)
    if len(out) > MAX_OBLIGATIONS:
        log.warning("warning: %s: the agreement at line %d has %d obligations; only the first %d are kept "
                    "(limit per agreement)", ag.doc.source, ag.line, len(out), MAX_OBLIGATIONS)
        out = out[:MAX_OBLIGATIONS]
    return {"obligations": out, "sentences": sentences}


COMPONENT = Component("obligations", requires=("parties", "defined_terms", "roles"), provides=("obligations",),
                      internal=("sentences",), run=extract,
                      doc="deontic sentences: bearer, beneficiary, action, type, deadline, condition")


def _parts(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """A sentence split at semicolons that join several duties; parts shorter than MIN_PART stay joined."""
    cuts = [m.end() for m in _SEMICOLON.finditer(text, s, e)]
    spans, start = [], s
    for cut in cuts:
        if cut - start >= MIN_PART and e - cut >= MIN_PART:
            spans.append((start, cut - 1))
            start = cut + len(text[cut:e]) - len(text[cut:e].lstrip())
    spans.append((start, e))
    return spans


class _Finder:
    def __init__(self, ag: Agreement, given: Mapping[str, Any]):
        self.ag = ag
        lang = (ag.language or "").split("-")[0] or None
        self.modal = modal_pattern(lang)
        self.lang = lang
        self.future = future_verb(lang)
        self.present = present_verb(lang)
        self.condition = condition_pattern(lang)
        self.parties = PartyResolver(given)

    def obligation(self, sent: str, s: int, e: int, lead: dict[str, Any] | None) -> dict[str, Any] | None:
        low = lower(sent)
        modal = search(self.modal, low)
        if modal is None and lead is None and self.future is None and self.present is None:
            return None  # no cue can be found: skip the party mentions
        mentions = self.parties.mentions(sent, low)
        cue = self._cue(low, modal, mentions)
        if cue is None:
            if lead is None:
                return None
            return self._record(sent, low, s, e, lead["modality"], 0, 0, lead["_bearer_mention"], mentions, lead)
        modality, c_start, c_end = cue
        bearer = _bearer(sent, mentions, c_start, c_end) or self._inverted_subject(sent, mentions, c_end)
        if bearer is None and lead is not None:
            return self._record(sent, low, s, e, modality, c_start, c_end, lead["_bearer_mention"], mentions, lead)
        return self._record(sent, low, s, e, modality, c_start, c_end, bearer, mentions, None)

    def _inverted_subject(self, sent: str, mentions: list[Mention], c_end: int) -> Mention | None:
        """German puts the subject after the verb when the sentence opens with another phrase
        ("Nach Vertragsende hat der Auftragnehmer ... zu löschen")."""
        if self.lang != "de":
            return None
        return next((m for m in mentions if c_end <= m.start <= c_end + 8 and _ARTICLE_GAP.fullmatch(sent[c_end : m.start])), None)

    def _cue(self, low: str, m: re.Match[str] | None, mentions: list[Mention]) -> tuple[str, int, int] | None:
        """The deontic cue: the modal match ``m`` or a duty verb right after a party mention before it."""
        best = None
        if m:
            modality = next(k for k in MODALITIES if m.group(k))
            aux = _HAT_ZU.match(m.group(0))  # "hat ... zu löschen": the duty is inside the cue
            best = (modality, m.start(), m.start() + aux.end() if aux else m.end())
        for men in mentions:  # "le Fournisseur informera / notifie ..."
            if best is not None and men.end >= best[1]:
                break
            f = self.future.match(low, men.end) if self.future is not None else None
            if f and f.group("verb").lower() not in not_future():
                return ("obligation", f.start("verb"), f.start("verb"))
            p = self.present.match(low, men.end) if self.present is not None else None
            if p:
                return ("obligation", p.start("verb"), p.start("verb"))
        return best

    def _record(self, sent, low, s, e, modality, c_start, c_end, bearer, mentions, lead) -> dict[str, Any]:
        if c_end:
            lead_m = _LEAD.match(sent, c_end)
            assert lead_m is not None  # every part of _LEAD is optional: it always matches
            a_start = lead_m.end()
        else:
            item = _LIST_ITEM.match(sent)
            a_start = item.end() if item else 0
        action, low_action = sent[a_start:].strip(), low[a_start:].strip()
        lead_in = lead is None and (not action.strip(" :") or sent.rstrip().endswith(":"))
        beneficiary = _beneficiary(mentions, bearer, c_end)
        head = action if lead is None else f"{lead['action']} {action}".strip()
        ob_type = _type(low, a_start, lead)
        deadline, qualifier = _deadline(action)
        clause = self.ag.clause_at(s)
        return {
            "bearer": bearer.party if bearer else None,
            "beneficiary": beneficiary.party if beneficiary else None,
            "bearer_term": bearer.term if bearer else None,
            "bearer_role": bearer.role if bearer else None,
            "beneficiary_term": beneficiary.term if beneficiary else None,
            "modality": modality,
            "action": _shorten(head),
            "type": ob_type,
            "art28": _art28_of(ob_type),
            "deadline": deadline,
            "deadline_qualifier": qualifier,
            "trigger": _phrase(trigger_pattern(), action, low_action),
            "condition": _phrase(self.condition, sent, low),
            "text": " ".join(sent.split())[:MAX_TEXT],
            "clause": clause.number if clause else None,
            "evidence": [s, e],
            "_lead_in": lead_in,
            "_bearer_mention": bearer,
        }


def _bearer(sent: str, mentions: list[Mention], c_start: int, c_end: int) -> Mention | None:
    before = [m for m in mentions if m.end <= c_start]
    subject = before[-1] if before else None
    if subject is not None and _CONDITIONAL.match(sent):
        # "If the Processor considers ..., it may / ha il diritto di": the main clause starts after the
        # last comma before the cue; with no party named there, the subject is the condition's.
        comma = sent.rfind(",", 0, c_start)
        if comma > 0 and not any(m.start > comma for m in before):
            subject = before[0]
    if _PASSIVE.match(sent[c_end:]):  # "must be approved by the Controller": the agent bears it
        agent = next((m for m in mentions if m.start >= c_end and _AGENT.search(sent[c_end : m.start])), None)
        near = subject is not None and len(sent[subject.end : c_start]) <= 25 and "," not in sent[subject.end : c_start]
        return agent or (subject if near else None)
    return subject


def _beneficiary(mentions: list[Mention], bearer: Mention | None, c_end: int) -> Mention | None:
    for m in mentions:
        if m.start < c_end or m.role == "both":
            continue
        if bearer is None or not same_side(bearer, m):
            return m
    return None


def _type(low: str, a_start: int, lead: dict[str, Any] | None) -> str:
    """Type of the action (``low[a_start:]``); a breach or infringing-instruction notice anywhere in the
    sentence wins; a list item takes its lead-in's type ("shall implement the following measures:");
    else the words before the action decide."""
    types = type_patterns()
    for name, pat in types:
        if name in STRONG_TYPES and search(pat, low):
            return name
    inherited = lead["type"] if lead and lead["type"] != "other" else None
    if inherited and inherited != "confidentiality_of_agreement":
        return inherited
    found = _classify(low, a_start, len(low)) or _classify(low, 0, a_start)
    if found == "confidentiality_of_agreement" and lead and search(personal_data_context(), lower(lead["text"])):
        return "confidentiality"  # "ensure that authorised persons: - respect confidentiality"
    return found or inherited or "other"


def _classify(low: str, start: int, end: int) -> str | None:
    if start >= end:
        return None
    patterns = type_patterns()
    part = low[start:end]  # for the literal pre-checks; the regexes run on ``low`` within the bounds
    for name, pat in patterns:
        if name not in STRONG_TYPES and may_match(pat, part) and pat.search(low, start, end):
            if name == "confidentiality" and not search(personal_data_context(), low, start, end):
                return "confidentiality_of_agreement"
            if name == "subprocessor_flow_down" and not search(dict(patterns)["subprocessors"], low):
                continue  # "the same obligations" / "remains liable" count only about sub-processors
            return name
    return None


def _art28_of(ob_type: str) -> str | None:
    if ob_type in ART28_TYPES:
        return ob_type
    return {"breach_notification": "assistance_32_36", "subprocessor_flow_down": "subprocessors"}.get(ob_type)


def _deadline(action: str) -> tuple[str | None, str | None]:
    found = durations.find_durations(action)
    q = durations.qualifier(action)
    return (found[0].iso if found else None), (q[0] if q else None)


def _phrase(pattern: re.Pattern[str], text: str, low: str) -> str | None:
    """The cue phrase and the words after it, up to the next punctuation (at most 160 chars)."""
    m = search(pattern, low)
    if not m:
        return None
    stop = _CLAUSE_END.search(text, m.end())
    end = stop.start() if stop else len(text)
    return " ".join(text[m.start() : min(end, m.start() + 160)].split()) or None


def _shorten(action: str) -> str:
    action = " ".join(action.split()).rstrip(" .;:")
    if len(action) <= MAX_ACTION:
        return action
    cut = action.rfind(" ", 0, MAX_ACTION)
    return action[: cut if cut > 0 else MAX_ACTION] + "…"
