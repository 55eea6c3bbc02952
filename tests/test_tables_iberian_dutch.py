"""Sub-processor tables whose cells ran together (HTML dumps) or are split by single spaces, in es, pt
and nl (invented companies)."""

import pytest

from contractkg.ingest.document import Agreement, Document
from contractkg.ingest.structure.tables import find_tables
from contractkg.ingest.transfers import subprocessors


def subs(text):
    doc = Document(source="t.txt", text=text)
    ag = Agreement(doc=doc, start=0, end=len(text), kind="dpa", tables=find_tables(doc))
    return {sp["name"]: (sp["country"], sp["safeguard"], sp["service"])
            for sp in subprocessors.extract(ag, {"record": {}})["subprocessors"]}


@pytest.mark.parametrize("text, expected", [
    ("Lista de subprocessadores\nNOMEFINALIDADEPAÍSSALVAGUARDAS\nNORDLICHT HOSTING GMBHAlojamentoALEMANHAN/A\n"
     "QUILLMAIL INC.Apoio ao clienteESTADOS UNIDOSCLÁUSULAS CONTRATUAIS-TIPO\n",
     {"NORDLICHT HOSTING GMBH": ("DE", "none", "Alojamento"), "QUILLMAIL INC.": ("US", "scc", "Apoio ao cliente")}),
    ("Subencargados\nNOMBRESERVICIOPAÍS\nNORDLICHT HOSTING GMBHAlojamientoALEMANIA\nQUILLMAIL INC.SoporteESTADOS UNIDOS\n",
     {"NORDLICHT HOSTING GMBH": ("DE", "none", "Alojamiento"), "QUILLMAIL INC.": ("US", "unspecified", "Soporte")}),
    ("Subverwerkers\nNaam Dienst Land Waarborgen\nNordlicht Hosting GmbH Hosting Duitsland n.v.t.\n"
     "Quillmail Inc. Klantenservice Verenigde Staten Standaardcontractbepalingen\n",
     {"Nordlicht Hosting GmbH": ("DE", "none", "Hosting"), "Quillmail Inc.": ("US", "scc", "Klantenservice")}),
    ("Subencargados\nNombre Servicio País Garantías\nNordlicht Hosting GmbH Alojamiento Alemania N/A\n"
     "Quillmail Inc. Soporte Estados Unidos Cláusulas contractuales tipo\n",
     {"Nordlicht Hosting GmbH": ("DE", "none", "Alojamiento"), "Quillmail Inc.": ("US", "scc", "Soporte")}),
])
def test_glued_and_single_spaced_tables(text, expected):
    assert subs(text) == expected
