"""No pattern of the obligation / Art. 28 extractors may backtrack super-linearly (issue 12).

Three checks: the annex that once hung `contractkg extract` now extracts; a structural audit of every
pattern (no repetition inside a loop may take characters that what follows it could take too, the
shape of `(a+)+`, `(\\w+\\s?)*` and of the digit runs that hung); and the time of each pattern on
adversarial inputs grows about linearly from 2k to 16k characters. The slow checks run in a
subprocess with a timeout, so a regression fails instead of hanging the suite.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as sre  # type: ignore[attr-defined]

import pytest

FIXTURE = Path(__file__).parent / "fixtures" / "hang_annex.txt"
TIMEOUT = 120  # seconds; the bug ran for hours, a loaded CI box takes ~20 s to start the CLI

# ---------------------------------------------------------------- structural audit of parsed regexes

_ALPHA = [chr(c) for c in range(0x20, 0x7F)] + list("\n\t’«»“”éèàùçüöäßñáíóúâêîôÀÉÜÖÄ–•§")
_ALL = frozenset(_ALPHA)
_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT)
_CATEGORY = {C.CATEGORY_DIGIT: r"\d", C.CATEGORY_NOT_DIGIT: r"\D", C.CATEGORY_SPACE: r"\s", C.CATEGORY_NOT_SPACE: r"\S",
             C.CATEGORY_WORD: r"\w", C.CATEGORY_NOT_WORD: r"\W"}


def _fold(chars: set[str], flags: int) -> frozenset[str]:
    if flags & re.IGNORECASE:
        chars = chars | {c.swapcase() for c in chars if len(c.swapcase()) == 1}
    return frozenset(chars)


def _chars(op, av, flags: int) -> frozenset[str] | None:  # noqa: ANN001
    """The sample characters a one-character node matches (None for other nodes)."""
    if op is C.LITERAL:
        return _fold({chr(av)}, flags)
    if op is C.NOT_LITERAL:
        return _ALL - _fold({chr(av)}, flags)
    if op is C.ANY:
        return _ALL if flags & re.DOTALL else _ALL - {"\n"}
    if op is not C.IN:
        return None
    out: set[str] = set()
    negate = False
    for o, v in av:
        if o is C.NEGATE:
            negate = True
        elif o is C.LITERAL:
            out.add(chr(v))
        elif o is C.RANGE:
            out |= {c for c in _ALPHA if v[0] <= ord(c) <= v[1]}
        elif o is C.CATEGORY:
            out |= {c for c in _ALPHA if re.match(_CATEGORY[v], c)}
    folded = _fold(out, flags)
    return _ALL - folded if negate else folded


def _first(nodes, flags: int) -> tuple[frozenset[str], bool]:  # noqa: ANN001
    """(characters that can open a match of the node sequence, whether it can match empty)."""
    out: set[str] = set()
    for op, av in nodes:
        chars = _chars(op, av, flags)
        if chars is not None:
            return frozenset(out | chars), False
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            continue
        if op is C.SUBPATTERN:
            f, empty = _first(av[3], (flags | av[1]) & ~av[2])
        elif op is C.ATOMIC_GROUP:
            f, empty = _first(av, flags)
        elif op is C.BRANCH:
            firsts = [_first(b, flags) for b in av[1]]
            f, empty = frozenset().union(*(x for x, _ in firsts)), any(e for _, e in firsts)
        elif op in _REPEATS:
            f, empty = _first(av[2], flags)
            empty = empty or av[0] == 0
        else:  # back-references and the like: assume anything
            f, empty = _ALL, True
        out |= f
        if not empty:
            return frozenset(out), False
    return frozenset(out), True


def _alphabet(nodes, flags: int) -> frozenset[str]:  # noqa: ANN001
    out: set[str] = set()
    for op, av in nodes:
        chars = _chars(op, av, flags)
        if chars is not None:
            out |= chars
        elif op is C.SUBPATTERN:
            out |= _alphabet(av[3], (flags | av[1]) & ~av[2])
        elif op is C.ATOMIC_GROUP:
            out |= _alphabet(av, flags)
        elif op is C.BRANCH:
            for b in av[1]:
                out |= _alphabet(b, flags)
        elif op in _REPEATS:
            out |= _alphabet(av[2], flags)
    return frozenset(out)


def ambiguous_loops(pattern: re.Pattern[str]) -> list[str]:
    """Variable-length repetitions inside a loop whose characters the text after them could also take:
    the loop can then split one run of text in many ways, and a failing match tries them all.
    Possessive repeats and atomic groups commit to one split and are exempt."""
    found: list[str] = []

    def walk(nodes, flags: int, follow: frozenset[str], in_loop: bool) -> None:  # noqa: ANN001
        nodes = list(nodes)
        for j, (op, av) in enumerate(nodes):
            rest, rest_empty = _first(nodes[j + 1 :], flags)
            after = rest | follow if rest_empty else rest
            if op is C.SUBPATTERN:
                walk(av[3], (flags | av[1]) & ~av[2], after, in_loop)
            elif op is C.BRANCH:
                for b in av[1]:
                    walk(b, flags, after, in_loop)
            elif op in (C.ASSERT, C.ASSERT_NOT):
                walk(av[1], flags, _ALL, in_loop)
            elif op in (C.MAX_REPEAT, C.MIN_REPEAT):
                lo, hi, body = av
                if hi <= 1:
                    walk(body, flags, after, in_loop)
                    continue
                overlap = _alphabet(body, flags) & after
                if in_loop and lo != hi and overlap:
                    found.append(f"{str(body)[:60]} repeated {lo}..{hi}, then {''.join(sorted(overlap))[:12]!r}")
                walk(body, flags, _first(body, flags)[0] | after, True)
            # ATOMIC_GROUP and POSSESSIVE_REPEAT: one way through, nothing to audit inside

    walk(sre.parse(pattern.pattern, pattern.flags), pattern.flags, frozenset(), False)
    return found


def all_patterns() -> dict[str, re.Pattern[str]]:
    """Every compiled pattern of the obligation and Art. 28 extractors: module constants and the
    patterns built from the lexicons (for each language, and for an unknown one)."""
    from contractkg.ingest.obligations import art28
    from contractkg.ingest.obligations import extractor as obligations
    from contractkg.ingest.obligations import parties as obligation_parties
    from contractkg.ingest.obligations import patterns as op
    pats: dict[str, re.Pattern[str]] = {}
    for mod in (op, obligations, art28, obligation_parties):
        for name, value in vars(mod).items():
            if isinstance(value, re.Pattern):
                pats[f"{mod.__name__.rsplit('.', 1)[-1]}.{name}"] = value
    pats.update({f"cue:{k}": p for k, p in op.art28_cues().items()})
    pats.update({f"cased:{k}": p for k, p in op.art28_cased_cues().items()})
    pats.update({f"stated:{k}": p for k, p in op.art28_statements().items()})
    pats.update({f"not:{k}": p for k, p in op.art28_not_cues().items()})
    pats.update({f"context:{k}": p for k, p in op.art28_context().items()})
    pats.update({f"nouns:{k}": p for k, p in op.content_nouns().items()})
    pats.update({f"mention:{k}": p for k, p in op.art28_mentions().items()})
    pats.update({f"type:{k}": p for k, p in op.type_patterns()})
    for lang in (None, "en", "fr", "it", "de", "es", "pt", "nl"):
        pats[f"modal:{lang}"] = op.modal_pattern(lang)
        pats[f"condition:{lang}"] = op.condition_pattern(lang)
        for fn in (op.future_verb, op.present_verb):
            found = fn(lang)
            if found is not None:
                pats[f"{fn.__name__}:{lang}"] = found
    pats.update(trigger=op.trigger_pattern(), data_context=op.personal_data_context(), subject_nouns=op.data_subject_nouns(),
                annex_words=op.annex_words(), party_mentions=obligation_parties._mention_pattern(("the supplier", "le client", "der kunde")))
    return pats


@pytest.mark.parametrize("regex", [r"(a+)+b", r"(\w+\s?)*$", r"(?:\d{1,3}(?:\.\d{1,3})*[^\w\n]*)*x", r"(?:x|\w{1,2})*y"])
def test_audit_flags_known_catastrophic_shapes(regex: str) -> None:
    assert ambiguous_loops(re.compile(regex))


@pytest.mark.parametrize("regex", [r"(?:\w+\W+){0,10}?end", r"(?>(?:\d{1,3}[^\w\n]*)*)x", r"(?:\d{1,3}[^\w\n]*)*+x", r"(?:\w+ ){0,3}z",
                                   r"[^.\n]{0,40}:"])
def test_audit_accepts_unambiguous_shapes(regex: str) -> None:
    assert ambiguous_loops(re.compile(regex)) == []


def test_no_pattern_has_an_ambiguous_loop() -> None:
    bad = {name: found for name, p in all_patterns().items() if (found := ambiguous_loops(p))}
    assert bad == {}


# ---------------------------------------------------------------- the reproduction of issue 12


_DIRECT = textwrap.dedent(
    """
    import json, sys
    from contractkg.ingest.obligations import art28
    from contractkg.ingest.obligations import extractor as obligations
    from contractkg.ingest.document import Agreement, Document
    text = open({path!r}, encoding="utf-8").read()
    ag = Agreement(doc=Document(source="annex.txt", text=text), start=0, end=len(text), kind="dpa", language="en")
    given = {{"parties": []}}
    print(json.dumps(art28.extract(ag, {{**given, **obligations.extract(ag, given)}})))
    """
)


def test_hang_annex_art28_finishes() -> None:
    """The annex read as a DPA by the obligation and Art. 28 extractors, where the hang was."""
    res = subprocess.run([sys.executable, "-c", _DIRECT.format(path=str(FIXTURE))], capture_output=True, text=True, timeout=TIMEOUT)
    assert res.returncode == 0, res.stderr[-2000:]
    out = json.loads(res.stdout)
    # a sub-processor annex names the sub-contracting and stipulates none of the processor's duties
    assert out["art28"]["subprocessors"] and "subprocessors" not in out["missing"]
    assert {"instructions", "confidentiality", "audits", "deletion_return"} <= set(out["missing"])


def test_hang_annex_extracts_from_the_cli() -> None:
    cmd = [sys.executable, "-c", "from contractkg.cli import main; main()", "extract", "--format", "json", str(FIXTURE)]
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT)
    assert res.returncode == 0, res.stderr[-2000:]
    contracts = json.loads(res.stdout)["contracts"]
    assert len(contracts) <= 1  # an annex with no main agreement: one contract at most
    for ag in contracts:
        from contractkg.ingest.obligations.art28 import ELEMENTS

        assert set(ag.get("missing") or []) <= set(ELEMENTS)


# ---------------------------------------------------------------- growth of the work on adversarial text

TOKENS = ["1 ", "a.", "A ", "12.3456789012-", "1.\n", "(a) ", "- ", "a", " ", "i. ", "data ", "the ", "hat zu ",
          "traitement des ", "durée du ", "instructions ", "shall ", "l'", "Art. 3", "§ 1 (2) "]
# patterns the code only runs with .match / .fullmatch at one position (a leading \s* or \W* makes any
# pattern quadratic under .search, so these must not be searched)
ANCHORED = ("future_verb", "present_verb", "extractor._LIST_ITEM", "extractor._ARTICLE_GAP", "extractor._HAT_ZU",
            "extractor._LEAD", "extractor._CONDITIONAL", "extractor._PASSIVE", "art28._SHORT_REST", "art28._TOP_HEADING")


def _cpu(pattern: re.Pattern[str], text: str, anchored: bool) -> float:
    """Least CPU time (not wall time: the machine is shared) of three runs of the pattern over ``text``."""
    best = float("inf")
    for _ in range(3):
        t = time.process_time()
        if anchored:
            pattern.match(text)
        else:
            for _m in pattern.finditer(text):
                pass
        best = min(best, time.process_time() - t)
    return best


def superlinear(patterns: dict[str, re.Pattern[str]]) -> list[tuple[str, str, float, float]]:
    """(name, token, ms on 2k chars, ms on 16k chars) where 8x the text costs far more than 8x the time
    (linear ~8x, quadratic ~64x; under 20 ms the clock's noise dominates)."""
    slow = []
    for name, p in patterns.items():
        anchored = name.split(":")[0] in ANCHORED
        for tok in TOKENS:
            small = _cpu(p, tok * (2000 // len(tok) + 1), anchored)
            large = _cpu(p, tok * (16000 // len(tok) + 1), anchored)
            if large > 0.02 and large > 24 * max(small, 1e-4):
                slow.append((name, tok, round(small * 1000, 2), round(large * 1000, 2)))
    return slow


_RUN = "import json, re, sys; sys.path.insert(0, {tests!r}); import test_regex_hang as t; print(json.dumps(t.superlinear({what})))"


def _superlinear_in_subprocess(what: str) -> list[list[object]]:
    code = _RUN.format(tests=str(Path(__file__).parent), what=what)
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=TIMEOUT * 3)
    assert res.returncode == 0, res.stderr[-2000:]
    return json.loads(res.stdout)


def test_growth_check_flags_a_quadratic_pattern() -> None:
    slow = _superlinear_in_subprocess("{'quadratic': re.compile(r'\\s*x')}")
    assert ["quadratic", " "] in [row[:2] for row in slow]


def test_pattern_work_grows_linearly() -> None:
    assert _superlinear_in_subprocess("t.all_patterns()") == []
