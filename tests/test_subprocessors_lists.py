"""Sub-processors in bullet lines, in prose and in address tables, in EN/FR/IT/DE/ES (invented companies)."""

import pytest

from contractkg.ingest.document import Agreement, Document
from contractkg.ingest.transfers import subprocessors


def subs(text):
    doc = Document(source="t.txt", text=text)
    ag = Agreement(doc=doc, start=0, end=len(text), kind="dpa")
    out = subprocessors.extract(ag, {"record": {"evidence": {}}})
    return {sp["name"]: sp for sp in out["subprocessors"]}


BULLETS = {
    "en": "5. Sub-processors\nThe Customer authorises these sub-processors:\n"
          "- Larchmont Data Ltd, Leeds, United Kingdom – customer support\n"
          "- Velmora Cloud S.r.l., Turin, Italy – hosting\n",
    "fr": "5. Sous-traitants ultérieurs\nLe Client autorise les sous-traitants ultérieurs suivants :\n"
          "- Larchmont Data Ltd, Leeds, Royaume-Uni – support client\n"
          "- Velmora Cloud S.r.l., Turin, Italie – hébergement\n",
    "it": "5. Sub-responsabili\nIl Cliente autorizza i seguenti sub-responsabili:\n"
          "- Larchmont Data Ltd, Leeds, Regno Unito – assistenza clienti\n"
          "- Velmora Cloud S.r.l., Torino, Italia – hosting\n",
    "de": "5. Unterauftragsverarbeiter\nDer Kunde genehmigt die folgenden Unterauftragsverarbeiter:\n"
          "- Larchmont Data Ltd, Leeds, Vereinigtes Königreich – Kundensupport\n"
          "- Velmora Cloud S.r.l., Turin, Italien – Hosting\n",
    "es": "5. Subencargados\nEl Responsable autoriza a los siguientes subencargados:\n"
          "- Larchmont Data Ltd, Leeds, Reino Unido – atención al cliente\n"
          "- Velmora Cloud S.r.l., Turín, Italia – alojamiento\n",
}


@pytest.mark.parametrize("lang", sorted(BULLETS))
def test_bullet_lines_with_city_country_and_service(lang):
    found = subs(BULLETS[lang])
    assert set(found) == {"Larchmont Data Ltd", "Velmora Cloud S.r.l."}
    assert found["Larchmont Data Ltd"]["country"] == "GB"
    assert found["Velmora Cloud S.r.l."]["country"] == "IT"
    assert found["Velmora Cloud S.r.l."]["safeguard"] == "none"
    assert found["Velmora Cloud S.r.l."]["service"]


PROSE = {
    "en": "6. Sub-processors\nThe Customer authorises the following sub-processors: Quorra Systems GmbH (Germany), for hosting; "
          "Tallis Mail Inc. (United States), e-mail delivery, under the standard contractual clauses.\n",
    "fr": "6. Sous-traitants ultérieurs\nLe Client autorise les sous-traitants ultérieurs suivants : Quorra Systems GmbH (Allemagne), "
          "pour l'hébergement ; Tallis Mail Inc. (États-Unis), envoi d'e-mails, sur la base des clauses contractuelles types.\n",
    "it": "6. Sub-responsabili\nIl Cliente autorizza i seguenti sub-responsabili: Quorra Systems GmbH (Germania), per l'hosting; "
          "Tallis Mail Inc. (Stati Uniti), invio di e-mail, con clausole contrattuali standard.\n",
    "de": "6. Unterauftragsverarbeiter\nDer Kunde genehmigt folgende Unterauftragsverarbeiter: Quorra Systems GmbH (Deutschland), "
          "für das Hosting; Tallis Mail Inc. (USA), E-Mail-Versand, auf Grundlage der Standardvertragsklauseln.\n",
    "es": "6. Subencargados\nEl Responsable autoriza a los siguientes subencargados: Quorra Systems GmbH (Alemania), para el "
          "alojamiento; Tallis Mail Inc. (Estados Unidos), envío de correos, con cláusulas contractuales tipo.\n",
}


@pytest.mark.parametrize("lang", sorted(PROSE))
def test_prose_list_with_country_in_parentheses(lang):
    found = subs(PROSE[lang])
    assert set(found) == {"Quorra Systems GmbH", "Tallis Mail Inc."}
    assert found["Quorra Systems GmbH"]["country"] == "DE" and found["Quorra Systems GmbH"]["safeguard"] == "none"
    assert found["Tallis Mail Inc."]["country"] == "US" and found["Tallis Mail Inc."]["safeguard"] == "scc"
    assert found["Quorra Systems GmbH"]["service"] and not found["Quorra Systems GmbH"]["service"].lower().startswith(("for", "pour", "per", "für", "para"))


def test_company_in_parentheses_outside_a_sub_processor_passage_is_ignored():
    assert subs("1. Parties\nThis agreement is made with Quorra Systems GmbH (Germany), the supplier.\n") == {}


def test_safeguard_stated_in_a_sentence_naming_the_sub_processor():
    text = ("7. Sub-processors\nSub-processor Address Service Country\n"
            "Tallis Mail Inc. 12 Pine Street, Austin E-mail USA\n\n"
            "Transfers to Tallis Mail Inc. rely on the EU-US Data Privacy Framework.\n")
    assert subs(text)["Tallis Mail Inc."]["safeguard"] == "dpf"


ADDRESS_TABLES = {
    "en": "Sub-processor | Address | Service | Country\nVelmora Cloud S.r.l. | Via Roma 1, 10121 Torino | Hosting | Italy\n"
          "Tallis Mail Inc. | 12 Pine Street, Austin, TX | E-mail | United States\n",
    "fr": "Sous-traitant | Adresse | Prestation | Pays\nVelmora Cloud S.r.l. | Via Roma 1, 10121 Torino | Hébergement | Italie\n"
          "Tallis Mail Inc. | 12 Pine Street, Austin, TX | E-mail | États-Unis\n",
    "it": "Sub-responsabile | Indirizzo | Servizio | Paese\nVelmora Cloud S.r.l. | Via Roma 1, 10121 Torino | Hosting | Italia\n"
          "Tallis Mail Inc. | 12 Pine Street, Austin, TX | E-mail | Stati Uniti\n",
    "de": "Unterauftragsverarbeiter | Anschrift | Leistung | Land\nVelmora Cloud S.r.l. | Via Roma 1, 10121 Torino | Hosting | Italien\n"
          "Tallis Mail Inc. | 12 Pine Street, Austin, TX | E-Mail | USA\n",
    "es": "Subencargado | Dirección | Servicio | País\nVelmora Cloud S.r.l. | Via Roma 1, 10121 Torino | Alojamiento | Italia\n"
          "Tallis Mail Inc. | 12 Pine Street, Austin, TX | Correo | Estados Unidos\n",
}


@pytest.mark.parametrize("lang", sorted(ADDRESS_TABLES))
def test_table_rows_with_an_address_column(lang):
    found = subs("Annex 2\n" + ADDRESS_TABLES[lang])
    assert set(found) == {"Velmora Cloud S.r.l.", "Tallis Mail Inc."}
    assert found["Velmora Cloud S.r.l."]["country"] == "IT"
    assert found["Tallis Mail Inc."]["country"] == "US"
    assert found["Tallis Mail Inc."]["safeguard"] == "unspecified"
