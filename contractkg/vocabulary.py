"""The term tables queries share, declared once: party roles, the vendor roles, the Art. 28 elements.

A query names a table in an empty VALUES block (``VALUES (?prop ?role) {  # table: roles``) and
``contractkg.queries.load`` fills it with these rows, serialised as RDF terms by pyoxigraph."""

from __future__ import annotations

from collections.abc import Callable

import pyoxigraph as ox

from contractkg.namespaces import CKG, DPV

# Record role key -> the property that links an agreement to a party in that role.
ROLE_PROPERTIES: dict[str, str] = {
    "controller": DPV + "hasDataController",
    "processor": DPV + "hasDataProcessor",
    "subprocessor": CKG + "hasSubProcessor",
    "provider": CKG + "hasProvider",
    "customer": CKG + "hasCustomer",
    "data_exporter": DPV + "hasDataExporter",
    "data_importer": DPV + "hasDataImporter",
}
# The party an agreement is "with": its processor, provider or data importer.
VENDOR_ROLES = ("processor", "provider", "data_importer")
# The roles GDPR itself names (no commercial provider / customer).
GDPR_ROLES = ("controller", "processor", "subprocessor", "data_exporter", "data_importer")
# Roles of the parties that sign (everyone but sub-processors).
SIGNING_ROLES = tuple(r for r in ROLE_PROPERTIES if r != "subprocessor")
# Role keys in words, for people.
ROLE_WORDS = {"subprocessor": "sub-processor", "data_exporter": "data exporter", "data_importer": "data importer"}
# The role a party plays in the flow of data (exporters send like controllers, importers receive like processors).
FLOW_ROLES = {"controller": "controller", "processor": "processor", "provider": "processor",
              "subprocessor": "subprocessor", "data_exporter": "controller", "data_importer": "processor"}
# What links the graph explorer follows from a node: every role, a party's seat, plain party membership.
NEIGHBOUR_PROPERTIES = (*(ROLE_PROPERTIES[r] for r in ("controller", "processor", "data_exporter", "data_importer",
                                                       "provider", "customer", "subprocessor")),
                        CKG + "country", CKG + "hasParty")

Term = ox.NamedNode | ox.Literal
Row = tuple[Term | None, ...]


def role_words(role: str) -> str:
    return ROLE_WORDS.get(role, role)


def _roles(keys: tuple[str, ...], name: Callable[[str], str] = str) -> list[Row]:
    return [(ox.NamedNode(ROLE_PROPERTIES[k]), ox.Literal(name(k))) for k in keys]


def art28_rows() -> list[Row]:
    """(element concept, record key, position) for each GDPR Art. 28 element, in ontology order."""
    from contractkg.ontology import art28_elements

    integer = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
    return [(ox.NamedNode(iri), ox.Literal(key), ox.Literal(str(i), datatype=integer))
            for i, (key, iri) in enumerate(art28_elements().items(), 1)]


TABLES: dict[str, Callable[[], list[Row]]] = {
    "roles": lambda: _roles(tuple(ROLE_PROPERTIES)),
    "gdpr_roles": lambda: _roles(GDPR_ROLES),
    "role_words": lambda: _roles(tuple(ROLE_PROPERTIES), role_words),
    "signing_role_words": lambda: _roles(SIGNING_ROLES, role_words),
    "signing_role_properties": lambda: [(ox.NamedNode(ROLE_PROPERTIES[r]),) for r in SIGNING_ROLES],
    "flow_roles": lambda: [(ox.NamedNode(ROLE_PROPERTIES[r]), ox.Literal(f)) for r, f in FLOW_ROLES.items()],
    "vendor_properties": lambda: [(ox.NamedNode(ROLE_PROPERTIES[r]),) for r in VENDOR_ROLES],
    "neighbour_properties": lambda: [(ox.NamedNode(p),) for p in NEIGHBOUR_PROPERTIES],
    "art28_elements": art28_rows,
}
