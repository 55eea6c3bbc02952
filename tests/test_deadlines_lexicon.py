"""The deadline lexicons treat the seven languages alike, and a new language is data only."""

import pytest

from contractkg.ingest.lexical import durations
from contractkg.ingest.lexicon import lexicon

LANGS = {"en", "fr", "it", "de", "es", "pt", "nl"}
# groups that are one language's matter by nature
SINGLE = {"breach.weak_topic", "working_day_units", "working_markers", "calendar_markers"}


def blocks():
    for name in ("deadline_windows", "audit"):
        for key, value in lexicon(name).items():
            if isinstance(value, dict) and not set(value) & LANGS:
                for group, words in value.items():
                    yield f"{key}.{group}", words
            else:
                yield key, value
    lex = lexicon("durations")
    for key in ("units", "qualifiers"):
        for group, words in lex[key].items():
            yield f"{key}.{group}", words
    yield "numbers", lex["numbers"]
    for key in ("working_day_units", "working_markers", "calendar_markers"):
        yield key, lex[key]


@pytest.mark.parametrize("key, entry", list(blocks()), ids=[k for k, _ in blocks()])
def test_every_cue_group_is_keyed_by_language_and_covers_all_seven(key, entry):
    assert isinstance(entry, dict), f"{key} is not keyed by language"
    assert set(entry) <= LANGS, key
    if key not in SINGLE:
        assert set(entry) == LANGS, f"{key} lacks {sorted(LANGS - set(entry))}"


def test_a_new_language_is_lexicon_data_only(monkeypatch):
    # a toy language whose tens come first, joined by a space: "dudek kvar" = 24
    toy = {"words": {"unu": 1, "du": 2, "kvar": 4, "dek": 10}, "units": {"unu": 1, "du": 2, "kvar": 4},
           "tens": {"dudek": 20, "kvardek": 40}, "compound": ["{tens} {unit}"],
           "hundreds": {"cent": 100}, "hundred_compound": ["{hundred} {rest}"]}
    real = lexicon("durations")
    patched = dict(real, numbers=dict(real["numbers"], eo=toy))
    monkeypatch.setattr(durations, "lexicon", lambda name: patched if name == "durations" else lexicon(name))
    for cached in (durations.number_words, durations._tables, durations._pattern):
        cached.cache_clear()
    try:
        words = durations.number_words()
        assert words["dudek kvar"] == 24 and words["cent kvardek du"] == 142
        assert [d.iso for d in durations.find_durations("within dudek kvar hours")] == ["PT24H"]
    finally:
        monkeypatch.undo()
        for cached in (durations.number_words, durations._tables, durations._pattern):
            cached.cache_clear()
