"""The headline figures (benchmarks/results/latest.json) and each target, met or missed."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"
LARGE_N = 10_000

QUERY_P50_MS = 200
RDFLIB_RATIO = 20
PAGE_S = 2.0
VALIDATION_S = 60
EXTRACT_ONE_S = 1.0
VERSION_S = 0.3
INGEST_PER_S = 50
PEAK_RSS_MB = 2048


def headline(figures: dict[str, Any]) -> dict[str, Any]:
    """The keys of latest.json, from the full figures; scale figures are those of the largest N measured."""
    out: dict[str, Any] = {}
    if "ingest" in figures:
        out["ingest_contracts_per_s"] = figures["ingest"]["contracts_per_s"]
        out["ingest_contracts"] = figures["ingest"]["contracts"]
        out["ingest_contracts_per_cpu_s"] = figures["ingest"].get("contracts_per_cpu_s")
    corpora = figures.get("corpora", {}).get("all", {})
    if "worst_ms_per_kb" in corpora:
        out["worst_ms_per_kb"] = corpora["worst_ms_per_kb"]
        out["median_ms_per_kb"] = corpora["median_ms_per_kb"]
    startup = figures.get("startup", {})
    if "min_s" in startup.get("extract_one", {}):
        out["cli_extract_one_s"] = startup["extract_one"]["min_s"]
    if "min_s" in startup.get("extract_one_without_bytecode", {}):  # every module compiled on each run
        out["cli_extract_one_without_bytecode_s"] = startup["extract_one_without_bytecode"]["min_s"]
    if "min_s" in startup.get("version", {}):
        out["cli_version_s"] = startup["version"]["min_s"]
    scale = figures.get("scale") or []
    for fig in scale:
        small = fig is not scale[-1]
        suffix = f"_{fig['n']}" if small else ""
        out[f"query_p50_ms{suffix}"] = {k: q.get("p50_ms") for k, q in fig.get("oxigraph", {}).items()}
        out[f"query_p95_ms{suffix}"] = {k: q.get("p95_ms") for k, q in fig.get("oxigraph", {}).items()}
        out[f"rdflib_ratio{suffix}"] = {k: r["ratio"] for k, r in fig.get("rdflib_ratio", {}).items()}
        out[f"rdflib_p50_ms{suffix}"] = {k: q.get("p50_ms") for k, q in fig.get("rdflib", {}).get("queries", {}).items()}
        if "validation_s" in fig and small:
            out[f"validation_s{suffix}"] = fig["validation_s"]
    if scale:
        big = scale[-1]
        out["scale_n"] = big["n"]  # the N of the headline scale figures (10,000 in a full run)
        out["query_timed_out_s"] = {k: q["timeout_s"] for k, q in big.get("oxigraph", {}).items()
                                    if q.get("timed_out") and not q.get("runs")}  # not one run finished
        out["scale_contracts"] = big.get("contracts")
        out["scale_quads"] = big.get("quads")
        out["rdflib_ratio_basis"] = big.get("rdflib_ratio_basis", "rdflib p50 / oxigraph p50, same store")
        out["rdflib_ratio_lower_bound"] = sorted(k for k, r in big.get("rdflib_ratio", {}).items() if r["lower_bound"])
        out["validation_s_10k"] = big.get("validation_s")
        if "rss" in big:
            rss = big["rss"]  # the benchmark process, its largest worker, the largest query process
            out["peak_rss_mb"] = max(rss.values())
            out["peak_rss_by_process_mb"] = rss
        plain = big.get("plain_pyshacl") or {}
        if plain:
            out["findings_identical"] = plain["findings_identical"]
            out["pyshacl_s_per_contract"] = plain["s_per_contract"]
            if big.get("validation_s") and big.get("validated_dpas") and plain["s_per_contract"]:
                ours = big["validation_s"] / big["validated_dpas"]
                out["pyshacl_ratio"] = round(plain["s_per_contract"] / ours, 1)
        pages = big.get("pages") or {}
        if "first" in pages:
            out["page_render_s"], out["page_render_again_s"] = pages["first"], pages["again"]
        elif pages:
            out["page_render_s"] = pages  # the error
        rd = big.get("rdflib", {})
        out["rdflib_errors"] = {k: q["error"] for k, q in rd.get("queries", {}).items() if q.get("error")}
        if "error" in rd:
            out["rdflib_errors"]["*"] = rd["error"]
        out["rdflib_rows_differ"] = {k: [q.get("rows"), rd["queries"][k]["rows"]] for k, q in big.get("oxigraph", {}).items()
                                     if k in rd.get("queries", {}) and rd["queries"][k]["runs"]
                                     and rd["queries"][k]["rows"] != q.get("rows")}
    return out


def _each(figs: object, ok: Callable[[Any], bool]) -> tuple[bool | None, list[str]]:
    if not isinstance(figs, dict) or not figs:
        return None, []
    bad = [f"{k}={v}" for k, v in figs.items() if not (isinstance(v, (int, float)) and ok(v))]
    return not bad, bad


def _detail(met: bool | None, bad: list[str]) -> str:
    return "not measured" if met is None else "all met" if met else "missed by " + ", ".join(bad)


def verdicts(h: dict[str, Any]) -> list[tuple[str, bool | None, str]]:
    """(target, met? (None: not measured), detail) for every target of issue 15."""
    def single(key: str, ok: Callable[[Any], bool]) -> tuple[bool | None, str]:
        v = h.get(key)
        return (None, "not measured") if v is None else (bool(ok(v)), f"{key}={v}")

    rows: list[tuple[str, bool | None, str]] = []
    at = f" (measured at N={h['scale_n']})" if h.get("scale_n") not in (None, LARGE_N) else ""
    slow = h.get("query_timed_out_s", {})
    met, bad = _each(h.get("query_p50_ms"), lambda v: v <= QUERY_P50_MS)
    bad = [f"{b.split('=')[0]}=>{slow[b.split('=')[0]]:.0f} s" if b.split("=")[0] in slow else b for b in bad]
    rows.append((f"every query p50 <= {QUERY_P50_MS} ms at 10k{at}", met, _detail(met, bad)))
    met, bad = _each(h.get("rdflib_ratio"), lambda v: v >= RDFLIB_RATIO)
    lower = f"; lower bounds (rdflib cut short): {', '.join(h['rdflib_ratio_lower_bound'])}" \
        if h.get("rdflib_ratio_lower_bound") else ""
    failed = f"; no ratio (rdflib failed): {', '.join(h['rdflib_errors'])}" if h.get("rdflib_errors") else ""
    rows.append((f"every query >= {RDFLIB_RATIO}x rdflib{at}", met, _detail(met, bad) + lower + failed))
    met, bad = _each(h.get("page_render_s"), lambda v: v <= PAGE_S)
    rows.append((f"every page <= {PAGE_S} s at 10k{at}", met, _detail(met, bad)))
    v, detail = single("validation_s_10k", lambda v: v <= VALIDATION_S)
    same = h.get("findings_identical")
    rows.append((f"validation of 10k <= {VALIDATION_S} s{at}", v, detail))
    rows.append(("findings identical to plain pyshacl", None if same is None else bool(same), f"findings_identical={same}"))
    rows.append((f"extract one small file <= {EXTRACT_ONE_S} s", *single("cli_extract_one_s", lambda v: v <= EXTRACT_ONE_S)))
    rows.append((f"version <= {VERSION_S} s", *single("cli_version_s", lambda v: v <= VERSION_S)))
    rows.append((f"ingest >= {INGEST_PER_S} contracts/s", *single("ingest_contracts_per_s", lambda v: v >= INGEST_PER_S)))
    rows.append((f"peak RSS <= {PEAK_RSS_MB} MB{at}", *single("peak_rss_mb", lambda v: v <= PEAK_RSS_MB)))
    return rows


def table(h: dict[str, Any]) -> list[str]:
    """One line per named query (figures at the largest N, then at the smaller ones), then the pages."""
    p50 = h.get("query_p50_ms") or {}
    smaller = sorted(int(k.rsplit("_", 1)[1]) for k in h if k.startswith("query_p50_ms_"))
    lines = [f"{'query':32} {'p50 ms':>9} {'p95 ms':>9} {'rdflib ms':>10} {'ratio':>7}"
             + "".join(f" {'p50@' + str(n):>9}" for n in smaller)]
    for name in p50:
        row = [h.get(k, {}).get(name) for k in ("query_p50_ms", "query_p95_ms", "rdflib_p50_ms", "rdflib_ratio")]
        row += [h.get(f"query_p50_ms_{n}", {}).get(name) for n in smaller]
        cells = ["-" if v is None else str(v) for v in row]
        if name in h.get("query_timed_out_s", {}):
            cells[0] = cells[1] = f">{h['query_timed_out_s'][name] * 1000:.0f}"
        if name in h.get("rdflib_ratio_lower_bound", []):
            cells[3] = ">" + cells[3]
        lines.append(f"{name:32} {cells[0]:>9} {cells[1]:>9} {cells[2]:>10} {cells[3]:>7}"
                     + "".join(f" {c:>9}" for c in cells[4:]))
    for visit in ("page_render_s", "page_render_again_s"):
        if isinstance(h.get(visit), dict):
            lines.append(f"{visit}: " + ", ".join(f"{k} {v}" for k, v in h[visit].items()))
    return lines


def report(h: dict[str, Any]) -> list[str]:
    mark = {True: "MET   ", False: "MISSED", None: "------"}
    return table(h) + [f"{mark[met]} {target}: {detail}" for target, met, detail in verdicts(h)]


def write_latest(h: dict[str, Any], path: Path | None = None) -> Path:
    path = path or RESULTS / "latest.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(h, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    tmp.replace(path)  # never a half-written file
    return path
