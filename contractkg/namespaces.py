"""IRI namespaces used across the project (one place, so nothing is spelled twice)."""

from __future__ import annotations

CKG = "https://w3id.org/contractkg#"
# Instance data lives under a sibling path so that terms and data never collide.
DATA = "https://w3id.org/contractkg/id/"
GRAPH = "https://w3id.org/contractkg/graph/"

DPV = "https://w3id.org/dpv#"
PD = "https://w3id.org/dpv/pd#"
LOC = "https://w3id.org/dpv/loc#"
EU_GDPR = "https://w3id.org/dpv/legal/eu/gdpr#"
LEGAL_EU = "https://w3id.org/dpv/legal/eu#"
ODRL = "http://www.w3.org/ns/odrl/2/"
OA = "http://www.w3.org/ns/oa#"
PROV = "http://www.w3.org/ns/prov#"
DCT = "http://purl.org/dc/terms/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SH = "http://www.w3.org/ns/shacl#"
ELI_GDPR = "http://data.europa.eu/eli/reg/2016/679/"

PREFIXES: dict[str, str] = {
    "ckg": CKG,
    "ckgid": DATA,
    "dpv": DPV,
    "pd": PD,
    "loc": LOC,
    "eu-gdpr": EU_GDPR,
    "legal-eu": LEGAL_EU,
    "odrl": ODRL,
    "oa": OA,
    "prov": PROV,
    "dct": DCT,
    "skos": SKOS,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "sh": SH,
}


def sparql_prefixes() -> str:
    """PREFIX declarations for every namespace above, for queries and the workbench."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
