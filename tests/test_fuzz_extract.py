"""Property-based tests: generated annexes, tables, lists, random Unicode, very long lines and deep
nesting go through the loader and the extractor without an exception, and the output is sane
(JSON-serialisable, every span inside the text, lines inside the file).

Each example runs in a worker process held to a time budget (ingest/budget.py), so an input that
sends a pattern into catastrophic backtracking fails the test with its text instead of hanging it.
Speed itself is measured in benchmarks/, not here.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from contractkg.ingest.budget import run_all
from contractkg.ingest.document import LoadError
from contractkg.ingest.extract import warm_up

BUDGET = 60.0  # seconds per example: generous, a hang is what is caught
FUZZ = settings(max_examples=12, deadline=None, phases=[Phase.explicit, Phase.generate],  # no shrinking
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def spans(value: Any, path: str = "") -> list[tuple[str, int, int]]:
    """Every [start, end] pair found under an evidence or span key."""
    out: list[tuple[str, int, int]] = []
    if isinstance(value, dict):
        for k, v in value.items():
            out += spans(v, f"{path}/{k}")
    elif isinstance(value, list):
        if len(value) == 2 and all(type(i) is int for i in value) and ("evidence" in path or "span" in path):
            return [(path, value[0], value[1])]
        for v in value:
            out += spans(v, path + "[]")
    return out


def check(data: bytes) -> list[str]:
    """Load and extract ``data`` as a .txt file; the problems found (runs in the worker)."""
    from contractkg.ingest.extract import extract_document
    from contractkg.ingest.load.loaders import load

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fuzz.txt"
        path.write_bytes(data)
        try:
            doc = load(path)
        except LoadError as e:
            return [] if "\n" not in str(e) else [f"multi-line load error: {e!r}"]
        n_lines = len(data.decode("utf-8", "replace").splitlines()) or 1
    problems = []
    agreements, contracts = extract_document(doc)
    records = [c.to_json() for c in contracts]
    try:
        json.dumps(records, allow_nan=False)
    except (TypeError, ValueError) as e:
        problems.append(f"not JSON: {e}")
    size = len(doc.text)
    for ag in agreements:
        if not 0 <= ag.start <= ag.end <= size:
            problems.append(f"agreement span {ag.start}-{ag.end} outside 0-{size}")
        for c in ag.clauses:
            if not ag.start <= c.start <= c.end <= ag.end:
                problems.append(f"clause {c.number!r} {c.start}-{c.end} outside its agreement {ag.start}-{ag.end}")
    for rec in records:
        for where, a, b in spans(rec):
            if not 0 <= a <= b <= size:
                problems.append(f"{where}: span {a}-{b} outside 0-{size}")
        if not 1 <= rec["line"] <= max(n_lines, doc.n_lines):
            problems.append(f"line {rec['line']} outside 1-{n_lines}")
    return problems


def run(text: str, encoding: str = "utf-8") -> None:
    data = text.encode(encoding, "replace")
    (problems,) = run_all(check, [data], lambda _, why: [f"{why}"], workers=1, budget=BUDGET, init=warm_up)
    assert not problems, "\n".join(problems[:10])


# ---------------------------------------------------------------- building blocks (our own wording)

SENTENCES = [
    "The Processor shall notify the Controller without undue delay and within 48 hours.",
    "Le Sous-traitant s'engage à supprimer les données à la fin du contrat.",
    "Il Responsabile del trattamento assiste il Titolare entro 10 giorni lavorativi.",
    "Der Auftragnehmer darf Unterauftragsverarbeiter nur mit Zustimmung einsetzen.",
    "El Encargado conservará los datos durante la vigencia del Contrato.",
    "O Subcontratante informa o Responsável com 30 dias de antecedência.",
    "De Verwerker verleent medewerking aan audits, maximaal één keer per jaar.",
    "This Agreement is governed by the laws of Ireland; the courts of Dublin have exclusive jurisdiction.",
    'between Brimcott Data Ltd, 4 Quay Road, Cork, Ireland (the "Processor") and the customer (the "Controller")',
]
WORDS = ["data", "GmbH", "S.r.l.", "Inc.", "SAS", "B.V.", "Ltd", "(a)", "§", "Art.", "28", "72", "hours", "jours",
         "Tage", "giorni", "días", "USA", "France", "Deutschland", "SCC", "ISO 27001", "«", "»", "“", "”", "—", "•",
         "e-mail", "info@example.org", "https://example.org/x", "12.3456789012-", "aaaa@", "A.", "1 "]
COMPANIES = ["Cloudora", "Mapleton", "Virexa", "Quintal", "Norvale", "Ostrika"]
FORMS = ["Inc.", "GmbH", "S.r.l.", "SAS", "Ltd", "B.V.", "S.L.", "LLC", "AG", ""]
COUNTRIES = ["United States", "Germany", "Irland", "France", "Italia", "España", "Brasil", "Nederland", "India"]
SERVICES = ["Hosting", "E-mail delivery", "Support", "Analytics", "Login", "Zahlungsabwicklung"]
ANNEX_TITLES = ["Annex 2 to the Data Processing Agreement", "Anlage 3 – Unterauftragsverarbeiter",
                "Allegato 1", "Annexe B : Sous-traitants ultérieurs", "Anexo II", "Schedule 3", "Bijlage 2"]

sentence = st.sampled_from(SENTENCES)
word_run = st.lists(st.sampled_from(WORDS), min_size=1, max_size=25).map(" ".join)
prose = st.lists(st.one_of(sentence, word_run), min_size=1, max_size=8).map(" ".join)


@st.composite
def annex(draw: st.DrawFn) -> str:
    sep = draw(st.sampled_from([" | ", "\t", "  ", " ", "|"]))
    header = sep.join(draw(st.lists(st.sampled_from(["Name", "Company", "Address", "Place of processing", "Service",
                                                     "Land", "Paese", "Safeguard"]), min_size=2, max_size=6)))
    rows = []
    for i in range(draw(st.integers(1, 25))):
        cells = [draw(st.sampled_from(COMPANIES)) + " " + draw(st.sampled_from(FORMS)),
                 draw(st.sampled_from(COUNTRIES)), draw(st.sampled_from(SERVICES))]
        if draw(st.booleans()):
            cells.insert(0, str(draw(st.integers(1, 99)) if draw(st.booleans()) else i + 1))
        if draw(st.booleans()):
            cells.append(draw(prose))
        row = sep.join(cells)
        rows.append(f"| {row} |" if sep.strip() == "|" and draw(st.booleans()) else row)
    rule = ["|---|---|---|"] if draw(st.booleans()) else []
    foot = [draw(prose)] if draw(st.booleans()) else []
    return "\n".join([draw(st.sampled_from(ANNEX_TITLES)), header, *rule, *rows, *foot])


@st.composite
def numbered_list(draw: st.DrawFn) -> str:
    lines = []
    depth = 1
    for i in range(draw(st.integers(1, 40))):
        depth = max(1, min(12, depth + draw(st.integers(-2, 2))))
        style = draw(st.sampled_from(["dotted", "paren", "roman", "section", "article", "bullet", "none"]))
        n = i + 1
        label = {"dotted": ".".join(str(draw(st.integers(1, 20))) for _ in range(depth)) + draw(st.sampled_from(["", "."])),
                 "paren": f"({chr(97 + n % 26)})", "roman": f"({'i' * (n % 4 + 1)})", "section": f"§ {n}",
                 "article": draw(st.sampled_from(["Article", "Artikel", "Articolo", "Artículo"])) + f" {n}",
                 "bullet": draw(st.sampled_from(["•", "-", "*", "–"])), "none": ""}[style]
        indent = " " * draw(st.integers(0, 8))
        lines.append(f"{indent}{label} {draw(prose)}".rstrip())
        if draw(st.integers(0, 4)) == 0:
            lines.append("")
    return "\n".join(lines)


@st.composite
def contract(draw: st.DrawFn) -> str:
    parts = [draw(st.sampled_from(["DATA PROCESSING AGREEMENT", "Auftragsverarbeitungsvertrag", "Accordo sul trattamento",
                                   "Accord de sous-traitance", "Terms of Service", ""]))]
    for _ in range(draw(st.integers(1, 5))):
        parts.append(draw(st.one_of(prose, numbered_list(), annex())))
    return "\n\n".join(parts)


# ---------------------------------------------------------------- properties


@FUZZ
@given(contract())
def test_generated_contracts_with_annexes_tables_and_lists(text: str) -> None:
    run(text)


@FUZZ
@given(st.text(st.characters(exclude_categories=("Cs",)), max_size=3000))
def test_random_unicode(text: str) -> None:
    run(text)


@FUZZ
@given(st.lists(st.one_of(sentence, st.sampled_from(WORDS)), min_size=1, max_size=6),
       st.integers(5_000, 60_000), st.sampled_from([" ", "", "\t", "\n"]))
def test_very_long_lines(tokens: list[str], length: int, joiner: str) -> None:
    unit = joiner.join(tokens) + joiner
    run("ANNEX 1\n" + (unit * (length // max(len(unit), 1) + 1))[:length] + "\nEnd")


@FUZZ
@given(st.integers(20, 400), st.sampled_from(["(", "[", "«", "“", '"', "(a) ", "1.", "§ ", "- ", "> ", "\t"]),
       st.sampled_from(["", ")", "]", "»", "”", '"']), st.one_of(sentence, word_run))
def test_deep_nesting(depth: int, opener: str, closer: str, middle: str) -> None:
    numbers = ".".join(str(i % 9 + 1) for i in range(depth))
    run(f"{numbers} {middle}\n" + opener * depth + middle + closer * depth + "\n" +
        "\n".join(f"{'.'.join(['1'] * d)} {middle}" for d in range(1, min(depth, 60))))


@FUZZ
@given(contract(), st.sampled_from(["cp1252", "latin-1", "utf-16"]))
def test_legacy_encodings_of_generated_contracts(text: str, encoding: str) -> None:
    run(text, encoding)


def test_the_harness_catches_a_span_outside_the_text() -> None:
    assert spans({"evidence": {"x": [3, 9]}, "obligations": [{"evidence": [1, 2]}], "n": [1, 2]}) == [
        ("/evidence/x", 3, 9), ("/obligations[]/evidence", 1, 2)]


def test_a_tab_separated_subprocessor_row_has_its_own_span() -> None:  # found by the fuzz test above
    from contractkg.ingest.document import Document
    from contractkg.ingest.extract import extract_document

    text = ("Annex 2\nName\tCountry\tService\nCloudora Inc.\tUnited States\tHosting\n"
            "Mapleton S.r.l.\tGermany\tE-mail delivery")
    records = [c.to_json() for c in extract_document(Document(source="x.txt", text=text))[1]]
    rows = {s["name"]: s["evidence"] for r in records for s in r.get("subprocessors") or []}
    a, b = rows["Cloudora Inc."]
    assert text[a:b] == "Cloudora Inc.\tUnited States\tHosting"
