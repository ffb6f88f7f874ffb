"""The data page: every dataset with what it holds, the section it feeds, its columns and
units, and its downloads."""

from __future__ import annotations

import re

from markupsafe import Markup

from kvalitet.model.edition import Edition
from kvalitet.output.describe import columns_of
from kvalitet.output.downloads import LABELS, download_path, zip_path
from kvalitet.render.html_table import Cell, RowGroup, TableSpec, render_table
from kvalitet.render.sources import PageLinks


def section_links(nav_titles: dict[str, str]) -> dict[str, str]:
    """{"4.7": "underlag/uppfoljning-och-granskning/"} from the navigation's titles."""
    links = {}
    for title, url in nav_titles.items():
        match = re.match(r"^(\d+(?:\.\d+)?)\s", title)
        if match:
            links[match.group(1)] = url
    return links


def render_catalog(
    current: Edition, links: PageLinks, sections: dict[str, str], sizes: dict[str, int]
) -> Markup:
    """Markdown with HTML blocks: the ZIP link, then a heading and a section per dataset;
    `sizes` ({site path: bytes}) of the downloads written in this build."""

    def download(path: str, suffix: str) -> Markup:
        """ "klagomal.xlsx – Excel (för kalkylprogram), 6 kB": the file, its use, its size."""
        size = f", {size_text(sizes[path])}" if path in sizes else ""
        return Markup('<a href="{}">{}</a> – {}{}').format(
            links.to(path), path.rsplit("/", 1)[-1], LABELS[suffix], size
        )

    everything = zip_path(current.year)
    parts = [
        Markup(
            '<p class="kb-data__alla">Varje datafil finns som Excel-fil, för den som vill '
            "öppna datan i ett kalkylprogram (svenska rubriker med enhet, källa och ett blad "
            "»Om datan«), och som CSV-fil för maskinläsning (UTF-8, kommatecken mellan "
            "kolumnerna, decimalpunkt, datans egna nycklar som rubriker).</p>"
            "<p>Ladda ner alla datafiler på en gång: {}. För program beskrivs alla filer i "
            '<a href="{}">datapackage.json</a> enligt standarden Frictionless Data Package.</p>'
        ).format(
            download(everything, "zip"),
            links.to(f"data/{current.year}/datapackage.json"),
        )
    ]
    for dataset in current.datasets:
        rows = [[Cell(name), Cell(title), Cell(kind)] for name, title, kind in columns_of(dataset)]
        spec = TableSpec(["Kolumn eller uppgift", "Rubrik", "Innehåll"], [RowGroup(rows)])
        table = render_table(
            f"data-{dataset.name.replace('_', '-')}", f"Kolumner i {dataset.name}", spec, None
        )
        parts.append(Markup("## {}").format(dataset.name))
        parts.append(
            Markup(
                '<div class="kb-data__fil">'
                "<p>{description}. Används i {section}. Källfil: <code>data/{year}/{file}</code>.</p>"
                '<p>Ladda ner:</p><ul class="kb-data__filer"><li>{xlsx}</li><li>{csv}</li></ul>'
                "{table}</div>"
            ).format(
                name=dataset.name,
                description=dataset.description.rstrip("."),
                section=_section_html(dataset.section, sections, links),
                year=current.year,
                file=dataset.filename,
                csv=download(download_path(current.year, dataset.name, "csv"), "csv"),
                xlsx=download(download_path(current.year, dataset.name, "xlsx"), "xlsx"),
                table=table,
            )
        )
    return Markup("\n\n").join(parts) + Markup("\n")


def _section_html(section: str, sections: dict[str, str], links: PageLinks) -> Markup:
    pieces = []
    for part in re.split(r"\s+och\s+", section):
        url = sections.get(part)
        label = f"avsnitt {part}" if re.match(r"^\d", part) else part.lower()
        pieces.append(
            Markup('<a href="{}">{}</a>').format(links.to(url), label)
            if url
            else Markup("{}").format(label)
        )
    return Markup(" och ").join(pieces)


def size_text(size: int) -> str:
    """ "6 kB", "1,2 MB": a download's size in bytes, as the data page states it."""
    if size < 1_000_000:
        return f"{max(1, round(size / 1000))}\u00a0kB"
    return f"{size / 1_000_000:.1f}\u00a0MB".replace(".", ",")
