"""Transfer records: reference data (EEA, adequacy in force on a date) and the mechanism details a text states."""

from datetime import date

from contractkg.ingest.transfers import transfers
from contractkg.ingest.transfers.transfers import (
    adequacy_on,
    build,
    in_eea,
    mechanism_details,
    parse_reference,
)

SNIPPET = """
@prefix ckg: <https://w3id.org/contractkg#> .
@prefix loc: <https://w3id.org/dpv/loc#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
loc:FR a ckg:EEAMemberState .
loc:NO a ckg:EEAMemberState .
<urn:d1> a ckg:AdequacyDecision ; ckg:country loc:CH ; ckg:adoptedOn "2000-07-26"^^xsd:date .
<urn:d2> a ckg:AdequacyDecision ; ckg:country loc:US ; ckg:adoptedOn "2016-07-12"^^xsd:date ;
    ckg:repealedOn "2020-07-16"^^xsd:date ; ckg:scope "certified organisations only" .
<urn:d3> a ckg:AdequacyDecision ; ckg:country loc:GB ; ckg:adoptedOn "2021-06-28"^^xsd:date .
"""


def test_reference_shape_from_a_snippet():
    ref = parse_reference(SNIPPET)
    assert ref.eea == {"FR", "NO"}
    assert in_eea("NO", ref) and not in_eea("CH", ref) and not in_eea(None, ref)
    assert adequacy_on("CH", date(2024, 1, 1), ref)
    # a repealed decision is in force only between adoption and repeal
    assert adequacy_on("US", date(2018, 1, 1), ref)
    assert not adequacy_on("US", date(2021, 1, 1), ref)
    # not yet adopted
    assert not adequacy_on("GB", date(2020, 12, 31), ref)
    assert adequacy_on("GB", date(2022, 1, 1), ref)


def test_packaged_reference_data_loads():
    ref = transfers.reference()
    assert len(ref.eea) == 30 and "DE" in ref.eea and "GB" not in ref.eea
    assert any(d.country == "JP" for d in ref.adequacy)


def test_mechanism_details_en_fr_it_de():
    en = mechanism_details("The parties agree that Module Two (controller to processor) of the Standard Contractual Clauses "
                           "adopted by Commission Implementing Decision (EU) 2021/914 applies, together with the UK Addendum "
                           "and the amendments required by the Swiss FADP.")
    assert en["scc_modules"] == ["C2P"] and en["scc_decision"] == "2021/914"
    assert en["uk_addendum"] and en["swiss"] and not en["idta"]
    fr = mechanism_details("Les clauses contractuelles types de la décision 2010/87/UE s'appliquent.")
    assert fr["scc_decision"] == "2010/87" and fr["scc_modules"] == [] and not fr["swiss"]
    it = mechanism_details("Si applicano le clausole contrattuali tipo, modulo tre (responsabile a responsabile).")
    assert it["scc_modules"] == ["P2P"]
    de = mechanism_details("Es gelten die Standardvertragsklauseln, Modul 1, sowie das International Data Transfer Agreement (IDTA).")
    assert de["scc_modules"] == ["C2C"] and de["idta"]


def test_mechanism_details_es_pt_nl():
    es = mechanism_details("Se aplicarán las cláusulas contractuales tipo, módulo dos (responsable a encargado), de la "
                           "Decisión de 4 de junio de 2021, con la Adenda del Reino Unido no aplicable; Addendum del Reino Unido.")
    assert es["scc_modules"] == ["C2P"] and es["scc_decision"] == "2021/914" and es["uk_addendum"]
    pt = mechanism_details("Aplicam-se as cláusulas contratuais-tipo, módulo três, e as adaptações exigidas pela "
                           "Lei Federal de Proteção de Dados da Suíça.")
    assert pt["scc_modules"] == ["P2P"] and pt["swiss"] and pt["scc_decision"] is None
    nl = mechanism_details("De standaardcontractbepalingen, module vier (verwerker aan verwerkingsverantwoordelijke), "
                           "vastgesteld op 5 februari 2010, zijn van toepassing.")
    assert nl["scc_modules"] == ["P2C"] and nl["scc_decision"] == "2010/87" and not nl["swiss"]


def test_an_eu_or_eea_location_is_inside_the_eea():
    assert in_eea("EU") and in_eea("EEA") and in_eea("DE") and not in_eea("US") and not in_eea(None)


def test_build_one_transfer_per_third_country_recipient():
    record = {"subprocessors": [
        {"name": "Inland SAS", "country": "FR", "safeguard": "none", "evidence": [0, 5]},
        {"name": "Faraway Inc", "country": "US", "safeguard": "scc", "evidence": [6, 10]},
        {"name": "Alpine AG", "country": "DE", "processing_country": "CH", "safeguard": "unspecified", "evidence": [11, 20]},
    ]}
    text = "Signed on 2024-03-01. Standard Contractual Clauses (EU) 2021/914, Module 3 apply."
    out = build(record, text, exporter_country="FR")
    assert [(t["recipient"], t["to"], t["mechanism"]) for t in out] == [("Faraway Inc", "US", "scc"), ("Alpine AG", "CH", "unspecified")]
    us, ch = out
    assert us["from"] == "FR" and us["scc_module"] == "P2P" and us["scc_decision"] == "2021/914"
    assert us["scc_module_number"] == "3"
    # the US decision covers certified organisations only: not relied on under SCCs
    assert us["adequacy"] is False and us["adequacy_scope"]
    assert ch["adequacy"] is True and ch["scc_decision"] is None
    assert all(t["eea"] is False for t in out)
    assert ch["evidence"] == [11, 20]


def test_agreement_date_reads_iso_and_day_first_dates():
    assert transfers.agreement_date("Effective 2019-05-02.") == date(2019, 5, 2)
    assert transfers.agreement_date("Fait le 03/04/2022 à Paris") == date(2022, 4, 3)
    assert transfers.agreement_date("No date here") is None
