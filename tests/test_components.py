"""The component runner: ordering by requirements, and refusal of registries that cannot run."""

from __future__ import annotations

import pytest

from contractkg.ingest import components
from contractkg.ingest.components import Component, RegistryError
from contractkg.ingest.document import Agreement, Document
from contractkg.ingest.extract import PIPELINE, REGISTRY


def comp(name: str, requires: tuple[str, ...] = (), provides: tuple[str, ...] = (), out: dict | None = None,
         internal: tuple[str, ...] = ()) -> Component:
    return Component(name, requires, provides, run=lambda ag, given: dict(out or {p: name for p in provides}),
                     internal=internal)


def test_a_component_runs_after_what_it_requires() -> None:
    late = comp("late", requires=("x",), provides=("y",))
    early = comp("early", provides=("x",))
    assert [c.name for c in components.order((late, early))] == ["early", "late"]


def test_registration_order_is_kept_among_ready_components() -> None:
    a, b, c = comp("a", provides=("a",)), comp("b", provides=("b",)), comp("c", provides=("c",))
    assert [x.name for x in components.order((b, c, a))] == ["b", "c", "a"]


@pytest.mark.parametrize(("registry", "message"), [
    ((comp("a", requires=("nowhere",), provides=("a",)),), "requires nowhere"),
    ((comp("a", provides=("x",)), comp("b", provides=("x",))), "provided by both"),
    ((comp("a", requires=("b",), provides=("a",)), comp("b", requires=("a",), provides=("b",))), "cycle"),
    ((comp("a", provides=("kind",)),), "provided by both"),
])
def test_a_registry_that_cannot_run_is_refused(registry: tuple[Component, ...], message: str) -> None:
    with pytest.raises(RegistryError, match=message):
        components.order(registry)


def test_values_reach_later_components_and_internal_ones_stay_out_of_the_record() -> None:
    seen = {}

    def uses(ag: Agreement, given: dict) -> dict:
        seen.update(given)
        return {"shown": given["hidden"] + 1, "evidence": {"shown": [0, 1]}}

    first = comp("first", provides=(), internal=("hidden",), out={"hidden": 41})
    second = Component("second", ("hidden",), ("shown",), run=uses)
    ag = Agreement(doc=Document(source="t.txt", text="x"), start=0, end=1)
    record = components.run(ag, components.order((second, first)), {"evidence": {}})
    assert seen == {"hidden": 41}
    assert record == {"evidence": {"shown": [0, 1]}, "shown": 42}


def test_an_undeclared_value_is_an_error() -> None:
    sneaky = comp("sneaky", provides=("a",), out={"a": 1, "b": 2})
    ag = Agreement(doc=Document(source="t.txt", text="x"), start=0, end=1)
    with pytest.raises(RegistryError, match="undeclared values: b"):
        components.run(ag, components.order((sneaky,)), {"evidence": {}})


def test_the_real_registry_runs_in_field_order() -> None:
    assert [c.name for c in PIPELINE] == [c.name for c in REGISTRY]
    assert {"parties", "obligations", "art28"} <= {c.name for c in PIPELINE}
