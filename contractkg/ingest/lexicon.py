"""Language lexicons are YAML data files in ``lexicons/``; this loads and caches them."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

LEXICON_DIR = Path(__file__).parent / "lexicons"
# libyaml's loader parses the lexicons about 7x faster than the pure-Python one (every CLI call pays it).
_LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def lexicon(name: str) -> Any:
    """The parsed ``lexicons/<name>.yaml`` (cached: loaded once per process)."""
    path = LEXICON_DIR / f"{name}.yaml"
    with path.open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_LOADER)  # a safe loader, C or Python
