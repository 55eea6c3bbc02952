"""Who may touch an embedded store, and when: advisory locks and a change counter beside the folder.

RocksDB allows one read-write process, and opening a read-only copy while that process writes is
undefined (it can fail or allocate gigabytes). So, for a store folder ``S``:

- ``.S.writer.lock``: held for its whole run by the one writing process (ingest, validate, reason,
  the app's Ingest page). A second writer waits up to ``CONTRACTKG_LOCK_WAIT`` seconds (default 10),
  then is refused with a message naming the holder.
- ``.S.access.lock``: the writer holds it exclusively only while the store is open read-write (one
  batch); readers hold it shared only while they open their read-only copy. So a reader never opens
  during a write, and a writer closes the store (its background work done) before readers open.
- ``.S.generation``: a counter the writer bumps after each write, so readers know to reopen.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

DEFAULT_WRITER_WAIT = 10.0
READER_WAIT = 120.0  # a reader waits this long for a write window (one batch) to end
ENV_WAIT = "CONTRACTKG_LOCK_WAIT"


class LockBusy(Exception):
    """The lock is held by another process; the message says by whom."""


def beside(store: Path, suffix: str) -> Path:
    return store.parent / f".{store.name}.{suffix}"


def writer_wait() -> float:
    raw = os.environ.get(ENV_WAIT)
    try:
        return max(0.0, float(raw)) if raw else DEFAULT_WRITER_WAIT
    except ValueError:
        return DEFAULT_WRITER_WAIT


def _flock(fd: int, exclusive: bool, wait: float) -> bool:
    """Take the lock, polling until ``wait`` seconds have passed; False if it stayed busy."""
    import fcntl

    mode = (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB
    deadline = time.monotonic() + wait
    delay = 0.01
    while True:
        try:
            fcntl.flock(fd, mode)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(delay)
            delay = min(delay * 2, 0.2)


class FileLock:
    """An flock on one file; released on release(), on close of the process, or on a crash."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.fd: int | None = None

    def acquire(self, exclusive: bool, wait: float) -> bool:
        try:
            import fcntl  # noqa: F401 - POSIX only
        except ImportError:  # no advisory locks: RocksDB's own lock still guards writers
            return True
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:
            try:  # a store on read-only media: nobody can write it, so no lock is needed
                fd = os.open(self.path, os.O_RDONLY)
            except OSError:
                return True
        if not _flock(fd, exclusive, wait):
            os.close(fd)
            return False
        self.fd = fd
        return True

    def note(self, info: dict[str, object]) -> None:
        """Say who holds the lock (read by the process that is refused)."""
        if self.fd is None:
            return
        with contextlib.suppress(OSError):
            os.ftruncate(self.fd, 0)
            os.pwrite(self.fd, json.dumps(info).encode("utf-8"), 0)

    def release(self) -> None:
        if self.fd is not None:
            fd, self.fd = self.fd, None
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)  # no stale note about a holder that is gone
            os.close(fd)  # closing the descriptor drops the flock

    def __del__(self) -> None:  # a store dropped without close() must not keep others out
        self.release()


def holder(store: Path) -> dict[str, object]:
    """What the writer lock file says about the process that holds it ({} if unknown)."""
    try:
        data = json.loads(beside(store, "writer.lock").read_text(encoding="utf-8") or "{}")
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def describe(info: dict[str, object]) -> str:
    what = str(info.get("what") or "another contractkg command")
    return f"{what} (pid {info['pid']})" if info.get("pid") else what


def take_writer(store: Path, what: str, wait: float | None = None, endpoint: str | None = None) -> FileLock:
    """The writer lock of ``store``, or LockBusy with a plain-words message after waiting."""
    lock = FileLock(beside(store, "writer.lock"))
    wait = writer_wait() if wait is None else wait
    got = lock.acquire(exclusive=True, wait=0)
    if not got and wait > 0 and not holder(store).get("endpoint"):
        print(f"waiting up to {wait:g} s for {describe(holder(store))} to finish writing to the store at {store}...",
              file=sys.stderr, flush=True)  # a pause with no word looks like a hang
        got = lock.acquire(exclusive=True, wait=wait)
    if not got:
        info = holder(store)
        if info.get("endpoint"):
            raise LockBusy(f"the store at {store} is served for writing by {describe(info)}: send writes to it "
                           f"with --endpoint {info['endpoint']} (and its token), or stop the server")
        raise LockBusy(f"another process is writing to the store at {store}: {describe(info)}. Wait for it to "
                       f"finish, then run this again (waited {wait:g} s; {ENV_WAIT}=SECONDS waits longer)")
    lock.note({"pid": os.getpid(), "what": what, "endpoint": endpoint})
    return lock


@contextlib.contextmanager
def access(store: Path, exclusive: bool, wait: float | None = None) -> Iterator[None]:
    """The access lock around a read-write window (exclusive) or a read-only open (shared)."""
    lock = FileLock(beside(store, "access.lock"))
    wait = READER_WAIT if wait is None else wait
    got = lock.acquire(exclusive, 0)
    if not got and not holder(store).get("endpoint"):  # a server holds it for good: no use waiting
        got = lock.acquire(exclusive, wait)
    if not got:
        info = holder(store)
        if info.get("endpoint"):
            raise LockBusy(f"the store at {store} is served for writing by {describe(info)}: query it with "
                           f"--endpoint {info['endpoint']}")
        raise LockBusy(f"the store at {store} stayed busy with a write by {describe(info)} for {wait:g} s: "
                       "try again when it has finished")
    try:
        yield
    finally:
        lock.release()


def generation(store: Path) -> int:
    """The change counter (0 for a store no contractkg writer has changed yet)."""
    try:
        return int(beside(store, "generation").read_text(encoding="ascii").strip() or 0)
    except (OSError, ValueError):
        return 0


def bump(store: Path) -> int:
    """Count one more change; written atomically (rename) so a reader never sees half a number."""
    n = generation(store) + 1
    path = beside(store, "generation")
    tmp = path.with_name(path.name + f".{os.getpid()}")
    with contextlib.suppress(OSError):
        tmp.write_text(str(n), encoding="ascii")
        os.replace(tmp, path)
    return n
