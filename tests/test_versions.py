"""Language versions: pairing translated agreements and listing where they disagree."""

import copy

from contractkg.ingest.structure.versions import (
    compare_versions,
    find_translations,
    prevailing_version,
    similarity,
)


def record(language, **over):
    base = {
        "source": f"dpa_{language}.txt", "language": language, "kind": "dpa", "span": [0, 100],
        "parties": [{"name": "Zorbex Cloud GmbH", "canonical_key": "zorbex cloud|gmbh"}, {"name": None}],
        "clause_numbers": ["1", "2", "2.1", "2.2", "3", "3.1", "4", "5", "6"],
        "governing_law": "DE", "jurisdiction": {"country": "DE", "court": None, "exclusive": None},
        "prevailing_language": "de",
        "deadlines": {"breach_notification": "PT48H", "subprocessor_objection": "P14D"},
        "subprocessors": [{"name": "Nimbo Hosting GmbH"}, {"name": "Stratos Mail, Inc."}],
        "art28": {"instructions": "3.1", "audits": "6"},
    }
    base.update(over)
    return base


def test_translations_are_paired():
    fr, it = record("fr"), record("it")
    other = record("fr", parties=[{"name": "Quillon Ltd"}], clause_numbers=["1", "1.1", "1.2", "9", "10"],
                   governing_law="GB", deadlines={"breach_notification": "PT24H"}, subprocessors=[], art28={})
    pairs = find_translations([fr, other, it])
    assert [(i, j) for i, j, _ in pairs] == [(0, 2)]
    assert pairs[0][2] > 0.9


def test_same_language_is_not_a_translation():
    assert similarity(record("fr"), record("fr", source="copy.txt")) == 0.0


def test_different_agreements_of_one_vendor_are_not_translations():
    terms = record("it", kind="terms", clause_numbers=["1", "1.1", "7", "8", "12", "13"], deadlines={},
                   subprocessors=[], art28={}, governing_law="IT")
    assert find_translations([record("fr"), terms]) == []


def test_compare_versions_reports_disagreements():
    fr = record("fr")
    it = copy.deepcopy(fr)
    it["language"] = "it"
    it["deadlines"]["breach_notification"] = "PT72H"
    it["clause_numbers"] = [n for n in it["clause_numbers"] if n != "2.2"]
    it["governing_law"] = "IT"
    diffs = compare_versions(fr, it)
    fields = {d["field"] for d in diffs}
    assert {"deadlines.breach_notification", "governing_law", "clause"} <= fields
    assert {"field": "clause", "clause": "2.2", "a": "present", "b": "missing"} in diffs
    assert "parties" not in fields and "subprocessors" not in fields


def test_prevailing_version():
    records = [record("fr"), record("de"), record("it")]
    assert prevailing_version(records, [0, 1, 2]) == 1
    assert prevailing_version([record("fr"), record("it")], [0, 1]) is None


def test_seed_french_and_italian_versions(seeds):
    """Seeds 000 (French) and 001 (Italian) are one agreement; 003 is another one."""
    from test_parties import seed_records

    records = []
    for stem in ("000_478b8b323182bca6", "001_cb320d4bb132b0b8", "003_c6662c08f292e777"):
        records += seed_records(seeds / f"{stem}.txt")
    pairs = find_translations(records)
    assert [(i, j) for i, j, _ in pairs] == [(0, 1)]


def test_annex_labels_line_up_across_languages():
    fr = record("fr", clause_numbers=["1", "2", "3", "Annexe 1", "Annexe 2"])
    it = record("it", clause_numbers=["1", "2", "3", "Allegato 1", "Allegato 2"])
    assert not [d for d in compare_versions(fr, it) if d["field"] == "clause"]


def test_link_translations_marks_records():
    from contractkg.ingest.structure.versions import link_translations

    fr, de = record("fr", line=1), record("de", line=1)
    de["deadlines"] = {"breach_notification": "PT24H", "subprocessor_objection": "P14D"}
    pairs = link_translations([fr, de])
    assert len(pairs) == 1
    assert de["translation_of"] == "dpa_fr.txt#1"
    assert de["prevailing_version"] is True and fr["prevailing_version"] is False
    assert any(d["field"] == "deadlines.breach_notification" for d in fr["version_differences"])
