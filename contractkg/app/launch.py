"""How the explorer is started: one command line for `contractkg app` and the browser tests, so the
server they test is the server users get (upload limit, no telemetry, no file watcher, the pages'
modules loaded before it listens: server.py)."""

from __future__ import annotations

import sys
from pathlib import Path

HOME = Path(__file__).resolve().parent / "Home.py"


def max_upload_mb() -> int:
    """The product's real per-file limit (the loaders refuse larger files), in Streamlit's whole MB."""
    from contractkg.ingest.load.loaders import MAX_BYTES

    return max(1, MAX_BYTES // 2**20)


def streamlit_command(port: int, host: str = "127.0.0.1", headless: bool = True) -> list[str]:
    return [sys.executable, "-m", "contractkg.app.server", "run", str(HOME), "--server.port", str(port),
            "--server.address", host, "--server.headless", str(headless).lower(),
            "--server.maxUploadSize", str(max_upload_mb()), "--browser.gatherUsageStats", "false",
            "--server.fileWatcherType", "none", "--global.developmentMode", "false",
            "--client.toolbarMode", "minimal"]
