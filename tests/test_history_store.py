"""Versions in the store: both versions kept, linked oldest to newest, the newest current, each
change a ckg:Change with evidence on both sides; a changed file keeps its old version; identical
content stays a no-op."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from contractkg.history.load import from_store
from contractkg.namespaces import sparql_prefixes
from contractkg.pipeline import ingest
from contractkg.store.embedded import EmbeddedStore

VERSIONS = Path(__file__).resolve().parent.parent / "examples" / "versions"


def rows(store: EmbeddedStore, body: str) -> list[dict[str, str | None]]:
    return store.query(sparql_prefixes() + body).rows


@pytest.fixture(scope="module")
def store() -> EmbeddedStore:
    s = EmbeddedStore(None)
    results = ingest(s, [VERSIONS], workers=1)
    assert [r.error for r in results] == [None] * len(results)
    return s


def test_both_versions_are_kept_and_linked(store: EmbeddedStore) -> None:
    links = rows(store, """SELECT ?old ?new ?oldPath ?newPath WHERE { ?new prov:wasRevisionOf ?old ;
        ckg:isCurrentVersion true . ?old ckg:supersededBy ?new ; ckg:isCurrentVersion false .
        ?old ckg:fromDocument/ckg:sourcePath ?oldPath . ?new ckg:fromDocument/ckg:sourcePath ?newPath }""")
    pairs = sorted((Path(r["oldPath"] or "").name, Path(r["newPath"] or "").name) for r in links)
    assert pairs == [(f"{s}_v1.txt", f"{s}_v2.txt") for s in ("de_avv", "en_dpa", "es_encargo", "fr_dpa", "it_accordo")]
    graphs = set(store.named_graphs())
    for r in links:  # each version keeps its own contract graph
        for c in (r["old"], r["new"]):
            assert rows(store, f"SELECT ?g WHERE {{ GRAPH ?g {{ <{c}> a ckg:Agreement }} }}")[0]["g"] in graphs


def test_each_change_is_stored_with_values_and_evidence(store: EmbeddedStore) -> None:
    found = rows(store, """SELECT ?area ?kind ?subject ?before ?after ?q1 ?q2 WHERE { ?c a ckg:Change ;
        ckg:changeArea ?area ; ckg:changeKind ?kind ; ckg:changeSubject ?subject ; ckg:fromVersion ?o ; ckg:toVersion ?n .
        ?n ckg:hasChange ?c .
        OPTIONAL { ?c ckg:valueBefore ?before } OPTIONAL { ?c ckg:valueAfter ?after }
        OPTIONAL { ?c ckg:evidenceBefore [ oa:exact ?q1 ; oa:hasSource ?d1 ] }
        OPTIONAL { ?c ckg:evidenceAfter [ oa:exact ?q2 ; oa:hasSelector [ oa:start ?s ] ] } }""")
    got = sorted((r["area"], r["kind"], r["subject"]) for r in found)
    assert got == [("deadline", "changed", "breach_notification"), ("jurisdiction", "changed", "courts"),
                   ("subprocessor", "added", "Quillstone Metrics Inc."), ("subprocessor", "removed", "Vellamo Mail Oy")]
    breach = next(r for r in found if r["area"] == "deadline")
    assert (breach["before"], breach["after"], breach["q1"], breach["q2"]) == ("PT72H", "PT48H", "72 heures", "48 heures")


def test_a_new_subprocessor_opens_an_objection_deadline_from_the_ingest_date(store: EmbeddedStore) -> None:
    (row,) = rows(store, """SELECT ?deadline ?window ?basis WHERE { ?c ckg:objectionDeadline ?deadline ;
        ckg:objectionWindow ?window ; ckg:toVersion ?n . ?n ckg:versionDateBasis ?basis }""")
    today = dt.datetime.now(dt.UTC).date()
    assert row["basis"] == "ingest date" and row["window"] == "P10D"
    assert row["deadline"] in {(today + dt.timedelta(days=10 + k)).isoformat() for k in (-1, 0)}


def test_snapshots_read_back_from_the_store(store: EmbeddedStore) -> None:
    (row,) = rows(store, """SELECT ?c WHERE { ?c ckg:fromDocument/ckg:sourcePath ?p FILTER(STRENDS(?p, "fr_dpa_v2.txt")) }""")
    version = from_store(store, row["c"] or "")
    assert version.snapshot.deadlines["breach_notification"]["value"] == "PT48H" and version.date == "2025-06-02"


def test_a_changed_file_keeps_its_old_version(tmp_path: Path) -> None:
    store = EmbeddedStore(None)
    path = tmp_path / "dpa.txt"
    shutil.copy(VERSIONS / "fr_dpa_v1.txt", path)
    ingest(store, [path], workers=1)
    first = set(store.named_graphs())
    shutil.copy(VERSIONS / "fr_dpa_v2.txt", path)
    ingest(store, [path], workers=1)
    (link,) = rows(store, "SELECT ?old ?new WHERE { ?new prov:wasRevisionOf ?old ; ckg:isCurrentVersion true }")
    assert ".v" in (link["old"] or "") and ".v" not in (link["new"] or "")
    (old,) = rows(store, f"SELECT ?d WHERE {{ <{link['old']}> ckg:breachNotificationHours ?d }}")
    (new,) = rows(store, f"SELECT ?d WHERE {{ <{link['new']}> ckg:breachNotificationHours ?d }}")
    assert (float(old["d"] or 0), float(new["d"] or 0)) == (72, 48)
    (change,) = rows(store, "SELECT ?b ?a WHERE { ?c a ckg:Change ; ckg:valueBefore ?b ; ckg:valueAfter ?a }")
    assert (change["b"], change["a"]) == ("PT72H", "PT48H")
    # the archived copy is registered under its own document, so a crash or a drop of orphans keeps it
    assert store.drop_orphans() == 0
    own = {g for g in first if re.search(r"/graph/[0-9a-f]{16}/", g)}
    archived = {g for g in set(store.named_graphs()) - first if "/links/" not in g}
    assert own and {g.rsplit("/", 1)[1] for g in archived} == {g.rsplit("/", 1)[1] for g in own}

    before = store.count()
    ingest(store, [path], workers=1)  # identical content: nothing new is archived or linked
    assert store.count() == before
    shutil.copy(VERSIONS / "fr_dpa_v1.txt", tmp_path / "elsewhere.txt")
    path.write_text((VERSIONS / "fr_dpa_v2.txt").read_text(encoding="utf-8").replace("48 heures", "24 heures"),
                    encoding="utf-8")
    ingest(store, [path], workers=1)
    chain = rows(store, "SELECT ?new ?cur WHERE { ?new prov:wasRevisionOf ?old ; ckg:isCurrentVersion ?cur }")
    assert sorted(r["cur"] or "" for r in chain) == ["false", "true"]  # v1 -> v2 -> v3, only v3 current


def test_a_subprocessor_list_page_is_versioned_and_opens_a_deadline(tmp_path: Path) -> None:
    """A list published as its own file: a new version of the page adds a sub-processor; the objection
    window comes from the DPA that takes its list from the page."""
    text = (VERSIONS / "en_dpa_v1.txt").read_text(encoding="utf-8")
    dpa = tmp_path / "dpa.txt"
    dpa.write_text(text[:text.index("ANNEX 2")].replace("listed in Annex 2", "listed on its sub-processor page"),
                   encoding="utf-8")
    page = tmp_path / "subprocessors.txt"
    lines = ["| Brightkeel Hosting GmbH | Cloud hosting | Germany | none |", "| Parcelnote SAS | SMS reminders | France | none |"]
    head = "Tallowmere Software Limited - Sub-processors\n\n| Sub-processor | Service | Location | Transfer safeguard |\n|---|---|---|---|\n"
    page.write_text(head + "\n".join(lines) + "\n", encoding="utf-8")
    store = EmbeddedStore(None)
    ingest(store, [dpa, page], workers=1)
    page.write_text(head + "\n".join([*lines, "| Corvel Mail Oy | E-mail delivery | Finland | none |"]) + "\n", encoding="utf-8")
    ingest(store, [dpa, page], workers=1)
    (row,) = rows(store, """SELECT ?subject ?deadline ?window WHERE { ?c a ckg:Change ; ckg:changeKind "added" ;
        ckg:changeSubject ?subject ; ckg:objectionDeadline ?deadline ; ckg:objectionWindow ?window }""")
    assert (row["subject"], row["window"]) == ("Corvel Mail Oy", "P10D")
    links = rows(store, "SELECT ?old ?new WHERE { ?new prov:wasRevisionOf ?old }")
    assert len(links) == 1 and ".v" in (links[0]["old"] or "")  # the page's old version is kept



def test_two_agreements_of_one_file_are_not_versions_of_each_other(tmp_path: Path) -> None:
    text = (VERSIONS / "de_avv_v1.txt").read_text(encoding="utf-8")
    twice = tmp_path / "two.txt"
    twice.write_text(text + "\n\n" + text.replace("Wendelholz Cloud GmbH, Am Kornspeicher 4", "Wendelholz Cloud GmbH, Am Kornspeicher 6"),
                     encoding="utf-8")
    store = EmbeddedStore(None)
    (res,) = ingest(store, [twice], workers=1)
    assert len(res.records) == 2
    assert rows(store, "SELECT ?n WHERE { ?n prov:wasRevisionOf ?o }") == []
