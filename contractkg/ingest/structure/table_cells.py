"""Cell borders in table lines that lost their separators.

Three line forms:
- separated: pipes, tabs or runs of 2+ spaces ("A | B | C", "A\tB", "A   B");
- glued: cells run together with no separator ("ACMEHosting of dataFRANCEN/A"); borders are case
  changes (an upper-case run followed by a capitalised word, a lower-case letter followed by a
  capital) and country names in any language;
- spaced: cells separated by single spaces ("Acme GmbH, Street 1, Berlin Germany Hosting SCC");
  borders are country names, legal-form suffixes, known safeguard values and capitalised words;
- auto: ``row_mode`` tells glued from spaced, row by row (rows under a separated header).
Column types (name, service, country, safeguard, address, duration, category) come from header words
in ``lexicons/tables.yaml``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from contractkg.ingest import pattern_cache
from contractkg.ingest.lexical.countries import fold as _cfold
from contractkg.ingest.lexical.countries import names as country_names
from contractkg.ingest.lexicon import alternation, lexicon
from contractkg.ingest.structure.agreement_kinds import fold

_SEPARATED = re.compile(r"\s*\|\s*|\t+|\s{2,}")
_GLUE = re.compile(r"(?<=[a-zß-ÿ0-9).…:;%])(?=[A-ZÀ-Þ])|(?<=[A-ZÀ-Þ]{2})(?=[A-ZÀ-Þ][a-zß-ÿ])")
_LEGAL_FORM = re.compile(r"\b(?:GmbH|AG|SAS|SASU|SA|SARL|S\.?r\.?l\.?|S\.?p\.?A\.?|Inc\.?|LLC|Ltd\.?|Limited|"
                         r"PLC|plc|B\.?V\.?|N\.?V\.?|Corp\.?|Corporation|Pty Ltd|Oy|AB|A/S|SE|KG|UG|S\.?L\.?|"
                         r"Ltda\.?|S\.?L\.?U\.?)(?=[\s,;)]|$)")
_WORD = re.compile(r"\S+")
# Words that open a legal-basis cell ("Standard contractual clauses", "Accordo per il trattamento...")
_LEGAL_START = pattern_cache.compile(r"(?<= )(?:" + alternation("tables", "legal_basis_starts") + r")\b")


@lru_cache(maxsize=1)
def _header_words() -> tuple[dict[str, str], re.Pattern[str], re.Pattern[str]]:
    """folded header word -> column type; the words as one pattern (bounded) and (unbounded)."""
    types = {fold(w): t for t, ws in lexicon("tables")["headers"].items() for w in ws}
    alts = "|".join(re.escape(w) for w in sorted(types, key=len, reverse=True))
    return types, pattern_cache.compile(r"(?<![a-z])(" + alts + r")(?![a-z])"), pattern_cache.compile("(" + alts + ")")


@lru_cache(maxsize=1)
def _glued_country() -> tuple[dict[str, str], list[int]]:
    """Country names (folded, >= 4 letters) to look up at any word or case border, and their lengths."""
    table = {n: c for n, c in country_names().items() if len(n) >= 4 and re.fullmatch(r"[a-z][a-z '\-]+", n)}
    return table, sorted({len(n) for n in table}, reverse=True)


@lru_cache(maxsize=1)
def _short_country() -> re.Pattern[str]:
    """Short names and codes ("USA", "UK"): only as whole upper-case words."""
    alts = sorted((n for n in country_names() if len(n) < 4 and n.isalpha()), key=len, reverse=True)
    return pattern_cache.compile(r"(?<![A-Za-z])(?:" + "|".join(re.escape(a.upper()) for a in alts) + r")(?![A-Za-z])")


@lru_cache(maxsize=1)
def _safeguard_values() -> set[str]:
    return {fold(v) or v for v in lexicon("tables")["safeguard_values"]}


def column_type(header_cell: str, at_start: bool = False) -> str:
    """Type of a column from its header ("Localisation des serveurs" -> "country"); "other" if unknown.

    ``at_start``: only a header word that opens the cell counts."""
    types, bounded, _glued = _header_words()
    m = bounded.search(fold(header_cell))
    if not m or (at_start and m.start() != 0):
        return "other"
    return types[m.group(1)]


def opens_with_header_word(text: str) -> bool:
    """``text`` starts with a header word; in capitals it may be glued to the next one ("NOMEATTIVITÀ")."""
    if column_type(text) != "other":
        return True
    return text.isupper() and bool(_header_words()[2].match(fold(text)))


def column_types(header: list[str]) -> list[str]:
    return [column_type(h) for h in header]


def is_separated(line: str) -> bool:
    return "|" in line or "\t" in line or bool(re.search(r"\S\s{3,}\S", line))


def split_separated(line: str) -> list[str]:
    cells = [c.strip() for c in _SEPARATED.split(line.strip().strip("|"))]
    return [c for c in cells if c] or [""]


def split_header(line: str) -> list[str]:
    """Header cells: separators if any, else borders at header words (glued or spaced), else at
    capitalised words after a lower-case one. In a Title Case header only header words count, and
    neighbouring cells of one type merge ("Sub-Processor Name" is one name column)."""
    if is_separated(line):
        return split_separated(line)
    s = line.strip()
    letters = [c for c in s if c.isalpha()]
    upper = sum(c.isupper() for c in letters) > 0.8 * max(1, len(letters))
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", s) if len(w) > 3]
    title_case = not upper and len(words) > 1 and all(w[0].isupper() for w in words)
    starts = {0}
    f = _fold_same_length(s)
    for m in _header_words()[2].finditer(f):
        i = m.start()
        glued = i > 0 and s[i - 1].isalpha() and s[i].isupper() and (upper or s[i - 1].islower())
        spaced = i > 0 and s[i - 1] == " " and s[i].isupper() and not upper and s[i - 2 : i - 1] not in ("/", ",", "&") \
            and not f[m.end() : m.end() + 1].isalpha()
        if glued or spaced:
            starts.add(i)
    if not upper and not title_case:  # sentence case: each cell starts with a capital after a lower-case word
        for m in re.finditer(r"(?<=[a-zß-ÿ)] )[A-ZÀ-Þ][a-zß-ÿ]", s):
            starts.add(m.start())
    cuts = sorted(starts)
    cells = [s[a:b].strip() for a, b in zip(cuts, cuts[1:] + [len(s)], strict=True) if s[a:b].strip()]
    if title_case:
        merged: list[str] = []
        for cell in cells:
            if merged and column_type(cell) == column_type(merged[-1]):
                merged[-1] = f"{merged[-1]} {cell}"
            else:
                merged.append(cell)
        cells = merged
    return cells


_CHAR_FOLD: dict[str, str] = {}


def _fold_same_length(s: str) -> str:
    """Folded text with one character per input character, so offsets carry over."""
    table = _CHAR_FOLD
    out = []
    for ch in s:
        f = table.get(ch)
        if f is None:
            f = table[ch] = (_cfold(ch) or "?")[0] if ch.strip() else " "
        out.append(f)
    return "".join(out)


def find_country_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, alpha-2) of country names in ``text``, also when glued to other words."""
    return list(_country_spans(text))


@lru_cache(maxsize=2048)  # a row is looked at by row_mode, the row joiner and split_row
def _country_spans(text: str) -> tuple[tuple[int, int, str], ...]:
    f = _fold_same_length(text)
    table, lengths = _glued_country()
    out = []
    a = 0
    while a < len(text):
        ch = text[a]
        prev = text[a - 1] if a else " "
        if not ch.isalpha() or (prev.isalpha() and not ch.isupper()):
            a += 1
            continue
        name = next((f[a : a + n] for n in lengths if f[a : a + n] in table), None)
        if name is None:
            a += 1
            continue
        b = a + len(name)
        word = text[a:b]
        left = text[a - 1] if a else " "
        right = text[b] if b < len(text) else " "
        if word.isupper():
            tail = text[b:].strip()
            ok = not left.isalpha() or left.islower() or not tail or (fold(tail) or tail) in _safeguard_values() \
                or (right.isupper() and text[b + 1 : b + 2].islower())
        else:
            # a capitalised name after a lower-case letter or an acronym ("CRMIreland")
            after_acronym = a > 1 and text[a - 2 : a].isupper() and word[1:2].islower()
            ok = word[:1].isupper() and (not left.isalpha() or left.islower() or after_acronym) and \
                (not right.isalpha() or right.isupper())
        if ok:
            out.append((a, b, table[name]))
        a = b if ok else a + 1
    for m in _short_country().finditer(text):
        code = country_names()[m.group(0).lower()]
        if code not in {"IT", "DE", "ES", "AT", "BE", "NO"}:  # words in some language
            out.append((m.start(), m.end(), code))
    return tuple(sorted(out))


@lru_cache(maxsize=1)
def _glued_legal_form() -> re.Pattern[str]:
    """A legal form (as spelled, or in capitals) glued to the next cell ("LIMITEDSMS", "GmbHHosting").

    Two-letter undotted forms ("AG", "SA") are left out: they open too many words."""
    spellings = {v for f in lexicon("legal_forms")["forms"].values() for s in f["spellings"] for v in (s, s.upper())}
    alts = sorted((s for s in spellings if "." in s or len(s) >= 3), key=lambda s: (-len(s), s))
    return pattern_cache.compile(r"(?<![^\s,])(?:" + "|".join(re.escape(a) for a in alts) + r")(?=[A-ZÀ-Þ0-9])")


def _upper_run(s: str) -> bool:
    return s.isalpha() and s.isupper()


def row_mode(line: str) -> str:
    """How the cells of one row are delimited: separated | glued | spaced.

    Glued when a country name touches a letter, or an upper-case run is glued to a capitalised word,
    or at least two case changes occur inside words (one alone may be a brand: "HubSpot")."""
    if is_separated(line):
        return "separated"
    flat = line.replace("\n", " ")
    for a, b, _code in find_country_spans(flat):
        if (a and flat[a - 1].isalpha()) or (b < len(flat) and flat[b].isalnum()):
            return "glued"
    glues = [m.start() for m in _GLUE.finditer(flat)]
    if len(glues) >= 2 or any(_upper_run(flat[i - 2 : i]) for i in glues) or _glued_legal_form().search(flat):
        return "glued"
    return "spaced"


def split_row(line: str, types: list[str], mode: str = "spaced") -> list[str]:
    """Cells of one table row (``mode``: separated | glued | spaced | auto) for columns of ``types``.

    A row that ran over several source lines may keep its ``\n``s: they are likely borders."""
    n = len(types)
    if mode == "auto":
        mode = row_mode(line)
    if mode == "separated" or is_separated(line):
        cells = split_separated(line)
        if n <= 1:
            return [" ".join(cells)]
        if len(cells) == n:
            return cells
        if len(cells) < n:  # some separators lost: split inside cells, never across one
            inner = split_row("\n".join(cells), types, "auto")
            if _keeps_borders(cells, inner):
                return inner
        joined = " | ".join(cells)
        return [c.strip(" |") for c in _fit(_cells(joined, [m.start() for m in re.finditer(r" \| ", joined)]), n, joined)]
    s = re.sub(r"[^\S\n]+", " ", line.strip())
    if n <= 1:
        return [s.replace("\n", " ")]
    spans = find_country_spans(s.replace("\n", " "))
    if spans:
        a, b, _code = spans[-1]
        if "country" in types and 0 < types.index("country"):
            k = types.index("country")
            return _split_part(s[:a], types[:k], mode) + [s[a:b]] + _split_part(s[b:], types[k + 1 :], mode)
        a, b, _code = spans[0]  # an address in the first cell ends with its country
        if types[0] in ("name", "address") and b < len(s):
            return [s[:b].replace("\n", " ").strip(" ,")] + _split_part(s[b:], types[1:], mode)
    return _split_part(s, types, mode)


def _keeps_borders(cells: list[str], inner: list[str]) -> bool:
    """``inner`` splits only inside ``cells``; where a spaced cell was split, the new border follows
    a capitalised word or punctuation ("Hosting France", not "hosting in the EU")."""
    k, prev = 0, ""
    glued = any(row_mode(c) == "glued" for c in cells)
    for part in (p for p in inner if p):
        while k < len(cells) and part not in cells[k]:
            k, prev = k + 1, ""
        if k == len(cells):
            return False
        if prev and not glued and not (prev.split()[-1][:1].isupper() or prev[-1] in ".,;)"):
            return False
        prev = part
    return True


def _split_part(s: str, types: list[str], mode: str) -> list[str]:
    """Split ``s`` into ``len(types)`` cells."""
    n = len(types)
    s = s.strip(" ,;\n")
    if n == 0:
        return []
    if n == 1:
        return [s.replace("\n", " ")]
    cuts = {m.start() for m in re.finditer("\n", s)}
    last = s.rsplit(" ", 1)
    if len(last) == 2 and (fold(last[-1]) or last[-1]) in _safeguard_values():
        cuts.add(len(last[0]))
    if mode == "glued":
        cuts |= {m.start() for m in _GLUE.finditer(s)}
        if types[-1] == "safeguard":
            m = re.search(r"(?:N/?A|CCT|SCC|BCR|DPF|/)$", s)
            if m and m.start() > 0:
                cuts.add(m.start())
        for m in _glued_legal_form().finditer(s):
            # a mixed-case or dotted form ("GmbH", "Inc.") always ends the name; a capitalised one
            # ("SPA", "CORP" may open "SPACE", "CORPORATE") only when borders are missing
            if not m.group(0).isupper() or "." in m.group(0) or len(cuts) < n - 1:
                cuts = {c for c in cuts if not m.start() < c < m.end()} | {m.end()}
    else:
        if types[0] == "name":
            m = _LEGAL_FORM.search(s)
            if m and m.end() < len(s):
                cuts.add(m.end())
        legal = _LEGAL_START.search(s, 1) if "safeguard" in types[1:] else None
        if legal:
            cuts.add(legal.start())
        after = legal.start() if legal else 0
        cuts |= {m.start() + 1 for m in re.finditer(r"(?<=[A-Za-zß-ÿ)]{2}\.) (?=[A-ZÀ-Þ])", s) if m.start() > after}
        if len(cuts) < n - 1:
            cuts |= {m.start() for m in re.finditer(r"(?<=[a-zß-ÿ)] )[A-ZÀ-Þ][a-zß-ÿ]+ [a-zß-ÿ]", s)}
    return _fit(_cells(s, sorted(cuts)), n, s)


def _cells(s: str, cuts: list[int]) -> list[tuple[int, int]]:
    bounds = [0] + [c for c in cuts if 0 < c < len(s)] + [len(s)]
    return [(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if s[a:b].strip(" ,;\n")]


def _fit(cells: list[tuple[int, int]], n: int, s: str) -> list[str]:
    """Exactly ``n`` cells: the shortest neighbours merge while too many; padding when too few."""
    spans = list(cells)
    while len(spans) > n:
        i = min(range(len(spans) - 1), key=lambda k: spans[k + 1][1] - spans[k][0])
        spans[i : i + 2] = [(spans[i][0], spans[i + 1][1])]
    out = [" ".join(s[a:b].split()).strip(" ,;") for a, b in spans]
    return out + [""] * (n - len(out))


def words(line: str) -> int:
    return len(_WORD.findall(line))
