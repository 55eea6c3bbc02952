"""Parties resolved against the whole file: a short name standing for the legal entities named
elsewhere ("Acme" -> "Acme SAS", "Acme.io, Inc."), a seat written at another mention (a letterhead,
a contact block), and the vendor of an agreement that names no company but uses its short name."""

from __future__ import annotations

import re
from typing import Any

from contractkg.ingest.document import Agreement
from contractkg.ingest.lexical.entities import affiliate_of, canonical_key, same_entity, split_name
from contractkg.ingest.lexicon import alternation
from contractkg.ingest.parties.names import block_end, find_companies, parse_phrase
from contractkg.ingest.parties.roles import role_of_term, side_of


def expand_short_names(ag: Agreement, parties: list[dict[str, Any]]) -> None:
    """A party known by a short name ("Acme") stands for the legal entities named after it in the
    agreement ("Acme SAS", "Acme.io, Inc."), e.g. one per region: each becomes a party."""
    text = ag.doc.text
    for p in list(parties):
        if not p.get("name") or p.get("legal_form"):
            continue
        short = p["name"]
        entities: list[dict[str, Any]] = []
        for c in find_companies(ag.text, ag.start):
            if affiliate_of(short + " X", c["name"]) or same_entity(short, c["name"]):
                if any(same_entity(c["name"], e["name"]) for e in entities):
                    continue
                line_end = text.find("\n", c["end"])
                e = parse_phrase(text, c["start"], line_end if line_end != -1 else c["end"])
                if e and e["name"]:
                    e.update({"defined_as": list(p.get("defined_as", [])) + [short], "roles": list(p.get("roles", [])),
                              "side": p.get("side")})
                    entities.append(e)
        if entities:
            idx = parties.index(p)
            parties[idx : idx + 1] = entities


def resolve_with_document(ag: Agreement, parties: list[dict[str, Any]]) -> None:
    """Use the companies named elsewhere in the file: "Acme" becomes "Acme, Inc." when the file
    names exactly one such entity; a name contradicting its own nickname ("Foo Ltd ("BAR")") yields
    to the company the file names after the nickname ("Bar Ltd")."""
    companies = _document_companies(ag.doc)
    for p in parties:
        name = p.get("name")
        if not name:
            continue
        if p.get("legal_form") and not p.get("address") and (not p.get("country") or p.get("country_stated") is False):
            _seat_from_document(ag, p, companies)
        if not p.get("legal_form"):
            match = {canonical_key(c["name"]): c for c in companies if same_entity(name, c["name"])}
            if len(match) == 1:
                _adopt(ag, p, next(iter(match.values())))
            continue
        core = " ".join(split_name(name)[0])
        for term in p.get("defined_as", []):
            t = " ".join(split_name(term)[0])
            # only a nickname sharing no word with the legal name contradicts it
            if len(t) < 3 or set(t.split()) & set(core.split()) or role_of_term(term) or _is_initials(term, name) \
                    or side_of([term]):
                continue
            match = {canonical_key(c["name"]): c for c in companies if same_entity(term, c["name"])}
            if len(match) == 1:
                _adopt(ag, p, next(iter(match.values())))
                break


def _seat_from_document(ag: Agreement, party: dict[str, Any], companies: list[dict[str, Any]]) -> None:
    """A company whose seat its introduction leaves out has the seat written at another mention in the
    file: the main terms, a letterhead or a contact block ("**Acme AG**", street, "8000 Zürich")."""
    text = ag.doc.text
    lo, hi = party["evidence"]
    for c in companies:
        if lo <= c["start"] < hi or canonical_key(c["name"]) != canonical_key(party["name"]):
            continue
        found = parse_phrase(text, c["start"], block_end(text, c["end"]))
        if found and found.get("country") and found.get("address"):
            party["country"] = found["country"]
            party["address"] = found["address"]
            party["country_stated"] = found.get("country_stated")
            return


def _is_initials(term: str, name: str) -> bool:
    initials = "".join(w[0] for w in re.findall(r"[A-Za-zÀ-ÿ]+", name)).lower()
    return term.replace(".", "").lower() in initials


def _adopt(ag: Agreement, party: dict[str, Any], company: dict[str, Any]) -> None:
    text = ag.doc.text
    line_end = text.find("\n", company["end"])
    found = parse_phrase(text, company["start"], line_end if line_end != -1 else company["end"])
    if not found:
        return
    party["defined_as"] = party.get("defined_as", []) + [party["name"]]
    for key in ("name", "legal_form"):
        party[key] = found[key]
    for key in ("country", "address", "registration"):
        party[key] = party.get(key) or found.get(key)


_SUBJECT_LEAD = r"(?:^|[.:;]\s+|\n\s*(?:\d+(?:\.\d+)*\.?\s+)?|\b(?:" + alternation("roles", "subject_leads") + r")\s+)"


def vendor_from_document(ag: Agreement) -> dict[str, Any] | None:
    """An agreement naming no company ("Acme accorde au Client ...") stands for the company,
    named elsewhere in the file, whose short name is the subject of its sentences."""
    shorts: dict[str, dict[str, Any]] = {}
    for c in _document_companies(ag.doc):
        tokens, _ = split_name(c["name"])
        short = c["name"].split(",")[0].split()[0] if tokens else ""
        if len(short) >= 3 and short.lower() not in _GENERIC_LEADS:
            shorts.setdefault(short, c)
    if not shorts:
        return None
    # one pass: each short name used as a sentence subject ("Acme provides ...")
    rx = re.compile(_SUBJECT_LEAD + "(" + "|".join(re.escape(x) for x in sorted(shorts, key=len, reverse=True)) +
                    r")\s+(?:[a-zà-ÿ][\w'’]*)(?=\s)")
    counts: dict[str, int] = {}
    for m in rx.finditer(ag.doc.text, ag.start, ag.end):
        counts[m.group(1)] = counts.get(m.group(1), 0) + 1
    top = max(counts.items(), key=lambda kv: kv[1], default=(None, 0))
    best = shorts[top[0]] if top[0] is not None and top[1] > 1 else None
    if best is None:
        return None
    text = ag.doc.text
    line_end = text.find("\n", best["end"])
    party = parse_phrase(text, best["start"], line_end if line_end != -1 else best["end"])
    if party:
        party.update({"defined_as": [best["name"].split(",")[0].split()[0]], "roles": [], "side": "vendor"})
    return party


_GENERIC_LEADS = {"the", "les", "le", "la", "der", "die", "il", "el"}


def _document_companies(doc: Any) -> list[dict[str, Any]]:
    """Companies named anywhere in the document (found once per document)."""
    return doc.memo("companies", lambda: find_companies(doc.text))


_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n(?P<body>(?:[^\n]{0,400}\n){0,60}?)---[ \t]*(?:\n|\Z)")
_FIELD = re.compile(r"^[ \t]*(?P<key>[A-Za-z_][\w \-]{0,30}):[ \t]*(?P<value>[^\n]*)$", re.MULTILINE)
# Front-matter fields that name the publisher outright; any other field counts only for one company.
_COMPANY_FIELDS = {"company", "company_name", "companyname", "legal_name", "legalname", "organization", "organisation",
                   "operator", "provider", "vendor", "publisher", "entity", "owner", "empresa", "societe", "societa",
                   "unternehmen", "anbieter", "bedrijf", "editeur", "editore"}


def vendor_from_front_matter(ag: Agreement) -> dict[str, Any] | None:
    """Markdown front matter naming the publisher: a company field ("company: Acme GmbH"), else the
    one company its title or description names ("description: How Acme GmbH processes data")."""
    text = ag.doc.text
    fm = _FRONT_MATTER.match(text)
    if not fm:
        return None
    named: list[dict[str, Any]] = []
    mentioned: list[dict[str, Any]] = []
    for f in _FIELD.finditer(text, fm.start("body"), fm.end("body")):
        found = find_companies(f.group("value"), f.start("value"))
        key = f.group("key").strip().lower().replace(" ", "_").replace("-", "_")
        (named if key in _COMPANY_FIELDS else mentioned).extend(found)
    pick = named or mentioned
    if not pick or len({canonical_key(c["name"]) for c in pick}) > 1:
        return None
    party = parse_phrase(text, pick[0]["start"], pick[0]["end"])
    if party:
        party.update({"defined_as": [], "roles": [], "side": "vendor"})
        resolve_with_document(ag, [party])
    return party
