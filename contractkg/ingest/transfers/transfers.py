"""International transfers: one record per sub-processor or recipient outside the EEA.

Reference data (EEA membership, adequacy decisions with adoption/repeal dates) is read once from
``contractkg/ontology/reference/{eea,adequacy}.ttl``. Mechanism details (SCC module, decision,
UK Addendum / IDTA, Swiss amendments) come from the agreement text, lexicon ``safeguards``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from contractkg.ingest import pattern_cache
from contractkg.ingest.lexicon import alternation, lexicon

REFERENCE_DIR = Path(__file__).resolve().parents[2] / "ontology" / "reference"
CKG = "https://w3id.org/contractkg#"
LOC = "https://w3id.org/dpv/loc#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


@dataclass(frozen=True)
class Adequacy:
    country: str
    adopted: date | None
    repealed: date | None
    scope: str | None


@dataclass(frozen=True)
class Reference:
    eea: frozenset[str]
    adequacy: tuple[Adequacy, ...]


def parse_reference(turtle: str) -> Reference:
    """EEA members and adequacy decisions from Turtle in the shape the ontology's reference files use."""
    eea: set[str] = set()
    nodes: dict[str, dict[str, str]] = {}
    for t in ox.parse(turtle, format=ox.RdfFormat.TURTLE):
        s, p, o = t.subject, t.predicate.value, t.object
        key = str(s)
        if p == RDF_TYPE and isinstance(o, ox.NamedNode):
            if o.value == CKG + "EEAMemberState" and isinstance(s, ox.NamedNode) and s.value.startswith(LOC):
                eea.add(s.value[len(LOC):])
            if o.value == CKG + "AdequacyDecision":
                nodes.setdefault(key, {})["_type"] = "yes"
        elif p.startswith(CKG):
            nodes.setdefault(key, {})[p[len(CKG):]] = o.value
    decisions = []
    for props in nodes.values():
        if props.get("_type") and props.get("country", "").startswith(LOC):
            decisions.append(Adequacy(props["country"][len(LOC):], _date(props.get("adoptedOn")),
                                      _date(props.get("repealedOn")), props.get("scope")))
    return Reference(frozenset(eea), tuple(decisions))


def _date(v: str | None) -> date | None:
    try:
        return date.fromisoformat(v[:10]) if v else None
    except ValueError:
        return None


@lru_cache(maxsize=1)
def reference() -> Reference:
    text = "".join((REFERENCE_DIR / f).read_text(encoding="utf-8") + "\n" for f in ("eea.ttl", "adequacy.ttl")
                   if (REFERENCE_DIR / f).exists())
    return parse_reference(text)


REGIONS = frozenset({"EU", "EEA"})  # a location given as the Union or the EEA as a whole


def in_eea(code: str | None, ref: Reference | None = None) -> bool:
    return bool(code) and (code in REGIONS or code in (ref or reference()).eea)


def decision_on(code: str | None, on: date | None = None, ref: Reference | None = None) -> Adequacy | None:
    """The adequacy decision for ``code`` in force on ``on`` (today when unknown), if any."""
    if not code:
        return None
    on = on or date.today()
    for d in (ref or reference()).adequacy:
        if d.country == code and (d.adopted is None or d.adopted <= on) and (d.repealed is None or on < d.repealed):
            return d
    return None


def adequacy_on(code: str | None, on: date | None = None, ref: Reference | None = None) -> bool:
    return decision_on(code, on, ref) is not None


def _stems(words: list[str]) -> re.Pattern[str]:
    alts = sorted({re.escape(w).replace(r"\ ", r"\s+") for w in words}, key=lambda w: (-len(w), w))
    return pattern_cache.compile(r"(?<![\w])(?:" + "|".join(alts) + r")(?![\w])", re.IGNORECASE)


@lru_cache(maxsize=1)
def _patterns() -> dict[str, Any]:
    lex = lexicon("safeguards")
    return {
        "modules": [(k, _stems(v)) for k, v in lex["scc_modules"].items()],
        "decisions": [(k, _stems(v)) for k, v in lex["scc_decisions"].items()],
        "uk": _stems(lex["uk_addendum"]),
        "idta": _stems(lex["idta"]),
        "swiss": _stems(lex["swiss"]),
    }


@lru_cache(maxsize=1)
def _keys() -> tuple[str, ...]:
    """The longest word of every mechanism phrase, lower case: a line without any states none."""
    lex = lexicon("safeguards")
    phrases = [p for group in ("scc_modules", "scc_decisions") for ps in lex[group].values() for p in ps]
    phrases += lex["uk_addendum"] + lex["idta"] + lex["swiss"]
    return tuple({max(re.findall(r"[\w/]+", str(p)), key=len).lower() for p in phrases})


def _relevant_lines(text: str) -> str:
    """The lines of ``text`` that hold a mechanism key (found with str.find), joined."""
    low = text.lower()
    if len(low) != len(text):
        return text
    spans = set()
    for key in _keys():
        i = low.find(key)
        while i >= 0:
            end = low.find("\n", i)
            spans.add((low.rfind("\n", 0, i) + 1, len(low) if end < 0 else end))
            i = low.find(key, i + len(key))
    return "\n".join(text[s:e] for s, e in sorted(spans))


def mechanism_details(text: str) -> dict[str, Any]:
    """SCC modules, decision, UK Addendum / IDTA, Swiss amendments stated in an agreement's text."""
    pats = _patterns()
    full, text = text, _relevant_lines(text)
    modules = [k for k, p in pats["modules"] if p.search(text)]
    decision = next((k for k, p in pats["decisions"] if p.search(text)), None)
    swiss = bool(pats["swiss"].search(text)) and bool(re.search(r"(?i)" + alternation("safeguards", "clauses_words") + r"", full))
    return {"scc_modules": modules, "scc_decision": decision, "uk_addendum": bool(pats["uk"].search(text)),
            "idta": bool(pats["idta"].search(text)), "swiss": swiss}


_MODULE_NUMBER = {"C2C": "1", "C2P": "2", "P2P": "3", "P2C": "4"}
_DATE = re.compile(r"\b(20\d\d|19\d\d)-(\d\d)-(\d\d)\b|\b(\d{1,2})[./](\d{1,2})[./](20\d\d)\b")


def agreement_date(text: str) -> date | None:
    """The first explicit date in the agreement (ISO or d/m/Y), used to read adequacy in force."""
    m = _DATE.search(text)
    if not m:
        return None
    try:
        if m.group(1):
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return date(int(m.group(6)), int(m.group(5)), int(m.group(4)))
    except ValueError:
        return None


def build(record: dict[str, Any], text: str, exporter_country: str | None = None) -> list[dict[str, Any]]:
    """Transfer records for the sub-processors of ``record`` located outside the EEA."""
    third = [sp for sp in record.get("subprocessors") or []
             if (sp.get("processing_country") or sp.get("country")) and not in_eea(sp.get("processing_country") or sp.get("country"))]
    if not third:
        return []
    details = mechanism_details(text)
    on = agreement_date(text)
    out = []
    for sp in third:
        to = sp.get("processing_country") or sp.get("country")
        mech = sp.get("safeguard") or "unspecified"
        dec = decision_on(to, on)
        out.append({
            "from": exporter_country,
            "to": to,
            "recipient": sp.get("name"),
            "mechanism": mech,
            "scc_module": (details["scc_modules"] or [None])[0] if mech == "scc" else None,
            "scc_modules": details["scc_modules"] if mech == "scc" else [],
            # the ontology's ckg:SCCModule notation ("1".."4")
            "scc_module_number": _MODULE_NUMBER.get((details["scc_modules"] or [None])[0]) if mech == "scc" else None,
            "scc_decision": details["scc_decision"] if mech == "scc" else None,
            "uk_addendum": details["uk_addendum"],
            "idta": details["idta"],
            "swiss": details["swiss"],
            "eea": False,
            # a partial decision (e.g. certified organisations only) covers the recipient only when relied on
            "adequacy": dec is not None and (dec.scope is None or mech in ("adequacy", "dpf")),
            "adequacy_scope": dec.scope if dec else None,
            "evidence": sp.get("evidence"),
        })
    return out
