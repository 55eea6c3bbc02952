"""Every DPV-family IRI the package uses (full IRIs, CURIEs, NS + "Name" in code) exists in DPV 2.3."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "contractkg"
NAMESPACES = {
    "dpv": "https://w3id.org/dpv#",
    "pd": "https://w3id.org/dpv/pd#",
    "loc": "https://w3id.org/dpv/loc#",
    "eu-gdpr": "https://w3id.org/dpv/legal/eu/gdpr#",
    "legal-eu": "https://w3id.org/dpv/legal/eu#",
}
CONSTANTS = {"DPV": "dpv", "PD": "pd", "LOC": "loc", "EU_GDPR": "eu-gdpr", "LEGAL_EU": "legal-eu"}
LOCAL = r"([A-Za-z][A-Za-z0-9_-]*[A-Za-z0-9]|[A-Za-z])"
FULL = re.compile("(" + "|".join(re.escape(ns) for ns in sorted(NAMESPACES.values(), key=len, reverse=True)) + ")" + LOCAL)
CURIE = re.compile(r"(?<![\w/#?.-])(dpv|pd|loc|eu-gdpr|legal-eu):" + LOCAL)
# ISO 3166 user-assigned codes, used in prose as "loc:XX"-style placeholders, never as data.
PLACEHOLDERS = {NAMESPACES["loc"] + c for c in ("XX", "YY", "ZZ")}
CODE = re.compile(r"\b(DPV|PD|LOC|EU_GDPR|LEGAL_EU)\s*\+\s*[\"']" + LOCAL + r"[\"']")


def used_iris(text: str) -> set[str]:
    found = {ns + name for ns, name in FULL.findall(text)}
    found |= {NAMESPACES[p] + name for p, name in CURIE.findall(text)}
    found |= {NAMESPACES[CONSTANTS[c]] + name for c, name in CODE.findall(text)}
    return found - PLACEHOLDERS


@pytest.fixture(scope="module")
def dpv_terms(vocab: Path) -> set[str]:
    terms: set[str] = set()
    for f in sorted(vocab.glob("*.ttl")):
        for q in ox.parse(path=str(f), format=ox.RdfFormat.TURTLE):
            if isinstance(q.subject, ox.NamedNode):
                terms.add(q.subject.value)
    assert len(terms) > 1000
    return terms


def package_files() -> list[Path]:
    return sorted(p for ext in ("py", "ttl", "rq", "yaml", "yml") for p in PACKAGE.rglob(f"*.{ext}"))


def test_scanner_sees_every_form() -> None:
    text = 'pd:Name <https://w3id.org/dpv#Customer> DPV + "hasDataController" loc:FR . eu-gdpr:A46-2-c'
    assert used_iris(text) == {
        NAMESPACES["pd"] + "Name", NAMESPACES["dpv"] + "Customer", NAMESPACES["dpv"] + "hasDataController",
        NAMESPACES["loc"] + "FR", NAMESPACES["eu-gdpr"] + "A46-2-c",
    }
    assert not used_iris("@prefix dpv: <https://w3id.org/dpv#> .")


def test_package_uses_dpv_iris() -> None:
    assert any(used_iris(p.read_text(encoding="utf-8")) for p in package_files())


def test_every_dpv_iri_exists(dpv_terms: set[str]) -> None:
    unknown = {}
    for path in package_files():
        for iri in used_iris(path.read_text(encoding="utf-8")):
            if iri not in dpv_terms:
                unknown.setdefault(iri, str(path.relative_to(PACKAGE.parent)))
    assert not unknown, f"IRIs not in DPV 2.3: {unknown}"


def test_unknown_iri_is_reported(dpv_terms: set[str]) -> None:
    assert NAMESPACES["pd"] + "NoSuchCategoryAnywhere" not in dpv_terms
    assert NAMESPACES["dpv"] + "hasDataController" in dpv_terms
