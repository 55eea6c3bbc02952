"""`contractkg serve --writable`: the oxigraph server on a private port, behind a checking proxy.

Every request passes the proxy. A write (SPARQL Update on /update, a Graph Store PUT/POST/DELETE on
/store) needs ``Authorization: Bearer <token>``. A request that a browser sends from another site
(its ``Origin`` is not this server) is refused, so a web page cannot reach the store through the
user's browser; with ``--cors`` such pages may read, never write. Clients with no Origin (curl,
contractkg --endpoint, SPARQLWrapper) only need the token, and only to write."""

from __future__ import annotations

import hmac
import http.client
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailers",
              "transfer-encoding", "upgrade", "host", "content-length"}
WRITE_PATHS = ("/update", "/store")
CHUNK = 1 << 16


def is_write(method: str, path: str) -> bool:
    route = path.split("?", 1)[0].rstrip("/") or "/"
    if route.startswith("/update"):
        return True
    return route.startswith("/store") and method not in ("GET", "HEAD", "OPTIONS")


class Guard:
    """What the proxy checks: the token, and which origins count as this server."""

    def __init__(self, token: str, origins: set[str], cors: bool) -> None:
        self.token = token
        self.origins = origins
        self.cors = cors

    def refusal(self, method: str, path: str, headers: Any) -> tuple[int, str] | None:
        """(HTTP status, reason) when the request must not reach the store, else None."""
        write = is_write(method, path)
        origin = headers.get("Origin")
        if origin and origin.rstrip("/") not in self.origins and (write or not self.cors):
            return 403, f"requests from the web page {origin} are refused"
        if write:
            given = headers.get("Authorization", "")
            expected = f"Bearer {self.token}"
            if not hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8")):
                return 401, "writes need the token printed at start: Authorization: Bearer <token>"
        return None


def make_handler(guard: Guard, upstream: tuple[str, int]) -> type[BaseHTTPRequestHandler]:
    class Proxy(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, fmt: str, *args: Any) -> None:  # quiet: the server prints its own lines
            pass

        def _refuse(self, status: int, reason: str) -> None:
            body = (reason + "\n").encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            if status == 401:
                self.send_header("WWW-Authenticate", 'Bearer realm="contractkg"')
            self.end_headers()
            self.wfile.write(body)

        def _forward(self) -> None:
            refused = guard.refusal(self.command, self.path, self.headers)
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else None
            if refused:
                self._refuse(*refused)
                return
            conn = http.client.HTTPConnection(*upstream, timeout=None)
            headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
            try:
                conn.request(self.command, self.path, body=body, headers=headers)
                resp = conn.getresponse()
                self.send_response(resp.status, resp.reason)
                for k, v in resp.getheaders():
                    if k.lower() not in HOP_BY_HOP:
                        self.send_header(k, v)
                if self.command == "HEAD" or resp.status in (204, 304):
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                while chunk := resp.read(CHUNK):
                    self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                self.wfile.write(b"0\r\n\r\n")
            except OSError:
                self.close_connection = True
            finally:
                conn.close()

        do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_OPTIONS = do_PATCH = _forward

    return Proxy


def start_proxy(bind: str, port: int, guard: Guard, upstream: tuple[str, int]) -> ThreadingHTTPServer:
    """Listen on bind:port in a background thread; shutdown() stops it."""
    import socket

    class Server(ThreadingHTTPServer):
        address_family = socket.AF_INET6 if ":" in bind else socket.AF_INET

    server = Server((bind, port), make_handler(guard, upstream))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
