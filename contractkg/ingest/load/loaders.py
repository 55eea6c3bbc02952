"""File -> Document, for every supported format (dispatch on the suffix, checked against the content).

- .txt .md .text .markdown: UTF-8, UTF-8 with BOM, UTF-16/32 with BOM, else the encoding detected by
  charset-normalizer (Latin-1/CP1252...);
- .html .htm .xhtml: visible text with structure hints, site boilerplate dropped (formats/html.py);
- .pdf with a text layer: layout-aware lines, no running headers/footers (formats/pdf.py);
- .docx: paragraphs with their list numbering, tables as pipe rows (formats/docx.py).

Bad input raises LoadError with a one-line message naming the file and the reason. Files over
MAX_BYTES (20 MB, far above any contract) are refused from their size alone, before being read.
"""

from __future__ import annotations

import codecs
import dataclasses
import logging
import re
from pathlib import Path

from contractkg.ingest.document import Document, LoadError
from contractkg.ingest.load.normalise import normalise

log = logging.getLogger("contractkg.load")  # with no handler set, warnings reach stderr as one line
MAX_BYTES = 20 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".md", ".text", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | {".pdf", ".docx"}

_BOMS = [(codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]
_WESTERN = ("cp1252", "latin_1", "iso8859_15", "utf_8", "mac_roman")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_ESCAPED = re.compile(r"[\udc80-\udcff]")


def decode(raw: bytes, name: str) -> str:
    """Bytes -> str: BOM, then UTF-8, then the detected encoding; binary content is refused."""
    for bom, enc in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(enc)
            except UnicodeDecodeError as e:
                raise LoadError(f"{name}: undecodable text ({enc} byte-order mark, bad bytes at {e.start})") from None
    if b"\x00" in raw[:65536]:
        utf16 = _utf16_without_bom(raw)
        if utf16 is not None:
            return utf16
        raise LoadError(f"{name}: not a text file (binary content)")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    damaged = _mostly_utf8(raw, name)
    if damaged is not None:
        return damaged
    from charset_normalizer import from_bytes

    matches = list(from_bytes(raw[:2_000_000]))
    if not matches:
        raise LoadError(f"{name}: undecodable text (no known encoding fits)")
    # contracts come in Western European languages: among equally clean readings prefer CP1252/Latin-1
    least = min(m.chaos for m in matches)
    tied = [m.encoding for m in matches if m.chaos <= least + 0.02]
    encoding = next((e for e in _WESTERN if e in tied), tied[0])
    try:
        text = raw.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise LoadError(f"{name}: undecodable text (detected {encoding} does not fit)") from None
    if len(_CONTROL.findall(text[:65536])) > 0.01 * min(len(text), 65536):
        raise LoadError(f"{name}: not a text file (binary content)")
    return text


def _mostly_utf8(raw: bytes, name: str) -> str | None:
    """UTF-8 with a few bad bytes (a damaged copy, a stray CP1252 quote) stays UTF-8: each bad byte
    becomes U+FFFD and a warning says how many. Text in a legacy 8-bit encoding has no valid
    multi-byte sequence, or fewer of them than bad bytes, and is left to the detector."""
    text = raw.decode("utf-8", errors="surrogateescape")  # a bad byte -> one lone surrogate
    bad = len(_ESCAPED.findall(text))
    wide = sum(1 for ch in text if ord(ch) > 0x7F) - bad  # valid multi-byte sequences
    if wide <= 0 or bad > wide:
        return None
    log.warning("warning: %s: %d byte%s not valid UTF-8, replaced by U+FFFD (the rest is read as UTF-8)",
                name, bad, "s are" if bad != 1 else " is")
    return _ESCAPED.sub("\ufffd", text)


def _utf16_without_bom(raw: bytes) -> str | None:
    """UTF-16 text without a BOM: every other byte is NUL for Latin text."""
    sample = raw[:4096]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    enc = "utf-16-le" if odd > 0.4 * len(sample) / 2 and even == 0 else \
        "utf-16-be" if even > 0.4 * len(sample) / 2 and odd == 0 else None
    if enc is None:
        return None
    try:
        return raw.decode(enc)
    except UnicodeDecodeError:
        return None


def _sniff(raw: bytes, suffix: str) -> str:
    """The real format from the first bytes (a .txt may be a PDF); the suffix otherwise."""
    head = raw[:1024].lstrip()
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx" if suffix in (".docx", "") else "zip"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix == ".pdf":
        return "pdf"
    if suffix == ".docx":
        return "docx"
    low = head[:300].lower()
    if low.startswith((b"<!doctype html", b"<html", b"\xef\xbb\xbf<!doctype html", b"\xef\xbb\xbf<html")):
        return "html"
    return "text"


MAX_LINE = 5_000  # longer lines are cut (the real corpora's longest is under 4,000 characters)
LINE_PIECE = 2_000  # target length of the pieces
_SENTENCE_END = re.compile(r"[.;:!?…][\"»”’)\]]* (?=\S)")


def split_long_lines(doc: Document) -> Document:
    """Cut lines over MAX_LINE characters into pieces of about LINE_PIECE, at a sentence end, else at a
    space. Extractors scan to the end of a line or sentence, so one 1 MB line would make their work
    quadratic. A space becomes a line break: offsets, hints and pages keep their meaning, and each
    piece keeps the source line it came from."""
    text = doc.text
    if len(text) <= MAX_LINE or all(len(line) <= MAX_LINE for line in text.split("\n")):
        return doc
    chars = list(text)
    sources: list[int] = []
    for index, (start, line) in enumerate(_lines_with_offsets(text)):
        source = doc.source_lines[index] if doc.source_lines and index < len(doc.source_lines) else index + 1
        sources.append(source)
        pos = 0
        while len(line) - pos > MAX_LINE:
            cut = _cut(line, pos)
            if cut is None:
                break
            chars[start + cut] = "\n"
            sources.append(source)
            pos = cut + 1
    return dataclasses.replace(doc, text="".join(chars), sha256="", source_lines=sources, _line_starts=[], _memo={})


def _lines_with_offsets(text: str) -> list[tuple[int, str]]:
    out, start = [], 0
    for line in text.split("\n"):
        out.append((start, line))
        start += len(line) + 1
    return out


def _cut(line: str, pos: int) -> int | None:
    """Index of the space to turn into a line break, between LINE_PIECE/2 and LINE_PIECE after pos
    (a sentence end preferred), else the first space after that; None when no space is left."""
    lo, hi = pos + LINE_PIECE // 2, pos + LINE_PIECE
    last = None
    for m in _SENTENCE_END.finditer(line, lo, hi + 1):
        last = m.end() - 1
    if last is not None:
        return last
    space = line.rfind(" ", lo, hi)
    if space != -1:
        return space
    space = line.find(" ", hi)
    return space if space != -1 else None


def load(path: str | Path) -> Document:
    """Read ``path`` into a Document, or raise LoadError (one line: file and reason)."""
    p = Path(path)
    name = str(path)
    try:
        size = p.stat().st_size
    except OSError as e:
        raise LoadError(f"{name}: cannot read ({e.strerror or e})") from None
    if p.is_dir():
        raise LoadError(f"{name}: is a folder, not a file")
    if size == 0:
        raise LoadError(f"{name}: the file is empty")
    if size > MAX_BYTES:
        raise LoadError(f"{name}: {size / 2**20:.0f} MB is over the {MAX_BYTES // 2**20} MB size limit; "
                        "split the file or extract its text first")
    try:
        raw = p.read_bytes()
    except OSError as e:
        raise LoadError(f"{name}: cannot read ({e.strerror or e})") from None
    kind = _sniff(raw, p.suffix.lower())
    # Format modules load on demand: their libraries (pypdf, pdfplumber, python-docx, bs4) are heavy.
    if kind == "pdf":
        from contractkg.ingest.load.formats.pdf import load_pdf

        doc = load_pdf(raw, name)
    elif kind == "docx":
        from contractkg.ingest.load.formats.docx import load_docx

        doc = load_docx(raw, name)
    elif kind == "zip":
        raise LoadError(f"{name}: a zip archive, not a contract (unpack it first)")
    elif kind == "html":
        from contractkg.ingest.load.formats.html import load_html

        doc = load_html(decode(raw, name), name)
    else:
        doc = Document(source=name, text=normalise(decode(raw, name)))
    if not doc.text.strip():
        raise LoadError(f"{name}: the file is empty (no text)")
    return split_long_lines(doc)
