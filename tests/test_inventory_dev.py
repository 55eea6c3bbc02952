"""Data inventory of the development corpus (../shared/dev) against its gold, per document: the
categories found in any agreement of a file against those of its gold contracts, so the figure
measures the inventory reading, not where the file was cut into agreements. Exact DPV names
(goldscore also credits a broader or narrower category)."""

from pathlib import Path

import pytest
import yaml

from contractkg.ingest.inventory import extractor as inventory
from contractkg.ingest.load.loaders import load
from contractkg.ingest.structure.segment import split_agreements

FLOORS = {"personal_data": (0.9, 0.85), "data_subjects": (0.95, 0.9)}  # precision, recall


@pytest.fixture(scope="module")
def tally(dev_gold: Path, dev_docs: Path) -> dict[str, list[int]]:
    gold_dir, docs = dev_gold, dev_docs
    out = {k: [0, 0, 0] for k in FLOORS}  # tp, fp, fn
    for gf in sorted(gold_dir.glob("*.yaml")):
        gold = yaml.safe_load(gf.read_text(encoding="utf-8"))
        doc = load(docs / (gold.get("local_name") or Path(str(gold["source"]).split(":")[-1]).name))
        records = [inventory.extract(ag, {"record": {"evidence": {}}}) for ag in split_agreements(doc)]
        for kind, t in out.items():
            expected = {x for g in gold["contracts"] for x in g.get(kind) or []}
            found = {x for r in records for x in r[kind]}
            t[0] += len(expected & found)
            t[1] += len(found - expected)
            t[2] += len(expected - found)
    return out


@pytest.mark.parametrize("kind", sorted(FLOORS))
def test_dev_inventory_precision_and_recall(kind, tally):
    tp, fp, fn = tally[kind]
    precision, recall = FLOORS[kind]
    assert tp / (tp + fp) >= precision, tally[kind]
    assert tp / (tp + fn) >= recall, tally[kind]
