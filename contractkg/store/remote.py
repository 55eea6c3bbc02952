"""A remote SPARQL 1.1 server (Oxigraph server, Fuseki, GraphDB, Neptune) behind the Store interface.

Queries: SPARQL 1.1 Protocol POST (results as application/sparql-results+json). Writes: SPARQL 1.1
Update POST, so each document swap stays one request and one transaction. Dump: Graph Store HTTP
Protocol GET of the whole dataset as N-Quads, else a SELECT over all named graphs.

URLs: give the query URL (or a server base) and the others are derived by server layout:
  http://host:7878            -> /query /update /store            (Oxigraph server)
  http://host:3030/ds/sparql  -> /ds/update /ds/data              (Fuseki)
  http://host:7200/repositories/R -> same URL, /statements, /rdf-graphs/service (GraphDB)
  http://host:8890/sparql     -> same URL, /sparql-graph-crud     (Virtuoso, Neptune: /sparql at the root)
  http://host:8890/sparql-auth -> same URL, /sparql-graph-crud-auth (Virtuoso, with a user and password)
or set CONTRACTKG_UPDATE_ENDPOINT / CONTRACTKG_GSP_ENDPOINT explicitly.

A server that asks for a login (HTTP 401) gets CONTRACTKG_ENDPOINT_USER / CONTRACTKG_ENDPOINT_PASSWORD,
by Digest or Basic authentication as its challenge says; otherwise CONTRACTKG_TOKEN is sent as a
bearer token (`contractkg serve --writable`).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from typing import Any

import pyoxigraph as ox

from contractkg.queries.load import text as query_text
from contractkg.store import virtuoso
from contractkg.store.base import QueryResult, Store, StoreError

DEFAULT_TIMEOUT = 60.0
TOKEN_ENV = "CONTRACTKG_TOKEN"
USER_ENV, PASSWORD_ENV = "CONTRACTKG_ENDPOINT_USER", "CONTRACTKG_ENDPOINT_PASSWORD"
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
    path = re.sub(r"^[a-z][a-z0-9+.-]*://[^/]*", "", base, flags=re.I)
    if path in ("/sparql", "/sparql-auth"):  # one URL for queries and updates (Virtuoso, Neptune)
        root = base[: -len(path)]
        derived = (base, base, root + path.replace("sparql", "sparql-graph-crud"))
    elif base.endswith("/query"):
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
    if cell.get("type") == "uri":
        return virtuoso.datatype_read(cell["value"])  # e.g. the DATATYPE() of a duration
    return virtuoso.value_read(cell["value"], cell.get("datatype"))


class RemoteStore(Store):
    def __init__(self, endpoint: str, update_endpoint: str | None = None, gsp_endpoint: str | None = None,
                 timeout: float | None = None, union_default_graph: bool | None = None,
                 login: tuple[str, str] | None = None) -> None:
        import requests

        self.query_url, update, gsp = endpoints(endpoint)
        self.update_url = update_endpoint or update
        self.gsp_url = gsp_endpoint or gsp
        self.location = self.query_url
        self.timeout = timeout or float(os.environ.get("CONTRACTKG_ENDPOINT_TIMEOUT", DEFAULT_TIMEOUT))
        # Oxigraph takes `union-default-graph`; others (Fuseki TDB, GraphDB, Neptune) are configured so.
        self.union = self.query_url.endswith("/query") if union_default_graph is None else union_default_graph
        self._http = requests.Session()
        self._login = login or _env_login()
        self.virtuoso: bool | None = None  # known from the first answer's Server header
        token = os.environ.get(TOKEN_ENV)
        if token and not self._login:  # `contractkg serve --writable` asks for it on writes
            self._http.headers["Authorization"] = f"Bearer {token}"
        self._requests = requests

    def _post(self, url: str, data: bytes, content_type: str, accept: str | None = None,
              params: dict[str, str] | None = None) -> Any:
        headers = {"Content-Type": content_type}
        if accept:
            headers["Accept"] = accept
        return self._send("POST", url, data=data, headers=headers, params=params)

    def _ask(self, sparql: str, accept: str, union: bool) -> Any:
        """A query as an HTML-form POST (SPARQL 1.1 Protocol 2.1.2): every server takes it, while
        Virtuoso 7 never answers a direct `application/sparql-query` POST."""
        form = {"query": virtuoso.outgoing(sparql) if self.virtuoso else sparql}
        if self.union:
            form["union-default-graph"] = "true" if union else "false"
        return self._send("POST", self.query_url, data=form, headers={"Accept": accept})

    def _send(self, method: str, url: str, **kw: Any) -> Any:
        resp = self._request(method, url, **kw)
        if self.virtuoso is None:
            self.virtuoso = virtuoso.is_virtuoso(resp.headers.get("Server", ""))
        if resp.status_code == 401 and self._login and self._http.auth is None:
            self._http.auth = self._auth_for(resp.headers.get("WWW-Authenticate", ""))
            resp = self._request(method, url, **kw)
        if resp.status_code == 401:
            raise StoreError(f"SPARQL endpoint {url} refused the login of {self._login[0]!r} (HTTP 401): check "
                             f"{USER_ENV} and {PASSWORD_ENV}" if self._login else
                             f"SPARQL endpoint {url} asks for a login (HTTP 401): set {USER_ENV} and {PASSWORD_ENV}")
        if resp.status_code >= 400:
            detail = " ".join(resp.text.split())[:200]
            raise StoreError(f"SPARQL endpoint {url} answered HTTP {resp.status_code}: {detail}")
        return resp

    def _request(self, method: str, url: str, **kw: Any) -> Any:
        try:
            return self._http.request(method, url, timeout=self.timeout, **kw)
        except self._requests.Timeout:
            raise StoreError(f"SPARQL endpoint {url} did not answer within {self.timeout:g}s") from None
        except self._requests.RequestException as e:
            raise StoreError(f"cannot reach the SPARQL endpoint {url} ({type(e).__name__})") from None

    def _auth_for(self, challenge: str) -> Any:
        """Digest when the server's challenge asks for it (Virtuoso's /sparql-auth), else Basic."""
        from requests.auth import HTTPBasicAuth, HTTPDigestAuth

        assert self._login is not None
        user, password = self._login
        return HTTPDigestAuth(user, password) if challenge.lower().startswith("digest") else HTTPBasicAuth(user, password)

    def query(self, sparql: str, bindings: Mapping[str, ox.NamedNode | ox.Literal] | None = None,
              limit: int | None = None) -> QueryResult:
        text = with_values(sparql, bindings)
        form = _FORM.search(_SKIP.sub(" ", text))
        kind = form.group(1).upper() if form else ""
        graph = kind in ("CONSTRUCT", "DESCRIBE")
        accept = "application/n-triples" if graph else _RESULTS_JSON
        try:
            resp = self._ask(text, accept, union=True)
        except StoreError as e:
            retry = virtuoso.values_as_binds(text, _where_brace(text)) if virtuoso.compiler_bug(str(e)) else text
            if retry == text:
                raise
            resp = self._ask(retry, accept, union=True)
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
        if kind == "ASK":  # Virtuoso 7 answers ASK as a table: one row when true, none when false
            return QueryResult(kind="ask", boolean=bool(data.get("results", {}).get("bindings")))
        names = list(data.get("head", {}).get("vars", []))
        bindings_ = data.get("results", {}).get("bindings", [])
        more = limit is not None and len(bindings_) > limit
        rows = [{n: _value(b.get(n)) for n in names} for b in (bindings_[:limit] if more else bindings_)]
        return QueryResult(kind="select", variables=names, rows=rows, truncated=more)

    def update(self, sparql: str) -> None:
        if self.virtuoso is None:
            self.query(query_text("internal/store/ping", prefixes=False))  # learn the server's kind before writing
        if self.virtuoso:
            sparql = virtuoso.outgoing(sparql)
        self._post(self.update_url, sparql.encode("utf-8"), "application/sparql-update; charset=utf-8")

    def named_graphs(self) -> list[str]:
        res = self.query(query_text("internal/store/named-graphs", prefixes=False))
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
        resp = self._ask(query_text("internal/store/quads", prefixes=False), _RESULTS_JSON, union=False)
        out = []
        for b in json.loads(resp.content)["results"]["bindings"]:
            out.append(" ".join(str(_json_term(b[k])) for k in ("s", "p", "o", "g")) + " .\n")
        return out


def _env_login() -> tuple[str, str] | None:
    user = os.environ.get(USER_ENV)
    if not user:
        return None
    password = os.environ.get(PASSWORD_ENV)
    if password is None:
        raise StoreError(f"{USER_ENV} is set but {PASSWORD_ENV} is not: set both, or neither")
    return user, password


def _term(t: object) -> str:
    if isinstance(t, ox.BlankNode):
        return "_:" + t.value
    if isinstance(t, ox.Literal):
        return virtuoso.value_read(t.value, t.datatype.value)
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
        datatype = virtuoso.datatype_read(cell["datatype"])
        return ox.Literal(virtuoso.value_read(value, datatype), datatype=ox.NamedNode(datatype))
    return ox.Literal(value)
