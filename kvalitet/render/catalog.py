"""The data page: every dataset with what it holds, the section it feeds, its columns and
units, and its downloads."""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction
from typing import Literal, get_args, get_origin

from markupsafe import Markup
from pydantic import BaseModel

from kvalitet.model.dataset import Dataset
from kvalitet.model.edition import Edition
from kvalitet.model.schema import _plain_types
from kvalitet.output.downloads import download_path, zip_path
from kvalitet.render.html_table import Cell, RowGroup, TableSpec, render_table
from kvalitet.render.sources import PageLinks


def unit_of(annotation) -> str:
    """What a field holds, in Swedish, from its type."""
    if get_origin(annotation) is Literal:
        return "ett av: " + ", ".join(str(a) for a in get_args(annotation))
    if get_origin(annotation) is list:
        return "lista"
    types = _plain_types(annotation)
    if any(isinstance(t, type) and issubclass(t, BaseModel) for t in types):
        return "grupp av uppgifter"
    if bool in types:
        return "ja eller nej"
    if int in types:
        return "antal (heltal)"
    if Decimal in types:
        return "andel i procent (0–100)"
    if Fraction in types:
        return "bråk, t.ex. 2/3"
    return "text"


def columns_of(dataset: Dataset) -> list[tuple[str, str]]:
    """(column or key, unit) for the dataset's file as offered for download."""
    if dataset.is_csv:
        return [(name, unit_of(f.annotation)) for name, f in dataset.model.model_fields.items()]
    return list(_keys(dataset.model, ""))


def _keys(model: type[BaseModel], prefix: str):
    for name, field in model.model_fields.items():
        path = f"{prefix}.{name}" if prefix else name
        nested = [
            t
            for t in _plain_types(field.annotation)
            if isinstance(t, type) and issubclass(t, BaseModel)
        ]
        if nested and get_origin(field.annotation) is not list:
            yield from _keys(nested[0], path)
        else:
            yield path, unit_of(field.annotation)


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
        rows = [[Cell(name), Cell(unit)] for name, unit in columns_of(dataset)]
        spec = TableSpec(["Kolumn eller uppgift", "Innehåll"], [RowGroup(rows)])
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
