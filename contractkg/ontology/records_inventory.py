"""Processing inventory, sub-processors and transfers of one contract record -> quads."""

from __future__ import annotations

from collections.abc import Iterable

from contractkg import ontology as onto
from contractkg.namespaces import CKG, DCT, DPV, PD, RDF
from contractkg.ontology.literals import LOCAL_NAME, lit, n
from contractkg.ontology.records_parties import PartyMapping
from contractkg.record import Party

# The SCC modules of Decision 2021/914 by their usual short names.
SCC_MODULE_NUMBER = {"C2C": "1", "C2P": "2", "P2P": "3", "P2C": "4"}


def local_names(values: Iterable[str]) -> list[str]:
    return [v for v in values if LOCAL_NAME.match(v)]


class InventoryMapping(PartyMapping):
    """Data categories, subjects, purposes, retention; sub-processor engagements; transfers."""

    def inventory(self) -> None:
        rec, c = self.rec, self.c
        project = onto.project_data_subjects()
        self.data_category_uses()
        for name in local_names(rec.data_subjects):
            self.add(c, DPV + "hasDataSubject", n((CKG if name in project else DPV) + name))
        for i, text in enumerate(rec.purposes):
            if text.strip():
                purpose = self.node("purpose", i, DPV + "Purpose")
                self.add(c, DPV + "hasPurpose", purpose)
                self.add(purpose, DCT + "description", lit(text))
        d = self.duration_node(c, f"{c.value}/processing-duration", rec.processing_duration, CKG + "processingDuration")
        if d is not None:
            self.evidence(d, [fs.span for fs in rec.spans_of("processing_duration")])
        self.retention()
        auth = rec.subprocessor_authorisation
        if auth is not None:
            kinds = onto.notations("AuthorisationKind")
            key = "general" if auth.startswith("general") else "specific" if auth.startswith("specific") else auth
            if key in kinds:
                self.add(c, CKG + "subprocessorAuthorisation", n(kinds[key]))

    def data_category_uses(self) -> None:
        """One node per personal-data category the contract names: the DPV-PD concept, the contract's
        own wording (language-tagged), the evidence, and a special-category (GDPR Art. 9) type."""
        rec = self.rec
        labels = {cat.name: cat.stated_as for cat in rec.personal_data_labels}
        special = set(local_names(rec.special_categories))
        spans = {fs.value: fs.span for fs in rec.spans_of("personal_data")}
        names = dict.fromkeys(local_names(rec.personal_data) + local_names(labels) + sorted(special))
        for name in names:
            use = self.node("data", name, CKG + "PersonalDataUse")
            self.add(self.c, CKG + "hasPersonalDataUse", use)
            self.add(use, CKG + "category", n(PD + name))
            if name in special:
                self.add(use, RDF + "type", n(DPV + "SpecialCategoryPersonalData"))
            for label in labels.get(name, ()):
                self.wording(use, CKG + "statedAs", label)
            self.evidence(use, spans.get(name))

    def retention(self) -> None:
        for i, r in enumerate(self.rec.retention):
            rule = self.node("retention", i, CKG + "RetentionRule")
            self.add(self.c, CKG + "hasRetention", rule)
            self.fields(rule, r)
            self.duration_node(rule, f"{rule.value}/period", r.period)
            self.evidence(rule, r.evidence)

    def subprocessors(self) -> None:
        for i, sp in enumerate(self.rec.subprocessors):
            if not sp.name:
                continue
            p = self.party(Party(name=sp.name, address=sp.address, country=sp.country))
            self.add(self.c, CKG + "hasParty", p)
            self.add(self.c, CKG + "hasSubProcessor", p)
            e = self.node("subprocessor", i, CKG + "SubProcessorEngagement")
            self.add(self.c, CKG + "hasSubProcessorEngagement", e)
            self.add(e, CKG + "subProcessor", p)
            self.fields(e, sp)
            self.evidence(e, sp.evidence)

    def transfers(self) -> None:
        names = {p.name.lower(): i for i, p in enumerate(self.rec.parties) if p.name}
        for i, t in enumerate(self.rec.transfers):
            x = self.node("transfer", i, CKG + "DataTransfer")
            self.add(self.c, CKG + "hasTransfer", x)
            self.fields(x, t)
            recipient = t.recipient
            party = self.party_at(recipient if isinstance(recipient, int) else names.get(str(recipient).lower()))
            if party is not None:
                self.add(x, CKG + "recipient", party)
            elif isinstance(recipient, str):
                self.add(x, CKG + "recipient", self.party(Party(name=recipient)))
                self.text(x, CKG + "recipientName", recipient)
            modules = [t.scc_module_number, t.scc_module, *t.scc_modules]
            for module in {str(SCC_MODULE_NUMBER.get(str(m), m)).strip() for m in modules if m}:
                if module in {"1", "2", "3", "4"}:
                    self.add(x, CKG + "sccModule", n(f"{CKG}SCCModule{module}"))
            self.evidence(x, t.evidence)
