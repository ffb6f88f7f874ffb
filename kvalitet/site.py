"""What the website needs from the package, loaded once per build.

`load_report` reads the report year from ``mkdocs.yml`` (``extra.rapportar``), loads and
validates that year's data and the previous year's, and prepares tables and comparisons.
Any data problem stops the build with every problem listed in Swedish.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from jinja2.filters import FILTERS as JINJA_FILTERS
from markupsafe import Markup
from mkdocs.exceptions import PluginError

from .comparison import Comparisons
from .edition import Edition, PreviousYear, load_edition, load_previous
from .formatting import FILTERS
from .numbering import nav_pages, number_calls
from .personal_data import find_in_folders
from .problems import DataError, Problem
from .quality_plan import render_quality_plan
from .tables import Tables
from .template_errors import explain, read_source, undefined_class

YEAR_SETTING = "rapportar"


@dataclass
class Report:
    current: Edition
    previous: PreviousYear
    tables: Tables
    comparisons: Comparisons

    @property
    def variables(self) -> dict[str, object]:
        """Variables for Markdown: one per data file, plus the years."""
        return {**self.current.values, "ar": self.current.year, "fjolar": self.previous.year}

    @property
    def macros(self) -> dict[str, object]:
        return {
            "tabell": self.tables.tabell,
            "tabellnummer": self.tables.tabellnummer,
            "kvalitetsplan_per_process": self.kvalitetsplan_per_process,
            **self.comparisons.macros,
        }

    def kvalitetsplan_per_process(self) -> Markup:
        """Chapter 7: a heading and a table per process, with the filter form."""
        return Markup(render_quality_plan(self.current.values["kvalitetsplan"]))


def load_report(config) -> Report:
    """Load the edition named by ``extra.rapportar`` in `config` (the MkDocs config)."""
    root = Path(config["config_file_path"]).parent
    year = config["extra"].get(YEAR_SETTING)
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
    try:
        current = load_edition(root / "data", year)
        previous = load_previous(root / "data", current)
    except DataError as error:
        raise PluginError(str(error)) from None
    numbers = number_calls(Path(config["docs_dir"]), nav_pages(config["nav"]))
    return Report(
        current, previous, Tables(current, previous, numbers), Comparisons(current, previous)
    )


def fail_page(error: Exception, markdown: str, page) -> NoReturn:
    """Stop the build with a Swedish message naming the page and line of `error`."""
    filters = list(FILTERS) + list(JINJA_FILTERS)
    source = read_source(getattr(page.file, "abs_src_path", None))
    raise PluginError(explain(error, markdown, page.file.src_path, source, filters)) from None


def strict_swedish_undefined(known_names: list[str]):
    return undefined_class(sorted(known_names))
