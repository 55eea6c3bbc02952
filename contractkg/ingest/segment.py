"""Document -> Agreements. Minimal: one agreement per file; the documents issue splits files properly."""

from __future__ import annotations

from contractkg.ingest.document import Agreement, Document


def split_agreements(doc: Document) -> list[Agreement]:
    start = len(doc.text) - len(doc.text.lstrip())
    ag = Agreement(doc=doc, start=start, end=len(doc.text), kind=guess_kind(doc.text))
    ag.title = ag.starts_with
    return [ag]


def guess_kind(text: str) -> str:
    head = text[:3000].lower()
    for words, kind in (
        (("traitement des données", "trattamento dei dati", "data processing", "auftragsverarbeitung",
          "sous-traitant", "responsabile del trattamento"), "dpa"),
        (("clauses contractuelles types", "standard contractual clauses", "clausole contrattuali tipo"), "scc"),
    ):
        if any(w in head for w in words):
            return kind
    return "terms"
