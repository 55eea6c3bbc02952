"""contractkg.history: each example version pair yields its one change and nothing else; clause
alignment, word diffs, version order and objection deadlines."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from contractkg.history.adapter import Clause, Snapshot
from contractkg.history.clauses import align, compact, word_diff
from contractkg.history.diff import diff
from contractkg.history.load import from_file
from contractkg.history.versions import Version, add_duration, agreement_key, groups, ordered

VERSIONS = Path(__file__).resolve().parent.parent / "examples" / "versions"

# pair -> the one change expected: (area, kind, subject, attribute, before, after)
EXPECTED = {
    "en_dpa": ("subprocessor", "added", "Quillstone Metrics Inc.", None, None, "US, Usage analytics, scc"),
    "de_avv": ("subprocessor", "removed", "Vellamo Mail Oy", None, "FI, E-Mail-Versand, none", None),
    "fr_dpa": ("deadline", "changed", "breach_notification", None, "PT72H", "PT48H"),
    "es_encargo": ("jurisdiction", "changed", "courts", "court", "Juzgados y Tribunales de Valencia",
                   "Juzgados y Tribunales de Madrid"),
}


@cache
def _read(path: Path) -> dict:
    (snap,) = from_file(path)
    return snap.to_json()


def pair(stem: str) -> tuple[Snapshot, Snapshot]:
    """Fresh snapshots of the pair (extracted once per session; tests may alter their copies)."""
    return (Snapshot.from_json(_read(VERSIONS / f"{stem}_v1.txt")),
            Snapshot.from_json(_read(VERSIONS / f"{stem}_v2.txt")))


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_each_pair_reports_its_change_and_nothing_else(stem: str) -> None:
    changes = diff(*pair(stem))
    assert [(c.area, c.kind, c.subject, c.attribute, c.before, c.after) for c in changes] == [EXPECTED[stem]]
    change = changes[0]
    assert change.clause and change.text_diff and ("[-" in change.text_diff or "{+" in change.text_diff)
    assert change.before_span or change.after_span


def test_evidence_on_both_sides_of_a_changed_value() -> None:
    (change,) = diff(*pair("fr_dpa"))
    assert change.before_quote == "72 heures" and change.after_quote == "48 heures"
    assert change.clause == "6.2" and "[-72-] {+48+}" in (change.text_diff or "")


def test_a_reordered_clause_is_not_a_change() -> None:
    old, new = pair("it_accordo")
    assert [c.number for c in old.clauses] != [c.number for c in new.clauses]  # the order really differs
    assert diff(old, new) == []


def test_the_same_version_has_no_change() -> None:
    old, _ = pair("de_avv")
    assert diff(old, old) == []


def test_reversed_pair_reports_the_opposite() -> None:
    old, new = pair("en_dpa")
    (change,) = diff(new, old)
    assert (change.area, change.kind, change.subject) == ("subprocessor", "removed", "Quillstone Metrics Inc.")


def clause(number: str, heading: str, text: str) -> Clause:
    return Clause(number, heading, 0, len(text), text)


def test_alignment_pairs_moved_clauses_by_text_then_heading_then_number() -> None:
    old = [clause("1", "Scope", "Scope. A"), clause("2", "Audits", "Audits. B"), clause("3", "Law", "Law. C")]
    new = [clause("1", "Audits", "Audits. B"), clause("2", "Scope", "Scope. A changed"), clause("4", "Fees", "Fees. D")]
    pairs = align(old, new)
    got = [(p.old.number if p.old else None, p.new.number if p.new else None, p.changed) for p in pairs]
    assert got == [("2", "1", False), ("1", "2", True), (None, "4", True), ("3", None, True)]


def test_word_diff_marks_removed_and_added_words() -> None:
    segments = word_diff("notify within 72 hours of the breach", "notify within 48 hours of the breach")
    assert ("-", "72") in segments and ("+", "48") in segments
    assert compact(segments) == "notify within [-72-] {+48+} hours of the breach"


def test_clause_change_without_a_field_change_is_reported_as_a_clause() -> None:
    old, new = pair("fr_dpa")
    new.clauses = [c if c.number != "10" else Clause(c.number, c.heading, c.start, c.end, c.text + " Sous 30 jours.")
                   for c in new.clauses]
    got = [(c.area, c.kind, c.subject[:2]) for c in diff(old, new)]
    assert got == [("deadline", "changed", "br"), ("clause", "changed", "10")]


def version(snap: Snapshot, when: str, path_key: str = "p") -> Version:
    return Version(f"urn:c:{snap.source}", "urn:d", path_key, when, snap)


def test_versions_group_by_vendor_kind_title_and_order_by_date() -> None:
    de_old, de_new = pair("de_avv")
    fr_old, fr_new = pair("fr_dpa")
    items = [version(de_new, "2026-01-01T00:00:00", "a"), version(fr_old, "2026-01-01T00:00:00", "b"),
             version(de_old, "2026-01-02T00:00:00", "c"), version(fr_new, "2026-01-01T00:00:00", "d")]
    found = sorted([[v.snapshot.date for v in g] for g in groups(items)])
    assert found == [["2025-01-10", "2025-06-02"], ["2025-03-01", "2025-07-15"]]
    assert agreement_key(de_old) == agreement_key(de_new) != agreement_key(fr_old)


def test_without_a_stated_date_the_ingest_date_and_the_label_order_versions() -> None:
    old, new = pair("en_dpa")
    assert old.date is None and new.date is None
    v1, v2 = version(old, "2026-02-01T10:00:00", "x"), version(new, "2026-02-01T10:00:00", "y")
    assert [v.snapshot.version for v in ordered([v2, v1])] == ["1.0", "2.0"]
    assert (v2.date, v2.date_basis) == ("2026-02-01", "ingest date")


def test_same_path_links_versions_even_when_the_title_changes() -> None:
    old, new = pair("de_avv")
    new.title = "Auftragsverarbeitungsvertrag"
    assert len(groups([version(old, "2026-01-01", "same"), version(new, "2026-01-02", "same")])) == 1
    assert len(groups([version(old, "2026-01-01", "a"), version(new, "2026-01-02", "b")])) == 2


@pytest.mark.parametrize(("day", "window", "expected"), [
    ("2025-03-01", "P14D", "2025-03-15"), ("2025-03-01", "P2W", "2025-03-15"), ("2025-01-31", "P1M", "2025-02-28"),
    ("2025-03-01", "PT36H", "2025-03-03"), ("2025-03-01", None, None), ("2025-03-01", "soon", None)])
def test_objection_deadline_arithmetic(day: str, window: str | None, expected: str | None) -> None:
    assert add_duration(day, window) == expected


def test_snapshot_survives_json() -> None:
    old, _ = pair("es_encargo")
    again = Snapshot.from_json(old.to_json())
    assert diff(old, again) == [] and again.clauses[0].text == old.clauses[0].text


def test_a_kept_copy_is_older_than_its_files_current_version() -> None:
    old, new = pair("en_dpa")
    new.version = old.version = None
    kept = Version("urn:c:old", "https://w3id.org/contractkg/id/doc/0123456789abcdef.v0123456789ab", "p",
                   "2026-01-01T10:00:00", new)
    current = Version("urn:c:new", "https://w3id.org/contractkg/id/doc/0123456789abcdef", "p", "2026-01-01T10:00:00", old)
    assert kept.archived and not current.archived
    assert [v.contract for v in ordered([current, kept])] == ["urn:c:old", "urn:c:new"]
