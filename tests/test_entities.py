"""Entity resolution on invented company pairs."""

import pytest

from contractkg.ingest.entities import affiliate_of, canonical_key, form_of, same_entity, split_name


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
