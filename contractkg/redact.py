"""`contractkg export --redact`: the graph without the personal data it holds about people.

The graph names people in two properties of a party: ``ckg:contact`` (a contact person or a
representative: "represented by ...", "Ansprechpartner: ...") and ``ckg:email``. Their values also
appear inside quoted text (evidence quotes, clause headings). Redaction drops both properties and
replaces, in every literal, each e-mail address and each contact name with a placeholder."""

from __future__ import annotations

import re

import pyoxigraph as ox

from contractkg.namespaces import CKG

PERSONAL = {CKG + "contact", CKG + "email"}
EMAIL_MARK = "[e-mail removed]"
NAME_MARK = "[name removed]"
# Local part, then dot-separated labels: no class overlaps the next token, so matching is linear.
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]{1,64}@(?:[A-Za-z0-9-]{1,63}\.){1,8}[A-Za-z]{2,24}")


def _names_pattern(names: set[str]) -> re.Pattern[str] | None:
    names = {n.strip() for n in names if len(n.strip()) >= 3}
    if not names:
        return None
    return re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))


def redact_quads(quads: list[ox.Quad]) -> list[ox.Quad]:
    """The quads without contact and e-mail properties, personal values masked in other literals."""
    names = {q.object.value for q in quads
             if q.predicate.value == CKG + "contact" and isinstance(q.object, ox.Literal)}
    names_re = _names_pattern(names)
    out = []
    for q in quads:
        if q.predicate.value in PERSONAL:
            continue
        o = q.object
        if isinstance(o, ox.Literal):
            text = _EMAIL.sub(EMAIL_MARK, o.value)
            if names_re is not None:
                text = names_re.sub(NAME_MARK, text)
            if text != o.value:
                o = ox.Literal(text, language=o.language) if o.language else ox.Literal(text, datatype=o.datatype)
                q = ox.Quad(q.subject, q.predicate, o, q.graph_name)
        out.append(q)
    return out


def redacted(nquads: bytes, fmt: str) -> bytes:
    """A dump (N-Quads) redacted, then serialised as ``fmt`` (trig, nquads, turtle, jsonld)."""
    from contractkg.store.embedded import EmbeddedStore

    quads = redact_quads(list(ox.parse(nquads, format=ox.RdfFormat.N_QUADS)))
    clean = EmbeddedStore(None)
    clean.oxigraph.extend(quads)
    return clean.dump(fmt)
