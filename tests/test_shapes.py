"""Each SHACL shape: one DPA that conforms to it and one that does not (all validated in one run)."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from contractkg import kg
from contractkg.ingest.document import Document
from contractkg.ontology import art28_elements
from contractkg.ontology.shacl import shape_info
from contractkg.store.embedded import EmbeddedStore
from contractkg.validation import ContractReport, validate

CKG = "https://w3id.org/contractkg#"


def complete_dpa() -> dict[str, Any]:
    """A DPA that satisfies every shape."""
    return {
        "kind": "dpa", "title": "complete",
        "parties": [{"name": "Proc Ltd", "roles": ["processor"], "country": "IE"},
                    {"name": None, "defined_as": ["the controller"], "roles": ["controller"]}],
        "art28": {key: str(i + 1) for i, key in enumerate(art28_elements())}, "missing": [],
        "subprocessor_authorisation": "general",
        "deadlines": {"breach_notification": "PT48H", "subprocessor_objection": "P14D", "subprocessor_notice": "P30D"},
        "subprocessors": [{"name": "Host GmbH", "country": "DE", "service": "hosting", "safeguard": "none"},
                          {"name": "Mail Inc", "country": "US", "service": "e-mail", "safeguard": "scc"},
                          {"name": "Tokyo KK", "country": "JP", "service": "support", "safeguard": "unspecified"}],
        "transfers": [{"from": "IE", "to": "US", "mechanism": "dpf"}, {"from": "IE", "to": "CH"}],
    }


def variant(title: str, change) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    rec = copy.deepcopy(complete_dpa())
    rec["title"] = title
    change(rec)
    return rec


def drop_element(key: str):  # type: ignore[no-untyped-def]
    return lambda r: r["art28"].__setitem__(key, None)


# shape local name -> (a change that breaks it, a change that still conforms)
CASES: dict[str, tuple[Any, Any]] = {
    **{f"{iri.rsplit('#', 1)[1]}Shape": (drop_element(key), lambda r: None) for key, iri in art28_elements().items()},
    "Art28-2AuthorisationShape": (
        lambda r: (r["art28"].__setitem__("subprocessors", None), r.pop("subprocessor_authorisation")),
        lambda r: r["art28"].__setitem__("subprocessors", None)),
    "Art28-2GeneralAuthorisationShape": (
        lambda r: r.update(deadlines={"breach_notification": "PT48H"}),
        lambda r: r.update(deadlines={"breach_notification": "PT48H"}, subprocessor_authorisation="specific")),
    "Art28-4FlowDownShape": (
        lambda r: r["art28"].__setitem__("subprocessors", None),
        lambda r: (r["art28"].__setitem__("subprocessors", None), r.update(subprocessors=[]),
                   r.pop("subprocessor_authorisation"))),
    "Art33-2BreachNotificationShape": (
        lambda r: r.update(deadlines={"subprocessor_objection": "P14D"}),
        lambda r: r.update(deadlines={"subprocessor_objection": "P14D"},
                           obligations=[{"bearer": 0, "beneficiary": 1, "modality": "obligation",
                                         "type": "breach_notification", "action": "notify"}])),
    "BreachNotificationWithin72HoursShape": (
        lambda r: r["deadlines"].update(breach_notification="P5D"),
        lambda r: r["deadlines"].update(breach_notification="PT72H")),
    "BreachNotificationTimeBoundShape": (
        lambda r: r["deadlines"].update(breach_notification=None, breach_notification_qualifier="without_undue_delay"),
        lambda r: r["deadlines"].update(breach_notification="P1D")),
    "ObjectionWindowShape": (
        lambda r: r["deadlines"].update(subprocessor_objection="PT48H"),
        lambda r: r["deadlines"].update(subprocessor_objection="P7D")),
    "TransferSafeguardShape": (
        lambda r: r["transfers"].append({"from": "FR", "to": "IN", "mechanism": "unspecified"}),
        lambda r: r["transfers"].append({"from": "FR", "to": "IN", "mechanism": "bcr"})),
    "SubProcessorSafeguardShape": (
        lambda r: r["subprocessors"].append({"name": "Cloud LLC", "country": "US", "safeguard": "none"}),
        lambda r: r["subprocessors"].append({"name": "Cloud LLC", "country": "DE", "processing_country": "NO",
                                             "safeguard": "none"})),
    "SubProcessorCountryShape": (
        lambda r: r["subprocessors"].append({"name": "Nowhere SA", "safeguard": "scc"}),
        lambda r: r["subprocessors"].append({"name": "Nowhere SA", "processing_country": "FR"})),
}


@pytest.fixture(scope="module")
def reports() -> dict[str, ContractReport]:
    store = EmbeddedStore(None)
    records = [complete_dpa()]
    for shape, (bad, good) in CASES.items():
        records += [variant(f"bad {shape}", bad), variant(f"good {shape}", good)]
    records.append({"kind": "terms", "title": "terms", "art28": {}})  # not a DPA: never checked
    doc = Document(source="/tmp/shape-cases.txt", text="x")
    store.replace_document(kg.doc_iri(doc), kg.build(doc, records))
    return {r.contract.title: r for r in validate(store, workers=1, save=False)}


def failing_shapes(report: ContractReport) -> set[str]:
    return {f.shape.removeprefix(CKG) for f in report.findings}


def test_every_shape_has_a_case() -> None:
    assert {s.removeprefix(CKG) for s in shape_info()} == set(CASES)


def test_every_shape_cites_its_article_in_four_languages() -> None:
    for shape, info in shape_info().items():
        assert info.article and info.article.startswith("http://data.europa.eu/eli/reg/2016/679/art_"), shape
        assert set(info.messages) == {"en", "fr", "it", "de"}, shape


def test_complete_dpa_conforms(reports: dict[str, ContractReport]) -> None:
    assert reports["complete"].findings == []
    assert "terms" not in reports


@pytest.mark.parametrize("shape", sorted(CASES))
def test_shape_fires_only_on_the_broken_dpa(reports: dict[str, ContractReport], shape: str) -> None:
    assert shape in failing_shapes(reports[f"bad {shape}"])
    assert shape not in failing_shapes(reports[f"good {shape}"])


def test_element_violations_name_exactly_the_missing_elements(reports: dict[str, ContractReport]) -> None:
    info = shape_info()
    for key, iri in art28_elements().items():
        report = reports[f"bad {iri.rsplit('#', 1)[1]}Shape"]
        elements = {info[f.shape].element for f in report.findings if f.severity == "Violation"}
        assert elements == {key}
        assert not report.conforms


def test_severities(reports: dict[str, ContractReport]) -> None:
    sev = {f.shape.removeprefix(CKG): f.severity for r in reports.values() for f in r.findings}
    assert sev["Art33-2BreachNotificationShape"] == "Violation"
    assert sev["ObjectionWindowShape"] == "Warning" and sev["TransferSafeguardShape"] == "Warning"
    assert reports["bad ObjectionWindowShape"].conforms  # warnings alone do not break conformance
