"""The benchmark's measurements run end to end at a tiny size and write every headline key.

Behaviour only: keys, types and consistency. Speed is measured by `make bench`, never asserted here."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(scope="module")
def latest(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """Figures of one tiny run: 20 contracts, one run per query, 3 contracts for plain pyshacl."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))  # benchmarks/ sits at the repo root, not installed
    from benchmarks.run import main

    # the page timings drive chromium through Playwright's sync API, which refuses to run inside the
    # event loop an earlier test may leave behind; the browser tests (tests/e2e) cover the pages
    what = ["throughput", "startup", "scale"]
    out = tmp_path_factory.mktemp("bench") / "latest.json"
    assert main(["--what", *what, "--n", "2", "--workers", "1", "--ingest-contracts", "3", "--sizes", "20",
                 "--runs", "1", "--rdflib-runs", "1", "--rdflib-timeout", "60", "--plain-sample", "3",
                 "--startup-runs", "1", "--out", str(out)]) == 0
    return json.loads(out.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def number(v: object) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and v >= 0


def test_every_headline_key_has_a_figure(latest: dict[str, object]) -> None:
    from contractkg.queries.runner import catalogue

    for key in ("ingest_contracts_per_s", "peak_rss_mb", "validation_s_10k", "cli_extract_one_s", "cli_version_s",
                "pyshacl_s_per_contract", "pyshacl_ratio"):
        assert number(latest[key]), (key, latest.get(key))
    assert latest["scale_n"] == 20
    assert isinstance(latest["scale_contracts"], int) and latest["scale_contracts"] >= 20
    p50, p95 = latest["query_p50_ms"], latest["query_p95_ms"]
    assert isinstance(p50, dict) and isinstance(p95, dict)
    assert set(p50) == set(catalogue())  # every named query, each with a figure
    assert all(number(v) for v in p50.values()), p50
    assert all(p95[k] >= v for k, v in p50.items())
    ratio = latest["rdflib_ratio"]
    assert isinstance(ratio, dict) and ratio and all(number(v) for v in ratio.values())
    errors = latest["rdflib_errors"]
    assert isinstance(errors, dict) and set(ratio) | set(errors) == set(p50)


def test_plain_pyshacl_agrees_with_the_project(latest: dict[str, object]) -> None:
    assert latest["findings_identical"] is True


def test_targets_are_judged_from_the_figures(latest: dict[str, object]) -> None:
    from benchmarks import targets

    met = {"query_p50_ms": {"a": 10.0}, "rdflib_ratio": {"a": 25.0}, "page_render_s": {"Home": 1.0},
           "validation_s_10k": 30.0, "findings_identical": True, "cli_extract_one_s": 0.5, "cli_version_s": 0.1,
           "ingest_contracts_per_s": 60.0, "peak_rss_mb": 900.0, "scale_n": 10_000}
    assert all(ok for _, ok, _ in targets.verdicts(met))
    missed = dict(met, query_p50_ms={"a": 10.0, "b": 250.0}, page_render_s={"Home": "failed: TimeoutError"},
                  cli_version_s=0.4)
    judged = {t: (ok, detail) for t, ok, detail in targets.verdicts(missed)}
    failing = [t for t, (ok, _) in judged.items() if ok is False]
    assert len(failing) == 3 and any("b=250.0" in judged[t][1] for t in failing)
    assert all(ok is None for _, ok, _ in targets.verdicts({}))  # nothing measured: nothing met or missed
