"""Crash safety: `ingest` killed with SIGKILL at three moments leaves every contract in its old or its
new version, never half, the earlier contracts intact, and no language link lost; two ingests of one
store at once never corrupt it (the second waits, or is refused in plain words)."""

from __future__ import annotations

import gc
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from contractkg.cli import app
from contractkg.namespaces import CKG
from contractkg.store.base import PENDING
from contractkg.store.embedded import EmbeddedStore

OLD_EN = """DATA PROCESSING AGREEMENT

This agreement is made between the Customer (the "Controller") and Orchard Lane Software SAS,
14 rue des Tanneurs, 69002 Lyon, France (the "Processor").

1. Subject matter
The Processor shall process personal data only on documented instructions of the Controller.

2. Security
The Processor shall notify the Controller of a personal data breach within 72 hours.
"""

NEW_EN = """DATA PROCESSING AGREEMENT

This agreement is made between the Customer (the "Controller") and Orchard Lane Software SAS,
14 rue des Tanneurs, 69002 Lyon, France (the "Processor").

1. Subject matter
The Processor shall process personal data only on documented instructions of the Controller.

2. Confidentiality
The Processor shall ensure that persons authorised to process the personal data are bound by confidentiality.

3. Security
The Processor shall notify the Controller of a personal data breach within 48 hours.

4. Governing law
This agreement is governed by the laws of France.
"""

NEW_FR = """ACCORD DE TRAITEMENT DES DONNÉES

Le présent accord est conclu entre le Client (le « Responsable du traitement ») et Orchard Lane Software SAS,
14 rue des Tanneurs, 69002 Lyon, France (le « Sous-traitant »).

1. Objet
Le Sous-traitant s'engage à traiter les données personnelles uniquement sur instruction documentée du
Responsable du traitement.

2. Confidentialité
Le Sous-traitant veille à ce que les personnes autorisées à traiter les données personnelles soient tenues
à la confidentialité.

3. Sécurité
Le Sous-traitant notifie au Responsable du traitement toute violation de données personnelles dans un délai
de 48 heures.

4. Droit applicable
Le présent accord est régi par le droit français.
"""

OTHER_DE = """AUFTRAGSVERARBEITUNGSVERTRAG

zwischen dem Kunden (der "Verantwortliche") und Moosbach Cloud GmbH, Lindenallee 2, 80331 München,
Deutschland (der "Auftragsverarbeiter").

1. Weisungen
Der Auftragsverarbeiter verarbeitet personenbezogene Daten nur auf dokumentierte Weisung des Verantwortlichen.
"""


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    """Start `contractkg ARGS` in a fresh interpreter."""
    cmd = [sys.executable, "-c", "import sys; from contractkg.cli import main; sys.argv[0] = 'contractkg'; main()", *args]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **(env or {})})


def finish(proc: subprocess.Popen[str]) -> tuple[int, str]:
    _, err = proc.communicate(timeout=300)
    return proc.returncode, err


def closed(store: EmbeddedStore) -> None:
    store.close()
    del store
    gc.collect()


def signature(store: EmbeddedStore, doc: str) -> dict[str, int]:
    """Triples per registered graph of one document (language-link graphs aside)."""
    sig = {}
    for g in store.graphs_of(doc):
        if "/links/" not in g:
            rows = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}").rows
            sig[g] = int(rows[0]["n"] or 0)
    return sig


def linked(store: EmbeddedStore) -> bool:
    return bool(store.query(f"ASK {{ ?a <{CKG}translationOf> ?b . ?a <{CKG}fromDocument> ?d1 . "
                            f"?b <{CKG}fromDocument> ?d2 FILTER(?d1 != ?d2) }}").boolean)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """Files, the store after the first ingest, and every document's old and new signature."""
    from contractkg import kg
    from contractkg.ingest.load.loaders import load
    from contractkg.pipeline import ingest

    tmp = tmp_path_factory.mktemp("crash")
    a, e, b = tmp / "a_en.txt", tmp / "e_fr.txt", tmp / "b_de.txt"
    a.write_text(OLD_EN, encoding="utf-8")
    b.write_text(OTHER_DE, encoding="utf-8")
    first = tmp / "first"
    st = EmbeddedStore(first)
    done = ingest(st, [a, b], workers=1, budget=0)
    assert all(r.error is None for r in done), [r.error for r in done]
    docs = {name: kg.doc_iri(load(p)) for name, p in (("a", a), ("b", b))}
    old = {name: signature(st, d) for name, d in docs.items()}
    closed(st)
    a.write_text(NEW_EN, encoding="utf-8")
    e.write_text(NEW_FR, encoding="utf-8")
    docs["e"] = kg.doc_iri(load(e))
    shutil.copytree(first, tmp / "second")
    st = EmbeddedStore(tmp / "second")
    assert all(r.error is None for r in ingest(st, [a, e], workers=1, budget=0))
    new = {name: signature(st, d) for name, d in docs.items()}
    assert linked(st)
    closed(st)
    assert old["a"] != new["a"] and old["b"] == new["b"] and new["e"]
    return {"tmp": tmp, "first": first, "files": [str(a), str(e)], "docs": docs, "old": old, "new": new}


@pytest.mark.parametrize("point", ["after-replace", "after-bulk-load", "before-links"])
def test_kill_9_leaves_old_or_new_versions_and_no_lost_link(world: dict, point: str) -> None:  # type: ignore[type-arg]
    store = world["tmp"] / point
    shutil.copytree(world["first"], store)
    code, err = finish(cli("ingest", *world["files"], "--store", str(store), "--workers", "1", "--time-budget", "0",
                           env={"CONTRACTKG_CRASH_AT": point}))
    assert code == -signal.SIGKILL, err
    docs, old, new = world["docs"], world["old"], world["new"]
    for read_only in (True, False):  # a reader right after the crash, then the next writer
        st = EmbeddedStore(store, read_only=read_only)
        for name, doc in docs.items():
            got = signature(st, doc)
            assert got in (old.get(name, {}), new[name]), f"{name} is half-written after {point}"
        assert signature(st, docs["b"]) == old["b"]  # earlier contracts intact
        assert not [g for g in st.named_graphs() if docs["e"].rsplit("/", 1)[1] in g and not st.graphs_of(docs["e"])]
        if not read_only and signature(st, docs["e"]) == new["e"]:
            assert linked(st)  # the writer recomputed the links the crash cut off
        closed(st)


def test_a_second_writer_is_refused_in_plain_words(world: dict, tmp_path: Path) -> None:  # type: ignore[type-arg]
    store = tmp_path / "s"
    shutil.copytree(world["first"], store)
    holder = EmbeddedStore(store, what="contractkg ingest")
    try:
        code, err = finish(cli("ingest", world["files"][1], "--store", str(store), env={"CONTRACTKG_LOCK_WAIT": "0.5"}))
        assert code == 1
        err = err.strip()
        assert "another process is writing" in err and f"pid {os.getpid()}" in err and "run this again" in err
        lines = err.splitlines()  # a notice of whom it waits for, then one line of error
        assert len(lines) == 2 and lines[0].startswith("waiting up to 0.5 s for contractkg ingest"), lines
        reader = CliRunner().invoke(app, ["stats", "--store", str(store)])  # reading goes on beside the writer
        assert reader.exit_code == 0, reader.output
    finally:
        closed(holder)


def test_two_ingests_at_once_both_land_one_after_the_other(world: dict, tmp_path: Path,  # type: ignore[type-arg]
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    store = tmp_path / "s"
    shutil.copytree(world["first"], store)
    args = ["--store", str(store), "--workers", "1", "--time-budget", "0"]
    other = cli("ingest", world["files"][0], *args, env={"CONTRACTKG_LOCK_WAIT": "120"})
    monkeypatch.setenv("CONTRACTKG_LOCK_WAIT", "120")
    here = CliRunner().invoke(app, ["ingest", world["files"][1], *args])  # meanwhile, in this process
    assert here.exit_code == 0, here.output
    assert finish(other)[0] == 0
    st = EmbeddedStore(store, read_only=True)
    for name in ("a", "e"):
        assert signature(st, world["docs"][name]) == world["new"][name]
    assert signature(st, world["docs"]["b"]) == world["old"]["b"]


def test_links_cut_off_are_recomputed_from_what_each_document_carries(world: dict, monkeypatch) -> None:  # type: ignore[type-arg]
    """The same repair any store gets (a remote one at its next ingest): no re-extraction needed."""
    import contractkg.pipeline as pipeline

    st = EmbeddedStore(None)

    def crash(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "store_links", crash)
    with pytest.raises(KeyboardInterrupt):
        pipeline.ingest(st, [Path(f) for f in world["files"]], workers=1, budget=0)
    assert not linked(st) and st.query(f"ASK {{ GRAPH <{PENDING}> {{ ?s ?p ?o }} }}").boolean
    monkeypatch.undo()
    pipeline.repair_links(st)
    assert linked(st) and not st.query(f"ASK {{ GRAPH <{PENDING}> {{ ?s ?p ?o }} }}").boolean
    assert PENDING not in st.named_graphs()
