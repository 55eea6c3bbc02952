"""What a party-introducing phrase says: legal name and form, trade name, registration, seat, e-mail.

``parse_phrase(text, start, end)`` reads e.g. "Acme GmbH, Hauptstr. 1, 10115 Berlin, Deutschland,
HRB 12345" or "the entity identified as Customer" (a placeholder: no name)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from contractkg.ingest import pattern_cache
from contractkg.ingest.jurisdiction.lexicon import country_in
from contractkg.ingest.lexical.countries import address_country, find_countries, fold
from contractkg.ingest.lexical.entities import form_of, form_pattern
from contractkg.ingest.lexicon import alternation, lexicon

# A word of a company name: capitalised, all caps, or with digits/dots ("ALL-INKL.COM", "Acme.io").
_NAME_TOKEN = r"(?:[A-ZÀ-ÖØ-Ý0-9][\w.&'’\-]*|&|d['’]\w+)"
_CONNECTOR = r"(?:" + alternation("legal_forms", "name_connectors") + r")"
# Capitalised words that open a sentence or clause rather than a name.
_STOP = {"le", "la", "les", "l", "the", "a", "an", "il", "lo", "der", "die", "das", "el", "entre", "between", "tra",
         "fra", "zwischen", "et", "and", "und", "y", "e", "par", "by", "avec", "with", "mit", "con", "per", "from",
         "name", "nom", "nome", "nombre", "société", "company", "ce", "this", "cet", "cette", "questo", "dieser",
         "este", "esta", "adresse", "address", "indirizzo", "dirección", "anschrift", "conditions", "contrat",
         "accord", "agreement", "contract", "ou", "or", "o", "oder", "means", "désigne", "signifie", "conclu", "concluded",
         "partie", "party", "parties", "client", "customer", "cliente", "kunde", "de", "du", "des", "di", "del", "of",
         "vous", "nous", "you", "we", "us", "noi", "voi", "wir", "sie", "usted", "ustedes", "nosotros", "u", "uw", "wij",
         "jij", "ons", "voce", "nos", "tu", "het", "een", "tussen", "en", "os", "um", "uma", "naam"}
_TRADE = pattern_cache.compile(r"\b(?:" + alternation("legal_forms", "trade_name_cues") + r")\b", re.IGNORECASE)
_SEAT = pattern_cache.compile(r"\b(?:" + alternation("registrations", "seat_phrases") + r")\s*", re.IGNORECASE)
_ADDR_END = pattern_cache.compile(r"\s*(?:[,;]?\s*(?<!\w)(?:" + alternation("registrations", "address_end_cues") + r")|[;(\n]|\s{3,}|(?<=[a-zà-ÿ]{4})\.\s+(?=[A-ZÀ-Ý]))", re.IGNORECASE)
# A connector left at the end of an address cut before a registration ("..., España, y NIF ...").
_ADDR_TAIL = pattern_cache.compile(r"(?:[\s,]+(?:" + alternation("legal_forms", "address_tail_connectors") + r"))+$", re.IGNORECASE)
_POSTCODE = re.compile(r"\b(?:\d{4,5}(?:[-‑]\d{3,4})?|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}|[A-Z]\d[A-Z] ?\d[A-Z]\d)\b")
_STREET = pattern_cache.compile(r"(?:" + alternation("registrations", "street_word_endings") + r"|\b(?:"
                                + alternation("registrations", "street_words") + r"))\b",
                                re.IGNORECASE)
_SHORT_NAME = re.compile(r"[ \t]*\(([A-ZÀ-Ý][\w.&'’\-]*(?: [A-ZÀ-Ý][\w.&'’\-]*){0,2})\)")
_EMAIL = re.compile(r"(?<![\w.+\-])[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")  # from the start of the run only: linear
_CONTACT = pattern_cache.compile(r"\b(?:" + alternation("registrations", "contact_cues") + r")\s*"
                                 r"((?:M(?:me|r|s|\.)\.?\s+|Dr\.?\s+)?[A-ZÀ-Ý][\w'’\-]+(?:\s+[A-ZÀ-Ý][\w'’\-]+){1,3})")


@lru_cache(maxsize=1)
def company_re() -> re.Pattern[str]:
    """A name of 1-7 name words ending in a legal form: "Acme Cloud Ltd", "Beta, S.r.l."."""
    word = rf"(?:{_NAME_TOKEN}|{_CONNECTOR})"
    # the form may follow a comma, a space or a spaced dash ("BETA – LDA")
    return pattern_cache.compile(rf"(?<![\w.])(?P<core>{_NAME_TOKEN}(?:[ \t]+{word}){{0,6}}?)(?:,?[ \t]+|,[ \t]*|[ \t]+[–—][ \t]+(?![A-Z]{{2}}\b))"
                                 rf"(?P<form>{form_pattern().pattern})")


@lru_cache(maxsize=1)
def _registration_res() -> list[tuple[re.Pattern[str], str | None]]:
    # "... under number", "sous le numéro", "con il numero" may sit between label and number
    between = (r"(?:\s+(?:" + alternation("registrations", "number_prepositions") + r")?\s*(?:" + alternation("registrations", "number_articles") + r")?\s*"
               r"(?:" + alternation("registrations", "number_words") + r"))?")
    return [(pattern_cache.compile(rf"(?:{r['label']}){between}\s*[:n°º.]*\s*(?P<num>{r['number']})"), r.get("country"))
            for r in lexicon("registrations")["registrations"]]


@lru_cache(maxsize=1)
def _state_res() -> list[tuple[re.Pattern[str], str]]:
    lex = lexicon("registrations")
    us = "|".join(lex["us_states"])
    au = "|".join(lex["au_states"])
    ca = "|".join(lex["ca_provinces"])
    inc = "|".join(re.escape(x) for x in lex["incorporated_in"]["US"])
    return [(pattern_cache.compile(rf"\b(?:{us})[ \t]*[,\-–]?[ \t]*\d{{5}}(?:-\d{{4}})?\b"), "US"),
            (pattern_cache.compile(rf"\b(?:{au})[ \t]+\d{{4}}\b"), "AU"),
            (pattern_cache.compile(rf"\b(?:{ca})[ \t]+[A-Z]\d[A-Z][ \t]?\d[A-Z]\d\b"), "CA"),
            (pattern_cache.compile(r"(?:" + alternation("registrations", "us_company_words") + r") (?:" + alternation("registrations", "us_state_of_words") + rf")?\s*(?:{inc})\b", re.IGNORECASE), "US"),
            (pattern_cache.compile(rf"\b(?:{inc}) (?:corporation|company|limited liability company|LLC)\b", re.IGNORECASE), "US")]


@lru_cache(maxsize=1)
def placeholder_heads() -> tuple[str, ...]:
    return tuple(fold(h) for h in lexicon("defined_terms")["placeholder_heads"])


def find_companies(text: str, base: int = 0) -> list[dict[str, Any]]:
    """Every "Name + legal form" in ``text``: {name, legal_form, start, end} (offsets + base)."""
    out = []
    for m in company_re().finditer(text):
        core = _trim_core(m.group("core"))
        if not core:
            continue
        name_start = m.start("core") + m.group("core").find(core)
        name = text[name_start : m.end()].rstrip(" ,")
        form = form_of(m.group("form"))
        out.append({"name": name, "legal_form": m.group("form").strip(), "form_label": form[0] if form else None,
                    "start": base + name_start, "end": base + m.end()})
    return out


_ENUMERATOR = re.compile(r"\(?(?:\d{1,3}|[ivx]{1,4})[.)]")


def _trim_core(core: str) -> str:
    """Drop leading sentence words ("Le", "Entre", "and") and keep at most the last 6 words."""
    words = core.split()
    # list numbers ("1.", "2)") and sentence words are not part of a name
    while words and (fold(words[0]).strip(".,:'’") in _STOP or not (words[0][0].isupper() or words[0][0].isdigit())
                     or _ENUMERATOR.fullmatch(words[0])):
        words.pop(0)
    if words and all(fold(w) in _STOP or re.fullmatch(_CONNECTOR, w) for w in words):
        return ""
    return " ".join(words)


def country_hints(text: str) -> str | None:
    """A country from a postcode/state ("NY 10001", "VIC 3000") or a place of incorporation."""
    for rx, code in _state_res():
        if rx.search(text):
            return code
    return None


def registration(text: str) -> tuple[str, str | None, tuple[int, int]] | None:
    """(registration as written, country it implies, span in text) of the first registration number."""
    best = None
    for rx, code in _registration_res():
        m = rx.search(text)
        if m and (best is None or m.start() < best[2][0]):
            best = (m.group(0).strip(" ,;"), code, (m.start(), m.end()))
    return best


def is_placeholder(phrase: str) -> bool:
    """"the Customer", "l'entité identifiée comme ...", "[NAME + LEGAL FORM]", "FOURNISSEUR DU SERVICE"."""
    p = phrase.strip(" \t\n:;,-–").lstrip()
    if not p:
        return False
    if p[0] in "[_.…" or re.fullmatch(r"[_.…\s]+", p):
        return True
    f = fold(p)
    return bool(_placeholder_re().match(f))


@lru_cache(maxsize=1)
def _placeholder_re() -> re.Pattern[str]:
    """A whole head word, inflected or plural ("the customers", "Unternehmern"), not "Allianz" for "all"."""
    heads = sorted(placeholder_heads(), key=len, reverse=True)
    return pattern_cache.compile(r"(?:" + "|".join(re.escape(h) for h in heads) + r")(?:s|n|e|es|en|rn|ern)?(?![^\W_])")


def parse_phrase(text: str, start: int, end: int) -> dict[str, Any] | None:
    """The party a phrase introduces (offsets in ``text``); None when it names no party."""
    phrase = text[start:end]
    lead = re.match(r"[\s:;,\-–]*(?:(?:" + alternation("roles", "phrase_leads") + r")\b[\s:]*)?",
                    phrase, re.IGNORECASE)
    offset = start + (lead.end() if lead else 0)
    body = text[offset:end]
    party: dict[str, Any] = {"name": None, "legal_form": None, "registration": None, "address": None,
                             "country": None, "email": None, "contact": None, "trade_name": None,
                             "evidence": [offset, end]}
    if is_placeholder(body):
        return _details(party, text, offset, end, name_end=offset)
    trade = _TRADE.search(body)
    companies = find_companies(body[:200], offset)
    name_end = offset
    if trade and trade.start() < 120:
        party["name"] = body[: trade.start()].strip(" ,")
        rest = body[trade.end():]
        tm = re.match(r"\s*[«“\"]?\s*([^,;(«»“”\"]{2,60}?)\s*[»”\"]?\s*(?:,|\(|;|$)", rest)
        if tm:
            party["trade_name"] = tm.group(1).strip()
        fm = form_pattern().search(body, trade.end())
        if fm and fm.start() < trade.end() + 120:
            party["legal_form"] = fm.group(0).strip(" ,")
            name_end = offset + fm.end()
        else:
            name_end = offset + trade.end()
    elif companies:
        c = companies[0]
        party["name"], party["legal_form"] = c["name"], c["legal_form"]
        party["evidence"] = [c["start"], end]
        name_end = c["end"]
        short = _SHORT_NAME.match(text, name_end, end)
        if short and not find_countries(short.group(1)) and fold(short.group(1).split()[0]) not in _STOP:
            party["trade_name"] = short.group(1)  # "Acme, Lda (Acme.io), NIF ...": the name it trades under
    else:
        m = re.match(rf"{_NAME_TOKEN}(?:[ \t]+{_NAME_TOKEN}){{0,4}}", body)
        if not m or fold(m.group(0).split()[0]) in _STOP:
            return None
        party["name"] = m.group(0).strip(" ,.")
        name_end = offset + m.end()
    return _details(party, text, offset, end, name_end)


def _details(party: dict[str, Any], text: str, start: int, end: int, name_end: int) -> dict[str, Any]:
    """Fill registration, address, country, e-mail and contact from text[start:end]."""
    body = text[start:end]
    reg = registration(body)
    if reg:
        party["registration"] = reg[0]
    email = _EMAIL.search(body)
    if email:
        party["email"] = email.group(0)
    contact = _CONTACT.search(body)
    if contact:
        party["contact"] = contact.group(1)
    party["address"] = _address(text, name_end, end)
    where = party["address"] or ""
    found = find_countries(where)
    city = _city_country(where) if where and not found else None
    if found:
        party["country"] = found[-1][2]
    elif city:
        party["country"] = city
    elif party["name"] is not None:
        party["country"] = country_hints(body) or _incorporation_country(body)
        if party["country"] is None:
            # inferred, not stated: the address's postcode and street style, the registry, the legal form
            party["country"] = ((address_country(where) if where else None) or (reg[1] if reg else None)
                                or _form_country(party["legal_form"]))
            party["country_stated"] = False if party["country"] else None
    return party


_INCORPORATED = pattern_cache.compile(r"\b(?:" + alternation("registrations", "incorporated_words") + r")\b", re.IGNORECASE)


def _incorporation_country(body: str) -> str | None:
    """"a company incorporated in Ireland", "société de droit belge", "Gesellschaft nach deutschem Recht"."""
    for m in _INCORPORATED.finditer(body):
        found = country_in(body[m.end() : m.end() + 45])
        if found:
            return found[0]
    return None


def _city_country(address: str) -> str | None:
    """A country from a well-known city in the address ("12345 Berlin")."""
    found = country_in(address)
    return found[0] if found else None


def _form_country(form: str | None) -> str | None:
    found = form_of(form) if form else None
    return found[1] if found else None


def _address(text: str, name_end: int, end: int) -> str | None:
    """The seat address after the name: after a seat phrase, the comma list after the name, or the
    address lines under it (letterhead layout)."""
    body = text[name_end:end]
    seat = _SEAT.search(body)
    if seat:
        rest = body[seat.end():]
    else:
        rest = re.sub(r"^[ \t*_]*(?:\([^)]{0,80}\))?[ \t*_]*", "", body)  # markdown emphasis too ("**Acme AG**")
        if rest.startswith("\n"):
            return _address_lines(rest)
        if not rest.startswith((",", " -", " –", "-", "–")):
            return None
        rest = rest.lstrip(",\n -–")
        reg = registration(rest[:80])
        if reg and reg[2][0] == 0:  # "Acme, Lda, NIF 509876543, Rua ...": the registration first
            rest = rest[reg[2][1]:].lstrip(" ,;")
        stop = _ADDR_END.search(rest)
        head = rest[: stop.start()] if stop else rest[:160]
        # an address: a postcode or a street word among the comma-separated parts
        if not (_POSTCODE.search(head) or _STREET.search(head)):
            return None
    stop = _ADDR_END.search(rest)
    addr = rest[: stop.start()] if stop else rest[:160]
    addr = _ADDR_TAIL.sub("", addr.strip(" ,.;:")).strip(" ,.;:")
    return addr or None


def _address_lines(rest: str) -> str | None:
    """Up to four address lines below a name, until a line that is not part of an address."""
    lines: list[str] = []
    for line in rest.split("\n"):
        line = line.strip()
        if not line:
            if lines:
                break
            continue
        if not (re.search(r"\d", line) or _STREET.search(line) or find_countries(line)) or line[0] in "–-(«“\"":
            break
        lines.append(line.strip(" ,;"))
        if len(lines) == 4:
            break
    return ", ".join(lines) or None


@lru_cache(maxsize=1)
def _introducer_re() -> re.Pattern[str]:
    words = sorted(lexicon("defined_terms")["introducers"], key=len, reverse=True)
    return pattern_cache.compile(r"(?<!\w)(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words) + r")\s+(?:" + alternation("defined_terms", "introducer_articles") + r")?",
                                 re.IGNORECASE)


def introduced(text: str, lo: int, hi: int) -> bool:
    """"la plateforme X éditée par Acme SAS, ... (« X »)": the company after the participle is a party."""
    for m in _introducer_re().finditer(text, lo, hi):
        companies = find_companies(text[m.end() : m.end() + 120])
        if companies and companies[0]["start"] < 5:
            return True
    return False


def is_registration(chunk: str) -> bool:
    body = chunk.lstrip(" \t\n:;,")
    reg = registration(body[:80])
    return reg is not None and reg[2][0] == 0


_ONLY_MARKUP = re.compile(r"[\s*_:,.]*")


def block_end(text: str, pos: int) -> int:
    """End of the mention's line; four lines further when the name stands alone on its line."""
    line_end = text.find("\n", pos)
    if line_end == -1:
        return len(text)
    if not _ONLY_MARKUP.fullmatch(text, pos, line_end):
        return line_end
    end = line_end
    for _ in range(4):
        nxt = text.find("\n", end + 1)
        end = len(text) if nxt == -1 else nxt
    return end
