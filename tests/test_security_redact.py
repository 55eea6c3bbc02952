"""`contractkg export --redact`: no contact person's name and no e-mail address leaves the store."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from contractkg.cli import app

runner = CliRunner()

DPA_EN = """DATA PROCESSING AGREEMENT

This agreement is made between the Customer (the "Controller") and Brightwater Analytics Ltd,
12 Harbour Street, Leeds LS1 4AB, United Kingdom, represented by Jane Fairweather,
e-mail: jane.fairweather@brightwater.example (the "Processor").

1. Subject matter
1.1 The Processor shall process personal data only on documented instructions of the Controller.
1.2 Questions about this agreement go to privacy@brightwater.example.
"""

DPA_DE = """AUFTRAGSVERARBEITUNGSVERTRAG

zwischen dem Kunden (der "Verantwortliche") und Kieselgrund Software GmbH, Hafenstraße 5, 20457 Hamburg,
vertreten durch Lukas Brennecke, E-Mail: datenschutz@kieselgrund.example (der "Auftragsverarbeiter").

1. Gegenstand
1.1 Der Auftragsverarbeiter verarbeitet personenbezogene Daten nur auf dokumentierte Weisung des Verantwortlichen.
"""

PERSONAL = ("Jane Fairweather", "brightwater.example", "Lukas Brennecke", "kieselgrund.example",
            "contractkg#contact>", "contractkg#email>")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("redact")
    (tmp / "dpa_en.txt").write_text(DPA_EN, encoding="utf-8")
    (tmp / "dpa_de.txt").write_text(DPA_DE, encoding="utf-8")
    res = runner.invoke(app, ["ingest", str(tmp / "dpa_en.txt"), str(tmp / "dpa_de.txt"), "--store", str(tmp / "s")])
    assert res.exit_code == 0, res.output
    return tmp / "s"


def test_plain_export_holds_the_personal_data(store: Path) -> None:
    res = runner.invoke(app, ["export", "--format", "nquads", "--store", str(store)])
    assert res.exit_code == 0
    for value in PERSONAL:
        assert value in res.stdout, value  # so the redacted export below has something to remove


@pytest.mark.parametrize("fmt", ["nquads", "trig", "turtle", "jsonld"])
def test_redacted_export_has_none_of_it(store: Path, fmt: str) -> None:
    res = runner.invoke(app, ["export", "--format", fmt, "--redact", "--store", str(store)])
    assert res.exit_code == 0, res.output
    text = res.stdout
    for value in PERSONAL:
        assert value not in text, value
    assert "@" not in text.replace("@prefix", "").replace("@id", "").replace("@type", "").replace(
        "@value", "").replace("@language", "").replace("@graph", "").replace("@context", "")
    assert "Brightwater Analytics Ltd" in text and "Kieselgrund Software GmbH" in text  # companies stay
    assert "[e-mail removed]" in text


def test_the_readme_says_what_the_graph_holds_about_people() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("**People in the graph.**"):]
    assert "ckg:contact" in section and "ckg:email" in section and "--redact" in section
