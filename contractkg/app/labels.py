"""Words for the screen: one mapping of kinds and relations for every page, labels for IRIs, clean
titles, and cells that never show None or NaN."""

from __future__ import annotations

import math
import re
from typing import Any
from urllib.parse import quote

# Contract kinds (ckg class local names), the same short words on every page.
KINDS = {"DataProcessingAgreement": "DPA", "TermsOfService": "terms of service",
         "StandardContractualClauses": "SCC", "FrameworkAgreement": "framework agreement",
         "ServiceLevelAgreement": "SLA", "StatementOfWork": "statement of work", "Agreement": "agreement"}

# Relations between a contract and a party (or a party and a place), by property local name or by
# the words the queries bind: every page names a relation the same way.
RELATIONS = {
    "hasDataController": "controller", "DataController": "controller", "controller": "controller",
    "hasDataProcessor": "processor", "DataProcessor": "processor", "processor": "processor",
    "hasDataExporter": "data exporter", "DataExporter": "data exporter", "data_exporter": "data exporter",
    "hasDataImporter": "data importer", "DataImporter": "data importer", "data_importer": "data importer",
    "hasSubProcessor": "sub-processor", "SubProcessor": "sub-processor", "subprocessor": "sub-processor",
    "hasProvider": "provider", "Provider": "provider", "hasCustomer": "customer", "Customer": "customer",
    "hasParty": "party", "Party": "party", "country": "seat", "location": "processes in",
}

_RELATION_NAMES = frozenset(RELATIONS.values())
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_MARKUP = re.compile(r"^\s*(?:#{1,6}\s+|>\s+)|[*_`]{1,3}(?=\S)|(?<=\S)[*_`]{1,3}|\\(?=[#*_`\[\]])")


def local(iri: Any) -> str:
    """The last part of an IRI (after # or /); '' for a missing value."""
    if not present(iri):
        return ""
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def present(value: Any) -> bool:
    """False for None, NaN and blank strings."""
    if value is None:
        return False
    if isinstance(value, float) and math.isnan(value):
        return False
    return bool(str(value).strip())


def cell(value: Any) -> str:
    """A table cell: '' for None or NaN, else the value as text."""
    return str(value) if present(value) else ""


def words(name: str) -> str:
    """A CamelCase or snake_case name in words, as DPV's prefLabels read: EmailAddress -> Email address,
    WithoutUndueDelay -> Without undue delay, IPAddress -> IP address."""
    parts = [p for p in _CAMEL.sub(" ", name.replace("_", " ").replace("-", " ")).split() if p]
    out = [p if p.isupper() and len(p) > 1 else p.lower() for p in parts]
    text = " ".join(out)
    return text[:1].upper() + text[1:]


def concept(iri: Any, label: Any = None) -> str:
    """A vocabulary concept (DPV personal data, data subject, qualifier...) by its label: the label the
    store gives when there is one, else its name in words."""
    if present(label):
        return str(label)
    return words(local(iri))


def kind(value: Any) -> str:
    """DataProcessingAgreement (or its IRI) -> DPA; an unknown kind in words."""
    name = local(value)
    return KINDS.get(name) or (words(name).lower() if name else "")


def relation(value: Any) -> str:
    """A relation property or word -> its one name (hasDataController, DataController -> controller)."""
    name = local(value)
    if name in _RELATION_NAMES:
        return name
    return RELATIONS.get(name) or RELATIONS.get(name.removeprefix("has")) or words(name).lower()


def title(value: Any) -> str:
    """A contract title as plain text: no Markdown heading marks, emphasis or escapes."""
    if not present(value):
        return ""
    return " ".join(_MARKUP.sub("", str(value)).split())


def contract_name(title_: Any, file: Any = None) -> str:
    """The name a contract goes by: its clean title, else its file name."""
    return title(title_) or local(file) or "untitled agreement"


def contract_link(iri: str) -> str:
    """The contract page of one contract (a relative link: it works behind any host and port)."""
    return "/Contract?contract=" + quote(iri, safe="")
