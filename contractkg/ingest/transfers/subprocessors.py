"""Sub-processors (from tables and lists), their transfer safeguards, and transfer records.

Tables come from ``Agreement.tables`` when the segmenter found them, else from a line-based
reading of the text under a sub-processor table header (see ``subprocessor_rows``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from contractkg.ingest import pattern_cache
from contractkg.ingest.components import Component
from contractkg.ingest.document import Agreement
from contractkg.ingest.lexicon import alternation, lexicon
from contractkg.ingest.structure.table_cells import column_types
from contractkg.ingest.transfers import transfers
from contractkg.ingest.transfers.lists import list_rows, named_groups
from contractkg.ingest.transfers.names import TOPIC
from contractkg.ingest.transfers.places import address_country, place_of
from contractkg.ingest.transfers.prose import engaged_rows, prose_rows
from contractkg.ingest.transfers.rows import (
    _SPLIT,
    Row,
    countries_in,
    legal_form_pattern,
    parse_row,
    plain,
)

_URL = re.compile(r"https?://[^\s<>\"')\]]+|www\.[^\s<>\"')\]]+")
_RULE = re.compile(r"^[\s|:\-–—]+$")
_DIGITS = re.compile(r"\d{3,}")
# words saying where a list can be read ("available at", "disponível em", "beschikbaar op", "raadpleegbaar")
_LISTED = pattern_cache.compile(r"(?i)\b(?:" + alternation("safeguards", "list_available_words") + r")")


def _fold(s: str) -> str:
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()


def _words(words: list[str], start_only: bool = True) -> re.Pattern[str]:
    alts = sorted({re.escape(_fold(w)).replace(r"\ ", r"\s*") for w in words}, key=lambda w: (-len(w), w))
    return pattern_cache.compile((r"(?<![a-z])" if start_only else "") + "(?:" + "|".join(alts) + ")")


@lru_cache(maxsize=1)
def _lex() -> dict[str, Any]:
    lex = lexicon("safeguards")
    tab = lex["subprocessor_table"]
    return {
        "safeguards": [(k, _words(v)) for k, v in lex["safeguards"].items()],
        "measures": [(k, _words(v)) for k, v in lex["measures"].items()],
        "no_transfer": _words(lex["no_transfer"]),
        "name": _words(tab["name_columns"]),
        "other": {g: _words(tab[g]) for g in
                  ("service_columns", "processing_location_columns", "seat_columns", "safeguard_columns")},
        # headers whose cells lost their separators ("NOMSERVICELOCALISATION"): any position
        "other_glued": {g: _words(tab[g], start_only=False) for g in
                        ("service_columns", "processing_location_columns", "seat_columns", "safeguard_columns")},
        "titles": _words(tab["titles"]),
    }


def header_kind(line: str) -> dict[str, int] | None:
    """Column groups a table header line names (offset of each in the folded line), or None."""
    if len(line) > 400 or (line.rstrip().endswith((".", ";", ":")) and "|" not in line):
        return None  # prose (the cheap tests first: this runs on every line)
    if len(line.split()) > 40 or _DIGITS.search(line):
        return None  # prose, or a row with a street number or postcode
    f = _fold(line)
    m = _lex()["name"].search(f)
    if not m or m.start() > 40:
        return None
    letters = [c for c in line if c.isalpha()]
    caps = letters and sum(c.isupper() for c in letters) > 0.8 * len(letters)
    other = _lex()["other_glued" if caps else "other"]
    groups = {g: x.start() for g, p in other.items() if (x := p.search(f, m.end()))}
    if not groups:
        return None
    groups["name"] = m.start()
    return groups


def safeguard_of(text: str) -> str | None:
    """The transfer safeguard a row or clause states, by lexicon precedence."""
    f = _fold(text)
    for name, pat in _lex()["safeguards"]:
        if pat.search(f):
            return name
    return None


def states_no_transfer(text: str) -> bool:
    """The row says nothing leaves the EEA ("No transfer", "keine Übermittlung")."""
    return bool(_lex()["no_transfer"].search(_fold(text)))


def measures_of(text: str) -> list[str]:
    f = _fold(text)
    return [name for name, pat in _lex()["measures"] if pat.search(f)]


def _table_rows(ag: Agreement) -> list[tuple[dict[str, int], Row]]:
    """Rows of sub-processor tables the segmenter found (cells already split)."""
    out = []
    for t in ag.tables:
        hk = header_kind(" | ".join(plain(h) for h in t.header)) if t.header else None
        if not hk:
            continue
        processing = "processing_location_columns" in hk
        types = column_types(t.header)
        # the name column first ("Purpose | Sub-processor | Location" rows start with the purpose)
        first = types.index("name") if "name" in types else 0
        for i, cells in enumerate(t.rows):
            s, e = t.row_spans[i] if i < len(t.row_spans) else (t.start, t.end)
            cells = [plain(c) for c in cells]
            if first < len(cells):
                cells = [cells[first]] + cells[:first] + cells[first + 1 :]
            header = [t.header[first]] + t.header[:first] + t.header[first + 1 :] if first < len(t.header) else t.header
            if cells and cells[0].strip():
                row = parse_row(" | ".join(cells), s, processing, cells=list(cells))
                row.start, row.end = s, e  # the row as written, whatever separated its cells
                out.append((hk, _typed_cells(row, header, cells)))
    return out


def _typed_cells(row: Row, header: list[str], cells: list[str]) -> Row:
    """Service and place from the columns the header names: a processing-location column wins,
    a country column ("DE", "EU", "Ireland") fills a country the row text did not give."""
    for j, (h, kind) in enumerate(zip(header, column_types(header), strict=False)):
        if not 0 < j < len(cells) or not cells[j].strip():
            continue
        if _lex()["other"]["processing_location_columns"].search(_fold(h)):
            row.country = place_of(cells[j]) or row.country
        elif kind == "country" and not row.country:
            row.country = place_of(cells[j])
        elif kind == "service" and not _lex()["other"]["safeguard_columns"].search(_fold(h)):
            row.service = cells[j][:120]
    return row


def _text_rows(ag: Agreement) -> list[tuple[dict[str, int], Row]]:
    """Rows read line by line under each sub-processor table header in the agreement text."""
    text = ag.text
    lines, pos = [], 0
    for raw in text.split("\n"):
        lines.append((pos, pos + len(raw)))
        pos += len(raw) + 1
    out: list[tuple[dict[str, int], Row]] = []
    i = 0
    while i < len(lines):
        s, e = lines[i]
        hk = header_kind(text[s:e]) if e > s else None
        if not hk:
            i += 1
            continue
        pipe = "|" in text[s:e]
        location_col = _location_column(text[s:e])
        header_cells = len([c for c in _SPLIT.split(text[s:e].strip("| ")) if c.strip()]) if _SPLIT.search(text[s:e]) else 0
        group: list[tuple[int, int]] = []
        i += 1
        started = False
        while i < len(lines):
            ls, le = lines[i]
            line = text[ls:le]
            if not line.strip():
                if started:
                    break
                i += 1
                continue
            if _RULE.match(line):
                i += 1
                continue
            if (pipe and "|" not in line) or header_kind(line):
                break
            started = True
            cells = len([c for c in _SPLIT.split(line.strip("| ")) if c.strip()]) if header_cells >= 2 else 0
            has_country = bool(countries_in(line)) or (pipe and line.count("|") >= 2) or cells >= 2
            if group and _looks_like_new_row(line) and not has_country and _group_has_country(text, group):
                group = []
            group.append((ls, le))
            if has_country:
                gs, ge = group[0][0], group[-1][1]
                row = parse_row(plain(text[gs:ge]), ag.start + gs, "processing_location_columns" in hk)
                row.end = ag.start + ge
                if location_col is not None and location_col < len(row.cells):
                    row.country = place_of(row.cells[location_col]) or row.country
                out.append((hk, row))
                group = []
            i += 1
    return out


def _location_column(header: str) -> int | None:
    """Index of the processing-location column of a header whose cells are separated."""
    if not _SPLIT.search(header):
        return None
    cells = [c for c in (c.strip() for c in _SPLIT.split(header.strip("| "))) if c]
    pat = _lex()["other"]["processing_location_columns"]
    return next((j for j, c in enumerate(cells) if pat.search(_fold(c))), None)


def _looks_like_new_row(line: str) -> bool:
    return bool(legal_form_pattern().search(line[:80]))


def _group_has_country(text: str, group: list[tuple[int, int]]) -> bool:
    return any(countries_in(text[s:e]) for s, e in group)


def _key(name: str) -> str:
    f = _fold(name)
    f = re.sub(r"\b(inc|llc|ltd|limited|gmbh|ag|sas|sa|sarl|srl|spa|bv|nv|plc|corp|corporation|co|se)\b", " ", f)
    return re.sub(r"[^a-z0-9]+", "", f)


def extract(ag: Agreement, given: Mapping[str, Any]) -> dict[str, Any]:
    rows = _table_rows(ag) or _text_rows(ag) or [({"name": 0}, r) for r in list_rows(ag) + prose_rows(ag) + named_groups(ag) + engaged_rows(ag)]
    subs: list[dict[str, Any]] = []
    by_key: dict[str, dict[str, Any]] = {}
    # the vendor and the customer are no sub-processors of their own agreement
    parties = {_key(p["name"]) for p in given.get("parties") or [] if p.get("name")}
    for hk, row in rows:
        # a site ("vendor.example") is the party whose name its first label is
        if not row.name or len(row.name) < 2 or _key(row.name) in parties or (
                " " not in row.name and "." in row.name and _key(row.name.split(".")[0]) in parties):
            continue
        processing = "processing_location_columns" in hk
        k = _key(row.name)
        if k in by_key:  # a second table about the same sub-processors (seats, contacts)
            sp = by_key[k]
            if row.country and not processing and not sp.get("seat_country"):
                sp["seat_country"] = row.country
                sp["address"] = sp.get("address") or row.address
            continue
        sp = _record(row, processing)
        if sp["safeguard"] == "unspecified":
            sp["safeguard"] = _named_safeguard(ag.text, row.name) or "unspecified"
        by_key[k] = sp
        subs.append(sp)
    out: dict[str, Any] = {"subprocessors": subs}
    url = list_url(ag)
    if url:
        out["subprocessor_list_url"] = url[0]
        out["evidence"] = {"subprocessor_list_url": url[1]}
    exporter = _exporter_country(given)
    out["transfers"] = transfers.build({"subprocessors": subs}, ag.text, exporter)
    return out


COMPONENT = Component("subprocessors", requires=("parties", "roles"),
                      provides=("subprocessors", "subprocessor_list_url", "transfers"), run=extract,
                      doc="sub-processors from tables, lists and prose; their safeguards; international transfers")


def _record(row: Row, processing: bool) -> dict[str, Any]:
    country = row.country or address_country(row.address or row.rest[:160])
    stated = safeguard_of(row.after_country) or safeguard_of(row.rest)
    # a mechanism the list states wins, even for an EEA recipient ("SCCs where applicable"); "no
    # transfer" settles it only where no country says otherwise
    if stated:
        safeguard = stated
    elif (country and transfers.in_eea(country)) or (not country and states_no_transfer(row.rest)):
        safeguard = "none"
    else:
        safeguard = "unspecified"
    return {
        "name": row.name,
        "address": row.address if not processing else None,
        "country": country,
        "seat_country": None if processing else country,
        "processing_country": country if processing else None,
        "service": row.service,
        "safeguard": safeguard,
        "measures": measures_of(row.rest),
        "evidence": [row.start, row.end],
    }


def _named_safeguard(text: str, name: str) -> str | None:
    """A safeguard stated in a sentence that names the sub-processor ("transfers to X Inc. rely on the DPF")."""
    for m in re.finditer(re.escape(name), text):
        ss = max(text.rfind(". ", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
        se = min(x for x in (text.find(". ", m.end()), text.find("\n", m.end()), len(text)) if x != -1)
        if se - ss < 400:
            found = safeguard_of(text[ss:se])
            if found:
                return found
    return None


def list_url(ag: Agreement) -> tuple[str, list[int]] | None:
    """A URL given for the (current) sub-processor list, with its span."""
    topic = TOPIC
    listed = _LISTED
    for m in _URL.finditer(ag.text):
        window = ag.text[max(0, m.start() - 300, ag.text.rfind("\n", 0, m.start()) + 1) : m.start()]
        if topic.search(m.group(0)) or (topic.search(window) and listed.search(window)):
            url = m.group(0).rstrip(".,;")
            return url, [ag.start + m.start(), ag.start + m.start() + len(url)]
    return None


def _exporter_country(given: Mapping[str, Any]) -> str | None:
    roles = given.get("roles") or {}
    parties = given.get("parties") or []
    # data reach a sub-processor from the processor engaging it; the controller's seat as a fallback
    for role in ("processor", "provider", "data_exporter", "controller", "customer"):
        i = roles.get(role)
        if isinstance(i, int) and i < len(parties) and parties[i].get("country"):
            return parties[i]["country"]
    return None
