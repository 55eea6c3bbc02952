"""Agreement -> contract record (the fields of ../shared/gold/SCHEMA.md, plus evidence).

Each field family is a declared component (see components.py and the REGISTRY below): it reads only
the values it requires and returns the ones it provides. Evidence convention: a dict fact carries
``"evidence": [start, end]`` (offsets in Document.text); scalar and string-list fields return theirs
under ``"evidence"``, which the runner gathers into ``record["evidence"][field]``.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from contractkg.ingest import components, pattern_cache
from contractkg.ingest.components import Component
from contractkg.ingest.deadlines import extractor as deadlines
from contractkg.ingest.document import Agreement, Document
from contractkg.ingest.inventory import extractor as inventory
from contractkg.ingest.jurisdiction import extractor as jurisdiction
from contractkg.ingest.language import detect
from contractkg.ingest.load.loaders import load
from contractkg.ingest.obligations import art28
from contractkg.ingest.obligations import extractor as obligations
from contractkg.ingest.parties import extractor as parties
from contractkg.ingest.structure import metadata
from contractkg.ingest.structure.segment import split_agreements
from contractkg.ingest.transfers import subprocessors
from contractkg.record import Contract

log = logging.getLogger("contractkg.extract")  # with no handler set, warnings reach stderr as one line

# The registry: every extractor, in the order the record's fields are listed; the runner orders them
# by their requirements (see components.order) and checks each is provided.
REGISTRY: tuple[Component, ...] = (parties.COMPONENT, jurisdiction.COMPONENT, metadata.COMPONENT,
                                   inventory.COMPONENT, subprocessors.COMPONENT, deadlines.COMPONENT,
                                   obligations.COMPONENT, art28.COMPONENT)
PIPELINE = components.order(REGISTRY)

# Bound on one agreement's clause tree, far above real contracts (the corpora's largest has 136
# clauses): a generated or garbled text could otherwise yield tens of thousands of facts.
MAX_CLAUSES = 2_000


def extract_agreement(ag: Agreement) -> Contract:
    if len(ag.clauses) > MAX_CLAUSES:
        log.warning("warning: %s: the agreement at line %d has %d clauses; only the first %d are kept "
                    "(limit per agreement)", ag.doc.source, ag.line, len(ag.clauses), MAX_CLAUSES)
        ag.clauses = ag.clauses[:MAX_CLAUSES]  # parents come before their children: the tree stays whole
    if ag.language is None:
        ag.language = detect(ag.text)
    record: dict[str, Any] = {
        "source": ag.doc.source,
        "line": ag.line,
        "starts_with": ag.starts_with,
        "title": ag.title,
        "kind": ag.kind,
        "language": ag.language,
        "span": [ag.start, ag.end],
        "part_of": ag.part_of,
        "evidence": {},
    }
    return Contract.from_fields(components.run(ag, PIPELINE, record))


def extract_document(doc: Document) -> tuple[list[Agreement], list[Contract]]:
    agreements = split_agreements(doc)
    return agreements, [extract_agreement(a) for a in agreements]


def extract_file(path: str | Path) -> tuple[Document, list[Agreement], list[Contract]]:
    doc = load(path)
    agreements, records = extract_document(doc)
    return doc, agreements, records


# Our own short sentences in each language: extracting them loads the language models, lexicons and
# lazily compiled patterns once, before worker processes are forked (ingest/budget.py).
_WARM_UP = """DATA PROCESSING AGREEMENT
1. The Processor shall process personal data only on documented instructions of the Controller.
2. Le Sous-traitant notifie au Responsable du traitement toute violation de données dans les 48 heures.
3. Il Responsabile del trattamento conserva i dati dei clienti per la durata del contratto.
4. Der Auftragsverarbeiter setzt Unterauftragnehmer nur mit Genehmigung des Verantwortlichen ein.
5. El Encargado del tratamiento aplicará medidas técnicas y organizativas apropiadas.
6. O Subcontratante apaga os dados pessoais no termo da prestação dos serviços.
7. De Verwerker verwerkt de persoonsgegevens uitsluitend in de Europese Unie.
"""
_warm = False


def warm_up() -> None:
    """Load everything extraction loads lazily (idempotent)."""
    global _warm
    if not _warm:
        _warm = True
        try:
            extract_document(Document(source="warm-up", text=_WARM_UP))
        except Exception:  # noqa: BLE001 - a broken extractor shows on the real documents, with their names
            pass
        pattern_cache.save()  # before the workers start: they inherit what is compiled and kept

