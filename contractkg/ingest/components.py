"""Extractors as declared components, in the manner of a spaCy pipeline.

Each component names the values it requires and the values it provides, and has one call signature:
``run(agreement, given) -> provided``, where ``given`` holds exactly the values it requires. A component
may also return ``"evidence"``: field name -> character span(s); the runner gathers those into the
record's evidence. The runner orders the components so that every requirement is provided first, and
refuses a registry in which a requirement has no provider, two components provide one value, or the
requirements go round in a circle.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from contractkg.ingest.document import Agreement

EVIDENCE = "evidence"
# What the runner knows before any component runs: the agreement's own facts (its title is a first
# guess, which the metadata component settles).
GIVEN = ("source", "line", "starts_with", "kind", "language", "span", "part_of", EVIDENCE)

Run = Callable[[Agreement, Mapping[str, Any]], dict[str, Any]]


@dataclass(frozen=True)
class Component:
    name: str
    requires: tuple[str, ...]
    provides: tuple[str, ...]  # record fields and values for later components (see ``internal``)
    run: Run
    internal: tuple[str, ...] = ()  # provided for other components only, never part of the record
    doc: str = ""


class RegistryError(ValueError):
    """The components cannot be run: a requirement has no provider, a value two providers, or a cycle."""


def order(components: Iterable[Component]) -> tuple[Component, ...]:
    """The components in an order that satisfies every requirement; among those ready, the one
    registered first goes first, so the record's field order is stable."""
    pending = list(components)
    providers: dict[str, str] = {}
    for c in pending:
        for value in (*c.provides, *c.internal):
            if value in providers or value in GIVEN:
                raise RegistryError(f"{value!r} is provided by both {providers.get(value, 'the agreement')} "
                                    f"and {c.name}")
            providers[value] = c.name
    for c in pending:
        missing = [r for r in c.requires if r not in providers and r not in GIVEN]
        if missing:
            raise RegistryError(f"component {c.name} requires {', '.join(missing)}, which nothing provides")
    known, ordered = set(GIVEN), []
    while pending:
        ready = next((c for c in pending if set(c.requires) <= known), None)
        if ready is None:
            raise RegistryError("the requirements of " + ", ".join(c.name for c in pending) + " form a cycle")
        pending.remove(ready)
        ordered.append(ready)
        known |= {*ready.provides, *ready.internal}
    return tuple(ordered)


def run(ag: Agreement, ordered: tuple[Component, ...], record: dict[str, Any]) -> dict[str, Any]:
    """Run ``ordered`` over ``ag``, filling ``record`` (which holds the GIVEN values) in place."""
    values: dict[str, Any] = dict(record)
    evidence: dict[str, Any] = record[EVIDENCE]
    for c in ordered:
        given = {r: values[r] for r in c.requires}
        out = c.run(ag, given)
        unknown = set(out) - {*c.provides, *c.internal, EVIDENCE}
        if unknown:
            raise RegistryError(f"component {c.name} returned undeclared values: {', '.join(sorted(unknown))}")
        evidence.update(out.pop(EVIDENCE, None) or {})
        values.update(out)
        record.update((k, v) for k, v in out.items() if k not in c.internal)
    return record


@dataclass(frozen=True)
class BatchStep:
    """A cross-file step over the contracts of one batch (a sub-processor list in its own file joins its
    DPA; language versions of one text are marked), declared like a component."""

    name: str
    requires: tuple[str, ...]
    provides: tuple[str, ...]
    run: Callable[[list[Any]], list[Any]]
    doc: str = ""


def run_batch(contracts: list[Any], steps: Iterable[BatchStep]) -> list[Any]:
    for step in steps:
        contracts = step.run(contracts)
    return contracts
