"""Files the build adds to the site for every edition: each dataset as CSV, Excel and ZIP,
and each figure as SVG (drawn only when its data or code changed).

The downloads are ready before any page is rendered, since pages state their sizes. The
figures the cache lacks are drawn in worker processes while the pages render: a page needs
only a figure's size, which its data gives (`chart_sizes`), and the engine copies the files
only once every page is rendered (`Generated.wait`). Figures are copied from the cache,
never held in memory (50 editions: 60 MB).
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
from kvalitet.render.figure_render import SvgCache, draw_into, prepare_worker
from kvalitet.site.report import Report

log = logging.getLogger("mkdocs.plugins.kvalitet")

# Files to make from which worker processes pay off (starting one costs about 0.5 s)
DOWNLOADS_PARALLEL_FROM = 4  # editions: Excel workbooks, about 0.3 s each
FIGURES_PARALLEL_FROM = 16  # figures, about 0.15 s each
WORKERS = 2  # per kind; a figure's holds matplotlib (100 MB): more costs memory, not time


class Generated:
    """The files of every edition, by site path: their content, or the file in the cache to
    copy (a figure, drawn there by the time `wait` returns)."""

    def __init__(self, cache: Path):
        self.files: dict[str, bytes | Path] = {}
        self.drawings = SvgCache(cache / "figurer")
        self.waiting: dict[Path, Callable] = {}  # cache path: the drawing of a figure
        self.from_cache = 0
        # One after the other, so that the download workers (openpyxl) have ended before
        # the figure workers (matplotlib) start: 50 editions peak at 100 MB less.
        self.downloads = Workers(DOWNLOADS_PARALLEL_FROM)
        self.figures = Workers(FIGURES_PARALLEL_FROM, prepare_worker)

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
        for planned in downloads:
            if planned.job:
                self.downloads.add(write_into, (planned.job, planned.cached))
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
                if self.drawings.has(path):
                    self.from_cache += 1
                else:
                    self.waiting[path] = spec.draw
                self.files.update(self.drawings.files(path, report.figure_path(name)))
        if problems:
            raise PluginError("\n".join(problems) + "\nBygget avbröts så att ingen figur saknas.")
        self.downloads.wait()  # the pages state their sizes
        self.downloads.close()
        for report, planned in zip(reports.values(), downloads, strict=True):
            self.files.update(planned.read() if planned.job else planned.files)
            report.download_sizes = planned.sizes  # the data page states them
        for path, figure in self.waiting.items():  # once the download workers have ended
            self.figures.add(draw_into, (figure, path))

    def wait(self) -> None:
        """Until every figure is drawn into the cache."""
        try:
            self.figures.wait()
        finally:
            self.figures.close()
        for path, figure in self.waiting.items():
            if not self.drawings.has(path):  # removed meanwhile (the cache folder deleted)
                draw_into(figure, path)
        log.info(f"Figurer: {len(self.waiting)} ritade, {self.from_cache} från cachen")
        self.waiting = {}

    def cancel(self) -> None:
        """Stop the workers after a mistake: what has not started is dropped."""
        self.downloads.close()
        self.figures.close()


class Workers:
    """Runs `function(*arguments)` for each call `add`ed, in worker processes once there
    are many calls, and in this process otherwise, when `wait` asks for them.

    The workers start as soon as there are enough calls, while the rest are still being
    found. Each imports only the modules of the functions it runs (drawing, workbooks), so
    the build itself never holds matplotlib, openpyxl or pandas, and they write their files
    to the cache rather than hand them back.
    """

    def __init__(self, parallel_from: int, prepare: Callable | None = None):
        self.parallel_from = parallel_from
        self.prepare = prepare  # run first in each worker process
        self.calls: list[tuple[Callable, tuple]] = []
        self.done = 0  # calls run in this process
        self.pool = None
        self.futures: list = []

    def add(self, function: Callable, arguments: tuple) -> None:
        self.calls.append((function, arguments))
        if self.pool is None and len(self.calls) >= self.parallel_from:
            workers = min(WORKERS, os.cpu_count() or 1)
            if workers > 1:
                from concurrent.futures import ProcessPoolExecutor
                from multiprocessing import get_context

                # spawn, not fork: `mkdocs serve` runs threads, which a forked child copies badly
                self.pool = ProcessPoolExecutor(
                    workers,
                    mp_context=get_context("spawn"),
                    initializer=_start_worker,
                    initargs=(self.prepare,),
                )
                self.futures = [self.pool.submit(f, *a) for f, a in self.calls]
        elif self.pool is not None:
            self.futures.append(self.pool.submit(function, *arguments))

    def wait(self) -> None:
        """Until every call is done; raises a call's error."""
        if self.pool is None:
            while self.done < len(self.calls):
                function, arguments = self.calls[self.done]
                self.done += 1
                function(*arguments)
            return
        for future in self.futures:
            future.result()

    def close(self) -> None:
        """Let the workers end; the calls not yet started are dropped."""
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
            self.pool = None
        self.done = len(self.calls)


def _start_worker(prepare: Callable | None) -> None:
    os.nice(10)  # the pages, rendered meanwhile, go first, and so does a mistake on them
    if prepare:
        prepare()
