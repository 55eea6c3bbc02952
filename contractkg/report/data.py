"""What a DPA review report holds, collected from the store: parties and roles, the Art. 28 checklist
with the quoted clause for each element, gaps and violations, sub-processors, transfers and deadlines.

Findings come from a fresh validation run that stores nothing, so a report reads a store that another
program holds (read-only). Rendering is elsewhere (html.py); this module only collects."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache

import pyoxigraph as ox

from contractkg import __version__
from contractkg import findings as fi
from contractkg.app import labels
from contractkg.namespaces import CKG, RDFS, SKOS
from contractkg.ontology import art28_elements, ontology_triples
from contractkg.ontology.shacl import shape_info
from contractkg.queries import load
from contractkg.store import Store
from contractkg.validation import ContractReport, contracts, validate

DEADLINE_WORDS = {
    "breach_notification": "breach notification to the controller",
    "breach_notification_qualifier": "breach notification (qualifier)",
    "subprocessor_notice": "notice of a new sub-processor",
    "subprocessor_objection": "window to object to a new sub-processor",
    "audit_notice": "notice before an audit",
    "termination_notice": "notice of termination",
}
MAX_QUOTES = 3  # quotes shown per Art. 28 element


@dataclass
class Quote:
    text: str
    clause: str = ""
    heading: str = ""


@dataclass
class ElementCheck:
    key: str
    label: str
    article: str  # ELI IRI
    stipulated: bool
    clauses: list[str] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    flagged: bool = False  # a Violation names this element


@dataclass
class PartyRow:
    name: str
    roles: list[str]
    country: str
    defined_as: str = ""


@dataclass
class SubprocessorRow:
    name: str
    service: str
    country: str  # where it processes, else its seat
    safeguard: str
    measures: str = ""
    clause: str = ""
    warning: str = ""  # the finding about it, if any


@dataclass
class TransferRow:
    recipient: str
    origin: str
    destination: str
    mechanism: str
    scc_modules: str = ""


@dataclass
class DeadlineRow:
    what: str
    value: str  # ISO 8601 duration or a qualifier in words
    reading: str  # the value in words
    quote: str = ""
    clause: str = ""


@dataclass
class IssueRow:
    severity: str  # Violation | Warning | Gap
    element: str
    about: str  # what it concerns: the element, or 'sub-processor X (US)'
    message: str
    article: str = ""
    path: str = ""
    clause: str = ""
    subject: str = ""  # IRI of the sub-processor (or recipient, or item) it concerns


@dataclass
class ContractReview:
    iri: str
    title: str
    kind: str
    language: str = ""
    source: str = ""
    sha256: str = ""
    governing_law: str = ""
    dpa: bool = False
    parties: list[PartyRow] = field(default_factory=list)
    checklist: list[ElementCheck] = field(default_factory=list)
    issues: list[IssueRow] = field(default_factory=list)
    subprocessors: list[SubprocessorRow] = field(default_factory=list)
    transfers: list[TransferRow] = field(default_factory=list)
    deadlines: list[DeadlineRow] = field(default_factory=list)

    def count(self, severity: str) -> int:
        return sum(i.severity == severity for i in self.issues)

    @property
    def missing(self) -> list[ElementCheck]:
        return [e for e in self.checklist if not e.stipulated or e.flagged]


@dataclass
class Portfolio:
    generated: str
    version: str
    reviews: list[ContractReview]


@cache
def _concept_labels(lang: str) -> dict[str, str]:
    """IRI -> skos:prefLabel (else rdfs:label) in ``lang``, else in English, from the ontology."""
    found: dict[str, dict[tuple[int, str], str]] = {}
    for t in ontology_triples():
        if (t.predicate.value in (SKOS + "prefLabel", RDFS + "label") and isinstance(t.object, ox.Literal)
                and isinstance(t.subject, ox.NamedNode)):
            rank = 0 if t.predicate.value == SKOS + "prefLabel" else 1
            found.setdefault(t.subject.value, {})[(rank, t.object.language or "")] = t.object.value
    out = {}
    for iri, labels_ in found.items():
        for key in sorted(labels_, key=lambda k: (k[1] != lang, k[1] != "en", k[0])):
            out[iri] = labels_[key]
            break
    return out


def concept_label(iri: str | None, lang: str = "en") -> str:
    if not iri:
        return ""
    return _concept_labels(lang).get(iri) or labels.concept(iri)


def country_name(iri: str | None) -> str:
    """loc:US -> 'United States (US)'."""
    code = fi.country_code(iri)
    if not code:
        return labels.local(iri) if iri else ""
    import pycountry

    found = pycountry.countries.get(alpha_2=code)
    return f"{getattr(found, 'common_name', None) or found.name} ({code})" if found else code


def duration_words(value: str) -> str:
    """P3D -> '3 days', PT72H -> '72 hours', P1M2D -> '1 month 2 days'; anything else as given."""
    m = re.fullmatch(r"P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?", value)
    if not m or not any(m.groups()):
        return value
    units = ("year", "month", "week", "day", "hour", "minute", "second")
    return " ".join(f"{n} {u}{'s' if n != '1' else ''}" for n, u in zip(m.groups(), units, strict=True) if n)


def _rows(store: Store, name: str, contract: str) -> list[dict[str, str | None]]:
    return store.query(load.text(f"internal/report/{name}", tables={"contract": load.iris([contract])})).rows


def review(store: Store, contract: str, reports: Mapping[str, ContractReport] | None = None,
           lang: str = "en") -> ContractReview:
    """The review of one agreement (``reports``: validation reports by contract IRI, when run already)."""
    head = _rows(store, "contract", contract)
    if not head:
        raise LookupError(f"no agreement {contract} in the store")
    h = head[0]
    r = ContractReview(iri=contract, title=labels.contract_name(h["title"], h["source"]), kind=labels.kind(h["kind"]),
                       language=h["language"] or "", source=h["source"] or "", sha256=h["sha256"] or "",
                       governing_law=country_name(h["governing_law"]), dpa=h["dpa"] == "true")
    r.parties = [PartyRow(p["name"] or "(unnamed)", [labels.relation(x) for x in (p["roles"] or "").split()],
                          country_name(p["country"]), p["defined_as"] or "")
                 for p in _rows(store, "parties", contract)]
    r.checklist = _checklist(_rows(store, "art28", contract), lang) if r.dpa else []
    r.transfers = [TransferRow(t["recipient"] or "", country_name(t["from"]), country_name(t["to"]),
                               concept_label(t["mechanism"], lang), t["scc_modules"] or "")
                   for t in _rows(store, "transfers", contract)]
    r.deadlines = [_deadline(d, lang) for d in _rows(store, "deadlines", contract)]
    r.deadlines.sort(key=lambda d: list(DEADLINE_WORDS.values()).index(d.what) if d.what in DEADLINE_WORDS.values() else 99)
    subprocessor_rows = _rows(store, "subprocessors", contract)
    if r.dpa:
        if reports is None:
            reports = {x.contract.iri: x for x in validate(store, contract, workers=1, save=False)}
        _issues(r, reports.get(contract), lang)
    warnings: dict[str, list[str]] = {}
    for i in r.issues:
        if i.subject:
            warnings.setdefault(i.subject, []).append(i.message)
    for s in subprocessor_rows:
        country = s["location"] or s["seat_country"] or s["party_country"]
        said = warnings.get(s["party"] or "") or warnings.get(s["engagement"] or "") or []
        r.subprocessors.append(SubprocessorRow(
            s["name"] or "(unnamed)", s["service"] or "", country_name(country), concept_label(s["safeguard"], lang),
            s["measures"] or "", s["clause"] or "", " ".join(said)))
    return r


def _checklist(rows: list[dict[str, str | None]], lang: str) -> list[ElementCheck]:
    by_iri: dict[str, ElementCheck] = {}
    for key, iri in art28_elements().items():
        by_iri[iri] = ElementCheck(key, concept_label(iri, lang), _article(iri), stipulated=False)
    for row in rows:
        check = by_iri.get(row["element"] or "")
        if check is None:
            continue
        if row["status"] == "stipulated":
            check.stipulated = True
            if row["ref"] and row["ref"] not in check.clauses:
                check.clauses.append(row["ref"])
            quote = " ".join((row["quote"] or "").split())
            heading = " ".join((row["heading"] or "").split())
            if heading.rstrip(" .…") and heading.rstrip(" .…") in quote:
                heading = ""  # the quote already says it
            if quote and quote not in [q.text for q in check.quotes]:
                check.quotes.append(Quote(quote, row["clause"] or "", heading))
    for check in by_iri.values():  # sentences before headings and contents lines; text order otherwise
        ranked = sorted(enumerate(check.quotes), key=lambda iq: (_heading_like(iq[1].text), iq[0]))
        check.quotes = [q for _, q in ranked[:MAX_QUOTES]]
    return list(by_iri.values())


def _heading_like(text: str) -> bool:
    """A heading or a table-of-contents line rather than a sentence: few words, dot leaders, or no closing
    punctuation."""
    return len(text.split()) < 6 or "...." in text or "…" in text or not text.rstrip("\"'”»)]").endswith((".", ";", ":", "!", "?"))


@cache
def _articles() -> dict[str, str]:
    return {t.subject.value: t.object.value for t in ontology_triples()
            if t.predicate.value == CKG + "gdprPoint" and isinstance(t.object, ox.NamedNode)
            and isinstance(t.subject, ox.NamedNode)}


def _article(iri: str) -> str:
    return _articles().get(iri, "")


def _deadline(row: dict[str, str | None], lang: str) -> DeadlineRow:
    value = row["value"] or ""
    what = row["what"] or ""
    reading = concept_label(value, lang) if value.startswith("http") else duration_words(value)
    days = re.fullmatch(r"P(\d+)D", value)
    if what == "breach_notification" and days:  # the store keeps PT48H as P2D; breach windows read in hours
        reading = f"{int(days.group(1)) * 24} hours ({reading})"
    shown = reading if value.startswith("http") else value
    return DeadlineRow(DEADLINE_WORDS.get(what, labels.words(what).lower()), shown, reading,
                       " ".join((row["quote"] or "").split()), row["clause"] or "")


def _issues(r: ContractReview, report: ContractReport | None, lang: str) -> None:
    """Violations and warnings of the validation report (named, once each: see findings.py), then the
    elements extraction found missing that no Violation already names (Gap)."""
    info = shape_info()
    keys = art28_elements()
    named: set[str] = set()
    for f in report.findings if report else []:
        s, subject = info.get(f.shape), report.subject(f) if report else None
        element = s.element if s else None
        if f.severity == "Violation" and element:
            named.add(element)
        element_label = concept_label(keys[element], lang) if element in keys else labels.words(element or "").lower()
        r.issues.append(IssueRow(f.severity, element_label, subject.words() if subject else element_label or "the agreement",
                                 fi.message(f, subject, lang), (s.article or "") if s else "",
                                 labels.local(fi.path_of(f)), subject.clause if subject else "",
                                 (subject.party or subject.iri) if subject else ""))
    for check in r.checklist:
        if not check.stipulated and check.key not in named:
            r.issues.append(IssueRow("Gap", check.label, check.label, "extraction found no clause for this element",
                                     check.article, "coversElement"))
    for check in r.checklist:
        check.flagged = check.key in named
    order = {"Violation": 0, "Gap": 1, "Warning": 2}
    r.issues.sort(key=lambda i: order.get(i.severity, 3))


def portfolio(store: Store, iris: list[str] | None = None, lang: str = "en") -> Portfolio:
    """Reviews of every agreement (or of the agreements ``iris``), validated in one run."""
    chosen = iris if iris is not None else [c.iri for c in contracts(store)]
    one = chosen[0] if len(chosen) == 1 else None  # one agreement: validate it alone
    reports = {x.contract.iri: x for x in validate(store, one, save=False)} if chosen else {}
    reviews = [review(store, iri, reports, lang) for iri in chosen]
    reviews.sort(key=lambda v: (not v.dpa, v.title.lower()))
    when = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    return Portfolio(generated=when, version=__version__, reviews=reviews)
