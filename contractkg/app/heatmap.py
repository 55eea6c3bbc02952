"""Contracts x GDPR Art. 28 elements: which clause stipulates each element, which are gaps."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd

LABELS = {
    "subject_matter": "Subject matter (28(3))",
    "duration": "Duration (28(3))",
    "nature_purpose": "Nature & purpose (28(3))",
    "data_types": "Types of data (28(3))",
    "data_subject_categories": "Data subjects (28(3))",
    "controller_rights_obligations": "Controller rights (28(3))",
    "instructions": "Instructions (28(3)(a))",
    "confidentiality": "Confidentiality (28(3)(b))",
    "security": "Security (28(3)(c))",
    "subprocessors": "Sub-processors (28(3)(d))",
    "data_subject_rights": "Data subject rights (28(3)(e))",
    "assistance_32_36": "Assistance 32-36 (28(3)(f))",
    "deletion_return": "Deletion/return (28(3)(g))",
    "audits": "Audits (28(3)(h))",
    "infringing_instruction_notice": "Unlawful instruction notice",
}
# The elements in the extractor's order (contractkg.ingest.obligations.art28.ELEMENTS, which a test
# compares): importing the extractor would load the whole extraction pipeline into every page.
ELEMENTS = tuple(LABELS)
FOUND, GAP = 1, 0


@dataclass
class Cell:
    contract: str
    element: str
    clauses: list[str] = field(default_factory=list)  # clause numbers that stipulate it
    clause_iris: list[str] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)  # validation messages

    @property
    def gap(self) -> bool:
        return bool(self.violations) or not self.clauses


@dataclass
class Heatmap:
    contracts: list[str]  # contract IRIs, row order
    labels: dict[str, str]  # contract IRI -> row label
    cells: dict[tuple[str, str], Cell]

    def matrix(self) -> pd.DataFrame:
        """FOUND / GAP per contract (rows) and element (columns)."""
        data = [[GAP if self.cells[(c, e)].gap else FOUND for e in ELEMENTS] for c in self.contracts]
        return pd.DataFrame(data, index=self.contracts, columns=ELEMENTS)

    def gaps(self) -> dict[str, set[str]]:
        return {c: {e for e in ELEMENTS if self.cells[(c, e)].gap} for c in self.contracts}

    def cell(self, contract: str, element: str) -> Cell:
        return self.cells[(contract, element)]


def element_key(value: str | None) -> str | None:
    """An element named by IRI or key (`ckg:...#data_subject_categories`, `DataSubjectCategories`)."""
    if not value:
        return None
    from contractkg.app.vocab import schema_keys

    if value in schema_keys():
        return schema_keys()[value]
    if value in ELEMENTS:
        return value
    local = value.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    snake = "".join("_" + ch.lower() if ch.isupper() else ch for ch in local).lstrip("_").replace("-", "_")
    for key in ELEMENTS:
        if snake == key or snake.replace("_", "") == key.replace("_", ""):
            return key
    return None


def build(contracts: Iterable[Mapping[str, str | None]], stipulations: Iterable[Mapping[str, str | None]],
          violations: Iterable[Mapping[str, str | None]]) -> Heatmap:
    """contracts: {contract, label}; stipulations: {contract, element, clause, clause_iri};
    violations: {contract, element, message}. Unknown elements are ignored."""
    order: list[str] = []
    labels: dict[str, str] = {}
    for row in contracts:
        c = row["contract"]
        if c and c not in labels:
            order.append(c)
            labels[c] = row.get("label") or c.rsplit("/", 1)[-1]
    cells = {(c, e): Cell(c, e) for c in order for e in ELEMENTS}
    for row in stipulations:
        key = (row.get("contract"), element_key(row.get("element")))
        if key in cells:
            cell = cells[key]  # several clause numbers x clauses come as their product: each once
            number = row.get("clause") or "(unnumbered)"
            if number not in cell.clauses:
                cell.clauses.append(number)
            if row.get("clause_iri") and str(row["clause_iri"]) not in cell.clause_iris:
                cell.clause_iris.append(str(row["clause_iri"]))
    for row in violations:
        key = (row.get("contract"), element_key(row.get("element")))
        if key in cells:
            cells[key].violations.append(row.get("message") or "missing")
    return Heatmap(order, labels, cells)
