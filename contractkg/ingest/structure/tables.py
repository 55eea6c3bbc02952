"""Tables in an agreement: pipe tables (also how the HTML/DOCX loaders render theirs), tab or
wide-space tables, and tables whose cells lost their separators (see ``table_cells``), also under
a header that kept its separators ("Name | Service | Country" over "ACMEHostingFRANCEN/A" rows), and
tables printed one cell per line under a header of one column word per line.
A blank line, an annex heading, a site footer (copyright, a row of short links) ends a table.

Consumers (the sub-processor extractor) use::

    for table in ag.tables:
        types = column_types(table.header)        # ["name", "service", "country", "safeguard"]
        for cells, (start, end) in zip(table.rows, table.row_spans):
            record = row_record(table, cells)     # {"name": "...", "country": "...", ...}

Every row has exactly ``len(table.header)`` cells; ``row_spans`` are offsets into Document.text.
"""

from __future__ import annotations

import re

from contractkg.ingest.document import Agreement, Document, Table
from contractkg.ingest.structure import agreement_kinds as ak
from contractkg.ingest.structure.table_cells import (
    column_type,
    column_types,
    find_country_spans,
    is_separated,
    opens_with_header_word,
    row_mode,
    split_header,
    split_row,
    split_separated,
)

__all__ = ["column_types", "find_tables", "row_record", "tables_of"]

_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_MAX_HEADER = 260
_MAX_JOIN = 4  # source lines one glued row may run over


def _lines(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    out, pos = [], start
    for raw in text[start:end].split("\n"):
        out.append((pos, pos + len(raw), raw))
        pos += len(raw) + 1
    return out


def _is_pipe_row(line: str) -> bool:
    return line.count("|") >= 1 and len(split_separated(line)) >= 2


def _header_mode(line: str) -> tuple[list[str], str] | None:
    """(header cells, mode) when ``line`` looks like the header of a separator-less table."""
    s = line.strip()
    if not s or len(s) > _MAX_HEADER or s.endswith((".", ";", ":")) or s[0] in "-•·*(" or s[0].isdigit():
        return None
    if not opens_with_header_word(s[:40]) or ak.annex_marker(s):
        return None
    cells = split_header(s)
    if len(cells) < 2:
        return None
    known = [column_type(c, at_start=True) for c in cells]
    if "other" in known or len(set(known)) < 2 or max(len(c.split()) for c in cells) > 12:
        return None
    if is_separated(s):  # a spaced-out header says nothing of how its rows are delimited
        return cells, "auto"
    glued = any(a + b in s for a, b in zip(cells, cells[1:], strict=False))
    return cells, "glued" if glued else "auto"


def _typed_header(cells: list[str]) -> bool:
    """Enough known column types to read unseparated rows under a separated header."""
    types = column_types(cells)
    known = [t for t in types if t != "other"]
    return len(set(known)) >= 2 and len(known) * 3 >= len(types) * 2 and max(len(c.split()) for c in cells) <= 12


_FOOTER_LINKS = re.compile(r"\s[|·•›»]\s")


def _ends_table(line: str) -> bool:
    s = line.strip()
    return not s or bool(ak.annex_marker(s)) or ak.is_boilerplate(s) or _is_footer(s)


def _is_sentence(s: str) -> bool:
    """A line of prose after a table ("The list may be updated from time to time.")."""
    return s.endswith((".", ":", ";")) and len(s.split()) >= 10 and s[:1].isupper() and not find_country_spans(s)


def _is_footer(s: str) -> bool:
    """Site footer under a table: copyright line or a row of short links ("Privacy | Cookies | Contact")."""
    if s.startswith(("©", "(c) 20", "(C) 20", "Copyright")):
        return True
    links = _FOOTER_LINKS.split(s)
    return len(links) >= 3 and all(len(x.split()) <= 2 for x in links)


def find_tables(doc: Document, start: int = 0, end: int | None = None) -> list[Table]:
    """Tables between ``start`` and ``end`` of ``doc.text``."""
    end = len(doc.text) if end is None else end
    lines = _lines(doc.text, start, end)
    tables: list[Table] = []
    i = 0
    while i < len(lines):
        raw = lines[i][2]
        if _is_pipe_row(raw) or ("\t" in raw and len(split_separated(raw)) >= 2):
            table, i = _separated_table(lines, i)
        else:
            hm = _header_mode(raw)
            table = None
            if hm and _row_follows(lines, i):
                table, i = _loose_table(lines, i, *hm)
            elif (stacked := _stacked_table(lines, i)) is not None:
                table, i = stacked
            else:
                i += 1
        if table is not None and table.rows:
            tables.append(table)
    return tables


_MAX_STACKED = 6  # columns of a table whose cells each sit on a line of their own


def _stacked_table(lines: list[tuple[int, int, str]], i: int) -> tuple[Table, int] | None:
    """A table printed one cell per line (a PDF or copy of a web page): k header lines, each a known
    column word ("Name" / "Purpose" / "Country"), then rows of k lines. Cells cannot be told apart
    when one is empty, so every row must have a country in its country column, else no table."""
    if not _header_cell(lines[i][2]):
        return None
    k = 1
    while k < _MAX_STACKED and i + k < len(lines) and _header_cell(lines[i + k][2]):
        k += 1
    header = [lines[i + n][2].strip() for n in range(k)]
    types = column_types(header)
    if k < 2 or len(set(types)) < k or "country" not in types:
        return None
    col = types.index("country")
    table = Table(start=lines[i][0], end=lines[i + k - 1][1], header=header, rows=[], row_spans=[])
    j = i + k
    while j + k <= len(lines):
        cells = [lines[j + n][2].strip() for n in range(k)]
        if any(not c or len(c) > 200 or _ends_table(c) for c in cells) or not find_country_spans(cells[col]):
            break
        table.rows.append(cells)
        table.row_spans.append((lines[j][0], lines[j + k - 1][1]))
        table.end = lines[j + k - 1][1]
        j += k
    return (table, j) if table.rows else None


def _header_cell(line: str) -> bool:
    s = line.strip()
    return 0 < len(s) <= 40 and len(s.split()) <= 4 and column_type(s, at_start=True) != "other" and not s.endswith((".", ";"))


def _row_follows(lines: list[tuple[int, int, str]], i: int) -> bool:
    """The header at line i is followed (after at most one blank line) by a row."""
    nxt = [x[2] for x in lines[i + 1 : i + 3]]
    if nxt and not nxt[0].strip():
        nxt = nxt[1:]
    return bool(nxt) and not _ends_table(nxt[0])


def _separated_table(lines: list[tuple[int, int, str]], i: int) -> tuple[Table | None, int]:
    s0, e0, raw = lines[i]
    header = split_separated(raw)
    table = Table(start=s0, end=e0, header=header, rows=[], row_spans=[])
    types = column_types(header)
    j = i + 1
    while j < len(lines):
        s, e, text = lines[j]
        if _RULE.match(text):
            j += 1
            continue
        if not (_is_pipe_row(text) or "\t" in text):
            if not table.rows and _typed_header(header) and _row_follows(lines, j - 1):
                return _loose_table(lines, i, header, "auto", skip=j - i - 1, prose_ends=True)
            break
        table.rows.append(split_row(text, types, "separated"))
        table.row_spans.append((s + len(text) - len(text.lstrip()), e))
        table.end = e
        j += 1
    return table, j


def _loose_table(lines: list[tuple[int, int, str]], i: int, header: list[str], mode: str,
                 skip: int = 0, prose_ends: bool = False) -> tuple[Table, int]:
    """Rows without separators under the header at line i (``skip``: rule lines right after it);
    ``mode`` "auto" decides glued or spaced row by row; ``prose_ends``: a sentence ends the table."""
    s0, e0, _raw = lines[i]
    types = column_types(header)
    table = Table(start=s0, end=e0, header=header, rows=[], row_spans=[])
    j = i + 1 + skip
    if j < len(lines) and not lines[j][2].strip():
        j += 1
    wants_country = "country" in types
    while j < len(lines) and not _ends_table(lines[j][2]):
        first = j
        text = lines[j][2].strip()
        row_mode_ = row_mode(text) if mode == "auto" else mode
        if prose_ends and row_mode_ == "spaced" and _is_sentence(text):
            break
        if wants_country and row_mode_ != "spaced":
            j, text = _join_glued(lines, j, text)
        elif wants_country and mode == "auto" and len(text.split()) <= 3 and not find_country_spans(text):
            # a short first line ("ACME", "(option)") may start a glued row that wraps
            k, joined = _join_glued(lines, j, text)
            if row_mode(joined) == "glued" and find_country_spans(joined):
                j, text, row_mode_ = k, joined, "glued"
        table.rows.append(split_row(text, types, row_mode_))
        s, _e, raw = lines[first]
        table.row_spans.append((s + len(raw) - len(raw.lstrip()), lines[j][1]))
        table.end = lines[j][1]
        j += 1
    return table, j


def _join_glued(lines: list[tuple[int, int, str]], j: int, text: str) -> tuple[int, str]:
    """A glued row may run over several lines until its country cell appears: (last line, text)."""
    first = j
    while not find_country_spans(text) and j + 1 < len(lines) and j - first < _MAX_JOIN - 1 \
            and not _ends_table(lines[j + 1][2]):
        j += 1
        text += "\n" + lines[j][2].strip()
    return j, text


def tables_of(ag: Agreement) -> list[Table]:
    return find_tables(ag.doc, ag.start, ag.end)


def row_record(table: Table, cells: list[str]) -> dict[str, str]:
    """Cells keyed by column type; the first column of a type wins, others get "type_2"..."""
    out: dict[str, str] = {}
    for t, cell in zip(column_types(table.header), cells, strict=False):
        key, n = t, 1
        while key in out:
            n += 1
            key = f"{t}_{n}"
        out[key] = cell
    return out
