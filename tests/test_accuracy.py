"""Reading quality may not drop: goldscore.py on the seeds and on ../shared/dev, against floors.

The floors in ``accuracy_floors.yaml`` are the scores measured when they were last raised, minus
0.01. A change that lowers the overall score or any field below its floor fails CI; raise the floors
(never lower them) when a change improves reading."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
FLOORS = yaml.safe_load((Path(__file__).with_name("accuracy_floors.yaml")).read_text(encoding="utf-8"))
# "field   score   P   R   counts": the field name may hold spaces and dots.
ROW = re.compile(r"^(?P<field>\S.*?)\s{2,}(?P<score>\d\.\d\d)\b")
OVERALL = re.compile(r"overall macro score = (\d\.\d+)")


def parse(output: str) -> tuple[float, dict[str, float]]:
    fields = {m["field"].strip(): float(m["score"]) for line in output.splitlines() if (m := ROW.match(line))}
    overall = OVERALL.search(output)
    assert overall, output[-2000:]
    return float(overall.group(1)), fields


def goldscore(shared: Path, gold: Path, docs: Path) -> str:
    cli = Path(sys.executable).with_name("contractkg")
    res = subprocess.run([sys.executable, str(shared / "tools" / "goldscore.py"), "--gold", str(gold), "--docs",
                          str(docs), "--cmd", f"{cli} extract --format json"],
                         cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert res.returncode == 0, res.stderr[-2000:]
    return res.stdout


def test_parse_reads_goldscore_rows() -> None:
    sample = ("field                       score      P      R  counts\n"
              "art28 violation              0.18   0.11   0.56  tp=5 fp=42 fn=4\n"
              "deadline.audit_notice        0.70   -      -     7/10\n"
              "overall macro score = 0.665 over 21 fields\n")
    assert parse(sample) == (0.665, {"art28 violation": 0.18, "deadline.audit_notice": 0.70})


@pytest.mark.parametrize("corpus", ["seeds", "dev"])
def test_reading_quality_holds(corpus: str, shared: Path, request: pytest.FixtureRequest) -> None:
    gold, docs = {"seeds": ("gold_dir", "seeds"), "dev": ("dev_gold", "dev_docs")}[corpus]
    overall, fields = parse(goldscore(shared, request.getfixturevalue(gold), request.getfixturevalue(docs)))
    floors = FLOORS[corpus]
    below = {f: (fields.get(f), floor) for f, floor in floors["fields"].items() if fields.get(f, 0.0) < floor}
    assert overall >= floors["overall"], f"{corpus}: overall {overall} < floor {floors['overall']}"
    assert not below, f"{corpus}: fields below their floor (score, floor): {below}"
