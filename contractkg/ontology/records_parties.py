"""Parties, roles, name variants, affiliates and jurisdiction of one contract record -> quads."""

from __future__ import annotations

import pyoxigraph as ox

from contractkg.ingest.lexical.entities import affiliate_of, split_name
from contractkg.namespaces import CKG, DPV, RDF, RDFS, SKOS, XSD
from contractkg.ontology.literals import country, lit, n
from contractkg.ontology.records_base import GraphBase, party_iri
from contractkg.record import ABSENT, Party, SupervisoryAuthority

ROLE_PROPERTY = {
    "controller": DPV + "hasDataController",
    "processor": DPV + "hasDataProcessor",
    "data_exporter": DPV + "hasDataExporter",
    "data_importer": DPV + "hasDataImporter",
    "subprocessor": CKG + "hasSubProcessor",
    "provider": CKG + "hasProvider",
    "customer": CKG + "hasCustomer",
}


class PartyMapping(GraphBase):
    """Party nodes (shared IRIs for named entities) and the contract's jurisdiction choices."""

    def party(self, data: Party) -> ox.NamedNode:
        """A party node with its attributes; another spelling of a known entity becomes skos:altLabel."""
        p = n(party_iri(data, self.c.value))
        names = self.party_names.setdefault(p.value, [])
        name = data.name
        if not names:
            self.add(p, RDF + "type", n(CKG + "Party"))
            if not name:
                self.add(p, RDF + "type", n(CKG + "PlaceholderParty"))
            self.text(p, RDFS + "label", name or (data.defined_as or (None,))[0])
            self.text(p, CKG + "legalName", name)
        elif name and name.strip() and name not in names:
            self.text(p, SKOS + "altLabel", name)
        if name is not None and name not in names:
            names.append(name)
        self.fields(p, data)
        self.text(p, SKOS + "altLabel", data.trade_name)
        self.evidence(p, data.evidence)
        return p

    def party_nodes(self) -> None:
        for data in self.rec.parties:
            p = self.party(data)
            self.parties.append(p)
            self.add(self.c, CKG + "hasParty", p)
            for role in data.roles:
                if role in ROLE_PROPERTY:
                    self.add(self.c, ROLE_PROPERTY[role], p)
            for rs in data.role_evidence or ():
                for e in self.ev.spans(rs.span) if rs.role in ROLE_PROPERTY else ():
                    self.add(p, CKG + "hasEvidence", e)
                    self.add(e, CKG + "supportsProperty", n(ROLE_PROPERTY[rs.role]))

    def party_named(self, name: str | None) -> ox.NamedNode | None:
        """The node of a party or sub-processor cited by name (a new node when not listed)."""
        if not name or not name.strip():
            return None
        for i, data in enumerate(self.rec.parties):
            if (data.name or "").lower() == name.lower():
                return self.party_at(i)
        return self.party(Party(name=name))

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
        j = rec.jurisdiction
        if j is not None and any(v not in (None, ABSENT) for v in (j.country, j.court, j.exclusive, j.city)):
            court = self.node("court", 0, CKG + "Court")
            self.add(c, CKG + "competentCourt", court)
            self.fields(court, j)
            self.evidence(court, [fs.span for fs in rec.spans_of("jurisdiction")])
        self.authority(rec.supervisory_authority)
        self.settlement_steps()
        self.regional_jurisdictions()

    def authority(self, sa: SupervisoryAuthority | str | None) -> None:
        if isinstance(sa, SupervisoryAuthority):
            sa_name, sa_country = sa.name, sa.country
        else:
            sa_name, sa_country = (None, sa) if country(sa) else (sa, None)
        if sa_name or country(sa_country):
            auth = self.node("authority", 0, DPV + "DataProtectionAuthority")
            self.add(self.c, CKG + "supervisoryAuthority", auth)
            self.text(auth, RDFS + "label", sa_name)
            self.add(auth, CKG + "country", country(sa_country))
            self.evidence(auth, [fs.span for fs in self.rec.spans_of("supervisory_authority")])

    def settlement_steps(self) -> None:
        """Amicable settlement, negotiation, mediation... in the order the contract sets them."""
        for i, step in enumerate(self.rec.amicable_settlement_steps):
            if not step.step:
                continue
            s = self.node("settlement", i, CKG + "SettlementStep")
            self.add(self.c, CKG + "hasSettlementStep", s)
            self.fields(s, step)
            self.add(s, CKG + "stepOrder", lit(i + 1, XSD + "integer"))
            self.evidence(s, step.evidence)

    def regional_jurisdictions(self) -> None:
        """Law and courts chosen by the customer's region, with the vendor entity contracting there."""
        for i, row in enumerate(self.rec.jurisdiction_by_region):
            r = self.node("region", i, CKG + "RegionalJurisdiction")
            self.add(self.c, CKG + "hasRegionalJurisdiction", r)
            self.fields(r, row)
            if row.court or country(row.court_country):
                court = self.node("region", f"{i}/court", CKG + "Court")
                self.add(r, CKG + "regionalCourt", court)
                self.text(court, CKG + "courtName", row.court)
                self.add(court, CKG + "country", country(row.court_country))
            self.add(r, CKG + "contractingEntity", self.party_named(row.contracting_entity))
            self.evidence(r, row.evidence)
