"""The compiled SHACL checks (shacl_sparql) run over the contract graphs of a store: their results."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import rdflib

from contractkg.ontology.shacl import ResultKey, value_text
from contractkg.ontology.shacl_sparql import Check, project_checks
from contractkg.store import Store


@dataclass(frozen=True)
class Result:
    """One SHACL validation result, as plain strings (the value as N-Triples, so literals keep their type)."""

    graph: str
    focus: str
    path: str
    shape: str
    severity: str
    value: str | None  # N-Triples term; None when the result has no sh:value
    text: str | None  # the value as the store gives it (IRI, or a literal's lexical form); None for a blank node

    def key(self) -> ResultKey:
        return self.focus, self.path, self.shape, self.severity, self.value


MARK = "# compiled constraint"
LISTED_GRAPHS = 50  # more graphs than this: query all, keep these


def check_query(check: Check, graphs: list[str] | None) -> str:
    """The check's query over these graphs, or every graph (None: a long VALUES list costs more than
    evaluating the graphs the caller did not ask for)."""
    from contractkg.queries import load

    rows = load.iris(graphs) if graphs is not None else [(None,)]
    text = load.text("internal/validation/shape-check", tables={"graphs": rows, "classes": load.iris(check.classes)})
    if MARK not in text:
        raise RuntimeError(f"internal/validation/shape-check.rq lost its '{MARK}' line")
    return text.replace(MARK, check.pattern)


def as_term(value: str, literal: bool, dt: str | None, lang: str | None) -> str:
    if not literal:
        return value if value.startswith("_:") else f"<{value}>"
    lit = rdflib.Literal(value, lang=lang) if lang else rdflib.Literal(value, datatype=rdflib.URIRef(dt) if dt else None)
    return value_text(lit) or ""


def evaluate(store: Store, graphs: list[str], checks: tuple[Check, ...] | None = None,
             threads: int | None = None) -> list[Result]:
    """The results of every check over these contract graphs, in the store. The checks run in
    ``threads`` threads (default: one per core): Oxigraph evaluates without holding the GIL."""
    wanted = set(graphs)
    scope = graphs if len(graphs) <= LISTED_GRAPHS else None
    todo = project_checks() if checks is None else checks
    if not todo:
        return []
    store.query(check_query(todo[0], []))  # no graph: opens the store's reader before the threads share it
    with ThreadPoolExecutor(max_workers=threads or os.cpu_count() or 1) as pool:
        answers = list(pool.map(lambda c: store.query(check_query(c, scope)).rows, todo))
    out = []
    for check, rows in zip(todo, answers, strict=True):
        for r in rows:
            value = r["value"]
            if r["g"] not in wanted:
                continue
            nt = None if value is None else as_term(value, r["literal"] == "true", r["dt"], r["lang"])
            out.append(Result(r["g"] or "", r["focus"] or "", check.path, check.shape, check.severity, nt,
                              None if value is None or value.startswith("_:") else value))
    return out
