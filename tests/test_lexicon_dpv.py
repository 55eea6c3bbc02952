"""The inventory and safeguard lexicons name concepts that exist in DPV 2.3 (or the project ontology)."""

import re
from pathlib import Path

import pytest

from contractkg.ingest.lexicon import lexicon

ONTOLOGY = Path(__file__).resolve().parent.parent / "contractkg" / "ontology" / "contractkg.ttl"
CONCEPT_LEXICONS = {"personal_data": "pd.ttl", "data_subjects": "dpv.ttl", "processing": "dpv.ttl"}
LANGS = {"en", "fr", "it", "de", "es", "pt", "nl"}


def declared(path: Path, prefix: str) -> set[str]:
    """Local names declared as subjects (``prefix:Name a ...``) in a Turtle file."""
    text = path.read_text(encoding="utf-8")
    return set(re.findall(rf"^{prefix}:([A-Za-z0-9_]+)\s+a\s", text, re.MULTILINE))


@pytest.mark.parametrize("name", sorted(CONCEPT_LEXICONS))
def test_concepts_exist(name, vocab):
    vocab_names = {"pd": declared(vocab / "pd.ttl", "pd"), "dpv": declared(vocab / "dpv.ttl", "dpv"),
                   "ckg": declared(ONTOLOGY, "ckg")}
    missing = []
    for curie in lexicon(name)["concepts"]:
        prefix, local = curie.split(":", 1)
        if local not in vocab_names[prefix]:
            missing.append(curie)
    assert missing == []


@pytest.mark.parametrize("name", sorted(CONCEPT_LEXICONS) + ["purposes"])
def test_every_concept_has_phrases_in_the_seven_languages(name):
    lex = lexicon(name)
    table = lex.get("concepts") or lex["phrases"]
    for concept, langs in table.items():
        assert LANGS <= set(langs), concept
        assert all(langs[lang] for lang in LANGS), concept
    assert LANGS <= set(lex["sections"])
    if "labels" in lex:
        assert LANGS <= set(lex["labels"])


def test_inventory_function_words_cover_the_seven_languages():
    lex = lexicon("inventory")
    for key, table in lex.items():
        assert LANGS <= set(table), key
        assert all(table[lang] for lang in LANGS), key


@pytest.mark.parametrize("name", ["inventory", "personal_data", "data_subjects", "processing", "purposes"])
def test_every_lexicon_word_is_a_string(name):
    """A bare no, yes, on or off in YAML is a boolean, and would silently drop out of a pattern."""
    def leaves(node):
        if isinstance(node, dict):
            for value in node.values():
                yield from leaves(value)
        elif isinstance(node, list):
            for value in node:
                yield from leaves(value)
        else:
            yield node

    assert [w for w in leaves(lexicon(name)) if not isinstance(w, str)] == []


def test_refinements_name_known_concepts():
    concepts = lexicon("data_subjects")["concepts"]
    for broad, table in lexicon("data_subjects")["refine"].items():
        assert broad in concepts
        assert set(table) <= set(concepts)


def test_special_categories_are_special_in_pd(vocab):
    import rdflib

    g = rdflib.Graph()
    g.parse(vocab / "pd.ttl")
    special = rdflib.URIRef("https://w3id.org/dpv#SpecialCategoryPersonalData")
    for curie in lexicon("personal_data")["special"]:
        node = rdflib.URIRef("https://w3id.org/dpv/pd#" + curie.split(":", 1)[1])
        assert (node, rdflib.RDF.type, special) in g or (node, rdflib.SKOS.broader, special) in g, curie
        assert curie in lexicon("personal_data")["concepts"], curie


def test_no_phrase_maps_to_two_concepts():
    from contractkg.ingest.inventory.extractor import _squash, fold_keep

    for name in CONCEPT_LEXICONS:
        seen: dict[str, str] = {}
        for concept, langs in lexicon(name)["concepts"].items():
            for phrases in langs.values():
                for p in phrases:
                    key = _squash(fold_keep(p))
                    assert seen.setdefault(key, concept) == concept, (name, p, seen[key], concept)


def test_safeguard_lexicon_covers_every_schema_value():
    lex = lexicon("safeguards")
    assert set(lex["safeguards"]) == {"scc", "adequacy", "bcr", "dpf", "derogation"}
    assert set(lex["scc_modules"]) == {"C2C", "C2P", "P2P", "P2C"}
