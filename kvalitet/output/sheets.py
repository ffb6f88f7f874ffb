"""Each dataset as rows for its CSV file and as a described sheet for its Excel file.

A CSV file keeps the keys of the data (``mycket_nojd``) for machines. A YAML file becomes
one row per value, ``uppgift`` (its path, as in Markdown) and ``varde``; a YAML file that is
one list of records (the quality plan) a row per innermost record. A value that is a path
into the data (a correction's ``mottagningar.minimaria.andel_man``) is shown as the value
it points to, rounded as the site shows it, with what it is (``…_avser``).
"""

from __future__ import annotations

from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from pydantic import BaseModel

from kvalitet.model.dataset import Dataset, RowSet
from kvalitet.model.descriptor import JsonSchema
from kvalitet.model.edition import Edition, PreviousYear
from kvalitet.model.problems import EditorError
from kvalitet.model.small_counts import ALSO_HIDDEN_TEXT, HIDDEN_TEXT
from kvalitet.output.describe import (
    UNITS,
    path_title,
    section_pages,
    section_text,
    section_urls,
)
from kvalitet.output.leaves import (
    REFERS,
    Leaf,
    counted,
    from_table,
    item_fields,
    leaf_of,
    path_fields,
    what,
)
from kvalitet.output.rows import plain, record_columns, record_rows, single_list
from kvalitet.output.xlsx import Column, Sheet

SMALL_COUNTS_NOTE = (
    f"Regeln för små tal gäller: ett antal mellan 1 och 4 står som »{HIDDEN_TEXT}«, och ett "
    f"antal som annars skulle avslöja det tillsammans med summan står som »{ALSO_HIDDEN_TEXT}«."
)
HEADER_UNITS = {"procent": "procent", "kr": "kr"}  # shown in a header: »Mycket nöjd (procent)«


class Sheets:
    """The downloads' rows and sheets of one edition; `nav_titles` name its pages."""

    def __init__(self, edition: Edition, nav_titles: dict[str, str], site_url: str = ""):
        self.edition = edition
        self.pages = section_pages(nav_titles)
        self.site_url = site_url

    def of(self, dataset: Dataset) -> tuple[list[dict], Sheet]:
        """(rows of the CSV file, the Excel sheet) of `dataset`."""
        value = self.edition.values[dataset.name]
        if isinstance(value, RowSet):
            rows = [plain(row.model_dump(warnings=False)) for row in value.rows]  # drafts: MISSING
            fields = [from_table(f) for f in dataset.resource.schema_.fields]
            return rows, self._table(dataset, fields, rows)
        listed = single_list(type(value))
        if listed:  # a file that is one list of records, e.g. the quality plan: a row per leaf
            name, model = listed
            rows = record_rows(getattr(value, name), model)
            described = item_fields(dataset.resource.schema_.properties[name])
            keys = list(rows[0]) if rows else record_columns(model)
            fields = [described.get(k) or Leaf(k, k, None, "text") for k in keys]
            rows, fields = self._paths_in_rows(rows, fields)
            return rows, self._table(dataset, fields, rows)
        leaves = list(self._leaves(value, dataset.resource.schema_, "", ""))
        rows = [{"uppgift": leaf.key, "varde": leaf.value} for leaf in leaves]
        resource = dataset.resource
        return rows, self._flat(resource.title, resource.description, dataset, leaves)

    def stated(self, previous: PreviousYear) -> tuple[list[dict], Sheet]:
        """The previous year's values this year's report states (jamforelsetal.yaml)."""
        leaves = []
        for path, value in previous.stated.items():
            found = path_title(self.edition, path)
            shown = counted(found.shown if found else "tal", value)
            leaves.append(Leaf(path, found.title if found else path, plain(value), shown))
        rows = [{"uppgift": leaf.key, "varde": leaf.value} for leaf in leaves]
        title = f"Värden för {previous.year} som rapporten jämför med"
        return rows, self._flat(title, f"{title}, med samma sökvägar som i texten.", None, leaves)

    # --- sheets ------------------------------------------------------------------------

    def _table(self, dataset: Dataset, fields: list[Leaf], rows: list[dict]) -> Sheet:
        columns, seen = [], set()
        for field in fields:
            title = field.label or field.key
            unit = HEADER_UNITS.get(field.shown)
            header = f"{title} ({unit})" if unit else title
            header = f"{header} [{field.key}]" if header in seen else header
            seen.add(header)
            unit_word = UNITS.get(field.shown, "")
            columns.append(Column(field.key, header, unit_word, field.holds, field.meaning))
        cells = [[(row.get(f.key), f.shown) for f in fields] for row in rows]
        resource = dataset.resource
        sheet = Sheet(resource.title, self._source(resource.section), [], columns, cells)
        sheet.about = self._about(resource.title, resource.description, dataset)
        return sheet

    def _flat(self, title: str, description: str, dataset: Dataset | None, leaves) -> Sheet:
        columns = [
            Column("uppgift", "Uppgift", "", "uppgiftens rubrik"),
            Column("varde", "Värde", "", "värdet"),
            Column("", "Enhet", "", "procent, kr eller antal; tomt för text"),
        ]
        cells = [
            [(leaf.label, "text"), (leaf.value, leaf.shown), (UNITS.get(leaf.shown, ""), "text")]
            for leaf in leaves
        ]
        section = dataset.resource.section if dataset else ""
        source = (
            self._source(section)
            if dataset
            else self._source("").removesuffix(".") + (f": {title[0].lower()}{title[1:]}.")
        )
        described = [
            Column(leaf.key, leaf.label, UNITS.get(leaf.shown, ""), leaf.holds, leaf.meaning)
            for leaf in leaves
        ]
        sheet = Sheet(title, source, [], columns, cells, described, "Uppgift")
        sheet.about = self._about(title, description, dataset)
        return sheet

    def _source(self, section: str) -> str:
        package = self.edition.descriptor.package
        where = f", {section_text(section, self.pages)}" if section else ""
        return f"Källa: {package.title}, {package.publisher}{where}."

    def _about(self, title: str, description: str, dataset: Dataset | None) -> list:
        package, year = self.edition.descriptor.package, self.edition.year
        about: list[tuple[str, str]] = [("Titel", title), ("Beskrivning", description)]
        if dataset:
            text = section_text(dataset.resource.section, self.pages)
            about.append(("Avsnitt i rapporten", text[0].upper() + text[1:]))
            urls = section_urls(dataset.resource.section, self.pages, f"{year}/")
            base = self.site_url.rstrip("/") + "/" if self.site_url else ""
            for url in urls:
                where = "" if base else " (adressen inom webbplatsen)"
                about.append(("Sida på webbplatsen", f"{base}{url}{where}"))
        source = self._source(dataset.resource.section if dataset else "")
        about.append(("Källa", source.removeprefix("Källa: ")))
        about.append(("Utgivare", package.publisher))
        if dataset and dataset.small_counts:
            about.append(("Regeln för små tal", SMALL_COUNTS_NOTE))
        if dataset is None or not dataset.is_csv:
            machine = (
                "CSV-filen med samma namn: UTF-8, kommatecken mellan kolumnerna, decimalpunkt, "
                "en rad per uppgift (nyckel och värde)."
            )
            if dataset:
                machine += (
                    f" Uppgifterna som JSON: {dataset.name}.json, beskriven i datapackage.json."
                )
        else:
            machine = (
                f"{dataset.name}.csv: UTF-8, kommatecken mellan kolumnerna, decimalpunkt, "
                "kolumnerna med nycklarna nedan. Beskrivs i datapackage.json (standarden "
                "Frictionless Data Package)."
            )
        about.append(("För maskinläsning", machine))
        return about

    # --- values that are paths into the data -------------------------------------------

    def _resolved(self, text: object) -> tuple[object, object] | None:
        """(value as the site shows it, its PathTitle) when `text` is a path into the data."""
        found = path_title(self.edition, text) if isinstance(text, str) else None
        if found is None:
            return None
        try:
            value = self.edition.resolve(text)
        except (EditorError, AttributeError, ArithmeticError):
            return None
        if isinstance(value, bool) or not isinstance(value, int | float | Decimal | Fraction):
            return None
        if isinstance(value, float):  # a computed share: rounded as the site shows it
            value = Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        return plain(value), replace(found, shown=counted(found.shown, value))

    def _paths_in_rows(self, rows: list[dict], fields: list[Leaf]):
        for field in list(fields):
            values = [row.get(field.key) for row in rows if row.get(field.key) not in (None, "")]
            found = [self._resolved(value) for value in values]
            if not values or None in found:
                continue
            for row in rows:
                shown, title = self._resolved(row[field.key]) or (None, None)
                row[field.key] = shown
                row[field.key + REFERS] = title.title if title else None
            value_field, refers = path_fields(field, found[0][1].shown)
            at = fields.index(field)
            fields[at : at + 1] = [value_field, refers]
        keys = [field.key for field in fields]
        return [{key: row.get(key) for key in keys} for row in rows], fields

    def _leaves(self, value: object, schema: JsonSchema | None, key: str, label: str):
        if isinstance(value, BaseModel):
            for name in type(value).model_fields:
                child = schema.properties.get(name) if schema else None
                title = (child.title if child else None) or name
                yield from self._leaves(
                    getattr(value, name),
                    child,
                    f"{key}.{name}" if key else name,
                    f"{label}: {title}" if label else title,
                )
        elif isinstance(value, list):
            items = schema.items if schema else None
            parent, _, own = label.rpartition(": ")
            word = (items.title if items and items.title else None) or own
            for index, item in enumerate(value, 1):  # »Rättelse 1: Avsnitt«
                here = f"{parent}: {word} {index}" if parent else f"{word} {index}"
                yield from self._leaves(item, items, f"{key}[{index}]", here)
        else:
            leaf = leaf_of(key, label, value, schema)
            found = self._resolved(value)
            if found is None:
                yield leaf
                return
            shown, title = found
            value_field, refers = path_fields(leaf, title.shown)
            parent = label.rsplit(": ", 1)[0] + ": " if ": " in label else ""
            yield Leaf(key, parent + value_field.label, shown, title.shown, *what(value_field))
            yield Leaf(key + REFERS, parent + refers.label, title.title, "text", *what(refers))
