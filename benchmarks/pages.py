"""The explorer's first render of each page, timed in a browser.

`contractkg app` is started on the store (in its own process group, ended when done); Debian's
chromium, driven by Playwright, opens each page in a fresh browser context (a new Streamlit session),
and the time runs from the navigation until Streamlit has finished the page's script run: the app's
root element says the script is not running (``data-test-script-state``, which Streamlit sets on every
run; the status widget's running icon is not shown with the minimal toolbar), the page shows content,
no skeleton is left, and this has held for ``SETTLE`` seconds (a page that reruns itself is not done).
The figure is the moment that quiet stretch began, so the settling wait is not counted.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PAGES_DIR = ROOT / "contractkg" / "app" / "pages"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
SHOTS = Path(__file__).resolve().parent / "results"  # a screenshot of each page that failed
SETTLE = 1.0  # seconds without a running script before a page counts as rendered
IDLE_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  const done = app && app.getAttribute('data-test-script-state') === 'notRunning';
  const busy = document.querySelector('[data-testid="stStatusWidgetRunningIcon"], '
    + '[data-testid="stStatusWidgetRunningManIcon"], [data-testid="stSkeleton"]');
  const main = document.querySelector('[data-testid="stMainBlockContainer"]');
  const shown = main && main.querySelector('[data-testid="stElementContainer"], [data-testid="stHeading"]');
  return !!done && !busy && !!shown;
}"""


def page_paths() -> dict[str, str]:
    """Page name -> URL path: Home is '/', pages/2_Graph_explorer.py is '/Graph_explorer'."""
    out = {"Home": "/"}
    for p in sorted(PAGES_DIR.glob("*.py")):
        name = p.stem.split("_", 1)[1] if p.stem.split("_", 1)[0].isdigit() else p.stem
        out[name] = "/" + name
    return out


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _contractkg() -> str:
    return shutil.which("contractkg", path=str(Path(sys.executable).parent)) or "contractkg"


def start_app(store: Path, log: Path, timeout: float = 120.0) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("CONTRACTKG_ENDPOINT", "CONTRACTKG_STORE")}
    env["CONTRACTKG_UPLOADS"] = str(log.parent / "uploads")
    env["STREAMLIT_SERVER_FILE_WATCHER_TYPE"] = "none"  # edits in the tree must not prompt a rerun
    with log.open("wb") as out:
        proc = subprocess.Popen([_contractkg(), "app", "--store", str(store), "--port", str(port)], cwd=ROOT, env=env,
                                stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"`contractkg app` exited with code {proc.returncode}: see {log}")
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return proc, url
        except OSError:
            time.sleep(0.3)
    stop_app(proc)
    raise RuntimeError(f"`contractkg app` was not healthy after {timeout:.0f} s: see {log}")


def stop_app(proc: subprocess.Popen[bytes]) -> None:
    """End the app and the streamlit process it started (its own process group)."""
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    except ProcessLookupError:
        pass


def render_time(page: Any, url: str, timeout: float) -> float:
    """Seconds from navigation until the page's first script run has finished (see module doc)."""
    t0 = time.perf_counter()
    page.goto(url, wait_until="commit", timeout=timeout * 1000)
    quiet_since: float | None = None
    while True:
        now = time.perf_counter()
        if now - t0 > timeout:
            raise TimeoutError(f"still running after {timeout:.0f} s")
        if page.evaluate(IDLE_JS):
            quiet_since = quiet_since or now
            if now - quiet_since >= SETTLE:
                break
        else:
            quiet_since = None
        time.sleep(0.05)
    if page.locator('[data-testid="stException"]').count():
        raise RuntimeError("the page raised: " + page.locator('[data-testid="stException"]').first.inner_text()[:200])
    return quiet_since - t0


class ScriptClock:
    """The server's share of a visit, read from the page's websocket: seconds from the session's start
    (Streamlit's new_session message) to the end of its last script run (script_finished). The rest
    of a page's time is the browser's: loading the app, then drawing (charts, tables, components)."""

    def __init__(self, page: Any) -> None:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        self.started: float | None = None
        self.finished: float | None = None

        def frame(payload: str | bytes) -> None:
            if not isinstance(payload, bytes):
                return
            msg = ForwardMsg()
            try:
                msg.ParseFromString(payload)
            except Exception:  # noqa: BLE001 - not a message of ours to time
                return
            kind = msg.WhichOneof("type")
            if kind == "new_session" and self.started is None:
                self.started = time.perf_counter()
            elif kind == "script_finished":
                self.finished = time.perf_counter()

        page.on("websocket", lambda ws: ws.on("framereceived", frame))

    def seconds(self) -> float | None:
        if self.started is None or self.finished is None:
            return None
        return round(self.finished - self.started, 2)


def _visit(browser: Any, url: str, name: str, timeout: float) -> tuple[float | str, float | None]:
    """(the page's render time or an error text, the server's script time)."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 1500})
    page = ctx.new_page()
    clock = ScriptClock(page)
    try:
        return round(render_time(page, url, timeout), 2), clock.seconds()
    except Exception as e:  # noqa: BLE001 - a benchmark reports, it does not crash
        with contextlib.suppress(Exception):  # what the page showed, for the report
            SHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SHOTS / f"page-{name}.png"), full_page=True)
        return f"failed: {type(e).__name__}: {e}"[:300], clock.seconds()
    finally:
        ctx.close()


def time_pages(store: Path, work: Path, timeout: float = 60.0, again_under: float = 30.0) -> dict[str, Any]:
    """{"first": page -> seconds (or an error text), "again": the same on a second visit}, for Home and
    every page of the explorer; the second visit (of the pages that first rendered in under
    ``again_under`` seconds) shows what the app's caches save. "script_first" and "script_again": the
    server's script time of each visit (ScriptClock), the part of the figure the app's code spends."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        return {"error": "chromium is not installed (`make browser` installs Debian's)"}
    from playwright.sync_api import sync_playwright

    work.mkdir(parents=True, exist_ok=True)
    proc, url = start_app(store, work / "app.log")
    out: dict[str, Any] = {"first": {}, "again": {}, "script_first": {}, "script_again": {}}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
            try:
                for name, path in page_paths().items():
                    out["first"][name], out["script_first"][name] = _visit(browser, url + path, name, timeout)
                for name, path in page_paths().items():
                    first = out["first"][name]
                    if isinstance(first, float) and first < again_under:
                        out["again"][name], out["script_again"][name] = _visit(browser, url + path, name, timeout)
            finally:
                browser.close()
    finally:
        stop_app(proc)
    return out
