"""Helpers for the browser tests: waiting for Streamlit, screenshots, an offline browser, processes."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import urlparse

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
DOCS_SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
LOCAL_HOSTS = ("127.0.0.1", "localhost", "[::1]", "::1")
SCREENSHOT_RUN = os.environ.get("CONTRACTKG_SCREENSHOTS") == "1"  # CONTRACTKG_SCREENSHOTS=1 pytest tests/e2e


def shot(page, name: str) -> Path:  # type: ignore[no-untyped-def]
    """A full-page screenshot in tests/artifacts; also in docs/screenshots when
    CONTRACTKG_SCREENSHOTS=1 (how the documentation's pictures are regenerated)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.mouse.move(1, 1)  # no tooltip over the picture
    page.wait_for_timeout(1000)  # tables draw on a canvas after the script run
    page.screenshot(path=str(path), full_page=True)
    if SCREENSHOT_RUN:
        shutil.copyfile(path, DOCS_SCREENSHOTS / f"{name}.png")
    return path


# No script run in progress: the app's root says so (the status widget, with its running icon, is not
# shown with the minimal toolbar the app runs with), and no skeleton waits for an element.
IDLE = ("() => { const app = document.querySelector('[data-testid=\"stApp\"]');"
        " return !!app && app.getAttribute('data-test-script-state') === 'notRunning'"
        " && !document.querySelector('[data-testid=\"stStatusWidget\"], [data-testid=\"stSkeleton\"]')"
        " && document.querySelector('[data-testid=\"stMainBlockContainer\"], .main') !== null; }")


def wait_idle(page, timeout: float = 60_000) -> None:  # type: ignore[no-untyped-def]
    """Until the app has rendered and no script run is in progress (checked twice: a click's rerun
    may start a moment after it)."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
    page.wait_for_function(IDLE, timeout=timeout)
    page.wait_for_timeout(600)
    page.wait_for_function(IDLE, timeout=timeout)
    page.wait_for_timeout(600)


def block_network(page) -> list[str]:  # type: ignore[no-untyped-def]
    """Abort every request that leaves this machine; the list fills with the URLs that tried."""
    tried: list[str] = []

    def handle(route) -> None:  # type: ignore[no-untyped-def]
        host = urlparse(route.request.url).hostname or ""
        if route.request.url.startswith(("data:", "blob:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            tried.append(route.request.url)
            route.abort()

    page.route("**/*", handle)
    return tried


def descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (from /proc)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    out, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


def cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
    except OSError:
        return ""


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time of these processes so far."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def long_dpa(folder: Path) -> Path:
    """A DPA whose first clause is long and unnumbered inside, with a fact at its end (the text must
    scroll to it)."""
    lines = ["Ledgerbrook Data Processing Agreement", "",
             'This agreement is made between the customer (the "Controller") and Ledgerbrook Systems Ltd,',
             '5 Quay Street, Cork T12 X8Y9, Ireland (the "Processor").', "", "1. Subject matter"]
    lines += [f"The service includes report template number {i} of the product catalogue." for i in range(1, 41)]
    lines += ["The Processor shall notify the Controller of a personal data breach within 48 hours.", "",
              "2. Instructions",
              "2.1 The Processor shall process personal data only on documented instructions of the Controller."]
    path = folder / "ledgerbrook.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
