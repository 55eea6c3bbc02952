"""Roles of parties: role words, role declarations, SCC annex party lines, unnamed parties, defaults."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Any

from contractkg.ingest import pattern_cache
from contractkg.ingest.document import Agreement
from contractkg.ingest.jurisdiction.cues import hits
from contractkg.ingest.lexical.countries import find_countries, fold, trie_regex
from contractkg.ingest.lexicon import alternation, by_language, lexicon
from contractkg.ingest.parties.names import find_companies, is_placeholder, parse_phrase
from contractkg.ingest.structure.defined_terms import norm_term

_ARTICLE = pattern_cache.compile(r"^(?:(?:" + alternation("roles", "term_articles") + r")\s+|"
                                 r"l['’]\s*)",
                                 re.IGNORECASE)
# Roles that an unnamed party may be inferred from (a sub-processor is a third party).
_PARTY_ROLES = ("controller", "processor", "provider", "customer", "data_exporter", "data_importer")


@lru_cache(maxsize=1)
def _role_words() -> dict[str, str]:
    return {fold(w): role for role, words in lexicon("roles")["roles"].items() for w in by_language(words)}


@lru_cache(maxsize=1)
def _pronouns() -> dict[str, str]:
    return {fold(w): side for side, words in lexicon("roles")["pronouns"].items() for w in words}


def side_of_role(role: str) -> str | None:
    for side, roles in lexicon("roles")["sides"].items():
        if role in roles:
            return side
    return None


def role_of_term(term: str) -> str | None:
    """Role named by a defined term or role phrase: "le Sous-traitant" -> "processor"."""
    key = fold(_ARTICLE.sub("", norm_term(term))).strip(" .,;:")
    words = _role_words()
    if key in words:
        return words[key]
    singular = " ".join(w[:-1] if w.endswith(("s", "x")) and len(w) > 3 else w for w in key.split())
    return words.get(singular)


def side_of(terms: tuple[str, ...] | list[str]) -> str | None:
    """The side a pronoun term names: "nous"/"we" -> vendor, "vous"/"you" -> client."""
    for t in terms:
        side = _pronouns().get(fold(norm_term(t)))
        if side:
            return side
    return None


def _alts(words: list[str], cache: bool = True) -> str:
    return trie_regex([w for w in words if w], flexible=True, cache=cache)


@lru_cache(maxsize=1)
def _role_phrase_re() -> re.Pattern[str]:
    words = [w for ws in lexicon("roles")["roles"].values() for w in by_language(ws)]
    # role words used as names are capitalised: the look-ahead skips every other word quickly
    return pattern_cache.compile(rf"(?<![\w-])(?=[A-ZÀ-Ý])((?i:{_alts(words)}))(?![\w-])")


@lru_cache(maxsize=1)
def _any_role_re() -> re.Pattern[str]:
    words = [w for ws in lexicon("roles")["roles"].values() for w in by_language(ws)]
    return pattern_cache.compile(rf"(?<![\w-])({_alts(words)})(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=1)
def _declaration_re() -> re.Pattern[str]:
    verbs = _alts(lexicon("roles")["declarations"])
    words = [w for ws in lexicon("roles")["roles"].values() for w in by_language(ws)]
    art = r"(?:(?:" + alternation("roles", "declaration_articles") + r")\s+)*"
    return pattern_cache.compile(rf"(?<![\w])(?:{verbs})\s+{art}(?P<role>{_alts(words)})(?![\w-])", re.IGNORECASE)


_SENTENCE_END = re.compile(r"[.;!?](?:\s|$)")
_NEGATION = re.compile(r"(?:\bn['’]|\bne\b|\bnot\b|\bnon\b|\bnicht\b|\bkein|\bno\b|\bnunca\b|\bjamais\b)", re.IGNORECASE)


def _party_terms(parties: list[dict[str, Any]]) -> tuple[dict[str, int], re.Pattern[str] | None]:
    """Each party's names and defined terms -> its index, and one pattern finding any of them."""
    terms: dict[str, int] = {}
    for i, p in enumerate(parties):
        for t in p.get("defined_as", []) + [p.get("name"), p.get("trade_name")]:
            if t and len(t) > 2:
                terms.setdefault(norm_term(t), i)
    if not terms:
        return terms, None
    return terms, re.compile(r"(?<![\w])(" + _alts(list(terms), cache=False) + r")(?![\w])", re.IGNORECASE)


def add_declared_roles(ag: Agreement, parties: list[dict[str, Any]]) -> None:
    """"le Client agit en tant que responsable du traitement": the nearest party term before the verb."""
    terms, term_re = _party_terms(parties)
    if term_re is None:
        return
    text = ag.doc.text
    for m in _declaration_re().finditer(text, ag.start, ag.end):
        before = text[max(ag.start, m.start() - 70) : m.start()]
        hits = list(term_re.finditer(before))
        if not hits:
            continue
        between = before[hits[-1].end():]
        if _SENTENCE_END.search(between):  # subject and verb of one sentence ("...des Auftraggebers. (2) Ist der ...")
            continue
        # the subject must govern the verb: not "(the "Processor") and the entity identified as Customer"
        if len(between) > 40 or re.search(r"[)»”\"]\s*(?:,|" + alternation("roles", "declaration_and_words") + r")\s|\s(?:"
                      + alternation("roles", "declaration_list_words") + r")\s", between):
            continue
        if _NEGATION.search(between + text[m.start() : m.start("role")]):
            continue
        idx = terms.get(norm_term(hits[-1].group(1)))
        role = role_of_term(m.group("role"))
        if idx is None or role is None or role_of_term(hits[-1].group(1)) == role == "subprocessor":
            continue
        party = parties[idx]
        if role not in party["roles"]:
            party["roles"].append(role)
            party.setdefault("role_evidence", {})[role] = [m.start(), m.end()]


_QUOTED = re.compile(r"[«“\"„]\s*([^»”\"\n]{2,50}?)\s*[»”\"“]")
_HEAD_JUNK = re.compile(r"^[\s•\-*\d.()]*(?:[a-z]\)\s*)?|[\s:)]+$")


def _defined_word(head: str) -> str | None:
    """The term a definition line defines: its quoted term, else the short text before the verb."""
    quoted = _QUOTED.findall(head)
    if quoted:
        return quoted[-1]
    word = _HEAD_JUNK.sub("", head)
    return word if 1 < len(word) <= 50 else None


def add_definition_roles(ag: Agreement, parties: list[dict[str, Any]]) -> None:
    """Definitions of roles: '"Processor" means Acme GmbH', « Sous-traitant » désigne le Prestataire."""
    terms, term_re = _party_terms(parties)
    if term_re is None:
        return
    text = ag.doc.text
    for m in hits(ag.doc, "means", ag.start, ag.end):
        line_start = text.rfind("\n", ag.start, m.start()) + 1 or ag.start
        if m.start() - line_start > 80:
            continue
        word = _defined_word(text[line_start : m.start()])
        if not word:
            continue
        rest_end = min(ag.end, m.end() + 160)
        stop = re.search(r"[.;\n]", text[m.end() : rest_end])
        rest_span = (m.end(), m.end() + stop.start() if stop else rest_end)
        role = role_of_term(word)
        if not role or role == "subprocessor":
            continue
        rest = text[rest_span[0] : rest_span[1]][:60]
        hit = term_re.search(rest)
        # not a self-reference ("sub-processor" means any sub-processor ...) nor "any/each X"
        if not hit or role_of_term(hit.group(1)) == role or re.search(r"\b(?:" + alternation("roles", "any_words") + r")\s+$", rest[: hit.start()], re.IGNORECASE):
            continue
        party = parties[terms[norm_term(hit.group(1))]]
        if role not in party["roles"]:
            party["roles"].append(role)
            party.setdefault("role_evidence", {})[role] = [line_start, rest_span[1]]
        word = _ARTICLE.sub("", word.strip())
        if word not in party["defined_as"]:
            party["defined_as"].append(word)


def unnamed_parties(ag: Agreement, parties: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Parties met only as role words ("le Client", "FOURNISSEUR DU SERVICE"); also adds such words
    to the one party of their side."""
    counts: Counter[str] = Counter()
    first: dict[str, tuple[int, int]] = {}
    for m in _role_phrase_re().finditer(ag.doc.text, ag.start, ag.end):
        word = m.group(1)
        if not word[0].isupper():
            continue
        key = " ".join(word.split())
        counts[key] += 1
        first.setdefault(key, (m.start(), m.end()))
    by_side: dict[str, list[str]] = {}
    for word, n in counts.items():
        role = role_of_term(word)
        if n < 2 or role not in _PARTY_ROLES:
            continue
        by_side.setdefault(side_of_role(role) or "", []).append(word)
    new = []
    for side, words in by_side.items():
        holders = [p for p in parties if p.get("side") == side]
        words.sort(key=lambda w: -counts[w])
        if len(holders) >= 1:
            for h in holders:
                h["defined_as"] = h.get("defined_as", []) + words
            continue
        roles = [r for r in (role_of_term(w) for w in words) if r]
        start, end = first[words[0]]
        new.append({"name": None, "legal_form": None, "registration": None, "address": None, "country": None,
                    "email": None, "contact": None, "trade_name": None, "defined_as": words, "roles": roles,
                    "side": side, "evidence": [start, end]})
    return new


def assign_sides(parties: list[dict[str, Any]]) -> None:
    """A side for each party without one: the other side of the only side known, else vendor if named."""
    sides = [p.get("side") for p in parties]
    for p in parties:
        if p.get("side"):
            continue
        others = {s for s in sides if s}
        if len(others) == 1:
            p["side"] = "client" if others == {"vendor"} else "vendor"
        elif p.get("name"):
            p["side"] = "vendor"


def add_default_roles(ag: Agreement, parties: list[dict[str, Any]]) -> None:
    """Controller/processor in a DPA, customer/provider in other agreements, by side."""
    assign_sides(parties)
    dpa = ag.kind in ("dpa", "scc")
    for p in parties:
        roles = p.setdefault("roles", [])
        side = p.get("side")
        if side == "vendor":
            if dpa and not {"processor", "subprocessor", "controller"} & set(roles):
                roles.append("processor")
            if not dpa and "provider" not in roles:
                roles.append("provider")
        elif side == "client":
            if dpa and not {"controller", "processor"} & set(roles):
                roles.append("controller")
            if not dpa and "customer" not in roles:
                roles.append("customer")


_SCC_HEAD = pattern_cache.compile(r"^[ \t•\-\d.]*(?:(?:" + alternation("roles", "scc_head_articles") + r")?(?:data )?)?"
                                  r"(?P<kind>" + alternation("roles", "scc_kinds") + r")[^\n]{0,80}$", re.IGNORECASE | re.MULTILINE)
_SCC_NAME = pattern_cache.compile(r"^[ \t•\-\d.]*(?:" + alternation("roles", "scc_name_labels") + r")\s*:[ \t]*(?P<v>[^\n]+)$",
                                  re.IGNORECASE | re.MULTILINE)
_SCC_ADDRESS = pattern_cache.compile(r"^[ \t•\-\d.]*(?:" + alternation("roles", "scc_address_labels") + r")\s*:[ \t]*(?P<v>[^\n]+)$",
                                     re.IGNORECASE | re.MULTILINE)
_SCC_ROLE = pattern_cache.compile(r"^[ \t•\-\d.]*(?:" + alternation("roles", "scc_role_labels") + r")\b[^:\n]{0,60}:[ \t]*(?P<v>[^\n]+)$",
                                  re.IGNORECASE | re.MULTILINE)


_SCC_TERM = pattern_cache.compile(r"(?:data\s+)?\w*(?:xport|mport|sportat)\w*(?:\s+(?:" + alternation("roles", "scc_term_of") + r")\s+(?:" + alternation("roles", "scc_term_data") + r"))?",
                                  re.IGNORECASE)


def scc_parties(ag: Agreement) -> list[dict[str, Any]]:
    """Parties of SCC annex lists: "Data importer(s): Name: ... Role (controller/processor): ..."."""
    text = ag.doc.text
    heads = list(_SCC_HEAD.finditer(text, ag.start, ag.end))
    out = []
    for i, h in enumerate(heads):
        end = heads[i + 1].start() if i + 1 < len(heads) else min(ag.end, h.end() + 1500)
        name = _SCC_NAME.search(text, h.end(), end)
        if name:
            value_start, value_end, after = name.start("v"), name.end("v"), name.end()
        else:  # "Data importer: Acme Inc., 1 Main Street ...": the party on the heading line
            colon = text.find(":", h.end("kind"), h.end())
            if colon == -1 or not text[colon + 1 : h.end()].strip():
                continue
            value_start = colon + 1 + len(text[colon + 1 : h.end()]) - len(text[colon + 1 : h.end()].lstrip())
            value_end = after = h.end()
        kind = "data_exporter" if "xport" in h.group("kind").lower() else "data_importer"
        value = text[value_start:value_end]
        if find_companies(value):
            party = parse_phrase(text, value_start, value_end)
            address = _SCC_ADDRESS.search(text, after, end)
            if party and address and not party.get("address"):
                party["address"] = address.group("v").strip(" ,;")
                found = find_countries(party["address"])
                party["country"] = found[-1][2] if found else party["country"]
        elif is_placeholder(value) or role_of_term(value) or value.strip().startswith("["):
            party = {"name": None, "legal_form": None, "registration": None, "address": None, "country": None,
                     "email": None, "contact": None, "trade_name": None, "evidence": [value_start, value_end]}
        else:
            continue
        if party is None:
            continue
        roles = [kind]
        role = _SCC_ROLE.search(text, after, end)
        if role:
            roles += [r for r in (role_of_term(m.group(1)) for m in _any_role_re().finditer(role.group("v"))) if r]
        party["roles"] = roles
        party["defined_as"] = [w for w in re.findall(r"[«“\"]\s*([^»”\"]{2,40}?)\s*[»”\"]", value)]
        head_term = _SCC_TERM.search(h.group(0))
        if head_term:  # "the data exporter" names this party in the clauses
            party["defined_as"].append(head_term.group(0).lower())
        party["side"] = side_of_role(kind)
        out.append(party)
    return out


_IDENTITY = ("name", "legal_form", "registration", "address", "country", "email", "contact", "trade_name")


def inherit_parties(ag: Agreement, parties: list[dict[str, Any]]) -> bool:
    """An annex naming no company (a DPA annexed to terms, a SOW under an MSA) is between the parties
    of its main agreement: each of its unnamed parties takes the identity of the main party with the
    same defined term or side, and main parties it does not mention are added with their roles.
    Remembers ``parties`` for later annexes of the same document; returns whether it inherited."""
    by_agreement: dict[int, list[dict[str, Any]]] = ag.doc.memo("parties_by_agreement", dict)
    main = by_agreement.get(ag.part_of) if ag.part_of is not None else None
    inherited = False
    if main and not any(p.get("name") for p in parties) and any(p.get("name") for p in main):
        for mp in main:
            own = _counterpart(mp, parties)
            if own is None:
                parties.append({**{k: mp.get(k) for k in _IDENTITY}, "defined_as": list(mp.get("defined_as", [])),
                                "roles": list(mp.get("roles", [])), "side": mp.get("side"),
                                "evidence": list(mp["evidence"]), "inherited": True})
            elif mp.get("name") and not own.get("name"):
                own.update({k: mp.get(k) for k in _IDENTITY})
                own["defined_as"] = own.get("defined_as", []) + list(mp.get("defined_as", []))
                own["side"] = own.get("side") or mp.get("side")
                own["inherited"] = True
        inherited = True
    by_agreement[ag.index] = parties
    return inherited


def _counterpart(main_party: dict[str, Any], parties: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The party of the annex standing for ``main_party``: a shared defined term, else the same side."""
    terms = {norm_term(t) for t in main_party.get("defined_as", [])}
    for p in parties:
        if terms & {norm_term(t) for t in p.get("defined_as", [])}:
            return p
    side = main_party.get("side")
    same_side = [p for p in parties if side and p.get("side") == side]
    return same_side[0] if len(same_side) == 1 else None
