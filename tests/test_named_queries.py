"""Every named query on the seeds, checked against rows derived in Python from the extraction
records (and the DPV vocabulary / the gold where they are the reference), never from SPARQL."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from contractkg import kg
from contractkg.analytics import EEA
from contractkg.ontology.literals import LOCAL_NAME, country, duration_hours
from contractkg.queries import runner

ROLES = ("controller", "processor", "subprocessor", "provider", "customer", "data_exporter", "data_importer")
VENDOR_ROLES = ("processor", "provider", "data_importer")
KINDS = ("dpa", "terms", "scc", "framework", "sla", "sow")
QUALIFIERS = ("without_undue_delay", "promptly", "timely")
SAFEGUARDS = ("none", "scc", "adequacy", "bcr", "dpf", "derogation", "unspecified")


class Contract:
    """One record with the IRIs the graph gives it."""

    def __init__(self, doc: Any, index: int, rec: dict[str, Any]) -> None:
        self.doc, self.rec = doc, rec
        self.iri = kg.contract_iri(doc, index)
        self.parties = [p for p in rec.get("parties") or [] if isinstance(p, dict)]
        self.subs = [s for s in rec.get("subprocessors") or [] if isinstance(s, dict) and s.get("name")]

    def party(self, p: dict[str, Any]) -> str:
        return kg.party_iri(p, self.iri)

    def sub_party(self, s: dict[str, Any]) -> str:
        return kg.party_iri({k: s.get(k) for k in ("name", "canonical_key")}, self.iri)

    def role_members(self) -> set[tuple[str, str]]:
        out = {(self.party(p), r) for p in self.parties for r in p.get("roles") or [] if r in ROLES}
        return out | {(self.sub_party(s), "subprocessor") for s in self.subs}

    def vendors(self) -> set[str]:
        return {iri for iri, r in self.role_members() if r in VENDOR_ROLES}

    def named_vendors(self) -> set[str]:
        return {self.party(p) for p in self.parties if p.get("name") and set(p.get("roles") or []) & {"processor", "provider"}}


@pytest.fixture(scope="module")
def corpus(seeds: Path):
    from contractkg.pipeline import process, store_result
    from contractkg.store.embedded import EmbeddedStore

    store = EmbeddedStore(None)
    contracts = []
    for f in sorted(seeds.iterdir()):
        res = process(f)
        assert res.error is None, res.error
        store_result(store, res)
        contracts += [Contract(res.doc, i, rec.to_json()) for i, rec in enumerate(res.records)]
    assert contracts
    return store, contracts


def rows(store, name: str, **values: str) -> list[dict[str, str | None]]:
    res = runner.run(store, name, values)
    assert res.kind == "select"
    return res.rows


def project(found: list[dict[str, str | None]], *cols: str) -> Counter:
    return Counter(tuple(r.get(c) for c in cols) for r in found)


hours = duration_hours  # durations compare by length: the store writes them canonically (PT48H -> P2D)


def code(value: Any) -> str | None:
    """ISO code as the queries show it (loc: local name), None when not a country."""
    iri = country(value)
    return iri.value[-2:] if iri else None


def project_hours(found: list[dict[str, str | None]], cols: tuple[str, ...], duration_cols: set[str]) -> Counter:
    return Counter(tuple(hours(r.get(c)) if c in duration_cols else r.get(c) for c in cols) for r in found)


def test_contracts_overview(corpus) -> None:
    store, contracts = corpus
    want = Counter()
    for c in contracts:
        kind = c.rec.get("kind") or "terms"
        if kind in KINDS:
            members = c.role_members()
            want[(c.iri, str(c.rec["line"]), kind, c.rec.get("language"),
                  str(len({i for i, r in members if r != "subprocessor"})),
                  str(len({i for i, r in members if r == "subprocessor"})))] += 1
    got = rows(store, "contracts-overview")
    assert project(got, "contract", "line", "kind", "language", "parties", "subprocessors") == want
    assert {r["kind"] for r in rows(store, "contracts-overview", kind="dpa")} <= {"dpa"}


def test_parties_and_roles(corpus) -> None:
    store, contracts = corpus
    want = Counter({(c.iri, iri, r): 1 for c in contracts for iri, r in c.role_members()})
    assert project(rows(store, "parties-roles"), "contract", "party", "role") == want
    only = rows(store, "parties-roles", role="controller")
    assert only and {r["role"] for r in only} == {"controller"}


def transfers(contracts: list[Contract]) -> Counter:
    """(contract, destination, safeguard) for every sub-processor or transfer outside the EEA."""
    out = Counter()
    for c in contracts:
        stated = [(code(s.get("processing_country")) or code(s.get("country")), s.get("safeguard")) for s in c.subs]
        listed = {s.get("name") for s in c.subs}  # a listed sub-processor's transfer is reported once
        stated += [(code(t.get("to")), t.get("mechanism")) for t in c.rec.get("transfers") or []
                   if isinstance(t, dict) and t.get("recipient") not in listed]
        for to, sg in stated:
            if to is not None and to not in EEA:
                out[(c.iri, to, sg if sg in SAFEGUARDS else "none stated")] += 1
    return out


def test_third_country_transfers(corpus) -> None:
    store, contracts = corpus
    want = transfers(contracts)
    assert project(rows(store, "third-country-transfers"), "contract", "destination", "safeguard") == want
    us = rows(store, "third-country-transfers", country="United States")
    assert Counter(r["destination"] for r in us) == Counter({"US": sum(n for k, n in want.items() if k[1] == "US")})
    unsafe = Counter({k: n for k, n in want.items() if k[2] in ("none", "unspecified", "none stated")})
    assert project(rows(store, "transfers-without-safeguard"), "contract", "destination", "safeguard") == unsafe


def test_third_country_transfers_match_the_gold(corpus, gold_dir: Path, shared: Path) -> None:
    """Every gold sub-processor outside the EEA is listed for its document, with the gold safeguard."""
    import importlib.util

    import yaml

    spec = importlib.util.spec_from_file_location("goldscore", shared / "tools" / "goldscore.py")
    assert spec and spec.loader
    goldscore = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(goldscore)  # the scorer's own name matching
    store, contracts = corpus
    stem_of = {c.iri: Path(c.doc.source).stem for c in contracts}
    got = rows(store, "third-country-transfers")
    missing, expected = [], 0
    for path in sorted(gold_dir.glob("*.yaml")):
        for gc in yaml.safe_load(path.read_text(encoding="utf-8"))["contracts"]:
            for s in gc.get("subprocessors") or []:
                if not s.get("country") or s["country"] in EEA:
                    continue
                expected += 1
                if not any(stem_of.get(r["contract"]) == path.stem and r["destination"] == s["country"]
                           and r["safeguard"] == s["safeguard"] and goldscore.same_name(r["name"] or "", s["name"])
                           for r in got):
                    missing.append(f"{path.stem}: {s['name']} ({s['country']}, {s['safeguard']})")
    assert expected > 0
    assert not missing, missing


def test_subprocessor_concentration(corpus) -> None:
    store, contracts = corpus
    vendors: dict[str, set[str]] = {}
    for c in contracts:
        for iri, r in c.role_members():
            if r == "subprocessor":
                vendors.setdefault(iri, set()).update(c.vendors() - {iri})
    # min_vendors defaults to 1: a sub-processor no vendor lists (only itself) is not a dependency
    want = Counter({(s, str(len(v))): 1 for s, v in vendors.items() if v})
    got = rows(store, "subprocessor-concentration")
    assert project(got, "subprocessor", "vendors") == want
    counts = [int(r["vendors"] or 0) for r in got]
    assert counts == sorted(counts, reverse=True)
    assert all(int(r["vendors"] or 0) >= 2 for r in rows(store, "subprocessor-concentration", min_vendors="2"))


def test_breach_deadlines_ranked(corpus) -> None:
    store, contracts = corpus
    want = Counter()
    for c in contracts:
        d = c.rec.get("deadlines") or {}
        deadline = hours(d.get("breach_notification"))
        qualifier = d.get("breach_notification_qualifier") if d.get("breach_notification_qualifier") in QUALIFIERS else None
        if deadline or qualifier:
            want[(c.iri, deadline, qualifier)] += 1
    got = rows(store, "breach-deadlines")
    assert project_hours(got, ("contract", "deadline", "qualifier"), {"deadline"}) == want
    ranked = [float(r["hours"]) for r in got if r["hours"]]
    assert ranked == sorted(ranked) and all(r["hours"] for r in got[: len(ranked)])
    assert all(float(r["hours"] or 99) <= 24 for r in rows(store, "breach-deadlines", max_hours="24"))


def test_objection_windows(corpus) -> None:
    store, contracts = corpus
    want = Counter()
    for c in contracts:
        d = c.rec.get("deadlines") or {}
        notice, objection = hours(d.get("subprocessor_notice")), hours(d.get("subprocessor_objection"))
        auth = c.rec.get("subprocessor_authorisation")
        auth = ("general" if auth.startswith("general") else "specific" if auth.startswith("specific") else None) \
            if isinstance(auth, str) else None
        if notice is not None or objection is not None or auth:
            want[(c.iri, notice, objection, auth)] += 1
    assert project_hours(rows(store, "objection-windows"), ("contract", "notice", "objection", "authorisation"),
                         {"notice", "objection"}) == want


def test_audit_terms(corpus) -> None:
    store, contracts = corpus
    want = Counter()
    for c in contracts:
        a = c.rec.get("audit") if isinstance(c.rec.get("audit"), dict) else {}
        has = any(v is not None for k, v in a.items() if k != "evidence")
        notice = hours((c.rec.get("deadlines") or {}).get("audit_notice"))
        if has or notice is not None:
            mx = a.get("max_per_year") if isinstance(a.get("max_per_year"), int) else None
            on = a.get("on_site") if isinstance(a.get("on_site"), bool) else None
            want[(c.iri, None if mx is None else str(mx), None if on is None else str(on).lower(),
                  a.get("costs") or None, notice)] += 1
    assert project_hours(rows(store, "audit-terms"), ("contract", "max_per_year", "on_site", "costs", "notice"),
                         {"notice"}) == want


def test_data_categories_special_first(corpus, vocab: Path) -> None:
    import rdflib

    pd = rdflib.Graph().parse(vocab / "pd.ttl")
    special = {str(s).rsplit("#", 1)[-1] for s in pd.subjects(rdflib.RDF.type,
                                                               rdflib.URIRef("https://w3id.org/dpv#SpecialCategoryPersonalData"))}
    store, contracts = corpus
    want = Counter({(c.iri, name, str(name in special).lower()): 1 for c in contracts
                    for name in set(c.rec.get("personal_data") or []) if isinstance(name, str) and LOCAL_NAME.match(name)})
    got = rows(store, "data-categories")
    assert project(got, "contract", "category", "special") == want
    flags = [r["special"] == "true" for r in got]
    assert flags == sorted(flags, reverse=True)
    # the inline special-category list is exactly DPV-PD's
    text = runner.get("data-categories").text
    assert set(re.findall(r"\bpd:(\w+)", text)) == special


def test_data_subjects(corpus) -> None:
    store, contracts = corpus
    want = Counter({(c.iri, s): 1 for c in contracts for s in set(c.rec.get("data_subjects") or [])
                    if isinstance(s, str) and LOCAL_NAME.match(s)})
    assert project(rows(store, "data-subjects"), "contract", "subject") == want


def test_retention_periods(corpus) -> None:
    store, contracts = corpus
    want = Counter()
    for c in contracts:
        for r in c.rec.get("retention") or []:
            if isinstance(r, dict):
                period = r.get("period") if isinstance(r.get("period"), str) and r["period"].strip() else None
                iso = hours(period)
                want[(c.iri, r.get("data") or None, iso, None if iso is not None else period)] += 1
    assert project_hours(rows(store, "retention-periods"), ("contract", "data", "period", "stated"), {"period"}) == want


def test_governing_law_and_courts(corpus) -> None:
    store, contracts = corpus
    want = Counter()
    for c in contracts:
        law = code(c.rec.get("governing_law"))
        j = c.rec.get("jurisdiction") if isinstance(c.rec.get("jurisdiction"), dict) else {}
        has_court = any(j.get(k) is not None for k in ("country", "court", "exclusive"))
        prevailing = c.rec.get("prevailing_language") or None
        excl = j.get("exclusive") if has_court and isinstance(j.get("exclusive"), bool) else None
        if law or has_court or prevailing:
            want[(c.iri, law, code(j.get("country")) if has_court else None, (j.get("court") or None) if has_court else None,
                  None if excl is None else str(excl).lower(), prevailing)] += 1
    got = rows(store, "governing-law-courts")
    assert project(got, "contract", "governing_law", "court_country", "court", "exclusive", "prevailing_language") == want
    some = next((r["governing_law"] for r in got if r["governing_law"]), None)
    if some:
        assert {r["governing_law"] for r in rows(store, "governing-law-courts", law=some)} == {some}


def test_art28_matrix(corpus) -> None:
    from contractkg import ontology

    keys = list(ontology.art28_elements())
    store, contracts = corpus
    want = Counter()
    for c in contracts:
        if c.rec.get("kind") != "dpa":
            continue
        art28 = c.rec.get("art28") if isinstance(c.rec.get("art28"), dict) else None
        missing = set(c.rec.get("missing") or [])
        for k in keys:
            status = "unknown" if art28 is None else (
                "missing" if art28.get(k) in (None, "", []) or k in missing else "covered")
            want[(c.iri, k, status)] += 1
    got = rows(store, "art28-matrix")
    assert project(got, "contract", "element", "status") == want
    assert {r["status"] for r in rows(store, "art28-matrix", only_missing="true")} <= {"missing"}


def test_obligations_of_a_party(corpus) -> None:
    store, contracts = corpus
    terms: dict[str, set[str]] = {}  # defined terms are read across agreements (shared party IRIs)
    for c in contracts:
        for p in c.parties:
            terms.setdefault(c.party(p), set()).update(t.lower() for t in p.get("defined_as") or [])
    want = Counter()
    for c in contracts:
        roles = {(iri, r) for iri, r in c.role_members()}
        for ob in c.rec.get("obligations") or []:
            b = ob.get("bearer")
            if ob.get("modality", "obligation") not in (None, "obligation") or not isinstance(b, int) \
                    or not 0 <= b < len(c.parties):
                continue
            p = c.parties[b]
            iri, label = c.party(p), (p.get("name") or (p.get("defined_as") or [""])[0] or "").lower()
            if "processor" in label or "processor" in terms[iri] or (iri, "processor") in roles:
                want[(c.iri, iri)] += 1
    got = rows(store, "obligations-of-party", party="Processor")
    assert project(got, "contract", "bearer") == want
    assert {r["modality"] for r in got} <= {"obligation"}


def test_evidence_of_a_fact(corpus) -> None:
    store, contracts = corpus
    checked = 0
    for c in contracts:
        for i, s in enumerate(c.rec.get("subprocessors") or []):
            span = s.get("evidence") if isinstance(s, dict) and s.get("name") else None
            if not (isinstance(span, list) and len(span) == 2 and isinstance(span[0], int)):
                continue
            got = rows(store, "evidence", fact=f"{c.iri}/subprocessor/{i}")
            assert [(int(r["start"]), int(r["end"]), r["quote"]) for r in got] == \
                [(span[0], span[1], c.doc.text[span[0]:span[1]][:2000])]
            assert got[0]["source"] == c.doc.source
            with_text = runner.add_clause_text(runner.run(store, "evidence", {"fact": f"{c.iri}/subprocessor/{i}"}))
            row = with_text.rows[0]
            if row["clause_start"] is not None:
                cs, ce = int(row["clause_start"]), int(row["clause_end"])
                assert row["clause_text"] == c.doc.text[cs:ce][:4000]
                assert cs <= span[0] < ce
            checked += 1
            break
        law_span = (c.rec.get("evidence") or {}).get("governing_law")
        if isinstance(law_span, list) and len(law_span) == 2 and isinstance(law_span[0], int):
            got = rows(store, "evidence", fact=c.iri, property="ckg:governingLaw")
            assert {(int(r["start"]), int(r["end"])) for r in got} == {tuple(law_span)}
            checked += 1
    assert checked > 0


def test_language_versions(corpus) -> None:
    store, contracts = corpus
    by_iri = {c.iri: c for c in contracts}
    pairs = set()
    for c in contracts:
        t = c.rec.get("translation_of")
        if isinstance(t, int) and not isinstance(t, bool):
            sibling = c.iri.rsplit("-", 1)[0] + f"-{t}"
            if sibling in by_iri and sibling != c.iri:
                pairs.add(tuple(sorted((c.iri, sibling))))
    pairs |= {(a.iri, b.iri) for a in contracts for b in contracts
              if a.iri < b.iri and a.rec.get("kind") in KINDS and a.rec.get("kind") == b.rec.get("kind")
              and a.rec.get("language") and b.rec.get("language") and a.rec["language"] != b.rec["language"]
              and a.named_vendors() & b.named_vendors()}
    want = Counter()
    for a, b in pairs:
        fa, fb = facts(by_iri[a]), facts(by_iri[b])
        for field in set(fa) | set(fb):
            for v in fa.get(field, set()) - fb.get(field, set()):
                want[(a, b, field, v, None)] += 1
            for v in fb.get(field, set()) - fa.get(field, set()):
                want[(a, b, field, None, v)] += 1
    durations = {"breachNotificationDeadline", "subprocessorNoticePeriod", "subprocessorObjectionPeriod",
                 "auditNoticePeriod"}
    got = [{**r, **{k: f"{hours(r[k]):g}" for k in ("only_in_a", "only_in_b") if r["field"] in durations and r[k]}}
           for r in rows(store, "language-versions")]
    assert project(got, "version_a", "version_b", "field", "only_in_a", "only_in_b") == want


def facts(c: Contract) -> dict[str, set[str]]:
    """The compared fields of one version, as the query shows them (local names / lexical forms)."""
    rec, d = c.rec, c.rec.get("deadlines") or {}
    out: dict[str, set[str]] = {}

    def put(field: str, value: str | None) -> None:
        if value:
            out.setdefault(field, set()).add(value)

    put("governingLaw", code(rec.get("governing_law")))
    put("prevailingLanguage", rec.get("prevailing_language"))
    for key, field in (("breach_notification", "breachNotificationDeadline"), ("subprocessor_notice", "subprocessorNoticePeriod"),
                       ("subprocessor_objection", "subprocessorObjectionPeriod"), ("audit_notice", "auditNoticePeriod")):
        h = hours(d.get(key))
        put(field, None if h is None else f"{h:g}")
    q = d.get("breach_notification_qualifier")
    put("breachNotificationQualifier", {"without_undue_delay": "WithoutUndueDelay", "promptly": "Promptly",
                                        "timely": "Timely"}.get(q or ""))
    auth = rec.get("subprocessor_authorisation")
    if isinstance(auth, str):
        put("subprocessorAuthorisation", "GeneralAuthorisation" if auth.startswith("general")
            else "SpecificAuthorisation" if auth.startswith("specific") else None)
    for key, field in (("personal_data", "hasPersonalData"), ("data_subjects", "hasDataSubject")):
        for name in rec.get(key) or []:
            put(field, name if isinstance(name, str) and LOCAL_NAME.match(name) else None)
    for iri, r in c.role_members():
        if r == "subprocessor":
            put("hasSubProcessor", iri.rsplit("/", 1)[-1])
    return out


def test_subprocessors_by_vendor(corpus) -> None:
    store, contracts = corpus
    want = Counter()
    for c in contracts:
        for s in c.subs:
            want[(c.iri, c.sub_party(s), code(s.get("country")), code(s.get("processing_country")),
                  s.get("safeguard") if s.get("safeguard") in SAFEGUARDS else None)] += 1
    got = rows(store, "subprocessors-by-vendor")
    assert project(got, "contract", "subprocessor", "seat", "location", "safeguard") == want


def test_dual_role_parties(corpus) -> None:
    store, contracts = corpus
    roles: dict[str, set[str]] = {}
    for c in contracts:
        for iri, r in c.role_members():
            if r in ("controller", "processor", "subprocessor", "data_exporter", "data_importer") \
                    and iri.startswith(kg.DATA + "party/"):
                roles.setdefault(iri, set()).add(r)
    want = Counter({iri: 1 for iri, rs in roles.items() if len(rs) > 1})
    assert Counter(r["party"] for r in rows(store, "dual-role-parties")) == want
