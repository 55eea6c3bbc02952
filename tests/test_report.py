"""The DPA review report: the data it collects from the store, the escaped self-contained HTML, the PDF."""

from __future__ import annotations

import re
from typing import Any

import pytest

from contractkg import kg
from contractkg.ingest.document import Document
from contractkg.ontology import art28_elements
from contractkg.report import report_html
from contractkg.report.data import ContractReview, duration_words, portfolio, review
from contractkg.report.html import article
from contractkg.store.embedded import EmbeddedStore

# A text written for this test; spans below point into it.
TEXT = """Data Processing Agreement <script>alert('x')</script> between Acme & Co and Nordlicht GmbH.
1. Subject. The processor processes customer records only on documented instructions.
2. Security. Nordlicht GmbH keeps the data confidential and secure.
3. Sub-processors. Cloud LLC (United States) hosts the data; it is listed again in Annex 2 for backups.
4. Breach. The processor notifies a breach within 48 hours.
"""


def span(fragment: str) -> list[int]:
    start = TEXT.index(fragment)
    return [start, start + len(fragment)]


def record() -> dict[str, Any]:
    art28 = {k: "1" for k in art28_elements()}
    art28["audits"] = None
    return {
        "kind": "dpa", "title": "Nordlicht DPA <script>alert('x')</script>", "language": "en",
        "parties": [{"name": "Nordlicht GmbH", "roles": ["processor"], "country": "DE", "defined_as": ["Processor"]},
                    {"name": "Acme & Co", "roles": ["controller"], "country": "FR"}],
        "art28": art28, "missing": ["audits"],
        "art28_evidence": {"instructions": [span("The processor processes customer records only on documented "
                                                 "instructions.")],
                           "security": [span("2. Security."),
                                        span("Nordlicht GmbH keeps the data confidential and secure.")]},
        "subprocessor_authorisation": "specific",
        "subprocessors": [{"name": "Cloud LLC", "country": "US", "service": "hosting", "safeguard": "none",
                           "evidence": span("Cloud LLC (United States) hosts the data")},
                          {"name": "Cloud LLC", "country": "US", "service": "backups", "safeguard": "none"},
                          {"name": "Speicher AG", "country": "DE", "service": "storage", "safeguard": "none"}],
        "transfers": [{"from": "DE", "to": "US", "recipient": "Cloud LLC"}],
        "deadlines": {"breach_notification": "PT48H"},
        "evidence": {"deadlines.breach_notification": span("within 48 hours")},
    }


@pytest.fixture(scope="module")
def store() -> EmbeddedStore:
    st = EmbeddedStore(None)
    doc = Document(source="/tmp/report-test.txt", text=TEXT)
    terms = {"kind": "terms", "title": "Nordlicht terms", "parties": [{"name": "Nordlicht GmbH", "roles": ["provider"]}]}
    st.replace_document(kg.doc_iri(doc), kg.build(doc, [record(), terms]))
    return st


def contract_iri(store: EmbeddedStore, title_start: str) -> str:
    from contractkg.validation import contracts

    return next(c.iri for c in contracts(store) if c.title.startswith(title_start))


@pytest.fixture(scope="module")
def dpa(store: EmbeddedStore) -> ContractReview:
    return review(store, contract_iri(store, "Nordlicht DPA"))


def test_parties_and_roles(dpa: ContractReview) -> None:
    assert dpa.kind == "DPA" and dpa.dpa and dpa.source == "/tmp/report-test.txt"
    roles = {p.name: (p.roles, p.country) for p in dpa.parties}
    assert roles == {"Nordlicht GmbH": (["processor"], "Germany (DE)"), "Acme & Co": (["controller"], "France (FR)")}


def test_checklist_quotes_the_clause_of_each_element(dpa: ContractReview) -> None:
    by_key = {e.key: e for e in dpa.checklist}
    assert list(by_key) == list(art28_elements())
    assert [q.text for q in by_key["instructions"].quotes] == [
        "The processor processes customer records only on documented instructions."]
    # the sentence comes before the heading, though the heading comes first in the text
    assert [q.text for q in by_key["security"].quotes] == ["Nordlicht GmbH keeps the data confidential and secure.",
                                                            "2. Security."]
    assert by_key["instructions"].article.endswith("/art_28/par_3/pnt_a/oj")
    assert not by_key["audits"].stipulated and by_key["audits"].flagged
    assert all(e.stipulated for k, e in by_key.items() if k != "audits")


def test_each_gap_is_listed_once_with_what_is_missing(dpa: ContractReview) -> None:
    audits = [i for i in dpa.issues if i.element == "information and audits"]
    assert [(i.severity, i.article.rsplit("/", 2)[-2]) for i in audits] == [("Violation", "pnt_h")]
    assert "audits" in audits[0].message
    assert not [i for i in dpa.issues if i.severity == "Gap"]
    assert all(i.path for i in dpa.issues)


def test_sub_processor_warning_once_by_name(dpa: ContractReview) -> None:
    warnings = [i for i in dpa.issues if i.severity == "Warning"]
    assert [i.about for i in warnings] == ["sub-processor Cloud LLC (US)"]
    assert warnings[0].message.startswith("Sub-processor Cloud LLC (US) has no transfer safeguard")
    rows = {(s.name, s.service): s for s in dpa.subprocessors}
    assert set(rows) == {("Cloud LLC", "hosting"), ("Cloud LLC", "backups"), ("Speicher AG", "storage")}
    assert rows[("Cloud LLC", "hosting")].country == "United States (US)"
    assert rows[("Cloud LLC", "hosting")].warning and not rows[("Speicher AG", "storage")].warning


def test_deadlines_in_words_with_their_quote(dpa: ContractReview) -> None:
    breach = next(d for d in dpa.deadlines if d.what.startswith("breach notification"))
    assert (breach.value, breach.reading, breach.quote) == ("P2D", "48 hours (2 days)", "within 48 hours")
    assert duration_words("P1M2D") == "1 month 2 days" and duration_words("PT1H") == "1 hour"
    assert duration_words("soon") == "soon"


def test_html_escapes_contract_text_and_loads_nothing(store: EmbeddedStore) -> None:
    page = report_html(store, contract_iri(store, "Nordlicht DPA"))
    assert "<script" not in page
    assert "Nordlicht DPA &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page
    assert "Acme &amp; Co" in page
    assert not re.search(r"<(link|img|iframe|object|embed)\b|\bsrc=|@import|url\(", page)
    assert "@media print" in page and "@page" in page
    for needed in ("Parties and roles", "GDPR Art. 28 checklist", "Gaps and violations", "Sub-processors", "Deadlines",
                   "United States (US)", "GDPR Art. 28(3)(h)", "48 hours (2 days)"):
        assert needed in page, needed
    assert "Summary" not in page  # one agreement: no portfolio table


def test_portfolio_has_a_summary_row_and_a_section_per_agreement(store: EmbeddedStore) -> None:
    p = portfolio(store)
    assert [r.title for r in p.reviews] == ["Nordlicht DPA <script>alert('x')</script>", "Nordlicht terms"]
    page = report_html(store, None)
    assert page.count('<section class="contract') == 2 and "Summary" in page
    assert page.count('href="#c') == 2 and 'id="c1"' in page and 'id="c2"' in page


def test_unknown_contract_is_a_lookup_error(store: EmbeddedStore) -> None:
    with pytest.raises(LookupError):
        review(store, "https://w3id.org/contractkg/id/contract/nothing-0")


def test_article_words() -> None:
    assert article("http://data.europa.eu/eli/reg/2016/679/art_28/par_3/pnt_a/oj") == "GDPR Art. 28(3)(a)"
    assert article("http://data.europa.eu/eli/reg/2016/679/art_46/par_1/oj") == "GDPR Art. 46(1)"
    assert article("not an ELI") == ""


def test_pdf_is_printed_by_chromium(store: EmbeddedStore, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from contractkg.report.pdf import browser, write_pdf

    if browser() is None:
        pytest.skip("chromium is not installed")
    out = tmp_path / "review.pdf"
    write_pdf(report_html(store, None), out)
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 5000
    assert not list(tmp_path.glob("*.part"))


def test_pdf_without_chromium_says_what_to_do(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from contractkg.report import pdf

    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    with pytest.raises(pdf.PdfError, match=r"\.html"):
        pdf.write_pdf("<html></html>", tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()
