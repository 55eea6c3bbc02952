"""The SPARQL Update operations that carry data rather than patterns: INSERT DATA of ground quads
and DROP of named graphs. Every term is serialised by pyoxigraph (never pasted), so they are built
here, next to the loader; updates with patterns are .rq files (``internal/store/forget-document``)."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from contractkg.namespaces import sparql_prefixes


def ntriple(t: ox.Quad | ox.Triple) -> str:
    return f"{t.subject} {t.predicate} {t.object} ."


def graph_blocks(quads: Iterable[ox.Quad]) -> list[str]:
    """`GRAPH <g> { ... }` blocks for INSERT DATA, one per graph of the quads."""
    by_graph: dict[str, list[str]] = {}
    for q in quads:
        by_graph.setdefault(str(q.graph_name), []).append(ntriple(q))
    return [f"GRAPH {g} {{\n" + "\n".join(lines) + "\n}" for g, lines in by_graph.items()]


def graph_block(graph: str, statements: Iterable[ox.Quad | ox.Triple]) -> str:
    """One `GRAPH <g> { ... }` block of these statements (their own graph, if any, is not read)."""
    return f"GRAPH {ox.NamedNode(graph)} {{\n" + "\n".join(ntriple(t) for t in statements) + "\n}"


def insert_data(blocks: Iterable[str]) -> str:
    """One INSERT DATA of graph blocks (from graph_blocks); empty when there is nothing to insert."""
    body = list(blocks)
    return "INSERT DATA {\n" + "\n".join(body) + "\n}" if body else ""


def drop_graphs(graphs: Iterable[str]) -> list[str]:
    """A DROP SILENT GRAPH operation per graph IRI."""
    return [f"DROP SILENT GRAPH {ox.NamedNode(g)}" for g in graphs]


def sequence(operations: Iterable[str]) -> str:
    """Several operations as one request (one transaction), after one prologue: the operations come
    without their own (``text(..., prefixes=False)``), as a prologue after ';' is not read everywhere."""
    ops = [op for op in operations if op]
    return sparql_prefixes() + " ;\n".join(ops) if ops else ""
