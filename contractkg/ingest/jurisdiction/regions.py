"""Per-region tables of law and court ("Customer location | Contracting entity | Law | Court"),
plus the sentence helpers jurisdiction.py uses."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from contractkg.ingest import pattern_cache
from contractkg.ingest.document import Agreement
from contractkg.ingest.lexicon import alternation
from contractkg.ingest.parties.names import find_companies

_SENT_END = re.compile(r"(?P<w>[\w°]*)[.!?](?=\s+[A-ZÀ-Ý«“\"(•\-\d])|;\s|\n")
# Words a dot follows without ending the sentence ("art. 28", "Acme Inc. (the ...").
_ABBREV = {"art", "arts", "no", "nr", "n°", "ch", "al", "cf", "inc", "ltd", "str", "st", "co", "corp", "abs", "lett",
           "par", "p", "pp", "e.g", "i.e", "etc", "vs", "dr", "mr", "mme", "m", "sa", "spa", "srl", "ste", "pty", "llc"}


def _ends(m: re.Match[str]) -> bool:
    w = (m.group("w") or "").lower()
    return not (w in _ABBREV or (len(w) == 1 and w.isalpha()))


def sentence_at(text: str, pos: int, lo: int, hi: int) -> tuple[int, int]:
    """(start, end) of the sentence (or table line) holding ``pos``, within [lo, hi)."""
    start = max(lo, pos - 600)
    for m in _SENT_END.finditer(text, max(lo, pos - 600), pos):
        if _ends(m) and m.end() <= pos:
            start = m.end()
    end = min(hi, pos + 800)
    for m in _SENT_END.finditer(text, pos, min(hi, pos + 800)):
        if _ends(m):
            end = m.end() if m.group(0).endswith(("\n", " ")) else m.end()
            break
    while start < end and text[start].isspace():
        start += 1
    return start, min(end, hi)


_LAW_LINE = pattern_cache.compile(r"^[ \t•\-*–]*(?:" + alternation("jurisdiction", "law_labels") + r")\s*:\s*(?P<v>[^\n]+)$",
                                  re.IGNORECASE | re.MULTILINE)
_COURT_LINE = pattern_cache.compile(r"^[ \t•\-*–]*(?:" + alternation("jurisdiction", "court_labels") + r")\s*:\s*(?P<v>[^\n]+)$",
                                    re.IGNORECASE | re.MULTILINE)
_OTHER = pattern_cache.compile(r"\b(?:" + alternation("jurisdiction", "other_words") + r")\b", re.IGNORECASE)


def region_table(ag: Agreement, country_in: Callable[[str], Any]) -> list[dict[str, Any]]:
    """Rows {region, law, court, court_country, contracting_entity, default, evidence} when the
    agreement chooses law by region: two or more "Governing law: ..." lines naming different laws."""
    text = ag.doc.text
    laws = list(_LAW_LINE.finditer(text, ag.start, ag.end))
    if len(laws) < 2:
        return []
    codes = [country_in(m.group("v")) for m in laws]
    if len({c[0] for c in codes if c}) < 2:
        return []
    rows = []
    prev = laws[0].start() - 1200
    for m, code in zip(laws, codes, strict=True):
        block_start = max(ag.start, prev)
        region, region_pos, entity = _region_before(text, block_start, m.start(), find_companies, country_in)
        court = _COURT_LINE.search(text, m.end(), min(ag.end, m.end() + 400))
        court_text = court.group("v").strip(" .") if court else None
        court_code = country_in(court_text) if court_text else None
        rows.append({"region": region, "law": code[0] if code else None, "court": court_text,
                     "court_country": court_code[0] if court_code else (code[0] if code else None),
                     "contracting_entity": entity, "default": bool(region and _OTHER.search(region)),
                     "evidence": [region_pos if region_pos is not None else m.start(), (court or m).end()]})
        prev = (court or m).end()
    return rows


_REGION_WORDS = pattern_cache.compile(r"\b(?:" + alternation("jurisdiction", "region_words") + r")\b", re.IGNORECASE)


def _region_before(text: str, lo: int, hi: int, find_companies: Callable[..., Any],
                   country_in: Callable[[str], Any]) -> tuple[str | None, int | None, str | None]:
    """The region heading of a table block: the last short line naming a place or "all other"
    before the block's entity lines; a company written on the same line is split off."""
    region: tuple[str, int] | None = None
    entity = None
    for line_match in re.finditer(r"[^\n]+", text[lo:hi]):
        line = line_match.group(0).strip()
        if not line or line.startswith(("•", "-", "*", "–")) or "http" in line or "@" in line or len(line) > 90:
            continue
        place = country_in(line)
        companies = find_companies(line)
        names_place = (place and place[1] == 0) or _REGION_WORDS.search(line) or _OTHER.search(line)
        if companies:
            name = companies[0]["name"]
            if place and place[1] == 0 and name.startswith(line[: place[2]]):
                region, name = (line[: place[2]], lo + line_match.start()), name[place[2]:].strip()
            elif line[: line.find(name)].strip(" ,:-"):
                region = (line[: line.find(name)].strip(" ,:-"), lo + line_match.start())
            entity = entity or name
            continue
        if names_place and not re.search(r"\d{3,}", line) and entity is None:
            region = (line.strip(" ,:"), lo + line_match.start())
    if region is None:
        return None, None, entity
    return region[0], region[1], entity
