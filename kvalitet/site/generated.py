"""Files the build adds to the site for every edition: each dataset as CSV, Excel and ZIP,
and each figure as SVG (drawn only when its data or code changed)."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path

from mkdocs.exceptions import PluginError

from kvalitet.model.problems import EditorError
from kvalitet.output.download_files import write_into
from kvalitet.output.downloads import planned_downloads
from kvalitet.render.figure_render import SvgCache, draw_into
from kvalitet.render.figure_render import drawing as draw
from kvalitet.site.report import Report

log = logging.getLogger("mkdocs.plugins.kvalitet")

PARALLEL_FROM = 16  # files to make; below this, starting worker processes costs more
WORKERS = 2  # each holds matplotlib (about 100 MB): more would cost memory, not time on 2 cores


def generated_files(reports: dict[int, Report], cache: Path, site_url: str) -> dict[str, bytes]:
    """{path in the site: content} for `reports`, reusing what `cache` already holds."""
    problems, specs, paths, found = [], {}, {}, {}
    drawings = SvgCache(cache / "figurer")
    downloads = {}
    with Workers() as work:
        for year, report in reports.items():
            downloads[year] = planned = planned_downloads(
                report.current,
                report.previous,
                cache / "nedladdningar",
                report.nav_titles,
                site_url,
            )
            if planned.job:
                work.add(write_into, (planned.job, planned.cached))
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
                specs[stem], paths[stem] = spec, (path := drawings.path(stem, spec))
                found[stem] = drawings.read(path)
                if found[stem] is None:
                    work.add(draw_into, (spec.draw, path))
        if problems:
            raise PluginError("\n".join(problems) + "\nBygget avbröts så att ingen figur saknas.")
    # The workers have ended: read back what they wrote
    files: dict[str, bytes] = {}
    for planned in downloads.values():
        files.update(planned.read() if planned.job else planned.files)
    drawn = [stem for stem, drawing in found.items() if drawing is None]
    for stem, drawing in found.items():
        year, name = stem.split("/")
        report = reports[int(year)]
        # (drawn again here if another build sharing the cache replaced it meanwhile)
        report.svgs[name] = drawing or drawings.read(paths[stem]) or draw(specs[stem].draw)
        files.update(report.svgs[name].files(report.figure_path(name)))  # wide and phone
    log.info(f"Figurer: {len(drawn)} ritade, {len(found) - len(drawn)} från cachen")
    return files


class Workers:
    """Runs `function(*arguments)` for each call `add`ed, in worker processes once there
    are many calls, and in this process otherwise; all are done when the `with` ends.

    The workers start as soon as there are enough calls, while the rest are still being
    found. Each imports only the modules of the functions it runs (drawing, workbooks), so
    the build itself never holds matplotlib, openpyxl or pandas, and they write their files
    to the cache rather than hand them back.
    """

    def __init__(self):
        self.calls: list[tuple[Callable, tuple]] = []
        self.pool = None
        self.futures: list = []

    def add(self, function: Callable, arguments: tuple) -> None:
        self.calls.append((function, arguments))
        if self.pool is None and len(self.calls) >= PARALLEL_FROM:
            workers = min(WORKERS, os.cpu_count() or 1)
            if workers > 1:
                from concurrent.futures import ProcessPoolExecutor
                from multiprocessing import get_context

                # spawn, not fork: `mkdocs serve` runs threads, which a forked child copies badly
                self.pool = ProcessPoolExecutor(workers, mp_context=get_context("spawn"))
                self.futures = [self.pool.submit(f, *a) for f, a in self.calls]
        elif self.pool is not None:
            self.futures.append(self.pool.submit(function, *arguments))

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, kind, error, traceback) -> None:
        if self.pool is None:
            if kind is None:
                for function, arguments in self.calls:
                    function(*arguments)
            return
        with self.pool:
            try:
                if kind is None:
                    for future in self.futures:
                        future.result()  # a worker's error is raised here
            finally:  # after an error, the calls not yet started are dropped
                self.pool.shutdown(cancel_futures=True)
