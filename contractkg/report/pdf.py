"""The review report as PDF: headless Chromium prints the HTML page (its print CSS sets A4 and margins).

Chromium is Debian's package, found on PATH; without it a PDF cannot be made and the error says to
write .html instead. The page is loaded from a temporary file with every host name unresolvable, so
printing uses no network; the PDF appears at its path only when complete."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

BROWSERS = ("chromium", "chromium-browser", "google-chrome")
TIMEOUT = 180.0  # seconds; a portfolio of many contracts is a long page


class PdfError(RuntimeError):
    """No PDF could be made; the message says why and what to do."""


def browser() -> str | None:
    return next((p for name in BROWSERS if (p := shutil.which(name))), None)


def write_pdf(html: str, out: Path, timeout: float = TIMEOUT) -> None:
    exe = browser()
    if exe is None:
        raise PdfError("a PDF needs Chromium, which is not installed here (Debian: apt-get install chromium); "
                       "write the report as .html and print it from a browser instead")
    with tempfile.TemporaryDirectory(prefix="contractkg-report-") as tmp:
        page, pdf = Path(tmp) / "report.html", Path(tmp) / "report.pdf"
        page.write_text(html, encoding="utf-8")
        cmd = [exe, "--headless", "--disable-gpu", "--no-first-run", "--disable-extensions",
               "--disable-background-networking", "--host-resolver-rules=MAP * ~NOTFOUND",
               f"--user-data-dir={Path(tmp) / 'profile'}", "--no-pdf-header-footer", f"--print-to-pdf={pdf}",
               page.as_uri()]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            cmd.insert(1, "--no-sandbox")  # Chromium refuses to run as root with its sandbox
        try:
            done = subprocess.run(cmd, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise PdfError(f"Chromium did not finish the PDF within {timeout:.0f} s; write .html instead") from None
        if not pdf.is_file() or pdf.stat().st_size == 0 or not pdf.read_bytes().startswith(b"%PDF"):
            tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no output"]
            raise PdfError(f"Chromium made no PDF (exit {done.returncode}: {tail[0][:200]}); write .html instead")
        part = out.with_name(out.name + ".part")
        shutil.copyfile(pdf, part)
        os.replace(part, out)
