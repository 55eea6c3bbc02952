"""The Changes page under streamlit's AppTest: a store without versions says so; with the example
pairs it lists each vendor's versions, their changes and the open objection deadline."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from contractkg.app.changes_view import deadline_text, diff_html

PAGE = Path(__file__).resolve().parent.parent / "contractkg" / "app" / "pages" / "5_Changes.py"
VERSIONS = Path(__file__).resolve().parent.parent / "examples" / "versions"


def filled(folder: Path, files: list[Path]) -> Path:
    from contractkg.pipeline import ingest
    from contractkg.store.embedded import EmbeddedStore

    store = EmbeddedStore(folder / "store")
    try:
        ingest(store, files, workers=1)
    finally:
        store.close()
    return folder / "store"


def page(store: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("CONTRACTKG_STORE", str(store))
    monkeypatch.delenv("CONTRACTKG_ENDPOINT", raising=False)
    at = AppTest.from_file(str(PAGE), default_timeout=90)
    at.run()
    assert not at.exception, at.exception
    return at


def test_without_versions_the_page_says_what_to_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = page(filled(tmp_path, [VERSIONS / "fr_dpa_v1.txt"]), monkeypatch)
    infos = " ".join(i.value for i in at.info)
    assert "No objection deadline is open" in infos and "more than one version" in infos


def test_versions_changes_and_deadlines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = page(filled(tmp_path, [VERSIONS / f"{s}_v{n}.txt" for s in ("en_dpa", "it_accordo") for n in (1, 2)]),
              monkeypatch)
    assert [s.value for s in at.subheader] == ["Open objection deadlines", "Timeline", "Tallowmere Software Limited",
                                               "Vetrafina S.r.l."]
    text = " ".join(m.value for m in at.markdown)
    assert "**sub-processor added**: Quillstone Metrics Inc." in text and "open, 10 day(s) left" in text
    assert "(ingest date: no date in the text)" in text and "version 1.3 of 2025-04-30" in text
    assert any("no change from the previous version" in c.value for c in at.caption)
    at.selectbox(key="changes_vendor").select("Vetrafina S.r.l.").run()
    assert [s.value for s in at.subheader][2:] == ["Vetrafina S.r.l."]


def test_word_diff_and_deadline_wording() -> None:
    assert diff_html("a [-<b>-] {+c+}") == ('a <del style="color:#b42318">&lt;b&gt;</del> '
                                           '<ins style="color:#067647;text-decoration:none;font-weight:600">c</ins>')
    today = dt.date(2026, 3, 1)
    assert "open, 3 day(s) left" in deadline_text("2026-03-04", today)
    assert "closed 1 day(s) ago" in deadline_text("2026-02-28", today)


def test_timeline_has_a_row_per_vendor_and_marks_open_deadlines() -> None:
    from contractkg.app.changes_view import timeline_figure

    lines = {"A": [{"date": "2026-01-01", "current": "false", "contract": "a1", "version": "1"},
                   {"date": "2026-02-01", "current": "true", "contract": "a2", "version": "2", "basis": "stated"}],
             "B": [{"date": "2026-01-15", "current": "true", "contract": "b1"}]}
    changes = {"a2": [{"deadline": "2026-02-15", "subject": "Acme Ltd"}]}
    fig = timeline_figure(lines, changes, dt.date(2026, 2, 10))
    by_name = {tr.name: tr for tr in fig.data}
    assert list(by_name["current version"].y) == ["A", "B"] and list(by_name["superseded version"].y) == ["A"]
    assert list(by_name["objection deadline"].x) == ["2026-02-15"]
    assert list(by_name["objection deadline"].marker.color) == ["#b42318"]  # still open on 10 February
