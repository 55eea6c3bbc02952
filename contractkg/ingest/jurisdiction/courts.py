"""The court an agreement chooses: its sentence scored (a competence verb, a court named by its seat,
a disputes heading), the court phrase cut out of it, its country and whether it is exclusive."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from contractkg.ingest import pattern_cache
from contractkg.ingest.document import Agreement
from contractkg.ingest.jurisdiction.cues import heading_of, hits
from contractkg.ingest.jurisdiction.cues import sentence as sentence_span
from contractkg.ingest.jurisdiction.lexicon import DATA_PROTECTION, country_in, patterns
from contractkg.ingest.lexical.countries import fold
from contractkg.ingest.lexicon import alternation


def choose_court(ag: Agreement, given: Mapping[str, Any]) -> dict[str, Any] | None:
    text = ag.doc.text
    res = patterns()
    best = None
    seen_sentences: set[int] = set()
    for m in hits(ag.doc, "court", ag.start, ag.end):
        s0, s1 = sentence_span(ag.doc, m.start(), ag.start, ag.end)
        if s0 in seen_sentences:
            continue
        seen_sentences.add(s0)
        sentence = text[s0:s1]
        word = fold(m.group(0))
        # a competence verb ("submit", "sont compétents", "zuständig"), or a court named by its seat
        # ("the courts of Dublin", "tribunale di Milano", "rechtbank Rotterdam")
        competent = bool(res["competent"].search(sentence)) or _named_by_seat(text, m.end())
        if res["court_order"].search(sentence) and not res["dispute"].search(sentence):
            continue  # "a court in the United States orders disclosure": an order, not a choice of court
        in_heading = bool(res["heading_court"].search(heading_of(ag, m.start())))
        if word.startswith(("juridiction", "jurisdiction", "giurisdizione", "jurisdiccion", "competence")) \
                and not (competent or in_heading):
            continue  # "in any jurisdiction": a territory, not a court
        score = 1 + (2 if competent else 0) + (2 if in_heading else 0)
        if DATA_PROTECTION.search(sentence) and not competent:
            score -= 2
        # a court is chosen only where a place or a party's seat says which one
        if not (country_in(text[m.start() : s1]) or _adjective_before(text, s0, m.start())
                or res["seat"].search(text[m.start() : s1]) or competent and _NAMED_SEAT.match(text, m.end(), s1)):
            continue
        if score < 3:
            continue
        if best is None or score > best[0]:
            best = (score, m.start(), s0, s1)
    if best is None:
        return None
    _, start, s0, s1 = best
    for noun in _COURT_NOUN.finditer(text, start, s1):  # the court named with its seat, if any
        if country_in(text[noun.end() : noun.end() + 40]):
            start = noun.start()
            break
    adj_start = _adjective_before(text, s0, start)
    if adj_start is not None:  # "the Scottish courts": the adjective names the court's country
        start = adj_start
    phrase = _court_phrase(text, start, s1)
    country = country_in(text[start:s1])
    code = country[0] if country else _seat_party_country(text[start:s1], given)
    sentence = text[s0:s1]
    exclusive = None
    if res["non_exclusive"].search(sentence):
        exclusive = False
    elif res["exclusive"].search(sentence):
        exclusive = True
    city = patterns()["place"].search(text, start, s1)  # the court's seat, when a known place
    return {"country": code, "court": phrase, "exclusive": exclusive, "city": city.group(1) if city else None,
            "evidence": [s0, s1]}


def exclusivity(ag: Agreement) -> bool | None:
    """Whether the agreement makes its courts exclusive, from any sentence about courts."""
    res = patterns()
    for m in hits(ag.doc, "court", ag.start, ag.end):
        s0, s1 = sentence_span(ag.doc, m.start(), ag.start, ag.end)
        sentence = ag.doc.text[s0:s1]
        if res["non_exclusive"].search(sentence):
            return False
        if res["exclusive"].search(sentence):
            return True
    return None


_COURT_NOUN = pattern_cache.compile(r"\b(?:" + alternation("jurisdiction", "court_nouns") + r")\b",
                                    re.IGNORECASE)


# "courts of Utrecht", "Gerichtsstand ist Bremen": a capitalised place name right after the court word
_NAMED_SEAT = pattern_cache.compile(r"\s+(?:" + alternation("jurisdiction", "named_seat_links") + r")\s+(?!(?:" + alternation("jurisdiction", "named_seat_non_places") + r")\b)[A-ZÀ-Ý][\w\-]{2,}")


_SEAT_PREPOSITION = pattern_cache.compile(r"\s+(?:" + alternation("jurisdiction", "seat_prepositions") + r")\s")


def _named_by_seat(text: str, pos: int) -> bool:
    """The court word at ``pos`` is followed by its seat: "of Dublin", or a place with no preposition
    ("rechtbank Rotterdam", "Landgericht Köln")."""
    if _SEAT_PREPOSITION.match(text[pos : pos + 8]) and country_in(text[pos : pos + 40]):
        return True
    return text[pos : pos + 1] == " " and bool(patterns()["place"].match(text, pos + 1))


def _adjective_before(text: str, lo: int, noun_start: int) -> int | None:
    """Start of a national adjective written just before a court noun ("Scottish courts")."""
    m = patterns()["adjective"].search(text, max(lo, noun_start - 25), noun_start)
    return m.start() if m and not text[m.end() : noun_start].strip() else None


# Where a court's name ends: its predicate ("have exclusive jurisdiction", "sont compétents", "ist").
_COURT_END = pattern_cache.compile(r"[;,.](?:\s|$)|\s(?:" + alternation("jurisdiction", "court_phrase_ends") + r")\b", re.IGNORECASE)
# Exclusivity and "place of jurisdiction" words inside a court phrase ("foro esclusivo di Milano").
_COURT_NOISE = pattern_cache.compile(r"\b(?:" + alternation("jurisdiction", "court_noise") + r")\s+", re.IGNORECASE)
_VENUE_IS = pattern_cache.compile(r"^(?:" + alternation("jurisdiction", "venue_heads") + r")\b[^.;:]{0,120}?\s(?:" + alternation("jurisdiction", "venue_is") + r")\s+",
                                  re.IGNORECASE)


def _court_phrase(text: str, start: int, end: int) -> str:
    """"tribunal compétent du ressort de la Cour d'appel de Paris" out of its sentence."""
    frag = text[start:end]
    noun = _COURT_NOUN.search(frag, 0, 60)
    if noun and noun.start() > 0 and not _adjective_before(frag, 0, noun.start()) == 0:
        frag = frag[noun.start():]  # "compétence au Tribunal de ...": start at the court itself
    frag = _VENUE_IS.sub("", frag)  # "Gerichtsstand ist Köln": the court is the place's
    stop = _COURT_END.search(frag, 6)
    frag = frag[: stop.start()] if stop else frag[:140]
    return " ".join(_COURT_NOISE.sub("", frag).split()).strip(" :,.")


def _seat_party_country(text: str, given: Mapping[str, Any]) -> str | None:
    """"the seat of the Processor": the country of the party that term names."""
    if not patterns()["seat"].search(text):
        return None
    parties = given.get("parties") or []
    terms = given.get("defined_terms") or {}
    low = fold(text)
    for term, idx in sorted(terms.items(), key=lambda kv: -len(kv[0])):
        if len(term) > 2 and re.search(rf"(?<![\w]){re.escape(fold(term))}(?![\w])", low):
            if idx < len(parties) and parties[idx].get("country"):
                return parties[idx]["country"]
    return None
