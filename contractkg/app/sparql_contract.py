"""The SPARQL behind the contract page (one contract IRI at a time)."""

from __future__ import annotations

from contractkg.app.data import iri

ROLE_VALUES = """VALUES (?rel ?role) {
    (dpv:hasDataController "controller") (dpv:hasDataProcessor "processor")
    (dpv:hasDataExporter "data exporter") (dpv:hasDataImporter "data importer")
    (ckg:hasSubProcessor "sub-processor") (ckg:hasProvider "provider") (ckg:hasCustomer "customer") }"""

FACT_RELATIONS = """VALUES (?rel ?kind) {
    (ckg:hasParty "party") (ckg:hasSubProcessorEngagement "subprocessor") (ckg:hasStipulation "obligation")
    (ckg:hasElementCoverage "art28") (ckg:hasTransfer "transfer") (ckg:competentCourt "court")
    (ckg:hasAuditTerms "audit") (ckg:hasRetention "retention") }"""


def info(c: str) -> str:
    return f"""
SELECT ?title ?kind ?language ?file ?line ?law ?prevailing ?court_country ?court ?exclusive ?part_of WHERE {{
  {iri(c)} ckg:fromDocument ?doc ; a ?cls . ?doc ckg:sourcePath ?file .
  FILTER(STRSTARTS(STR(?cls), STR(ckg:)) && ?cls != ckg:Agreement)
  BIND(STRAFTER(STR(?cls), STR(ckg:)) AS ?kind)
  OPTIONAL {{ {iri(c)} dct:title ?title }} OPTIONAL {{ {iri(c)} dct:language ?language }}
  OPTIONAL {{ {iri(c)} ckg:startLine ?line }} OPTIONAL {{ {iri(c)} ckg:governingLaw ?law }}
  OPTIONAL {{ {iri(c)} ckg:prevailingLanguage ?prevailing }}
  OPTIONAL {{ {iri(c)} ckg:competentCourt ?ct . OPTIONAL {{ ?ct ckg:country ?court_country }}
             OPTIONAL {{ ?ct ckg:courtName ?court }} OPTIONAL {{ ?ct ckg:exclusive ?exclusive }} }}
  OPTIONAL {{ {iri(c)} ckg:partOf ?part_of }}
}} LIMIT 1
"""


def span(c: str) -> str:
    """The agreement's own span: its largest evidence that supports no particular field."""
    return f"""
SELECT ?start ?end WHERE {{
  {iri(c)} ckg:hasEvidence ?ev . FILTER NOT EXISTS {{ ?ev ckg:supportsProperty ?p }}
  ?ev oa:hasSelector ?sel . ?sel oa:start ?start ; oa:end ?end .
}} ORDER BY DESC(?end - ?start) LIMIT 1
"""


def clauses(c: str) -> str:
    return f"""
SELECT ?clause ?number ?heading ?start ?end ?level WHERE {{
  {iri(c)} ckg:hasClause ?clause . ?clause oa:start ?start ; oa:end ?end .
  OPTIONAL {{ ?clause ckg:clauseNumber ?number }} OPTIONAL {{ ?clause ckg:heading ?heading }}
  OPTIONAL {{ ?clause ckg:level ?level }}
}} ORDER BY ?start
"""


def facts(c: str) -> str:
    """Every fact of the contract that has a text span: what it is, its span, its clause."""
    return f"""
SELECT ?fact ?kind ?what ?start ?end ?clause WHERE {{ GRAPH ?g {{
  {{ {FACT_RELATIONS} {iri(c)} ?rel ?fact . ?fact ckg:hasEvidence ?ev .
     OPTIONAL {{ ?fact rdfs:label|ckg:actionText ?l1 }}
     OPTIONAL {{ ?fact ckg:subProcessor/rdfs:label ?l2 }}
     OPTIONAL {{ ?fact ckg:element ?el . ?el ckg:schemaKey ?l3 }}
     OPTIONAL {{ ?fact ckg:element ?el4 . BIND(STR(?el4) AS ?l4) }}
     BIND(COALESCE(?l1, ?l2, ?l3, ?l4, "") AS ?what) }}
  UNION
  {{ {iri(c)} ckg:hasEvidence ?ev . ?ev ckg:supportsProperty ?prop . BIND({iri(c)} AS ?fact)
     BIND(STRAFTER(STR(?prop), "#") AS ?kind)
     OPTIONAL {{ ?ev ckg:supportsValue ?v }} BIND(COALESCE(?v, "") AS ?what) }}
  FILTER(STRSTARTS(STR(?ev), STR({iri(c)})))
  ?ev oa:hasSelector ?sel . ?sel oa:start ?start ; oa:end ?end .
  OPTIONAL {{ ?ev ckg:inClause ?cl . ?cl ckg:clauseNumber ?clause }}
}} }} ORDER BY ?start
"""


def parties(c: str) -> str:
    return f"""
SELECT ?party ?name ?role ?country (GROUP_CONCAT(DISTINCT ?term; separator=", ") AS ?defined_as) ?address
WHERE {{
  {ROLE_VALUES} GRAPH ?g {{ {iri(c)} ?rel ?party .
  OPTIONAL {{ ?party rdfs:label ?name }} OPTIONAL {{ ?party ckg:address ?address }}
  OPTIONAL {{ ?party ckg:country ?cc . BIND(STRAFTER(STR(?cc), STR(loc:)) AS ?country) }}
  OPTIONAL {{ ?party ckg:definedTerm ?term }} }}
}} GROUP BY ?party ?name ?role ?country ?address ORDER BY ?role ?name
"""


def inventory(c: str) -> str:
    return f"""
SELECT ?what ?value WHERE {{
  {{ {iri(c)} dpv:hasPersonalData ?x . BIND("personal data" AS ?what) BIND(STRAFTER(STR(?x), STR(pd:)) AS ?value) }}
  UNION {{ {iri(c)} dpv:hasDataSubject ?x . BIND("data subjects" AS ?what)
           BIND(REPLACE(STR(?x), "^.*[#/]", "") AS ?value) }}
  UNION {{ {iri(c)} dpv:hasPurpose ?p . ?p dct:description ?value . BIND("purposes" AS ?what) }}
  UNION {{ {iri(c)} dpv:hasProcessing ?x . BIND("processing" AS ?what) BIND(STRAFTER(STR(?x), STR(dpv:)) AS ?value) }}
}} ORDER BY ?what ?value
"""


def subprocessors(c: str) -> str:
    return f"""
SELECT ?name ?service ?location ?seat ?safeguard (GROUP_CONCAT(DISTINCT ?m; separator="; ") AS ?measures) WHERE {{
  GRAPH ?g {{ {iri(c)} ckg:hasSubProcessorEngagement ?eng . ?eng ckg:subProcessor ?sp .
  OPTIONAL {{ ?sp rdfs:label ?name }} OPTIONAL {{ ?eng ckg:service ?service }}
  OPTIONAL {{ ?eng ckg:location ?l . BIND(STRAFTER(STR(?l), STR(loc:)) AS ?location) }}
  OPTIONAL {{ ?sp ckg:country ?s . BIND(STRAFTER(STR(?s), STR(loc:)) AS ?seat) }}
  OPTIONAL {{ ?eng ckg:safeguard ?safeguard }}
  OPTIONAL {{ ?eng ckg:measure ?m }} }}
}} GROUP BY ?name ?service ?location ?seat ?safeguard ORDER BY ?name
"""


def obligations(c: str) -> str:
    return f"""
SELECT ?modality ?bearer ?beneficiary ?action ?type ?deadline ?trigger ?condition ?clause ?art28 WHERE {{
  GRAPH ?g {{ {iri(c)} ckg:hasStipulation ?o . ?o a ?cls .
  FILTER(?cls IN (ckg:Obligation, ckg:Permission, ckg:Prohibition))
  BIND(LCASE(STRAFTER(STR(?cls), "#")) AS ?modality)
  OPTIONAL {{ ?o odrl:assignee/rdfs:label ?bearer }} OPTIONAL {{ ?o odrl:assigner/rdfs:label ?beneficiary }}
  OPTIONAL {{ ?o ckg:actionText ?action }}
  OPTIONAL {{ ?o ckg:obligationType ?t . BIND(STRAFTER(STR(?t), "#") AS ?type) }}
  OPTIONAL {{ ?o dpv:hasDuration ?d . OPTIONAL {{ ?d ckg:isoDuration ?iso }} OPTIONAL {{ ?d ckg:durationText ?dt }}
             BIND(COALESCE(STR(?iso), ?dt) AS ?deadline) }}
  OPTIONAL {{ ?o ckg:trigger ?trigger }} OPTIONAL {{ ?o ckg:condition ?condition }}
  OPTIONAL {{ ?o ckg:inClause/ckg:clauseNumber ?clause }}
  OPTIONAL {{ ?o ckg:fulfilsElement ?e . BIND(STRAFTER(STR(?e), "#") AS ?art28) }} }}
}}
"""


def validation(c: str) -> str:
    """SHACL results about this contract (from the validation graphs), plus elements it lacks."""
    return f"""
SELECT ?severity ?message ?path ?shape ?element WHERE {{
  {{ ?res a sh:ValidationResult ; sh:focusNode {iri(c)} .
     OPTIONAL {{ ?res sh:resultMessage ?message FILTER(LANGMATCHES(LANG(?message), "en") || LANG(?message) = "") }}
     OPTIONAL {{ ?res sh:resultSeverity ?sv . BIND(STRAFTER(STR(?sv), "#") AS ?severity) }}
     OPTIONAL {{ ?res sh:resultPath ?path }} OPTIONAL {{ ?res sh:sourceShape ?shape }}
     OPTIONAL {{ ?res ckg:checksElement ?element }} }}
  UNION
  {{ {iri(c)} ckg:lacksElement ?element . BIND("Gap" AS ?severity)
     BIND("extraction found no clause for this Art. 28 element" AS ?message) }}
}}
"""


def versions(c: str) -> str:
    """Other language versions of the agreement (ckg:translationOf, either direction)."""
    return f"""
SELECT DISTINCT ?other ?title ?language WHERE {{
  {{ {iri(c)} ckg:translationOf ?other }} UNION {{ ?other ckg:translationOf {iri(c)} }}
  FILTER(?other != {iri(c)})
  OPTIONAL {{ ?other dct:title ?title }} OPTIONAL {{ ?other dct:language ?language }}
}}
"""
