"""What a reader of a download needs to know, in Swedish, from the edition's description.

The data page, the Excel files and their sheet »Om datan« describe the data the same way:
each column or key with its title (``title`` in datapackage.yaml), its unit and what it
holds; a path such as ``mottagningar.minimaria.andel_man`` by the titles along it; a
section of the report by its number, title and page on the site.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kvalitet.model.dataset import Dataset, RowSet
from kvalitet.model.descriptor import JsonSchema, TableSchema
from kvalitet.model.edition import Edition
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
# The unit a download states beside a value, for each way it is shown.
UNITS = {"antal": "antal", "kr": "kr", "procent": "procent"}
PATH = re.compile(r"^[a-z_][a-z0-9_]*(\.[a-z0-9_]+)+$")


def holds(kind: str, unit: str | None, enum: list | None = None, format: str | None = None) -> str:
    """What a field holds, in Swedish, from its description."""
    if enum:
        return "ett av: " + ", ".join(str(value) for value in enum)
    if kind == "array":
        return "lista"
    if format == "brak":
        return "bråk, t.ex. 2/3"
    return HOLDS[field_format(kind, unit)]


def shown_as(kind: str, unit: str | None, format: str | None = None) -> str:
    """antal, kr, procent, tal, janej or text; a fraction (``brak``) is text."""
    return "text" if format == "brak" else field_format(kind, unit)


def columns_of(dataset: Dataset) -> list[tuple[str, str, str]]:
    """(column or key, title, what it holds) of the dataset's file, from its description."""
    schema = dataset.resource.schema_
    if isinstance(schema, TableSchema):
        return [
            (f.name, f.title or "", holds(f.type, f.unit, f.constraints.enum, f.format))
            for f in schema.fields
        ]
    return list(_keys(schema, ""))


def _keys(schema: JsonSchema, prefix: str):
    for name, child in schema.properties.items():
        path = f"{prefix}.{name}" if prefix else name
        if child.type == "object":
            yield from _keys(child, path)
        else:
            yield path, child.title or "", holds(child.type, child.unit, child.enum, child.format)


# --- paths such as mottagningar.minimaria.andel_man -------------------------------------


@dataclass(frozen=True)
class PathTitle:
    title: str  # "Kunder per mottagning och kön: MiniMaria, andel män"
    shown: str  # antal, kr, procent, tal, janej or text


def path_title(edition: Edition, path: str) -> PathTitle | None:
    """The titles along `path`, or None when it is not a path into the edition's data."""
    if not PATH.match(path):
        return None
    name, *rest = path.split(".")
    if name not in edition.values:
        return None
    resource = edition.dataset(name).resource
    schema = resource.schema_
    titles, shown = [], "tal"
    if isinstance(schema, TableSchema):
        rows = edition.values[name]
        keys = rows.keys() if isinstance(rows, RowSet) else []
        if rest and rest[0] in keys:
            titles.append(_row_label(getattr(rows, rest[0]), schema))
            rest = rest[1:]
            fields = {f.name: f for f in schema.fields}
            if rest and rest[0] in fields:
                field = fields[rest[0]]
                titles.append(field.title or field.name)
                shown, rest = shown_as(field.type, field.unit, field.format), rest[1:]
            elif rest:
                label, shown = _derived(rest[0], schema.derived, fields)
                titles.append(label)
                rest = rest[1:]
        elif rest:
            label, shown = _derived(rest[0], resource.derived, {})
            titles.append(label)
            rest = rest[1:]
    else:
        node = schema
        while rest and rest[0] in node.properties:
            node = node.properties[rest.pop(0)]
            titles.append(node.title or "")
            shown = shown_as(node.type, node.unit, node.format)
        if rest:
            label, shown = _derived(rest[0], {**resource.derived, **node.derived}, node.properties)
            titles.append(label)
            rest = rest[1:]
    if rest:
        return None
    return PathTitle(f"{resource.title}: {', '.join(t for t in titles if t)}", shown)


def _row_label(row, schema: TableSchema) -> str:
    keys = schema.primaryKey if isinstance(schema.primaryKey, list) else [schema.primaryKey]
    for field in schema.fields:
        value = getattr(row, field.name, None)
        if field.name not in keys and isinstance(value, str) and value.strip():
            return value
    return ""


def _derived(name: str, derived: dict[str, str], fields: dict) -> tuple[str, str]:
    """A derived value has no title; a share (``andel(man, kunder)``) is named by its part."""
    share = re.match(r"^\s*andel\(\s*(\w+)\s*,", derived.get(name, ""))
    part = fields.get(share[1]) if share else None
    if part is not None and part.title:
        return f"andel {part.title[0].lower()}{part.title[1:]}", "procent"
    return name.replace("_", " "), "tal"


# --- sections and their pages ------------------------------------------------------------


def section_pages(nav_titles: dict[str, str]) -> dict[str, tuple[str, str]]:
    """{"4.7": ("4.7 Uppföljning och granskning", "2019/underlag/…/")} from the menu,
    and the titled pages by their title ("Om webbversionen")."""
    pages = {}
    for title, url in nav_titles.items():
        match = re.match(r"^(\d+(?:\.\d+)?)\s", title)
        pages[match[1] if match else title] = (title, url)
    return pages


def section_text(section: str, pages: dict[str, tuple[str, str]]) -> str:
    """ "avsnitt 4.3 Kundenkäter", "avsnitt 4.9 Avvikelser och 4.10 Annan tillsyn",
    "kapitel 7 Uppföljning kvalitetsplan", "startsidan"."""
    parts = re.split(r"\s+och\s+", section)
    if section in pages and not section[0].isdigit():  # "sidan Om webbversionen"
        return f"sidan {section}"
    if not all(re.match(r"^\d", part) for part in parts):
        return section[0].lower() + section[1:]
    named = [pages.get(part, (part, ""))[0] for part in parts]
    word = "avsnitt" if "." in parts[0] else "kapitel"
    return f"{word} {' och '.join(named)}"


def section_urls(section: str, pages: dict[str, tuple[str, str]], home: str) -> list[str]:
    """The site addresses of the pages a section is on (5.4 is on chapter 5's page)."""
    urls = []
    for part in re.split(r"\s+och\s+", section):
        found = pages.get(part) or pages.get(part.split(".")[0])
        url = found[1] if found else home if part == "Startsidan" else None
        if url is not None and url not in urls:
            urls.append(url)
    return urls
