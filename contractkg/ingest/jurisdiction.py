"""Governing law, courts, supervisory authority, amicable settlement and prevailing language.

Each is read from the sentence that states it, scored by how clearly it does (a governing verb, a
"Governing law" heading, a "Law: ..." table line); per-region tables give one law/court per region."""

from __future__ import annotations

import copy
import re
from functools import lru_cache
from typing import Any

from contractkg.ingest.countries import adjectives, country_code, find_countries, fold
from contractkg.ingest.document import Agreement, Document
from contractkg.ingest.durations import find_durations
from contractkg.ingest.jurisdiction_cues import hits
from contractkg.ingest.jurisdiction_cues import sentence as sentence_span
from contractkg.ingest.jurisdiction_regions import alts, region_table
from contractkg.ingest.lexicon import lexicon

# After a national adjective, the name of a statute rather than a legal system.
_STATUTE = re.compile(r"\s+(?:sur|on|relative|relating|regarding|concernant|sulla|sul|sui|relativa|über|zum|zur|sobre|"
                      r"de protection|\(|n°|no\.|nr\.)", re.IGNORECASE)
# "governed by the law of the Agreement": the main agreement's law applies.
_BY_REFERENCE = re.compile(r"(?:loi|droit|law|legge|diritto|recht|ley|derecho|juridiction|jurisdiction|giurisdizione|"
                           r"gerichtsstand|jurisdicción)[^.;\n]{0,60}(?:de l['’]accord|du contrat|"
                           r"of the (?:main |master |principal )?agreement|del contratto|des (?:haupt)?vertrags|"
                           r"del (?:acuerdo|contrato)|accord principal|contrat principal|contratto principale)",
                           re.IGNORECASE)
_DATA_PROTECTION = re.compile(r"protection des données|data protection|protezione dei dati|datenschutz|protección de datos|"
                              r"gdpr|rgpd|dsgvo|privacy", re.IGNORECASE)


@lru_cache(maxsize=1)
def _res() -> dict[str, re.Pattern[str]]:
    lex = lexicon("jurisdiction")
    places = [p for ps in lex["places"].values() for p in ps]
    langs = [w for ws in lex["languages"].values() for w in ws]
    auth = [a for aa in lex["authorities"].values() for a in aa]
    return {
        "law": re.compile(rf"(?<![\w])(?:{alts(lex['law_words'])})(?![\w])", re.IGNORECASE),
        "verb": re.compile(rf"(?<![\w])(?:{alts(lex['governing_verbs'])})\w*", re.IGNORECASE),
        "court": re.compile(rf"(?<![\w])(?:{alts(lex['court_words'])})(?![\w])", re.IGNORECASE),
        "exclusive": re.compile(rf"(?<![\w])(?:{alts(lex['exclusive_words'])})\w*", re.IGNORECASE),
        "non_exclusive": re.compile(rf"(?<![\w])(?:{alts(lex['non_exclusive_words'])})\w*", re.IGNORECASE),
        "amicable": re.compile(rf"(?<![\w])(?:{alts(lex['amicable_words'])})", re.IGNORECASE),
        "seat": re.compile(rf"(?<![\w])(?:{alts(lex['seat_words'])})(?![\w])", re.IGNORECASE),
        "version": re.compile(rf"(?<![\w])(?:{alts(lex['version_words'])})(?![\w])", re.IGNORECASE),
        "prevail": re.compile(rf"(?<![\w])(?:{alts(lex['prevail_words'])})(?![\w])", re.IGNORECASE),
        "language": re.compile(rf"(?<![\w])({alts(langs)})(?![\w])", re.IGNORECASE),
        "place": re.compile(rf"(?<![\w])({alts(places)})(?![\w])", re.IGNORECASE),
        "adjective": re.compile(rf"(?<![\w])({alts(_raw_adjectives())})(?![\w])", re.IGNORECASE),
        "authority": re.compile(rf"(?<![\w])({alts(auth)})(?![\w])", re.IGNORECASE),
        "heading_law": re.compile(r"droit applicable|loi applicable|governing law|applicable law|legge applicabile|"
                                  r"diritto applicabile|anwendbares recht|rechtswahl|ley aplicable|derecho aplicable|"
                                  r"legislación aplicable|lei aplicável", re.IGNORECASE),
        "heading_court": re.compile(r"juridiction|tribunal|litige|jurisdiction|disputes?|venue|foro|controversi|"
                                    r"gerichtsstand|streit|jurisdicción|litigios|disputa", re.IGNORECASE),
    }


def _raw_adjectives() -> list[str]:
    """National adjectives as written (accented) and folded, for the pattern; looked up folded."""
    raw = [a for aa in (lexicon("countries").get("adjectives") or {}).values() for a in aa] + list(adjectives())
    raw += [a for aa in (lexicon("jurisdiction").get("law_adjectives") or {}).values() for a in aa]
    return raw + [a + "s" for a in raw if not a.endswith("s")]


@lru_cache(maxsize=1)
def _adjective_codes() -> dict[str, str]:
    """Folded adjective -> country: the shared country lexicon's, then the law-specific ones."""
    codes = {fold(a): c for c, aa in (lexicon("jurisdiction").get("law_adjectives") or {}).items() for a in aa}
    codes.update(adjectives())
    return codes


@lru_cache(maxsize=1)
def _place_codes() -> dict[str, str]:
    return {fold(p): code for code, ps in lexicon("jurisdiction")["places"].items() for p in ps}


@lru_cache(maxsize=1)
def _language_codes() -> dict[str, str]:
    return {fold(w): code for code, ws in lexicon("jurisdiction")["languages"].items() for w in ws}


@lru_cache(maxsize=1)
def _authority_codes() -> dict[str, str]:
    return {fold(a): code for code, aa in lexicon("jurisdiction")["authorities"].items() for a in aa}


def country_in(text: str) -> tuple[str, int, int] | None:
    """The first country stated in ``text``: a country name, a national adjective or a place."""
    hits: list[tuple[int, int, str]] = [(s, e, c) for s, e, c in find_countries(text)]
    for m in _res()["adjective"].finditer(text):
        hits.append((m.start(), m.end(), _adjective_code(m.group(1))))
    for m in _res()["place"].finditer(text):
        hits.append((m.start(), m.end(), _place_codes()[fold(m.group(1))]))
    if not hits:
        return None
    s, e, c = min(hits)
    return c, s, e


def _adjective_code(word: str) -> str:
    f = fold(word)
    codes = _adjective_codes()
    return codes.get(f) or codes[f[:-1]]  # plural: "lois françaises"


def extract(ag: Agreement, ctx: dict[str, Any]) -> dict[str, Any]:
    record = ctx.get("record", {})
    evidence = record.setdefault("evidence", {})
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
    court = _court(ag, ctx)
    if table and default["court"]:
        court = {"country": default["court_country"], "court": default["court"], "exclusive": _exclusivity(ag),
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
        out["supervisory_authority"] = {"name": auth[0], "country": _authority_codes().get(fold(auth[0]))}
        evidence["supervisory_authority"] = [auth[1], auth[2]]
    steps = _amicable_steps(ag)
    if steps:
        out["amicable_settlement_period"] = steps[0]["period"]
        out["amicable_settlement_steps"] = steps
        evidence["amicable_settlement_period"] = steps[0]["evidence"]
    _inherit(ag, out, evidence, bool(ctx.get("parties_inherited")))
    return out


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


def _governing_law(ag: Agreement) -> tuple[str, int, int] | None:
    text = ag.doc.text
    res = _res()
    best: tuple[int, int, str, int, int] | None = None  # (-score, start, code, s, e)
    for m in hits(ag.doc, "law", ag.start, ag.end):
        s0, s1 = sentence_span(ag.doc, m.start(), ag.start, ag.end)
        sentence = text[s0:s1]
        score = 0
        if res["verb"].search(sentence):
            score += 2
        clause = ag.clause_at(m.start()) if ag.clauses else None
        if clause and res["heading_law"].search(clause.heading or ""):
            score += 2
        if re.match(r"\s*:", text[m.end() : m.end() + 15]) or res["heading_law"].search(text[max(s0, m.start() - 12) : m.end() + 15]):
            score += 2
        if score < 2 or (best is not None and -score > best[0]):
            continue  # cannot beat the best candidate: skip the country look-up
        after = text[m.end() : min(s1, m.end() + 90)]
        before = text[max(s0, m.start() - 30) : m.start()]
        found = country_in(after)
        if found and (_DATA_PROTECTION.search(after[: found[1]]) or _STATUTE.match(after[found[2]:])):
            found = None  # "the law on data protection of X", "la loi américaine sur ...": a statute
        if not found:
            adj = list(res["adjective"].finditer(before))
            place = list(res["place"].finditer(before))  # "New York law", "droit de Genève"
            if adj:
                code = _adjective_code(adj[-1].group(1))
            elif place and not before[place[-1].end():].strip(" \t'’s"):
                code = _place_codes()[fold(place[-1].group(1))]
            else:
                continue
        else:
            code = found[0]
        if found and _DATA_PROTECTION.search(after[found[2] : found[2] + 40]):
            score -= 2
        if score < 2:
            continue
        cand = (-score, m.start(), code, s0, s1)
        if best is None or cand < best:
            best = cand
    return (best[2], best[3], best[4]) if best else None


def _court(ag: Agreement, ctx: dict[str, Any]) -> dict[str, Any] | None:
    text = ag.doc.text
    res = _res()
    best = None
    seen_sentences: set[int] = set()
    for m in hits(ag.doc, "court", ag.start, ag.end):
        s0, s1 = sentence_span(ag.doc, m.start(), ag.start, ag.end)
        if s0 in seen_sentences:
            continue
        seen_sentences.add(s0)
        sentence = text[s0:s1]
        word = fold(m.group(0))
        competent: re.Match[str] | tuple[str, int, int] | None = re.search(r"compéten|competen|zuständig|exclusi|esclusiv|ausschließ|submit|soumet|soumis|attribu|"
                              r"gerichtsstand|foro|forum|venue|lieu de juridiction|siège|seat|sede|sitz|choisi|chose|choos|"
                              r"elect|elegg|wähl|elig|domicil|résolu|resolved|risolt|beigelegt|resuel|devant|before the|"
                              r"dinanzi|vor den|ante los|somet|sottopo|unterwerf|place of jurisdiction|lugar de jurisdic|bevoegd|"
                              r"uitsluitend|submet|perante|:", sentence, re.IGNORECASE)
        clause = ag.clause_at(m.start()) if ag.clauses else None
        in_heading = bool(clause and res["heading_court"].search(clause.heading or ""))
        # "the courts of Dublin", "tribunale di Milano": a court named by its seat is a choice of court
        competent = competent or re.match(r"\s+(?:of|de|du|des|d['’]|di|del|della|in|von|at|te|da|do)\s", text[m.end() : m.end() + 8]) \
            and country_in(text[m.end() : m.end() + 40]) or _place_right_after(text, m.end())
        if word.startswith(("juridiction", "jurisdiction", "giurisdizione", "jurisdiccion", "competence")) \
                and not (competent or in_heading):
            continue  # "in any jurisdiction": a territory, not a court
        score = 1 + (2 if competent else 0) + (2 if in_heading else 0)
        if _DATA_PROTECTION.search(sentence) and not competent:
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
    code = country[0] if country else _seat_party_country(text[start:s1], ctx)
    sentence = text[s0:s1]
    exclusive = None
    if res["non_exclusive"].search(sentence):
        exclusive = False
    elif res["exclusive"].search(sentence):
        exclusive = True
    city = _res()["place"].search(text, start, s1)  # the court's seat, when a known place
    return {"country": code, "court": phrase, "exclusive": exclusive, "city": city.group(1) if city else None,
            "evidence": [s0, s1]}


def _exclusivity(ag: Agreement) -> bool | None:
    """Whether the agreement makes its courts exclusive, from any sentence about courts."""
    res = _res()
    for m in hits(ag.doc, "court", ag.start, ag.end):
        s0, s1 = sentence_span(ag.doc, m.start(), ag.start, ag.end)
        sentence = ag.doc.text[s0:s1]
        if res["non_exclusive"].search(sentence):
            return False
        if res["exclusive"].search(sentence):
            return True
    return None


_COURT_NOUN = re.compile(r"\b(?:tribunal|tribunaux|cour|cours|courts?|foro|tribunale|tribunali|gerichte?|landgericht|"
                         r"amtsgericht|juzgados?|tribunales|forums?)\b", re.IGNORECASE)


# "courts of Utrecht", "Gerichtsstand ist Bremen": a capitalised place name right after the court word
_NAMED_SEAT = re.compile(r"\s+(?:of|de|du|di|del|in|von|at|à|a|ist|est|is|è)\s+(?!(?:the|The|Member|State|Etat|État|Stato|"
                         r"Mitgliedstaat|Estado|la|le|les|il|lo|der|die|das|el|los|las)\b)[A-ZÀ-Ý][\w\-]{2,}")


def _place_right_after(text: str, pos: int) -> bool:
    """A court named by its seat with no preposition ("rechtbank Rotterdam", "Landgericht Köln")."""
    found = _res()["place"].match(text, pos + 1) if text[pos : pos + 1] == " " else None
    return bool(found)


def _adjective_before(text: str, lo: int, noun_start: int) -> int | None:
    """Start of a national adjective written just before a court noun ("Scottish courts")."""
    m = _res()["adjective"].search(text, max(lo, noun_start - 25), noun_start)
    return m.start() if m and not text[m.end() : noun_start].strip() else None


# Where a court's name ends: its predicate ("have exclusive jurisdiction", "sont compétents", "ist").
_COURT_END = re.compile(r"[;,.](?:\s|$)|\s(?:qui|which|that|che|der|die|das|que|sauf|except|unless|salvo|soweit|"
                        r"ha(?:s|ve)|shall|will|is|are|sont|seront|sera|est|seul(?:e?s)?|connaîtront|auront|"
                        r"è|sono|sarà|saranno|competente|competenti|in via|ist|sind|wird|werden|es|son|será|serán|"
                        r"tendrán?|exclusivamente|esclusivamente|exclusivement|ausschließlich)\b", re.IGNORECASE)
# Exclusivity and "place of jurisdiction" words inside a court phrase ("foro esclusivo di Milano").
_COURT_NOISE = re.compile(r"\b(?:esclusiv[oa]|exclusi(?:f|ve|vo|va)|ausschließliche[rn]?)\s+", re.IGNORECASE)
_VENUE_IS = re.compile(r"^(?:gerichtsstand|lieu de juridiction|place of jurisdiction|venue)\b[^.;:]{0,120}?\s(?:ist|est|is|è)\s+",
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


def _seat_party_country(text: str, ctx: dict[str, Any]) -> str | None:
    """"the seat of the Processor": the country of the party that term names."""
    if not _res()["seat"].search(text):
        return None
    parties = ctx.get("record", {}).get("parties") or []
    terms = ctx.get("defined_terms") or {}
    low = fold(text)
    for term, idx in sorted(terms.items(), key=lambda kv: -len(kv[0])):
        if len(term) > 2 and re.search(rf"(?<![\w]){re.escape(fold(term))}(?![\w])", low):
            if idx < len(parties) and parties[idx].get("country"):
                return parties[idx]["country"]
    return None


def _prevailing_language(doc: Document, lo: int, hi: int) -> tuple[str, int, int] | None:
    text = doc.text
    res = _res()
    for m in hits(doc, "version", lo, hi):
        s0, s1 = sentence_span(doc, m.start(), lo, hi)
        sentence = text[s0:s1]
        if not res["prevail"].search(sentence):
            continue
        langs = [(abs(x.start() - (m.start() - s0)), x.group(1)) for x in res["language"].finditer(sentence)]
        if langs:
            return _language_codes()[fold(min(langs)[1])], s0, s1
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
