"""A synthetic corpus made from the example contracts, with names and numbers varied per copy.

Each copy gets new company names (the words before a legal-form suffix), new long numbers and a new file
name, so no extractor cache or store deduplication can make a copy cheaper than a real contract.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
TEMPLATE_SUFFIXES = (".txt", ".md", ".html")

# A capitalised word (or upper-case word) directly before a legal-form suffix: the distinctive part of a name.
NAME_BEFORE_FORM = re.compile(
    r"\b([A-ZÀ-Ý][\w'-]+)(?=\s+(?:[A-ZÀ-Ý][\w'-]+\s+)?(?:GmbH|GMBH|Ltd|LTD|Inc\.|INC\.|SAS|S\.r\.l\.|Srl|SRL|S\.L\.|"
    r"B\.V\.|AS|AG|K\.K\.|Pvt)\b)"
)
LONG_NUMBER = re.compile(r"\d{3,}")  # postcodes, street and registration numbers; clause numbers stay
SYLLABLES = ("ka", "lo", "ve", "mi", "tor", "san", "ber", "qui", "da", "nel", "ro", "fa", "zen", "pa", "lu")


@dataclass(frozen=True)
class Template:
    path: Path
    text: str
    agreements: int  # from examples/gold, to report contracts/s


def templates() -> list[Template]:
    out = []
    for p in sorted(EXAMPLES.iterdir()):
        if p.suffix not in TEMPLATE_SUFFIXES or p.stem.upper().startswith("README"):
            continue
        gold = EXAMPLES / "gold" / f"{p.stem}.yaml"
        count = len(yaml.safe_load(gold.read_text(encoding="utf-8"))["contracts"]) if gold.exists() else 1
        out.append(Template(p, p.read_text(encoding="utf-8"), count))
    if not out:
        raise SystemExit(f"no example contracts found in {EXAMPLES}")
    return out


def invented_name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def vary(text: str, rng: random.Random) -> str:
    """New names and digits; the layout and wording stay those of the template."""
    names: dict[str, str] = {}

    def rename(m: re.Match[str]) -> str:
        word = m.group(1)
        if word not in names:
            new = invented_name(rng)
            names[word] = new.upper() if word.isupper() else new
        return names[word]

    text = NAME_BEFORE_FORM.sub(rename, text)
    # the same renaming for the bare name when used alone ("Nimbalo shall ...")
    for old, new in names.items():
        text = re.sub(rf"\b{re.escape(old)}\b", new, text)
    return LONG_NUMBER.sub(lambda m: "".join(str(rng.randint(1, 9)) for _ in m.group()), text)


def write_corpus(out_dir: Path, n: int, seed: int = 0) -> tuple[list[Path], int]:
    """``n`` varied files in ``out_dir``; returns them and the expected number of agreements."""
    rng = random.Random(seed)
    tpls = templates()
    out_dir.mkdir(parents=True, exist_ok=True)
    files, agreements = [], 0
    for i in range(n):
        t = tpls[i % len(tpls)]
        path = out_dir / f"s{seed}_{i:05d}_{t.path.stem}{t.path.suffix}"
        path.write_text(vary(t.text, rng), encoding="utf-8")
        files.append(path)
        agreements += t.agreements
    return files, agreements
