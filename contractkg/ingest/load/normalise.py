"""Text normalisation every loader applies: one form for line ends, Unicode and invisible characters."""

from __future__ import annotations

import re
import unicodedata

_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def normalise(text: str) -> str:
    """NFC, \\n line ends, no BOM/zero-width/soft-hyphen characters, no trailing spaces on lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\f", "\n")
    text = _ZERO_WIDTH.sub("", text)
    text = unicodedata.normalize("NFC", text)
    return "\n".join(line.rstrip() for line in text.split("\n"))
