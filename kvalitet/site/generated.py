"""Files the build adds to the site for every edition: each dataset as CSV, Excel and ZIP,
and each figure as SVG (drawn only when its data or code changed)."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path

from mkdocs.exceptions import PluginError

from kvalitet.model.problems import EditorError
from kvalitet.output.download_files import write
from kvalitet.output.downloads import planned_downloads
from kvalitet.render.figure_render import SvgCache, drawing
from kvalitet.site.report import Report

log = logging.getLogger("mkdocs.plugins.kvalitet")

PARALLEL_FROM = 16  # files to make; below this, starting worker processes costs more
WORKERS = 2  # each holds matplotlib (about 100 MB): more would cost memory, not time on 2 cores


def generated_files(reports: dict[int, Report], cache: Path, site_url: str) -> dict[str, bytes]:
    """{path in the site: content} for `reports`, reusing what `cache` already holds."""
    specs, problems = {}, []
    downloads = {}
    for year, report in reports.items():
        downloads[year] = planned_downloads(
            report.current, report.previous, cache / "nedladdningar", report.nav_titles, site_url
        )
        for name, build in report.figures.builders.items():
            try:
                spec = build()
            except (EditorError, TypeError, ValueError) as error:
                if not report.current.missing:  # a draft draws a figure once it is whole
                    problems.append(f"Figuren »{name}« ({year}) kan inte ritas: {error}")
                continue
            if not spec.lacks_values:
                specs[f"{year}/{name}"] = spec
    if problems:
        raise PluginError("\n".join(problems) + "\nBygget avbröts så att ingen figur saknas.")
    drawings = SvgCache(cache / "figurer")
    found = drawings.found(specs)
    missing = [stem for stem in specs if stem not in found]
    unwritten = [year for year, planned in downloads.items() if planned.job]
    made = run(
        [(drawing, specs[stem].draw) for stem in missing]
        + [(write, downloads[year].job) for year in unwritten]
    )
    for stem, drawn in zip(missing, made[: len(missing)], strict=True):
        drawings.store(stem, specs[stem], drawn)
        found[stem] = drawn
    for year, files in zip(unwritten, made[len(missing) :], strict=True):
        downloads[year].done(files)
    files: dict[str, bytes] = {}
    for planned in downloads.values():
        files.update(planned.files)
    for stem in specs:
        year, name = stem.split("/")
        report = reports[int(year)]
        report.svgs[name] = found[stem]
        files.update(found[stem].files(report.figure_path(name)))  # wide and phone
    log.info(f"Figurer: {len(drawings.drawn)} ritade, {len(drawings.reused)} från cachen")
    return files


def run(calls: list[tuple[Callable, object]]) -> list:
    """[function(argument) for each call], in worker processes when there are many.

    Each worker imports only the modules of the functions it runs (drawing, workbooks),
    not the build's, and the build waits for them without holding matplotlib itself.
    """
    workers = min(WORKERS, os.cpu_count() or 1)
    if len(calls) < PARALLEL_FROM or workers < 2:
        return [function(argument) for function, argument in calls]
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    # spawn, not fork: `mkdocs serve` runs threads, and a forked child copies them badly.
    with ProcessPoolExecutor(workers, mp_context=get_context("spawn")) as pool:
        futures = [pool.submit(function, argument) for function, argument in calls]
        return [future.result() for future in futures]
