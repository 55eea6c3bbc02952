"""Roles declared in a sentence ("the Supplier acts as processor"): the party term must be the subject of
the same sentence as the verb. A verb-first clause ("Ist der Auftragnehmer der Ansicht", "Is the ...?")
right after a sentence that ends with the other party's name declares nothing about that party.
Every example is written for the test."""

import pytest

from contractkg.ingest.document import Agreement, Document
from contractkg.ingest.parties.roles import add_declared_roles


def _roles_after(text: str, terms: dict[str, list[str]]) -> dict[str, list[str]]:
    parties = [{"name": None, "trade_name": None, "defined_as": words, "roles": []} for words in terms.values()]
    ag = Agreement(doc=Document(source="t.txt", text=text), start=0, end=len(text), kind="dpa")
    add_declared_roles(ag, parties)
    return {key: p["roles"] for key, p in zip(terms, parties, strict=True)}


# (text, the parties' defined terms, the party that must get the role, the role)
SAME_SENTENCE = {
    "en": ("3. Roles. The Customer acts as controller and instructs the Supplier in writing.",
           {"client": ["Customer"], "vendor": ["Supplier"]}, "client", "controller"),
    "fr": ("3. Rôles. Le Client agit en tant que responsable du traitement et donne ses instructions au Prestataire.",
           {"client": ["Client"], "vendor": ["Prestataire"]}, "client", "controller"),
    "de": ("3. Rollen. Der Kunde handelt als Verantwortlicher und erteilt dem Anbieter schriftliche Weisungen.",
           {"client": ["Kunde"], "vendor": ["Anbieter"]}, "client", "controller"),
    "it": ("3. Ruoli. Il Fornitore agisce in qualità di responsabile del trattamento per conto del Cliente.",
           {"client": ["Cliente"], "vendor": ["Fornitore"]}, "vendor", "processor"),
    "es": ("3. Funciones. El Proveedor actúa como encargado del tratamiento por cuenta del Cliente.",
           {"client": ["Cliente"], "vendor": ["Proveedor"]}, "vendor", "processor"),
}

# The previous sentence ends with the client's term; the next one opens with a verb-first clause.
ACROSS_SENTENCES = {
    "de": ("(1) Der Anbieter handelt nur auf Weisung des Kunden.\n(2) Ist der Auftragsverarbeiter der Ansicht, dass "
           "eine Weisung rechtswidrig ist, informiert er den Kunden.", {"client": ["Kunden"], "vendor": ["Anbieter"]}),
    "en": ("The Supplier follows the written instructions of the Customer. Is the processor unable to comply, it "
           "tells the Customer at once.", {"client": ["Customer"], "vendor": ["Supplier"]}),
    "fr": ("Le Prestataire suit les instructions écrites du Client; est le sous-traitant ultérieur qui en répond "
           "toute société désignée à l'annexe.", {"client": ["Client"], "vendor": ["Prestataire"]}),
}


@pytest.mark.parametrize("lang", sorted(SAME_SENTENCE))
def test_a_role_declared_in_one_sentence_is_kept(lang):
    text, terms, who, role = SAME_SENTENCE[lang]
    assert role in _roles_after(text, terms)[who]


@pytest.mark.parametrize("lang", sorted(ACROSS_SENTENCES))
def test_a_party_named_in_the_previous_sentence_gets_no_role(lang):
    text, terms = ACROSS_SENTENCES[lang]
    assert _roles_after(text, terms)["client"] == []
