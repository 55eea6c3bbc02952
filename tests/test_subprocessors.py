"""Sub-processor tables in every layout (pipes, tabs, single spaces, glued cells, Table objects), in FR/IT/EN/DE."""

from contractkg.ingest.document import Agreement, Document, Table
from contractkg.ingest.transfers import subprocessors
from contractkg.ingest.transfers.rows import countries_in, parse_row, split_name


def run(text, tables=None):
    doc = Document(source="t.txt", text=text)
    ag = Agreement(doc=doc, start=0, end=len(text), kind="dpa", tables=tables or [])
    ctx = {"record": {"evidence": {}}}
    return subprocessors.extract(ag, ctx), text


def by_name(out):
    return {sp["name"]: sp for sp in out["subprocessors"]}


def test_pipe_table_en_with_address_in_first_cell():
    text = (
        "Annex 3 - Sub-processors\n"
        "Company, address | Service | Transfer safeguard | Measures |\n"
        "---|---|---|---|\n"
        "Nordlicht Hosting GmbH, Am Hafen 12, 20457 Hamburg Germany | Hosting | Data processing agreement | / |\n"
        "Quillfeather Analytics Inc., 12 Pine Street, Austin, TX 73301 USA | Analytics | Standard Contractual Clauses | ISO 27001; SOC 2 |\n"
        "Brightwave Ltd, 4 Mill Lane, Leeds LS1 4AB United Kingdom | Support | Adequacy decision of the Commission | / |\n"
        "Oceanic Mail LLC, 9 Harbor Road, Miami, FL 33101 USA | E-mail | EU-U.S. Data Privacy Framework | encryption |\n"
        "\n"
        "The Customer may object.\n"
    )
    out, _ = run(text)
    sps = by_name(out)
    assert set(sps) == {"Nordlicht Hosting GmbH", "Quillfeather Analytics Inc.", "Brightwave Ltd", "Oceanic Mail LLC"}
    assert sps["Nordlicht Hosting GmbH"]["country"] == "DE" and sps["Nordlicht Hosting GmbH"]["safeguard"] == "none"
    assert sps["Quillfeather Analytics Inc."]["safeguard"] == "scc"
    assert sps["Quillfeather Analytics Inc."]["measures"] == ["ISO 27001", "SOC 2"]
    assert sps["Brightwave Ltd"]["country"] == "GB" and sps["Brightwave Ltd"]["safeguard"] == "adequacy"
    assert sps["Oceanic Mail LLC"]["safeguard"] == "dpf"
    assert "20457 Hamburg" in sps["Nordlicht Hosting GmbH"]["address"]
    # evidence spans point at the row
    s, e = sps["Brightwave Ltd"]["evidence"]
    assert text[s:e].startswith("Brightwave Ltd")


def test_single_space_rows_it():
    # cells run together with single spaces: borders come from legal forms and country names
    text = (
        "Allegato 3 – Ulteriori responsabili\n"
        "Azienda, indirizzo Servizio Copertura legale Misure\n"
        "Studio Verdi S.r.l., Via Roma 10, 20121 Milano Italia Hosting Accordo sul trattamento dei dati /\n"
        "Kestrel Cloud Inc., 500 Market Street, San Francisco, CA 94105 Stati Uniti Posta elettronica Clausole contrattuali standard e valutazione individuale. Certificato ISO 27001\n"
        "Fjord Systems AS, Storgata 1, 0155 Oslo Norvegia Backup Accordo sul trattamento dei dati /\n"
        "Torna su\n"
    )
    out, _ = run(text)
    sps = by_name(out)
    assert set(sps) == {"Studio Verdi S.r.l.", "Kestrel Cloud Inc.", "Fjord Systems AS"}
    assert sps["Studio Verdi S.r.l."]["country"] == "IT" and sps["Studio Verdi S.r.l."]["safeguard"] == "none"
    assert sps["Kestrel Cloud Inc."]["country"] == "US" and sps["Kestrel Cloud Inc."]["safeguard"] == "scc"
    assert sps["Fjord Systems AS"]["country"] == "NO" and sps["Fjord Systems AS"]["safeguard"] == "none"


def test_glued_cells_fr_with_multiline_row():
    # cells lost their separators: "NOMServiceCOUNTRYsafeguard"
    text = (
        "ANNEXE 2 : Liste des sous-traitants\n\n"
        "NOM DU SOUS-TRAITANTSERVICE RENDULOCALISATION DES SERVEURSGARANTIES\n"
        "KAPPACLOUDHébergement des bases de donnéesFRANCEN/A\n"
        "BLUEHERONSupport clientÉTATS-UNISCCT\n"
        "MAPLEWORKS\n(via un revendeur)\nTraduction automatiqueCANADAN/A\n"
        "ZEPHYR DATAAnalyse statistiqueINDEBCR\n"
        "\n"
        "Le Client est informé de tout changement.\n"
    )
    out, _ = run(text)
    sps = by_name(out)
    assert set(sps) == {"KAPPACLOUD", "BLUEHERON", "MAPLEWORKS", "ZEPHYR DATA"}
    assert sps["KAPPACLOUD"]["country"] == "FR" and sps["KAPPACLOUD"]["safeguard"] == "none"
    assert sps["BLUEHERON"]["country"] == "US" and sps["BLUEHERON"]["safeguard"] == "scc"
    assert sps["BLUEHERON"]["processing_country"] == "US"
    # a third country with nothing stated
    assert sps["MAPLEWORKS"]["country"] == "CA" and sps["MAPLEWORKS"]["safeguard"] == "unspecified"
    assert sps["ZEPHYR DATA"]["country"] == "IN" and sps["ZEPHYR DATA"]["safeguard"] == "bcr"
    assert sps["BLUEHERON"]["service"] == "Support client"


def test_tab_separated_de_and_second_table_adds_seat():
    text = (
        "Anlage 3 Unterauftragsverarbeiter\n"
        "Unterauftragsverarbeiter\tLeistung\tOrt der Verarbeitung\n"
        "Alpenwerk AG\tRechenzentrum\tÖsterreich\n"
        "Helios Mail Inc\tE-Mail-Versand\tIrland\n"
        "\n"
        "Unterauftragsverarbeiter\tSitz\tKontakt\n"
        "Alpenwerk AG\tWien, Österreich\tprivacy@example.org\n"
        "Helios Mail Inc\tBoston, Vereinigte Staaten\tlegal@example.org\n"
        "\n"
    )
    out, _ = run(text)
    sps = by_name(out)
    assert set(sps) == {"Alpenwerk AG", "Helios Mail Inc"}
    # country is the processing location when the table gives one; the seat comes from the second table
    assert sps["Helios Mail Inc"]["country"] == "IE" and sps["Helios Mail Inc"]["safeguard"] == "none"
    assert sps["Helios Mail Inc"]["seat_country"] == "US"
    assert sps["Alpenwerk AG"]["country"] == "AT"
    assert out["transfers"] == []  # all processing in the EEA


def test_space_separated_rows_without_legal_form_use_case_of_words():
    text = (
        "Liste des sous-traitants\n\n"
        "Sous-traitant Objectif Emplacement de traitement\n"
        "Pelican Corp Hébergement et infrastructure Allemagne\n"
        "Lumen Inc Réseau de diffusion de contenu États-Unis\n"
        "\n"
    )
    out, _ = run(text)
    sps = by_name(out)
    assert sps["Pelican Corp"]["country"] == "DE" and sps["Pelican Corp"]["safeguard"] == "none"
    assert sps["Lumen Inc"]["country"] == "US" and sps["Lumen Inc"]["safeguard"] == "unspecified"
    assert [t["recipient"] for t in out["transfers"]] == ["Lumen Inc"]


def test_tables_from_the_segmenter_are_used():
    text = "Sub-processors\nName | Purpose | Processing location\nOrbit Labs Ltd | Monitoring | Switzerland\n"
    row_start = text.index("Orbit")
    table = Table(start=text.index("Name"), end=len(text), header=["Name", "Purpose", "Processing location"],
                  rows=[["Orbit Labs Ltd", "Monitoring", "Switzerland"]], row_spans=[(row_start, len(text) - 1)])
    out, _ = run(text, tables=[table])
    (sp,) = out["subprocessors"]
    assert sp["name"] == "Orbit Labs Ltd" and sp["country"] == "CH" and sp["service"] == "Monitoring"
    assert sp["safeguard"] == "unspecified"
    (t,) = out["transfers"]
    assert t["to"] == "CH" and t["adequacy"] is True and t["eea"] is False


def test_list_url_recorded():
    out, text = run("The current list of Sub-processors is available at https://example.com/legal/subprocessors.\n")
    assert out["subprocessor_list_url"] == "https://example.com/legal/subprocessors"
    assert out["subprocessors"] == []
    out, _ = run("La liste des sous-traitants ultérieurs est disponible sur www.example.fr/sous-traitants\n")
    assert out["subprocessor_list_url"] == "www.example.fr/sous-traitants"
    out, _ = run("Contact us at https://example.com/contact for support.\n")
    assert "subprocessor_list_url" not in out


def test_prose_is_not_a_table():
    out, _ = run("The Processor may engage sub-processors located in the United States, subject to Standard "
                 "Contractual Clauses, provided the Controller is informed.\n")
    assert out["subprocessors"] == []


def test_row_helpers():
    assert split_name("Acme Widgets SAS, 3 rue de la Paix, 75002 Paris France")[0] == "Acme Widgets SAS"
    assert split_name("NIMBUSStockage")[0] == "NIMBUS"
    assert split_name("NIMBUS DNS et cache")[0] == "NIMBUS DNS"
    assert [c for _, _, c in countries_in("serveursBELGIQUEN/A")] == ["BE"]
    # a street named after a country or a pronoun are not countries
    assert countries_in("12 rue Maurice Ravel") == []
    assert countries_in("contact us today") == []
    row = parse_row("Delta Print GmbH, Hauptweg 3, 10115 Berlin Deutschland Druckdienst Auftragsverarbeitungsvertrag", 100)
    assert row.name == "Delta Print GmbH" and row.country == "DE" and row.start == 100


def test_companion_list_file_is_attached_to_the_dpa():
    from contractkg.ingest.transfers.companions import attach_companions
    from contractkg.record import Contract, replace

    dpa = Contract.from_fields({"source": "dpa.txt", "kind": "dpa", "subprocessors": [], "transfers": []})
    terms = Contract.from_fields({"source": "dpa.txt", "kind": "terms", "subprocessors": []})
    listed = Contract.from_fields({"source": "list.txt", "kind": "terms", "transfers": [{"recipient": "Lumen Inc", "to": "US"}],
                                   "subprocessors": [{"name": "Lumen Inc", "country": "US", "safeguard": "scc"}]})
    records = attach_companions([dpa, terms, listed])
    dpa, terms = records[0], records[1]
    assert [sp.name for sp in dpa.subprocessors] == ["Lumen Inc"]
    assert dpa.subprocessors_from == ("list.txt",) and dpa.transfers[0].to == "US"
    assert terms.subprocessors == ()  # only agreements that engage sub-processors
    assert len(records) == 3
    # a DPA that lists its own sub-processors keeps them
    own = Contract.from_fields({"source": "a.txt", "kind": "dpa", "subprocessors": [{"name": "Own SAS"}]})
    own = attach_companions([own, replace(listed, source="b.txt")])[0]
    assert [sp.name for sp in own.subprocessors] == ["Own SAS"]


def test_seed_subprocessors_against_gold(seeds, gold_dir):
    """Names, countries and safeguards of the seed sub-processor lists (names paired loosely, as goldscore does)."""
    import re

    import yaml

    from contractkg.ingest.load.loaders import load
    from contractkg.ingest.structure.segment import split_agreements

    def norm(s):
        return re.sub(r"\b(inc|llc|ltd|gmbh|corp|corporation|sa|sas)\b|[^a-z0-9]", "", s.lower())

    found = expected = country_ok = safeguard_ok = 0
    for gf in sorted(gold_dir.glob("*.yaml")):
        gold = yaml.safe_load(gf.read_text(encoding="utf-8"))
        doc = load(seeds / gold["source"])
        preds = {ag.line: subprocessors.extract(ag, {"record": {"evidence": {}}})["subprocessors"]
                 for ag in split_agreements(doc)}
        for g in gold["contracts"]:
            got = next((sps for line, sps in preds.items() if abs(line - g["line"]) <= 3), [])
            for gsp in g.get("subprocessors") or []:
                expected += 1
                m = next((p for p in got if norm(gsp["name"]) in norm(p["name"]) or norm(p["name"]) in norm(gsp["name"])), None)
                if m:
                    found += 1
                    country_ok += m["country"] == gsp.get("country")
                    safeguard_ok += m["safeguard"] == gsp.get("safeguard")
    assert expected >= 40
    assert found / expected >= 0.95
    assert country_ok / found >= 0.95 and safeguard_ok / found >= 0.9


def test_bulleted_list_under_a_title():
    text = (
        "Annex 3 - Sub-processors\n"
        "- Harbor Compute Inc. (United States) - cloud hosting, Standard Contractual Clauses\n"
        "- Lindgren Data AB, Stockholm, Sweden - backups\n"
        "\n"
        "Annexe 3 - Sous-traitants ultérieurs :\n"
        "• Atelier Nuage SAS (France) : hébergement\n"
    )
    out, _ = run(text)
    sps = by_name(out)
    # every list under a sub-processor title counts, the second one too
    assert set(sps) == {"Harbor Compute Inc.", "Lindgren Data AB", "Atelier Nuage SAS"}
    assert sps["Atelier Nuage SAS"]["country"] == "FR" and sps["Atelier Nuage SAS"]["service"] == "hébergement"
    assert sps["Harbor Compute Inc."]["country"] == "US" and sps["Harbor Compute Inc."]["safeguard"] == "scc"
    assert sps["Lindgren Data AB"]["country"] == "SE" and sps["Lindgren Data AB"]["safeguard"] == "none"


def test_pipe_table_with_name_address_and_location_columns():
    text = (
        "Sub-processors\n\n"
        "| Entity name | Address | Activity | Processing location |\n"
        "|---|---|---|---|\n"
        "| Great Northern Storage Company of America | 1 Main Street, Seattle, WA 98101, USA | Storage | Ireland |\n"
        "| Tessera Support | 22 Rue Neuve, 1000 Bruxelles, Belgique | Support | Philippines |\n"
        "\n"
    )
    out, _ = run(text)
    sps = by_name(out)
    assert set(sps) == {"Great Northern Storage Company of America", "Tessera Support"}
    assert sps["Great Northern Storage Company of America"]["country"] == "IE"
    assert sps["Great Northern Storage Company of America"]["safeguard"] == "none"
    assert sps["Tessera Support"]["country"] == "PH" and sps["Tessera Support"]["safeguard"] == "unspecified"


def test_columns_separated_by_runs_of_spaces():
    text = ("Liste des sous-traitants\n"
            "Sous-traitant      Service      Pays\n"
            "Rivage Data      Hébergement      Suisse\n"
            "\n")
    out, _ = run(text)
    (sp,) = out["subprocessors"]
    assert sp["name"] == "Rivage Data" and sp["country"] == "CH" and sp["service"] == "Hébergement"


def test_tab_rows_without_country_are_rows():
    text = "Subprocessors\nName\tPurpose\nQuarry Logs\tLog management\nTallow Desk\tTicketing\n\n"
    out, _ = run(text)
    assert [sp["name"] for sp in out["subprocessors"]] == ["Quarry Logs", "Tallow Desk"]
    assert out["subprocessors"][0]["country"] is None and out["subprocessors"][0]["safeguard"] == "unspecified"
