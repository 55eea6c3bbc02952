"""kill -9 while a changed file is re-ingested: the old version is kept once, never half-written,
and the next ingest links the versions."""

from __future__ import annotations

import gc
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from contractkg.namespaces import sparql_prefixes
from contractkg.store.embedded import EmbeddedStore

VERSIONS = Path(__file__).resolve().parent.parent / "examples" / "versions"


def ingest_cli(path: Path, store: Path, crash_at: str | None = None) -> int:
    env = {**os.environ, **({"CONTRACTKG_CRASH_AT": crash_at} if crash_at else {})}
    cmd = [sys.executable, "-c", "import sys; from contractkg.cli import main; sys.argv[0] = 'contractkg'; main()",
           "ingest", str(path), "--store", str(store), "--workers", "1", "--time-budget", "0"]
    return subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300).returncode


def facts(store: Path) -> tuple[int, list[tuple[str, str]]]:
    st = EmbeddedStore(store, read_only=True)
    try:
        kept = st.query(sparql_prefixes() + """SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a ckg:SourceDocument
            FILTER(CONTAINS(STR(?d), ".v")) }""").rows
        links = st.query(sparql_prefixes() + """SELECT ?b ?a WHERE { ?n prov:wasRevisionOf ?o .
            ?c ckg:toVersion ?n ; ckg:valueBefore ?b ; ckg:valueAfter ?a }""").rows
        return int(kept[0]["n"] or 0), sorted((r["b"] or "", r["a"] or "") for r in links)
    finally:
        st.close()
        del st
        gc.collect()


@pytest.mark.parametrize("point", ["after-replace", "before-links"])
def test_kill_9_during_a_new_version(tmp_path: Path, point: str) -> None:
    doc, store = tmp_path / "dpa.txt", tmp_path / "store"
    shutil.copy(VERSIONS / "fr_dpa_v1.txt", doc)
    assert ingest_cli(doc, store) == 0
    shutil.copy(VERSIONS / "fr_dpa_v2.txt", doc)
    assert ingest_cli(doc, store, crash_at=point) == -signal.SIGKILL
    kept, _ = facts(store)
    assert kept == 1  # the old version was kept before the swap, and only once
    assert ingest_cli(doc, store) == 0  # the next run: same content now, the versions get linked
    assert facts(store) == (1, [("PT72H", "PT48H")])
