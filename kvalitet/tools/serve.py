"""`make serve`: the live preview, which shows a failed build in the browser.

``python -m kvalitet.tools.serve [--dev-addr 127.0.0.1:8000]`` does what ``mkdocs serve
--strict`` does: the same configuration, a temporary site folder, and MkDocs'
LiveReloadServer watching the project. MkDocs leaves the browser waiting when a rebuild
fails, and exits when the first build fails. Here a failed build instead writes a Swedish
error page, listing the problems the build printed, in place of every page, so whatever
address the editor has open shows it. The server injects its reload script into that page
as into any other, so the next save rebuilds and the browser reloads to the real page.

Python code (kvalitet/, macros.py) is imported once: restart the preview after changing it.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException
from mkdocs.livereload import LiveReloadServer
from mkdocs.utils import clean_directory

from kvalitet.gates.config import SUBJECT, check_config
from kvalitet.model.problems import DataError
from kvalitet.site.report import KeptEditions
from kvalitet.tools.error_page import FIX, error_page, problems

log = logging.getLogger("mkdocs.kvalitet.serve")  # under "mkdocs": printed like its own lines
ADDRESS = "127.0.0.1:8000"
# Seconds between looks at the watched files: not MkDocs' 0.5 s, so a save shows 0.2 s
# sooner on average, for 0.2 ms of looking each time.
POLLING = 0.1
CONFIG_FILE = "mkdocs.yml"


@contextmanager
def logged() -> Iterator[list[str]]:
    """The warnings and errors MkDocs and the plugins log while the block runs, from this
    thread only (the server logs requests from its own threads)."""
    messages: list[str] = []
    thread = threading.get_ident()

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.thread == thread:
                messages.append(record.getMessage())

    handler = Collect(logging.WARNING)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield messages
    finally:
        logger.removeHandler(handler)


def page_paths(docs_dir: Path) -> set[str]:
    """Where each Markdown page is written (directory URLs), known before any build."""
    paths = set()
    for source in docs_dir.rglob("*.md"):
        stem = source.relative_to(docs_dir).with_suffix("")
        folder = stem.parent if stem.name in ("index", "README") else stem
        paths.add((folder / "index.html").as_posix())
    return paths


class Preview:
    """The server, its site folder and the builder it calls after every save."""

    def __init__(self, host: str, port: int):
        self.site_dir = Path(tempfile.mkdtemp(prefix="kvalitet_serve_"))
        self.address = f"{host}:{port}"
        # Served at the root whatever site_url says: the site's links are relative.
        site = str(self.site_dir)
        self.server = LiveReloadServer(self.build, host, port, site, polling_interval=POLLING)
        self.server.error_handler = self.error_response
        self.url = self.server.url
        self.config: MkDocsConfig | None = None  # the last that loaded
        self.started = False
        self.watched: set[str] = set()
        self.pages = {"index.html", "404.html"}  # the HTML of the last good build
        self.kept = KeptEditions()  # the data is read again only when it changes

    def watch(self, *paths: str | None) -> None:
        for path in paths:
            if path and Path(path).exists() and os.path.abspath(path) not in self.watched:
                self.watched.add(os.path.abspath(path))
                self.server.watch(path)

    def load(self) -> MkDocsConfig:
        config = load_config(site_dir=str(self.site_dir), strict=True, dev_addr=self.address)
        config.site_url = self.url
        plugin = config.plugins.get("kvalitet")  # a new one each build; the data stays
        if plugin is not None:
            plugin.kept = self.kept
        if not self.started:  # plugins that keep state across builds are told once, as MkDocs does
            config.plugins.on_startup(command="serve", dirty=False)
            self.started = True
        self.config = config
        self.watch(config.config_file_path, config.docs_dir, config.theme.custom_dir)
        self.watch(*config.watch)
        return config

    def build(self) -> None:
        """The builder LiveReloadServer calls; it never raises, so the browser reloads."""
        log.info("Bygger webbplatsen …")
        started = time.perf_counter()
        mistakes = check_config(Path(CONFIG_FILE))  # MkDocs would say these in English
        if mistakes:
            self.show([str(DataError(mistakes, subject=SUBJECT))])
            return
        with logged() as messages:
            try:
                build(self.load(), serve_url=self.url)
            except (Exception, SystemExit) as error:  # Abort is a SystemExit too
                if not isinstance(error, MkDocsException):
                    traceback.print_exc()
                self.show(problems(messages, error))
                return
        self.pages = {
            p.relative_to(self.site_dir).as_posix() for p in self.site_dir.rglob("*.html")
        }
        seconds = f"{time.perf_counter() - started:.1f}".replace(".", ",")
        log.info(f"Sidorna är byggda ({seconds} s).")

    def show(self, found: list[str]) -> None:
        page = error_page(found, time.strftime("%H:%M:%S")).encode("utf-8")
        docs_dir = Path(self.config.docs_dir if self.config else "docs")
        clean_directory(str(self.site_dir))  # nothing half-built stays behind
        for path in self.pages | page_paths(docs_dir):
            target = self.site_dir / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(page)
        log.error(f"Bygget stoppades; felet visas i webbläsaren på {self.url}. {FIX}")

    def error_response(self, code: int) -> bytes | None:
        """The site's own 404 page (the error page while the build fails), as MkDocs does."""
        page = self.site_dir / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None

    def run(self) -> int:
        try:
            self.watch(CONFIG_FILE)  # even when it does not load, saving it again rebuilds
            self.build()
            if self.config is not None:
                self.server = self.config.plugins.on_serve(
                    self.server, config=self.config, builder=self.build
                )
            log.info(f"Startar förhandsgranskningen på {self.url} (avsluta med Ctrl+C).")
            try:
                self.server.serve()
            except KeyboardInterrupt:
                log.info("Förhandsgranskningen avslutas.")
            except OSError as error:
                log.error(f"Kan inte starta på {self.url}: {error.strerror}. Körs den redan?")
                return 1
            finally:
                self.server.shutdown()
        finally:
            if self.started and self.config is not None:
                self.config.plugins.on_shutdown()
            shutil.rmtree(self.site_dir, ignore_errors=True)
        return 0


def stop(signum, frame) -> None:
    raise KeyboardInterrupt


class Formatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return f"{record.levelname:<8}-  {super().format(record)}"


def swedish(record: logging.LogRecord) -> bool:
    """Only what the editor needs, in Swedish: our own lines, and every warning and error.
    MkDocs' and mkdocs-macros' English progress lines (»Serving on«, »Reloading browsers«,
    the macros' settings) are left out; the preview says the same in its own lines."""
    ours = record.name.startswith(("mkdocs.kvalitet", "mkdocs.plugins.kvalitet"))
    return ours or record.levelno >= logging.WARNING


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m kvalitet.tools.serve",
        description="Förhandsgranska webbplatsen medan du redigerar.",
    )
    parser.add_argument("-a", "--dev-addr", default=ADDRESS, metavar="IP:PORT")
    host, _, port = parser.parse_args(argv).dev_addr.rpartition(":")
    os.environ.setdefault("KVALITET_PDF", "av")  # a live preview needs no PDF
    signal.signal(signal.SIGTERM, stop)  # stopped from outside, it still removes its folder
    # Like the mkdocs command: its logger prints INFO and up, and nothing reaches the root.
    logger = logging.getLogger("mkdocs")
    logger.setLevel(logging.INFO)
    logger.propagate = False
    stream = logging.StreamHandler()
    stream.setFormatter(Formatter())
    stream.addFilter(swedish)
    logger.addHandler(stream)
    return Preview(host or "127.0.0.1", int(port)).run()


if __name__ == "__main__":
    sys.exit(main())
