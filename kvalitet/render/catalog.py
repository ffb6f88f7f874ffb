"""The data page: every dataset with what it holds, the section it feeds, its columns and
units, and its downloads."""

from __future__ import annotations

import re

from markupsafe import Markup

from kvalitet.model.dataset import Dataset
from kvalitet.model.descriptor import JsonSchema, TableSchema
from kvalitet.model.edition import Edition
from kvalitet.output.downloads import download_path, zip_path
from kvalitet.render.html_table import Cell, RowGroup, TableSpec, render_table
from kvalitet.render.sources import PageLinks
from kvalitet.render.views import field_format

# What a field holds, in Swedish, for each way it is shown (`views.field_format`).
HOLDS = {
    "antal": "antal (heltal)",
    "kr": "belopp i kronor (heltal)",
    "procent": "andel i procent (0–100)",
    "tal": "tal",
    "janej": "ja eller nej",
    "text": "text",
}


def _kind(kind: str, unit: str | None, enum: list | None, format: str | None) -> str:
    """What a field holds, in Swedish, from its description."""
    if enum:
        return "ett av: " + ", ".join(str(value) for value in enum)
    if kind == "array":
        return "lista"
    if format == "brak":
        return "bråk, t.ex. 2/3"
    return HOLDS[field_format(kind, unit)]


def columns_of(dataset: Dataset) -> list[tuple[str, str, str]]:
    """(column or key, title, what it holds) of the dataset's file, from its description."""
    schema = dataset.resource.schema_
    if isinstance(schema, TableSchema):
        return [
            (f.name, f.title or "", _kind(f.type, f.unit, f.constraints.enum, f.format))
            for f in schema.fields
        ]
    return list(_keys(schema, ""))


def _keys(schema: JsonSchema, prefix: str):
    for name, child in schema.properties.items():
        path = f"{prefix}.{name}" if prefix else name
        if child.type == "object":
            yield from _keys(child, path)
        else:
            kind = _kind(child.type, child.unit, child.enum, child.format)
            yield path, child.title or "", kind


def section_links(nav_titles: dict[str, str]) -> dict[str, str]:
    """{"4.7": "underlag/uppfoljning-och-granskning/"} from the navigation's titles."""
    links = {}
    for title, url in nav_titles.items():
        match = re.match(r"^(\d+(?:\.\d+)?)\s", title)
        if match:
            links[match.group(1)] = url
    return links


def render_catalog(current: Edition, links: PageLinks, sections: dict[str, str]) -> Markup:
    """Markdown with HTML blocks: the ZIP link, then a heading and a section per dataset."""
    parts = [
        Markup(
            '<p class="kb-data__alla"><a href="{}">Ladda ner alla datafiler som ZIP</a> '
            "(CSV och Excel, med en förklarande textfil). För program finns en beskrivning av "
            'alla filer enligt standarden Frictionless Data Package: <a href="{}">datapackage.json</a>.</p>'
        ).format(
            links.to(zip_path(current.year)), links.to(f"data/{current.year}/datapackage.json")
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
                '<p>Ladda ner: <a href="{csv}">{name}.csv</a> · <a href="{xlsx}">{name}.xlsx</a></p>'
                "{table}</div>"
            ).format(
                name=dataset.name,
                description=dataset.description.rstrip("."),
                section=_section_html(dataset.section, sections, links),
                year=current.year,
                file=dataset.filename,
                csv=links.to(download_path(current.year, dataset.name, "csv")),
                xlsx=links.to(download_path(current.year, dataset.name, "xlsx")),
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
