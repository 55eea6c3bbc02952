"""Governing law, courts, supervisory authority, amicable settlement and prevailing language.

Each is read from the sentence that states it, scored by how clearly it does (a governing verb, a
"Governing law" heading, a "Law: ..." table line); per-region tables give one law/court per region.
Courts are chosen in jurisdiction_courts.py; shared patterns live in jurisdiction_lexicon.py."""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from typing import Any

from contractkg.ingest import pattern_cache
from contractkg.ingest.components import Component
from contractkg.ingest.document import Agreement, Document
from contractkg.ingest.jurisdiction.courts import choose_court, exclusivity
from contractkg.ingest.jurisdiction.cues import heading_of, hits
from contractkg.ingest.jurisdiction.cues import sentence as sentence_span
from contractkg.ingest.jurisdiction.lexicon import (
    DATA_PROTECTION,
    adjective_code,
    authority_codes,
    country_in,
    language_codes,
    patterns,
    place_codes,
)
from contractkg.ingest.jurisdiction.regions import region_table
from contractkg.ingest.lexical.countries import country_code, fold
from contractkg.ingest.lexical.durations import find_durations
from contractkg.ingest.lexicon import alternation
from contractkg.ingest.structure.agreement_kinds import names_agreement

# After a national adjective, the name of a statute rather than a legal system.
_STATUTE = pattern_cache.compile(r"\s+(?:" + alternation("jurisdiction", "statute_cues") + r"|\()", re.IGNORECASE)
# "governed by the law of the Agreement": the main agreement's law applies.
_BY_REFERENCE = pattern_cache.compile(r"(?:" + alternation("jurisdiction", "by_reference_law") + r")[^.;\n]{0,60}(?:"
                                      + alternation("jurisdiction", "by_reference_agreement") + r")",
                                      re.IGNORECASE)


def extract(ag: Agreement, given: Mapping[str, Any]) -> dict[str, Any]:
    evidence: dict[str, Any] = {}
    out: dict[str, Any] = {"governing_law": None, "jurisdiction": {"country": None, "court": None, "exclusive": None},
                           "prevailing_language": None, "supervisory_authority": None,
                           "amicable_settlement_period": None, "amicable_settlement_steps": [], "jurisdiction_by_region": []}
    table = region_table(ag, country_in)
    law = _governing_law(ag)
    if table:
        out["jurisdiction_by_region"] = [dict(row) for row in table]
        default = next((r for r in table if r["default"]), table[0])
        if default["law"]:
            law = (default["law"], *default["evidence"])
    if law:
        out["governing_law"] = law[0]
        evidence["governing_law"] = [law[1], law[2]]
    court = choose_court(ag, given)
    if table and default["court"]:
        court = {"country": default["court_country"], "court": default["court"], "exclusive": exclusivity(ag),
                 "evidence": default["evidence"]}
    if court:
        if court["country"] is None and court.get("court") and out["governing_law"]:
            court["country"] = out["governing_law"]  # "the court of the defendant's seat" under that law
        evidence["jurisdiction"] = court.pop("evidence")
        out["jurisdiction"] = court
    lang = _prevailing_language(ag.doc, ag.start, ag.end) or _document_language(ag.doc)
    if lang:
        out["prevailing_language"] = lang[0]
        evidence["prevailing_language"] = [lang[1], lang[2]]
    auth = _authority(ag)
    if auth:
        out["supervisory_authority"] = {"name": auth[0], "country": authority_codes().get(fold(auth[0]))}
        evidence["supervisory_authority"] = [auth[1], auth[2]]
    steps = _amicable_steps(ag)
    if steps:
        out["amicable_settlement_period"] = steps[0]["period"]
        out["amicable_settlement_steps"] = steps
        evidence["amicable_settlement_period"] = steps[0]["evidence"]
    _inherit(ag, out, evidence, bool(given["parties_inherited"]))
    return {**out, "evidence": evidence}


COMPONENT = Component("jurisdiction", requires=("parties", "defined_terms", "parties_inherited"),
                      provides=("governing_law", "jurisdiction", "prevailing_language", "supervisory_authority",
                                "amicable_settlement_period", "amicable_settlement_steps", "jurisdiction_by_region"),
                      run=extract, doc="governing law, courts, supervisory authority, prevailing language")


_INHERITING_KINDS = {"dpa", "scc", "sla"}


def _inherit(ag: Agreement, out: dict[str, Any], evidence: dict[str, Any], parties_inherited: bool) -> None:
    """An annex that states no law (part_of a main agreement) takes the main agreement's."""
    results: dict[int, dict[str, Any]] = ag.doc.memo("jurisdiction_by_agreement", dict)
    parent = results.get(ag.part_of) if ag.part_of is not None else None
    # a DPA or SLA annexed to terms in the same file, between the same parties or naming the main
    # agreement it belongs to, is governed by them; a DPA standing alone in its file inherits nothing
    inheriting = ag.kind in _INHERITING_KINDS and (parties_inherited or _names_main(ag))
    if parent and (_untitled(ag) or _BY_REFERENCE.search(ag.text) or inheriting):
        for key in ("governing_law", "prevailing_language", "jurisdiction"):
            value = out[key]["country"] if key == "jurisdiction" else out[key]
            if value is None and parent["out"][key] not in (None, {}):
                out[key] = copy.deepcopy(parent["out"][key])
                if key in parent["evidence"]:
                    evidence[key] = parent["evidence"][key]
    results[ag.index] = {"out": out, "evidence": evidence}


def _names_main(ag: Agreement) -> bool:
    """The agreement names the one it belongs to ("forms part of the Terms", "Hauptvertrag")."""
    head = min(ag.end, ag.start + 5000)
    return bool(hits(ag.doc, "part_of", ag.start, head) or hits(ag.doc, "main_term", ag.start, head))


def _untitled(ag: Agreement) -> bool:
    """An annex that opens on a numbered clause is the tail of its main agreement, not a titled exhibit."""
    return bool(re.match(r"\s*(?:\d+(?:\.\d+)*[.)]?|[IVX]+[.)])\s+\w", ag.text[:200]))


def _party_bound(before_verb: str, sentence: str) -> bool:
    """The law binds a party, its data or servers, not the agreement: "the Processor may be subject to
    the laws of the United States", "Der Unterauftragnehmer unterliegt dem Recht der USA"."""
    return bool(patterns()["actor"].search(before_verb)) and not names_agreement(sentence)


def _governing_law(ag: Agreement) -> tuple[str, int, int] | None:
    text = ag.doc.text
    res = patterns()
    best: tuple[int, int, str, int, int] | None = None  # (-score, start, code, s, e)
    for m in hits(ag.doc, "law", ag.start, ag.end):
        s0, s1 = sentence_span(ag.doc, m.start(), ag.start, ag.end)
        sentence = text[s0:s1]
        score = 0
        verb = res["verb"].search(sentence)
        if verb and not _party_bound(sentence[: verb.start()], sentence):
            score += 2
        if res["heading_law"].search(heading_of(ag, m.start())):
            score += 2
        if re.match(r"\s*:", text[m.end() : m.end() + 15]) or res["heading_law"].search(text[max(s0, m.start() - 12) : m.end() + 15]):
            score += 2
        if score < 2 or (best is not None and -score > best[0]):
            continue  # cannot beat the best candidate: skip the country look-up
        after = text[m.end() : min(s1, m.end() + 90)]
        before = text[max(s0, m.start() - 30) : m.start()]
        found = country_in(after)
        if found and (DATA_PROTECTION.search(after[: found[1]]) or _STATUTE.match(after[found[2]:])):
            found = None  # "the law on data protection of X", "la loi américaine sur ...": a statute
        if not found:
            adj = list(res["adjective"].finditer(before))
            place = list(res["place"].finditer(before))  # "New York law", "droit de Genève"
            if adj:
                code = adjective_code(adj[-1].group(1))
            elif place and not before[place[-1].end():].strip(" \t'’s"):
                code = place_codes()[fold(place[-1].group(1))]
            else:
                continue
        else:
            code = found[0]
        if found and DATA_PROTECTION.search(after[found[2] : found[2] + 40]):
            score -= 2
        if score < 2:
            continue
        cand = (-score, m.start(), code, s0, s1)
        if best is None or cand < best:
            best = cand
    return (best[2], best[3], best[4]) if best else None




def _prevailing_language(doc: Document, lo: int, hi: int) -> tuple[str, int, int] | None:
    text = doc.text
    res = patterns()
    for m in hits(doc, "version", lo, hi):
        s0, s1 = sentence_span(doc, m.start(), lo, hi)
        sentence = text[s0:s1]
        prevails = [p.span() for p in res["prevail"].finditer(sentence)]
        if not prevails:
            continue
        # the language named nearest the verb that makes it prevail: "between the German and the English
        # version, the English version shall prevail", "prevale la versione italiana"
        langs = [(min(max(p0 - x.end(), x.start() - p1) for p0, p1 in prevails), x.group(1))
                 for x in res["language"].finditer(sentence)]
        if langs:
            return language_codes()[fold(min(langs)[1])], s0, s1
    return None




def _document_language(doc: Document) -> tuple[str, int, int] | None:
    """A statement anywhere in the file ("the English version is the official one") covers all of it."""
    return doc.memo("prevailing_language", lambda: _prevailing_language(doc, 0, len(doc.text)))


def _authority(ag: Agreement) -> tuple[str, int, int] | None:
    found = hits(ag.doc, "authority", ag.start, ag.end)
    if not found:
        return None
    return found[0].group(0), found[0].start(), found[0].end()


_STEP = {"amiabl": "amicable", "amicab": "amicable", "amichevol": "amicable", "bonari": "amicable",
         "gütlich": "amicable", "einvernehm": "amicable", "amistos": "amicable", "negoti": "negotiation",
         "négoci": "negotiation", "negozia": "negotiation", "médiat": "mediation", "mediat": "mediation"}


def _amicable_steps(ag: Agreement) -> list[dict[str, Any]]:
    """Settlement steps before court, each with its period: [{step, period, evidence}]."""
    text = ag.doc.text
    steps: list[dict[str, Any]] = []
    for m in hits(ag.doc, "amicable", ag.start, ag.end):
        s0, s1 = sentence_span(ag.doc, m.start(), ag.start, ag.end)
        durations = find_durations(text[s0:s1])
        if not durations:
            continue
        word = m.group(0).lower()
        step = next((label for stem, label in _STEP.items() if word.startswith(stem)), "amicable")
        d = durations[0]
        if not any(x["step"] == step and x["period"] == d.iso for x in steps):
            steps.append({"step": step, "period": d.iso, "evidence": [s0 + d.start, s0 + d.end]})
    return steps


__all__ = ["extract", "country_in", "country_code"]
