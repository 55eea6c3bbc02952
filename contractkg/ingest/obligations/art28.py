"""Where each GDPR Art. 28(3) element is stipulated in a DPA, and which are missing.

An element is stipulated by the obligations typed with it (obligations.py) and by the sentences and
headings that carry one of its cues (art28.yaml; the duty elements also use obligation_types.yaml).
A missing element is a claim an analyst acts on, so some elements need more than a cue word:
- data_subject_categories and data_types: the cue must be followed by at least one category noun
  ("employees", "clienti", "E-Mail-Adressen"), or the data inventory must have found some; "the
  categories of data subjects are set out in Annex A" is a reference, and if Annex A lists none the
  element is missing; "the controller determines the types of data" states none;
- duration: a statement of the term ("the duration of the processing is ...", "remains in force",
  "processed for the term of the Agreement", "Duration: 12 months"); a "Duration" heading over an
  effective date is not one, nor is "during the processing";
- audits: "audit logs" or "audit our code" are no audit right (not_cues), and a sentence must name
  the controller, an auditor or the right or duty to allow the audit (context).
The controller's obligations and rights also count when an obligation is borne by the controller side.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping
from typing import Any

from contractkg.ingest import pattern_cache
from contractkg.ingest.components import Component
from contractkg.ingest.document import Agreement
from contractkg.ingest.lexicon import alternation
from contractkg.ingest.obligations.parties import CONTROLLER_SIDE
from contractkg.ingest.obligations.patterns import (
    annex_words,
    art28_cased_cues,
    art28_context,
    art28_cues,
    art28_mentions,
    art28_statements,
    content_nouns,
    lower,
    personal_data_context,
    search,
    strip_not_cues,
    type_patterns,
)
from contractkg.ingest.structure.sentences import split_sentences

ELEMENTS = [
    "subject_matter", "duration", "nature_purpose", "data_types", "data_subject_categories",
    "controller_rights_obligations", "instructions", "confidentiality", "security", "subprocessors",
    "data_subject_rights", "assistance_32_36", "deletion_return", "audits", "infringing_instruction_notice",
]
KINDS = frozenset({"dpa"})
ELEMENT_OF_TYPE = {"breach_notification": "assistance_32_36"}  # flow-down sentences also name sub-processors
INVENTORY = {"data_types": "personal_data", "data_subject_categories": "data_subjects"}  # record fields listing the content
LIST_WINDOW = 600  # chars after a bare "categories of data subjects" heading searched for the list
ANNEX_REACH = 60_000  # chars after the agreement searched for the annex it refers to
MAX_LABEL_WORDS = 4  # words after a cue that still make a label, whose content follows
MAX_SPANS = 4  # evidence spans kept per element (the first ones in the text); scanning stops there
_TOP_HEADING = pattern_cache.compile(r"\s*(?:\d{1,2}\.?\s|#|(?:" + alternation("art28", "top_heading_words") + r")\b)")
_SHORT_REST = pattern_cache.compile(r"^[\W\d_]{0,12}(?:(?:" + alternation("art28", "list_verbs") + r"|:)\W*)?$", re.IGNORECASE)


def extract(ag: Agreement, given: Mapping[str, Any]) -> dict[str, Any]:
    """Where each element is stipulated (clause numbers, evidence) and which are missing; DPAs only."""
    if ag.kind not in KINDS:
        return {}
    record = given  # obligations, parties, the inventory's categories and their evidence
    text = ag.doc.text
    sentences = given.get("sentences") or split_sentences(ag.text, ag.start)
    hits: dict[str, list[list[int]]] = {k: [] for k in ELEMENTS}
    low_text = lower(text)
    context = art28_context()
    for ob in record.get("obligations") or []:
        s, e = ob["evidence"]
        if ob.get("art28") in hits and _in_context(ob["art28"], low_text, s, e, context):
            hits[ob["art28"]].append([s, e])
        if _controller_side(ob, record):
            hits["controller_rights_obligations"].append([s, e])
    _scan(text, low_text, sentences, hits)
    cues = art28_cues()
    annex_sentences: list[tuple[int, int]] | None = None
    for key, mention in art28_mentions().items():
        if hits[key] or not _refers_to_annex(low_text, sentences, mention):
            continue
        if annex_sentences is None:
            annex_sentences = split_sentences(text[ag.end : ag.end + ANNEX_REACH], ag.end)
        hits[key] = _stated_in(key, cues[key], low_text, annex_sentences)
    for key, field in INVENTORY.items():  # the inventory read the categories from a list or table
        spans = ((record.get("evidence") or {}).get(field) or {}).values() if not hits[key] and record.get(field) else []
        hits[key] = [list(x) for x in sorted(tuple(sp) for sp in spans if isinstance(sp, (list, tuple)) and len(sp) == 2)][:MAX_SPANS] or hits[key]
    for key, pat in art28_statements().items():  # last resort, as the statements are costly to search
        if not hits[key]:
            hits[key] = [[s, e] for s, e in sentences if search(pat, low_text, s, e)][:MAX_SPANS]
    art28: dict[str, str | None] = {}
    evidence: dict[str, list[list[int]]] = {}
    headings = _markdown_headings(ag)
    for key in ELEMENTS:
        spans = sorted({tuple(x) for x in hits[key]})
        if not spans:
            art28[key] = None
            continue
        evidence[key] = [list(x) for x in spans]
        art28[key] = _clause_labels(ag, spans, headings)
    return {"art28": art28, "missing": [k for k in ELEMENTS if art28[k] is None], "art28_evidence": evidence}


COMPONENT = Component("art28", requires=("obligations", "sentences", "parties", "personal_data", "data_subjects",
                                         "evidence"),
                      provides=("art28", "missing", "art28_evidence"), run=extract,
                      doc="GDPR Art. 28(3) elements: where each is stipulated, which are missing")


def _scan(text: str, low_text: str, sentences: list[tuple[int, int]], hits: dict[str, list[list[int]]]) -> None:
    """Adds to ``hits`` the sentences that carry an element's cue (art28.yaml) or duty cue (obligation_types.yaml)."""
    cues, cased, nouns, context = art28_cues(), art28_cased_cues(), content_nouns(), art28_context()
    # a breach notice to the controller is part of the assistance with Art. 33-34 (Art. 28(3)(f))
    duty_types = [(ELEMENT_OF_TYPE.get(name, name), pat) for name, pat in type_patterns() if ELEMENT_OF_TYPE.get(name, name) in hits]
    for i, (s, e) in enumerate(sentences):
        low = low_text[s:e]
        for key, pat in cues.items():
            if len(hits[key]) >= MAX_SPANS:
                continue
            if key in nouns:
                if _lists(low, pat, nouns[key], low_text, sentences, i):
                    hits[key].append([s, e])
            elif search(pat, low) or (key in cased and cased[key].search(text, s, e)):
                hits[key].append([s, e])
        for name, pat in duty_types:
            if len(hits[name]) >= MAX_SPANS or not search(pat, low):
                continue
            if name == "confidentiality" and not search(personal_data_context(), low):
                continue
            if search(pat, strip_not_cues(name, low)) and _in_context(name, low_text, s, e, context):
                hits[name].append([s, e])


def _controller_side(ob: dict[str, Any], record: Mapping[str, Any]) -> bool:
    if ob.get("bearer_role") in CONTROLLER_SIDE:
        return True
    idx = ob.get("bearer")
    parties = record.get("parties") or []
    if isinstance(idx, int) and 0 <= idx < len(parties):
        return bool(CONTROLLER_SIDE & set(parties[idx].get("roles") or []))
    return False


def _in_context(key: str, low_text: str, s: int, e: int, context: dict[str, re.Pattern[str]]) -> bool:
    return key not in context or search(context[key], low_text, s, e) is not None


def _lists(sent: str, cue: re.Pattern[str], nouns: re.Pattern[str], text: str, sentences: list[tuple[int, int]], i: int) -> bool:
    """A cue followed, in the same sentence or the list it introduces, by one of ``nouns``."""
    if search(cue, sent) is None:
        return False
    for m in cue.finditer(sent):
        rest = sent[m.end() :]
        if search(nouns, rest):
            return True
        rest = rest.strip()
        # a heading, a label ("(e) Types of data.") or "... sont :" introducing a list or a description
        label = len(rest.split()) <= MAX_LABEL_WORDS and not search(annex_words(), rest)  # "see Annex 2" refers on
        if _SHORT_REST.match(rest) or rest.endswith(":") or label:
            end = sentences[i][1]
            for j in range(i + 1, min(i + 6, len(sentences))):
                if _TOP_HEADING.match(text, sentences[j][0]):
                    break  # the next clause or annex: the list has ended
                end = sentences[j][1]
            if nouns.search(text, sentences[i][1], min(end, sentences[i][1] + LIST_WINDOW)):
                return True
    return False


def _refers_to_annex(low_text: str, sentences: list[tuple[int, int]], mention: re.Pattern[str]) -> bool:
    return any(search(mention, low_text, s, e) and search(annex_words(), low_text, s, e) for s, e in sentences)


def _stated_in(key: str, cue: re.Pattern[str], low_text: str, sentences: list[tuple[int, int]]) -> list[list[int]]:
    """The first span among ``sentences`` (the annexes after the agreement) that states element ``key``."""
    nouns = content_nouns().get(key)
    for i, (s, e) in enumerate(sentences):
        low = low_text[s:e]
        if nouns is not None:
            if _lists(low, cue, nouns, low_text, sentences, i):
                return [[s, e]]
        elif search(cue, low):
            return [[s, e]]
    return []


def _clause_labels(ag: Agreement, spans: list[tuple[int, ...]], headings: list[tuple[int, str]]) -> str:
    """Distinct clause labels of the spans, in text order ("2.1; 7"). The clause tree has no node for an
    unnumbered Markdown heading, so a span under one is labelled by that heading ("Pflichten des
    Auftragnehmers 3" when several lists restart at 1), and by its line when nothing else names it."""
    labels: list[str] = []
    for s, e in spans:
        # a sentence that runs over a heading line (no blank line after it) belongs under that heading
        inner = [m.end() for m in _MD_HEADING.finditer(ag.doc.text, s, e)]
        s = inner[-1] + 1 if inner and inner[-1] + 1 < e else s
        clause = ag.clause_at(s)
        number = clause.number if clause and clause.number else None
        i = bisect_right(headings, (s, chr(0x10FFFF))) - 1
        heading = headings[i][1] if i >= 0 else None  # the nearest heading above, if it has no number
        if heading:
            label = f"{heading} {number}" if number else heading
        elif number:
            label = number
        else:
            label = f"line {ag.doc.line_of(s)}"
        if label not in labels:
            labels.append(label)
    return "; ".join(labels[:6])


_NUMBERED_TITLE = pattern_cache.compile(r"(?:[\d§]|(?:" + alternation("art28", "numbered_title_words") + r")\.?\s*[\dIVX])", re.IGNORECASE)
_MD_HEADING = re.compile(r"^#{1,6}[^\S\n]+([^\n]{1,120})$", re.MULTILINE)


def _markdown_headings(ag: Agreement) -> list[tuple[int, str]]:
    """(offset, title) of the Markdown headings of the agreement in text order; "" for a numbered one."""
    out = []
    for m in _MD_HEADING.finditer(ag.doc.text, ag.start, ag.end):
        title = m.group(1).strip(" #*")
        numbered = not title or bool(_NUMBERED_TITLE.match(title))
        out.append((m.start(), "" if numbered else title))
    return out
