"""Defined-term forms in French, Italian, English, German and Spanish (examples written for the tests)."""

import pytest

from contractkg.ingest.structure.defined_terms import find_definitions, norm_term


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Zorbex SAS, ci-après désignée par le terme « Sous-traitant » ou « Zorbex » ;", ("Sous-traitant", "Zorbex")),
        ("le client (ci-après dénommé “Client“) et", ("Client",)),
        ("Le Client : (ci-après dénommé le « Responsable de traitement » ou « Client ») ;",
         ("Responsable de traitement", "Client")),
        ("Pluvia S.r.l. (di seguito “Fornitore”) e", ("Fornitore",)),
        ("il cliente (di seguito denominato \"Cliente\")", ("Cliente",)),
        ("Quillon Ltd (the \"Processor\") and", ("Processor",)),
        ("the customer, hereinafter \"Client\", agrees", ("Client",)),
        ("Hobel GmbH (im Folgenden „Auftragnehmer“) und", ("Auftragnehmer",)),
        ("Marbella Datos S.L. (en adelante, el \"Encargado\")", ("Encargado",)),
        ("Ventoso Ltd (‘Supplier’) and", ("Supplier",)),
        ("Nimbo Inc. (« Nimbo » ou « importateur de données »)", ("Nimbo", "importateur de données")),
        ("Nimbo Inc.\n1 Main Street (the data importer)", ("data importer",)),
    ],
)
def test_definition_forms(text, expected):
    defs = find_definitions(text)
    assert defs, text
    assert defs[0].terms == expected or defs[-1].terms == expected


def test_offsets_are_shifted_by_base():
    text = "Acme GmbH (im Folgenden „Anbieter“)"
    d = find_definitions(text, base=100)[0]
    assert text[d.start - 100 : d.end - 100].startswith("(")


def test_quotation_without_marker_is_not_a_definition():
    assert find_definitions("Le service « Campagne Éclair » est proposé en ligne.") == []


def test_norm_term():
    assert norm_term("  Responsable  de   l’Accord ") == "responsable de l'accord"


@pytest.mark.parametrize("text, expected", [
    # quoted terms after the markers of each language
    ("Kievit Software B.V. (hierna: \"Verwerker\") en", ("Verwerker",)),
    ("Kievit Software B.V., hierna te noemen \"Verwerker\", en", ("Verwerker",)),
    ("Maresia Digital, Lda (doravante designada \"Subcontratante\") e", ("Subcontratante",)),
    ("Maresia Digital, Lda, adiante designada por «Prestador», e", ("Prestador",)),
    ("Encina Sistemas, S.L. (en lo sucesivo, el «Encargado») y", ("Encargado",)),
    ("Lindgrün Hosting GmbH – nachstehend „Auftragnehmer“ genannt – und", ("Auftragnehmer",)),
    ("Ginestra S.p.A. (qui di seguito \"Fornitore\") e", ("Fornitore",)),
    # unquoted names in parentheses after a marker
    ("Kievit Software B.V. (hierna: Kievit) en", ("Kievit",)),
    ("Harrowgate Labs Inc. (hereinafter Harrowgate) and", ("Harrowgate",)),
    ("Jonas Feldmann e.K. (nachfolgend Auftragnehmer) für", ("Auftragnehmer",)),
    ("Vallon Numérique SARL (ci-après le Prestataire) et", ("Prestataire",)),
    ("Ginestra S.p.A. (di seguito il Fornitore) e", ("Fornitore",)),
    ("Encina Sistemas, S.L. (en adelante, el Encargado) y", ("Encargado",)),
    ("Maresia Digital, Lda (doravante Subcontratante) e", ("Subcontratante",)),
    # a role word after an adverb, without parentheses
    ("Harrowgate Labs Inc., hereinafter the Processor, and", ("Processor",)),
    ("Vallon Numérique SARL, ci-après le Prestataire ; et", ("Prestataire",)),
    ("Lindgrün Hosting GmbH, nachstehend Auftragnehmer genannt, und", ("Auftragnehmer",)),
    ("Ginestra S.p.A., di seguito il Fornitore, e", ("Fornitore",)),
    ("Encina Sistemas, S.L., en adelante el Encargado, y", ("Encargado",)),
    ("Maresia Digital, Lda, doravante Subcontratante, e", ("Subcontratante",)),
    ("Kievit Software B.V., hierna te noemen Verwerker, en", ("Verwerker",)),
])
def test_definition_forms_in_seven_languages(text, expected):
    defs = find_definitions(text)
    assert [d.terms for d in defs] == [expected], text


@pytest.mark.parametrize("text", [
    "Acme GmbH (Germany) und",  # a parenthesis without a marker
    "(ci-après le client et son personnel)",  # lower case: a description, not a name
    "die oben genannten Auftragnehmer, und",  # a participle, not a marker
    "hereinafter the processing of data, and",  # not a role word
])
def test_not_definitions(text):
    assert find_definitions(text) == []


def test_markdown_emphasis_is_not_part_of_a_term():
    assert find_definitions("Kievit Software B.V. (hierna: \"**Verwerker**\") en")[0].terms == ("Verwerker",)
