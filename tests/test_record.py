"""The typed contract record: JSON in and out exactly as extraction prints it, unknown fields refused."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from contractkg.record import ABSENT, Contract, Court, FieldSpan, Party, RecordError, Span

ROOT = Path(__file__).resolve().parent.parent

# A record in its JSON form with every kind of key: optional keys present, a null that is printed,
# per-value evidence, Art. 28 coverage with and without spans, a language-version difference.
FULL: dict[str, Any] = {
    "source": "a.txt", "line": 3, "starts_with": "DATA PROCESSING", "title": "Data Processing Agreement",
    "kind": "dpa", "language": "en", "span": [10, 900], "part_of": None,
    "evidence": {"governing_law": [40, 60], "deadlines.breach_notification": [100, 140],
                 "personal_data": {"EmailAddress": [200, 213], "Name": [215, 219]}},
    "parties": [{"name": "Lumen Hosting Ltd", "legal_form": "Ltd", "registration": None, "address": None,
                 "country": "GB", "email": None, "contact": None, "trade_name": None, "evidence": [10, 40],
                 "country_stated": None, "defined_as": ["Processor"], "roles": ["processor"], "side": "vendor",
                 "role_evidence": {"processor": [20, 30]}, "inherited": True, "canonical_key": "lumen-hosting"}],
    "clause_numbers": ["1", "2"], "governing_law": "IE",
    "jurisdiction": {"country": "IE", "court": "courts of Dublin", "exclusive": True, "city": None},
    "prevailing_language": None, "supervisory_authority": {"name": "DPC", "country": "IE"},
    "amicable_settlement_period": None, "amicable_settlement_steps": [{"step": "negotiation", "period": "P30D",
                                                                       "evidence": [300, 320]}],
    "jurisdiction_by_region": [], "version": "2.1", "date": "2024-03-01", "effective_date": None,
    "term": "coterminous_with_main_agreement", "termination_notice": None, "main_agreement": None,
    "personal_data": ["EmailAddress", "Name"], "data_subjects": ["Customer"], "processing": [],
    "personal_data_labels": {"EmailAddress": ["email addresses"], "Name": ["names"]},
    "special_categories": [], "purposes": ["hosting"], "purposes_text": ["hosting the service"],
    "processing_duration": None, "retention": [], "subprocessor_list_url": "https://example.org/subs",
    "subprocessors": [{"name": "Cloudy Inc", "address": None, "country": "US", "seat_country": "US",
                       "processing_country": None, "service": "hosting", "safeguard": "scc", "measures": [],
                       "evidence": [400, 450]}],
    "subprocessors_from": ["list.txt"],
    "transfers": [{"from": "IE", "to": "US", "recipient": "Cloudy Inc", "mechanism": "scc", "scc_module": "C2P",
                   "scc_modules": ["C2P"], "scc_module_number": "2", "scc_decision": None, "uk_addendum": False,
                   "idta": False, "swiss": False, "eea": False, "adequacy": False, "adequacy_scope": None,
                   "evidence": [400, 450]}],
    "deadlines": {"breach_notification": "PT48H", "breach_notification_qualifier": None, "subprocessor_notice": None,
                  "subprocessor_objection": None, "audit_notice": None, "breach_notification_working_days": False},
    "audit": {"max_per_year": 1, "on_site": True, "costs": "customer"},
    "obligations": [{"bearer": 0, "beneficiary": None, "bearer_term": "Processor", "bearer_role": "processor",
                     "beneficiary_term": None, "modality": "obligation", "action": "notify", "type": "breach",
                     "art28": None, "deadline": "PT48H", "deadline_qualifier": None, "trigger": None,
                     "condition": None, "text": "The Processor shall notify...", "clause": "2",
                     "evidence": [100, 140]}],
    "art28": {"security": "2", "audits": None}, "missing": ["audits"], "art28_evidence": {"security": [[100, 140]]},
    "translation_of": "b.txt#1", "prevailing_version": True,
    "version_differences": [{"field": "deadlines.breach_notification", "a": "PT48H", "b": "PT72H"},
                            {"field": "clause", "clause": "7", "a": "present", "b": "missing"}],
}


def canonical(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def test_json_round_trip_is_exact() -> None:
    rec = Contract.from_fields(FULL)
    assert canonical(rec.to_json()) == canonical(FULL)
    assert Contract.from_fields(rec.to_json()) == rec


def test_values_are_typed() -> None:
    rec = Contract.from_fields(FULL)
    party = rec.parties[0]
    assert isinstance(party, Party) and party.evidence == Span(10, 40)
    assert party.country_stated is None  # printed as null, unlike a key left out
    assert rec.jurisdiction == Court(country="IE", court="courts of Dublin", exclusive=True, city=None)
    assert FieldSpan("personal_data", Span(200, 213), "EmailAddress") in rec.evidence
    assert [fs.span for fs in rec.spans_of("governing_law")] == [Span(40, 60)]
    assert rec.art28 is not None and rec.art28[0].evidence == (Span(100, 140),)
    assert rec.transfers[0].from_country == "IE"
    with pytest.raises(dataclasses.FrozenInstanceError):
        rec.title = "other"  # type: ignore[misc]


def test_absent_keys_stay_absent() -> None:
    data = dict(FULL, jurisdiction={"country": None, "court": None, "exclusive": None})
    for key in ("purposes_text", "subprocessors_from", "subprocessor_list_url", "art28", "missing", "art28_evidence",
                "translation_of", "prevailing_version", "version_differences"):
        data.pop(key)
    data["parties"] = [{k: v for k, v in FULL["parties"][0].items()
                        if k not in ("country_stated", "role_evidence", "inherited")}]
    rec = Contract.from_fields(data)
    assert rec.jurisdiction is not None and rec.jurisdiction.city is ABSENT
    assert rec.parties[0].country_stated is ABSENT
    assert canonical(rec.to_json()) == canonical(data)


@pytest.mark.parametrize("bad, words", [
    ({"surprise": 1}, "unknown field(s) 'surprise'"),
    ({"parties": [{"name": "X", "nickname": "x"}]}, "parties[0]: unknown field(s) 'nickname'"),
    ({"evidence": {"made_up_field": [1, 2]}}, "'made_up_field': the record has no such field"),
    ({"evidence": {"source": [1, 2]}}, "'source': the field has no RDF property"),
    ({"line": "three"}, "line: expected int"),
    ({"span": [1]}, "span: a span is [start, end]"),
    ({"audit": {"on_site": "yes"}}, "audit.on_site: expected bool"),
])
def test_bad_fields_are_refused_with_their_name(bad: dict[str, object], words: str) -> None:
    with pytest.raises(RecordError) as err:
        Contract.from_fields(dict(FULL, **bad))
    assert words in str(err.value)


def test_extraction_returns_the_record_and_prints_it(tmp_path: Path) -> None:
    from contractkg.ingest.extract import extract_file

    _, _, records = extract_file(ROOT / "examples" / "en_dpa_with_scc_annex.txt")
    assert records and all(isinstance(r, Contract) for r in records)
    for rec in records:
        printed = json.loads(json.dumps(rec.to_json()))
        assert Contract.from_fields(printed) == rec
        assert printed["parties"] and printed["evidence"]


def test_lenient_reading_leaves_out_what_does_not_fit() -> None:
    """kg.build reads hand-written and gold records leniently: unknown keys and values of the wrong shape
    are left out, the rest is kept."""
    rec = Contract.from_fields({"kind": "dpa", "note": "gold only", "line": "three",
                                "parties": [{"name": "X", "evidence": "a quote"}, "junk", {"name": "Y"}],
                                "version_differences": [{"a": 1}, {"field": "kind", "a": "dpa", "b": "terms"}]},
                               strict=False)
    assert rec.kind == "dpa" and rec.line is None
    assert [p.name for p in rec.parties] == ["X", "Y"] and rec.parties[0].evidence is None
    assert rec.version_differences is not None and [d.field for d in rec.version_differences] == ["kind"]
