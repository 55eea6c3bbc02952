"""Legal forms and entity resolution: one key per company however it is written.

"Stripe, Inc." and "Stripe Inc" share a key; "Acme SAS" and "Acme Pty Ltd" do not (two legal
entities) but are affiliates; names sharing only a generic word ("Global") are unrelated."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from contractkg.ingest import pattern_cache
from contractkg.ingest.lexical.countries import trie_regex
from contractkg.ingest.lexicon import lexicon


def fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def _spelling_re(spelling: str) -> str:
    """Regex for a legal-form spelling: dots optional, spaces flexible."""
    out = []
    for ch in spelling:
        if ch == ".":
            out.append(r"\.?")
        elif ch == " ":
            out.append(r"\s*")
        else:
            out.append(re.escape(ch))
    return "".join(out)


@lru_cache(maxsize=1)
def forms() -> list[tuple[str, str, str | None]]:
    """(spelling, label, country hint), longest spelling first."""
    rows = [(sp, label, spec.get("country")) for label, spec in lexicon("legal_forms")["forms"].items()
            for sp in spec["spellings"]]
    return sorted(rows, key=lambda r: len(r[0]), reverse=True)


def _variants(spelling: str) -> set[str]:
    """How a legal form is written: dots optional ("S.r.l.", "Srl"), case free for longer forms."""
    dotless = spelling.replace(".", "")
    # "a.s." and "e.K." without dots would be words ("as"): short lower-case forms keep their dots
    keep_dotless = "." not in spelling or not (len(dotless) <= 2 and dotless[:1].islower())
    base = {spelling, spelling.rstrip(".")} | ({dotless} if keep_dotless else set())
    base |= {b.replace(". ", ".") for b in base} | {b.replace(" ", "") for b in base if "." in b}
    if sum(ch.isalpha() for ch in spelling) >= 3 and spelling != "Co.":
        # a form spelt as ordinary words ("Limited", "Company") is no form in lower case ("limited to")
        word_like = len(spelling) >= 6 and all(w[:1].isupper() and w[1:].isalpha() and w[1:].islower()
                                               for w in spelling.split())
        base |= {v for b in base for v in (b.upper(), b.title()) + (() if word_like else (b.lower(),))}
    return {b for b in base if b}


@lru_cache(maxsize=1)
def form_pattern() -> re.Pattern[str]:
    """A legal form after a name: ", Inc.", " GmbH", " S.r.l.", " LIMITED" (short ones as written)."""
    variants = {v for sp, _label, _c in forms() for v in _variants(sp)}
    return pattern_cache.compile(r"(?<![\w.])(?:" + trie_regex(sorted(variants), flexible=True) + r")(?![\w])(?:\.(?=\s|$|[,;)]))?")


@lru_cache(maxsize=1)
def _form_labels() -> dict[str, tuple[str, str | None]]:
    return {re.sub(r"[^a-z]", "", fold(sp)): (label, c) for sp, label, c in forms()}


def form_of(text: str) -> tuple[str, str | None] | None:
    """(label, country hint) of a legal-form spelling, e.g. "S.r.l." -> ("srl", "IT")."""
    return _form_labels().get(re.sub(r"[^a-z]", "", fold(text)))


@lru_cache(maxsize=1)
def _generic() -> frozenset[str]:
    return frozenset(fold(w) for w in lexicon("legal_forms")["generic_words"])


_TRAILING_FORM_TOKENS = re.compile(r"[^a-z0-9&]+")


def split_name(name: str) -> tuple[list[str], str | None]:
    """(core tokens, legal-form label) of a company name."""
    label = None
    core = name.strip()
    while True:
        m = None
        for fm in form_pattern().finditer(core):
            if not core[fm.end():].strip(" .,;()"):
                m = fm
        if m is None or m.start() == 0:
            break
        found = form_of(m.group(0))
        if label is None and found:
            label = found[0]
        core = core[: m.start()].rstrip(" ,.-")
    tokens = [t for t in _TRAILING_FORM_TOKENS.split(fold(core)) if t]
    return tokens, label


def canonical_key(name: str) -> str:
    """Stable key: folded core words plus the legal-form family ("stripe|inc")."""
    tokens, label = split_name(name)
    return " ".join(tokens) + "|" + (label or "")


def same_entity(a: str, b: str) -> bool:
    """Same company: same key, or same core words where one of them has no legal form."""
    ka, kb = canonical_key(a), canonical_key(b)
    if ka == kb:
        return True
    ca, fa = ka.split("|")
    cb, fb = kb.split("|")
    return bool(ca) and ca == cb and (not fa or not fb)


def affiliate_of(a: str, b: str) -> bool:
    """Related but distinct companies: same distinctive leading name, different entities."""
    if same_entity(a, b):
        return False
    ta, _ = split_name(a)
    tb, _ = split_name(b)
    if not ta or not tb:
        return False
    lead_a = _lead(ta)
    lead_b = _lead(tb)
    if not lead_a or lead_a != lead_b:
        return False
    return lead_a not in _generic() and len(lead_a) >= 3


def _lead(tokens: list[str]) -> str:
    """The name's first token; dotted domains ("acme.io") count by their first label."""
    return tokens[0].split(".")[0] if tokens else ""
