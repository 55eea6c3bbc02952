"""Validation findings as an analyst reads them.

A SHACL result whose value is an item of the agreement (a sub-processor engagement, a transfer) is
described by that item: who (the sub-processor or recipient), where (ISO country) and which clause.
Shape messages carry ``{?name}`` and ``{?country}`` placeholders that are filled from it. Findings are
kept once per sub-processor (a sub-processor listed twice is one finding), and a transfer finding is
dropped when the recipient's own sub-processor finding already says the same (same GDPR article).
Every finding gets a path: the shape's sh:path, or for a node shape the first property its sh:or tests."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

import rdflib
from rdflib.collection import Collection
from rdflib.namespace import SH

from contractkg.ontology.shacl import Finding, shape_info, shapes_graph
from contractkg.store import Store

PLACEHOLDER = re.compile(r"\{\?(name|country)\}")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
LOC = "https://w3id.org/dpv/loc#"
BATCH = 500  # items per subjects query


@dataclass(frozen=True)
class Subject:
    """The item a finding is about."""

    kind: str  # "sub-processor" | "transfer"
    iri: str
    name: str = ""  # the sub-processor or the recipient
    country: str = ""  # ISO 3166 code
    party: str = ""  # IRI of the sub-processor or recipient
    clause: str = ""  # clause number of its evidence

    def words(self) -> str:
        """'sub-processor Cloud LLC (US)', 'transfer to Cloud LLC (US)'."""
        what = "transfer to" if self.kind == "transfer" else self.kind
        where = f" ({self.country})" if self.country else ""
        return f"{what} {self.name or '(unnamed)'}{where}"


def country_code(iri: str | None) -> str:
    return iri[len(LOC):] if iri and iri.startswith(LOC) else ""


def describe(store: Store, items: Iterable[str]) -> dict[str, Subject]:
    """The subject of each item IRI that is a sub-processor engagement or a transfer."""
    from contractkg.queries import load

    wanted = sorted({i for i in items if i.startswith(("http://", "https://"))})
    out: dict[str, Subject] = {}
    for k in range(0, len(wanted), BATCH):
        q = load.text("internal/findings/subjects", tables={"items": load.iris(wanted[k:k + BATCH])})
        for r in store.query(q).rows:
            if r["item"] and r["kind"]:
                out[r["item"]] = Subject(r["kind"], r["item"], r["name"] or "", country_code(r["country"]),
                                         r["party"] or "", r["clause"] or "")
    return out


def dedupe(findings: list[Finding], subjects: Mapping[str, Subject]) -> list[Finding]:
    """One finding per (contract, shape, sub-processor); none for a transfer whose recipient already has
    a sub-processor finding under the same GDPR article."""
    info = shape_info()

    def article(f: Finding) -> str | None:
        s = info.get(f.shape)
        return s.article if s else None

    flagged = {(f.contract, s.party, article(f)) for f in findings
               if (s := subjects.get(f.value or "")) and s.kind == "sub-processor" and s.party}
    seen: set[tuple[str, str, str | None]] = set()
    out = []
    for f in findings:
        s = subjects.get(f.value or "")
        if s and s.kind == "transfer" and s.party and (f.contract, s.party, article(f)) in flagged:
            continue
        key = (f.contract, f.shape, (s.party or s.iri) if s else f.value)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def fill(template: str, subject: Subject | None) -> str:
    """A shape message with the item's name and country in place of its placeholders."""
    values = {"name": (subject.name if subject else "") or "(unnamed)",
              "country": (subject.country if subject else "") or "?"}
    return PLACEHOLDER.sub(lambda m: values[m.group(1)], template)


def messages(f: Finding, subject: Subject | None) -> dict[str, str]:
    """The finding's message in every language of its shape, placeholders filled."""
    s = shape_info().get(f.shape)
    return {lang: fill(m, subject) for lang, m in (s.messages.items() if s else [])}


def message(f: Finding, subject: Subject | None, lang: str = "en") -> str:
    texts = messages(f, subject)
    return texts.get(lang) or texts.get("en") or f.shape


@cache
def shape_paths() -> dict[str, str]:
    """Shape IRI -> the property its results are about (an IRI)."""
    g = shapes_graph()
    out: dict[str, str] = {}
    for shape in set(g.subjects(SH.severity, None)):
        path = g.value(shape, SH.path)
        if isinstance(path, rdflib.URIRef):
            out[str(shape)] = str(path)
            continue
        alternatives = g.value(shape, SH["or"])
        for member in Collection(g, alternatives) if alternatives is not None else []:
            p = g.value(member, SH.path)
            if isinstance(p, rdflib.URIRef):
                out[str(shape)] = str(p)
                break
    return out


def path_of(f: Finding) -> str:
    return shape_paths().get(f.shape, "")


def in_words(name: str) -> str:
    """breachNotificationHours, data_subject_categories -> 'breach notification hours', 'data subject categories'."""
    return _CAMEL.sub(" ", name.replace("_", " ")).lower()
