"""Processing inventory, sub-processors and transfers of one contract record -> quads."""

from __future__ import annotations

from typing import Any

from contractkg import ontology as onto
from contractkg.namespaces import CKG, DCT, DPV, PD, RDF, XSD
from contractkg.ontology.literals import LOCAL_NAME, boolean, country, lit, n
from contractkg.ontology.records_parties import PartyMapping

# The SCC modules of Decision 2021/914 by their usual short names.
SCC_MODULE_NUMBER = {"C2C": "1", "C2P": "2", "P2P": "3", "P2C": "4"}
TRANSFER_FLAGS = (("eea", "toEEA"), ("adequacy", "adequate"), ("uk_addendum", "ukAddendum"), ("idta", "ukIDTA"),
                  ("swiss", "swissAmendments"))


def local_names(values: Any) -> list[str]:
    return [v for v in values or [] if isinstance(v, str) and LOCAL_NAME.match(v)]


class InventoryMapping(PartyMapping):
    """Data categories, subjects, purposes, retention; sub-processor engagements; transfers."""

    def inventory(self) -> None:
        rec, c = self.rec, self.c
        project = onto.project_data_subjects()
        for name in local_names(rec.get("personal_data")):
            self.add(c, DPV + "hasPersonalData", n(PD + name))
        self.data_category_uses()
        for name in local_names(rec.get("data_subjects")):
            self.add(c, DPV + "hasDataSubject", n((CKG if name in project else DPV) + name))
        for name in local_names(rec.get("processing")):
            self.add(c, DPV + "hasProcessing", n(DPV + name))
        for i, text in enumerate(rec.get("purposes") or []):
            if isinstance(text, str) and text.strip():
                purpose = self.node("purpose", i, DPV + "Purpose")
                self.add(c, DPV + "hasPurpose", purpose)
                self.add(purpose, DCT + "description", lit(text))
        for text in rec.get("purposes_text") or []:
            self.wording(c, CKG + "purposeStatement", text)
        d = self.duration_node(c, f"{c.value}/processing-duration", rec.get("processing_duration"), CKG + "processingDuration")
        if d is not None:
            self.evidence(d, self.field_spans.get("processing_duration"))
        url = rec.get("subprocessor_list_url")
        if isinstance(url, str) and url.strip():
            self.add(c, CKG + "subprocessorListURL", lit(url.strip(), XSD + "anyURI"))
        self.retention()
        auth = rec.get("subprocessor_authorisation")
        if isinstance(auth, str):
            kinds = onto.notations("AuthorisationKind")
            key = "general" if auth.startswith("general") else "specific" if auth.startswith("specific") else auth
            if key in kinds:
                self.add(c, CKG + "subprocessorAuthorisation", n(kinds[key]))

    def data_category_uses(self) -> None:
        """One node per personal-data category the contract names: the DPV-PD concept, the contract's
        own wording (language-tagged), the evidence, and a special-category (GDPR Art. 9) type."""
        rec = self.rec
        raw = rec.get("personal_data_labels")
        labels: dict[str, Any] = raw if isinstance(raw, dict) else {}
        special = set(local_names(rec.get("special_categories")))
        spans = self.field_spans.get("personal_data")
        spans = spans if isinstance(spans, dict) else {}
        names = dict.fromkeys(local_names(rec.get("personal_data")) + local_names(labels) + sorted(special))
        for name in names:
            use = self.node("data", name, CKG + "PersonalDataUse")
            self.add(self.c, CKG + "hasPersonalDataUse", use)
            self.add(use, CKG + "category", n(PD + name))
            if name in special:
                self.add(use, RDF + "type", n(DPV + "SpecialCategoryPersonalData"))
            for label in labels.get(name) or []:
                self.wording(use, CKG + "statedAs", label)
            self.evidence(use, spans.get(name))

    def retention(self) -> None:
        for i, r in enumerate(self.rec.get("retention") or []):
            if not isinstance(r, dict):
                continue
            rule = self.node("retention", i, CKG + "RetentionRule")
            self.add(self.c, CKG + "hasRetention", rule)
            self.text(rule, CKG + "data", r.get("data"))
            self.text(rule, CKG + "condition", r.get("condition"))
            for name in local_names(r.get("categories")):
                self.add(rule, CKG + "category", n(PD + name))
            self.duration_node(rule, f"{rule.value}/period", r.get("period"))
            self.evidence(rule, r.get("evidence"))

    def subprocessors(self) -> None:
        safeguards = onto.notations("TransferSafeguard")
        for i, sp in enumerate(self.rec.get("subprocessors") or []):
            if not isinstance(sp, dict) or not sp.get("name"):
                continue
            p = self.party({k: sp.get(k) for k in ("name", "address", "country", "canonical_key", "legal_form")})
            self.add(self.c, CKG + "hasParty", p)
            self.add(self.c, CKG + "hasSubProcessor", p)
            e = self.node("subprocessor", i, CKG + "SubProcessorEngagement")
            self.add(self.c, CKG + "hasSubProcessorEngagement", e)
            self.add(e, CKG + "subProcessor", p)
            self.text(e, CKG + "service", sp.get("service"))
            self.add(e, CKG + "location", country(sp.get("processing_country")))
            self.add(e, CKG + "seatCountry", country(sp.get("seat_country")))
            if sp.get("safeguard") in safeguards:
                self.add(e, CKG + "safeguard", n(safeguards[sp["safeguard"]]))
            for m in sp.get("measures") or []:
                self.text(e, CKG + "measure", m)
            self.evidence(e, sp.get("evidence"))

    def transfers(self) -> None:
        safeguards = onto.notations("TransferSafeguard")
        decisions = onto.notations("SCCDecision")
        names = {str(p.get("name")).lower(): i for i, p in enumerate(self.rec.get("parties") or [])
                 if isinstance(p, dict) and p.get("name")}
        for i, t in enumerate(self.rec.get("transfers") or []):
            if not isinstance(t, dict):
                continue
            x = self.node("transfer", i, CKG + "DataTransfer")
            self.add(self.c, CKG + "hasTransfer", x)
            self.add(x, CKG + "fromCountry", country(t.get("from")))
            self.add(x, CKG + "toCountry", country(t.get("to")))
            recipient = t.get("recipient")
            party = self.party_at(recipient if isinstance(recipient, int) else names.get(str(recipient).lower()))
            if party is not None:
                self.add(x, CKG + "recipient", party)
            elif isinstance(recipient, str):
                self.add(x, CKG + "recipient", self.party({"name": recipient}))
                self.text(x, CKG + "recipientName", recipient)
            if t.get("mechanism") in safeguards:
                self.add(x, CKG + "mechanism", n(safeguards[t["mechanism"]]))
            modules = [t.get("scc_module_number"), t.get("scc_module"), *(t.get("scc_modules") or [])]
            for module in {str(SCC_MODULE_NUMBER.get(str(m), m)).strip() for m in modules if m}:
                if module in {"1", "2", "3", "4"}:
                    self.add(x, CKG + "sccModule", n(f"{CKG}SCCModule{module}"))
            if t.get("scc_decision") in decisions:
                self.add(x, CKG + "sccDecision", n(decisions[t["scc_decision"]]))
            for key, prop in TRANSFER_FLAGS:
                if isinstance(t.get(key), bool):
                    self.add(x, CKG + prop, boolean(t[key]))
            self.text(x, CKG + "adequacyScope", t.get("adequacy_scope"))
            self.evidence(x, t.get("evidence"))
