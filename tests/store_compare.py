"""Compare two stores' contents: the quads of the project's graphs as N-Quads lines, with the
timestamps of an ingest (or a validation) left out, since two runs never share them."""

from __future__ import annotations

import pyoxigraph as ox

from contractkg.namespaces import CKG, GRAPH, PROV
from contractkg.store.base import Store

TIMESTAMPS = {ox.NamedNode(PROV + "endedAtTime"), ox.NamedNode(PROV + "generatedAtTime"),
              ox.NamedNode(CKG + "ingestedAt")}


def project_quads(store: Store) -> set[str]:
    """Canonical N-Quads lines (Oxigraph's canonical literals, as dump() loads them) of the graphs
    under the project's graph namespace, timestamps left out."""
    return {str(q) for q in ox.parse(store.dump("nquads"), format=ox.RdfFormat.N_QUADS)
            if q.predicate not in TIMESTAMPS and str(q.graph_name).startswith(f"<{GRAPH}")}
