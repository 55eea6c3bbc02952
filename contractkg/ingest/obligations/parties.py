"""Who a duty binds and whom it benefits: party mentions in a sentence, resolved to parties.

A mention is a defined term of the agreement ("defined_terms", provided by the parties component)
or a generic role noun from deontic.yaml ("le sous-traitant", "the Controller", "each party"),
resolved through "roles" (role -> party index)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from contractkg.ingest.lexicon import alternation, lexicon
from contractkg.ingest.obligations.patterns import lowered, may_match, role_nouns, role_of

CONTROLLER_SIDE = frozenset({"controller", "customer", "data_exporter"})
PROCESSOR_SIDE = frozenset({"processor", "provider", "data_importer", "subprocessor"})


@dataclass(frozen=True)
class Mention:
    start: int  # relative to the sentence
    end: int
    term: str  # as written
    party: int | None  # index into record["parties"]
    role: str | None  # controller | processor | provider | customer | subprocessor | both | ...


def norm_term(term: str) -> str:
    return " ".join(term.replace("’", "'").lower().split())


@lru_cache(maxsize=256)
def _mention_pattern(defined: tuple[str, ...]) -> re.Pattern[str]:
    nouns, _ = role_nouns()
    terms = sorted(defined, key=len, reverse=True)
    alts = [re.escape(t).replace(r"\ ", r"\s+").replace("'", "['’]") for t in terms if t.strip()]
    alts.append(nouns)
    # an elided article may stand right before the term ("l'Utilisateur", "dell'Utente"); "d'utilisateur" may not
    return re.compile(lowered(rf"(?<![\w-])(?<![^l]['’])(?:{'|'.join(alts)})(?![\w-])"), 0)  # a document's terms: not cached


class PartyResolver:
    """Finds party mentions in sentences of one agreement."""

    def __init__(self, given: Mapping[str, Any]):
        self.defined: dict[str, int] = {norm_term(k): v for k, v in (given.get("defined_terms") or {}).items()}
        self.roles: dict[str, int] = dict(given.get("roles") or {})
        self.parties: list[dict[str, Any]] = given.get("parties") or []
        self.fallback: dict[str, str] = lexicon("deontic")["role_fallback"]
        self.pattern = _mention_pattern(tuple(sorted(self.defined)))

    def mentions(self, sentence: str, low: str) -> list[Mention]:
        """Party mentions in ``sentence``; ``low`` is its lower-cased form (see obligation_patterns.lower)."""
        out: list[Mention] = []
        if not may_match(self.pattern, low):
            return out
        for m in self.pattern.finditer(low):
            term = sentence[m.start() : m.end()]
            if term.lower() in ("us", "we", "nous", "noi", "wir", "you", "vous", "voi") and not _pronoun_subject(sentence, m):
                continue
            out.append(self._resolve(m.start(), m.end(), term))
        return out

    def _resolve(self, start: int, end: int, term: str) -> Mention:
        key = norm_term(term)
        party = self.defined.get(key)
        if party is None:
            key2 = re.sub(r"^(?:" + alternation("deontic", "term_articles") + r") ", "", key)
            party = self.defined.get(key2)
        role = role_of(term)
        if party is not None:
            role = self._party_role(party) or role
        elif role and role != "both":
            party = self.roles.get(role)
            if party is None and role in self.fallback:
                party = self.roles.get(self.fallback[role])
        return Mention(start, end, term, party, role)

    def _party_role(self, index: int) -> str | None:
        if 0 <= index < len(self.parties):
            roles = self.parties[index].get("roles") or []
            for r in ("controller", "processor", "subprocessor", "data_exporter", "data_importer", "customer", "provider"):
                if r in roles:
                    return r
        for role, idx in self.roles.items():
            if idx == index:
                return role
        return None


def _pronoun_subject(sentence: str, m: re.Match[str]) -> bool:
    """'we'/'you' count as parties in online terms; keep them unless they are plainly objects."""
    before = sentence[max(0, m.start() - 3) : m.start()].lower()
    return not before.endswith(("à ", "de "))


def same_side(a: Mention, b: Mention) -> bool:
    if a.party is not None and a.party == b.party:
        return True
    if a.party is None or b.party is None:
        return norm_term(a.term) == norm_term(b.term) or (
            a.role is not None and a.role == b.role
        ) or (a.role in CONTROLLER_SIDE and b.role in CONTROLLER_SIDE) or (a.role in PROCESSOR_SIDE and b.role in PROCESSOR_SIDE and "subprocessor" not in (a.role, b.role))
    return False
