"""Parties in Markdown tables: a row per party ("| Processor | Acme GmbH, Hauptstr. 1 |") or a column
per party under a role header ("| | Controller | Processor |" over "| Name | ____ | Acme GmbH |")."""

from __future__ import annotations

import re
from typing import Any

from contractkg.ingest.document import Agreement
from contractkg.ingest.lexical.countries import address_country, find_countries
from contractkg.ingest.parties.blocks import _field_res, _label_role, _read_value, _subprocessor_re, _unnamed
from contractkg.ingest.parties.roles import side_of, side_of_role

_ROW = re.compile(r"^[ \t]*\|[^\n]*\|[ \t]*$", re.MULTILINE)
_CELL = re.compile(r"(?<=\|)([^|\n]*)(?=\|)")
_RULE = re.compile(r"^[\s|:]*-[\s|:\-]*$")

Cell = tuple[int, int]  # offsets of a cell's text


def table_parties(ag: Agreement) -> list[dict[str, Any]]:
    text = ag.doc.text
    out: list[dict[str, Any]] = []
    for table in _tables(text, ag.start, ag.end):
        if _subprocessor_re().search(text, max(0, table[0][0][0] - 600), table[0][0][0]):
            continue  # a list of sub-processors: its providers are no parties
        out += _by_rows(text, table) or _by_columns(text, table)
    return out


def _tables(text: str, start: int, end: int) -> list[list[list[Cell]]]:
    """Runs of consecutive pipe rows, each row a list of cell spans (rule rows dropped)."""
    tables: list[list[list[Cell]]] = []
    prev_end = -2
    for m in _ROW.finditer(text, start, end):
        if _RULE.match(m.group(0)):
            prev_end = m.end()
            continue
        cells = [(c.start(1), c.end(1)) for c in _CELL.finditer(text, m.start(), m.end())]
        if m.start() == prev_end + 1 and tables:
            tables[-1].append(cells)
        else:
            tables.append([cells])
        prev_end = m.end()
    return tables


def _by_rows(text: str, table: list[list[Cell]]) -> list[dict[str, Any]]:
    """"| Processor | Acme GmbH |": a narrow table whose first cells are role labels."""
    out = []
    for row in table:
        if not 2 <= len(row) <= 3:
            continue
        role, words, signature = _label_role(text[row[0][0] : row[0][1]].strip())
        if role is None or signature or role == "provider" and len(table[0]) > 2:
            continue  # "| Provider | Purpose | Location |": a list of providers, not the parties
        party = _read_value(text, row[1][0], row[1][1], False, field=True)
        if party is not None:
            out.append(_with_role(party, role, words))
    return out


def _by_columns(text: str, table: list[list[Cell]]) -> list[dict[str, Any]]:
    head = table[0]
    roles = {i: _label_role(text[s:e].strip()) for i, (s, e) in enumerate(head) if text[s:e].strip()}
    if not roles or any(not r[0] or r[2] for i, r in roles.items() if i > 0):
        return []  # every header cell after the first names a role: not a list with a "Provider" column
    roles = {i: r for i, r in roles.items() if r[0]}
    name_re, addr_re = _field_res()
    body = table[1:]
    names = next((r for r in body if r and name_re.fullmatch(text[r[0][0] : r[0][1]].strip() + ":")), None)
    names = names or (body[0] if body else None)
    addresses = next((r for r in body if r and addr_re.fullmatch(text[r[0][0] : r[0][1]].strip() + ":")), None)
    out = []
    for i, (role, words, _sig) in roles.items():
        if names is None or i >= len(names) or role is None:
            continue
        s, e = names[i]
        party = _read_value(text, s, e, False, field=True) if text[s:e].strip() else _unnamed(s, e)
        if party is None:
            continue
        if addresses is not None and i < len(addresses) and party.get("name") and not party.get("address"):
            value = text[addresses[i][0] : addresses[i][1]].strip(" *")
            found = find_countries(value)
            party["address"] = value or None
            if value and (found or address_country(value)):
                party["country"] = found[-1][2] if found else address_country(value)
        out.append(_with_role(party, role, words))
    return out


def _with_role(party: dict[str, Any], role: str, words: list[str]) -> dict[str, Any]:
    party["roles"] = [role]
    party["defined_as"] = [w for w in words if not side_of([w])]
    party["side"] = side_of_role(role)
    return party
