"""Source lines under tables and figures, linking to the data files on the site."""

from __future__ import annotations

from pathlib import PurePosixPath

from markupsafe import Markup

from .downloads import download_path
from .edition import JAMFORELSETAL, Edition, PreviousYear


class PageLinks:
    """Relative links from the page being rendered (MkDocs uses directory URLs)."""

    def __init__(self) -> None:
        self.page_url = ""

    def set_page(self, url: str | None) -> None:
        self.page_url = url or ""

    def to(self, target: str) -> str:
        return "../" * self.page_url.count("/") + target


def source_line(
    current: Edition, previous: PreviousYear, files: list[str], links: PageLinks
) -> Markup:
    """ "Källa: Kvalitetsberättelse 2019, Omsorgsenheten, Nacka kommun. Data: klagomal.csv." """
    rapport = current.values["rapport"]
    anchors = []
    for name in files:
        year = previous.year if name == JAMFORELSETAL else current.year
        stem = PurePosixPath(name).stem
        anchors.append(
            Markup('<a href="{}">{}</a> (<a href="{}">Excel</a>)').format(
                links.to(download_path(year, stem, "csv")),
                f"{stem}.csv" if year == current.year else f"{stem}.csv för {year}",
                links.to(download_path(year, stem, "xlsx")),
            )
        )
    return (
        Markup("Källa: {} {}, {}, {}. Data: ").format(
            rapport.titel, current.year, rapport.enhet, rapport.kommun
        )
        + Markup(", ").join(anchors)
        + Markup(".")
    )
