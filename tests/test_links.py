"""Language versions across files: linked as translations, with their differences, in the store."""

from __future__ import annotations

from pathlib import Path

from contractkg.links import annotate_translations
from contractkg.namespaces import sparql_prefixes
from contractkg.pipeline import ingest, iter_files, process

FR = """ACCORD DE TRAITEMENT DES DONNÉES

Entre le Client (le « Responsable de traitement ») et Falaise Logiciels SAS, 4 rue des Lilas, 69003 Lyon, France (le « Sous-traitant »).

1. Objet
Le Sous-traitant traite les données pour le compte du Responsable de traitement.
2. Instructions
Le Sous-traitant ne traite les données que sur instruction documentée du Responsable de traitement.
3. Violations de données
Le Sous-traitant notifie toute violation de données au Responsable de traitement dans un délai de 48 heures.
4. Sous-traitants ultérieurs
Le Sous-traitant informe le Responsable de traitement quinze (15) jours avant tout nouveau sous-traitant ultérieur.
5. Droit applicable
Le présent accord est régi par le droit français. En cas de divergence, la version française prévaut.
"""

IT = """ACCORDO SUL TRATTAMENTO DEI DATI

Tra il Cliente (il “Titolare”) e Falaise Logiciels SAS, 4 rue des Lilas, 69003 Lione, Francia (il “Responsabile”).

1. Oggetto
Il Responsabile tratta i dati per conto del Titolare.
2. Istruzioni
Il Responsabile tratta i dati soltanto su istruzione documentata del Titolare.
3. Violazioni dei dati
Il Responsabile notifica ogni violazione dei dati al Titolare entro 72 ore.
4. Sub-responsabili
Il Responsabile informa il Titolare quindici (15) giorni prima di ogni nuovo sub-responsabile.
5. Legge applicabile
Il presente accordo è regolato dalla legge francese. In caso di divergenza prevale la versione francese.
"""


def _write(tmp_path: Path) -> list[Path]:
    paths = [tmp_path / "fr.txt", tmp_path / "it.txt"]
    paths[0].write_text(FR, encoding="utf-8")
    paths[1].write_text(IT, encoding="utf-8")
    return paths


def test_extract_annotates_the_other_version(tmp_path: Path) -> None:
    records = [rec for p in iter_files(_write(tmp_path)) for rec in process(p).records]
    assert len(records) == 2
    records = annotate_translations(records)
    assert records[1].translation_of == f"{records[0].source}#{records[0].line}"
    assert records[0].prevailing_version is True and records[1].prevailing_version is False
    fields = {d.field for d in records[0].version_differences or ()}
    assert "deadlines.breach_notification" in fields


def test_ingest_links_versions_and_reingest_drops_the_link(tmp_path: Path, mem_store) -> None:
    paths = _write(tmp_path)
    ingest(mem_store, paths)
    q = sparql_prefixes() + "SELECT ?a ?b WHERE { ?a ckg:translationOf ?b }"
    assert len(mem_store.query(q).rows) == 2
    diffs = mem_store.query(sparql_prefixes() + """SELECT ?f ?va ?vb WHERE {
        ?d a ckg:VersionDifference ; ckg:differenceField ?f ; ckg:valueInA ?va ; ckg:valueInB ?vb }""").rows
    assert {"f": "deadlines.breach_notification", "va": "PT48H", "vb": "PT72H"} in diffs or \
           {"f": "deadlines.breach_notification", "va": "PT72H", "vb": "PT48H"} in diffs
    prevailing = mem_store.query(sparql_prefixes() + "SELECT DISTINCT ?p WHERE { ?c ckg:prevailingVersion ?p . ?p dct:language ?l }").rows
    assert len(prevailing) == 1
    # Re-ingesting one version alone replaces its graphs and drops the link it can no longer vouch for.
    ingest(mem_store, paths[:1])
    assert mem_store.query(q).rows == []


def test_large_batches_pair_versions_through_a_shared_party(tmp_path: Path) -> None:
    from contractkg.links import FULL_COMPARISON, translation_pairs

    pair = [rec.to_json() for p in iter_files(_write(tmp_path)) for rec in process(p).records]
    filler = []
    for k in range(FULL_COMPARISON):  # unrelated agreements, each with its own named party
        rec = dict(pair[k % 2], parties=[{"name": f"Filler {k} GmbH", "roles": ["processor"]}], source=f"f{k}.txt")
        filler.append(rec)
    records = filler + pair
    found = {(i, j) for i, j, _ in translation_pairs(records)}
    assert (len(filler), len(filler) + 1) in found
