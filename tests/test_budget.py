"""The per-document time budget: a runaway document is killed, reported in one line, and the batch goes on."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest

from contractkg.ingest import budget

# (a+)+$ on "aaa...b" backtracks 2^n times inside the C regex engine: no signal can stop it.
RUNAWAY = re.compile(r"(a+)+$")


def work(item: str) -> str:
    if item == "runaway":
        RUNAWAY.match("a" * 60 + "b")
    elif item == "crash":
        os._exit(3)
    elif item == "raise":
        raise ValueError("bad input")
    return item.upper()


def failed(item: str, reason: str) -> str:
    return f"FAILED {item}: {reason}"


def test_budget_comes_from_the_option_then_the_environment_then_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(budget.ENV, raising=False)
    assert budget.time_budget() == budget.DEFAULT_BUDGET == 30
    monkeypatch.setenv(budget.ENV, "2.5")
    assert budget.time_budget() == 2.5
    assert budget.time_budget(7) == 7
    assert budget.time_budget(0) == 0
    monkeypatch.setenv(budget.ENV, "soon")
    with pytest.raises(ValueError, match="not a number"):
        budget.time_budget()
    with pytest.raises(ValueError):
        budget.time_budget(-1)


def test_a_runaway_regex_is_killed_and_the_batch_goes_on() -> None:
    t0 = time.monotonic()
    out = list(budget.run_all(work, ["one", "runaway", "two", "three"], failed, workers=2, budget=1.0))
    elapsed = time.monotonic() - t0
    assert out[0] == "ONE" and out[2:] == ["TWO", "THREE"]
    assert out[1].startswith("FAILED runaway: gave up after 1 s") and "--time-budget" in out[1]
    assert "\n" not in out[1]
    assert elapsed < 30  # the regex alone would run for years


def test_a_single_worker_also_cuts_and_replaces_itself() -> None:
    out = list(budget.run_all(work, ["runaway", "runaway", "after"], failed, workers=1, budget=0.5))
    assert [o.split(":")[0] for o in out[:2]] == ["FAILED runaway"] * 2
    assert out[2] == "AFTER"


def test_a_dying_worker_or_an_exception_fails_only_its_document() -> None:
    out = list(budget.run_all(work, ["crash", "raise", "ok"], failed, workers=1, budget=20))
    assert out[0].startswith("FAILED crash: the worker process died (exit code 3)")
    assert out[1] == "FAILED raise: failed (ValueError: bad input)"
    assert out[2] == "OK"


def test_results_stay_in_input_order_with_many_items() -> None:
    items = [f"d{i}" for i in range(40)]
    assert list(budget.run_all(work, items, failed, workers=2, budget=20)) == [i.upper() for i in items]


def test_no_budget_runs_in_this_process() -> None:
    pid = os.getpid()
    assert list(budget.run_all(lambda _: os.getpid(), ["a", "b"], failed, workers=1, budget=0)) == [pid, pid]
    assert list(budget.run_all(lambda _: os.getpid(), ["a"], failed, workers=1, budget=5)) != [pid]


def test_done_runs_in_each_worker_that_ends_and_not_in_a_killed_one(tmp_path: Path) -> None:
    """``done`` (pipeline: keep the patterns a worker compiled) runs once per worker ending normally."""
    marks = tmp_path / "done"
    marks.mkdir()

    def done() -> None:
        (marks / str(os.getpid())).write_text("x")

    out = list(budget.run_all(work, ["a", "runaway", "b", "c"], failed, workers=2, budget=1.0, done=done))
    assert out[0] == "A" and out[2:] == ["B", "C"] and out[1].startswith("FAILED runaway")
    pids = {p.name for p in marks.iterdir()}
    assert len(pids) == 2 and str(os.getpid()) not in pids  # the two workers left at the end, not the killed one
    in_process: list[str] = []
    assert list(budget.run_all(work, ["x"], failed, budget=0, done=lambda: in_process.append("done"))) == ["X"]
    assert in_process == ["done"]


def test_no_worker_outlives_the_run() -> None:
    import multiprocessing as mp

    list(budget.run_all(work, ["runaway", "x", "y"], failed, workers=2, budget=0.5))
    assert not [p for p in mp.active_children() if p.is_alive()]


def slow_extract(path: str | Path):  # type: ignore[no-untyped-def]
    if "slow" in Path(path).name:
        RUNAWAY.match("a" * 60 + "b")
    from contractkg.ingest.extract import extract_document
    from contractkg.ingest.load.loaders import load

    doc = load(path)
    agreements, records = extract_document(doc)
    return doc, agreements, records


CONTRACT = """DATA PROCESSING AGREEMENT
1. The Processor shall process personal data only on documented instructions from the Controller.
"""


@pytest.fixture
def slow_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Three contracts, the middle one stuck in the extractor (a test double inherited by the workers)."""
    import contractkg.pipeline as pipeline

    monkeypatch.setattr(pipeline, "extract_file", slow_extract)
    files = [tmp_path / "a_first.txt", tmp_path / "b_slow.txt", tmp_path / "c_last.txt"]
    for f in files:  # distinct texts: a copy of a file already read is skipped as a duplicate
        f.write_text(CONTRACT + f"2. This copy is called {f.stem}.\n", encoding="utf-8")
    return files


def test_extract_reports_the_slow_file_and_prints_the_others(slow_files: list[Path]) -> None:
    import json

    from typer.testing import CliRunner

    from contractkg.cli import app

    res = CliRunner().invoke(app, ["extract", *map(str, slow_files), "--format", "json", "--time-budget", "2"])
    sources = [c["source"] for c in json.loads(res.stdout)["contracts"]]
    assert any(s.endswith("a_first.txt") for s in sources) and any(s.endswith("c_last.txt") for s in sources)
    assert not any(s.endswith("b_slow.txt") for s in sources)
    line = next(ln for ln in res.stderr.splitlines() if "b_slow.txt" in ln)
    assert "gave up after 2 s" in line


def test_ingest_stores_the_others_and_reports_the_slow_file(slow_files: list[Path], tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from contractkg.pipeline import ingest
    from contractkg.store.embedded import EmbeddedStore

    monkeypatch.setenv(budget.ENV, "1.5")  # the environment sets the budget when no option is given
    store = EmbeddedStore(None)
    results = ingest(store, slow_files, workers=2)
    assert [r.error is None for r in results] == [True, False, True]
    assert results[1].error and "b_slow.txt: gave up after 1.5 s" in results[1].error
    docs = store.query("SELECT DISTINCT ?d WHERE { ?d a <https://w3id.org/contractkg#SourceDocument> }").rows
    assert len(docs) == 2


def test_a_bad_budget_is_a_one_line_usage_error(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from contractkg.cli import app

    f = tmp_path / "c.txt"
    f.write_text(CONTRACT, encoding="utf-8")
    res = CliRunner().invoke(app, ["extract", str(f), "--time-budget", "-3"])
    assert res.exit_code != 0 and "time budget" in res.stderr


def test_an_agreement_keeps_at_most_the_obligation_and_clause_limits(monkeypatch: pytest.MonkeyPatch,
                                                                     caplog: pytest.LogCaptureFixture) -> None:
    from contractkg.ingest import extract
    from contractkg.ingest.document import Document
    from contractkg.ingest.obligations import extractor as obligations

    text = "DATA PROCESSING AGREEMENT\n" + "".join(
        f"{i}. The Processor shall keep record number {i} of the processing for the Controller.\n" for i in range(1, 13))
    _, full = extract.extract_document(Document(source="many.txt", text=text))
    assert len(full[0].obligations) >= 8
    monkeypatch.setattr(obligations, "MAX_OBLIGATIONS", 5)
    monkeypatch.setattr(extract, "MAX_CLAUSES", 4)
    with caplog.at_level("WARNING", logger="contractkg.extract"):
        agreements, records = extract.extract_document(Document(source="many.txt", text=text))
    assert [o.action for o in records[0].obligations] == [o.action for o in full[0].obligations[:5]]
    assert len(agreements[0].clauses) == 4
    messages = [r.getMessage() for r in caplog.records]
    assert any("many.txt" in m and "obligations; only the first 5 are kept" in m for m in messages)
    assert any("clauses; only the first 4 are kept" in m for m in messages)


def test_an_idle_worker_that_died_is_replaced() -> None:
    import signal

    def kill_idle_then_work(item: str) -> str:
        return item.upper()

    items = ["a", "b", "c"]
    gen = budget.run_all(kill_idle_then_work, items, failed, workers=1, budget=20)
    assert next(gen) == "A"
    import multiprocessing as mp

    for p in mp.active_children():  # the idle worker dies between two documents
        os.kill(p.pid, signal.SIGKILL)
        p.join(5)
    assert list(gen) == ["B", "C"]
