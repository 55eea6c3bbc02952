"""Adding a language is only new lexicon entries: a copy of the lexicons with Swedish added (a language the
packaged lexicons do not cover) makes extraction read a Swedish agreement, with no change to the code.

The same agreement is extracted in fresh processes over three lexicon folders (``$CONTRACTKG_LEXICONS``): the
packaged one, which reads no agreement in it; a copy with Swedish added, which finds the language, the
governing law, the parties' roles and the breach-notification deadline; and that copy less the Swedish law
words, role words and hour units, which loses exactly those three facts."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from contractkg.ingest.lexicon import LEXICON_DIR

ROOT = Path(__file__).resolve().parent.parent

# A short processing agreement in Swedish, written for this test.
AGREEMENT = """PERSONUPPGIFTSBITRÄDESAVTAL

Detta avtal ingås mellan Nordkund AB ("Personuppgiftsansvarig") och Molnbolaget AB ("Personuppgiftsbiträdet").

1. Personuppgiftsbiträdet ska behandla personuppgifterna endast enligt dokumenterade instruktioner från den
personuppgiftsansvarige och det är viktigt att detta följs av alla som arbetar för bolaget.

2. Personuppgiftsbiträdet ska underrätta den personuppgiftsansvarige om varje personuppgiftsincident inom 48 timmar.

3. Detta avtal regleras av svensk lag.
"""

# The entries whose removal must lose the governing law, the roles and the deadline.
REMOVED = {("jurisdiction", ("law_words", "sv")), ("roles", ("roles", "controller", "sv")),
           ("roles", ("roles", "processor", "sv")), ("durations", ("units", "H", "sv"))}

# Each entry: (lexicon file, path of keys to a per-language mapping, words). The last step of the
# path is the new language's code; country data is keyed by country code (SE) instead.
SWEDISH: list[tuple[str, tuple[str, ...], list[Any]]] = [
    ("languages", ("sv", "function_words"),
     ["och", "att", "det", "som", "en", "på", "är", "för", "med", "av", "till", "den", "inte", "ska", "om"]),
    ("structure", ("contract_words", "sv"), ["avtal", "avtalet", "part", "parter", "ska", "personuppgifter", "personuppgiftsbitrade",
                                              "personuppgiftsbitradet",
                                              "personuppgiftsansvarig", "personuppgifterna", "skyldigheter", "ansvar"]),
    ("structure", ("processor_words", "sv"), ["personuppgiftsbitrade", "personuppgiftsbitradet"]),
    ("jurisdiction", ("law_words", "sv"), ["lag", "lagar", "rätt"]),
    ("jurisdiction", ("governing_verbs", "sv"), ["regler", "styrs", "tillämp"]),
    ("jurisdiction", ("court_words", "sv"), ["domstol", "tingsrätt"]),
    ("countries", ("adjectives", "SE"), ["svensk", "svenska"]),
    ("roles", ("roles", "controller", "sv"), ["personuppgiftsansvarig", "personuppgiftsansvarige"]),
    ("roles", ("roles", "processor", "sv"), ["personuppgiftsbiträde", "personuppgiftsbiträdet"]),
    ("roles", ("between_words", "sv"), ["mellan"]),
    ("roles", ("pair_and_words", "sv"), ["och"]),
    ("roles", ("party_introducers", "sv"), ["mellan"]),
    ("roles", ("party_connectors", "sv"), ["och"]),
    ("deadline_windows", ("breach", "topic", "sv"), ["personuppgiftsincident", "incident"]),
    ("deadline_windows", ("breach", "action", "sv"), ["underrätt", "meddel", "anmäl"]),
    ("durations", ("units", "H", "sv"), ["timme", "timmar"]),
    ("durations", ("units", "D", "sv"), ["dag", "dagar"]),
    ("durations", ("reference_points", "sv"), ["efter", "från"]),
]


def add_language(folder: Path, entries: list[tuple[str, tuple[str, ...], list[Any]]]) -> None:
    """Write ``entries`` into the lexicon files of ``folder`` (new keys only: nothing existing changes)."""
    for name, path, words in entries:
        file = folder / f"{name}.yaml"
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        node = data
        for key in path[:-1]:
            node = node.setdefault(key, {})
        if path[-1] in node and not isinstance(node[path[-1]], list):
            raise AssertionError(f"{name}: {'/'.join(path)} is not a word list")
        node[path[-1]] = list(node.get(path[-1]) or []) + words
        file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def extract(doc: Path, lexicons: Path | None, cache: Path) -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if k != "CONTRACTKG_LEXICONS"}
    env.update({"CONTRACTKG_CACHE_DIR": str(cache), "CONTRACTKG_TIME_BUDGET": "0", "PYTHONPATH": str(ROOT)})
    if lexicons is not None:
        env["CONTRACTKG_LEXICONS"] = str(lexicons)
    code = ("import json, sys; from contractkg.ingest.extract import extract_file; "
            "_, _, records = extract_file(sys.argv[1]); print(json.dumps(records[0].to_json() if records else {}))")
    done = subprocess.run([sys.executable, "-c", code, str(doc)], capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    record: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return record


def roles_of(record: dict[str, Any]) -> set[str]:
    return {r for p in record.get("parties") or [] for r in p.get("roles") or []}


def breach_deadline(record: dict[str, Any]) -> Any:
    return (record.get("deadlines") or {}).get("breach_notification")


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    tmp = tmp_path_factory.mktemp("toy")
    doc = tmp / "avtal.txt"
    doc.write_text(AGREEMENT, encoding="utf-8")
    full, less = tmp / "lexicons-sv", tmp / "lexicons-sv-less"
    for folder, entries in ((full, SWEDISH), (less, [e for e in SWEDISH if (e[0], e[1]) not in REMOVED])):
        shutil.copytree(LEXICON_DIR, folder)
        add_language(folder, entries)
    cache = tmp / "cache"
    return extract(doc, None, cache), extract(doc, full, cache), extract(doc, less, cache)


Records = tuple[dict[str, Any], dict[str, Any], dict[str, Any]]


def test_language_is_detected_only_with_its_entries(records: Records) -> None:
    packaged, swedish, _ = records
    assert packaged.get("language") != "sv"
    assert swedish["language"] == "sv"


def test_governing_law_sentence(records: Records) -> None:
    packaged, swedish, less = records
    assert swedish["governing_law"] == "SE"
    assert packaged.get("governing_law") is None and less["governing_law"] is None


def test_party_roles(records: Records) -> None:
    packaged, swedish, less = records
    assert {"controller", "processor"} <= roles_of(swedish)
    assert not roles_of(packaged) & {"controller", "processor"}
    assert "controller" not in roles_of(less)  # a DPA's vendor may still be taken for its processor


def test_breach_deadline(records: Records) -> None:
    packaged, swedish, less = records
    assert breach_deadline(swedish) == "PT48H"
    assert breach_deadline(packaged) is None and breach_deadline(less) is None


def test_the_rest_still_reads_without_the_removed_entries(records: Records) -> None:
    _, _, less = records
    assert less["language"] == "sv" and less["kind"] == "dpa"
