"""One edition as the site shows it: its data, tables, figures, comparisons and links."""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from functools import cached_property, partial
from pathlib import Path

from babel.dates import format_date
from markupsafe import Markup

from kvalitet.model.descriptor import read_descriptor
from kvalitet.model.edition import Edition, PreviousYear, load_edition, load_previous
from kvalitet.model.problems import DataError, EditorError, did_you_mean, quoted_name
from kvalitet.output.pdf import pdf_name
from kvalitet.render.annotations import corrected
from kvalitet.render.catalog import render_catalog, section_links
from kvalitet.render.comparison import Comparisons
from kvalitet.render.figure_html import render_figure
from kvalitet.render.figures import Figures
from kvalitet.render.formatting import LOCALE, ShownAsIs
from kvalitet.render.key_figures import key_figures
from kvalitet.render.quality_plan import render_quality_plan
from kvalitet.render.sources import PageLinks, source_line
from kvalitet.render.tables import Tables
from kvalitet.render.views import ViewContext
from kvalitet.site.numbering import nav_pages, nav_titles, number_calls
from kvalitet.site.updated import GitDates

COMPARISON_MACROS = [
    "fjol",
    "okning",
    "minskning",
    "andring",
    "jamforelse",
    "forandring_i_ord",
    "riktning",
]
# Names a page of an edition can use besides its data files (see `variables` and `macros`),
# and the site's own macros.
VARIABLES = ["ar", "fjolar", "pdf_fil", "byggdatum"]
MACROS = [
    "tabell",
    "tabellnummer",
    "figur",
    "kvalitetsplan_per_process",
    "datakatalog",
    "rattat",
    "arets_siffror",
]
SITE_MACROS = ["hela_rapporten", "utgavor"]


def names_for_pages(root: Path, years: list[int]) -> dict[str, list[str]]:
    """The names pages can use, by folder (``"2019/"``; ``""`` for pages outside the
    editions, which see the latest), even when an edition's data has errors."""
    common = VARIABLES + MACROS + COMPARISON_MACROS + SITE_MACROS
    names = {}
    for year in years:
        try:
            descriptor = read_descriptor(root / "data" / str(year), f"data/{year}")
            files = [resource.name for resource in descriptor.package.resources]
        except DataError:
            files = []  # its own message says what is wrong
        names[f"{year}/"] = common + files
    names[""] = names[f"{years[0]}/"] if years else common
    return names


class KeptEditions:
    """The preview's editions between its builds (`make serve`), loaded again only when a
    file in data/ has changed: saving a page then rebuilds without reading and checking the
    data again (0.05 s). Nothing in a build changes an `Edition`."""

    def __init__(self):
        self.kept: dict[tuple[Path, int], tuple[Edition, PreviousYear]] = {}
        self.stamp: tuple = ()

    def load(self, data: Path, year: int) -> tuple[Edition, PreviousYear]:
        stamp = _stamp(data)
        if stamp != self.stamp:
            self.kept, self.stamp = {}, stamp
        if (data, year) not in self.kept:
            current = load_edition(data, year)  # a data error raises: nothing kept
            self.kept[(data, year)] = current, load_previous(data, current)
        return self.kept[(data, year)]


def _stamp(folder: Path) -> tuple:
    """Every file below `folder` with its time and size, which a save changes."""
    found = []
    for path in folder.rglob("*"):
        with contextlib.suppress(OSError):  # removed meanwhile
            stat = path.stat()
            found.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(sorted(found))


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
    pages: list[str]  # the edition's pages in reading order, e.g. "2019/syfte.md"
    drawable: set[str] = field(default_factory=set)  # the figures with all their values
    download_sizes: dict[str, int] = field(default_factory=dict)  # bytes, by site path
    placed_figures: set[tuple[str, str]] = field(default_factory=set)

    @classmethod
    def load(
        cls,
        config,
        root: Path,
        year: int,
        folder: str,
        git_dates: GitDates,
        kept: KeptEditions | None = None,
    ) -> Report:
        """One edition, its pages being the nav's pages under `folder` of the docs (e.g. 2019/);
        from `kept` (the preview's editions) when given.

        Raises `DataError` listing every problem in the edition's data.
        """
        if kept is not None:
            current, previous = kept.load(root / "data", year)
        else:
            current = load_edition(root / "data", year)
            previous = load_previous(root / "data", current)
        docs = Path(config["docs_dir"])
        pages = [page for page in nav_pages(config["nav"]) if page.startswith(folder)]
        titles = {
            title: url for title, url in nav_titles(config["nav"]).items() if url.startswith(folder)
        }
        links = PageLinks(edit_base=re.sub(r"docs/?$", "", config.get("edit_uri") or ""))
        comparisons = Comparisons(current, previous)
        context = ViewContext(current, previous, comparisons)
        return cls(
            root,
            current,
            previous,
            Tables(context, number_calls(docs, pages, "tabell", folder), links),
            comparisons,
            Figures(context),
            number_calls(docs, pages, "figur", folder),
            links,
            titles,
            git_dates,
            pages,
        )

    @cached_property
    def variables(self) -> dict[str, object]:
        """Variables for Markdown: one per data file, plus the years."""
        return {
            **self.current.values,
            "ar": ShownAsIs(self.current.year),
            "fjolar": ShownAsIs(self.previous.year),
            "pdf_fil": "../" + pdf_name(self.current.year),  # from the edition's folder
            "byggdatum": format_date(self.git_dates.build_date.date(), "d MMMM y", locale=LOCALE),
        }

    @property
    def macros(self) -> dict[str, object]:
        return {
            "tabell": self.tables.tabell,  # the names are listed in MACROS too
            "tabellnummer": self.tables.tabellnummer,
            "figur": self.figur,
            "kvalitetsplan_per_process": self.kvalitetsplan_per_process,
            "datakatalog": self.datakatalog,
            "rattat": partial(corrected, self.current, self.links),  # render/annotations.py
            "arets_siffror": partial(
                key_figures, self.current, self.tables.context, self.comparisons
            ),
            **self.comparisons.macros,
        }

    def data_files(self) -> dict[str, str]:
        """{name used in Markdown: data file path} for this edition and the previous year."""
        files = {d.name: f"data/{self.current.year}/{d.filename}" for d in self.current.datasets}
        for macro in COMPARISON_MACROS:
            files[macro] = f"data/{self.previous.year}"
        return files

    def figure_path(self, name: str) -> str:
        return f"figurer/{self.current.year}/{name}.svg"

    def figur(self, namn: str) -> Markup:
        """Place figure `namn`: numbered caption, image, description, data and data link."""
        namn = quoted_name(namn, "figur")
        if namn not in self.figures.builders:
            raise EditorError(
                f"det finns ingen figur »{namn}«.{did_you_mean(namn, self.figures.builders)} "
                f"Figurerna heter: {', '.join(sorted(self.figures.builders))}."
            )
        if (self.links.page_url, namn) in self.placed_figures:
            raise EditorError(f"figuren »{namn}« visas redan på den här sidan; visa den en gång.")
        self.placed_figures.add((self.links.page_url, namn))
        if namn not in self.drawable:  # a draft whose figure lacks values
            caption = self.figures.context.text(self.figures.views[namn].title)
            return Markup(
                '<figure class="kb-figur"><figcaption>Figur {}. {}</figcaption>'
                '<p class="kb-saknas">Figuren ritas när alla uppgifter är ifyllda.</p></figure>'
            ).format(self.figure_numbers.get(namn, ""), caption)
        spec = self.figures.spec(namn)
        source = source_line(self.current, self.previous, spec.files, self.links)
        src = self.links.to(self.figure_path(namn))
        return render_figure(spec, self.figure_numbers[namn], src, source)

    def datakatalog(self) -> Markup:
        """The data page: every dataset with its columns, units and downloads."""
        sections = section_links(self.nav_titles)
        return render_catalog(self.current, self.links, sections, self.download_sizes)

    def kvalitetsplan_per_process(self, namn: str) -> Markup:
        """A quality plan (data file `namn`): a heading and a table per process, with the
        filter form."""
        if namn not in self.current.values:
            raise EditorError(
                f"det finns ingen datafil »{namn}«.{did_you_mean(namn, self.current.values)}"
            )
        plan = self.current.values[namn]
        schema = self.current.dataset(namn).resource.schema_
        groups = schema.properties["processer"].items.properties["risker"].items.properties["grupp"]
        return Markup(render_quality_plan(plan, list(groups.enum or [])))
