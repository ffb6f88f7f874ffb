"""What the website needs from the package, loaded once per build.

`load_report` reads the report year from ``mkdocs.yml`` (``extra.rapportar``), loads and
validates that year's data and the previous year's, and prepares tables, figures and
comparisons. Any data problem stops the build with every problem listed in Swedish.

The loaded reports are kept for the build, so that the MkDocs hooks (which add the
generated figures and downloads to the site) use the same data as the pages.

Earlier editions can stay on the site: pages under ``docs/arkiv/<year>/`` (the same layout
as the main pages) are rendered with that year's data. `active()` is the report of the page
being rendered, and the registered macros call into it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, wraps
from pathlib import Path
from typing import NoReturn

from babel.dates import format_date
from jinja2.filters import FILTERS as JINJA_FILTERS
from markupsafe import Markup
from mkdocs.exceptions import PluginError

from .catalog import render_catalog, section_links
from .comparison import Comparisons
from .direction_words import contradictions
from .downloads import generated_downloads
from .edition import Edition, PreviousYear, load_edition, load_previous
from .figure_html import render_figure
from .figure_render import SvgCache
from .figures import Figures
from .formatting import FILTERS, LOCALE
from .numbering import nav_pages, nav_titles, number_calls
from .pdf import pdf_name
from .personal_data import find_in_folders
from .problems import DataError, EditorError, Problem, did_you_mean
from .quality_plan import render_quality_plan
from .sources import PageLinks, source_line
from .tables import Tables
from .template_errors import explain, front_matter_lines, read_source, undefined_class
from .updated import GitDates
from .whole_report import assemble

YEAR_SETTING = "rapportar"
ARCHIVE = "arkiv"
log = logging.getLogger("mkdocs.plugins.kvalitet")
_reports: dict[int, Report] = {}  # this build's editions, the main one first
_active: Report | None = None


def main() -> Report:
    """The edition named in mkdocs.yml."""
    if not _reports:
        raise PluginError(
            "Rapportens data är inte inläst (mkdocs-macros måste köras före krokarna)."
        )
    return next(iter(_reports.values()))


def reports() -> list[Report]:
    """Every edition on the site: the main one, then the archived ones."""
    main()
    return list(_reports.values())


def active() -> Report:
    """The report of the page being rendered (the main one between pages)."""
    return _active or main()


def report_for(src_uri: str) -> Report:
    """The edition a page shows: ``arkiv/2018/...`` shows 2018, every other page the main."""
    year = archive_year(src_uri)
    return _reports[year] if year in _reports else main()


def enter_page(src_uri: str) -> Report:
    global _active
    _active = report_for(src_uri)
    return _active


def archive_year(src_uri: str) -> int | None:
    parts = src_uri.split("/")
    if len(parts) > 2 and parts[0] == ARCHIVE and parts[1].isdigit():
        return int(parts[1])
    return None


def dispatch(name: str, example: Callable) -> Callable:
    """A macro that runs `name` of the page's own edition."""

    @wraps(example)
    def macro(*args, **kwargs):
        return active().macros[name](*args, **kwargs)

    return macro


@dataclass
class Report:
    root: Path
    current: Edition
    previous: PreviousYear
    tables: Tables
    comparisons: Comparisons
    figures: Figures
    figure_numbers: dict[str, int]
    links: PageLinks
    nav_titles: dict[str, str]
    git_dates: GitDates
    svgs: dict[str, bytes] = field(default_factory=dict)
    placed_figures: set[tuple[str, str]] = field(default_factory=set)

    @cached_property
    def variables(self) -> dict[str, object]:
        """Variables for Markdown: one per data file, plus the years."""
        return {
            **self.current.values,
            "ar": self.current.year,
            "fjolar": self.previous.year,
            "pdf_fil": pdf_name(self.current.year),
            "byggdatum": format_date(self.git_dates.build_date.date(), "d MMMM y", locale=LOCALE),
        }

    @property
    def macros(self) -> dict[str, object]:
        return {
            "tabell": self.tables.tabell,
            "tabellnummer": self.tables.tabellnummer,
            "figur": self.figur,
            "kvalitetsplan_per_process": self.kvalitetsplan_per_process,
            "datakatalog": self.datakatalog,
            **self.comparisons.macros,
        }

    def data_files(self) -> dict[str, str]:
        """{name used in Markdown: data file path} for this edition and the previous year."""
        files = {d.name: f"data/{self.current.year}/{d.filename}" for d in self.current.datasets}
        comparisons = [
            "fjol",
            "okning",
            "minskning",
            "andring",
            "jamforelse",
            "forandring_i_ord",
            "riktning",
        ]
        for macro in comparisons:
            files[macro] = f"data/{self.previous.year}"
        return files

    def figure_path(self, name: str) -> str:
        return f"figurer/{self.current.year}/{name}.svg"

    def figur(self, namn: str) -> Markup:
        """Place figure `namn`: numbered caption, image, description, data and data link."""
        if namn not in self.figures.builders:
            raise EditorError(
                f"det finns ingen figur »{namn}«.{did_you_mean(namn, self.figures.builders)} "
                f"Figurerna heter: {', '.join(sorted(self.figures.builders))}."
            )
        if (self.links.page_url, namn) in self.placed_figures:
            raise EditorError(f"figuren »{namn}« visas redan på den här sidan; visa den en gång.")
        self.placed_figures.add((self.links.page_url, namn))
        spec = self.figures.spec(namn)
        source = source_line(self.current, self.previous, spec.files, self.links)
        src = self.links.to(self.figure_path(namn))
        return render_figure(spec, self.figure_numbers[namn], src, self.svgs[namn], source)

    def datakatalog(self) -> Markup:
        """The data page: every dataset with its columns, units and downloads."""
        return render_catalog(self.current, self.links, section_links(self.nav_titles))

    def kvalitetsplan_per_process(self) -> Markup:
        """Chapter 7: a heading and a table per process, with the filter form."""
        return Markup(render_quality_plan(self.current.values["kvalitetsplan"]))


def generated_files() -> dict[str, bytes]:
    """Files the build adds to the site for every edition: each dataset as CSV, Excel and
    ZIP, and each figure as SVG (drawn only when its data or code changed)."""
    files: dict[str, bytes] = {}
    specs, problems = {}, []
    for report in reports():
        year = report.current.year
        cache = report.root / ".cache" / "nedladdningar"
        files.update(generated_downloads(report.current, report.previous, cache))
        for name, build in report.figures.builders.items():
            try:
                specs[f"{year}/{name}"] = build()
            except EditorError as error:
                edition = f" ({year})" if year != main().current.year else ""
                problems.append(f"Figuren »{name}«{edition} kan inte ritas: {error}")
    if problems:
        raise PluginError("\n".join(problems) + "\nBygget avbröts så att ingen figur saknas.")
    cache = SvgCache(main().root / ".cache" / "figurer")
    for stem, svg in cache.svgs(specs).items():
        year, name = stem.split("/")
        report = _reports[int(year)]
        report.svgs[name] = files[report.figure_path(name)] = svg
    log.info(f"Figurer: {len(cache.drawn)} ritade, {len(cache.reused)} från cachen")
    return files


def load_report(config) -> Report:
    """Load the edition named by ``extra.rapportar`` in `config` (the MkDocs config), and
    each archived edition under ``docs/arkiv/<year>/``; return the main one."""
    root = Path(config.get("config_file_path") or Path.cwd() / "mkdocs.yml").parent
    year = config["extra"].get(YEAR_SETTING)
    if isinstance(year, str) and year.strip().isdigit():  # from the KVALITET_AR variable
        year = int(year)
    if isinstance(year, bool) or not isinstance(year, int):
        problem = Problem(
            "mkdocs.yml",
            f"inställningen extra.{YEAR_SETTING} ska vara rapportåret.",
            found=year,
            expected="ett årtal, t.ex. 2019",
        )
        raise PluginError(str(DataError([problem])))
    personal = find_in_folders(root, ["docs", "data"])
    if personal:
        raise PluginError(str(DataError(personal, subject="Texterna och datan")))
    docs = Path(config["docs_dir"])
    archive = docs / ARCHIVE
    archived = sorted(
        int(folder.name)
        for folder in (archive.iterdir() if archive.is_dir() else [])
        if folder.is_dir() and folder.name.isdigit() and int(folder.name) != year
    )
    global _active
    _active = None
    _reports.clear()
    git_dates = GitDates(root)
    for edition_year in [year, *archived]:
        folder = "" if edition_year == year else f"{ARCHIVE}/{edition_year}/"
        _reports[edition_year] = _load_edition(config, root, edition_year, folder, git_dates)
    return main()


def _load_edition(config, root: Path, year: int, folder: str, git_dates: GitDates) -> Report:
    """One edition, its pages being the nav's pages under `folder` of the docs."""
    try:
        current = load_edition(root / "data", year)
        previous = load_previous(root / "data", current)
    except DataError as error:
        raise PluginError(str(error)) from None
    docs = Path(config["docs_dir"])
    pages = [folder + page for page in nav_pages(config["nav"])]
    titles = {title: folder + url for title, url in nav_titles(config["nav"]).items()}
    links = PageLinks(edit_base=re.sub(r"docs/?$", "", config.get("edit_uri") or ""))
    comparisons = Comparisons(current, previous)
    others = [] if folder else [ARCHIVE]  # the main numbering leaves the archive out
    return Report(
        root,
        current,
        previous,
        Tables(current, previous, number_calls(docs, pages, "tabell", folder, others), links),
        comparisons,
        Figures(current, previous, comparisons),
        number_calls(docs, pages, "figur", folder, others),
        links,
        titles,
        git_dates,
    )


def whole_report(env) -> Markup:
    """The page "Hela rapporten": every chapter rendered with the same data, in order."""
    filters = list(FILTERS) + list(JINJA_FILTERS)

    def render(page: str, body: str, source: str) -> str:
        _check_directions(body, page, source)  # the same check as on the chapter's own page
        try:
            return env.env.from_string(body).render(**env.variables)
        except PluginError:
            raise
        except Exception as error:  # named by the chapter's own file and line
            raise PluginError(explain(error, body, page, source, filters)) from None

    return Markup(assemble(Path(env.conf["docs_dir"]), nav_pages(env.conf["nav"]), render))


def fail_page(error: Exception, markdown: str, page) -> NoReturn:
    """Stop the build with a Swedish message naming the page and line of `error`."""
    if isinstance(error, PluginError):
        raise error
    filters = list(FILTERS) + list(JINJA_FILTERS)
    source = read_source(getattr(page.file, "abs_src_path", None))
    raise PluginError(explain(error, markdown, page.file.src_path, source, filters)) from None


def check_direction_words(markdown: str, page) -> None:
    """Stop the build where a hand-typed ökning/minskning contradicts the data."""
    source = read_source(getattr(page.file, "abs_src_path", None))
    _check_directions(markdown, page.file.src_path, source)


def _check_directions(markdown: str, src_path: str, source: str | None) -> None:
    found = contradictions(markdown, active().comparisons)
    if found:
        offset = front_matter_lines(markdown, source)
        raise PluginError(
            "\n".join(
                f"Fel på sidan docs/{src_path}, rad {line + offset}: {message}"
                for line, message in found
            )
            + "\nBygget avbröts så att ingen sida säger emot sina siffror."
        )


def strict_swedish_undefined(known_names: list[str]):
    return undefined_class(sorted(known_names))
