"""PDF (with a text layer) -> Document, via pypdf (fast), falling back to pdfplumber.

Lines come with their position (pypdf's text visitor; pdfplumber's text lines in the fallback). A line that reaches the right margin and is
followed by a line of the same paragraph (no larger vertical gap, no new heading/bullet/number) is
joined to it; a word hyphenated at the line end is mended. Running headers and footers (the same
first/last lines on most pages, page numbers ignored) and page-number lines are removed.
``Document.page_starts`` holds the offset where each page's text starts.
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter

from contractkg.ingest import pattern_cache
from contractkg.ingest.document import Document, Hint, LoadError
from contractkg.ingest.lexicon import alternation
from contractkg.ingest.load.normalise import normalise

_PAGE_NO = pattern_cache.compile(r"^\s*(?:(?:" + alternation("structure", "page_words") + r")\s*)?\d{1,4}(?:\s*(?:" + alternation("structure", "page_of_words") + r")\s*\d{1,4})?\s*$"
                                 r"|^\s*[-–—]\s*\d{1,4}\s*[-–—]\s*$", re.I)
_STARTS_BLOCK = pattern_cache.compile(r"^\s*(?:[-•·*▪◦–]\s|\(?[0-9]{1,3}(?:[.,][0-9]{1,3})*[.)\-–]\s|[0-9]{1,3}(?:\.[0-9]{1,3})+\s|"
                                      r"\(?[a-zivx]{1,4}\)\s|"
                                      r"(?=(?-i:[A-Z§]))(?:" + alternation("structure", "pdf_block_heads") + r")\b)", re.I)
for _noisy in ("pypdf", "pdfminer"):  # broken files are reported as one LoadError line instead
    logging.getLogger(_noisy).setLevel(logging.ERROR)
_DIGITS = re.compile(r"\d+")
_PAGE_WORD = pattern_cache.compile(r"\b(?:" + alternation("structure", "page_number_words") + r")\s*\d|(?<!\d)\d+\s*(?:" + alternation("structure", "page_of_words") + r")\s*\d+", re.I)
_HYPHEN_END = re.compile(r"[A-Za-zÀ-ÿ]-$")
_MARGIN_RATIO = 0.88  # a line reaching this share of the text width was wrapped


def _pypdf_lines(page) -> list[dict]:
    """Text lines of a page with approximate geometry: x in characters, y in points (top down).

    pypdf is ~10x faster than pdfminer's layout analysis; widths are estimated from character
    counts, which is enough to tell a wrapped line from a short one."""
    pieces: list[tuple[float, float, str]] = []

    def visit(text, cm, tm, _font, _size) -> None:
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        pieces.append((x, y, text))

    page.extract_text(visitor_text=visit)
    lines: list[dict] = []
    buf: list[str] = []
    pos: tuple[float, float] | None = None
    for x, y, text in pieces + [(0.0, 0.0, "\n")]:
        parts = text.split("\n")
        for k, part in enumerate(parts):
            if k > 0:
                line = "".join(buf).strip()
                if line and pos is not None:
                    lines.append({"text": " ".join(line.split()), "x0": 0.0, "y": pos[1]})
                buf, pos = [], None
            if part:
                if pos is None and part.strip():
                    pos = (x, y)
                buf.append(part)
    if not lines:
        return []
    steps = sorted(abs(a["y"] - b["y"]) for a, b in zip(lines, lines[1:], strict=False) if abs(a["y"] - b["y"]) > 0.5)
    step = steps[len(steps) // 2] if steps else 12.0
    for ln in lines:
        ln["top"] = -ln["y"]
        ln["bottom"] = -ln["y"] + 0.8 * step
        ln["x1"] = float(len(ln["text"]))
    return lines


def _plumber_lines(page) -> list[dict]:
    try:
        lines = page.extract_text_lines(layout=False, strip=True, return_chars=False)
    except Exception:  # noqa: BLE001 - a broken page yields no lines
        return []
    return [ln for ln in lines if ln.get("text", "").strip()]


def _read_pages(raw: bytes, name: str) -> tuple[list[list[dict]], float]:
    """Lines of every page and the share of the text width that marks a wrapped line."""
    try:
        import pypdf

        reader = pypdf.PdfReader(io.BytesIO(raw))
        if reader.is_encrypted:
            reader.decrypt("")
        return [_pypdf_lines(p) for p in reader.pages], 0.8
    except Exception:  # noqa: BLE001 - fall back to pdfminer, slower but more tolerant
        pass
    import pdfplumber

    try:
        with pdfplumber.open(io.BytesIO(raw)) as pdf:
            return [_plumber_lines(p) for p in pdf.pages], _MARGIN_RATIO
    except Exception as e:  # noqa: BLE001 - pdfminer raises many types for broken files
        raise LoadError(f"{name}: unreadable PDF ({type(e).__name__})") from None


def _running_lines(pages: list[list[dict]]) -> set[str]:
    """Texts (digits masked) seen among the first/last two lines of at least half the pages."""
    if len(pages) < 3:
        return set()
    seen: Counter[str] = Counter()
    for lines in pages:
        by_height = sorted(lines, key=lambda ln: ln["top"])  # the stream order may not be the visual one
        seen.update({_running_key(ln["text"]) for ln in by_height[:2] + by_height[-2:]})
    return {t for t, n in seen.items() if n >= max(2, len(pages) // 2)}


def _running_key(line: str) -> str:
    """The text itself; with digits masked when it names a page ("Page 3 of 9", "Seite 2")."""
    line = line.strip()
    return _DIGITS.sub("#", line) if _PAGE_WORD.search(line) else line


def _join_page(lines: list[dict], right: float, left: float, ratio: float = _MARGIN_RATIO) -> list[str]:
    """Lines of one page joined into paragraphs where the layout says they continue."""
    out: list[str] = []
    width = max(1.0, right - left)
    prev = None
    for ln in lines:
        text = ln["text"].strip()
        if prev is not None and out:
            gap = ln["top"] - prev["bottom"]
            height = max(1.0, prev["bottom"] - prev["top"])
            wrapped = (prev["x1"] - left) >= ratio * width
            hyphenated = bool(_HYPHEN_END.search(out[-1])) and text[:1].islower()
            if (wrapped or hyphenated) and gap < 0.9 * height and not _STARTS_BLOCK.match(text):
                if _HYPHEN_END.search(out[-1]) and text[:1].islower():
                    out[-1] = out[-1][:-1] + text
                else:
                    out[-1] = out[-1] + " " + text
                prev = ln
                continue
            if gap > 0.9 * height:
                out.append("")  # paragraph gap
        out.append(text)
        prev = ln
    return out


def load_pdf(raw: bytes, name: str) -> Document:
    """Text of a PDF with a text layer; LoadError (OCR needed) for scanned PDFs."""
    pages, ratio = _read_pages(raw, name)
    if sum(len(ln["text"]) for lines in pages for ln in lines) < 20:
        raise LoadError(f"{name}: PDF without a text layer (scanned images); OCR is needed first")
    running = _running_lines(pages)
    chunks: list[str] = []
    page_starts: list[int] = []
    hints: list[Hint] = []
    pos = 0
    for lines in pages:
        body = [ln for ln in lines if not _PAGE_NO.match(ln["text"])
                and _running_key(ln["text"]) not in running]
        page_starts.append(pos)
        if not body:
            continue
        right = max(ln["x1"] for ln in body)
        left = min(ln["x0"] for ln in body)
        text = "\n".join(_join_page(body, right, left, ratio)).strip("\n")
        if chunks:
            hints.append(Hint(pos, pos, "page_break"))
        chunks.append(text)
        pos += len(text) + 1
    text = "\n".join(chunks)
    normal = normalise(text)
    if len(normal) != len(text):  # keep page offsets exact: only NFC-stable text is remapped
        page_starts, hints = [], []
    return Document(source=name, text=normal, media_type="application/pdf", hints=hints, page_starts=page_starts)
