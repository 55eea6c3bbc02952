"""Workbench error messages in the user's terms: positions count from the user's own text (not the
pre-declared PREFIX block), an unknown prefix is one short line, and a long 'expected one of' list
of character ranges is cut."""

from __future__ import annotations

import re

from contractkg.namespaces import PREFIXES

_POSITION = re.compile(r"\berror at (\d+):(\d+)")
_PREFIXED_NAME_END = re.compile(r"(?<![\w.-])([A-Za-z][\w.-]*)?:[\w.-]*$")  # starts only where a name can
MAX_DETAIL = 160


def unknown_prefix(user_text: str, line: int, column: int) -> tuple[str, int] | None:
    """The prefix of the prefixed name that ends at (line, column) of the user's text, and the column
    where that name starts (1-based), if there is one."""
    lines = user_text.split("\n")
    if not 1 <= line <= len(lines):
        return None
    end = max(0, column - 1)
    begin = max(0, end - 200)  # a prefixed name is short: look no further back (bounded regex work)
    m = _PREFIXED_NAME_END.search(lines[line - 1][begin:end])
    return ((m.group(1) or ""), begin + m.start() + 1) if m else None


def friendly(message: str, user_text: str, hidden_prefix: str) -> str:
    """The store's error for ``hidden_prefix + user_text``, told about ``user_text`` alone."""
    hidden = hidden_prefix.count("\n")
    m = _POSITION.search(message)
    if not m:
        return message
    line, column = int(m.group(1)) - hidden, int(m.group(2))
    if "Prefix not found" in message:
        found = unknown_prefix(user_text, line, column)
        prefix, column = found if found else ("ex", column)
        known = ", ".join(sorted(PREFIXES))
        return (f"Unknown prefix '{prefix}:' at line {line}, column {column}: declare it "
                f"(PREFIX {prefix}: <...>) or use a pre-declared one ({known}).")
    where = f"line {line}, column {column}"
    if line < 1:
        where = "the pre-declared prefixes"
    elif line > len(user_text.rstrip().split("\n")):
        where = "the end of the query"
    detail = message[m.end():].lstrip(": ").strip()
    if len(detail) > MAX_DETAIL:
        detail = detail[:MAX_DETAIL].rsplit(",", 1)[0] + ", …"
    head = message[: m.start()].rstrip(": ").strip() or "SPARQL syntax error"
    return f"{head} at {where}: {detail}" if detail else f"{head} at {where}"
