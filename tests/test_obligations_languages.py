"""Deontic modality, bearer and type of obligations in Spanish, Portuguese and Dutch (and the same cues
checked in the other four languages), on sentences written for these tests."""

from __future__ import annotations

import pytest

from contractkg.ingest.document import Agreement, Document
from contractkg.ingest.obligations import extractor as obligations

PROCESSOR, CONTROLLER = 0, 1


def run(text: str, lang: str) -> list[dict]:
    doc = Document(source="t.txt", text=text)
    ag = Agreement(doc=doc, start=0, end=len(text), kind="dpa", language=lang)
    parties = [{"name": None, "roles": ["processor"]}, {"name": None, "roles": ["controller"]}]
    ctx = {"parties": parties, "defined_terms": {}, "roles": {"processor": PROCESSOR, "controller": CONTROLLER}}
    return obligations.extract(ag, ctx)["obligations"]


CASES = [
    # (lang, sentence, modality, bearer, type)
    ("es", "El Encargado se compromete a notificar al Responsable del tratamiento toda violación de la seguridad de los datos.",
     "obligation", PROCESSOR, "breach_notification"),
    ("es", "El Encargado deberá suprimir los datos personales al finalizar la prestación.", "obligation", PROCESSOR, "deletion_return"),
    ("es", "El Encargado ha de tratar los datos siguiendo las instrucciones documentadas del Responsable del tratamiento.",
     "obligation", PROCESSOR, "instructions"),
    ("es", "El Encargado se compromete a no comunicar los datos a terceros.", "prohibition", PROCESSOR, None),
    ("es", "El Responsable del tratamiento podrá realizar auditorías una vez al año.", "permission", CONTROLLER, "audits"),
    ("pt", "O Subcontratante compromete-se a notificar o Responsável pelo tratamento de qualquer violação de dados pessoais.",
     "obligation", PROCESSOR, "breach_notification"),
    ("pt", "O Subcontratante deverá apagar os dados pessoais no termo do contrato.", "obligation", PROCESSOR, "deletion_return"),
    ("pt", "O Subcontratante obriga-se a tratar os dados apenas de acordo com as instruções documentadas do Responsável pelo tratamento.",
     "obligation", PROCESSOR, "instructions"),
    ("pt", "O Subcontratante informará o Responsável pelo tratamento sobre os pedidos dos titulares dos dados.",
     "obligation", PROCESSOR, "data_subject_rights"),
    ("pt", "O Subcontratante não pode recorrer a outro subcontratante sem autorização prévia por escrito.", "prohibition", PROCESSOR,
     "subprocessors"),
    ("pt", "O Responsável pelo tratamento pode realizar auditorias uma vez por ano.", "permission", CONTROLLER, "audits"),
    ("nl", "De Verwerker verplicht zich de Verwerkingsverantwoordelijke zonder onredelijke vertraging te informeren over een datalek.",
     "obligation", PROCESSOR, "breach_notification"),
    ("nl", "De Verwerker zal de persoonsgegevens uitsluitend verwerken op basis van gedocumenteerde instructies.", "obligation", PROCESSOR,
     "instructions"),
    ("nl", "De Verwerker moet alle persoonsgegevens na afloop van de overeenkomst verwijderen.", "obligation", PROCESSOR, "deletion_return"),
    ("nl", "De Verwerker mag geen subverwerker inschakelen zonder voorafgaande schriftelijke toestemming.", "prohibition", PROCESSOR,
     "subprocessors"),
    ("nl", "De Verwerkingsverantwoordelijke heeft het recht om audits uit te voeren.", "permission", CONTROLLER, "audits"),
    ("nl", "De Verwerker neemt passende technische en organisatorische maatregelen.", "obligation", PROCESSOR, "security"),
    # the same duties in the other languages, as a check that the new entries did not displace them
    ("en", "The Processor shall delete all personal data at the end of the services.", "obligation", PROCESSOR, "deletion_return"),
    ("fr", "Le Sous-traitant s'engage à supprimer les données personnelles au terme du contrat.", "obligation", PROCESSOR, "deletion_return"),
    ("it", "Il Responsabile del trattamento deve cancellare i dati personali al termine del contratto.", "obligation", PROCESSOR,
     "deletion_return"),
    ("de", "Der Auftragsverarbeiter muss die personenbezogenen Daten nach Vertragsende löschen.", "obligation", PROCESSOR, "deletion_return"),
]


@pytest.mark.parametrize("lang,sentence,modality,bearer,ob_type", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_modality_bearer_and_type(lang: str, sentence: str, modality: str, bearer: int, ob_type: str | None) -> None:
    found = run(sentence, lang)
    assert len(found) == 1, found
    ob = found[0]
    assert (ob["modality"], ob["bearer"]) == (modality, bearer)
    if ob_type is not None:
        assert ob["type"] == ob_type


@pytest.mark.parametrize("lang,sentence", [
    ("es", "La plataforma está disponible en varios idiomas."),
    ("pt", "A plataforma está disponível em vários idiomas."),
    ("nl", "Het platform is in meerdere talen beschikbaar."),
])
def test_statement_without_a_deontic_cue_is_no_obligation(lang: str, sentence: str) -> None:
    assert run(sentence, lang) == []


def test_portuguese_future_tense_is_a_duty_but_auxiliaries_are_not() -> None:
    """'informará' states a duty after a party term; 'será' (will be) is no duty verb."""
    assert run("O Subcontratante informará o Responsável pelo tratamento.", "pt")[0]["modality"] == "obligation"
    assert run("O Subcontratante será informado.", "pt") == []
