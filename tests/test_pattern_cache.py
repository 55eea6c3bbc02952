"""The compiled-pattern cache (ingest/pattern_cache.py): a pattern from the cache is the pattern
re.compile gives, a damaged or foreign cache is ignored, and the patterns the extractors build from
the lexicons are the same text in every process (else the cache would miss and grow each run)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from contractkg.ingest import pattern_cache

ROOT = Path(__file__).resolve().parents[1]

SAMPLES = [
    (r"(?P<num>\d{1,4})\s*(?:days?|jours?|Tage)", re.IGNORECASE),
    (r"(?<![\w])(?:sous-traitant|subprocessor)(?![\w])", 0),
    (r"^(?:annex|anlage)\b(?i:\s+[ivx]{1,5})?", re.MULTILINE),
    (r"caf[eé]|(?P<a>x)(?P=a)", 0),
    (r"(?>[^\w\n]*\d)+", re.DOTALL | re.VERBOSE),
]


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The cache module with empty tables, writing to a temporary folder."""
    monkeypatch.setenv(pattern_cache.CACHE_ENV, str(tmp_path))
    monkeypatch.setattr(pattern_cache, "_compiled", {})
    monkeypatch.setattr(pattern_cache, "_memo", {})
    monkeypatch.setattr(pattern_cache, "_used", set())
    monkeypatch.setattr(pattern_cache, "_returned", set())
    monkeypatch.setattr(pattern_cache, "_state", {"loaded": False, "dirty": False, "broken": False})
    return pattern_cache


def _reload(pc) -> None:  # noqa: ANN001 - the module
    """Forget what this process compiled, as a new process would."""
    pc._compiled.clear()
    pc._memo.clear()
    pc._state.update(loaded=False, dirty=False)


def _same(a: re.Pattern[str], b: re.Pattern[str]) -> None:
    assert a == b  # same text, flags and engine program
    assert (a.flags, a.groups, a.groupindex) == (b.flags, b.groups, b.groupindex)


def test_patterns_from_the_cache_equal_re_compile(fresh) -> None:  # noqa: ANN001
    for p, f in SAMPLES:
        _same(fresh.compile(p, f), re.compile(p, f))
    fresh.save()
    assert fresh.cache_file().is_file()
    _reload(fresh)
    for p, f in SAMPLES:
        got = fresh.compile(p, f)
        _same(got, re.compile(p, f))
    assert not fresh._state["dirty"]  # every pattern came from the file
    m = fresh.compile(*SAMPLES[0]).search("within 30 Jours")
    assert m is not None and m.group("num") == "30"


def test_a_damaged_or_foreign_cache_is_ignored(fresh) -> None:  # noqa: ANN001
    p, f = SAMPLES[0]
    fresh.compile(p, f)
    fresh.save()
    fresh.cache_file().write_bytes(b"\x00not marshal")
    _reload(fresh)
    _same(fresh.compile(p, f), re.compile(p, f))
    # a program the engine refuses (as from another build) is compiled again
    _reload(fresh)
    fresh._state["loaded"] = True
    fresh._compiled[(p, f)] = (f, [999, 1, 2], 0, {}, ())
    _same(fresh.compile(p, f), re.compile(p, f))


def test_a_bad_pattern_raises_as_re_compile_does(fresh) -> None:  # noqa: ANN001
    with pytest.raises(re.error):
        fresh.compile(r"(?:unclosed")
    with pytest.raises(re.error):
        fresh.check(r"[unclosed")
    fresh.check(r"(?:closed)")
    assert (r"(?:closed)", 0) in fresh._compiled


def test_memo_keeps_values_by_their_inputs(fresh) -> None:  # noqa: ANN001
    calls: list[int] = []

    def build() -> str:
        calls.append(1)
        return "a|b"

    assert fresh.memo("kind", ["a", "b"], build) == "a|b"
    fresh.save()
    _reload(fresh)
    assert fresh.memo("kind", ["a", "b"], build) == "a|b"
    assert fresh.memo("kind", ["a", "c"], build) == "a|b"  # other inputs: built again
    assert len(calls) == 2


def test_an_unwritable_cache_folder_changes_nothing(fresh, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv(pattern_cache.CACHE_ENV, str(blocker / "cache"))
    _same(fresh.compile(*SAMPLES[1]), re.compile(*SAMPLES[1]))
    fresh.save()  # no error
    assert not (blocker / "cache").exists()


_PATTERNS_OF_A_RUN = """
import json, sys
from contractkg.ingest import pattern_cache
from pathlib import Path
from contractkg.ingest.extract import extract_file
for path in sorted(Path("examples").iterdir()):
    if path.suffix in (".txt", ".md", ".html") and path.stem != "README":
        extract_file(path)
json.dump(sorted(list(k) for k in pattern_cache._used if isinstance(k[1], int)), sys.stdout)  # (pattern, flags)
"""


def test_lexicon_patterns_are_the_same_text_in_every_process(tmp_path: Path) -> None:
    """Alternations built from sets must not follow the set's order, which changes with the hash seed
    (the patterns compiled while extracting the examples, under two seeds)."""
    runs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, pattern_cache.CACHE_ENV: str(tmp_path),
               "PYTHONPATH": str(ROOT)}
        out = subprocess.run([sys.executable, "-c", _PATTERNS_OF_A_RUN], env=env, cwd=ROOT, capture_output=True,
                             text=True, check=True).stdout
        runs.append(out)
    assert len(runs[0]) > 1000 and runs[0] == runs[1]


def test_a_documents_own_words_are_not_kept(fresh, tmp_path: Path) -> None:  # noqa: ANN001
    """Copies of the examples with other company names and numbers (benchmarks/corpus.py) compile
    nothing new once the examples were read: patterns of a document's own terms stay out of the
    cache, which would otherwise grow and be written again with every document."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))  # benchmarks/ sits at the repo root, not installed
    from benchmarks.corpus import EXAMPLES, write_corpus
    from contractkg.ingest.extract import extract_file

    examples = sorted(p for p in EXAMPLES.iterdir() if p.suffix in (".txt", ".md", ".html") and p.stem != "README")
    for path in examples:
        extract_file(path)
    before = (set(fresh._compiled), set(fresh._memo))
    copies, _ = write_corpus(tmp_path / "copies", len(examples), seed=7)
    for path in copies:
        extract_file(path)
    assert (set(fresh._compiled) - before[0], set(fresh._memo) - before[1]) == (set(), set())


def test_known_tells_the_cache_patterns_apart(fresh) -> None:  # noqa: ANN001
    assert fresh.known(fresh.compile(*SAMPLES[0]))
    assert not fresh.known(re.compile(r"(?:acme|globex) corp"))


def test_one_extract_call_keeps_its_patterns_for_the_next(tmp_path: Path) -> None:
    """The CLI on one file (its worker keeps what it compiled when it ends); the next call finds
    everything and writes nothing."""
    env = {**os.environ, pattern_cache.CACHE_ENV: str(tmp_path), "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-c", "from contractkg.console import main; main()", "extract",
           str(ROOT / "examples" / "es_encargo_tratamiento.txt"), "--format", "json"]
    first = subprocess.run(cmd, env=env, cwd=tmp_path, capture_output=True, text=True, check=True).stdout
    files = list(tmp_path.glob("patterns-*.marshal"))
    assert len(files) == 1
    kept = files[0].read_bytes()
    second = subprocess.run(cmd, env=env, cwd=tmp_path, capture_output=True, text=True, check=True).stdout
    assert second == first and files[0].read_bytes() == kept
