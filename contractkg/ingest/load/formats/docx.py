"""DOCX -> Document via python-docx: paragraphs and tables in body order, list numbering kept.

Word stores list numbers outside the text (numbering.xml); they are rendered here from each level's
format and pattern ("%1.%2." -> "2.3."), bullets as "•", so clause numbers survive. Tables become
pipe rows; headings (outline level or "Heading"/"Titre"/"Überschrift" styles) become hints.
"""

from __future__ import annotations

import io
import re
import zipfile

from contractkg.ingest import pattern_cache
from contractkg.ingest.document import Document, Hint, LoadError
from contractkg.ingest.lexicon import alternation
from contractkg.ingest.load.normalise import normalise

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_STYLE = pattern_cache.compile(r"^(?:" + alternation("structure", "heading_styles") + r")\s*(\d)", re.I)


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                           (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def _format(n: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    return str(n)


class _Numbering:
    """List levels from numbering.xml and running counters per list."""

    def __init__(self, document) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # numId -> ilvl -> (fmt, text, start)
        self.counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {}
        for a in root.iter(_W + "abstractNum"):
            lv = {}
            for lvl in a.iter(_W + "lvl"):
                ilvl = int(lvl.get(_W + "ilvl", "0"))
                fmt = lvl.find(_W + "numFmt")
                txt = lvl.find(_W + "lvlText")
                start = lvl.find(_W + "start")
                lv[ilvl] = (fmt.get(_W + "val") if fmt is not None else "decimal",
                            txt.get(_W + "val") if txt is not None else f"%{ilvl + 1}.",
                            int(start.get(_W + "val")) if start is not None else 1)
            abstract[a.get(_W + "abstractNumId")] = lv
        for num in root.iter(_W + "num"):
            ref = num.find(_W + "abstractNumId")
            if ref is not None:
                self.levels[num.get(_W + "numId")] = abstract.get(ref.get(_W + "val"), {})

    def label(self, num_id: str, ilvl: int) -> str:
        levels = self.levels.get(num_id)
        if not levels or num_id == "0":
            return ""
        fmt, pattern, _start = levels.get(ilvl, ("decimal", f"%{ilvl + 1}.", 1))
        if fmt == "bullet":
            return "•"
        if fmt == "none":
            return ""
        counts = self.counters.setdefault(num_id, [0] * 9)
        counts[ilvl] = counts[ilvl] + 1 if counts[ilvl] else levels.get(ilvl, ("", "", 1))[2]
        for deeper in range(ilvl + 1, 9):
            counts[deeper] = 0

        def sub(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            lvl_fmt = levels.get(k, ("decimal", "", 1))[0]
            return _format(counts[k] or levels.get(k, ("", "", 1))[2], lvl_fmt)

        return re.sub(r"%(\d)", sub, pattern)


def _num_props(paragraph) -> tuple[str, int] | None:
    for ppr in (paragraph._p.pPr, getattr(paragraph.style.element, "pPr", None) if paragraph.style else None):
        if ppr is None or ppr.numPr is None:
            continue
        num_id = ppr.numPr.numId.val if ppr.numPr.numId is not None else None
        ilvl = ppr.numPr.ilvl.val if ppr.numPr.ilvl is not None else 0
        if num_id is not None:
            return str(num_id), int(ilvl)
    return None


def load_docx(raw: bytes, name: str) -> Document:
    """Paragraph and table text of a .docx, numbering rendered."""
    import docx
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(raw))
    except (zipfile.BadZipFile, KeyError, ValueError) as e:
        raise LoadError(f"{name}: unreadable DOCX ({type(e).__name__})") from None
    except Exception as e:  # noqa: BLE001 - python-docx raises various errors on broken packages
        raise LoadError(f"{name}: unreadable DOCX ({type(e).__name__}: {e})") from None
    numbering = _Numbering(document)
    lines: list[str] = []
    marks: list[tuple[int, str, int]] = []  # line index, hint kind, level
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            text = " ".join(block.text.replace("\t", " ").split())
            props = _num_props(block)
            label = numbering.label(*props) if props else ""
            if not text:
                if lines and lines[-1]:
                    lines.append("")
                continue
            style = block.style.name if block.style is not None else ""
            heading = _HEADING_STYLE.match(style or "")
            if heading or style == "Title":
                marks.append((len(lines), "heading", int(heading.group(1)) if heading else 0))
            elif props:
                marks.append((len(lines), "list_item", props[1] + 1))
            lines.append(f"{label} {text}" if label else text)
        elif isinstance(block, DocxTable):
            if lines and lines[-1]:
                lines.append("")
            for row in block.rows:
                cells, seen = [], set()
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue  # a merged cell repeats
                    seen.add(id(cell._tc))
                    cells.append(" ".join(cell.text.split()).replace("|", "/"))
                if any(cells):
                    marks.append((len(lines), "table_row", 0))
                    lines.append(" | ".join(cells))
            lines.append("")
    lines = [normalise(x).replace("\n", " ") for x in lines]
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    hints = [Hint(starts[i], starts[i] + len(lines[i]), kind, level) for i, kind, level in marks]
    media = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    return Document(source=name, text="\n".join(lines), media_type=media, hints=hints)
