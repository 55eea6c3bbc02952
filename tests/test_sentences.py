"""Sentence splitting with legal abbreviations and layout, in FR/IT/EN/DE."""

from __future__ import annotations

import pytest

from contractkg.ingest.structure.sentences import split_sentences


def sents(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Conformément à l’art. 28 du RGPD, le Sous-traitant agit. Il informe le Client sans délai.",
     ["Conformément à l’art. 28 du RGPD, le Sous-traitant agit.", "Il informe le Client sans délai."]),
    ("Voir le n° 5, p. ex. la clause 3. Le Client paie.", ["Voir le n° 5, p. ex. la clause 3.", "Le Client paie."]),
    ("Ai sensi dell’art. 28, par. 3, lett. a) del GDPR il Responsabile tratta i dati. Il Titolare vigila.",
     ["Ai sensi dell’art. 28, par. 3, lett. a) del GDPR il Responsabile tratta i dati.", "Il Titolare vigila."]),
    ("Alfa S.r.l. e Beta S.p.A. concordano. Il contratto è valido.",
     ["Alfa S.r.l. e Beta S.p.A. concordano.", "Il contratto è valido."]),
    ("Gemäß Abs. 2 Nr. 3 gilt z. B. Folgendes. Der Auftragnehmer haftet.",
     ["Gemäß Abs. 2 Nr. 3 gilt z. B. Folgendes.", "Der Auftragnehmer haftet."]),
    ("Acme Inc. and Beta Ltd. agree on fees, e.g. the price, i.e. EUR 10. The Customer pays.",
     ["Acme Inc. and Beta Ltd. agree on fees, e.g. the price, i.e. EUR 10.", "The Customer pays."]),
])
def test_abbreviations(text: str, expected: list[str]) -> None:
    assert sents(text) == expected


def test_headings_and_lists() -> None:
    text = ("1. Subject matter\nThe Processor processes data.\n\n2.1. Duration\nThe term is one year.\n"
            "The Processor shall:\n(a) encrypt data;\n(b) log access.\n• a bullet\n• another")
    assert sents(text) == ["1. Subject matter", "The Processor processes data.", "2.1. Duration",
                           "The term is one year.", "The Processor shall:", "(a) encrypt data;",
                           "(b) log access.", "• a bullet", "• another"]


def test_wrapped_lines_stay_together() -> None:
    text = "Le Sous-traitant notifie au Responsable du traitement toute violation de données\ndans un délai de 48 heures."
    assert sents(text) == [text]


def test_offsets_are_shifted() -> None:
    text = "  First sentence here. Second one."
    spans = split_sentences(text, base=100)
    assert spans[0] == (102, 122) and text[spans[1][0] - 100 : spans[1][1] - 100] == "Second one."


def test_cached_split_shifts_by_base_and_returns_a_fresh_list():
    text = "Le prestataire informe le client. Il conserve les journaux.\n\nDer Auftragnehmer löscht die Daten."
    first = split_sentences(text, 0)
    shifted = split_sentences(text, 100)
    assert len(first) == 3
    assert shifted == [(s + 100, e + 100) for s, e in first]
    first.append((0, 1))  # a caller changing its list must not change the cached split
    assert split_sentences(text, 0) == first[:-1]


def test_stops_before_line_breaks_quotes_and_double_marks() -> None:
    text = ('Il fornitore informa il cliente.\nIl cliente risponde entro 5 giorni?! Poi si procede.\n'
            'Der Auftragnehmer sagt „ja.“ Danach löscht er.\nsuite en minuscule.\n\n'
            '« Le client décide. » Le prestataire exécute; Il documente.')
    assert sents(text) == ["Il fornitore informa il cliente.", "Il cliente risponde entro 5 giorni?!",
                           "Poi si procede.", "Der Auftragnehmer sagt „ja.“ Danach löscht er.\nsuite en minuscule.",
                           "« Le client décide. » Le prestataire exécute;", "Il documente."]
