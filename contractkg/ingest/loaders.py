"""File -> Document. Minimal text loader; the documents issue extends this to HTML, PDF and DOCX."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from contractkg.ingest.document import Document, LoadError

MAX_BYTES = 50 * 1024 * 1024
SUPPORTED = {".txt", ".md", ".text", ".markdown"}


def normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    return unicodedata.normalize("NFC", text)


def load(path: str | Path) -> Document:
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as e:
        raise LoadError(f"{p}: cannot read ({e.strerror})") from e
    if not raw.strip():
        raise LoadError(f"{p}: the file is empty")
    if len(raw) > MAX_BYTES:
        raise LoadError(f"{p}: {len(raw) / 2**20:.0f} MB is over the {MAX_BYTES // 2**20} MB limit")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(raw).best()
        if best is None:
            raise LoadError(f"{p}: not a text file (binary content)") from None
        text = str(best)
    if "\x00" in text:
        raise LoadError(f"{p}: not a text file (binary content)")
    return Document(source=str(path), text=normalise(text))
