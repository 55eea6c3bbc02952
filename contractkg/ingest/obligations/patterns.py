"""Compiled patterns for obligations and Art. 28 coverage, built once from the YAML lexicons
deontic.yaml, obligation_types.yaml and art28.yaml.

Lexicon patterns are regular expressions in which a space matches any whitespace run and an
apostrophe matches ' or ’ (contracts use both). For speed, patterns are compiled in lower case
without re.IGNORECASE and run on lower-cased text (``lower``), which keeps every offset.
``search`` first checks that the text holds one of the literals every match needs (a fast ``in``
test), so most sentences skip the costly alternations; the result is that of ``pattern.search``."""

from __future__ import annotations

import re
import sys
from functools import cache, lru_cache
from re import _parser as sre  # type: ignore[attr-defined]  # the standard library's regex parser, read by required_literals

from contractkg.ingest import pattern_cache
from contractkg.ingest.lexicon import alternation as lexicon_alternation
from contractkg.ingest.lexicon import lexicon

FLAGS = re.MULTILINE
MODALITIES = ("prohibition", "obligation", "permission")
# optional clause number or list mark at the start of a line: "2.4 ", "(b) ", "c. ", "III. ", "- ".
# Atomic (?>...): the marks are read once, greedily; without it a failing cue after a long digit run
# ("12.3456789012-...") retried every way of cutting the digits into \d{1,3} pieces (issue 12).
NUMBERING = (
    r"(?>[^\w\n]*(?:(?:(?:" + lexicon_alternation("deontic", "numbering_words") + r")\s*)?"
    r"(?:\d{1,3}(?:\.\d{1,3})*\.?|\(?[a-z]{1,2}\)|[a-z]\.|[IVXivx]{1,5}[.)]"
    r"|(?:" + lexicon_alternation("deontic", "ordinal_stems") + r")[ao])[^\w\n]*)*)"
)


_LITERAL_RUN = re.compile(r"\\.|\(\?P[<=]\w+>?|[^\\(]+|\(")


def lowered(regex: str) -> str:
    """``regex`` with its literal parts in lower case (escapes such as \\W or \\S kept)."""
    return _LITERAL_RUN.sub(lambda m: m.group(0) if m.group(0)[0] == "\\" or m.group(0).startswith("(?P") else m.group(0).lower(), regex)


def lower(text: str) -> str:
    """Lower-cased text of the same length, so that match offsets hold in the original."""
    low = text.lower()
    return low if len(low) == len(text) else "".join(c.lower()[0] for c in text)


MAX_NEEDS = 40  # a longer list of literals costs about as much to test as the regex itself


def required_literals(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Strings one of which every match of ``pattern`` contains, or None when none is known or
    the list is too long to help (case-insensitive patterns: ``search`` then always runs the regex)."""
    if not isinstance(pattern.pattern, str) or pattern.flags & re.IGNORECASE:
        return None
    need = _need(sre.parse(pattern.pattern, pattern.flags))
    if not need:
        return None
    # a string holding a shorter one of the set adds nothing to the test
    need = frozenset(w for w in need if not any(o != w and o in w for o in need))
    return tuple(sorted(need)) if len(need) <= MAX_NEEDS else None


MAX_VARIANTS = 16  # spellings of a fixed run ("art 33", "art. 33", "article 33"...) kept as one need
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)  # consume nothing: a run goes on across them


def _need(nodes) -> frozenset[str] | None:  # noqa: ANN001 (a parsed subpattern)
    """The best literal set a sequence of parsed regex nodes requires (longest shortest member)."""
    best: frozenset[str] | None = None
    run = frozenset({""})  # the spellings of the current run of fixed text
    for op, av in list(nodes) + [(None, None)]:
        fixed = _fixed(op, av) if op is not None else None
        if fixed is not None and len(run) * len(fixed) <= MAX_VARIANTS:
            run = frozenset(a + b for a in run for b in fixed)
            continue
        found: list[frozenset[str] | None] = [run]
        run = fixed if fixed is not None and len(fixed) <= MAX_VARIANTS else frozenset({""})
        if fixed is None:
            found.append(_inner_need(op, av))
        for cand in found:
            if cand and "" not in cand and (best is None or _rank(cand) > _rank(best)):
                best = cand
    return best


def _inner_need(op, av) -> frozenset[str] | None:  # noqa: ANN001
    """What a group, an alternation or a repeat that must occur requires."""
    if op is sre.SUBPATTERN and not av[1] & re.IGNORECASE:
        return _need(av[-1])
    if op is sre.BRANCH:
        alts = [_need(b) for b in av[1]]
        known = [a for a in alts if a is not None]
        return None if len(known) < len(alts) else frozenset().union(*known)
    if op in _REPEATS and av[0] >= 1:
        return _need(av[2])
    return None


def _fixed(op, av) -> frozenset[str] | None:  # noqa: ANN001
    """The few strings a parsed node can match, when it matches only fixed text (else None)."""
    if op is sre.LITERAL:
        return frozenset({chr(av)})
    if op in _ZERO_WIDTH:
        return frozenset({""})
    if op is sre.IN:
        chars = frozenset(chr(v) for o, v in av if o is sre.LITERAL)
        return chars if len(chars) == len(av) else None
    if op is sre.SUBPATTERN and not av[1] & re.IGNORECASE:
        return _fixed_seq(av[-1])
    if op is sre.BRANCH:
        alts = [_fixed_seq(b) for b in av[1]]
        known = [a for a in alts if a is not None]
        return None if len(known) < len(alts) else _capped(frozenset().union(*known))
    if op in _REPEATS and av[0] == 0 and av[1] == 1:  # optional: "s?", "(?:the )?"
        body = _fixed_seq(av[2])
        return None if body is None else _capped(body | {""})
    return None


def _fixed_seq(nodes) -> frozenset[str] | None:  # noqa: ANN001
    out: frozenset[str] | None = frozenset({""})
    for op, av in nodes:
        fixed = _fixed(op, av)
        if fixed is None or out is None:
            return None
        out = _capped(frozenset(a + b for a in out for b in fixed))
        if out is None:
            return None
    return out


def _capped(strings: frozenset[str]) -> frozenset[str] | None:
    return strings if len(strings) <= MAX_VARIANTS else None


def _rank(need: frozenset[str]) -> tuple[int, int]:
    return min(map(len, need)), -len(need)


# pattern id -> (pattern, its required literals); keyed by id as hashing a large pattern is slow
_NEEDS: dict[int, tuple[re.Pattern[str], tuple[str, ...] | None]] = {}


def may_match(pattern: re.Pattern[str], text: str, pos: int = 0, endpos: int = sys.maxsize) -> bool:
    """False when ``text[pos:endpos]`` lacks every literal a match of ``pattern`` needs."""
    entry = _NEEDS.get(id(pattern))
    if entry is None or entry[0] is not pattern:
        if len(_NEEDS) > 4096:
            _NEEDS.clear()
        literals = (pattern_cache.memo("required_literals", (pattern.pattern, str(pattern.flags)),
                                       lambda: required_literals(pattern))
                    if pattern_cache.known(pattern) else required_literals(pattern))
        entry = _NEEDS[id(pattern)] = (pattern, literals)
    needs = entry[1]
    if needs is None:
        return True
    if pos or endpos < len(text):
        text = text[pos:endpos]
    for word in needs:
        if word in text:
            return True
    return False


def search(pattern: re.Pattern[str], text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
    """``pattern.search(text, pos, endpos)``, skipped when ``text[pos:endpos]`` lacks a required literal."""
    return pattern.search(text, pos, endpos) if may_match(pattern, text, pos, endpos) else None


def compile_lower(regex: str, flags: int = FLAGS) -> re.Pattern[str]:
    return pattern_cache.compile(lowered(regex), flags)


def lex_regex(pattern: str) -> str:
    """A lexicon pattern as a Python regex (space -> \\s+, " ?" -> \\s*, apostrophe -> ['’])."""
    return pattern.replace("'", "['’]").replace(" ?", r"\s*").replace(" *", r"\s*").replace(" ", r"\s+")


def alternation(patterns: list[str]) -> str:
    return "|".join(f"(?:{lex_regex(p)})" for p in sorted(patterns, key=len, reverse=True))


def compile_words(patterns: list[str], flags: int = FLAGS) -> re.Pattern[str]:
    """Patterns as whole words: no letter may touch either end of a match."""
    return compile_lower(rf"(?<![\w'’-])(?:{alternation(patterns)})(?![\w-])", flags)


@cache
def modal_pattern(language: str | None) -> re.Pattern[str]:
    """One regex with a named group per modality for ``language`` (all languages when unknown)."""
    lex = lexicon("deontic")
    groups = []
    for modality in MODALITIES:
        by_lang = lex[modality]
        langs = [language] if language in by_lang else list(by_lang)
        if language in by_lang and language != "en":
            langs.append("en")  # English fragments are common in every contract
        pats = [p for lang in langs for p in by_lang[lang]]
        groups.append(f"(?P<{modality}>{alternation(pats)})")
    return compile_lower(rf"(?<![\w'’-])(?:{'|'.join(groups)})(?![\w-])")


@cache
def future_verb(language: str | None) -> re.Pattern[str] | None:
    """A verb in the future indicative (FR/IT/ES), which states a duty after a party term."""
    lex = lexicon("deontic")
    ending = lex["future_verb"].get(language or "")
    if not ending:
        return None
    return compile_lower(r"\s*(?:,[^,]{0,80},\s*)?(?:(?:" + lexicon_alternation("deontic", "clitic_pronouns") + rf")\s+|l['’]\s*)*(?P<verb>{ending})\b")


@lru_cache(maxsize=1)
def not_future() -> frozenset[str]:
    return frozenset(w.lower() for w in lexicon("deontic")["not_future"])


@cache
def present_verb(language: str | None) -> re.Pattern[str] | None:
    """A duty verb in the present tense right after a party term (adverbs and pronouns may intervene)."""
    verbs = lexicon("deontic")["present_duty_verb"].get(language or "")
    if not verbs:
        return None
    return compile_lower(
        r"\s*(?:,[^,]{0,80},\s*)?(?:(?:" + lexicon_alternation("deontic", "verb_interveners") + r")\s*)*"
        rf"(?P<verb>{alternation(verbs)})\b"
    )


@cache
def condition_pattern(language: str | None) -> re.Pattern[str]:
    by_lang = lexicon("deontic")["condition"]
    langs = [language] if language in by_lang else list(by_lang)
    return compile_words([p for lang in langs for p in by_lang[lang]])


@lru_cache(maxsize=1)
def trigger_pattern() -> re.Pattern[str]:
    return compile_words(lexicon("deontic")["trigger"])


@lru_cache(maxsize=1)
def role_nouns() -> tuple[str, list[tuple[re.Pattern[str], str]]]:
    """(alternation of every role noun, [(full-match pattern, role)] longest noun first)."""
    pairs = [(noun, role) for role, nouns in lexicon("deontic")["role_nouns"].items() for noun in nouns]
    pairs.sort(key=lambda x: len(x[0]), reverse=True)
    lookup = [(compile_lower(lex_regex(n)), role) for n, role in pairs]
    return alternation([n for n, _ in pairs]), lookup


@lru_cache(maxsize=4096)
def role_of(noun: str) -> str | None:
    """The role a generic noun names ("le sous-traitant ultérieur" -> subprocessor)."""
    for pat, role in role_nouns()[1]:
        if pat.fullmatch(lower(noun.strip())):
            return role
    return None


@lru_cache(maxsize=1)
def type_patterns() -> list[tuple[str, re.Pattern[str]]]:
    lex = lexicon("obligation_types")
    return [(name, compile_lower(alternation(lex["types"][name]))) for name in lex["order"]]


@lru_cache(maxsize=1)
def personal_data_context() -> re.Pattern[str]:
    return compile_words(lexicon("obligation_types")["personal_data_context"])


_WORD_REF = re.compile(r"<([A-Z_]+)>")


def expand_words(pattern: str) -> str:
    """``pattern`` with each <NAME> replaced by the alternation of the word list ``words: NAME`` of
    art28.yaml (the nouns and verbs that many cues share: one place to add a language)."""
    lex = lexicon("art28")
    words = {**(lex.get("words") or {}), "DATA_TYPE": lex["data_type_nouns"], "DATA_SUBJECT": lex["data_subject_nouns"]}
    return _WORD_REF.sub(lambda m: "(?:" + "|".join(sorted(words[m.group(1)], key=len, reverse=True)) + ")", pattern)


def _cue_alternation(patterns: list[str]) -> str:
    return alternation([expand_words(p) for p in patterns]).replace("<num>", NUMBERING)


@lru_cache(maxsize=1)
def art28_cues() -> dict[str, re.Pattern[str]]:
    """Cue regex per element, run on lower-cased sentences."""
    return {k: compile_lower(rf"(?<![\w])(?:{_cue_alternation(v)})") for k, v in lexicon("art28")["cues"].items()}


@lru_cache(maxsize=1)
def art28_statements() -> dict[str, re.Pattern[str]]:
    """Per element that asks for content, patterns that state the content themselves ("the request
    includes the IP address"), so that no category noun need follow them."""
    return {k: compile_lower(rf"(?<![\w])(?:{_cue_alternation(v)})") for k, v in (lexicon("art28").get("statements") or {}).items()}


@lru_cache(maxsize=1)
def art28_cased_cues() -> dict[str, re.Pattern[str]]:
    """Cues that need letter case (a heading starts with a capital), run on the original text."""
    return {
        k: pattern_cache.compile(rf"(?:{_cue_alternation(v)})", re.IGNORECASE | re.MULTILINE)
        for k, v in (lexicon("art28").get("cased_cues") or {}).items()
    }


@lru_cache(maxsize=1)
def art28_not_cues() -> dict[str, re.Pattern[str]]:
    """Per element, phrases that hold one of its duty cues without stipulating it ("audit logs")."""
    return {k: compile_words([expand_words(p) for p in v]) for k, v in (lexicon("art28").get("not_cues") or {}).items()}


def strip_not_cues(key: str, low: str) -> str:
    """``low`` with the not-cues of element ``key`` blanked out (same length, so offsets hold)."""
    pat = art28_not_cues().get(key)
    if pat is None or not may_match(pat, low):
        return low
    return pat.sub(lambda m: " " * len(m.group(0)), low)


@lru_cache(maxsize=1)
def art28_context() -> dict[str, re.Pattern[str]]:
    """Per element, words one of which a sentence outside the obligations needs besides the duty cue
    (an audit right names the controller, an auditor or the right to audit)."""
    return {k: compile_words([expand_words(p) for p in v]) for k, v in (lexicon("art28").get("context") or {}).items()}


@lru_cache(maxsize=1)
def content_nouns() -> dict[str, re.Pattern[str]]:
    """Per element that asks for content, the nouns one of which must follow its cue (a category of
    data subjects, a type of personal data)."""
    lex = lexicon("art28")
    return {"data_subject_categories": compile_words(lex["data_subject_nouns"]), "data_types": compile_words(lex["data_type_nouns"])}


@lru_cache(maxsize=1)
def data_subject_nouns() -> re.Pattern[str]:
    return content_nouns()["data_subject_categories"]


@lru_cache(maxsize=1)
def annex_words() -> re.Pattern[str]:
    return compile_words(lexicon("art28")["annex_words"])


@lru_cache(maxsize=1)
def art28_mentions() -> dict[str, re.Pattern[str]]:
    """Words that name a descriptive element, to tell that a sentence refers to an annex for it."""
    return {k: compile_words([expand_words(p) for p in v]) for k, v in lexicon("art28")["mentions"].items()}
