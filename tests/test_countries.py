"""Country names, adjectives and codes in several languages."""

import pytest

from contractkg.ingest.lexical.countries import country_code, find_countries


@pytest.mark.parametrize("name, code", [
    ("Allemagne", "DE"), ("Germania", "DE"), ("Deutschland", "DE"), ("Alemania", "DE"),
    ("Regno Unito", "GB"), ("Royaume-Uni", "GB"), ("Vereinigtes Königreich", "GB"),
    ("États-Unis", "US"), ("Stati Uniti", "US"), ("USA", "US"),
    ("Pays-Bas", "NL"), ("Espagne", "ES"), ("Irlanda", "IE"), ("Suisse", "CH"),
    ("français", "FR"), ("tedesca", "DE"), ("FR", "FR"), ("DEU", "DE"),
])
def test_country_code(name, code):
    assert country_code(name) == code


@pytest.mark.parametrize("word", ["IT", "DE", "Paris", "client"])
def test_not_a_country(word):
    assert country_code(word) is None


def test_find_countries_offsets():
    text = "Hauptstraße 1, 10115 Berlin, Deutschland; copie en Italie et aux États-Unis."
    found = find_countries(text)
    assert [c for _, _, c in found] == ["DE", "IT", "US"]
    for s, e, _ in found:
        assert text[s:e] in ("Deutschland", "Italie", "États-Unis")
