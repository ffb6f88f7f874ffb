"""A headless Chromium for the build (the PDF) and the tests.

Debian's Chromium is used when it is installed (``$CHROMIUM`` or ``chromium`` on the
PATH), driven by Playwright. Only where no system browser exists does it fall back to
Playwright's own download, which needs internet access.
"""

from __future__ import annotations

import functools
import os
import shutil
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


class NoBrowser(RuntimeError):
    pass


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
    # No download of Playwright's own browser: it needs more than the package registries.
    raise NoBrowser(
        "Ingen Chromium hittades. Installera Debians paket (sudo apt-get install chromium) "
        "eller ange sökvägen i miljövariabeln CHROMIUM."
    )


@contextmanager
def serve(directory: Path, handler_class: type | None = None):
    """Serve `directory` on a free localhost port; yields the base URL. `handler_class`, a
    `SimpleHTTPRequestHandler`, answers instead of the plain one (tests, the benchmark)."""
    import http.server  # only when serving: every build imports this module

    class QuietHandler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):  # keep build and test output clean
            pass

    handler = functools.partial(handler_class or QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
