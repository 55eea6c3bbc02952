"""The overview's data at any store size: DPAs ranked by their Art. 28 gaps, read one page at a time.

The ranking needs only the gap rows (ckg:lacksElement and validation results: one row per gap) and a
count of DPAs; a page then reads the labels and clause coverage of its own DPAs. Nothing reads a row
per DPA and element of the whole store."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from contractkg.app import data, labels, sparql, vocab
from contractkg.app.heatmap import ELEMENTS, Heatmap, build, element_key

Select = Callable[[str], list[dict[str, Any]]]


def contract_label(row: dict[str, Any]) -> str:
    name = labels.contract_name(row.get("title"), row.get("file"))
    return f"{data.short(name, 40)} (line {row.get('line') or '?'})"


def gap_rows(select: Select) -> list[dict[str, Any]]:
    """The findings that make a cell a gap (warnings are not gaps), each with its element key."""
    shapes = vocab.shape_elements()
    out = []
    for r in select(sparql.VIOLATIONS):
        if vocab.local(r.get("severity")) not in ("", "Violation"):
            continue
        key = element_key(r.get("element") or shapes.get(r.get("shape") or ""))
        if key:
            out.append(dict(r, element=key))
    return out


@dataclass
class Ranking:
    total: int  # DPAs in the store (newest versions)
    gapped: list[str]  # the DPAs with a gap: most gaps first, then by IRI
    gaps: dict[str, set[str]] = field(default_factory=dict)  # DPA -> element keys it lacks

    def gap_count(self) -> int:
        return sum(map(len, self.gaps.values()))


def ranking(select: Select) -> Ranking:
    total = int((select(sparql.DPA_COUNT) or [{}])[0].get("dpas") or 0)
    gaps: dict[str, set[str]] = {}
    for r in gap_rows(select):
        gaps.setdefault(r["contract"], set()).add(r["element"])
    return Ranking(total, sorted(gaps, key=lambda c: (-len(gaps[c]), c)), gaps)


def page_contracts(select: Select, rank: Ranking, page: int, size: int) -> list[str]:
    """The DPAs of one page (1-based): those with gaps first; the pages after them list the DPAs with
    none (read only when such a page is asked for)."""
    start = (page - 1) * size
    shown = rank.gapped[start:start + size]
    if len(shown) < size and start + len(shown) < rank.total:
        clean = [r["contract"] for r in select(sparql.DPA_LIST) if r["contract"] not in rank.gaps]
        skip = max(0, start - len(rank.gapped))
        shown += clean[skip:skip + size - len(shown)]
    return shown


def labels_of(select: Select, contracts: Iterable[str]) -> dict[str, str]:
    """Contract IRI -> its row label (title or file, start line)."""
    wanted = list(dict.fromkeys(contracts))
    found = {r["contract"]: contract_label(r) for r in select(sparql.contract_labels(wanted))} if wanted else {}
    return {c: found.get(c) or c.rsplit("/", 1)[-1] for c in wanted}


def heatmap(select: Select = data.rows, contracts: list[str] | None = None) -> Heatmap:
    """The heatmap of these DPAs (default: every DPA in the store); ``select`` runs a SELECT with the
    project prefixes."""
    if contracts is None:
        contracts = [r["contract"] for r in select(sparql.DPA_LIST)]
    names = labels_of(select, contracts)
    dpas = [{"contract": c, "label": names[c]} for c in contracts]
    wanted = set(contracts)
    violations = [r for r in gap_rows(select) if r["contract"] in wanted]
    coverage = select(sparql.coverage_of(contracts)) if contracts else []
    return build(dpas, coverage, violations)


def missing_rows(select: Select, rank: Ranking, most: int | None = None) -> tuple[list[dict[str, Any]], int]:
    """One row per Art. 28 element and DPA that lacks it, the most often missing element first (at most
    ``most`` rows: only theirs are labelled), and how many rows there are in all."""
    lacking = {e: sorted(c for c, gaps in rank.gaps.items() if e in gaps) for e in ELEMENTS}
    pairs = [(e, len(cs), c) for e, cs in sorted(lacking.items(), key=lambda kv: -len(kv[1])) for c in cs]
    shown = pairs if most is None else pairs[:most]
    names = labels_of(select, [c for _, _, c in shown])
    return [{"element": e, "contracts lacking it": n, "contract": names[c], "contract_iri": c}
            for e, n, c in shown], len(pairs)
