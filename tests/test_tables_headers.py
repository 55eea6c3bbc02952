"""The two header vocabularies agree: every sub-processor column word of ``safeguards.yaml`` is typed
the same way by the table header words of ``tables.yaml`` (which place the columns of a row)."""

import pytest

from contractkg.ingest.lexicon import lexicon
from contractkg.ingest.structure.table_cells import column_type

GROUPS = {"name_columns": {"name"}, "service_columns": {"service"}, "seat_columns": {"country", "address"},
          "processing_location_columns": {"country"}, "safeguard_columns": {"safeguard"}}


@pytest.mark.parametrize("group", sorted(GROUPS))
def test_subprocessor_column_words_have_a_column_type(group):
    words = lexicon("safeguards")["subprocessor_table"][group]
    assert [w for w in words if column_type(w, at_start=True) not in GROUPS[group]] == []


@pytest.mark.parametrize("header, kind", [
    ("Fornecedor", "name"), ("Subverwerker", "name"), ("Finalidade", "service"), ("Doel", "service"),
    ("Região/Hosting", "country"), ("Locatie", "country"), ("Salvaguardas", "safeguard"), ("Waarborgen", "safeguard"),
    ("Ubicación", "country"), ("Garantías", "safeguard"), ("Zweck", "service"), ("Finalità", "service"), ("Pays", "country"),
])
def test_header_words_in_seven_languages(header, kind):
    assert column_type(header) == kind
