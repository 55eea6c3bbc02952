"""A remote SPARQL 1.1 server (Oxigraph server, Fuseki, GraphDB, Neptune) behind the Store interface.

Queries: SPARQL 1.1 Protocol POST (results as application/sparql-results+json). Writes: SPARQL 1.1
Update POST, so each document swap stays one request and one transaction. Dump: Graph Store HTTP
Protocol GET of the whole dataset as N-Quads, else a SELECT over all named graphs.

URLs: give the query URL (or a server base) and the others are derived by server layout:
  http://host:7878            -> /query /update /store            (Oxigraph server)
  http://host:3030/ds/sparql  -> /ds/update /ds/data              (Fuseki)
  http://host:7200/repositories/R -> same URL, /statements, /rdf-graphs/service (GraphDB)
or set CONTRACTKG_UPDATE_ENDPOINT / CONTRACTKG_GSP_ENDPOINT explicitly (e.g. Neptune: both /sparql).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from typing import Any

import pyoxigraph as ox

from contractkg.store.base import QueryResult, Store, StoreError

DEFAULT_TIMEOUT = 60.0
TOKEN_ENV = "CONTRACTKG_TOKEN"
_RESULTS_JSON = "application/sparql-results+json"
_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.I)
# Tokens that may contain braces or '#' but are not structure: strings, IRIs, comments.
_SKIP = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
                   r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\x00-\x20]*>|#[^\n]*', re.S)
_STRUCT = re.compile(r"[{}]|\bWHERE\b", re.I)


def endpoints(url: str) -> tuple[str, str, str]:
    """(query, update, graph store) URLs for a query URL or a server base URL."""
    base = url.rstrip("/")
    update = os.environ.get("CONTRACTKG_UPDATE_ENDPOINT")
    gsp = os.environ.get("CONTRACTKG_GSP_ENDPOINT")
    if base.endswith("/query"):
        root = base[: -len("/query")]
        derived = (base, root + "/update", root + "/store")
    elif base.endswith("/sparql"):
        root = base[: -len("/sparql")]
        derived = (base, root + "/update", root + "/data")
    elif re.search(r"/repositories/[^/]+$", base):
        derived = (base, base + "/statements", base + "/rdf-graphs/service")
    else:
        derived = (base + "/query", base + "/update", base + "/store")
    return derived[0], update or derived[1], gsp or derived[2]


def _where_brace(sparql: str) -> int:
    """Offset just after the '{' that opens the top-level WHERE group, or -1."""
    masked = _SKIP.sub(lambda m: " " * len(m.group()), sparql)
    form = _FORM.search(masked)
    need_where = bool(form and form.group(1).upper() in ("CONSTRUCT", "DESCRIBE"))
    depth, after_where = 0, False
    for m in _STRUCT.finditer(masked, form.end() if form else 0):
        tok = m.group()
        if tok == "{":
            if depth == 0 and (after_where or not need_where):
                return m.end()
            depth += 1
        elif tok == "}":
            depth -= 1
        elif depth == 0:
            after_where = True
    return -1


def with_values(sparql: str, bindings: Mapping[str, ox.NamedNode | ox.Literal] | None) -> str:
    """Bind variables by a VALUES row at the head of the WHERE group; terms are serialised
    (escaped) by pyoxigraph, so no value is ever pasted into the query as raw text."""
    if not bindings:
        return sparql
    names = list(bindings)
    for k in names:
        if not re.fullmatch(r"\w+", k):
            raise StoreError(f"bad variable name {k!r}")
        if not isinstance(bindings[k], (ox.NamedNode, ox.Literal)):
            raise StoreError(f"binding for ?{k} must be an IRI or a literal")
    at = _where_brace(sparql)
    if at < 0:
        raise StoreError("cannot bind parameters: the query has no WHERE group")
    block = " VALUES (" + " ".join("?" + k for k in names) + ") { (" + " ".join(str(bindings[k]) for k in names) + ") }\n"
    return sparql[:at] + block + sparql[at:]


def _value(cell: dict[str, str] | None) -> str | None:
    if cell is None:
        return None
    if cell.get("type") == "bnode":
        return "_:" + cell["value"]
    return cell["value"]


class RemoteStore(Store):
    def __init__(self, endpoint: str, update_endpoint: str | None = None, gsp_endpoint: str | None = None,
                 timeout: float | None = None, union_default_graph: bool | None = None) -> None:
        import requests

        self.query_url, update, gsp = endpoints(endpoint)
        self.update_url = update_endpoint or update
        self.gsp_url = gsp_endpoint or gsp
        self.location = self.query_url
        self.timeout = timeout or float(os.environ.get("CONTRACTKG_ENDPOINT_TIMEOUT", DEFAULT_TIMEOUT))
        # Oxigraph takes `union-default-graph`; others (Fuseki TDB, GraphDB, Neptune) are configured so.
        self.union = self.query_url.endswith("/query") if union_default_graph is None else union_default_graph
        self._http = requests.Session()
        token = os.environ.get(TOKEN_ENV)
        if token:  # `contractkg serve --writable` asks for it on writes
            self._http.headers["Authorization"] = f"Bearer {token}"
        self._requests = requests

    def _post(self, url: str, data: bytes, content_type: str, accept: str | None = None,
              params: dict[str, str] | None = None) -> Any:
        headers = {"Content-Type": content_type}
        if accept:
            headers["Accept"] = accept
        return self._send("POST", url, data=data, headers=headers, params=params)

    def _send(self, method: str, url: str, **kw: Any) -> Any:
        try:
            resp = self._http.request(method, url, timeout=self.timeout, **kw)
        except self._requests.Timeout:
            raise StoreError(f"SPARQL endpoint {url} did not answer within {self.timeout:g}s") from None
        except self._requests.RequestException as e:
            raise StoreError(f"cannot reach the SPARQL endpoint {url} ({type(e).__name__})") from None
        if resp.status_code >= 400:
            detail = " ".join(resp.text.split())[:200]
            raise StoreError(f"SPARQL endpoint {url} answered HTTP {resp.status_code}: {detail}")
        return resp

    def query(self, sparql: str, bindings: Mapping[str, ox.NamedNode | ox.Literal] | None = None,
              limit: int | None = None) -> QueryResult:
        text = with_values(sparql, bindings)
        params = {"union-default-graph": "true"} if self.union else None
        form = _FORM.search(_SKIP.sub(" ", text))
        graph = bool(form and form.group(1).upper() in ("CONSTRUCT", "DESCRIBE"))
        accept = "application/n-triples" if graph else _RESULTS_JSON
        resp = self._post(self.query_url, text.encode("utf-8"), "application/sparql-query; charset=utf-8",
                          accept, params)
        if graph:
            try:
                triples = [(_term(t.subject), _term(t.predicate), _term(t.object))
                           for t in ox.parse(resp.content, format=ox.RdfFormat.N_TRIPLES)]
            except SyntaxError as e:
                raise StoreError(f"SPARQL endpoint {self.query_url} sent bad N-Triples: {e}") from None
            more = limit is not None and len(triples) > limit
            return QueryResult(kind="graph", variables=["subject", "predicate", "object"],
                               triples=triples[:limit] if more else triples, truncated=more)
        try:
            data = json.loads(resp.content)
        except ValueError:
            raise StoreError(f"SPARQL endpoint {self.query_url} did not send SPARQL JSON results") from None
        if "boolean" in data:
            return QueryResult(kind="ask", boolean=bool(data["boolean"]))
        names = list(data.get("head", {}).get("vars", []))
        bindings_ = data.get("results", {}).get("bindings", [])
        more = limit is not None and len(bindings_) > limit
        rows = [{n: _value(b.get(n)) for n in names} for b in (bindings_[:limit] if more else bindings_)]
        return QueryResult(kind="select", variables=names, rows=rows, truncated=more)

    def update(self, sparql: str) -> None:
        self._post(self.update_url, sparql.encode("utf-8"), "application/sparql-update; charset=utf-8")

    def named_graphs(self) -> list[str]:
        res = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(r["g"] for r in res.rows if r["g"] and not r["g"].startswith("_:"))

    def dump(self, fmt: str) -> bytes:
        from contractkg.store.embedded import EmbeddedStore

        local = EmbeddedStore(None)
        local.oxigraph.load(self._nquads(), format=ox.RdfFormat.N_QUADS)
        return local.dump(fmt)

    def _nquads(self) -> bytes:
        """The whole dataset: Graph Store Protocol GET when the server offers it, else SELECT."""
        try:
            resp = self._send("GET", self.gsp_url, headers={"Accept": "application/n-quads"})
            if resp.headers.get("Content-Type", "").startswith("application/n-quads"):
                return bytes(resp.content)
        except StoreError:
            pass
        return "".join(self._quad_rows()).encode("utf-8")

    def _quad_rows(self) -> list[str]:
        """N-Quads lines from a SELECT with full term types (JSON results keep them)."""
        params = {"union-default-graph": "false"} if self.union else None
        resp = self._post(self.query_url, b"SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
                          "application/sparql-query", _RESULTS_JSON, params)
        out = []
        for b in json.loads(resp.content)["results"]["bindings"]:
            out.append(" ".join(str(_json_term(b[k])) for k in ("s", "p", "o", "g")) + " .\n")
        return out


def _term(t: object) -> str:
    if isinstance(t, ox.BlankNode):
        return "_:" + t.value
    return str(getattr(t, "value", t))


def _json_term(cell: dict[str, str]) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    kind, value = cell["type"], cell["value"]
    if kind == "uri":
        return ox.NamedNode(value)
    if kind == "bnode":
        return ox.BlankNode(value)
    if "xml:lang" in cell:
        return ox.Literal(value, language=cell["xml:lang"])
    if "datatype" in cell:
        return ox.Literal(value, datatype=ox.NamedNode(cell["datatype"]))
    return ox.Literal(value)
