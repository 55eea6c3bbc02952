"""Parties of an agreement: who contracts, under which defined terms, in which roles.

Sources, in order: definitions in the text ("Acme GmbH (hereinafter "Processor")"), SCC annex
party lines ("Name: ..."), legal entities behind a party's short name, and role words used as
unnamed parties ("le Client"). Sets ctx["defined_terms"] and ctx["roles"] for later extractors."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from contractkg.ingest import pattern_cache
from contractkg.ingest.components import Component
from contractkg.ingest.document import Agreement
from contractkg.ingest.lexical.entities import canonical_key, same_entity, split_name
from contractkg.ingest.lexicon import alternation
from contractkg.ingest.parties.between import between_parties, introduced_party
from contractkg.ingest.parties.blocks import labelled_parties
from contractkg.ingest.parties.document import (
    expand_short_names,
    resolve_with_document,
    vendor_from_document,
    vendor_from_front_matter,
)
from contractkg.ingest.parties.names import (
    _EMAIL,
    find_companies,
    introduced,
    is_placeholder,
    is_registration,
    parse_phrase,
)
from contractkg.ingest.parties.roles import (
    add_declared_roles,
    add_default_roles,
    add_definition_roles,
    assign_sides,
    inherit_parties,
    role_of_term,
    scc_parties,
    side_of,
    side_of_role,
    unnamed_parties,
)
from contractkg.ingest.parties.tables import table_parties
from contractkg.ingest.structure.defined_terms import find_definitions, norm_term

# Words that introduce the contracting parties ("between", "conclu entre").
_BETWEEN = pattern_cache.compile(r"\b(?:" + alternation("roles", "party_introducers") + r")\b|"
                                 r"\b(?:" + alternation("roles", "parties_words") + r")\b[^.;]{0,120}\b(?:"
                                 + alternation("roles", "parties_are_words") + r")\b|"
                                 r"\b(?:" + alternation("roles", "parties_heading_words") + r")\s*:",  # "Parties: (1) ..."
                                 re.IGNORECASE)
_CONNECT = pattern_cache.compile(r"(?:^|\s)(?:" + alternation("roles", "party_connectors") + r")\b(?![.’'])[\s:]*|\n|"
                                 r"(?:^|\s)\((?:\d{1,2}|[a-h]|[ivx]{1,4})\)\s*")  # "(1) the customer ..., and (2) Acme Inc."
_BOUNDARY = re.compile(r"(?P<word>[\w°]*)\.(?=\s+[A-ZÀ-Ý«“\"(])|[;!?](?=\s)|\n")
# Words ending in a dot that do not end a sentence ("Hauptstr. 1", "Acme Inc. (the ...)").
_ABBREV = {"str", "inc", "ltd", "co", "corp", "art", "arts", "no", "nr", "n°", "nº", "st", "av", "ave", "bd", "dr", "mr",
           "mrs", "ms", "mme", "m", "s", "p", "pp", "sa", "s.a", "spa", "srl", "l", "r", "b.v", "bv", "n.v", "e.g", "i.e",
           "etc", "cf", "abs", "lett", "ch", "par", "al", "vs", "ste", "pty", "llc", "gmbh", "ag", "sas", "c", "v"}


def extract(ag: Agreement, given: Mapping[str, Any]) -> dict[str, Any]:
    """The parties and clause numbers; for later components, the defined terms (term -> party index),
    the roles (role -> party index) and whether the parties were inherited from a main agreement."""
    parties: list[dict[str, Any]] = []
    for p in _defined_parties(ag):
        _merge_into(parties, p)
    for p in scc_parties(ag):
        _merge_into(parties, p)
    for p in labelled_parties(ag) + table_parties(ag):
        _merge_labelled(parties, p)
    if not any(p.get("name") for p in parties):
        for p in between_parties(ag):  # "between Acme Analytics and the customer", no definition
            _merge_labelled(parties, p)
    expand_short_names(ag, parties)
    resolve_with_document(ag, parties)
    if not any(p.get("name") for p in parties):
        vendor = introduced_party(ag) or vendor_from_front_matter(ag) or vendor_from_document(ag)
        if vendor:
            _merge_labelled(parties, vendor)
    assign_sides(parties)
    for p in unnamed_parties(ag, parties):
        parties.append(p)
    # an annex naming no company takes its main agreement's parties, then its own role statements
    inherited = inherit_parties(ag, parties)
    add_declared_roles(ag, parties)
    add_definition_roles(ag, parties)
    add_default_roles(ag, parties)
    for p in parties:
        p["canonical_key"] = _key(p)
        p["defined_as"] = _unique(p.get("defined_as", []))
        p["roles"] = _unique(p.get("roles", []))
    roles = {r: i for i, p in reversed(list(enumerate(parties))) for r in p["roles"]}
    numbers = [c.number for c in ag.clauses if c.number]
    return {"parties": parties, "clause_numbers": numbers, "defined_terms": _term_index(parties), "roles": roles,
            "parties_inherited": inherited}


COMPONENT = Component("parties", requires=(), provides=("parties", "clause_numbers"), run=extract,
                      internal=("defined_terms", "roles", "parties_inherited"),
                      doc="parties, their defined terms and roles")


def _defined_parties(ag: Agreement) -> list[dict[str, Any]]:
    """A party for each definition whose defined phrase is a company, a placeholder or a role."""
    text = ag.doc.text
    out = []
    prev_end = ag.start
    for d in find_definitions(ag.text, ag.start):
        prev_start = prev_end
        window_start = _window_start(text, max(prev_end, d.start - 400), d.start)
        prev_end = d.end
        roles = [r for r in (role_of_term(t) for t in d.terms) if r]
        pronoun_side = side_of(d.terms)
        phrase_start = _phrase_start(text, window_start, d.start)
        if phrase_start is None and window_start > ag.start:
            # letterhead layout: the name sits a few lines above its address and definition
            lo = max(prev_start, d.start - 400)
            above = find_companies(text[lo:window_start], lo)
            phrase_start = above[-1]["start"] if above else None
        if phrase_start is None:
            # cover-sheet layout: "Short name ("we")   Acme Pty Ltd ACN ..." on one line
            line_end = text.find("\n", d.end)
            line_end = len(text) if line_end == -1 else line_end
            companies = find_companies(text[d.end:line_end], d.end)
            if companies and find_definitions(text[companies[0]["end"]:line_end]):
                companies = []  # "("Customer"), and (2) Acme Inc. ("Acme")": that company has its own term
            if companies and (roles or pronoun_side):
                party = parse_phrase(text, companies[0]["start"], line_end)
            elif roles:  # "any legal person subscribing to the Services (the "Client")"
                party = _placeholder(window_start, d.start)
            else:
                continue
        else:
            party = parse_phrase(text, phrase_start, d.start)
            if party is None and (roles or _is_role_phrase(text[phrase_start : d.start])):
                # "any legal person subscribing to the Services (the "Client")": an unnamed party
                party = _placeholder(phrase_start, d.start)
            if party and party["name"] and not party["legal_form"]:
                # "Short name ("we")   Acme Pty Ltd ACN ...": the legal name follows on the line
                line_end = text.find("\n", d.end)
                line_end = len(text) if line_end == -1 else line_end
                companies = find_companies(text[d.end:line_end], d.end)
                if companies and companies[0]["start"] - d.end < 40:
                    short = party["name"]
                    party = parse_phrase(text, companies[0]["start"], line_end)
                    if party:
                        party["trade_name"] = party.get("trade_name") or short
        if party and party["name"] and not party["legal_form"] and (role_of_term(party["name"]) or side_of([party["name"]])):
            # "Verantwortlicher (Auftraggeber)", 'U ("Klant")': a role word or a pronoun is an unnamed party
            named_role = role_of_term(party["name"])
            roles = roles + ([named_role] if named_role and named_role not in roles else [])
            pronoun_side = pronoun_side or side_of([party["name"]])
            d = replace(d, terms=(party["name"], *d.terms))
            party = _placeholder(party["evidence"][0], d.start)
        if party is None:
            continue
        between = _after_between(text, max(ag.start, d.start - 400), d.start) or introduced(text, window_start, d.start)
        if party["name"] is None and not (roles or pronoun_side):
            continue
        party_roles = [r for r in roles if r != "subprocessor"]  # a sub-processor is a third party
        if party["name"] is not None and not (party_roles or pronoun_side or between):
            continue
        if party["name"] is not None and not party.get("legal_form") and not between:
            continue
        if not party.get("email"):
            line_end = text.find("\n", d.end)
            email = _EMAIL.search(text, d.end, line_end if line_end != -1 else len(text))
            party["email"] = email.group(0) if email else None
        party["defined_as"] = list(d.terms)  # pronouns ("nous", "you") too: they resolve subjects
        party["roles"] = roles
        party["side"] = _side(roles) or pronoun_side
        party["evidence"] = [min(party["evidence"][0], d.start), max(party["evidence"][1], d.end)]
        out.append(party)
    return out


_CLAUSE_BREAK = re.compile(r"(?<![\s.]\w)(?<!Inc)(?<!Ltd)(?<!Co)(?<!No)(?<!Nr)(?<!St)[.!?]\s+[A-ZÀ-Ý]|\n\s*\d+(?:\.\d+)*\.?\s")


def _after_between(text: str, lo: int, hi: int) -> bool:
    """Whether [lo, hi) continues a "between A and B" statement (no sentence or clause break since)."""
    last = None
    for m in _BETWEEN.finditer(text, lo, hi):
        last = m
    return last is not None and not _CLAUSE_BREAK.search(text, last.end(), hi)


def _window_start(text: str, lo: int, hi: int) -> int:
    """Start of the clause holding the definition: after the last sentence end or line break."""
    last = lo
    for m in _BOUNDARY.finditer(text, lo, hi):
        word = (m.group("word") or "").lower()
        if word and (word in _ABBREV or len(word) == 1 or word.isdigit() and len(word) < 4):
            continue
        if m.end() < hi - 1:
            last = m.end()
    return last


def _phrase_start(text: str, lo: int, hi: int) -> int | None:
    """Where the defined party's phrase starts: after the last "between"/"and" that leaves a party."""
    starts = [lo] + [m.end() for m in _CONNECT.finditer(text, lo, hi)]
    for s in reversed(starts):
        chunk = text[s:hi]
        if not chunk.strip(" \t\n:;,"):
            continue
        if is_registration(chunk):
            continue  # "..., y NIF B1234567": a registration inside the party's phrase, not a party
        if find_companies(chunk[:200]) or is_placeholder(chunk) or _starts_with_name(chunk) or _is_role_phrase(chunk):
            return s
    return None


def _starts_with_name(chunk: str) -> bool:
    body = chunk.strip(" \t\n:;,")
    return bool(re.match(r"[A-ZÀ-Ý][\w.&'’\-]*(?:\s+[A-ZÀ-Ý][\w.&'’\-]*){0,3}\s*$", body))


def _placeholder(start: int, end: int) -> dict[str, Any]:
    return {"name": None, "legal_form": None, "registration": None, "address": None, "country": None,
            "email": None, "contact": None, "trade_name": None, "evidence": [start, end]}


def _is_role_phrase(chunk: str) -> bool:
    body = re.sub(r"^(?:(?:" + alternation("roles", "role_phrase_prepositions") + r")\s+)?(?:(?:" + alternation("roles", "role_phrase_articles") + r")\s+|l['’]\s*)", "", chunk.strip(" \t\n:;,"), flags=re.IGNORECASE)
    return bool(body) and role_of_term(body) is not None


def _side(roles: list[str]) -> str | None:
    sides = {side_of_role(r) for r in roles} - {None}
    return sides.pop() if len(sides) == 1 else None


def _merge_into(parties: list[dict[str, Any]], new: dict[str, Any]) -> None:
    """Add ``new`` or fold it into the party it denotes (same entity, or same placeholder side)."""
    for p in parties:
        if _same_party(p, new):
            for key in ("defined_as", "roles"):
                p[key] = p.get(key, []) + new.get(key, [])
            for key, value in new.items():
                if p.get(key) in (None, "", []) and value not in (None, "", []):
                    p[key] = value
            if new.get("name") and p.get("name") and len(new["name"]) > len(p["name"]) and same_entity(p["name"], new["name"]):
                p["name"], p["legal_form"] = new["name"], new.get("legal_form") or p.get("legal_form")
            return
    parties.append(new)


def _merge_labelled(parties: list[dict[str, Any]], new: dict[str, Any]) -> None:
    """A labelled party ("Processor: Acme GmbH", "Nombre: ____") completes the party of its side: an
    unnamed one takes its name; an unnamed label only lends its role words."""
    same_side = [p for p in parties if p.get("side") == new.get("side")]
    named = [p for p in same_side if p.get("name")]
    if new.get("name") is None and same_side:
        same_side[0]["defined_as"] = same_side[0].get("defined_as", []) + new["defined_as"]
        return
    unnamed = [p for p in same_side if not p.get("name")]
    if new.get("name") and not named and len(unnamed) == 1:
        target = unnamed[0]
        for key, value in new.items():
            if key in ("defined_as", "roles"):
                target[key] = target.get(key, []) + value
            elif target.get(key) in (None, "", []) and value not in (None, "", []):
                target[key] = value
        return
    _merge_into(parties, new)


def _same_party(a: dict[str, Any], b: dict[str, Any]) -> bool:
    if a.get("name") and b.get("name"):
        if same_entity(a["name"], b["name"]):
            return True
        ta, fa = split_name(a["name"])
        tb, fb = split_name(b["name"])
        # "CA GmbH" beside "CA Customer GmbH": an abbreviation of the same entity
        return fa == fb and bool(ta) and bool(tb) and (set(ta) <= set(tb) or set(tb) <= set(ta)) and ta[0] == tb[0]
    if a.get("name") or b.get("name"):
        terms_a = {norm_term(t) for t in a.get("defined_as", [])}
        terms_b = {norm_term(t) for t in b.get("defined_as", [])}
        return bool(terms_a & terms_b) and (a.get("side") == b.get("side") or None in (a.get("side"), b.get("side")))
    return a.get("side") is not None and a.get("side") == b.get("side")


def _key(party: dict[str, Any]) -> str | None:
    """Entity key; a legal form written apart from the name ("Acme, aussi connue ..., SAS") counts."""
    name = party.get("name")
    if not name:
        return None
    form = party.get("legal_form")
    if form and split_name(name)[1] is None:
        return canonical_key(f"{name} {form}")
    return canonical_key(name)


def _term_index(parties: list[dict[str, Any]]) -> dict[str, int]:
    """Lower-cased term (defined term, legal name, trade name) -> party index. Readers strip articles
    ("le fournisseur" -> "fournisseur") before looking a mention up."""
    index: dict[str, int] = {}
    for i, p in enumerate(parties):
        for t in list(p.get("defined_as", [])) + [p.get("name"), p.get("trade_name")]:
            if t:
                index.setdefault(norm_term(t), i)
    return index


def _unique(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for x in items:
        k = norm_term(x)
        if k not in seen:
            seen.add(k)
            out.append(x)
    return out
