"""Parties named only in a "between A and B" statement, with no definition after them: "an addendum
to the Terms between Acme Analytics and the customer", "conclu entre Acme et le Client", "tussen Acme en
de klant". The other side must be a role word, a placeholder or a pronoun: it tells which side the
named one is on, and "between January and March" or "between Germany and France" name no party."""

from __future__ import annotations

import re
from typing import Any

from contractkg.ingest import pattern_cache
from contractkg.ingest.document import Agreement
from contractkg.ingest.lexical.countries import country_code, find_countries
from contractkg.ingest.lexicon import alternation
from contractkg.ingest.parties.names import (
    _NAME_TOKEN,
    _STOP,
    _introducer_re,
    find_companies,
    fold,
    is_placeholder,
    parse_phrase,
)
from contractkg.ingest.parties.roles import role_of_term, side_of, side_of_role

_PAIR = pattern_cache.compile(r"(?<![\w])(?:" + alternation("roles", "between_words") + r")\s+(?P<a>[^\n.;:()]{2,90}?)\s+"
                              r"(?:" + alternation("roles", "pair_and_words") + r")\s+(?P<b>[^\n.;:()]{2,90}?)\s*(?=[.;:,()\n]|$)", re.IGNORECASE)
_ARTICLE = pattern_cache.compile(r"^(?:(?:" + alternation("roles", "pair_articles") + r")\s+|l['’])",
                                 re.IGNORECASE)
_BARE = pattern_cache.compile(rf"{_NAME_TOKEN}(?:[ \t]+{_NAME_TOKEN}){{0,3}}")
_HEAD_CHARS = 4000  # the statement opens the agreement


def between_parties(ag: Agreement) -> list[dict[str, Any]]:
    """Both sides of the first "between A and B" statement that names a party and a counterparty."""
    text = ag.doc.text
    for m in _PAIR.finditer(text, ag.start, min(ag.end, ag.start + _HEAD_CHARS)):
        sides = [_side_of(text, m.start(g), m.end(g)) for g in ("a", "b")]
        if None in sides:
            continue
        kinds = {s["kind"] for s in sides if s}
        if kinds != {"role", "bare"} and kinds != {"role", "company"}:
            # two names say nothing of who is who (an annex "between Acme Ltd and Beta plc" leaves that to
            # its main agreement); two roles name no one ("between the controller and the processor")
            continue
        parties = [s["party"] for s in sides if s]
        _assign_sides(parties)
        return parties
    return []


def _side_of(text: str, start: int, end: int) -> dict[str, Any] | None:
    phrase = text[start:end].strip()
    body = _ARTICLE.sub("", phrase)
    role = role_of_term(body)
    if role or is_placeholder(phrase):
        party = _unnamed(start, end)
        party["roles"] = [role] if role else []
        party["side"] = side_of_role(role) if role else None
        party["defined_as"] = [body] if role else []
        return {"kind": "role", "party": party}
    if side_of([body]):
        party = _unnamed(start, end)
        party.update({"roles": [], "side": side_of([body]), "defined_as": [body]})
        return {"kind": "role", "party": party}
    companies = find_companies(phrase)
    if companies and companies[0]["start"] < 3:
        found = parse_phrase(text, start + companies[0]["start"], end)
        if found:
            found.update({"roles": [], "side": None, "defined_as": []})
            return {"kind": "company", "party": found}
    m = _BARE.fullmatch(phrase)
    if not m or fold(phrase.split()[0]) in _STOP or country_code(phrase) or find_countries(phrase):
        return None
    party = _unnamed(start, end)
    party.update({"name": phrase, "roles": [], "side": None, "defined_as": [phrase]})
    return {"kind": "bare", "party": party}


def _assign_sides(parties: list[dict[str, Any]]) -> None:
    """The named side faces the role side: a company "between Acme and the customer" is the vendor."""
    known = {p["side"] for p in parties if p.get("side")}
    for p in parties:
        if p.get("side") is None and len(known) == 1:
            p["side"] = "client" if known == {"vendor"} else "vendor"


def _unnamed(start: int, end: int) -> dict[str, Any]:
    return {"name": None, "legal_form": None, "registration": None, "address": None, "country": None,
            "email": None, "contact": None, "trade_name": None, "evidence": [start, end]}


def introduced_party(ag: Agreement) -> dict[str, Any] | None:
    """"The Service is operated by Acme Inc., 1 Main St ...", "betrieben von der Acme GmbH": the company
    after such a participle at the head of an agreement that names no party otherwise is its vendor."""
    text = ag.doc.text
    for m in _introducer_re().finditer(text, ag.start, min(ag.end, ag.start + _HEAD_CHARS)):
        companies = find_companies(text[m.end() : m.end() + 160], m.end())
        if not companies or companies[0]["start"] - m.end() > 4:
            continue
        stop = _SENTENCE_END.search(text, companies[0]["end"], min(ag.end, companies[0]["end"] + 300))
        party = parse_phrase(text, companies[0]["start"], stop.start() if stop else companies[0]["end"])
        if party:
            party.update({"roles": [], "side": "vendor", "defined_as": []})
            return party
    return None


_SENTENCE_END = re.compile(r"\.(?:\s+[A-ZÀ-Ý]|\s*$)|\n|;")
