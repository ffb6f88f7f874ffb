"""Files the build adds to the site for every edition: each dataset as CSV, Excel and ZIP,
and each figure as SVG (drawn only when its data or code changed)."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError

from kvalitet.model.problems import EditorError
from kvalitet.output.downloads import generated_downloads
from kvalitet.render.figure_render import SvgCache
from kvalitet.site.report import Report

log = logging.getLogger("mkdocs.plugins.kvalitet")


def generated_files(reports: dict[int, Report], cache: Path, site_url: str) -> dict[str, bytes]:
    """{path in the site: content} for `reports`, reusing what `cache` already holds."""
    files: dict[str, bytes] = {}
    specs, problems = {}, []
    for report in reports.values():
        year = report.current.year
        files.update(
            generated_downloads(
                report.current,
                report.previous,
                cache / "nedladdningar",
                report.nav_titles,
                site_url,
            )
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
    for stem, drawing in drawings.svgs(specs).items():
        year, name = stem.split("/")
        report = reports[int(year)]
        report.svgs[name] = drawing
        files.update(drawing.files(report.figure_path(name)))  # wide and phone
    log.info(f"Figurer: {len(drawings.drawn)} ritade, {len(drawings.reused)} från cachen")
    return files
