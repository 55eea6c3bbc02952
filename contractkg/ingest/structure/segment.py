"""Document -> Agreements: cut a file into the agreements it holds.

Signals, all general (no vendor strings; phrases in lexicon ``structure.yaml``):
- title lines naming an agreement type; annex/exhibit headings ("Annexe 1 – Accord de traitement",
  "Anlage 1 zu den AGB" + title line) whose own title names a DPA, SCCs or a statement of work;
  the first annex of the EU SCCs ("Annex I – A. List of parties");
- a new agreement after a whole one needs a numbering restart (clause 1 again) or a preamble
  ("This SOW is issued...", "Le présent accord...", "Zwischen..."); a second agreement of the same
  kind also needs an agreement noun in its title and numbered clauses before it (two vendors' DPAs);
- a separate "Service Level Agreement" splits, a "Service levels" section or annexed SLA does not;
- site chrome (menus, breadcrumbs, cookie banners, footers), contents entries and lists of annexes
  never open an agreement; text before the first title is dropped unless it is a contract body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from contractkg.ingest import pattern_cache
from contractkg.ingest.document import Agreement, Document
from contractkg.ingest.language import detect, dominant
from contractkg.ingest.lexicon import alternation
from contractkg.ingest.load.markup import clean_line, front_matter
from contractkg.ingest.structure import agreement_kinds as ak
from contractkg.ingest.structure.clauses import parse_clauses, parse_heading
from contractkg.ingest.structure.tables import tables_of
from contractkg.ingest.transfers.companions import lists_subprocessors

MIN_BODY = 1200  # chars an agreement must hold before another title may cut it
_NEXT_HEADINGS = 25  # non-blank lines looked at for a numbering restart after a title
_BULLET = re.compile(r"^\s*[-•·*o▪◦–]\s")
_HEADING_NO = pattern_cache.compile(r"^\s*(?:(?:" + alternation("structure", "numbered_heading_words") + r")\s*)?"
                                    r"(\d{1,3})(?:[.,]\d{1,3})*\s*[.)\-–]?\s+\S", re.I)
_TABLE_ROW = re.compile(r"\||\t|\S {3,}\S[^\n]{0,200}?\S {3,}\S")  # cells split by pipes, tabs or wide gaps
_HAS_UPPER_START = re.compile(r"^\W*[A-ZÀ-ÖØ-Þ0-9]")
_MARKUP = re.compile(r"^\s*(?:#{1,6}\s+|\*\*|__)")
_LANG_SAMPLE = 600  # chars of prose compared on each side of a title for a change of language
_SHORT_BODY = 400  # chars enough for an agreement already holding numbered clauses


@dataclass
class _Line:
    start: int
    end: int
    text: str
    front: bool = False  # the title given in the file's front matter


@dataclass
class _Cut:
    at: int  # index into the non-blank lines where the agreement starts
    kind: str
    title: str
    main: bool


def _nonblank_lines(text: str) -> list[_Line]:
    """The lines holding visible text, as a reader sees them: markup and code removed (a template's
    tags, comments, imports), front matter reduced to its title."""
    raw_lines: list[_Line] = []
    pos = 0
    for raw in text.split("\n"):
        if raw.strip():
            raw_lines.append(_Line(pos, pos + len(raw), raw))
        pos += len(raw) + 1
    front = front_matter([x.text for x in raw_lines[:60]])
    out = []
    for k, x in enumerate(raw_lines):
        if front and k <= front[1]:
            title = front[2]
            if title and _FRONT_KEY.match(x.text) and title in x.text:
                out.append(_Line(x.start, x.end, title, front=True))
            continue
        clean = clean_line(x.text)
        if clean.strip():
            out.append(x if clean is x.text else _Line(x.start, x.end, clean))
    return out


_FRONT_KEY = re.compile(r"^\s*(?:title|name|heading)\s*[:=]", re.I)


def _is_bare_marker(line: str) -> bool:
    """An annex heading without a title of its own ("Annexe B", "Anlage 1 zu den AGB")."""
    return ak.annex_title(line) == ""


def _candidate(lines: list[_Line], j: int) -> tuple[str, bool, bool] | None:
    """(kind, annexed, numbered) when line j may open an agreement (never a menu or contents line)."""
    cand = _title_candidate(lines, j)
    if cand and (ak.is_site_chrome(lines[j].text) or ak.is_toc_entry(lines[j].text)):
        return None
    return cand


def _title_candidate(lines: list[_Line], j: int) -> tuple[str, bool, bool] | None:
    t = lines[j].text
    if _BULLET.match(t) or _TABLE_ROW.search(t):
        return None  # a list item or a table row ("| Acme Inc. | USA | Standard Contractual Clauses |")
    marker = ak.annex_marker(t)
    if not marker and ak.is_signature_line(t):
        return None  # a signature block ("For the Processor", "Por el Encargado del tratamiento")
    if ak.looks_like_title(t) and (marker or _HAS_UPPER_START.match(t)) and (len(t.split()) > 1 or len(t.strip()) >= 10):
        kind = ak.title_kind(ak.annex_title(t) or "") if marker else ak.title_kind(t)
        if kind:
            return kind, bool(marker), False
    if marker and any(len(x.text) < 100 and ak.is_scc_annex_cue(x.text) for x in lines[j + 1 : j + 3]):
        return "scc", True, False
    if ak.looks_like_title(t):  # "Annexe 1 – Données personnelles" / "ANNEXE 1" + "DATI PERSONALI", then clause 1
        own = ak.annex_title(t) if marker else (t if j and _is_bare_marker(lines[j - 1].text) else None)
        if own and ak.is_dpa_heading(own) and _restarts_numbering(lines, j):
            return "dpa", True, False
    if ak.starts_numbering(t) and len(t) < 140:
        hm = _HEADING_NO.match(t)
        heading = t[hm.end() - 1 :] if hm else t
        if not ak.looks_like_title(heading):
            return None  # a numbered sentence, not a clause heading
        prev = lines[j - 1].text.rstrip() if j else ""
        if prev.endswith(":") or parse_heading(prev):
            return None  # the first sub-clause of a clause ("Article 9 – Données\n1. Traitement...")
        kind = ak.title_kind(heading) or ("dpa" if ak.is_dpa_heading(heading) else None)
        if kind and ak.splits_when_annexed(kind):
            return kind, True, True
    return None


def _is_menu_line(text: str) -> bool:
    """A line of a page header: menu entry, breadcrumb, cookie banner."""
    if ak.is_site_chrome(text) or ak.mentions_cookies(text):
        return True
    if _HEADING_NO.match(text) or ak.is_toc_heading(text) or ak.is_toc_entry(text):
        return False  # a table of contents is the agreement's own
    return len(text.strip()) < 60 and not text.rstrip().endswith((".", ":", ";"))


def _is_header_chrome(text: str) -> bool:
    return ak.is_site_chrome(text) or ak.mentions_cookies(text)


def _only_menu(lines: list[_Line], a: int, b: int) -> bool:
    """Lines a..b-1 are all short and sentence-less or site chrome, like a site header."""
    return all(_is_menu_line(x.text) for x in lines[a:b])


def _has_body(lines: list[_Line], a: int, b: int) -> bool:
    """Lines a..b-1 hold a whole agreement: long enough, or shorter but with numbered clauses."""
    size = lines[b].start - lines[a].start
    if size >= MIN_BODY:
        return True
    prose = sum(1 for x in lines[a + 1 : b] if len(x.text) >= 80)  # not a bare table of contents
    return size >= _SHORT_BODY and prose >= 2 and _numbered_heads(lines, a, b) >= 3


def _numbered_heads(lines: list[_Line], a: int, b: int) -> int:
    return sum(1 for x in lines[a + 1 : b] if len(x.text) < 100 and _HEADING_NO.match(_MARKUP.sub("", x.text)))


def _introduced(lines: list[_Line], j: int) -> bool:
    """The first paragraph after title j presents the agreement or its parties (a short date or
    version line may come between; a section heading may not)."""
    for x in lines[j + 1 : j + 4]:
        text = _MARKUP.sub("", x.text).strip()
        if len(text) >= 60:
            return ak.introduces_agreement(text, lines[j].text)
        if _HEADING_NO.match(text) or text.isupper():
            return False
    return False


def _toc_or_list_entry(lines: list[_Line], j: int, last_seen: dict[str, int]) -> bool:
    """Title j is an entry of a contents list or of a list of annexes: short neighbours, and the same
    line recurs later (where the annex really starts)."""
    def short(k: int) -> bool:
        return 0 <= k < len(lines) and len(lines[k].text.strip()) < 100

    if not (short(j - 1) and short(j + 1)):
        return False
    marker = ak.annex_marker(lines[j].text)
    return max(last_seen.get(ak.fold(lines[j].text), j), last_seen.get(_marker_key(marker), j) if marker else j) > j


def _marker_key(marker: str) -> str:
    return "\0" + ak.fold(marker)


def _last_seen(lines: list[_Line]) -> dict[str, int]:
    """Folded short line, and annex marker ("annexe 1"), -> index of its last occurrence."""
    seen: dict[str, int] = {}
    for k, x in enumerate(lines):
        if len(x.text) < 160:
            seen[ak.fold(x.text)] = k
            marker = ak.annex_marker(x.text)
            if marker:
                seen[_marker_key(marker)] = k
    return seen


def _restarts_numbering(lines: list[_Line], j: int) -> bool:
    """Clause 1 follows title j, before any annex heading (whose numbering would be the annex's own)."""
    for x in lines[j + 1 : j + 1 + _NEXT_HEADINGS]:
        if ak.annex_marker(x.text):
            return False
        m = _HEADING_NO.match(_MARKUP.sub("", x.text))
        if m and len(x.text) < 100:  # a clause heading, not a numbered sentence of a list
            return m.group(1) in ("1", "01")
    return False


def _cuts(doc: Document, lines: list[_Line]) -> list[_Cut]:
    cuts: list[_Cut] = []
    last_seen: dict[str, int] | None = None
    for j in range(len(lines)):
        cand = _candidate(lines, j)
        if cand is None:
            continue
        kind, at_marker, numbered = cand
        title = lines[j].text.strip()
        if not cuts:
            if not numbered or _preamble_is_contract(doc.text[: lines[j].start]):
                cuts.append(_Cut(j, kind, title, True))
            continue  # else a first clause about personal data, not an annex
        if not at_marker and ak.strip_markup(title).endswith(":"):
            continue  # a lead-in inside the agreement ("Au sens du présent accord :"), not a new title
        cur = cuts[-1]
        same_title = ak.fold(title) == ak.fold(cur.title)
        if last_seen is None:
            last_seen = _last_seen(lines)
        if _toc_or_list_entry(lines, j, last_seen):
            continue
        if not _has_body(lines, cur.at, j):
            doubled = kind == cur.kind and same_title and j == cur.at + 1  # a doubled H1
            header = kind != cur.kind or same_title or any(_is_header_chrome(x.text) for x in lines[cur.at + 1 : j])
            if len(cuts) == 1 and header and not doubled and not at_marker and _only_menu(lines, cur.at, j):
                cuts[-1] = _Cut(j, kind, title, True)  # the first "title" was a site menu entry
            elif len(cuts) == 1 and lines[cur.at].front and not at_marker:
                cuts[-1] = _Cut(j, kind, title, True)  # the body's own title after the front matter's
            continue
        in_annex = at_marker or any(_is_bare_marker(x.text) for x in lines[max(0, j - 2) : j])
        if _opens_agreement(lines, j, kind, title, cur, in_annex, numbered):
            cuts.append(_Cut(j, kind, title, _is_main(kind, in_annex, cuts)))
    return cuts


def _opens_agreement(lines: list[_Line], j: int, kind: str, title: str, cur: _Cut, in_annex: bool,
                     numbered: bool) -> bool:
    """Title j, after a whole agreement ``cur``, starts a new one (not a section or running header)."""
    fresh = _restarts_numbering(lines, j) or _introduced(lines, j)
    if kind == cur.kind and ak.is_distinct_instrument(title) and not ak.is_distinct_instrument(cur.title):
        return in_annex or fresh  # the UK Addendum after the SCCs it amends
    if kind != cur.kind:
        if kind == "sla" and (in_annex or not ak.names_agreement(title)):
            return False  # service levels stay inside the agreement they complete
        return in_annex or fresh
    if ak.fold(title) == ak.fold(cur.title):
        return fresh  # the same title without a new clause 1 or preamble is a running header
    if in_annex:
        return ak.is_main_kind(kind)
    # another agreement of the same kind (a second vendor's DPA on the same page): its numbering
    # restarts after the current one's, or it is written in another language
    if numbered or not ak.names_agreement(title):
        return False
    return (fresh and _numbered_heads(lines, cur.at, j) >= 2) or _language_changes(lines, cur.at, j)


def _language_changes(lines: list[_Line], a: int, j: int) -> bool:
    """The prose before line j (from line a) and after it are in two different languages."""
    doc_text = "\n".join(x.text for x in lines[max(a + 1, j - 12) : j])[-_LANG_SAMPLE:]
    after = "\n".join(x.text for x in lines[j + 1 : j + 13])[:_LANG_SAMPLE]
    if len(doc_text) < _LANG_SAMPLE // 2 or len(after) < _LANG_SAMPLE // 2:
        return False
    before_lang, after_lang = detect(doc_text), detect(after)
    return bool(before_lang and after_lang and before_lang != after_lang)


def _is_main(kind: str, in_annex: bool, cuts: list[_Cut]) -> bool:
    """Whether the new agreement stands alone rather than being part of the current main one."""
    if ak.is_main_kind(kind):
        return True
    if in_annex:
        return False
    root = next(c for c in reversed(cuts) if c.main)
    return kind == "sla" or (kind == root.kind and not ak.is_main_kind(root.kind))


def _untitled_start(lines: list[_Line], upto: int) -> int:
    """First line of an agreement whose title was not recognised: the title-like lines just before
    its first clause or paragraph, after any site chrome (menus, cookie banner)."""
    body = next((k for k in range(upto) if not _is_header_chrome(lines[k].text) and (
        len(lines[k].text) >= 80 or _HEADING_NO.match(_MARKUP.sub("", lines[k].text)))), 0)
    start = body
    while start > 0 and body - start < 3 and not _is_header_chrome(lines[start - 1].text) \
            and ak.looks_like_title(lines[start - 1].text):
        start -= 1
    if start > 0 and not all(_is_menu_line(x.text) for x in lines[:start]):
        return 0  # real text before: keep it all
    return start


def _preamble_is_contract(text: str) -> bool:
    numbered = sum(1 for ln in text.split("\n") if _HEADING_NO.match(ln) and len(ln) < 200)
    return numbered >= 3 or len(text) > 4000


_TITLED_MIN_WORDS = 2  # distinct contract words enough under an agreement title
_PROCESSOR_MENTIONS = 3  # an untitled text naming the processor this often is a DPA


def _guess_untitled_kind(lines: list[_Line]) -> str:
    for x in lines[:5]:
        kind = ak.title_kind(x.text[:160])
        if kind:
            return kind
    head = "\n".join(x.text for x in lines[:150])[:20000]
    return "dpa" if ak.processor_mentions(head) >= _PROCESSOR_MENTIONS else "terms"


def split_agreements(doc: Document) -> list[Agreement]:
    """The agreements of ``doc``, in file order; ``part_of`` links annexed ones to their main one."""
    lines = _nonblank_lines(doc.text)
    if not lines:
        return []
    cuts = _cuts(doc, lines)
    if not (ak.has_contract_words(doc.text, _TITLED_MIN_WORDS if cuts else None) or lists_subprocessors(doc.text)):
        return []  # no contractual text at all ("hello world", a README); a sub-processor list page is read
    if not cuts:
        start = _untitled_start(lines, len(lines))
        cuts = [_Cut(start, _guess_untitled_kind(lines[start:]), "", True)]
    elif cuts[0].at > 0 and _preamble_is_contract(doc.text[: lines[cuts[0].at].start]):
        cuts[0].main = ak.is_main_kind(cuts[0].kind)
        start = _untitled_start(lines, cuts[0].at)
        cuts.insert(0, _Cut(start, _guess_untitled_kind(lines[start : cuts[0].at]), "", True))
    agreements: list[Agreement] = []
    root: int | None = None
    for n, cut in enumerate(cuts):
        start = lines[cut.at].start
        if n + 1 < len(cuts):
            nxt = cuts[n + 1].at
            # the next agreement's exhibit marker / product heading lines belong to neither body
            while nxt - 1 > cut.at and _is_bare_marker(lines[nxt - 1].text):
                nxt -= 1
            end = lines[nxt - 1].end
        else:
            end = _trim_tail(lines, cut.at)
        ag = Agreement(doc=doc, start=start, end=end, kind=cut.kind, index=n)
        ag.title = cut.title or ag.starts_with
        ag.language = dominant(ag.text)
        ag.clauses = parse_clauses(ag)
        ag.tables = tables_of(ag)
        if cut.main or root is None:
            root = n
        else:
            ag.part_of = root
        agreements.append(ag)
    return agreements


_FOOTER_LINKS = re.compile(r"\s[|·•›»]\s")


def _is_footer(text: str) -> bool:
    """Copyright line, cookie banner or a row of one- or two-word links ("Privacy | Cookies | Contact");
    a table row ("Provider | Hosting | Ireland" with longer cells, or "| a | b |") is not."""
    s = text.strip()
    if s.startswith(("©", "(c) 20", "(C) 20", "Copyright")) or ak.is_boilerplate(s):
        return True
    if ak.mentions_cookies(s) and ak.is_site_chrome(s):
        return True
    links = _FOOTER_LINKS.split(s)
    return len(links) >= 3 and not s.startswith("|") and all(len(x.split()) <= 2 for x in links)


def _trim_tail(lines: list[_Line], first: int) -> int:
    """End of the last agreement: trailing web boilerplate (demo forms, country pickers) cut off."""
    last = len(lines) - 1
    for k in range(len(lines) - 1, max(first, len(lines) - 30), -1):
        if ak.is_boilerplate(lines[k].text):
            last = k - 1
    while last > first and (len(lines[last].text.strip()) < 3 or _is_footer(lines[last].text)):
        last -= 1
    return lines[last].end


def guess_kind(text: str) -> str:
    """Kind of an untitled text, from its first lines."""
    return _guess_untitled_kind(_nonblank_lines(text[:3000]))
