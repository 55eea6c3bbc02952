"""Entity resolution on invented company pairs."""

import pytest

from contractkg.ingest.lexical.entities import affiliate_of, canonical_key, form_of, same_entity, split_name


@pytest.mark.parametrize("a, b", [
    ("Quorvia, Inc.", "Quorvia Inc"),
    ("Quorvia, Inc.", "QUORVIA INC."),
    ("Pluvia S.r.l.", "PLUVIA SRL"),
    ("Hobel Technik GmbH", "Hobel Technik Gmbh"),
    ("Ventoso Pty. Ltd.", "Ventoso Pty Ltd"),
    ("Marbella Datos, S.L.", "Marbella Datos SL"),
    ("Quorvia", "Quorvia, Inc."),  # a short name and its legal entity
])
def test_same_entity(a, b):
    assert same_entity(a, b)
    assert not affiliate_of(a, b)


@pytest.mark.parametrize("a, b", [
    ("Quorvia LLC", "Quorvia Ireland Limited"),
    ("Zorbex SAS", "Zorbex Pty Ltd"),
    ("Zorbex.io, Inc.", "Zorbex SAS"),
])
def test_affiliates_stay_distinct(a, b):
    assert not same_entity(a, b)
    assert canonical_key(a) != canonical_key(b)
    assert affiliate_of(a, b)


@pytest.mark.parametrize("a, b", [
    ("Global Services Ltd", "Global Payments Inc"),  # only a generic word in common
    ("Data Partners GmbH", "Data Systems AG"),
    ("Quorvia Inc.", "Ventoso Inc."),  # only the legal form in common
])
def test_unrelated(a, b):
    assert not same_entity(a, b)
    assert not affiliate_of(a, b)


def test_canonical_key_parts():
    assert canonical_key("Stratos Cloud, Inc.") == "stratos cloud|inc"
    assert split_name("Bellavista S.p.A.") == (["bellavista"], "spa")
    assert form_of("S.à r.l.") == ("sarl", "FR")
    assert form_of("Pty Ltd")[1] == "AU"


@pytest.mark.parametrize("text, name, country", [
    ("geführt von Hainbuch Werkzeuge e.K. (nachfolgend", "Hainbuch Werkzeuge e.K.", "DE"),
    ("Operador: NUVEM CLARA – LDA (Nuvem), NIF", "NUVEM CLARA – LDA", "PT"),
    ("prestados por Sol Poente Unipessoal, Lda e", "Sol Poente Unipessoal, Lda", "PT"),
    ("fournis par Lacustre Sàrl, Lausanne", "Lacustre Sàrl", "FR"),  # a weak hint: the address decides
    ("fornito da Ceresio Sagl, Lugano", "Ceresio Sagl", "CH"),
    ("van Tulpveld Software B.V. en", "Tulpveld Software B.V.", "NL"),
    ("Pilvetark OÜ, Tallinn", "Pilvetark OÜ", "EE"),
    ("von Brunnhof Bau GmbH & Co. KG und", "Brunnhof Bau GmbH & Co. KG", "DE"),
    ("por Marea Datos, S.L.U. y", "Marea Datos, S.L.U.", "ES"),
])
def test_legal_forms_of_more_countries(text, name, country):
    from contractkg.ingest.parties.names import find_companies

    found = find_companies(text)
    assert [c["name"] for c in found] == [name]
    assert form_of(found[0]["legal_form"])[1] == country


@pytest.mark.parametrize("text", [
    "the software provided by Quorvia as SaaS",  # "as" is no legal form (a.s.)
    "over the Internet, limited to the term",  # an adjective, not "Limited"
    "le tarif applicable à Paris – SA heure",  # a spaced dash before a bare two-letter word
])
def test_words_that_look_like_forms(text):
    from contractkg.ingest.parties.names import find_companies

    assert find_companies(text) == []


def test_list_number_is_not_part_of_a_name():
    from contractkg.ingest.parties.names import find_companies

    assert [c["name"] for c in find_companies("1. Quorvia GmbH, Hauptstraße 1")] == ["Quorvia GmbH"]
