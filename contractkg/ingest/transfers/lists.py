"""Sub-processors listed line by line: bulleted, numbered or plain lines under a sub-processor title
("Sub-processors:", "Anlage 3 – Genehmigte Unterauftragsverarbeiter") or in the annex that a
sub-processor clause refers to ("... are listed in Annex 2"). Items look like::

    - Acme Hosting GmbH, Berlin, Germany – hosting          (a company, its seat, its service)
    - Hosting: Acme Cloud SE - Hafenstr. 4, 20457 Hamburg   (service label, then the company)
    - Payments: Paylark, Coinwell (EU), local banks         (service label, then brand names)
    - Maps: https://maps.example.org/ (address display)     (the service's site names it)
    ### Acme Cloud Inc. (USA)                               (a block: the company, then its fields)
    Function: hosting
    Transfer safeguard: standard contractual clauses

Brand names without a legal form count only after a service label, as one to four capitalised
words; lower-case phrases ("local banks"), countries and legal acronyms are no names.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import lru_cache

from contractkg.ingest import pattern_cache
from contractkg.ingest.document import Agreement
from contractkg.ingest.lexical.countries import fold
from contractkg.ingest.lexicon import alternation, lexicon
from contractkg.ingest.structure.agreement_kinds import strip_markup
from contractkg.ingest.structure.table_cells import column_type
from contractkg.ingest.transfers.names import (
    TITLE_KEYS,
    TOPIC,
    brand_row,
    is_brand,
    is_example,
    provider_pattern,
    split_names,
    title_pattern,
    topic_offsets,
    topics_in,
)
from contractkg.ingest.transfers.places import address_country, place_of
from contractkg.ingest.transfers.rows import Row, countries_in, legal_form_pattern, parse_row, plain

BULLET = re.compile(r"^\s*(?:[-•*–·▪◦]|\(?[a-z0-9]{1,2}[.)])\s+")
_LABEL = re.compile(r"^([^:()\n]{2,60}?)\s*:\s+(?=\S)")
_URL = re.compile(r"^<?(?:https?://|www\.)([^\s/<>\"')\]]+)[^\s<>\"')\]]*>?")
_TAIL_PAREN = re.compile(r"\s*\(([^()]{1,80})\)\s*$")
_LIST_WORD = pattern_cache.compile(r"(?i)" + alternation("safeguards", "list_page_words") + r"")
_CONNECT = {"&", "of", "de", "du", "des", "di", "der", "von", "van", "y", "e", "et", "and", "und", "en", "the", "for"}
_MAX_LINES = 80


@lru_cache(maxsize=1)
def _annex_ref() -> re.Pattern[str]:
    annex = sorted({fold(w) for w in lexicon("structure")["annex_words"]}, key=lambda w: (-len(w), w))
    return pattern_cache.compile(r"(?<![a-z])(" + "|".join(re.escape(a) for a in annex) + r")\s+([0-9]{1,2}|[ivx]{1,4}|[a-z])(?![a-z0-9])")


_PAREN = re.compile(r"\(([^()\n]{2,160})\)")


def named_groups(ag: Agreement) -> list[Row]:
    """Brand names in parentheses after a provider noun, in a passage on sub-processors:
    "our network partners (Acme, Globex)", "nos hébergeurs (Acme, Globex)"."""
    text = ag.text
    topics = [t - ag.start for t in topics_in(ag.doc, ag.start, ag.end)]
    rows: list[Row] = []
    if not topics:
        return rows
    for m in _PAREN.finditer(text):
        i = bisect.bisect_left(topics, m.start() - 400)
        if i >= len(topics) or topics[i] >= m.start():
            continue  # no sub-processor passage in the 400 characters before
        before = text[max(0, m.start() - 60, text.rfind("\n", 0, m.start()) + 1) : m.start()]
        before = before[max(before.rfind(". "), before.rfind(", "), before.rfind("; ")) + 1 :]
        noun = list(provider_pattern().finditer(fold(before)))
        content = m.group(1)
        if not noun or is_example(content):
            continue
        names, items = split_names(content)
        if len(names) < 2 or len(names) != items:
            continue  # two names or more and nothing else: not "(datacenters)", "(SCC, audits)", "(Rechenzentren)"
        service = before[noun[-1].start() :].strip(" ,") or None
        rows += [brand_row(name, at, ag.start + m.start(1), service) for name, at in names]
    return rows


def _annex_heading(line: str) -> str | None:
    """The label of an annex heading line ("# Annex 2", "Anlage 3 – Genehmigte ..."), folded: "anlage 3"."""
    if len(line) > 120:
        return None
    m = _annex_ref().match(fold(strip_markup(line)))
    return f"{m.group(1)} {m.group(2)}" if m else None


def _lines(text: str, start: int) -> Iterator[tuple[int, str]]:
    """(offset, line) from ``start`` on, at most _MAX_LINES lines."""
    pos = start
    for _ in range(_MAX_LINES):
        if pos > len(text):
            return
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        yield pos, text[pos:end]
        pos = end + 1


def _anchors(ag: Agreement) -> list[int]:
    """Offsets (in ``ag.text``) of the lines that open a list: after a sub-processor title, or
    after the heading of an annex that a sub-processor sentence of the document refers to."""
    doc, text = ag.doc, ag.text
    refs = set()
    for line_start in sorted({doc.text.rfind("\n", 0, t) + 1 for t in topic_offsets(doc)}):
        end = doc.text.find("\n", line_start)
        line = doc.text[line_start : end if end >= 0 else len(doc.text)]
        refs |= {f"{m.group(1)} {m.group(2)}" for m in _annex_ref().finditer(fold(line))}
    topics = [t - ag.start for t in topics_in(doc, ag.start, ag.end)]
    out, pos, k = [], 0, 0
    for line in text.split("\n"):
        end = pos + len(line)
        while k < len(topics) and topics[k] < pos:
            k += 1
        here = [t for t in topics[k : k + 8] if t < end]  # sub-processor words on this line
        if line.strip() and len(line) <= 1000:
            # "... the following sub-processors:" (the last sentence of a paragraph)
            introduces = bool(here) and line.rstrip(" *").endswith(":") and here[-1] >= pos + line.rfind(". ") + 1
            titled = len(line) <= 120 and not BULLET.match(line) and _may_title(line) and bool(title_pattern().search(fold(line)))
            if introduces or titled or (refs and len(line) <= 120 and _annex_heading(line) in refs):
                out.append(end + 1)
        pos = end + 1
    return out


def _may_title(line: str) -> bool:
    low = line.lower()
    return any(k in low for k in TITLE_KEYS)


def list_rows(ag: Agreement) -> list[Row]:
    """Sub-processor rows of every list in the agreement (offsets into Document.text)."""
    rows: list[Row] = []
    seen: set[int] = set()
    for start in _anchors(ag):
        for row in _read_list(ag, start):
            if row.start not in seen:
                seen.add(row.start)
                rows.append(row)
    return rows


def _read_list(ag: Agreement, start: int) -> list[Row]:
    text = ag.text
    rows: list[Row] = []
    misses = 0
    for pos, line in _lines(text, start):
        if not line.strip():
            continue
        bullet = BULLET.match(line)
        body = plain(line[bullet.end() if bullet else 0 :])
        heading = line.lstrip().startswith("#") or bool(_annex_heading(line))
        if heading:
            body = body.lstrip("# ")
        offset = ag.start + pos + (len(line) - len(body.lstrip()))
        body = body.strip()
        if rows and _attach(rows[-1], body, bool(bullet)):
            continue
        found = _items(body, offset, bool(bullet) or heading)
        if found:
            rows.extend(found)
            misses = 0
            continue
        if heading or not bullet:
            break  # a new section, or prose after (or instead of) the list
        misses += 1
        if misses > 3 and not rows:
            break
    return rows


def _attach(row: Row, body: str, bulleted: bool) -> bool:
    """A "Field: value" line giving the service, place, address or safeguard of the item above it
    ("Function: hosting", "Address: ...", "Contact person's name, position and contact details: ...")."""
    m = _LABEL.match(body)
    if not m or len(m.group(1).split()) > 12 or legal_form_pattern().search(m.group(1)):
        return False
    label = m.group(1)
    kind = column_type(label, at_start=True)
    value = body[m.end() :].strip()
    if legal_form_pattern().search(value[:80]) or (kind == "name" and is_brand(value.split(",")[0].strip())):
        return False  # the next item ("Name: Acme Cloud")
    # "Contact person's name, position...: dpo@..." opens with a name word but is a field
    known = kind in ("name", "service", "country", "safeguard", "address", "contact", "duration", "category")
    if bulleted and not (known and not split_names(value)[0]):
        return False  # a bullet of its own: "- Payments: Paylark, Coinwell"
    if not bulleted and not known and len(label.split()) < 3:
        return False
    if kind == "service" and not row.service:
        row.service = value[:120]
    elif kind in ("country", "address") and not row.country:
        row.country = place_of(value) or address_country(value)
    if kind == "address" and not row.address:
        row.address = value
    row.rest += " " + value
    row.after_country += " " + value
    return True


def _items(body: str, offset: int, listed: bool) -> list[Row]:
    """The sub-processors one list line names (``listed``: a bullet, number or heading opens it)."""
    if is_example(body):
        return []  # examples ("e.g. ..."), not the list
    m = _LABEL.match(body)
    if m and not legal_form_pattern().search(m.group(1)):
        label, rest, at = m.group(1).strip(), body[m.end() :], offset + m.end()
        kind = column_type(label, at_start=True)
        if kind in ("country", "address", "safeguard", "duration", "contact", "category"):
            return []
        service = None if kind == "name" else label
        url = _URL.match(rest)
        if url:  # the service's site names it, unless it is where the list itself is published
            return [] if TOPIC.search(url.group(0)) or _LIST_WORD.search(url.group(0)) else [_url_row(url, rest, at, service)]
        if legal_form_pattern().search(rest[:80]):
            row = parse_row(rest, at)
            row.service = service or row.service
            return [row]
        if is_example(rest):
            return []
        return [brand_row(name, s, at, service) for name, s in split_names(rest)[0]]
    if m:  # "Acme GmbH: hosting in Germany"
        row = parse_row(m.group(1), offset)
        row.service = body[m.end() :].strip()[:120] or None
        found = countries_in(row.service or "")
        row.country = row.country or (found[0][2] if found else None)
        row.rest = row.after_country = body[m.end() :]
        return [row]
    form = legal_form_pattern().search(body[:80])
    if form and form.start() > 0 and _name_words(body[: form.start()]):
        return [parse_row(body, offset)]
    if listed and countries_in(body):
        row = parse_row(body, offset)
        return [row] if is_brand(row.name) else []
    return []


def _name_words(head: str) -> bool:
    """The words before a legal form are a name ("Acme Cloud", "1&1 Hosting"), not a sentence
    ("The Processor uses Acme")."""
    words = head.replace(",", " ").split()
    return 0 < len(words) <= 6 and all(w[0].isupper() or w[0].isdigit() or w[0] in "&+-–(" or w.lower() in _CONNECT
                                       for w in words)


def _url_row(url: re.Match[str], rest: str, at: int, service: str | None) -> Row:
    host = url.group(1).lower()
    host = host[4:] if host.startswith("www.") else host
    tail = rest[url.end() :].strip(" ,;-–")
    paren = _TAIL_PAREN.search(tail)
    return Row(name=host, text=rest, start=at, end=at + len(rest.rstrip()), country=None,
               service=service or (paren.group(1) if paren else None), rest=tail, after_country=tail)
