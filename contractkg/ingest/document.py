"""The document model every loader returns and every extractor reads.

Offsets are character offsets into ``Document.text`` (normalised: NFC, ``\\n`` line ends).
Every extracted fact keeps such a span, so it can be traced back to its clause.
"""

from __future__ import annotations

import bisect
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

T = TypeVar("T")


class LoadError(Exception):
    """A file that cannot be read as a contract; the message names the reason."""


@dataclass(frozen=True)
class Hint:
    """Structure a loader saw in the source (HTML/DOCX/PDF): a heading, list item, table row..."""

    start: int
    end: int
    kind: str  # heading | list_item | table_row | table_cell | page_break
    level: int = 0


@dataclass
class Document:
    source: str  # path as given by the user
    text: str
    sha256: str = ""
    media_type: str = "text/plain"
    hints: list[Hint] = field(default_factory=list)
    page_starts: list[int] = field(default_factory=list)  # char offset of each page (PDF)
    source_lines: list[int] | None = None  # line in the source file of each text line, if it differs
    _line_starts: list[int] = field(default_factory=list, repr=False)
    _memo: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.sha256:
            self.sha256 = hashlib.sha256(self.text.encode("utf-8")).hexdigest()
        starts = [0]
        find = self.text.find
        i = find("\n")
        while i != -1:
            starts.append(i + 1)
            i = find("\n", i + 1)
        self._line_starts = starts

    def memo(self, key: str, build: Callable[[], T]) -> T:
        """Work computed once per document and shared by the extractors (cues, companies...)."""
        if key not in self._memo:
            self._memo[key] = build()
        return self._memo[key]

    def __getstate__(self) -> dict[str, Any]:
        """The memo stays behind when a document crosses a process boundary."""
        return {**self.__dict__, "_memo": {}}

    def line_of(self, offset: int) -> int:
        """1-based line (of the source file, where the loader knows it) holding ``offset``."""
        idx = bisect.bisect_right(self._line_starts, offset) - 1
        if self.source_lines and idx < len(self.source_lines):
            return self.source_lines[idx]
        return idx + 1

    def line_start(self, line_index: int) -> int:
        """Offset of the start of text line ``line_index`` (0-based)."""
        return self._line_starts[line_index]

    @property
    def n_lines(self) -> int:
        return len(self._line_starts)


@dataclass
class Clause:
    number: str | None  # "7.3", "Annex 1", "(a)"; None for unnumbered blocks
    heading: str
    start: int
    end: int
    level: int = 1
    parent: int | None = None  # index into Agreement.clauses
    language: str | None = None


@dataclass
class Table:
    start: int
    end: int
    header: list[str]
    rows: list[list[str]]
    # span of each row in Document.text, parallel to rows
    row_spans: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Agreement:
    doc: Document
    start: int
    end: int
    kind: str = "terms"  # dpa | terms | scc | framework | sla | sow
    language: str | None = None
    title: str = ""
    clauses: list[Clause] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    part_of: int | None = None  # index of the main agreement in the same file
    index: int = 0  # position in the file

    @property
    def text(self) -> str:
        return self.doc.text[self.start : self.end]

    @property
    def line(self) -> int:
        return self.doc.line_of(self.start)

    @property
    def starts_with(self) -> str:
        first = self.doc.text[self.start : self.end].lstrip().split("\n", 1)[0]
        return " ".join(first.split()[:8])

    def clause_at(self, offset: int) -> Clause | None:
        """The innermost clause whose span holds ``offset``."""
        best = None
        for c in self.clauses:
            if c.start <= offset < c.end and (best is None or c.start >= best.start):
                best = c
        return best
