"""What a single line says about document structure: agreement titles and their kind, annex
markers, tables of contents, web boilerplate. Phrases come from ``lexicons/structure.yaml``.

Lines are folded (lower case, no accents, apostrophes/hyphens/NBSP as spaces) before matching.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from contractkg.ingest import pattern_cache
from contractkg.ingest.lexicon import alternation, by_language, lexicon

_SEP = re.compile(r"[\s'’`´\-‐‑–—_/]+")
_PUNCT_END = re.compile(r"[.;,]\s*$")


def strip_markup(line: str) -> str:
    """The line without surrounding spaces, Markdown heading marks or bold markers (no regex scan)."""
    s = line.strip()
    if s.startswith("#"):
        rest = s.lstrip("#")
        if len(s) - len(rest) <= 6 and rest[:1].isspace():
            s = rest.strip()
    for mark in ("**", "__"):
        if s.startswith(mark):
            s = s[2:]
        if s.endswith(mark):
            s = s[:-2]
    return s.strip()
# A numbered clause heading at the start of a line: "1.", "2.1", "3)", "iv.", "(a)", "A."
_NUMBERED = re.compile(r"^\s*(?:\(?\d{1,3}(?:[.,]\d{1,3})*\s*[.)\-–]?|\(?[ivx]{1,5}[.)]|\(?[a-z][.)])\s+\S", re.I)
_ONE = pattern_cache.compile(r"^\s*(?:(?:" + alternation("structure", "numbered_heading_words") + r")\s*)?"
                             r"0?1(?:\.0)?[.)]?\s+\S", re.I)


def light_fold(text: str) -> str:
    """Lower case, accents stripped, punctuation kept."""
    t = unicodedata.normalize("NFKD", text.replace("\u00a0", " "))
    return "".join(ch for ch in t if not unicodedata.combining(ch)).lower()


_APOSTROPHES = str.maketrans({"’": " ", "`": " ", "´": " ", "'": " ", "\u00a0": " ", "ß": "ss"})


def fold(text: str) -> str:
    """Lower case, accents stripped, separators collapsed to one space (Latin script only)."""
    t = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES)).encode("ascii", "ignore").decode()
    return _SEP.sub(" ", t.lower()).strip()


def _alternation(phrases: list[str] | dict[str, list[str]], folder: Callable[[str], str] = fold) -> str:
    """Longest first, of a list or a per-language mapping of phrases."""
    words = sorted({folder(p) for p in by_language(phrases)}, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", " ") for w in words)


# A genitive preposition with its article reads as "de": "encargado del tratamiento" and "encargado
# de tratamiento", "accordo sul trattamento dei dati" and "... di dati" fall together.
_GENITIVE = pattern_cache.compile(r"\b(?:" + alternation("structure", "genitive_prepositions") + r")\b")


def title_fold(text: str) -> str:
    """``fold`` with genitive prepositions and their articles reduced to "de" (title matching only)."""
    return _GENITIVE.sub("de", fold(text))


def _title_pattern(phrases: list[str]) -> re.Pattern[str]:
    """Whole phrases, and stems ("auftragsverarbeitung*") that a compound may continue."""
    whole = [p for p in phrases if not p.endswith("*")]
    stems = [p[:-1] for p in phrases if p.endswith("*")]
    alts = [r"\b(?:" + _alternation(whole, title_fold) + r")\b"] if whole else []
    if stems:
        alts.append(r"\b(?:" + _alternation(stems, title_fold) + r")")
    return pattern_cache.compile("|".join(alts))


@lru_cache(maxsize=1)
def _patterns() -> dict[str, Any]:
    lex = lexicon("structure")
    titles = [(kind, _title_pattern(ph)) for kind, ph in lex["titles"].items()]
    annex = pattern_cache.compile(r"^(?:" + _alternation(lex["annex_words"]).replace(" ", r"\s+") + r")\b"
                                  r"(?:\s*(?:n[°o.]?|nr\.?)?\s*(?:[0-9]{1,2}|[ivx]{1,5}|[a-h])(?![\w'’]))?")
    return {
        "titles": titles,
        "annex": annex,
        "dpa_heading": pattern_cache.compile(r"\b(?:" + _alternation(lex["dpa_heading_cues"]) + r")\b"),
        "scc_annex": pattern_cache.compile(r"\b(?:" + _alternation(lex["scc_annex_cues"]) + r")\b"),
        "toc": pattern_cache.compile(r"^(?:" + _alternation(lex["toc_words"]) + r")\s*:?$"),
        "boiler": {fold(x) for x in lex["boilerplate_lines"]},
        "split_annexed": set(lex["split_when_annexed"]),
        "main": set(lex["main_kinds"]),
        "noun": pattern_cache.compile(r"\b(?:" + _alternation(lex["agreement_nouns"]) + r")\b|\B(?:"
                                      + _alternation(lex["agreement_noun_endings"]) + r")\b"),
        "intro": pattern_cache.compile(r"^(?:" + _alternation(lex["intro_demonstratives"]) + r") (?:\S+ ){0,5}?(?:"
                                       + _alternation(lex["agreement_nouns"]) + r")\b"),
        "demonstrative": pattern_cache.compile(r"^(?:" + _alternation(lex["intro_demonstratives"]) + r") (\w{4,})"),
        "parties": pattern_cache.compile(r"^(?:by and )?(?:" + _alternation(lex["party_prepositions"]) + r")\b"),
        "cookie": pattern_cache.compile(r"\b(?:" + _alternation(lex["cookie_words"]) + r")\b"),
        "annex_ref": pattern_cache.compile(r"^(?:" + _alternation(lex["annex_reference_words"]) + r") "),
        "consent": pattern_cache.compile(r"\b(?:" + _alternation(lex["consent_words"]) + r")\b"),
        "legal_forms": frozenset(lex["legal_form_abbreviations"].split()),
        "signature": pattern_cache.compile(r"^(?:" + _alternation(lex["signature_openers"]) + r")\b"),
        "contract_words": pattern_cache.compile(r"\b(?:" + _alternation(lex["contract_words"]) + r")\b"),
        "min_contract_words": int(lex["min_contract_words"]),
        "processor": pattern_cache.compile(r"\b(?:" + _alternation(lex["processor_words"], title_fold) + r")\b"),
        "distinct": pattern_cache.compile(r"\b(?:" + _alternation(lex["distinct_titles"], title_fold) + r")\b"),
    }


def title_kind(line: str) -> str | None:
    """The agreement kind a title-like line announces ("Data Processing Agreement" -> "dpa"); a
    hyphenated compound is also read joined ("Auftragsverarbeitungs-Vertrag"). Where several kinds
    are named, a specific one (not terms or framework) wins, the first named, then the lexicon's order."""
    forms = [title_fold(line)]
    if "-" in line:
        forms.append(title_fold(re.sub(r"(?<=\w)-(?=\w)", "", line)))
    main = _patterns()["main"]
    best: tuple[bool, int, int, str] | None = None  # (generic, position, order, kind)
    for order, (kind, pat) in enumerate(_patterns()["titles"]):
        for f in forms:
            m = pat.search(f)
            cand = (kind in main, m.start(), order, kind) if m else None
            if cand and (best is None or cand < best):
                best = cand
    # a specific kind beats terms ("Terms of Service – Data Processing Addendum"); among specific ones
    # the first named heads the title ("Data Processing Agreement incl. Standard Contractual Clauses")
    return best[3] if best else None


def has_contract_words(text: str, need: int | None = None) -> bool:
    """The text reads like a contract: ``need`` (default: the lexicon's minimum) distinct contract
    words (parties, obligations, roles...)."""
    pats = _patterns()
    need = need or pats["min_contract_words"]
    seen: set[str] = set()
    for m in pats["contract_words"].finditer(fold(text[:60000])):
        seen.add(m.group(0))
        if len(seen) >= need:
            return True
    return False


def processor_mentions(text: str) -> int:
    """How often ``text`` names a processor or processing on another's behalf."""
    return len(_patterns()["processor"].findall(title_fold(text)))


def is_signature_line(line: str) -> bool:
    """A line of a signature block naming who signs ("For the Processor:", "Por el Encargado")."""
    return bool(_patterns()["signature"].match(fold(strip_markup(line))))


def is_distinct_instrument(title: str) -> bool:
    """A title naming an instrument that stands beside others of its kind (UK Addendum, IDTA)."""
    return bool(_patterns()["distinct"].search(title_fold(title)))


def looks_like_title(line: str) -> bool:
    """Short, stand-alone line: not a sentence, not a numbered clause heading."""
    if len(line) > 400:
        return False
    s = strip_markup(line)
    if not s or s[-1] in ";," or s[-1] == "." and not _ends_with_abbreviation(s):
        return False
    marker = annex_marker(s) if len(s) <= 220 else None
    if marker:
        return True  # annex headings may carry a long title
    return len(s) <= 140 and len(s.split()) <= 18 and not _NUMBERED.match(s)


def _ends_with_abbreviation(s: str) -> bool:
    """The final stop belongs to a company's legal form ("... Voorbeeld B.V.", "Acme Inc."), not a sentence."""
    last = s.rsplit(None, 1)[-1].lower().rstrip(".")
    return last in _patterns()["legal_forms"]


_ANNEX_TITLE_SEP = re.compile(r"\s*[:–—]\s*|\s+-\s+")


def annex_title(line: str) -> str | None:
    """The words naming the annex itself in an annex heading, "" when it has none, None when the
    line is not an annex heading: "Annexe 1 – Accord de traitement" -> "Accord de traitement",
    "Anlage 1 zu den AGB" -> "", "Annex 2 to the Terms: Data Processing Terms" -> "Data Processing Terms"."""
    s = strip_markup(line)
    marker = annex_marker(s)
    if not marker:
        return None
    rest = s[len(marker) :].strip(" :.-–—")
    if _patterns()["annex_ref"].match(fold(rest)):
        parts = _ANNEX_TITLE_SEP.split(rest, maxsplit=1)
        rest = parts[1] if len(parts) == 2 else ""  # "aux CGU : <title>" or a bare reference
    return rest.strip()


_ANNEX_PREFILTER = re.compile(r"(?i)(?:an|ap|sc|ex|at|ad|pi|il|af|al|bi|aa)")
_STRONG_ANNEX = {"annex", "annexe", "annexes", "appendix", "appendice", "allegato", "allegati", "anlage",
                 "anhang", "anexo", "apendice", "exhibit", "schedule", "bijlage", "aanhangsel"}


def annex_marker(line: str) -> str | None:
    """The marker of an annex/exhibit heading ("Annexe B", "Exhibit 2", "Pièce jointe C"), or None.

    Weak words ("pièce", "illustration", "schedule"...) need a label (number or letter)."""
    if len(line) > 400:
        return None
    s = strip_markup(line)
    if not s or len(s) > 300 or s[-1] in ".;," or s[0] in "-•·*▪◦–":
        return None
    if not _ANNEX_PREFILTER.match(s):
        return None
    light = light_fold(s)
    m = _patterns()["annex"].match(light)
    if not m:
        return None
    words = m.group(0).split()
    labelled = len(words) > 1 and words[-1] not in ("jointe",)
    if not labelled and words[0] not in _STRONG_ANNEX:
        return None
    if len(s.split()) > (40 if labelled else 12):
        return None
    return " ".join(s[: m.end()].split()) if len(light) == len(s) else " ".join(words)


def is_scc_annex_cue(line: str) -> bool:
    return bool(_patterns()["scc_annex"].search(fold(line)))


def is_dpa_heading(heading: str) -> bool:
    """A clause heading that speaks of (sub-)processing personal data."""
    return bool(_patterns()["dpa_heading"].search(fold(heading)))


def is_toc_heading(line: str) -> bool:
    """"Contents", "Sommaire", "Inhaltsverzeichnis"... as a whole line."""
    return len(line) < 40 and bool(_patterns()["toc"].match(fold(line)))


def is_boilerplate(line: str) -> bool:
    return len(line) < 80 and fold(line).strip(" .!:") in _patterns()["boiler"]


def splits_when_annexed(kind: str) -> bool:
    return kind in _patterns()["split_annexed"]


def is_main_kind(kind: str) -> bool:
    return kind in _patterns()["main"]


def starts_numbering(line: str) -> bool:
    """Line opens clause 1 ("1. Object", "Article 1", "1.1 Definitions")."""
    return bool(_ONE.match(line))


_NAV_SEPARATORS = re.compile(r"\s(?:\||>|›|»|·|•|/)\s")
_TOC_LEADER = re.compile(r"(?:\.{4,}|…{2,}|_{4,})\s*\d{0,3}\s*$")


def is_site_chrome(line: str) -> bool:
    """Navigation bar, breadcrumb, cookie banner or other web-page chrome, not contract text."""
    s = line.strip()
    if is_boilerplate(s) or s.startswith(("©", "(c) 20", "(C) 20", "Copyright ©")):
        return True
    if s.startswith("|") or s.endswith("|"):
        return False  # a pipe-table row
    if s.count(" | ") >= 1 or len(_NAV_SEPARATORS.findall(s)) >= 2:
        return not _PUNCT_END.search(s) or len(s) < 80
    if len(s) > 300:
        return False
    f = fold(s)
    pats = _patterns()
    # a cookie banner: cookies and a consent button ("Tout accepter", "Preferenze"), or a bare link
    return bool(pats["cookie"].search(f) and (len(s) < 40 or pats["consent"].search(f)))


def mentions_cookies(line: str) -> bool:
    """A line about cookies: in a page header, before any title, it belongs to the cookie banner."""
    return len(line) < 400 and bool(_patterns()["cookie"].search(fold(line)))


def is_toc_entry(line: str) -> bool:
    """A table-of-contents line ending in a dot leader and a page number."""
    return bool(_TOC_LEADER.search(line))


def names_agreement(title: str) -> bool:
    """The title holds a noun naming an agreement ("Service Level Agreement", not "Service levels")."""
    return bool(_patterns()["noun"].search(fold(title)))


def introduces_agreement(line: str, title: str = "") -> bool:
    """First line of an agreement's body: "This SOW is issued under...", "Le présent accord est conclu
    entre...", "Diese Vereinbarung...", a demonstrative and a word of the title ("Le présent
    descriptif..." under "Descriptif des prestations"), or a line opening on the parties
    ("Between:", "Entre les soussignés", "Zwischen")."""
    f = fold(line[:240])
    pats = _patterns()
    if pats["intro"].match(f) or pats["parties"].match(f):
        return True
    m = pats["demonstrative"].match(f)
    return bool(m and title and re.search(r"\b" + m.group(1) + r"\b", fold(title)))
