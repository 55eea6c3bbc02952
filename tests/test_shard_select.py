"""--shard i/n: which files a shard takes (contractkg.files), independent of machine and listing order."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contractkg.files import Shard, plan_files, shard_key, shard_of

NAMES = st.text(alphabet="abcdéfXYZ019_-. ", min_size=1, max_size=12).filter(lambda s: s.strip(". ") != "")
KEYS = st.lists(st.builds(lambda parts: "/".join(parts), st.lists(NAMES, min_size=1, max_size=3)),
                unique=True, max_size=40)


@pytest.mark.parametrize("text", ["x", "", "1", "1/", "/2", "0/2", "3/2", "1/0", "-1/2", "1.5/2", "1/2/3", "a/b"])
def test_bad_shard_is_refused_with_the_form_to_use(text: str) -> None:
    with pytest.raises(ValueError, match=r"bad shard .*(i/n|1 <= i <= n)"):
        Shard.parse(text)


def test_shard_parses_and_prints() -> None:
    assert Shard.parse(" 2 / 3 ") == Shard(2, 3)
    assert str(Shard.parse("1/1")) == "1/1"


def test_shard_of_is_sha256_of_the_key_modulo_n() -> None:
    """Fixed by the key's bytes alone (no per-process hash seed), so every machine agrees."""
    for key in ("de_avv.txt", "versions/en_dpa_v1.txt", "ünïcode/ä.md"):
        expected = int(hashlib.sha256(key.encode("utf-8")).hexdigest()[:16], 16) % 7 + 1
        assert shard_of(key, 7) == expected


def test_key_is_unicode_normalised() -> None:
    assert shard_of("Vertrag_\u00e4.txt", 5) == shard_of("Vertrag_a\u0308.txt", 5)  # NFC vs NFD file names


@settings(max_examples=60, deadline=None)
@given(keys=KEYS, n=st.integers(1, 9))
def test_every_key_in_exactly_one_shard(keys: list[str], n: int) -> None:
    owners = {k: [i for i in range(1, n + 1) if Shard(i, n).takes(k)] for k in keys}
    assert all(len(o) == 1 for o in owners.values())


def test_shards_spread_files() -> None:
    keys = [f"corpus/doc_{i:04d}.txt" for i in range(400)]
    sizes = [sum(Shard(i, 4).takes(k) for k in keys) for i in range(1, 5)]
    assert sum(sizes) == 400 and min(sizes) > 60  # roughly a quarter each, none empty


def _tree(root: Path, names: list[str]) -> None:
    for name in names:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("x", encoding="utf-8")


def test_plan_keys_are_relative_to_the_folder_given(tmp_path: Path) -> None:
    """The same corpus under two mount points splits the same way."""
    names = [f"{d}/c{i}.txt" for d in ("a", "b/c") for i in range(15)] + ["top.md", "notes.csv"]
    for mount in ("m1", "deeper/m2"):
        _tree(tmp_path / mount, names)
    whole = plan_files([tmp_path / "m1"])
    assert len(whole.files) == 31
    for n in (2, 3):
        parts = [plan_files([tmp_path / "m1"], Shard(i, n)) for i in range(1, n + 1)]
        other = [plan_files([tmp_path / "deeper" / "m2"], Shard(i, n)) for i in range(1, n + 1)]
        rel = [sorted(shard_key(f, tmp_path / "m1") for f in p.files) for p in parts]
        assert rel == [sorted(shard_key(f, tmp_path / "deeper" / "m2") for f in p.files) for p in other]
        assert sorted(sum(rel, [])) == sorted(shard_key(f, tmp_path / "m1") for f in whole.files)  # disjoint, all
        assert all(p.other_shards == 31 - len(p.files) for p in parts)
        assert all(p.skipped == whole.skipped for p in parts)  # skips are reported by every shard


def test_a_file_named_itself_is_keyed_by_its_name(tmp_path: Path) -> None:
    _tree(tmp_path, ["x/one.txt"])
    f = tmp_path / "x" / "one.txt"
    taken = [i for i in (1, 2, 3) if plan_files([f], Shard(i, 3)).files == [f]]
    assert taken == [shard_of("one.txt", 3)]
