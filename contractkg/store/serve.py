"""A SPARQL 1.1 Protocol endpoint over the embedded store, served by the `oxigraph` server binary.

The embedded store is RocksDB: one writing process at a time. Read-only, `contractkg serve` checks
that no other process holds the store, then hands the process over to oxigraph (exec), so Ctrl-C
stops the server directly. With --writable, oxigraph listens on a private port and a proxy
(serve_proxy.py) takes the public one: writes need a token, requests from other web sites are refused.
"""

from __future__ import annotations

import gc
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from contractkg.queries.load import text
from contractkg.store import locks
from contractkg.store.base import StoreError
from contractkg.store.serve_proxy import Guard, start_proxy

DEFAULT_PORT = 7878


def oxigraph_binary() -> str:
    """The oxigraph CLI beside this Python (the venv) or on PATH."""
    here = str(Path(sys.executable).parent)
    found = shutil.which("oxigraph", path=os.pathsep.join([here, os.environ.get("PATH", "")]))
    if not found:
        raise StoreError("the `oxigraph` server is not installed: pip install oxigraph")
    return found


def host_port(bind: str, port: int) -> str:
    return f"[{bind}]:{port}" if ":" in bind else f"{bind}:{port}"


def base_url(bind: str, port: int) -> str:
    host = "127.0.0.1" if bind in ("0.0.0.0", "") else ("localhost" if bind == "::" else bind)
    return "http://" + host_port(host, port)


def server_command(location: Path | None, bind: str = "127.0.0.1", port: int = DEFAULT_PORT,
                   writable: bool = False, cors: bool = False, timeout_s: int | None = None) -> list[str]:
    """The oxigraph command line; queries see the union of all named graphs, as in the embedded store."""
    mode = "serve" if writable else "serve-read-only"
    cmd = [oxigraph_binary(), mode]
    if location is not None:
        cmd += ["--location", str(location)]
    cmd += ["--bind", host_port(bind, port), "--union-default-graph"]
    if cors:
        cmd.append("--cors")
    if timeout_s:
        cmd += ["--timeout-s", str(timeout_s)]
    return cmd


def check_port(bind: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in bind else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        try:
            s.bind((bind, port))
        except OSError as e:
            raise StoreError(f"cannot listen on {host_port(bind, port)} ({e.strerror}): pick another --port") from None


def check_store(location: Path, writable: bool) -> None:
    """Fail clearly when the store is missing or another process is writing to it."""
    import pyoxigraph as ox

    if not writable and not (location / "CURRENT").is_file():
        raise StoreError(f"no store at {location}: run `contractkg ingest` first (or use --writable)")
    try:
        probe = ox.Store(str(location))
    except OSError as e:
        if "lock" in str(e).lower():
            raise StoreError(f"the store at {location} is in use by another process (ingest, app or serve): "
                             "stop it first, or query the running server with --endpoint") from None
        raise StoreError(f"cannot open the store at {location}: {e}") from None
    del probe
    gc.collect()  # release the RocksDB lock before the server takes it


def lock_path(location: Path) -> Path:
    """Beside the store folder (RocksDB owns the files inside it)."""
    return location.parent / f".{location.name}.serve.lock"


def hold_serve_lock(location: Path) -> int | None:
    """Take an exclusive flock that the exec'd server inherits for its whole life, so that a second
    `serve` or a writer that calls `is_served` can refuse while a server reads the folder."""
    try:
        import fcntl
    except ImportError:  # not POSIX: no advisory lock
        return None
    fd = os.open(lock_path(location), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        raise StoreError(f"the store at {location} is already served by another `contractkg serve`") from None
    os.set_inheritable(fd, True)
    return fd


def is_served(location: Path) -> bool:
    """True while a `contractkg serve` runs on this store folder."""
    try:
        import fcntl
    except ImportError:
        return False
    path = lock_path(location)
    if not path.exists():
        return False
    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        return False
    except OSError:
        return True
    finally:
        os.close(fd)


def free_port(bind: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((bind, 0))
        return int(s.getsockname()[1])


def wait_ready(url: str, proc: subprocess.Popen[bytes] | None = None, timeout: float = 20.0) -> None:
    """Poll the query endpoint until it answers; raise StoreError if the server dies or never answers."""
    import requests

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise StoreError(f"the oxigraph server exited with code {proc.returncode}")
        try:
            requests.get(url + "/query", params={"query": text("internal/store/ping", prefixes=False)}, timeout=1.0)
            return
        except requests.RequestException:
            time.sleep(0.1)
    raise StoreError(f"the oxigraph server at {url} did not answer within {timeout:g}s")


def spawn(location: Path | None, port: int, writable: bool = True, bind: str = "127.0.0.1",
          log: Path | None = None) -> subprocess.Popen[bytes]:
    """Start a background server (tests, notebooks) and wait until it answers; stop() it after."""
    sink = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115 - owned by the child
    proc = subprocess.Popen(server_command(location, bind, port, writable), stdout=sink, stderr=sink)
    try:
        wait_ready(base_url(bind, port), proc)
    except BaseException:
        stop(proc)
        raise
    return proc


def stop(proc: subprocess.Popen[bytes], timeout: float = 10.0) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout)


def keep_out_writers(location: Path) -> None:
    """Hold the store's writer lock for the server's life (the exec'd server inherits it): oxigraph
    reads a folder no contractkg writer may change meanwhile, and an ingest under way stops us."""

    try:
        lock = locks.take_writer(location, "contractkg serve", wait=0)
    except locks.LockBusy as e:
        raise StoreError(str(e)) from None
    if lock.fd is not None:
        os.set_inheritable(lock.fd, True)
        lock.fd = None  # never released here: it lives as long as the server process


def exec_server(location: Path, bind: str, port: int, writable: bool, cors: bool, timeout_s: int | None,
                announce: Callable[[], None] = lambda: None) -> None:
    """Check, announce, then replace this process with the oxigraph server (never returns on success)."""
    cmd = server_command(location.resolve(), bind, port, writable, cors, timeout_s)
    if writable:
        location.mkdir(parents=True, exist_ok=True)
    check_port(bind, port)
    if (location / "CURRENT").is_file() or writable:
        keep_out_writers(location.resolve())
    check_store(location, writable)
    hold_serve_lock(location.resolve())
    announce()
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(cmd[0], cmd)


def new_token() -> str:
    import secrets

    return secrets.token_urlsafe(24)


def serve_writable(location: Path, bind: str, port: int, cors: bool, timeout_s: int | None, token: str,
                   announce: Callable[[], None] = lambda: None) -> None:
    """Run oxigraph on a private port behind the checking proxy until Ctrl-C (or SIGTERM).

    For its whole life it holds the store's writer and access locks (store/locks.py), so local
    commands are told to use --endpoint instead of opening the folder under a running server."""
    import contextlib
    import signal


    if len(token) < 16:
        raise StoreError("the token must have at least 16 characters (leave --token out to get a random one)")
    location = location.resolve()
    location.mkdir(parents=True, exist_ok=True)
    check_port(bind, port)
    url = base_url(bind, port)
    with contextlib.ExitStack() as held:
        try:
            held.callback(locks.take_writer(location, "contractkg serve --writable", endpoint=url).release)
            held.enter_context(locks.access(location, exclusive=True, wait=locks.writer_wait()))
        except locks.LockBusy as e:
            raise StoreError(str(e)) from None
        check_store(location, writable=True)
        lock_fd = hold_serve_lock(location)
        if lock_fd is not None:
            held.callback(os.close, lock_fd)
        private = free_port()
        # its own "listening" line would name the private port: only the proxy's address is printed
        proc = subprocess.Popen(server_command(location, "127.0.0.1", private, True, cors, timeout_s),
                                stdout=subprocess.DEVNULL)
        held.callback(stop, proc)
        wait_ready(base_url("127.0.0.1", private), proc)
        local = bind in ("127.0.0.1", "localhost", "::1", "0.0.0.0", "::")
        hosts = ({"127.0.0.1", "localhost", "[::1]"} if local else set()) | {f"[{bind}]" if ":" in bind else bind}
        proxy = start_proxy(bind, port, Guard(token, {f"http://{h}:{port}" for h in hosts}, cors),
                            ("127.0.0.1", private))
        held.callback(proxy.shutdown)
        announce()
        sys.stdout.flush()

        def on_term(*_: object) -> None:
            raise KeyboardInterrupt

        previous = signal.signal(signal.SIGTERM, on_term)
        try:
            proc.wait()
        except KeyboardInterrupt:
            pass
        finally:
            signal.signal(signal.SIGTERM, previous)
