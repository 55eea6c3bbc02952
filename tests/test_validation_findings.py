"""Findings an analyst can act on: each names its contract and what it concerns (sub-processor, transfer),
once per sub-processor, with a path; stored reports carry the same; contracts are found by title or file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from contractkg import kg
from contractkg.ingest.document import Document
from contractkg.namespaces import sparql_prefixes
from contractkg.ontology import art28_elements
from contractkg.store.embedded import EmbeddedStore
from contractkg.validation import ContractReport, as_json, lookup, resolve, table_rows, validate

CKG = "https://w3id.org/contractkg#"


def dpa(title: str, **extra: Any) -> dict[str, Any]:
    rec = {"kind": "dpa", "title": title, "subprocessor_authorisation": "specific",
           "parties": [{"name": "Vendor Oy", "roles": ["processor"], "country": "FI"}],
           "art28": {k: "1" for k in art28_elements()}, "missing": [], "deadlines": {"breach_notification": "PT24H"}}
    rec.update(extra)
    return rec


RISKY = dpa(
    "Risky hosting DPA",
    subprocessors=[{"name": "Cloud LLC", "country": "US", "service": "hosting", "safeguard": "none"},
                   {"name": "Cloud LLC", "country": "US", "service": "backups", "safeguard": "none"},
                   {"name": "Nowhere SA", "service": "support", "safeguard": "scc"},
                   {"name": "Safe GmbH", "country": "DE", "service": "e-mail"}],
    transfers=[{"from": "FI", "to": "US", "recipient": "Cloud LLC", "mechanism": "unspecified"},
               {"from": "FI", "to": "IN", "recipient": "Mumbai Support Pvt Ltd", "mechanism": "unspecified"}])


@pytest.fixture(scope="module")
def store() -> EmbeddedStore:
    st = EmbeddedStore(None)
    for name, records in (("risky", [RISKY]), ("clean", [dpa("Clean analytics DPA")]),
                          ("gap", [dpa("Gap DPA", missing=["audits"])])):
        doc = Document(source=f"/tmp/findings-{name}.txt", text="x")
        st.replace_document(kg.doc_iri(doc), kg.build(doc, records))
    return st


@pytest.fixture(scope="module")
def reports(store: EmbeddedStore) -> dict[str, ContractReport]:
    return {r.contract.title: r for r in validate(store, workers=1)}


def test_one_warning_per_sub_processor_naming_it(reports: dict[str, ContractReport]) -> None:
    r = reports["Risky hosting DPA"]
    about = sorted((f.shape.removeprefix(CKG), r.subject(f).words()) for f in r.findings if r.subject(f))
    assert about == [("SubProcessorCountryShape", "sub-processor Nowhere SA"),
                     ("SubProcessorSafeguardShape", "sub-processor Cloud LLC (US)"),
                     ("TransferSafeguardShape", "transfer to Mumbai Support Pvt Ltd (IN)")]
    assert len(r.findings) == 3  # the transfer to Cloud LLC is the sub-processor's warning, not a second one


def test_messages_name_the_item_in_every_language(reports: dict[str, ContractReport]) -> None:
    r = reports["Risky hosting DPA"]
    texts = {row[3]: row[4] for row in table_rows([r], "en")}
    assert texts["sub-processor Cloud LLC (US)"].startswith("Sub-processor Cloud LLC (US) has no transfer safeguard")
    assert texts["transfer to Mumbai Support Pvt Ltd (IN)"].startswith("The transfer to Mumbai Support Pvt Ltd (IN)")
    assert texts["sub-processor Nowhere SA"].startswith("Sub-processor Nowhere SA is listed with no country")
    for lang in ("fr", "it", "de"):
        for row in table_rows([r], lang):
            assert "{?" not in row[4] and ("Cloud LLC" in row[4] or "Nowhere SA" in row[4] or "Mumbai" in row[4])


def test_every_result_has_a_path_and_names_its_contract(store: EmbeddedStore,
                                                        reports: dict[str, ContractReport]) -> None:
    data = as_json(list(reports.values()), "en")
    results = [(item["title"], item["source"], res) for item in data["reports"] for res in item["results"]]
    assert len(results) == 4 and all(res["path"].startswith(CKG) for _, _, res in results)
    assert {(t, Path(src).name) for t, src, _ in results} == {("Risky hosting DPA", "findings-risky.txt"),
                                                              ("Gap DPA", "findings-gap.txt")}
    rows = table_rows(list(reports.values()), "en")
    assert all(row[0].endswith(".txt)") for row in rows)
    assert all(row[3] for row in rows if row[1] in ("Violation", "Warning"))


def test_stored_results_carry_path_and_named_messages(store: EmbeddedStore, reports: dict[str, ContractReport]) -> None:
    rows = store.query(sparql_prefixes() + """SELECT ?res ?path ?m WHERE {
        ?res a sh:ValidationResult . OPTIONAL { ?res sh:resultPath ?path }
        OPTIONAL { ?res sh:resultMessage ?m FILTER(lang(?m) = "en") } }""").rows
    assert len(rows) == 4
    assert all(r["path"] and r["m"] and "{?" not in r["m"] for r in rows)
    assert sum("Cloud LLC (US)" in (r["m"] or "") for r in rows) == 1


def test_the_same_gap_is_one_violation(reports: dict[str, ContractReport]) -> None:
    r = reports["Gap DPA"]
    assert [(f.severity, f.shape.removeprefix(CKG)) for f in r.findings] == [("Violation", "Art28AuditsShape")]
    assert reports["Clean analytics DPA"].findings == []


def test_contracts_found_by_title_words_or_file(store: EmbeddedStore) -> None:
    assert lookup(store, "risky DPA").title == "Risky hosting DPA"
    assert lookup(store, "findings-gap").title == "Gap DPA"
    assert lookup(store, lookup(store, "Gap").iri).title == "Gap DPA"
    assert len(resolve(store, "DPA")) == 3
    with pytest.raises(LookupError, match=r"3 contracts match 'DPA'.*Clean analytics DPA \(findings-clean\.txt\)"):
        lookup(store, "DPA")
    with pytest.raises(LookupError, match=r"no contract matches 'hosting SLA'.*holds 3: .*Risky hosting DPA"):
        lookup(store, "hosting SLA")


def test_seeds_list_each_sub_processor_warning_once(seeds: Path) -> None:
    from contractkg.pipeline import process_all

    st = EmbeddedStore(None)
    for res in process_all(sorted(p for p in seeds.iterdir() if p.is_file()), workers=1, budget=0):
        if res.doc is not None and res.records:
            st.replace_document(kg.doc_iri(res.doc), kg.build(res.doc, res.records, res.agreements))
    reps = validate(st, workers=1, save=False)
    seen: set[tuple[str, str, str]] = set()
    named = 0
    for r in reps:
        flagged = {r.subject(f).party for f in r.findings if r.subject(f) and r.subject(f).kind == "sub-processor"}
        for f in r.findings:
            s = r.subject(f)
            key = (r.contract.iri, f.shape, (s.party or s.iri) if s else "")
            assert key not in seen, key
            seen.add(key)
            if s:
                named += 1
                assert s.name, f
                assert not (s.kind == "transfer" and s.party in flagged and f.shape.endswith("TransferSafeguardShape"))
    assert named >= 2  # the seeds have sub-processors in the US without a stated safeguard


def test_contract_page_lists_each_gap_once_with_a_path() -> None:
    """The explorer's validation tab (internal/app/contract-validation): before validation the extraction
    gaps, after it the Violations only (not both), and a path on every row."""
    from contractkg.queries import load

    st = EmbeddedStore(None)
    doc = Document(source="/tmp/findings-page.txt", text="x")
    st.replace_document(kg.doc_iri(doc), kg.build(doc, [dpa("Page DPA", missing=["audits"])]))
    (c,) = [r.contract.iri for r in validate(st, workers=1, save=False)]

    def rows() -> list[dict[str, str | None]]:
        q = load.text("internal/app/contract-validation", tables={"contract": load.iris([c])})
        return st.query(q).rows

    before = rows()
    assert [(r["severity"], r["element"]) for r in before] == [("Gap", CKG + "Art28Audits")]
    validate(st, workers=1)
    after = rows()
    assert [(r["severity"], r["element"]) for r in after] == [("Violation", "audits")]
    assert all(r["path"] for r in before + after)
