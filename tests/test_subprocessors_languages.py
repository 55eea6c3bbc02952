"""Sub-processor tables and transfer safeguards in all seven languages (fr, it, en, de, es, pt, nl),
with invented companies: header words, safeguard wording, location cells naming a region or a city."""

import pytest

from contractkg.ingest.document import Agreement, Document
from contractkg.ingest.structure.tables import find_tables
from contractkg.ingest.transfers import subprocessors
from contractkg.ingest.transfers.places import place_of


def subs(text):
    doc = Document(source="t.md", text=text)
    ag = Agreement(doc=doc, start=0, end=len(text), kind="dpa")
    ag.tables = find_tables(doc)
    return {sp["name"]: sp for sp in subprocessors.extract(ag, {"record": {"evidence": {}}})["subprocessors"]}


# name | service | processing location | safeguard, the header words of each language
TABLES = {
    "en": ("Provider | Purpose | Processing location | Safeguards",
           "Standard contractual clauses", "Adequacy decision", "Binding corporate rules", "EU-US Data Privacy Framework"),
    "fr": ("Fournisseur | Finalité | Lieu de traitement | Garanties",
           "Clauses contractuelles types", "Décision d'adéquation", "Règles d'entreprise contraignantes",
           "Data Privacy Framework UE-États-Unis"),
    "it": ("Fornitore | Finalità | Luogo del trattamento | Garanzie",
           "Clausole contrattuali standard", "Decisione di adeguatezza", "Norme vincolanti d'impresa",
           "EU-US Data Privacy Framework"),
    "de": ("Dienstleister | Zweck | Ort der Verarbeitung | Garantien",
           "Standarddatenschutzklauseln", "Angemessenheitsbeschluss", "Verbindliche interne Datenschutzvorschriften",
           "EU-US-Datenschutzrahmen"),
    "es": ("Proveedor | Finalidad | Ubicación | Salvaguardias",
           "Cláusulas contractuales tipo", "Decisión de adecuación", "Normas corporativas vinculantes",
           "Marco de Privacidad de Datos UE-EE. UU."),
    "pt": ("Fornecedor | Finalidade | Região | Salvaguardas",
           "Cláusulas contratuais-tipo", "Decisão de adequação", "Regras vinculativas aplicáveis às empresas",
           "Quadro de Privacidade de Dados UE-EUA"),
    "nl": ("Leverancier | Doel | Locatie | Waarborgen",
           "Standaardcontractbepalingen", "Adequaatheidsbesluit", "Bindende bedrijfsvoorschriften",
           "EU-VS-kader voor gegevensbescherming"),
}


@pytest.mark.parametrize("lang", sorted(TABLES))
def test_pipe_table_with_a_safeguard_per_row(lang):
    header, scc, adequacy, bcr, dpf = TABLES[lang]
    text = (f"Annex 3\n\n| {header} |\n|---|---|---|---|\n"
            f"| Ombrelune Analytics Inc. | analytics | United States | {scc} |\n"
            f"| Brisecap Mail Ltd | e-mail | United Kingdom | {adequacy} |\n"
            f"| Korvanne Group AG | support | Switzerland | {bcr} |\n"
            f"| Pelagon Cloud LLC | hosting | United States | {dpf} |\n\n")
    found = subs(text)
    assert set(found) == {"Ombrelune Analytics Inc.", "Brisecap Mail Ltd", "Korvanne Group AG", "Pelagon Cloud LLC"}
    assert [found[n]["safeguard"] for n in sorted(found)] == ["adequacy", "bcr", "scc", "dpf"]
    assert found["Korvanne Group AG"]["country"] == "CH"


REGION_TABLES = {
    "en": "| Vendor | Service | Hosting location | Transfer mechanism |\n", "fr": "| Prestataire | Service | Localisation | Garanties |\n",
    "it": "| Fornitore | Servizio | Ubicazione | Garanzie |\n", "de": "| Anbieter | Leistung | Standort | Garantien |\n",
    "es": "| Proveedor | Servicio | Ubicación | Garantías |\n", "pt": "| Fornecedor | Serviço | Localização | Salvaguardas |\n",
    "nl": "| Leverancier | Dienst | Locatie | Waarborgen |\n",
}


@pytest.mark.parametrize("lang", sorted(REGION_TABLES))
def test_location_cells_naming_a_region_a_city_or_a_code(lang):
    text = ("Sub-processors\n\n" + REGION_TABLES[lang] + "|---|---|---|---|\n"
            "| Fennick | database | EU (Frankfurt) | - |\n"
            "| Sorrowind | e-mail | IE/EU | - |\n"
            "| Tamblor | cache | EU | SCCs |\n"
            "| Quillon | payments | US | SCCs |\n\n")
    found = subs(text)
    assert {n: found[n]["country"] for n in found} == {"Fennick": "DE", "Sorrowind": "IE", "Tamblor": "EU", "Quillon": "US"}
    # an EEA location needs nothing, but a stated mechanism is what the list says
    assert found["Fennick"]["safeguard"] == "none" and found["Tamblor"]["safeguard"] == "scc"


def test_place_of_reads_regions_cities_and_codes():
    assert place_of("Regiões UE quando disponíveis") == "EU"
    assert place_of("Europese Unie") == "EU" and place_of("EWR") == "EU"
    assert place_of("UE (Frankfurt)") == "DE" and place_of("AWS eu-west-1") == "IE"
    assert place_of("see Annex 2") is None  # "see" is not SEE, the Italian EEA
    assert place_of("worldwide") is None


NO_TRANSFER = {"en": "No transfer", "fr": "Pas de transfert", "it": "Nessun trasferimento", "de": "Keine Übermittlung",
               "es": "Sin transferencia", "pt": "Sem transferência", "nl": "Geen doorgifte"}


@pytest.mark.parametrize("lang", sorted(NO_TRANSFER))
def test_no_transfer_is_no_safeguard_needed_only_when_no_country_says_otherwise(lang):
    text = ("Sub-processors\n\n| Name | Service | Safeguard |\n|---|---|---|\n"
            f"| Velmarine GmbH | hosting | {NO_TRANSFER[lang]} |\n\n")
    assert subs(text)["Velmarine GmbH"]["safeguard"] == "none"
    text = ("Sub-processors\n\n| Name | Service | Country | Safeguard |\n|---|---|---|---|\n"
            f"| Velmarine Inc. | hosting | United States | {NO_TRANSFER[lang]} |\n\n")
    assert subs(text)["Velmarine Inc."]["safeguard"] == "unspecified"


# the name column need not come first, and a country column may hold ISO codes
SECOND_COLUMN = {
    "en": "| Purpose | Sub-processor | Country |", "fr": "| Finalité | Sous-traitant | Pays |",
    "it": "| Finalità | Fornitore | Paese |", "de": "| Zweck | Unterauftragsverarbeiter | Land |",
    "es": "| Finalidad | Subencargado | País |", "pt": "| Finalidade | Subprocessador | País |",
    "nl": "| Doel | Subverwerker | Land |",
}


@pytest.mark.parametrize("lang", sorted(SECOND_COLUMN))
def test_name_in_the_second_column_and_iso_codes(lang):
    text = (f"Annex 3\n\n{SECOND_COLUMN[lang]}\n|---|---|---|\n| hosting | Nordlicht Hosting GmbH | DE |\n"
            "| e-mail | Quillmail Inc. | US |\n\n")
    found = subs(text)
    assert set(found) == {"Nordlicht Hosting GmbH", "Quillmail Inc."}
    assert found["Nordlicht Hosting GmbH"]["country"] == "DE" and found["Nordlicht Hosting GmbH"]["service"] == "hosting"
    assert found["Quillmail Inc."]["country"] == "US" and found["Quillmail Inc."]["safeguard"] == "unspecified"


def test_a_short_name_or_the_company_behind_a_brand_in_parentheses():
    text = ("Sub-processors:\n- Ombrelune Web Services, Inc. (OWS), hosting, United States, SCCs\n"
            "- Tallowby (Functional Tallow, Inc.), error tracking, USA\n")
    found = subs(text)
    assert set(found) == {"Ombrelune Web Services, Inc.", "Tallowby (Functional Tallow, Inc.)"}
    assert found["Ombrelune Web Services, Inc."]["service"] == "hosting"
    assert found["Tallowby (Functional Tallow, Inc.)"]["service"] == "error tracking"


LIST_URLS = {
    "en": "The current list of sub-processors is available at https://vendor.example/trust/subprocessors.",
    "fr": "La liste à jour des sous-traitants ultérieurs est disponible à l'adresse https://vendor.example/fr/st.",
    "it": "L'elenco aggiornato dei sub-responsabili è consultabile su https://vendor.example/it/sr.",
    "de": "Die aktuelle Liste der Unterauftragsverarbeiter ist abrufbar unter https://vendor.example/de/uav.",
    "es": "La lista actualizada de subencargados está disponible en https://vendor.example/es/se.",
    "pt": "A lista atualizada de subprocessadores está disponível em https://vendor.example/pt/sp.",
    "nl": "De actuele lijst van subverwerkers is beschikbaar op https://vendor.example/nl/sv.",
}


@pytest.mark.parametrize("lang", sorted(LIST_URLS))
def test_the_address_of_the_published_list(lang):
    text = "Sub-processing\n" + LIST_URLS[lang] + "\n"
    doc = Document(source="t.md", text=text)
    out = subprocessors.extract(Agreement(doc=doc, start=0, end=len(text), kind="dpa"), {"record": {}})
    assert out["subprocessor_list_url"].startswith("https://vendor.example/") and out["subprocessors"] == []
