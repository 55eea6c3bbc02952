"""The data-flow graph: projection of the store, concentration, third-country paths, onward chains,
GraphML / node-link export, the `graph` commands, and the seeds' gold sub-processors."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from contractkg import analytics, kg
from contractkg.ingest.document import Document
from contractkg.store.embedded import EmbeddedStore

CUSTOMER = {"name": None, "defined_as": ["Customer"], "roles": ["controller"]}


def dpa(vendor: str, seat: str, subs: list[tuple[str, str, str]]) -> dict:
    return {"kind": "dpa", "line": 1, "language": "en",
            "parties": [CUSTOMER, {"name": vendor, "roles": ["processor"], "country": seat}],
            "subprocessors": [{"name": n, "country": c, "service": "hosting", "safeguard": sg} for n, c, sg in subs]}


def fill(store: EmbeddedStore, records_by_file: dict[str, list[dict]]) -> None:
    for name, records in records_by_file.items():
        doc = Document(source=f"/synthetic/{name}.txt", text="x" * 50, sha256=name)
        store.replace_document(kg.doc_iri(doc), kg.build(doc, records))


@pytest.fixture
def flows(mem_store: EmbeddedStore) -> nx.MultiDiGraph:
    fill(mem_store, {
        "alpha": [dpa("Alpha Cloud Ltd", "IE", [("Beta Hosting Inc", "US", "scc"), ("Gamma Mail GmbH", "DE", "none")])],
        "beta": [dpa("Beta Hosting Inc", "US", [("Delta Backup Pte Ltd", "SG", "unspecified")])],
        "epsilon": [dpa("Epsilon CRM SAS", "FR", [("Beta Hosting Inc", "US", "dpf")])],
    })
    return analytics.data_flow(mem_store)


def label_of(g: nx.MultiDiGraph, label: str) -> str:
    return next(n for n, d in g.nodes(data=True) if d.get("label") == label)


def test_projection_has_roles_countries_and_safeguards(flows: nx.MultiDiGraph) -> None:
    alpha, beta = label_of(flows, "Alpha Cloud Ltd"), label_of(flows, "Beta Hosting Inc")
    assert set(flows.nodes[beta]["roles"].split(";")) == {"processor", "subprocessor"}
    assert analytics.countries_of(flows, beta) == ["US"]
    edges = [d for _, v, d in flows.out_edges(alpha, data=True) if v == beta]
    assert [(d["relation"], d["safeguard"]) for d in edges] == [("subprocessing", "scc")]
    placeholders = [n for n, d in flows.nodes(data=True) if d.get("label") == "Customer"]
    assert len(placeholders) == 3  # one local placeholder per agreement, never merged
    assert flows.nodes["https://w3id.org/dpv/loc#SG"]["eea"] is False
    assert flows.nodes["https://w3id.org/dpv/loc#DE"]["eea"] is True


def test_concentration_ranks_shared_subprocessors(flows: nx.MultiDiGraph) -> None:
    top, *rest = analytics.concentration(flows)
    assert (top["subprocessor"], top["count"], top["vendors"]) == ("Beta Hosting Inc", 2, ["Alpha Cloud Ltd", "Epsilon CRM SAS"])
    assert all(r["count"] == 1 for r in rest)


def test_paths_to_third_countries_and_onward_chains(flows: nx.MultiDiGraph) -> None:
    paths = {tuple(p["path"]) for p in analytics.third_country_paths(flows)}
    assert ("Customer", "Alpha Cloud Ltd", "Beta Hosting Inc", "Delta Backup Pte Ltd", "SG") in paths
    assert ("Customer", "Epsilon CRM SAS", "Beta Hosting Inc", "US") in paths
    assert not any(p[-1] in analytics.EEA for p in paths)
    assert ["Alpha Cloud Ltd", "Beta Hosting Inc", "Delta Backup Pte Ltd"] in analytics.onward_chains(flows)
    assert ["Alpha Cloud Ltd", "Gamma Mail GmbH"] not in analytics.onward_chains(flows)


def test_exports_round_trip(flows: nx.MultiDiGraph, tmp_path: Path) -> None:
    analytics.write(flows, tmp_path / "f.graphml", "graphml")
    back = nx.read_graphml(tmp_path / "f.graphml")
    assert back.number_of_nodes() == flows.number_of_nodes() and back.number_of_edges() == flows.number_of_edges()
    analytics.write(flows, tmp_path / "f.json", "json")
    data = json.loads((tmp_path / "f.json").read_text(encoding="utf-8"))
    again = nx.node_link_graph(data, edges="links")
    assert sorted(again.nodes) == sorted(flows.nodes)
    with pytest.raises(ValueError):
        analytics.write(flows, tmp_path / "f.x", "dot")


def test_graph_commands(tmp_path: Path) -> None:
    from contractkg.cli import app

    store = EmbeddedStore(tmp_path / "store")
    fill(store, {"alpha": [dpa("Alpha Cloud Ltd", "IE", [("Beta Hosting Inc", "US", "scc")])],
                 "epsilon": [dpa("Epsilon CRM SAS", "FR", [("Beta Hosting Inc", "US", "none")])]})
    store.close()
    del store
    cli = CliRunner()
    out = tmp_path / "flows.graphml"
    res = cli.invoke(app, ["graph", "export", "-f", "graphml", "-o", str(out), "--store", str(tmp_path / "store")])
    assert res.exit_code == 0, res.output
    assert "Beta Hosting Inc" in out.read_text(encoding="utf-8")
    res = cli.invoke(app, ["graph", "concentration", "-f", "json", "--store", str(tmp_path / "store")])
    assert res.exit_code == 0, res.output
    first = json.loads(res.stdout)["rows"][0]
    assert (first["subprocessor"], first["count"], first["country"]) == ("Beta Hosting Inc", "2", "US")
    res = cli.invoke(app, ["graph", "paths", "-f", "csv", "--store", str(tmp_path / "store")])
    assert res.exit_code == 0 and "Alpha Cloud Ltd -> Beta Hosting Inc -> US" in res.stdout
    res = cli.invoke(app, ["graph", "export", "-f", "dot", "-o", str(out), "--store", str(tmp_path / "store")])
    assert res.exit_code == 2 and "graphml" in res.output and "json" in res.output  # a usage error


def test_seed_data_flow_shows_every_gold_subprocessor_with_its_country(seeds: Path, gold_dir: Path, shared: Path) -> None:
    import yaml

    from contractkg.pipeline import ingest

    spec = importlib.util.spec_from_file_location("goldscore", shared / "tools" / "goldscore.py")
    assert spec and spec.loader
    goldscore = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(goldscore)  # the scorer's own name matching

    store = EmbeddedStore(None)
    ingest(store, [seeds], workers=1)
    g = analytics.data_flow(store)
    parties = [(d["label"], set(analytics.countries_of(g, n))) for n, d in g.nodes(data=True) if d.get("kind") == "party"]
    missing, total = [], 0
    for path in sorted(gold_dir.glob("*.yaml")):
        for contract in yaml.safe_load(path.read_text(encoding="utf-8"))["contracts"]:
            for sp in contract.get("subprocessors") or []:
                total += 1
                if not any(goldscore.same_name(label, sp["name"]) and sp.get("country") in countries
                           for label, countries in parties):
                    missing.append(f"{path.stem}: {sp['name']} ({sp.get('country')})")
    assert total > 0
    assert not missing, f"{len(missing)} of {total} gold sub-processors missing: {missing[:10]}"
