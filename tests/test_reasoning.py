"""`reason`: HermiT infers roles across contracts and sub-processing chains into their own graph."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from contractkg import kg, reasoning
from contractkg.cli import app
from contractkg.ingest.document import Document
from contractkg.store.embedded import EmbeddedStore

CKG = "https://w3id.org/contractkg#"
needs_java = pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs Java")


def dpa(controller: str | None, processor: str, subprocessors: list[str] = ()) -> dict[str, Any]:  # type: ignore[assignment]
    parties = [{"name": processor, "roles": ["processor"]}]
    if controller:
        parties.append({"name": controller, "roles": ["controller"]})
    return {"kind": "dpa", "parties": parties, "subprocessors": [{"name": s} for s in subprocessors]}


def fill(store: EmbeddedStore) -> EmbeddedStore:
    for name, rec in {"a": dpa("Shop SA", "Crm Ltd", ["Cloud Inc"]), "b": dpa("Crm Ltd", "Mailer BV"),
                      "c": dpa(None, "Cloud Inc", ["Disk Co"])}.items():
        doc = Document(source=f"/tmp/reasoning-{name}.txt", text="x")
        store.replace_document(kg.doc_iri(doc), kg.build(doc, [rec]))
    return store


def party(name: str) -> str:
    return kg.party_iri({"name": name}, "")


@needs_java
def test_roles_and_chains_are_inferred_into_their_own_graph() -> None:
    store = fill(EmbeddedStore(None))
    extracted = store.count()
    inf = reasoning.reason(store)
    assert inf.consistent
    assert inf.members("DualRoleParty") == [party("Crm Ltd")]
    assert party("Shop SA") in inf.members("ActsAsController") and party("Shop SA") not in inf.members("ActsAsProcessor")
    assert inf.members("SubProcessingChainHead") == [party("Crm Ltd")]
    delegations = {(s, o) for s, p, o in inf.relations if p == CKG + "delegatesProcessingTo"}
    assert delegations == {(party("Crm Ltd"), party("Cloud Inc")), (party("Cloud Inc"), party("Disk Co")),
                           (party("Crm Ltd"), party("Disk Co"))}
    graph = store.query(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ <{party('Crm Ltd')}> a <{CKG}DualRoleParty> }} }}").rows
    assert [r["g"] for r in graph] == [reasoning.INFERRED_GRAPH]
    size = store.count() - extracted
    reasoning.reason(store)  # re-running replaces, never accumulates
    assert store.count() - extracted == size > 0


@needs_java
def test_inconsistent_data_is_reported() -> None:
    store = fill(EmbeddedStore(None))
    s = ox.NamedNode("https://w3id.org/contractkg/id/test/stipulation")
    g = ox.NamedNode("https://w3id.org/contractkg/graph/test")
    store.oxigraph.extend([ox.Quad(s, ox.NamedNode(kg.RDF + "type"), ox.NamedNode(CKG + c), g)
                           for c in ("Obligation", "Prohibition")])
    assert not reasoning.reason(store, save=False).consistent


def test_without_java_the_error_is_one_clear_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(reasoning.shutil, "which", lambda _name: None)
    with pytest.raises(reasoning.ReasoningError, match="HermiT needs Java: install a JRE"):
        reasoning.reason_over("")
    res = CliRunner().invoke(app, ["reason", "--store", str(tmp_path / "s")])
    assert res.exit_code == 1 and "HermiT needs Java" in res.output and len(res.output.strip().splitlines()) == 1


@needs_java
def test_cli_json(tmp_path: Path) -> None:
    import gc

    st = fill(EmbeddedStore(tmp_path / "s"))
    st.close()
    del st
    gc.collect()
    res = CliRunner().invoke(app, ["reason", "--store", str(tmp_path / "s"), "--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["consistent"] and data["dual_role_parties"] == ["Crm Ltd"]
    assert ["Crm Ltd", "Disk Co"] in data["delegations"]
