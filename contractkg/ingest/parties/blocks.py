"""Parties stated in labelled blocks: a role label, then the party.

"Processor: Acme GmbH, Hauptstr. 1, ...", a heading "## Encargado del Tratamiento" over a field
"Nombre: Acme, S.L.", "Auftragnehmer:" over the name line, signature lines "For the Processor -
Acme Ltd". A blank or bracketed value ("[Name]", "____") is an unnamed party of that role."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from contractkg.ingest import pattern_cache
from contractkg.ingest.document import Agreement
from contractkg.ingest.lexical.countries import address_country, find_countries, fold, trie_regex
from contractkg.ingest.lexicon import alternation, by_language, lexicon
from contractkg.ingest.parties.names import (
    _EMAIL,
    _POSTCODE,
    _STREET,
    block_end,
    find_companies,
    parse_phrase,
)
from contractkg.ingest.parties.roles import role_of_term, side_of, side_of_role

# Roles a label may give a contracting party (SCC exporter/importer lines have their own reader;
# a sub-processor is a third party).
_LABEL_ROLES = ("controller", "processor", "provider", "customer")
_MARKS = re.compile(r"[\s>#*_•·|\-–—]*(?:(?:\d{1,2}(?:\.\d{1,2})*[.)]|[a-h][.)]|\([a-h\d]{1,2}\))\s+)?[\s*_]*")
_GENDER = pattern_cache.compile(r"\((?:" + alternation("roles", "gender_endings") + r")\)", re.IGNORECASE)  # "Responsable(s)", "Kund(in)"
_PAREN = re.compile(r"\(([^()\n]{1,40})\)")
_LABEL_END = re.compile(r"\s*(?::|\s[—–-]\s)")
# A value that stands for no one yet: "[Name]", "____", "…", "(to be completed)".
_BLANK = re.compile(r"^\W*(?:\[[^\]\n]{0,60}\]|_{3,}|\.{4,}|…|<[^>\n]{1,40}>)")
_BARE_NAME = pattern_cache.compile(r"[A-ZÀ-ÖØ-Ý][\w.&'’\-]+(?:[ \t]+(?:[A-ZÀ-ÖØ-Ý][\w.&'’\-]*|&|" + alternation("roles", "bare_name_connectors") + r"))"
                                   r"{0,4}(?:[ \t]+\([^()\n]{2,40}\))?")
_SEPARATOR = re.compile(r"\s*(?:[·|,;•]|\s[—–-]\s|$)")
_MAX_LABEL = 70


@lru_cache(maxsize=1)
def _signature_re() -> re.Pattern[str]:
    leads = lexicon("roles")["signature_leads"]
    art = r"(?:(?:" + alternation("roles", "signature_articles") + r")\s*)?"
    return pattern_cache.compile(rf"(?:{trie_regex(leads, flexible=True)})\s+{art}", re.IGNORECASE)


@lru_cache(maxsize=1)
def _field_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    def field(key: str) -> re.Pattern[str]:
        words = trie_regex(lexicon("roles")[key], flexible=True)
        return pattern_cache.compile(rf"[\s>*•\-]*(?:{words})[ \t*]*:[ \t*]*(?P<v>[^\n]*)$", re.IGNORECASE)
    return field("name_fields"), field("address_fields")


@lru_cache(maxsize=1)
def _imprint_labels() -> frozenset[str]:
    return frozenset(fold(w) for w in lexicon("roles")["imprint_labels"])


@lru_cache(maxsize=1)
def _subprocessor_re() -> re.Pattern[str]:
    words = by_language(lexicon("roles")["roles"]["subprocessor"]) + ["sub-processors", "subprocessors", "sous-traitants ultérieurs"]
    return pattern_cache.compile(rf"(?<![\w])(?:{trie_regex(words, flexible=True)})", re.IGNORECASE)


def _label_role(label: str) -> tuple[str | None, list[str], bool]:
    """(role, the label's role words, whether it is a signature line) of a label such as
    "Auftragsverarbeiter (Auftragnehmer)", "Encargado(s) del Tratamiento", "For the Processor"."""
    body = _GENDER.sub("", label).strip(" *_")
    sig = _signature_re().match(body)
    if sig:
        body = body[sig.end():]
    aliases = [a.strip() for a in _PAREN.findall(body)]
    head = _PAREN.sub(" ", body).strip(" *_")
    role = role_of_term(head) or ("provider" if fold(head) in _imprint_labels() else None)
    if role not in _LABEL_ROLES:
        return None, [], False
    words = [head] + [a for a in aliases if role_of_term(a) in _LABEL_ROLES] if role_of_term(head) else []
    return role, words, bool(sig)


def labelled_parties(ag: Agreement) -> list[dict[str, Any]]:
    """A party for each role label in the agreement that is followed by a name or a blank."""
    text = ag.doc.text
    out: list[dict[str, Any]] = []
    lines = list(_lines(text, ag.start, ag.end))
    for i, (ls, le) in enumerate(lines):
        for seg_start in _segments(text, ls, le):
            party = _read_label(text, seg_start, le, lines[i + 1 : i + 9])
            if party is not None:
                out.append(party)
                break
    return out


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        nl = end if nl == -1 else nl
        out.append((pos, nl))
        pos = nl + 1
    return out


def _segments(text: str, ls: int, le: int) -> list[int]:
    """Where a label may start on a line: the line start, or after a "·" or "|" separator."""
    if le - ls < 3:
        return []
    starts = [ls]
    for m in re.finditer(r"[·|]\s*", text[ls:le]):
        starts.append(ls + m.end())
    return starts


def _read_label(text: str, start: int, le: int, following: list[tuple[int, int]]) -> dict[str, Any] | None:
    marks = _MARKS.match(text, start, le)
    lab_start = marks.end() if marks else start
    if lab_start >= le or not text[lab_start].isupper():
        return None
    end = _LABEL_END.search(text, lab_start, min(le, lab_start + _MAX_LABEL))
    label_end = end.start() if end else le
    if not end and (le - lab_start > _MAX_LABEL or not text[start:le].lstrip().startswith(("#", "**"))):
        return None  # no colon or dash: only a heading line ("## Processor") can be a label
    role, words, signature = _label_role(text[lab_start:label_end])
    if role is None:
        return None
    if role == "provider" and _subprocessor_re().search(text, max(0, start - 600), start):
        return None  # "Anbieter: ..." in a list of sub-processors names a third party
    value_start = _value_start(text, end, le) if end else le
    party = _read_value(text, value_start, le, signature, field=False) if value_start < le else None
    if party is None and value_start >= le and not signature:
        party = _value_below(text, following)
    if party is None and signature and value_start >= le:
        return None
    if party is None:
        return None
    party["roles"] = [role] + [r for r in (role_of_term(w) for w in words[1:]) if r and r != role]
    party["defined_as"] = [w for w in words if not side_of([w])]
    party["side"] = side_of_role(role)
    return party


def _value_start(text: str, end: re.Match[str], le: int) -> int:
    """After the label's colon (or dash); "Label — note: value" gives the part after the colon."""
    colon = text.find(":", end.start(), le)
    pos = colon + 1 if colon != -1 and text[colon + 1 : le].strip(" *_") else end.end()
    while pos < le and text[pos] in " \t*":
        pos += 1
    return pos


def _value_below(text: str, following: list[tuple[int, int]]) -> dict[str, Any] | None:
    """The party under a heading: its name field, else its first line."""
    name_re, _ = _field_res()
    first: tuple[int, int] | None = None
    for ls, le in following:
        line = text[ls:le]
        if not line.strip(" \t*_-"):
            continue
        if line.lstrip().startswith("#"):
            break
        m = name_re.match(line)
        if m:
            return _read_value(text, ls + m.start("v"), le, False, field=True, block=following)
        if ":" not in line and (first is None or find_companies(line[:200]) and not find_companies(text[first[0]:first[1]])):
            first = (ls, le)  # the first line, or the first naming a company ("Angaben gemäß § 5 TMG" / "Acme GmbH")
    if first is None:
        return None
    return _read_value(text, first[0], first[1], False, field=False, block=following)


def _read_value(text: str, start: int, end: int, signature: bool, field: bool,
                block: list[tuple[int, int]] | None = None) -> dict[str, Any] | None:
    value = text[start:end]
    lead = len(value) - len(value.lstrip(" \t*"))
    start += lead
    value = value[lead:].rstrip(" \t*:")
    if not value:
        return None
    if _BLANK.match(value):
        return _unnamed(start, end)
    companies = find_companies(value[:200], start)
    if companies and companies[0]["start"] - start < 3:
        party = parse_phrase(text, companies[0]["start"], block_end(text, companies[0]["end"]) if not field else end)
    elif signature:
        return None  # a signature line names a person, not the party
    else:
        m = _BARE_NAME.match(value)
        if not m or role_of_term(m.group(0)) or side_of([m.group(0)]) or not _SEPARATOR.match(value, m.end()):
            return None
        rest = value[m.end():]
        # a bare name is a party only in a name field or beside its address or e-mail
        if not (field or _EMAIL.search(rest) or _POSTCODE.search(rest) or _STREET.search(rest)):
            return None
        party = parse_phrase(text, start, end)
        if party is None:
            return None
        name = m.group(0)
        trade = _PAREN.search(name)
        if trade:
            party["trade_name"] = trade.group(1).strip()
            name = name[: trade.start()].strip()
        party["name"] = name
        party["legal_form"] = None
        _address_after(party, text, start + m.end(), end)
    if party and block and not party.get("address"):
        _address_field(party, text, block)
    return party


def _address_after(party: dict[str, Any], text: str, start: int, end: int) -> None:
    """"Jane Doe · Hauptstraße 1, 12345 Ort · jane@example.org": the part with a postcode or street."""
    for part in re.split(r"\s*[·|•;]\s*", text[start:end]):
        part = part.strip(" ,")
        if part and not _EMAIL.search(part) and (_POSTCODE.search(part) or _STREET.search(part)):
            party["address"] = part
            found = find_countries(part)
            if found:
                party["country"] = found[-1][2]
            elif not party.get("country") and address_country(part):
                party["country"], party["country_stated"] = address_country(part), False
            return


def _address_field(party: dict[str, Any], text: str, block: list[tuple[int, int]]) -> None:
    _, addr_re = _field_res()
    for ls, le in block:
        m = addr_re.match(text, ls, le)
        if m and m.group("v").strip(" *_"):
            party["address"] = m.group("v").strip(" *_,;")
            found = find_countries(party["address"])
            if found:
                party["country"] = found[-1][2]
            return


def _unnamed(start: int, end: int) -> dict[str, Any]:
    return {"name": None, "legal_form": None, "registration": None, "address": None, "country": None,
            "email": None, "contact": None, "trade_name": None, "evidence": [start, end]}
