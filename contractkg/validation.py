"""Check each DPA in the store against the SHACL shapes; store each report as RDF; `contractkg validate`.

Two engines give the same findings:
- "sparql" (contractkg.ontology.shacl_sparql): the shapes compiled to SPARQL and evaluated over every
  contract graph of the store at once, a few queries in all;
- "pyshacl", the reference: many contract graphs batched into one pyshacl run, batches spread over
  processes; only the triples the shapes read are fetched, plus ontology and reference data.
"auto" uses the first on the embedded store unless a shape uses a component the compiler does not
know, and pyshacl on a remote endpoint (Virtuoso 7 fails on the largest compiled checks: "Stack
Overflow in cost model")."""

import datetime as dt
import logging
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

import pyoxigraph as ox

from contractkg.findings import Subject, dedupe, describe, in_words, message, messages, path_of
from contractkg.namespaces import CKG, PROV, RDF, SH, XSD
from contractkg.ontology.shacl import (
    Finding,
    Row,
    relevant_classes,
    relevant_predicates,
    shape_info,
    validate_rows,
)
from contractkg.queries.load import iris, text
from contractkg.queries.updates import drop_graphs, graph_block, insert_data, sequence
from contractkg.store import Store
from contractkg.store.base import HAS_GRAPH, REGISTRY
from contractkg.store.embedded import EmbeddedStore

REPORT_SUFFIX = "/validation"
SAVE_BATCH = 200  # report graphs per update
Engine = Literal["auto", "sparql", "pyshacl"]
log = logging.getLogger(__name__)


@dataclass
class Contract:
    iri: str
    graph: str
    document: str
    title: str = ""
    dpa: bool = True
    source: str = ""  # the path of the source document

    @property
    def name(self) -> str:
        """How people know it: the title, with the source file when there is one."""
        title = self.title or self.iri.rsplit("/", 1)[-1]
        return f"{title} ({Path(self.source).name})" if self.source else title


@dataclass
class ContractReport:
    contract: Contract
    findings: list[Finding] = field(default_factory=list)  # one per sub-processor, named (findings.py)
    results: list[Finding] = field(default_factory=list)  # every SHACL result, before findings.dedupe
    subjects: dict[str, Subject] = field(default_factory=dict)  # the items findings are about, by IRI

    def subject(self, f: Finding) -> Subject | None:
        return self.subjects.get(f.value or "")

    @property
    def conforms(self) -> bool:
        return not any(f.severity == "Violation" for f in self.findings)

    def count(self, severity: str) -> int:
        return sum(f.severity == severity for f in self.findings)

    @property
    def graph(self) -> str:
        return self.contract.graph + REPORT_SUFFIX


def contracts(store: Store) -> list[Contract]:
    """Every agreement in the store with its graph, document and title; DPAs flagged."""
    return [Contract(r["c"] or "", r["g"] or "", r["d"] or "", r["title"] or "", r["dpa"] == "true", r["source"] or "")
            for r in store.query(text("internal/validation/contracts")).rows]


def dpas(store: Store) -> list[Contract]:
    """Every DPA in the store (newest versions), as ``contracts`` gives them, without the other agreements."""
    return [Contract(r["c"] or "", r["g"] or "", r["d"] or "", r["title"] or "", True, r["source"] or "")
            for r in store.query(text("internal/validation/dpas")).rows]


def resolve(store: Store, key: str) -> list[Contract]:
    """Contracts matching KEY: a contract IRI or its local id; else those whose title and source path
    hold every word of KEY (case-insensitive), e.g. "Harbor Pixel" or "en_dpa_complete"."""
    every = contracts(store)
    exact = [c for c in every if key in (c.iri, c.iri.rsplit("/", 1)[-1])]
    words = key.casefold().split()
    return exact or [c for c in every if words and all(w in f"{c.title} {c.source}".casefold() for w in words)]


def candidates(found: list[Contract], limit: int = 8) -> str:
    """'title (file) <iri>; ...' for an error message."""
    shown = "; ".join(f"{c.name} <{c.iri}>" for c in found[:limit])
    return shown + (f"; and {len(found) - limit} more" if len(found) > limit else "")


def lookup(store: Store, key: str) -> Contract:
    """The one contract KEY names; ``LookupError`` listing the candidates when none or several match."""
    found = resolve(store, key)
    if len(found) == 1:
        return found[0]
    if found:
        raise LookupError(f"{len(found)} contracts match {key!r}: {candidates(found)}. Give more of the title, the "
                          "file name or the IRI")
    every = contracts(store)
    if not every:
        raise LookupError("the store holds no contract: run `contractkg ingest` first")
    raise LookupError(f"no contract matches {key!r} (use its IRI, or words of its title or file name); the store "
                      f"holds {len(every)}: {candidates(every)}")


def fetch_rows(store: Store, batch: list[Contract]) -> list[Row]:
    """The triples of these contract graphs whose predicate the shapes read, with term kinds."""
    q = text("internal/validation/shape-input", tables={"graphs": iris(c.graph for c in batch),
             "predicates": iris(sorted(relevant_predicates())), "classes": iris(sorted(relevant_classes()))})
    return [(r["s"] or "", r["p"] or "", r["o"] or "", r["iri"] == "true", r["dt"], r["lang"] or None)
            for r in store.query(q).rows]


def batched(items: list[Contract], size: int) -> Iterator[list[Contract]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def run_batches(row_batches: Iterable[list[Row]], workers: int) -> Iterator[list[Finding]]:
    if workers <= 1:
        yield from map(validate_rows, row_batches)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(validate_rows, row_batches)


def pyshacl_findings(store: Store, dpas: list[Contract], batch_size: int, workers: int | None) -> list[Finding]:
    batches = list(batched(dpas, max(1, batch_size)))
    workers = workers if workers is not None else min(len(batches), os.cpu_count() or 1)
    rows = (fetch_rows(store, b) for b in batches)
    return [f for findings in run_batches(rows, workers) for f in findings]


def sparql_findings(store: Store, dpas: list[Contract]) -> list[Finding]:
    """``UnsupportedShape`` when a shape cannot be compiled."""
    from contractkg.ontology.shacl_sparql import project_checks
    from contractkg.ontology.shacl_sparql_eval import evaluate

    checks = project_checks()
    return [Finding(r.focus, r.shape, r.severity, r.text) for r in evaluate(store, [c.graph for c in dpas], checks)]


def engine_findings(store: Store, dpas: list[Contract], engine: Engine = "auto", batch_size: int = 250,
                    workers: int | None = None) -> list[Finding]:
    """Every SHACL result of these DPAs, sorted by contract, severity, shape and value.

    ``UnsupportedShape`` when engine is "sparql" and a shape cannot be compiled."""
    from contractkg.ontology.shacl_sparql import UnsupportedShape

    if not dpas:
        return []
    if engine == "auto" and not isinstance(store, EmbeddedStore):
        engine = "pyshacl"  # Virtuoso 7 overflows its stack on the sub-processor and transfer checks
    found = None
    if engine in ("auto", "sparql"):
        try:
            found = sparql_findings(store, dpas)
        except UnsupportedShape as e:
            if engine == "sparql":
                raise
            log.warning("validating with pyshacl: %s", e)
    if found is None:
        found = pyshacl_findings(store, dpas, batch_size, workers)
    return sorted(found, key=lambda f: (f.contract, f.severity != "Violation", f.shape, f.value or ""))


def validate(store: Store, contract: str | None = None, *, batch_size: int = 250, workers: int | None = None,
             save: bool = True, engine: Engine = "auto") -> list[ContractReport]:
    """Validate every DPA (or the contracts matching ``contract``) and store one report graph each.

    Raises ``LookupError`` when ``contract`` matches nothing, ``UnsupportedShape`` when engine is
    "sparql" and a shape uses a component it does not compile. The benchmark calls this directly."""
    chosen = resolve(store, contract) if contract else dpas(store)
    if contract and not chosen:
        lookup(store, contract)  # raises, listing what the store holds
    by_contract: dict[str, ContractReport] = {c.iri: ContractReport(c) for c in chosen}
    for f in engine_findings(store, [c for c in chosen if c.dpa], engine, batch_size, workers):
        if f.contract in by_contract:
            by_contract[f.contract].results.append(f)
    reports = list(by_contract.values())
    subjects = describe(store, [f.value for r in reports for f in r.results if f.value])
    for r in reports:
        r.findings = dedupe(r.results, subjects)
        r.subjects = {f.value: subjects[f.value] for f in r.findings if f.value in subjects}
    if save:
        save_reports(store, [r for r in reports if r.contract.dpa])
    return reports


def report_quads(report: ContractReport, when: str) -> list[ox.Quad]:
    """The report as SHACL vocabulary, linked to its contract, with messages in every language."""
    g, c = ox.NamedNode(report.graph), report.contract.iri
    node = ox.NamedNode(c + REPORT_SUFFIX)
    quads: list[tuple[ox.NamedNode, str, ox.NamedNode | ox.Literal]] = [
             (node, RDF + "type", ox.NamedNode(SH + "ValidationReport")),
             (node, SH + "conforms", ox.Literal(str(report.conforms).lower(), datatype=ox.NamedNode(XSD + "boolean"))),
             (node, CKG + "reportFor", ox.NamedNode(c)),
             (node, PROV + "generatedAtTime", ox.Literal(when, datatype=ox.NamedNode(XSD + "dateTime")))]
    info = shape_info()
    for i, f in enumerate(report.findings):
        r = ox.NamedNode(f"{c}{REPORT_SUFFIX}/{i}")
        shape = info.get(f.shape)
        quads += [(node, SH + "result", r), (r, RDF + "type", ox.NamedNode(SH + "ValidationResult")),
                  (r, SH + "focusNode", ox.NamedNode(c)), (r, SH + "sourceShape", ox.NamedNode(f.shape)),
                  (r, SH + "resultSeverity", ox.NamedNode(SH + f.severity))]
        if path_of(f):
            quads.append((r, SH + "resultPath", ox.NamedNode(path_of(f))))
        if f.value and f.value.startswith(("http://", "https://")):
            quads.append((r, SH + "value", ox.NamedNode(f.value)))
        if shape:
            quads += [(r, SH + "resultMessage", ox.Literal(m, language=lang))
                      for lang, m in messages(f, report.subject(f)).items()]
            if shape.article:
                quads.append((r, CKG + "gdprPoint", ox.NamedNode(shape.article)))
            if shape.element:
                quads.append((r, CKG + "checksElement", ox.Literal(shape.element)))
    return [ox.Quad(s, ox.NamedNode(p), o, g) for s, p, o in quads]


def save_reports(store: Store, reports: list[ContractReport]) -> None:
    """Replace each report graph and register it under its contract's document (as Store.add_graphs
    does), SAVE_BATCH reports per update: one update per document cost more than the validation."""
    when = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    with store.writing():  # one write window for all reports
        for i in range(0, len(reports), SAVE_BATCH):
            batch = reports[i:i + SAVE_BATCH]
            blocks = [graph_block(r.graph, report_quads(r, when)) for r in batch]
            blocks.append(graph_block(REGISTRY, [ox.Triple(ox.NamedNode(r.contract.document), ox.NamedNode(HAS_GRAPH),
                                                           ox.NamedNode(r.graph)) for r in batch]))
            store.update(sequence([*drop_graphs(r.graph for r in batch), insert_data(blocks)]))


def as_json(reports: list[ContractReport], lang: str) -> dict[str, Any]:
    info = shape_info()
    items = []
    for r in reports:
        results = []
        for f in r.findings:
            s, subject = info.get(f.shape), r.subject(f)
            results.append({"severity": f.severity, "shape": f.shape, "element": s.element if s else None,
                            "article": s.article if s else None, "value": f.value, "path": path_of(f),
                            "about": subject.words() if subject else None,
                            "subject": asdict(subject) if subject else None,
                            "message": message(f, subject, lang)})
        items.append({"contract": r.contract.iri, "title": r.contract.title, "source": r.contract.source,
                      "dpa": r.contract.dpa,
                      "conforms": r.conforms, "violations": r.count("Violation"), "warnings": r.count("Warning"),
                      "report_graph": r.graph if r.contract.dpa else None, "results": results})
    return {"reports": items}


def table_rows(reports: list[ContractReport], lang: str) -> list[tuple[str, str, str, str, str]]:
    """(contract, severity, element, concerns, message) per finding, for people: the contract by title and
    file, what the finding concerns (a sub-processor, a transfer, else the element or property), the message
    in ``lang`` with names filled in. A DPA with no finding gets a 'conforms' row, another agreement a '-'."""
    info = shape_info()
    rows = []
    for r in reports:
        name = r.contract.name
        if not r.contract.dpa:
            rows.append((name, "-", "", "", "not a DPA: no shape applies"))
        elif not r.findings:
            rows.append((name, "conforms", "", "", ""))
        for f in r.findings:
            s, subject = info.get(f.shape), r.subject(f)
            element = (s.element if s else None) or ""
            concerns = subject.words() if subject else in_words(element or path_of(f).rsplit("#", 1)[-1])
            rows.append((name, f.severity, element, concerns, message(f, subject, lang)))
    return rows
