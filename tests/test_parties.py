"""Parties, legal forms, registrations, seats, roles and the defined-term map, on texts written
for these tests in French, Italian, English, German and Spanish (invented companies)."""

import pytest
from components_run import run_components

from contractkg.ingest.document import Agreement, Document
from contractkg.ingest.jurisdiction import extractor as jurisdiction
from contractkg.ingest.parties import extractor as parties


def run(text, kind="dpa"):
    doc = Document(source="t.txt", text=text)
    ag = Agreement(doc=doc, start=0, end=len(text), kind=kind)
    out = parties.extract(ag, {})
    return out["parties"], out, text


def seed_records(path):
    """Parties and jurisdiction of each agreement of a seed file (only this issue's extractors)."""
    from contractkg.ingest.language import detect
    from contractkg.ingest.load.loaders import load
    from contractkg.ingest.structure.segment import split_agreements

    records = []
    for ag in split_agreements(load(path)):
        record = {"evidence": {}, "kind": ag.kind, "language": ag.language or detect(ag.text), "source": str(path),
                  "span": [ag.start, ag.end], "line": ag.line}
        found = run_components(ag, parties.COMPONENT, jurisdiction.COMPONENT)
        record.update({k: v for k, v in found.items() if k != "evidence"})
        record["evidence"].update(found["evidence"])
        records.append(record)
    return records


def named(ps):
    return {p["name"]: p for p in ps if p["name"]}


FR = ("ACCORD DE TRAITEMENT CONCLU ENTRE :\n\n"
      "Zorbex Partners, aussi connue sous la dénomination commerciale Zorbex Cloud, SAS dont le siège social est situé "
      "au 12 rue des Lilas, 69003 Lyon, France, immatriculée au RCS de Lyon sous le numéro 512 345 678, ci-après désignée "
      "par le terme « Sous-traitant » ou « Zorbex ». Adresse email de contact : dpo@zorbex.example ;\n\nET\n\n"
      "Le Client : (ci-après dénommé le « Responsable de traitement » ou « Client ») ;\n\n"
      "1. Objet\nLe Sous-traitant s'engage à traiter les données pour le compte du Client.\n")


def test_french_preamble():
    ps, ctx, text = run(FR)
    z = named(ps)["Zorbex Partners"]
    assert z["legal_form"] == "SAS"
    assert z["canonical_key"] == "zorbex partners|sas"
    assert z["trade_name"] == "Zorbex Cloud"
    assert z["registration"].startswith("RCS de Lyon") and z["registration"].endswith("512 345 678")
    assert z["country"] == "FR"
    assert "69003 Lyon" in z["address"]
    assert z["email"] == "dpo@zorbex.example"
    assert "processor" in z["roles"]
    client = next(p for p in ps if p["name"] is None)
    assert "controller" in client["roles"]
    assert ctx["defined_terms"]["sous-traitant"] == ps.index(z)
    assert ctx["defined_terms"]["client"] == ps.index(client)
    assert ctx["roles"]["processor"] == ps.index(z)
    s, e = z["evidence"]
    assert "Zorbex Partners" in text[s:e]


def test_italian_preamble_and_role_declaration():
    text = ("Accordo sul trattamento dei dati tra il cliente (di seguito “Cliente”) e Pluvia S.r.l., con sede legale in "
            "Via Garibaldi 8, 20121 Milano, Italia, P. IVA 01234567890 (di seguito “Fornitore”).\n"
            "1. Il Cliente agisce in qualità di titolare del trattamento. Il Fornitore tratta i dati per conto del Cliente.\n")
    ps, ctx, _ = run(text)
    p = named(ps)["Pluvia S.r.l."]
    assert p["country"] == "IT" and p["registration"].endswith("01234567890")
    assert "Via Garibaldi 8" in p["address"]
    client = ps[ctx["defined_terms"]["cliente"]]
    assert client["name"] is None and "controller" in client["roles"]
    assert "processor" in p["roles"]


def test_english_placeholder_and_processor():
    text = ("This Data Processing Addendum is entered into between Quillon Cloud Ltd, a company registered in England "
            "and Wales under company number 09876543, with its registered office at 5 Kings Road, London SW3 4AA, "
            "United Kingdom (the \"Processor\") and the entity identified as Customer in the Order Form (the \"Controller\").\n"
            "1. The Processor shall process Personal Data only on documented instructions from the Controller.\n")
    ps, ctx, _ = run(text)
    q = named(ps)["Quillon Cloud Ltd"]
    assert q["country"] == "GB" and q["registration"].endswith("09876543")
    assert q["roles"] == ["processor"]
    customer = ps[ctx["defined_terms"]["controller"]]
    assert customer["name"] is None and "controller" in customer["roles"]
    assert not any(p["name"] and "Order" in p["name"] for p in ps)


def test_german_preamble():
    text = ("Vertrag zur Auftragsverarbeitung zwischen dem Kunden (im Folgenden „Auftraggeber“) und der Hobel Technik "
            "GmbH, Lindenallee 4, 80331 München, Deutschland, Amtsgericht München HRB 123456 (im Folgenden „Auftragnehmer“).\n"
            "§ 1 Gegenstand\nDer Auftragnehmer verarbeitet personenbezogene Daten im Auftrag des Auftraggebers.\n")
    ps, ctx, _ = run(text)
    h = named(ps)["Hobel Technik GmbH"]
    assert h["country"] == "DE" and "HRB 123456" in h["registration"]
    assert h["address"].startswith("Lindenallee 4, 80331 München")
    assert "processor" in h["roles"]
    assert ps[ctx["defined_terms"]["auftraggeber"]]["name"] is None


def test_spanish_preamble():
    text = ("De una parte, Marbella Datos, S.L., con domicilio social en Calle Mayor 10, 28013 Madrid, España, "
            "CIF B12345678 (en adelante, el \"Encargado\"), y de otra parte el cliente (en adelante, el \"Responsable\").\n"
            "1. El Encargado tratará los datos por cuenta del Responsable.\n")
    ps, ctx, _ = run(text)
    m = named(ps)["Marbella Datos, S.L."]
    assert m["country"] == "ES" and m["registration"].endswith("B12345678")
    assert "processor" in m["roles"]


def test_unnamed_provider_from_role_words():
    text = ("Conditions générales du service.\nLe Client accepte les présentes conditions. FOURNISSEUR DU SERVICE "
            "fournit le service au Client. FOURNISSEUR DU SERVICE s'engage à informer le Client.\n")
    ps, ctx, _ = run(text, kind="terms")
    assert all(p["name"] is None for p in ps)
    vendor = ps[ctx["defined_terms"]["fournisseur du service"]]
    assert "provider" in vendor["roles"]
    assert "customer" in ps[ctx["defined_terms"]["client"]]["roles"]


def test_scc_annex_role_lines():
    text = ("ANNEX I\nA. LIST OF PARTIES\nData exporter(s):\nName: the entity identified as Customer\n"
            "Role (controller/processor): Controller\n\nData importer(s):\nName: Stratos Cloud, Inc.\n"
            "Address: 200 Pine Street, San Francisco, CA 94104, USA\nRole (controller/processor): processor\n")
    ps, _, _ = run(text, kind="scc")
    s = named(ps)["Stratos Cloud, Inc."]
    assert set(s["roles"]) >= {"data_importer", "processor"} and s["country"] == "US"
    exporter = next(p for p in ps if p["name"] is None)
    assert set(exporter["roles"]) >= {"data_exporter", "controller"}


def test_short_name_stands_for_regional_entities():
    text = ("This agreement is between you (\"Customer\") and Zorbex (\"we\" or \"Zorbex\").\n"
            "1. Services. Zorbex provides the services.\n"
            "Annex A - Contracting entity\nUnited States\nZorbex.io, Inc.\n1 Main Street, New York, NY 10001\n"
            "European Union\nZorbex SAS\n3 rue Neuve, 75002 Paris (France)\n")
    ps, _, _ = run(text, kind="terms")
    names = named(ps)
    assert set(names) == {"Zorbex.io, Inc.", "Zorbex SAS"}
    assert names["Zorbex.io, Inc."]["country"] == "US" and names["Zorbex SAS"]["country"] == "FR"
    assert all("provider" in p["roles"] for p in names.values())


def test_third_party_company_is_not_a_party():
    text = ("Ce contrat est conclu entre Zorbex SAS (« Prestataire ») et le client (« Client »).\n"
            "2. Le Prestataire recourt à Nimbo Hosting GmbH pour l'hébergement.\n"
            "3. Les parties conviennent que le Prestataire peut aussi recourir à Stratos Cloud Ltd (« Stratos »).\n"
            "4. Quillon Data GmbH (le « Sous-traitant ultérieur ») héberge les sauvegardes.\n")
    ps, _, _ = run(text, kind="terms")
    assert set(named(ps)) == {"Zorbex SAS"}


def test_clause_numbers_field():
    out = parties.extract(Agreement(doc=Document(source="t", text="x"), start=0, end=1), {"record": {}})
    assert out["clause_numbers"] == []


def test_seed_party_names_match_gold(seeds, gold_dir):
    """Every named gold party of the seeds is found, and no other named party is reported."""
    import yaml

    from contractkg.ingest.lexical.entities import same_entity

    for gold_file in sorted(gold_dir.glob("00[0134]_*.yaml")):
        gold = yaml.safe_load(gold_file.read_text())
        records = seed_records(seeds / gold["source"])
        gold_names = [p["name"] for c in gold["contracts"] for p in c.get("parties") or [] if p.get("name")]
        found = [p["name"] for r in records for p in r["parties"] if p["name"]]
        for g in gold_names:
            assert any(same_entity(g, f) for f in found), (gold_file.name, g, found)
        for f in found:
            assert any(same_entity(g, f) for g in gold_names), (gold_file.name, f)


def test_german_letterhead_layout():
    text = ("Vertrag über die Auftragsverarbeitung\n\nzwischen\n\nMusterhandel GmbH\nMusterstraße 1\n12345 Berlin\n\n"
            "– nachstehend „Auftraggeber“ genannt –\n\nund\n\nBeispiel Software AG\nAm Markt 5\n50667 Köln\n\n"
            "– nachstehend „Auftragnehmer“ genannt –\n\n§ 1 Gegenstand\n")
    ps, ctx, _ = run(text)
    by_name = named(ps)
    assert by_name["Musterhandel GmbH"]["address"] == "Musterstraße 1, 12345 Berlin"
    assert by_name["Beispiel Software AG"]["country"] == "DE"  # from the city
    assert "controller" in by_name["Musterhandel GmbH"]["roles"]
    assert "processor" in by_name["Beispiel Software AG"]["roles"]
    assert ctx["defined_terms"]["auftragnehmer"] == ps.index(by_name["Beispiel Software AG"])


def test_italian_two_companies_and_bracketed_placeholder_in_french():
    text = ("CONTRATTO DI NOMINA A RESPONSABILE DEL TRATTAMENTO\nTRA\nRossi Alimentari S.p.A., con sede legale in Via Po 12, "
            "10123 Torino, C.F. e P.IVA 09876543210, in persona del legale rappresentante (di seguito il \"Titolare\")\nE\n"
            "Bianchi Informatica S.r.l., con sede in Corso Italia 3, 00198 Roma (di seguito il \"Responsabile\")\n")
    ps, _, _ = run(text)
    by_name = named(ps)
    assert by_name["Rossi Alimentari S.p.A."]["address"] == "Via Po 12, 10123 Torino"
    assert "controller" in by_name["Rossi Alimentari S.p.A."]["roles"]
    assert "processor" in by_name["Bianchi Informatica S.r.l."]["roles"]
    text = ("ENTRE LES SOUSSIGNÉS :\nLa société Dupont Conseil, SARL au capital de 10 000 euros, dont le siège social est "
            "situé 4 avenue Foch, 75116 Paris, représentée par M. Jean Martin, ci-après « le Prestataire »,\nET\n"
            "[NOM + FORME JURIDIQUE], ci-après « le Client ».\n")
    ps, ctx, _ = run(text)
    d = named(ps)["Dupont Conseil, SARL"]
    assert d["contact"] == "M. Jean Martin" and d["address"] == "4 avenue Foch, 75116 Paris"
    client = ps[ctx["defined_terms"]["client"]]
    assert client["name"] is None


def test_spanish_reunidos_layout():
    text = ("CONTRATO DE ENCARGADO DEL TRATAMIENTO\nREUNIDOS\nDe una parte, D. Juan Pérez, en nombre y representación de "
            "Talleres Gómez, S.A., con CIF A12345678 y domicilio en Calle Sol 3, 41001 Sevilla (en adelante, el \"Responsable\").\n"
            "Y de otra, Nube Segura, S.L., con CIF B87654321 y domicilio en Avenida Diagonal 100, 08019 Barcelona "
            "(en adelante, el \"Encargado\").\n")
    ps, ctx, _ = run(text)
    by_name = named(ps)
    assert by_name["Talleres Gómez, S.A."]["address"] == "Calle Sol 3, 41001 Sevilla"
    assert "controller" in by_name["Talleres Gómez, S.A."]["roles"]
    assert by_name["Nube Segura, S.L."]["registration"] == "CIF B87654321"
    assert ctx["roles"]["processor"] == ps.index(by_name["Nube Segura, S.L."])


def test_scc_2021_annex_with_addresses():
    text = ("ANNEX I\nA. LIST OF PARTIES\nData exporter(s): [Identity and contact details of the data exporter(s)]\n"
            "1. Name: Rossi Alimentari S.p.A.\nAddress: Via Po 12, 10123 Torino, Italy\nRole (controller/processor): Controller\n"
            "Data importer(s):\n1. Name: Stratos Cloud, Inc.\nAddress: 1 Market St, San Francisco, CA 94105, USA\n"
            "Role (controller/processor): Processor\n")
    ps, _, _ = run(text, kind="scc")
    by_name = named(ps)
    assert by_name["Rossi Alimentari S.p.A."]["country"] == "IT"
    assert set(by_name["Rossi Alimentari S.p.A."]["roles"]) >= {"data_exporter", "controller"}
    assert by_name["Stratos Cloud, Inc."]["address"].startswith("1 Market St")


def test_roles_from_definitions():
    text = ("This Addendum is entered into between Quillon Cloud Ltd (\"Quillon\") and the customer (\"Customer\").\n"
            "1. Definitions\n\"Controller\" means the Customer.\n\"Processor\" means Quillon.\n")
    ps, ctx, _ = run(text)
    q = named(ps)["Quillon Cloud Ltd"]
    assert "processor" in q["roles"] and "Processor" in q["defined_as"]
    assert "controller" in ps[ctx["defined_terms"]["customer"]]["roles"]
    text = ("Accordo tra Pluvia S.r.l. (\"Pluvia\") e il cliente (\"Cliente\").\n"
            "  • Titolare: indica il Cliente;\n  • Responsabile: indica Pluvia;\n")
    ps, ctx, _ = run(text)
    assert "processor" in named(ps)["Pluvia S.r.l."]["roles"]
    assert "controller" in ps[ctx["defined_terms"]["cliente"]]["roles"]


def test_unnamed_counterparty_described_in_words_and_kvk_number():
    text = ("Les présentes conditions sont conclues entre la société Lumière Digitale SAS, immatriculée au RCS de "
            "Nanterre sous le numéro 812 345 678, dont le siège social est situé 10 rue de la Paix, 92000 Nanterre "
            "(ci-après « Lumière Digitale » ou le « Prestataire ») et toute personne morale souscrivant aux Services "
            "(ci-après le « Client »).\n")
    ps, ctx, _ = run(text, kind="terms")
    assert named(ps)["Lumière Digitale SAS"]["registration"].endswith("812 345 678")
    client = ps[ctx["defined_terms"]["client"]]
    assert client["name"] is None and "customer" in client["roles"]
    text = ("This DPA forms part of the Agreement between Customer (\"Customer\") and Ventoso Analytics B.V., registered "
            "with the Dutch Chamber of Commerce under number 12345678, having its registered office at Keizersgracht 1, "
            "1015 CJ Amsterdam, the Netherlands (\"Ventoso\").\nIN WITNESS WHEREOF\nVENTOSO ANALYTICS B.V.\nBy: ______\n")
    ps, _, _ = run(text)
    v = named(ps)["Ventoso Analytics B.V."]
    assert v["registration"].endswith("12345678") and v["country"] == "NL"
    assert len(named(ps)) == 1


@pytest.mark.parametrize("text, name", [
    ("signé par Hobel Technik GmbH pour", "Hobel Technik GmbH"),
    ("with Ventoso Holding AG as", "Ventoso Holding AG"),
    ("par Lumière Digitale SAS et", "Lumière Digitale SAS"),
    ("par Atelier Brun SARL et", "Atelier Brun SARL"),
    ("par Banque Orsay SA et", "Banque Orsay SA"),
    ("da Pluvia S.r.l. e", "Pluvia S.r.l."),
    ("da Bellavista S.p.A. e", "Bellavista S.p.A."),
    ("by Quillon Data Ltd and", "Quillon Data Ltd"),
    ("by Stratos Cloud LLC and", "Stratos Cloud LLC"),
    ("by Stratos Cloud, Inc. and", "Stratos Cloud, Inc."),
    ("by Ventoso Pty Ltd and", "Ventoso Pty Ltd"),
    ("por Nuvem Azul LTDA e", "Nuvem Azul LTDA"),
    ("door Ventoso Analytics B.V. en", "Ventoso Analytics B.V."),
    ("por Nube Segura, S.L. y", "Nube Segura, S.L."),
])
def test_legal_forms(text, name):
    from contractkg.ingest.parties.names import find_companies

    assert [c["name"] for c in find_companies(text)] == [name]


@pytest.mark.parametrize("text, country", [
    ("immatriculée au RCS de Lyon sous le numéro 512 345 678", "FR"),
    ("SIREN 512 345 678", "FR"),
    ("inscrita no CNPJ/MF No. 12.345.678/0001-90", "BR"),
    ("Amtsgericht Köln, HRB 98765", "DE"),
    ("ACN 123 456 789", "AU"),
    ("P. IVA 01234567890", "IT"),
    ("REA MI-1234567", "IT"),
    ("KvK 12345678", "NL"),
    ("registered in England and Wales with company number 01234567", "GB"),
    ("CIF B12345678", "ES"),
])
def test_registrations(text, country):
    from contractkg.ingest.parties.names import registration

    found = registration(text)
    assert found is not None and found[1] == country


@pytest.mark.parametrize("text, role", [
    ("Accord entre Zorbex SAS (« Zorbex ») et le client (« Client »). Zorbex agit en qualité de sous-traitant.", "processor"),
    ("Agreement between Zorbex Ltd (\"Zorbex\") and the customer (\"Customer\"). Zorbex acts as a processor.", "processor"),
    ("Vertrag zwischen Zorbex GmbH („Zorbex“) und dem Kunden („Kunde“). Zorbex handelt als Auftragsverarbeiter.", "processor"),
    ("Contrato entre Zorbex, S.L. (\"Zorbex\") y el cliente (\"Cliente\"). Zorbex actúa como encargado del tratamiento.",
     "processor"),
    ("Accordo tra Zorbex S.r.l. (\"Zorbex\") e il cliente (\"Cliente\"). Zorbex agisce in qualità di responsabile del trattamento.",
     "processor"),
])
def test_role_declarations(text, role):
    ps, _, _ = run(text, kind="terms")
    zorbex = next(p for p in ps if p["name"])
    assert role in zorbex["roles"] and "role_evidence" in zorbex


def test_us_state_postcode_hint():
    from contractkg.ingest.parties.names import country_hints

    assert country_hints("44 Elm St., New York, NY 10001") == "US"
    assert country_hints("Level 5, 1 Collins St, Melbourne VIC 3000") == "AU"
    assert country_hints("a Delaware corporation") == "US"
    assert country_hints("10 rue de la Paix, 75002 Paris") is None


def test_defined_term_map_keys_are_lower_case_terms():
    _, ctx, _ = run(FR)
    terms = ctx["defined_terms"]
    assert terms["sous-traitant"] == terms["zorbex"] == terms["zorbex partners"]
    assert terms["client"] != terms["zorbex"]
    assert all(k == k.lower() for k in terms)


def test_related_nickname_does_not_replace_the_legal_name():
    text = ("Agreement between Acme Holdings Ltd (\"Acme Cloud\") and the customer (\"Customer\").\n"
            "2. Acme Cloud Inc. hosts the data as a sub-processor.\n")
    ps, _, _ = run(text, kind="terms")
    assert set(named(ps)) == {"Acme Holdings Ltd"}


def test_pronoun_parties_are_not_names():
    text = "Les présentes conditions sont conclues entre Vous (« Client ») et Nous (« Prestataire »).\n"
    ps, ctx, _ = run(text, kind="terms")
    assert not named(ps)
    assert "customer" in ps[ctx["defined_terms"]["client"]]["roles"]


@pytest.mark.parametrize("text, country", [
    ("Agreement between Quillon Data Limited, a company incorporated in Ireland (\"Quillon\"), and the customer (\"Customer\").", "IE"),
    ("Accord entre Banque Orsay SA, société de droit belge (« Orsay »), et le client (« Client »).", "BE"),
    ("Vertrag zwischen Hobel AG, eine Gesellschaft nach schweizerischem Recht („Hobel“), und dem Kunden („Kunde“).", "CH"),
])
def test_country_of_incorporation(text, country):
    ps, _, _ = run(text, kind="terms")
    assert next(p for p in ps if p["name"])["country"] == country


def test_evidence_spans_are_ordered():
    text = "Parties\nAcme (« nous »)   Centre Bleu Pty Ltd ACN 123 456 789\nClient (« vous »)\n"
    ps, _, _ = run(text, kind="terms")
    for p in ps:
        s, e = p["evidence"]
        assert 0 <= s < e <= len(text)
    assert named(ps)["Centre Bleu Pty Ltd"]["country"] == "AU"
