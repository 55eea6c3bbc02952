"""The wheel is the product: built from the checkout, installed in a fresh virtualenv outside the repo,
it carries every data file (ontology, shapes, queries, lexicons, app assets) and `contractkg` works."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _tracked_data_files() -> set[str]:
    """Package files under contractkg/ that are not Python source, as wheel member names."""
    out = subprocess.run(["git", "ls-files", "contractkg"], cwd=ROOT, capture_output=True, text=True, check=True)
    return {p for p in out.stdout.split() if not p.endswith(".py")}


def test_data_files_are_tracked() -> None:
    # The wheel check below is only as good as this list: the package has data of every kind.
    suffixes = {Path(p).suffix for p in _tracked_data_files()}
    assert {".ttl", ".rq", ".yaml"} <= suffixes


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Build from a copy of the tracked files: a checkout's stale *.egg-info/SOURCES.txt would
    # otherwise smuggle in data files that package-data forgets.
    src = tmp_path_factory.mktemp("src")
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    for rel in tracked.split():
        if (ROOT / rel).is_file():
            (src / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, src / rel)
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(out), str(src)],
                   check=True, capture_output=True, text=True)
    (built,) = out.glob("contractkg-*.whl")
    return built


def test_wheel_has_every_data_file(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = sorted(_tracked_data_files() - names)
    assert not missing, f"the wheel lacks {missing}: add their patterns to [tool.setuptools.package-data]"
    assert any(n.endswith("licenses/LICENSE") for n in names)


def test_installed_wheel_runs_outside_the_repo(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    py = env_dir / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)],
                   check=True, capture_output=True, text=True)
    # Dependencies come from the test environment; contractkg itself must come from the wheel (the
    # editable install's finder is a .pth hook, which PYTHONPATH entries do not run).
    env = {**os.environ, "PYTHONPATH": sysconfig.get_paths()["purelib"]}
    work = tmp_path / "elsewhere"
    work.mkdir()
    where = subprocess.run([str(py), "-c", "import contractkg; print(contractkg.__file__)"], cwd=work, env=env,
                           capture_output=True, text=True, check=True).stdout.strip()
    assert where.startswith(str(env_dir)), where

    cli = str(env_dir / "bin" / "contractkg")
    example = ROOT / "examples" / "en_dpa_complete.txt"
    res = subprocess.run([cli, "extract", str(example), "--format", "json"], cwd=work, env=env,
                         capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    contracts = json.loads(res.stdout)["contracts"]
    assert contracts and contracts[0]["kind"] == "dpa"

    res = subprocess.run([cli, "queries", "--format", "json"], cwd=work, env=env, capture_output=True, text=True,
                         timeout=120)
    assert res.returncode == 0, res.stderr
    assert len(json.loads(res.stdout)["queries"]) >= 10
