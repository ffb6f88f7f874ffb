"""Files the build adds to the site for every edition: each dataset as CSV, Excel and ZIP,
and each figure as SVG (drawn only when its data or code changed)."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from functools import partial
from pathlib import Path

from mkdocs.exceptions import PluginError

from kvalitet.model.problems import EditorError
from kvalitet.output.download_files import write
from kvalitet.output.downloads import planned_downloads
from kvalitet.render.figure_render import Drawing, SvgCache, drawing
from kvalitet.site.report import Report

log = logging.getLogger("mkdocs.plugins.kvalitet")

PARALLEL_FROM = 16  # files to make; below this, starting worker processes costs more
WORKERS = 2  # each holds matplotlib (about 100 MB): more would cost memory, not time on 2 cores


def generated_files(reports: dict[int, Report], cache: Path, site_url: str) -> dict[str, bytes]:
    """{path in the site: content} for `reports`, reusing what `cache` already holds."""
    problems, found = [], {}
    drawings = SvgCache(cache / "figurer")
    downloads = {}
    with Workers() as work:
        for year, report in reports.items():
            planned = planned_downloads(
                report.current,
                report.previous,
                cache / "nedladdningar",
                report.nav_titles,
                site_url,
            )
            if planned.job:
                work.add(write, planned.job, planned.done)
            downloads[year] = planned
            for name, build in report.figures.builders.items():
                try:
                    spec = build()
                except (EditorError, TypeError, ValueError) as error:
                    if not report.current.missing:  # a draft draws a figure once it is whole
                        problems.append(f"Figuren »{name}« ({year}) kan inte ritas: {error}")
                    continue
                if spec.lacks_values:
                    continue
                stem = f"{year}/{name}"
                found[stem] = drawings.find(stem, spec)
                if found[stem] is None:
                    work.add(drawing, spec.draw, partial(_drawn, drawings, found, stem, spec))
        if problems:
            raise PluginError("\n".join(problems) + "\nBygget avbröts så att ingen figur saknas.")
        work.finish()
    files: dict[str, bytes] = {}
    for planned in downloads.values():
        files.update(planned.files)
    for stem, drawn in found.items():
        year, name = stem.split("/")
        report = reports[int(year)]
        report.svgs[name] = drawn
        files.update(drawn.files(report.figure_path(name)))  # wide and phone
    log.info(f"Figurer: {len(drawings.drawn)} ritade, {len(drawings.reused)} från cachen")
    return files


def _drawn(drawings: SvgCache, found: dict, stem: str, spec, drawn: Drawing) -> None:
    drawings.store(stem, spec, drawn)
    found[stem] = drawn


class Workers:
    """Calls `function(argument)` and hands the result to `done`, in worker processes once
    there are many calls, and in this process otherwise.

    The workers start as soon as there are enough calls, while the rest are still being
    found. Each imports only the modules of the functions it runs (drawing, workbooks), so
    the build itself never holds matplotlib, openpyxl or pandas.
    """

    def __init__(self):
        self.calls: list[tuple[Callable, object, Callable]] = []
        self.pool = None
        self.futures: list = []

    def add(self, function: Callable, argument: object, done: Callable) -> None:
        self.calls.append((function, argument, done))
        if self.pool is None and len(self.calls) >= PARALLEL_FROM:
            workers = min(WORKERS, os.cpu_count() or 1)
            if workers > 1:
                from concurrent.futures import ProcessPoolExecutor
                from multiprocessing import get_context

                # spawn, not fork: `mkdocs serve` runs threads, which a forked child copies badly
                self.pool = ProcessPoolExecutor(workers, mp_context=get_context("spawn"))
                self.futures = [self.pool.submit(f, a) for f, a, _ in self.calls]
        elif self.pool is not None:
            self.futures.append(self.pool.submit(function, argument))

    def finish(self) -> None:
        """Every call made, its result handed to its `done`."""
        if self.pool is None:
            for function, argument, done in self.calls:
                done(function(argument))
            return
        for (_, _, done), future in zip(self.calls, self.futures, strict=True):
            done(future.result())

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, kind, error, traceback) -> None:
        if self.pool is not None:  # on an error, the calls not yet started are dropped
            self.pool.shutdown(cancel_futures=kind is not None)
