"""Parties, roles, name variants, affiliates and jurisdiction of one contract record -> quads."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from contractkg.ingest.lexical.entities import affiliate_of, split_name
from contractkg.namespaces import CKG, DPV, RDF, RDFS, SKOS, XSD
from contractkg.ontology.literals import LANG_TAG, boolean, country, duration, lit, n
from contractkg.ontology.records_base import GraphBase, party_iri

ROLE_PROPERTY = {
    "controller": DPV + "hasDataController",
    "processor": DPV + "hasDataProcessor",
    "data_exporter": DPV + "hasDataExporter",
    "data_importer": DPV + "hasDataImporter",
    "subprocessor": CKG + "hasSubProcessor",
    "provider": CKG + "hasProvider",
    "customer": CKG + "hasCustomer",
}
PARTY_TEXT = (("legal_form", "legalForm"), ("registration", "registrationNumber"), ("address", "address"),
              ("email", "email"), ("contact", "contact"), ("trade_name", "tradeName"), ("canonical_key", "canonicalKey"))


class PartyMapping(GraphBase):
    """Party nodes (shared IRIs for named entities) and the contract's jurisdiction choices."""

    def party(self, data: dict[str, Any]) -> ox.NamedNode:
        """A party node with its attributes; another spelling of a known entity becomes skos:altLabel."""
        p = n(party_iri(data, self.c.value))
        names = self.party_names.setdefault(p.value, [])
        name = data.get("name")
        if not names:
            self.add(p, RDF + "type", n(CKG + "Party"))
            if not name:
                self.add(p, RDF + "type", n(CKG + "PlaceholderParty"))
            self.text(p, RDFS + "label", name or (data.get("defined_as") or [None])[0])
            self.text(p, CKG + "legalName", name)
        elif isinstance(name, str) and name.strip() and name not in names:
            self.text(p, SKOS + "altLabel", name)
        if isinstance(name, str) and name not in names:
            names.append(name)
        for key, prop in PARTY_TEXT:
            self.text(p, CKG + prop, data.get(key))
        self.text(p, SKOS + "altLabel", data.get("trade_name"))
        self.add(p, CKG + "country", country(data.get("country")))
        for term in data.get("defined_as") or []:
            self.text(p, CKG + "definedTerm", term)
        self.evidence(p, data.get("evidence"))
        return p

    def party_nodes(self) -> None:
        for data in self.rec.get("parties") or []:
            if not isinstance(data, dict):
                self.parties.append(None)
                continue
            p = self.party(data)
            self.parties.append(p)
            self.add(self.c, CKG + "hasParty", p)
            for role in data.get("roles") or []:
                if role in ROLE_PROPERTY:
                    self.add(self.c, ROLE_PROPERTY[role], p)
            role_spans = data.get("role_evidence")
            for role, span in role_spans.items() if isinstance(role_spans, dict) else ():
                for e in self.ev.spans(span) if role in ROLE_PROPERTY else ():
                    self.add(p, CKG + "hasEvidence", e)
                    self.add(e, CKG + "supportsProperty", n(ROLE_PROPERTY[role]))

    def party_named(self, name: Any) -> ox.NamedNode | None:
        """The node of a party or sub-processor cited by name (a new node when not listed)."""
        if not isinstance(name, str) or not name.strip():
            return None
        for i, data in enumerate(self.rec.get("parties") or []):
            if isinstance(data, dict) and str(data.get("name") or "").lower() == name.lower():
                return self.party_at(i)
        return self.party({"name": name})

    def affiliates(self) -> None:
        """ckg:affiliateOf between distinct named entities of one group ("Foo LLC", "Foo Ireland Ltd")."""
        by_lead: dict[str, dict[str, str]] = {}
        for iri, names in self.party_names.items():
            if names and names[0]:
                tokens, _ = split_name(names[0])
                if tokens:
                    by_lead.setdefault(tokens[0].split(".")[0], {})[iri] = names[0]
        for group in by_lead.values():
            items = sorted(group.items())
            for i, (a, name_a) in enumerate(items):
                for b, name_b in items[i + 1:]:
                    if affiliate_of(name_a, name_b):
                        self.add(n(a), CKG + "affiliateOf", n(b))
                        self.add(n(b), CKG + "affiliateOf", n(a))

    def jurisdiction(self) -> None:
        rec, c = self.rec, self.c
        self.add(c, CKG + "governingLaw", country(rec.get("governing_law")))
        j = rec.get("jurisdiction")
        if isinstance(j, dict) and any(j.get(k) is not None for k in ("country", "court", "exclusive", "city")):
            court = self.node("court", 0, CKG + "Court")
            self.add(c, CKG + "competentCourt", court)
            self.add(court, CKG + "country", country(j.get("country")))
            self.text(court, CKG + "courtName", j.get("court"))
            self.text(court, CKG + "courtCity", j.get("city"))
            if isinstance(j.get("exclusive"), bool):
                self.add(court, CKG + "exclusive", boolean(j["exclusive"]))
            self.evidence(court, j.get("evidence") or self.field_spans.get("jurisdiction"))
        self.authority(rec.get("supervisory_authority"))
        lang = rec.get("prevailing_language")
        if isinstance(lang, str) and LANG_TAG.match(lang):
            self.add(c, CKG + "prevailingLanguage", lit(lang, XSD + "language"))
        self.add(c, CKG + "amicableSettlementPeriod", duration(rec.get("amicable_settlement_period")))
        self.settlement_steps()
        self.regional_jurisdictions()

    def authority(self, sa: Any) -> None:
        if isinstance(sa, dict):
            sa_name, sa_country = sa.get("name"), sa.get("country")
        else:
            sa_name, sa_country = (None, sa) if country(sa) else (sa, None)
        if sa_name or country(sa_country):
            auth = self.node("authority", 0, DPV + "DataProtectionAuthority")
            self.add(self.c, CKG + "supervisoryAuthority", auth)
            self.text(auth, RDFS + "label", sa_name)
            self.add(auth, CKG + "country", country(sa_country))
            self.evidence(auth, self.field_spans.get("supervisory_authority"))

    def settlement_steps(self) -> None:
        """Amicable settlement, negotiation, mediation... in the order the contract sets them."""
        for i, step in enumerate(self.rec.get("amicable_settlement_steps") or []):
            if not isinstance(step, dict) or not step.get("step"):
                continue
            s = self.node("settlement", i, CKG + "SettlementStep")
            self.add(self.c, CKG + "hasSettlementStep", s)
            self.text(s, CKG + "stepKind", step.get("step"))
            self.add(s, CKG + "stepOrder", lit(i + 1, XSD + "integer"))
            self.add(s, CKG + "stepPeriod", duration(step.get("period")))
            self.evidence(s, step.get("evidence"))

    def regional_jurisdictions(self) -> None:
        """Law and courts chosen by the customer's region, with the vendor entity contracting there."""
        for i, row in enumerate(self.rec.get("jurisdiction_by_region") or []):
            if not isinstance(row, dict):
                continue
            r = self.node("region", i, CKG + "RegionalJurisdiction")
            self.add(self.c, CKG + "hasRegionalJurisdiction", r)
            self.text(r, CKG + "region", row.get("region"))
            self.add(r, CKG + "regionalLaw", country(row.get("law")))
            if row.get("court") or country(row.get("court_country")):
                court = self.node("region", f"{i}/court", CKG + "Court")
                self.add(r, CKG + "regionalCourt", court)
                self.text(court, CKG + "courtName", row.get("court"))
                self.add(court, CKG + "country", country(row.get("court_country")))
            self.add(r, CKG + "contractingEntity", self.party_named(row.get("contracting_entity")))
            if isinstance(row.get("default"), bool):
                self.add(r, CKG + "defaultRegion", boolean(row["default"]))
            self.evidence(r, row.get("evidence"))

