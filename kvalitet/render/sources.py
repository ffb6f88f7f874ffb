"""Source lines under tables and figures, linking to the data files on the site."""

from __future__ import annotations

from pathlib import PurePosixPath

from markupsafe import Markup

from kvalitet.model import provenance
from kvalitet.model.edition import JAMFORELSETAL, Edition, PreviousYear
from kvalitet.output.downloads import download_path


class PageLinks:
    """Relative links from the page being rendered (MkDocs uses directory URLs), and links
    to edit a file of the repository on GitHub (shown in the preview only)."""

    def __init__(self, edit_base: str = "") -> None:
        self.page_url = ""
        self.edit_base = edit_base  # e.g. https://github.com/org/repo/edit/main/

    def set_page(self, url: str | None) -> None:
        self.page_url = url or ""

    def to(self, target: str) -> str:
        return "../" * self.page_url.count("/") + target


def source_line(
    current: Edition, previous: PreviousYear, files: list[str], links: PageLinks
) -> Markup:
    """ "Källa: Kvalitetsberättelse 2019, Omsorgsenheten, Nacka kommun. Data: klagomal.xlsx
    (Excel, för kalkylprogram) och klagomal.csv (CSV, för maskinläsning)." """
    anchors = []
    for name in files:
        year = previous.year if name == JAMFORELSETAL else current.year
        stem = PurePosixPath(name).stem
        of_year = "" if year == current.year else f" för {year}"
        anchors.append(  # which to pick: Excel for people, CSV for programs
            Markup(
                '<a href="{}">{}.xlsx</a>{} (Excel, för kalkylprogram) och '
                '<a href="{}">{}.csv</a>{} (CSV, för maskinläsning)'
            ).format(
                links.to(download_path(year, stem, "xlsx")),
                stem,
                of_year,
                links.to(download_path(year, stem, "csv")),
                stem,
                of_year,
            )
        )
    package = current.descriptor.package
    line = Markup("Källa: {}, {}. Data: ").format(package.title, package.publisher)
    line += Markup(", ").join(anchors) + Markup(".")
    if links.edit_base and provenance.requested():  # for editors: only in the preview
        sources = []
        for name in files:
            year = previous.year if name == JAMFORELSETAL else current.year
            path = f"data/{year}/{_source_file(current, name)}"
            sources.append(Markup('<a href="{}">{}</a>').format(links.edit_base + path, path))
        # A span of its own: editing the data is for the website, not for paper (print.css).
        edit = Markup("Ändra datan: ") + Markup(", ").join(sources) + Markup(".")
        line += Markup(' <span class="kb-andra-datan">{}</span>').format(edit)
    return line


def _source_file(current: Edition, name: str) -> str:
    """The file in data/ a download is made from: "klagomal.csv", "rattssakerhet.yaml"."""
    if name == JAMFORELSETAL:
        return name
    stem = PurePosixPath(name).stem
    return next((d.filename for d in current.datasets if d.name == stem), name)
