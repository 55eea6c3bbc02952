"""Sub-processors named in prose: "the following sub-processors: A GmbH (Germany), hosting;
B Inc. (United States), e-mail delivery, under the standard contractual clauses."

An item is a company name ending in a legal form followed by its country in parentheses, in a
passage that speaks of sub-processors; the item runs to the next ';' or the end of the sentence.
"""

from __future__ import annotations

import bisect
import re

from contractkg.ingest.document import Agreement
from contractkg.ingest.subprocessor_rows import Row, countries_in, legal_form_pattern

TOPIC = re.compile(r"(?<![^\W_])[su](?:ub-?\s?processor|ous-traitants?\s+ult|ous-traitants|ub-?\s?responsabil|lterior[ei]\s+responsabil|"
                   r"nterauftrag|ubunternehmer|ubencargad|ubprocesador|ub-?contractor|ous-traitance|ubappaltator)", re.IGNORECASE)
_PAREN = re.compile(r"\(([^()\n]{2,40})\)")
_CONNECTORS = {"&", "and", "und", "et", "e", "y", "de", "di", "da", "von", "van", "der", "del", "des", "la", "le", "of", "-", "+"}
# "per l'hosting", "for hosting", "pour l'hébergement", "für das Hosting": the service without its preposition
_SERVICE_LEAD = re.compile(r"^(?:(?:per|for|pour|für|fur|para|zur|zum|als|as|en tant que|come)\s+(?:(?:il|lo|la|l'|l’|i|gli|le|les|the|das|die|den|el|los|las)\s*)?)",
                           re.IGNORECASE)


def _name_before(text: str, end: int) -> tuple[str, int] | None:
    """The company name ending at ``end``: the capitalised words before it, back to a delimiter."""
    seg_start = max(text.rfind(d, 0, end) for d in (":", ";", "\n", ", ")) + 1
    words = list(re.finditer(r"\S+", text[seg_start:end]))
    keep = len(words)
    for i in range(len(words) - 1, -1, -1):
        w = words[i].group(0)
        if w[:1].isupper() or w[:1].isdigit() or w.lower() in _CONNECTORS and i < len(words) - 1:
            keep = i
        else:
            break
    if keep >= len(words):
        return None
    while keep < len(words) - 1 and words[keep].group(0).lower() in _CONNECTORS:
        keep += 1
    start = seg_start + words[keep].start()
    name = text[start:end].strip(" ,")
    if not legal_form_pattern().search(name) or len(name) > 80:
        return None
    return name, start


def prose_rows(ag: Agreement) -> list[Row]:
    text = ag.text
    rows: list[Row] = []
    topics = [t.start() for t in TOPIC.finditer(text)]
    if not topics:
        return rows
    for m in _PAREN.finditer(text):
        i = bisect.bisect_left(topics, m.start() - 400)
        if i >= len(topics) or topics[i] >= m.start():
            continue  # no sub-processor passage in the 400 characters before
        found = countries_in(m.group(1))
        if not found:
            continue
        named = _name_before(text, m.start())
        if not named:
            continue
        name, start = named
        stop = re.search(r";|\.(?:\s|$)|\n", text[m.end() :])
        end = m.end() + (stop.start() if stop else len(text) - m.end())
        rest = text[m.end() : end].strip(" ,")
        service = _SERVICE_LEAD.sub("", rest.split(",")[0].strip()).strip() or None
        rows.append(Row(name=name, text=text[start:end], start=ag.start + start, end=ag.start + end,
                        country=found[0][2], service=service, rest=rest, after_country=rest))
    return rows
