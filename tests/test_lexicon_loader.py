"""The fast (libyaml) lexicon loader reads every lexicon exactly as the reference safe loader does."""

from __future__ import annotations

import pytest
import yaml

from contractkg.ingest.lexicon import LEXICON_DIR, lexicon

NAMES = sorted(p.stem for p in LEXICON_DIR.glob("*.yaml"))


@pytest.mark.parametrize("name", NAMES)
def test_lexicon_matches_safe_load(name: str) -> None:
    reference = yaml.safe_load((LEXICON_DIR / f"{name}.yaml").read_text(encoding="utf-8"))
    assert lexicon(name) == reference


def test_every_lexicon_is_found() -> None:
    assert {"structure", "personal_data", "jurisdiction"} <= set(NAMES)
