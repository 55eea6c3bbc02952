"""`contractkg version` names the package, ontology and DPV versions, each read from its source of truth."""

from __future__ import annotations

import tomllib
from pathlib import Path

import rdflib
from rdflib.namespace import OWL
from typer.testing import CliRunner

from contractkg import DPV_VERSION, __version__, ontology_version
from contractkg.cli import app

ROOT = Path(__file__).resolve().parents[1]


def test_version_prints_three_versions() -> None:
    res = CliRunner().invoke(app, ["version"])
    assert res.exit_code == 0
    assert res.output.splitlines() == [f"contractkg {__version__}", f"ontology {ontology_version()}",
                                       f"DPV {DPV_VERSION}"]


def test_package_version_matches_pyproject() -> None:
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert meta["project"]["version"] == __version__


def test_ontology_version_is_the_turtle_one() -> None:
    g = rdflib.Graph().parse(ROOT / "contractkg" / "ontology" / "contractkg.ttl")
    declared = {str(v) for v in g.objects(None, OWL.versionInfo)}
    assert declared == {ontology_version()}


def test_dpv_version_is_the_vocabulary_tested_against(vocab: Path) -> None:
    assert vocab.name == f"dpv-{DPV_VERSION}"


def test_the_console_entry_answers_version_without_loading_the_cli() -> None:
    import subprocess
    import sys

    code = ("import sys; sys.argv = ['contractkg', 'version']; from contractkg.console import main; main(); "
            "print(sorted(m for m in ('typer', 'rich', 'pyoxigraph', 'rdflib', 'contractkg.cli') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.splitlines()
    assert out[:3] == CliRunner().invoke(app, ["version"]).output.splitlines()
    assert out[3] == "[]"


def test_the_console_entry_runs_other_commands_through_the_cli() -> None:
    import subprocess
    import sys

    code = "import sys; sys.argv = ['contractkg', 'queries']; from contractkg.console import main; main()"
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert res.returncode == 0 and "contracts-overview" in res.stdout
