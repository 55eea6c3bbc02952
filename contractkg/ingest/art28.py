"""Where each GDPR Art. 28(3) element is stipulated in a DPA, and which are missing.

An element is stipulated by the obligations typed with it (obligations.py) and by the sentences and
headings that carry one of its cues (art28.yaml; the duty elements also use obligation_types.yaml).
Two elements need more than a cue, as the law asks for content, not a mention:
- data_subject_categories: the cue must be followed by at least one category noun ("employees",
  "clienti", "Mitarbeiter"); "the categories of data subjects are set out in Annex A" is a reference,
  and if Annex A lists none the element is missing;
- duration: a statement of the term ("the duration of the processing is ...", "remains in force",
  "processed for the term of the Agreement") or a term heading; "during the processing" is not one.
The controller's obligations and rights also count when an obligation is borne by the controller side.
"""

from __future__ import annotations

import re
from typing import Any

from contractkg.ingest.document import Agreement
from contractkg.ingest.obligation_parties import CONTROLLER_SIDE
from contractkg.ingest.obligation_patterns import (
    annex_words,
    art28_cased_cues,
    art28_cues,
    art28_mentions,
    data_subject_nouns,
    lower,
    personal_data_context,
    search,
    type_patterns,
)
from contractkg.ingest.sentences import split_sentences

ELEMENTS = [
    "subject_matter", "duration", "nature_purpose", "data_types", "data_subject_categories",
    "controller_rights_obligations", "instructions", "confidentiality", "security", "subprocessors",
    "data_subject_rights", "assistance_32_36", "deletion_return", "audits", "infringing_instruction_notice",
]
KINDS = frozenset({"dpa"})
ELEMENT_OF_TYPE = {"breach_notification": "assistance_32_36"}  # flow-down sentences also name sub-processors
LIST_WINDOW = 600  # chars after a bare "categories of data subjects" heading searched for the list
ANNEX_REACH = 60_000  # chars after the agreement searched for the annex it refers to
MAX_SPANS = 4  # evidence spans kept per element (the first ones in the text); scanning stops there
_TOP_HEADING = re.compile(r"\s*(?:\d{1,2}\.?\s|(?:annex|annexe|allegato|anlage|anexo|schedule|appendix|article|artikel|articolo|artículo)\b)")
_SHORT_REST = re.compile(r"^[\W\d_]{0,12}(?:(?:sont|are|include|sono|sind|son|:)\W*)?$", re.IGNORECASE)


def extract(ag: Agreement, ctx: dict[str, Any], record: dict[str, Any]) -> dict[str, Any]:
    if ag.kind not in KINDS:
        return {}
    text = ag.doc.text
    sentences = ctx.get("sentences") or split_sentences(ag.text, ag.start)
    hits: dict[str, list[list[int]]] = {k: [] for k in ELEMENTS}
    for ob in record.get("obligations") or []:
        if ob.get("art28") in hits:
            hits[ob["art28"]].append(list(ob["evidence"]))
        if _controller_side(ob, record):
            hits["controller_rights_obligations"].append(list(ob["evidence"]))
    cues, cased = art28_cues(), art28_cased_cues()
    # a breach notice to the controller is part of the assistance with Art. 33-34 (Art. 28(3)(f))
    duty_types = [(ELEMENT_OF_TYPE.get(name, name), pat) for name, pat in type_patterns() if ELEMENT_OF_TYPE.get(name, name) in hits]
    low_text = lower(text)
    for i, (s, e) in enumerate(sentences):
        low = low_text[s:e]
        for key, pat in cues.items():
            if len(hits[key]) >= MAX_SPANS:
                continue
            if key == "data_subject_categories":
                if _lists_data_subjects(low, pat, low_text, sentences, i):
                    hits[key].append([s, e])
            elif search(pat, low) or (key in cased and cased[key].search(text, s, e)):
                hits[key].append([s, e])
        for name, pat in duty_types:
            if len(hits[name]) < MAX_SPANS and search(pat, low) and (name != "confidentiality" or search(personal_data_context(), low)):
                hits[name].append([s, e])
    annex_sentences: list[tuple[int, int]] | None = None
    for key, mention in art28_mentions().items():
        if hits[key] or not _refers_to_annex(low_text, sentences, mention):
            continue
        if annex_sentences is None:
            annex_sentences = split_sentences(text[ag.end : ag.end + ANNEX_REACH], ag.end)
        hits[key] = _stated_in(key, cues[key], low_text, annex_sentences)
    art28: dict[str, str | None] = {}
    evidence: dict[str, list[list[int]]] = {}
    for key in ELEMENTS:
        spans = sorted({tuple(x) for x in hits[key]})
        if not spans:
            art28[key] = None
            continue
        evidence[key] = [list(x) for x in spans]
        art28[key] = _clause_labels(ag, spans)
    return {"art28": art28, "missing": [k for k in ELEMENTS if art28[k] is None], "art28_evidence": evidence}


def _controller_side(ob: dict[str, Any], record: dict[str, Any]) -> bool:
    if ob.get("bearer_role") in CONTROLLER_SIDE:
        return True
    idx = ob.get("bearer")
    parties = record.get("parties") or []
    if isinstance(idx, int) and 0 <= idx < len(parties):
        return bool(CONTROLLER_SIDE & set(parties[idx].get("roles") or []))
    return False


def _lists_data_subjects(sent: str, cue: re.Pattern[str], text: str, sentences: list[tuple[int, int]], i: int) -> bool:
    """A data-subject cue followed, in the same sentence or the list it introduces, by a category noun."""
    if search(cue, sent) is None:
        return False
    nouns = data_subject_nouns()
    for m in cue.finditer(sent):
        rest = sent[m.end() :]
        if search(nouns, rest):
            return True
        rest = rest.strip()
        if _SHORT_REST.match(rest) or rest.endswith(":"):  # a heading or "... sont :" introducing a list
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
    for i, (s, e) in enumerate(sentences):
        low = low_text[s:e]
        if key == "data_subject_categories":
            if _lists_data_subjects(low, cue, low_text, sentences, i):
                return [[s, e]]
        elif search(cue, low):
            return [[s, e]]
    return []


def _clause_labels(ag: Agreement, spans: list[tuple[int, ...]]) -> str:
    """Distinct clause numbers of the spans, in text order ("2.1; 7"), or line numbers without clauses."""
    labels: list[str] = []
    for s, _ in spans:
        clause = ag.clause_at(s)
        label = clause.number if clause and clause.number else f"line {ag.doc.line_of(s)}"
        if label not in labels:
            labels.append(label)
    return "; ".join(labels[:6])
