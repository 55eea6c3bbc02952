"""Language data lives in the lexicons, keyed by language: the declared languages, the per-language lists,
the lexicon folder override, the parsed-lexicon cache and the alternation helper."""

from __future__ import annotations

import ast
import marshal
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from contractkg.ingest import lexicon as lex
from contractkg.ingest.lexicon import LEXICON_DIR, alternation, by_language, languages, words

INGEST = Path(lex.__file__).parent
CODE = re.compile(r"^[a-z]{2}$")


def _all_files() -> dict[str, Any]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(LEXICON_DIR.glob("*.yaml"))}


def _language_maps(node: Any, where: str = "") -> list[tuple[str, dict[str, Any]]]:
    """Every mapping whose keys are all two-letter lower-case codes: a per-language list."""
    found: list[tuple[str, dict[str, Any]]] = []
    if isinstance(node, dict):
        if node and all(isinstance(k, str) and CODE.match(k) for k in node):
            found.append((where, node))
        for k, v in node.items():
            found += _language_maps(v, f"{where}/{k}")
    return found


def test_languages_are_declared_with_function_words() -> None:
    declared = languages()
    assert declared == tuple(lex.lexicon("languages"))
    assert {"en", "fr", "it", "de", "es", "pt", "nl"} <= set(declared)
    for code in declared:
        assert len(lex.lexicon("languages")[code]["function_words"]) >= 10, code


def test_every_per_language_list_uses_declared_codes() -> None:
    declared = set(languages())
    maps = [(f"{name}{where}", m) for name, data in _all_files().items() if name != "languages"
            for where, m in _language_maps(data)]
    assert len(maps) > 100  # the moved alternations alone are about ninety lists
    for where, m in maps:
        assert set(m) <= declared, f"{where}: {sorted(set(m) - declared)} are not declared in languages.yaml"


def test_lingua_knows_every_declared_language() -> None:
    from lingua import IsoCode639_1, Language

    for code in languages():
        Language.from_iso_code_639_1(IsoCode639_1.from_str(code))


def test_by_language_flattens_in_order_without_repeats() -> None:
    assert by_language({"en": ["and", "or"], "fr": ["et", "ou"], "es": ["y", "o"], "pt": ["e", "ou"]}) == \
        ["and", "or", "et", "ou", "y", "o", "e"]
    assert by_language({"en": ["and"], "fr": ["et"]}, "fr") == ["et"]
    assert by_language({"en": ["and"], "fr": ["et"]}, "xx") == ["and", "et"]
    assert by_language(["a", "b"]) == ["a", "b"]
    assert by_language(None) == []


def test_alternation_puts_longer_forms_first() -> None:
    alt = alternation("jurisdiction", "court_nouns")
    frags = alt.split("|")
    assert frags == sorted(frags, key=lambda f: -len(f))
    assert set(frags) == set(words("jurisdiction", "court_nouns"))
    assert re.fullmatch(f"(?:{alt})", "rechtbanken", re.IGNORECASE)


def test_alternation_of_a_missing_key_names_it() -> None:
    with pytest.raises(ValueError, match="no_such_key"):
        alternation("jurisdiction", "no_such_key")


def test_lexicon_folder_override(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "lex"
    shutil.copytree(LEXICON_DIR, folder)
    data = yaml.safe_load((folder / "roles.yaml").read_text(encoding="utf-8"))
    data["between_words"]["sv"] = ["mellan"]
    (folder / "roles.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv("CONTRACTKG_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv(lex.ENV, str(folder))
    assert lex.lexicon_dir() == folder
    assert "mellan" in words("roles", "between_words")
    monkeypatch.delenv(lex.ENV)
    assert "mellan" not in words("roles", "between_words")


def test_a_folder_without_lexicons_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(lex.ENV, str(tmp_path))
    with pytest.raises(FileNotFoundError, match="CONTRACTKG_LEXICONS"):
        lex.lexicon("roles")


def test_parsed_lexicons_are_cached_and_a_damaged_cache_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "lex"
    shutil.copytree(LEXICON_DIR, folder)
    cache = tmp_path / "cache"
    monkeypatch.setenv("CONTRACTKG_CACHE_DIR", str(cache))
    first = lex._all(str(folder))
    files = list(cache.glob("lexicons-*.marshal"))
    assert len(files) == 1 and marshal.loads(files[0].read_bytes()) == first
    assert first == _all_files()
    files[0].write_bytes(b"\x00damaged")
    lex._all.cache_clear()
    assert lex._all(str(folder)) == first


def test_an_unwritable_cache_falls_back_to_parsing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "lex"
    shutil.copytree(LEXICON_DIR, folder)
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("CONTRACTKG_CACHE_DIR", str(blocker / "cache"))  # cannot be created under a file
    assert lex._all(str(folder)) == _all_files()


# Words that only ever appeared inside multilingual alternations now kept in the lexicons.
MOVED = ["zwischen", "tussen", "gerichtsstand", "tribunali", "rechtbank", "allegato", "bijlage", "eingetragen",
         "costituita", "unverzüglich", "subappaltator", "abrufbar"]


def _regex_literals(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                  if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef)) and n.body
                  and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    return [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
            and id(n) not in docstrings and "|" in n.value]


@pytest.mark.parametrize("module", ["parties", "jurisdiction", "structure", "obligations", "deadlines", "transfers", "load"])
def test_no_moved_word_is_back_in_a_regex(module: str) -> None:
    for path in sorted((INGEST / module).rglob("*.py")):
        for literal in _regex_literals(path):
            low = literal.lower()
            back = [w for w in MOVED if re.search(rf"(?<![\w]){w}(?![\w])", low)]
            assert not back, f"{path.relative_to(INGEST)}: {back} in {literal[:80]!r}: keep language words in the lexicons"
