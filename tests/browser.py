"""A real browser for the tests: Debian's Chromium driven by Playwright.

Playwright's own browser download does not work on every machine, so the tests look for
a system Chromium first (``$CHROMIUM``, then ``chromium`` on the PATH) and only fall back
to ``playwright install chromium`` where nothing is installed. If no browser can be had,
the tests fail with the reason; they are never skipped.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def system_chromium() -> str | None:
    candidates = [os.environ.get("CHROMIUM"), "chromium", "chromium-browser", "google-chrome"]
    for candidate in filter(None, candidates):
        found = shutil.which(candidate)
        if found:
            return found
    return None


def launch(playwright):
    executable = system_chromium()
    if executable:
        return playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
    install = subprocess.run(
        [sys.executable, "-m", "playwright", "install", "chromium"], capture_output=True, text=True
    )
    if install.returncode != 0:
        raise RuntimeError(
            "No Chromium found (set $CHROMIUM or install Debian's chromium) and "
            f"'playwright install chromium' failed:\n{install.stderr[-2000:]}"
        )
    return playwright.chromium.launch(args=CHROMIUM_ARGS)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass


@contextmanager
def serve(directory: Path):
    """Serve `directory` on a free localhost port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
