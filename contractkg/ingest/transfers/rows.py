"""Sub-processor table rows -> {name, address, country, service, safeguard text}.

Works on cells when the table has separators ("|", tabs, runs of spaces), and on rows whose cells
run together with single spaces or none at all ("ACMEStockage ...FRANCEN/A"): cell borders are
then found from legal-form suffixes, upper-case runs and country names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from contractkg.ingest import pattern_cache
from contractkg.ingest.lexical.countries import country_code, find_countries
from contractkg.ingest.lexicon import alternation, lexicon
from contractkg.ingest.structure.table_cells import column_type

_UPPER = "A-ZÀ-ÖØ-Ý"
_LOWER = "a-zß-öø-ÿ"
# An upper-case run glued to the next word: "ACMEHOSTStockage" -> "ACMEHOST" + "Stockage"
_GLUED_NAME = pattern_cache.compile(rf"^([{_UPPER}0-9][{_UPPER}0-9&.'’\- ]*[{_UPPER}0-9])(?=[{_UPPER}][{_LOWER}])")
# An upper-case name followed by lower-case text: "ACME CLOUD hosting"
_CAPS_NAME = pattern_cache.compile(rf"^([{_UPPER}0-9][{_UPPER}0-9&.'’\- ]*[{_UPPER}0-9])(?=\s+[{_LOWER}])")
_UPPER_RUN = pattern_cache.compile(rf"[{_UPPER}][{_UPPER}'’\- ]*[{_UPPER}]")
_STREET_BEFORE = pattern_cache.compile(r"(?i)(?:" + alternation("safeguards", "street_before_words") + r")\s+$")
_ALIAS = re.compile(r"^\s*\([^()\d]{1,30}\)")  # "Acme Web Services, Inc. (AWS), hosting": the short name
_SPLIT = re.compile(r"\t+|[ \u00a0]{2,}|\s*\|\s*")


@dataclass
class Row:
    name: str
    text: str  # the whole row
    start: int
    end: int
    address: str | None = None
    country: str | None = None
    country_span: tuple[int, int] | None = None
    service: str | None = None
    rest: str = ""  # text after name (safeguards, measures)
    after_country: str = ""  # text after the country (the safeguard column, glued or not)
    cells: list[str] = field(default_factory=list)


_MD_LINK = re.compile(r"\[([^\]\n]{1,120})\]\([^)\s]{1,300}\)")
_MD_MARK = re.compile(r"\*\*|__|`")


def plain(text: str) -> str:
    """Markdown link and emphasis marks removed: "[**Acme**](https://acme.example)" -> "Acme"."""
    if "[" in text:
        text = _MD_LINK.sub(r"\1", text)
    return _MD_MARK.sub("", text) if "*" in text or "_" in text or "`" in text else text


@lru_cache(maxsize=1)
def legal_form_pattern() -> re.Pattern[str]:
    forms = lexicon("safeguards")["subprocessor_table"]["legal_forms"]
    alts = sorted({re.escape(f).replace(r"\.", r"\.?").replace(r"\ ", r"\s*") for f in forms}, key=lambda w: (-len(w), w))
    return pattern_cache.compile(r"(?<![\w.])(?:" + "|".join(alts) + r")(?![\w])\.?")


def countries_in(text: str) -> list[tuple[int, int, str]]:
    """Countries in a table cell or row, including upper-case names glued to neighbours ("FRANCEN/A")."""
    out = []
    for s, e, code in find_countries(text):
        word = text[s:e]
        if len(word) <= 3 and not word.isupper():
            continue  # "us", "it": pronouns, not countries
        if _STREET_BEFORE.search(text[max(0, s - 12) : s]):
            continue  # "rue Maurice", "via Italia"
        out.append((s, e, code))
    if out:
        return out
    for m in _UPPER_RUN.finditer(text):
        hit = _country_inside(m.group(0)[:60])
        if hit:
            out.append((m.start() + hit[0], m.start() + hit[1], hit[2]))
    return out


def _country_inside(run: str) -> tuple[int, int, str] | None:
    """The leftmost, then longest, country name of 4+ letters inside an upper-case run."""
    for i in range(len(run) - 3):
        if not run[i].isalpha():
            continue
        for cut in range(len(run), i + 3, -1):
            code = country_code(run[i:cut])
            if code and not run[i:cut].isspace():
                return i, cut, code
    return None


def split_name(row: str) -> tuple[str, int]:
    """(name, end offset of the name in ``row``)."""
    first_line = row.split("\n", 1)[0]
    if "\n" in row.strip() and not countries_in(first_line):
        return first_line.strip(), len(first_line)
    head = row[:120]
    street = re.search(r",?\s+\d|\s+\d{2,}", head)
    limit = street.start() if street else len(head)
    forms = [m for m in legal_form_pattern().finditer(head) if m.end() <= limit + 1 and m.start() > 0]
    if forms:
        end = forms[0].end()
        if row[:end].count("(") > row[:end].count(")") and row[end : end + 1] == ")":
            end += 1  # "Sentry (Functional Software, Inc.)": the company behind a brand
        return row[:end].strip(" ,"), end
    m = _GLUED_NAME.match(row) or _CAPS_NAME.match(row)
    if m:
        return m.group(1).strip(), m.end(1)
    comma = row.find(",")
    if 0 < comma < limit:
        return row[:comma].strip(), comma
    words = list(re.finditer(r"\S+", row[:limit]))
    for i, w in enumerate(words):
        if w.group(0)[0].islower() and i >= 2:
            end = words[i - 2].end()
            return row[:end].strip(" ,"), end
    end = words[min(len(words), 3) - 1].end() if words else len(row)
    return row[:end].strip(" ,"), end


def parse_row(text: str, start: int, location_is_processing: bool = False, cells: list[str] | None = None) -> Row:
    """One row of a sub-processor table; offsets ``start`` is where ``text`` starts in Document.text."""
    text = text.strip("| \n")
    cells = cells if cells is not None else ([c.strip() for c in _SPLIT.split(text)] if _SPLIT.search(text) else [])
    if "|" in text and not cells:
        cells = [c.strip() for c in text.split("|")]
    cells = [c for c in cells if c] if cells else cells
    first = cells[0] if cells else text
    name, name_end = split_name(first)
    if (cells and len(cells) > 1 and len(first) < 80 and not re.search(r"[\d,]", first[name_end:])
            and not legal_form_pattern().search(first)):
        name, name_end = first.strip(" ,"), len(first)  # a name cell on its own ("Acme Company of America")
    row = Row(name=name, text=text, start=start, end=start + len(text), cells=cells)
    after = text[text.find(first) + name_end :] if cells else text[name_end:]
    row.rest = after
    row.after_country = ""
    offset = len(text) - len(after)
    found = countries_in(after)
    if found:
        s, e, code = found[0]
        row.country, row.country_span = code, (start + offset + s, start + offset + e)
        row.after_country = after[e:]
        between = _ALIAS.sub("", after[:s]).strip(" ,;-–—(:")
        if re.search(r"\d{2,}", between):
            row.address = between
            row.service = _service_after(after[e:]) if not cells else (cells[1] if len(cells) > 1 else None)
        elif len(between.split()) == 1 and column_type(between, at_start=True) in ("country", "address"):
            row.service = cells[1] if len(cells) > 1 else None  # "(Sitz: USA)", "(seat: Ireland)": a label
        else:
            row.service = between or (cells[1] if len(cells) > 1 else _service_after(after[e:]))
    elif len(cells) > 1:
        row.service = cells[1]
    if cells and len(cells) > 1 and row.address is None:
        addr = first[name_end:].strip(" ,")
        row.address = addr or None
    if row.service:
        row.service = row.service.strip(" ,;|")[:120] or None
    return row


# where the legal-basis column starts in a row whose cells run together
_BASIS = pattern_cache.compile(r"(?i)[\s(](?:" + alternation("safeguards", "legal_basis_words") + r")")



def _drop_connector(text: str) -> str:
    """Text before a legal-basis cell without the short lower-case word that led into it
    ("support, with" -> "support", "apoio ao cliente (" -> "apoio ao cliente")."""
    text = text.rstrip(" ,;(")
    cut = max(text.rfind(c) for c in " ,;(")
    last = text[cut + 1 :]
    if cut > 0 and len(last) <= 5 and last.isalpha() and last.islower():
        text = text[:cut].rstrip(" ,;(")
    return text


def _service_after(tail: str) -> str | None:
    """Service text following the address: up to the legal-basis cell or the next sentence-like chunk."""
    tail = tail.strip(" ,;:|)–—-")
    basis = _BASIS.search(" " + tail)
    if basis and basis.start() > 1:
        tail = _drop_connector(tail[: basis.start() - 1])
    m = re.match(r"(.{2,80}?)(?=\s+[A-ZÀ-Ý][a-zà-ÿ]+\s+[a-zà-ÿ]+\s+[a-zà-ÿ]+|$)", tail)
    return (m.group(1) if m else tail[:60]).strip(" ,;.") or None
