"""Files the build adds to the site for every edition: each dataset as CSV, Excel and ZIP,
and each figure as SVG (drawn only when its data or code changed).

The downloads are ready before any page is rendered, since pages state their sizes. The
figures the cache lacks are drawn in worker processes while the pages render: a page needs
only a figure's size, which its data gives (`chart_sizes`), and the engine copies the files
only once every page is rendered (`Generated.drawn`).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path

from mkdocs.exceptions import PluginError

from kvalitet.model.problems import EditorError
from kvalitet.output.download_files import write_into
from kvalitet.output.downloads import planned_downloads
from kvalitet.render.figure_render import Drawing, SvgCache, draw_into
from kvalitet.render.figure_render import drawing as draw
from kvalitet.site.report import Report

log = logging.getLogger("mkdocs.plugins.kvalitet")

PARALLEL_FROM = 16  # files to make; below this, starting worker processes costs more
WORKERS = 2  # each holds matplotlib (about 100 MB): more would cost memory, not time on 2 cores


class Generated:
    """The files of every edition: `ready` as soon as `start` returns, the figures not yet
    drawn from `drawn` (placeholders in `ready` until then)."""

    def __init__(self, cache: Path):
        self.ready: dict[str, bytes] = {}
        self.drawings = SvgCache(cache / "figurer")
        self.waiting: dict[str, tuple[Path, Callable]] = {}  # site path: (cache path, draw)
        self.from_cache = 0
        self.work = Workers()

    @classmethod
    def start(cls, reports: dict[int, Report], cache: Path, site_url: str) -> Generated:
        """Write the downloads and start drawing the figures the cache lacks."""
        generated = cls(cache)
        try:
            generated._start(reports, cache, site_url)
        except BaseException:
            generated.cancel()
            raise
        return generated

    def _start(self, reports: dict[int, Report], cache: Path, site_url: str) -> None:
        downloads = [
            planned_downloads(
                r.current, r.previous, cache / "nedladdningar", r.nav_titles, site_url
            )
            for r in reports.values()
        ]
        for planned in downloads:  # first in line: the pages wait for these
            if planned.job:
                self.work.add(write_into, (planned.job, planned.cached))
        written = len(self.work.calls)
        problems = []
        for year, report in reports.items():
            for name, build in report.figures.builders.items():
                try:
                    spec = build()
                except (EditorError, TypeError, ValueError) as error:
                    if not report.current.missing:  # a draft draws a figure once it is whole
                        problems.append(f"Figuren »{name}« ({year}) kan inte ritas: {error}")
                    continue
                if spec.lacks_values:
                    continue
                report.drawable.add(name)
                path = self.drawings.path(f"{year}/{name}", spec)
                target = report.figure_path(name)
                drawing = self.drawings.read(path)
                if drawing is None:
                    self.work.add(draw_into, (spec.draw, path))
                    self.waiting[target] = (path, spec.draw)
                    drawing = Drawing(b"", b"")  # until `drawn`
                else:
                    self.from_cache += 1
                self.ready.update(drawing.files(target))  # wide and phone
        if problems:
            raise PluginError("\n".join(problems) + "\nBygget avbröts så att ingen figur saknas.")
        self.work.wait(written)
        for planned in downloads:
            self.ready.update(planned.read() if planned.job else planned.files)

    def drawn(self) -> dict[str, bytes]:
        """{site path: bytes} of the figures drawn since `start`, once all are drawn."""
        try:
            self.work.wait()
        finally:
            self.work.close()
        files = {}
        for target, (path, figure) in self.waiting.items():
            # (drawn again here if another build sharing the cache replaced it meanwhile)
            files.update((self.drawings.read(path) or draw(figure)).files(target))
        log.info(f"Figurer: {len(self.waiting)} ritade, {self.from_cache} från cachen")
        self.waiting = {}
        return files

    def cancel(self) -> None:
        """Stop the workers after a mistake: what has not started is dropped."""
        self.work.close()


class Workers:
    """Runs `function(*arguments)` for each call `add`ed, in worker processes once there
    are many calls, and in this process otherwise, when `wait` asks for them.

    The workers start as soon as there are enough calls, while the rest are still being
    found. Each imports only the modules of the functions it runs (drawing, workbooks), so
    the build itself never holds matplotlib, openpyxl or pandas, and they write their files
    to the cache rather than hand them back.
    """

    def __init__(self):
        self.calls: list[tuple[Callable, tuple]] = []
        self.done = 0  # calls run in this process
        self.pool = None
        self.futures: list = []

    def add(self, function: Callable, arguments: tuple) -> None:
        self.calls.append((function, arguments))
        if self.pool is None and len(self.calls) >= PARALLEL_FROM:
            workers = min(WORKERS, os.cpu_count() or 1)
            if workers > 1:
                from concurrent.futures import ProcessPoolExecutor
                from multiprocessing import get_context

                # spawn, not fork: `mkdocs serve` runs threads, which a forked child copies badly.
                # Niced: the pages, rendered meanwhile, go first, and so does a mistake on them.
                self.pool = ProcessPoolExecutor(
                    workers, mp_context=get_context("spawn"), initializer=os.nice, initargs=(10,)
                )
                self.futures = [self.pool.submit(f, *a) for f, a in self.calls]
        elif self.pool is not None:
            self.futures.append(self.pool.submit(function, *arguments))

    def wait(self, first: int | None = None) -> None:
        """Until the first `first` calls (all by default) are done; raises a call's error."""
        first = len(self.calls) if first is None else first
        if self.pool is None:
            while self.done < first:
                function, arguments = self.calls[self.done]
                self.done += 1
                function(*arguments)
            return
        for future in self.futures[:first]:
            future.result()

    def close(self) -> None:
        """Let the workers end; the calls not yet started are dropped."""
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
            self.pool = None
        self.done = len(self.calls)
