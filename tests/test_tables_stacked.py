"""Tables printed one cell per line (a web page printed to PDF): a header of one column word per
line, then rows of as many lines, in fr, it, en, de, es, pt and nl (invented companies)."""

import pytest

from contractkg.ingest.document import Document
from contractkg.ingest.structure.tables import find_tables

HEADERS = {"en": ("Name", "Purpose", "Country"), "fr": ("Nom", "Finalité", "Pays"), "it": ("Nome", "Finalità", "Paese"),
           "de": ("Name", "Zweck", "Land"), "es": ("Nombre", "Finalidad", "País"), "pt": ("Nome", "Finalidade", "País"),
           "nl": ("Naam", "Doel", "Land")}
COUNTRIES = {"en": ("United States", "Germany"), "fr": ("États-Unis", "Allemagne"), "it": ("Stati Uniti", "Germania"),
             "de": ("USA", "Deutschland"), "es": ("Estados Unidos", "Alemania"), "pt": ("Estados Unidos", "Alemanha"),
             "nl": ("Verenigde Staten", "Duitsland")}


@pytest.mark.parametrize("lang", sorted(HEADERS))
def test_one_cell_per_line(lang):
    us, de = COUNTRIES[lang]
    text = "\n".join([*HEADERS[lang], "Quillmail Inc.", "E-mail", us, "Nordlicht Hosting GmbH", "Hosting", de, "", "Other text."])
    tables = find_tables(Document(source="t.txt", text=text))
    assert len(tables) == 1
    assert tables[0].header == list(HEADERS[lang])
    assert tables[0].rows == [["Quillmail Inc.", "E-mail", us], ["Nordlicht Hosting GmbH", "Hosting", de]]
    s, e = tables[0].row_spans[1]
    assert text[s:e].startswith("Nordlicht") and text[s:e].endswith(de)


def test_a_row_whose_cells_slipped_ends_the_table():
    # an empty service cell vanished: the country is no longer where the header says
    text = "Name\nPurpose\nCountry\nQuillmail Inc.\nE-mail\nUSA\nNordlicht Hosting GmbH\nGermany\nTernwave Ltd\nSupport\nIreland\n"
    tables = find_tables(Document(source="t.txt", text=text))
    assert [t.rows for t in tables] == [[["Quillmail Inc.", "E-mail", "USA"]]]


def test_column_words_without_a_country_column_are_no_table():
    text = "Name\nPurpose\nQuillmail Inc.\nE-mail\n"
    assert find_tables(Document(source="t.txt", text=text)) == []
