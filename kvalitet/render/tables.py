"""The report's tables, each declared as a view in the edition's description.

``{{ tabell("klagomal") }}`` in Markdown renders the table view named ``klagomal`` with its
number, caption and source. A caption can be replaced from Markdown:
``{{ tabell("klagomal", "Klagomål per insats") }}``. By default a table shows every field of
its rows but the key columns, titled and formatted as the description says.
"""

from __future__ import annotations

from markupsafe import Markup

from kvalitet.model.descriptor import DESCRIPTOR
from kvalitet.model.problems import EditorError, did_you_mean, quoted_name
from kvalitet.model.provenance import computed_in_view
from kvalitet.model.small_counts import SmallCount, cells_to_hide
from kvalitet.model.views import Column, TableView, View
from kvalitet.render.formatting import ShownAsIs
from kvalitet.render.html_table import Cell, RowGroup, TableSpec, render_table
from kvalitet.render.sources import PageLinks, source_line
from kvalitet.render.views import JA_NEJ, ViewContext, format_of


class Tables:
    def __init__(self, context: ViewContext, numbers: dict[str, int], links: PageLinks):
        self.context = context
        self.numbers = numbers
        self.links = links
        self.rendered: set[tuple[str, str]] = set()  # (page, table): the whole report repeats them
        views = context.current.descriptor.package.views if context.current.descriptor else []
        self.views: dict[str, View] = {view.name: view for view in views if view.is_table}

    # --- the macros -----------------------------------------------------------------------

    def tabell(self, namn: str, rubrik: str | None = None) -> Markup:
        """Render table `namn`, numbered in reading order."""
        namn = quoted_name(namn, "tabell")
        if namn not in self.views:
            raise EditorError(
                f"det finns ingen tabell »{namn}«.{did_you_mean(namn, self.views)} "
                f"Tabellerna heter: {', '.join(sorted(self.views))}."
            )
        if (self.links.page_url, namn) in self.rendered:
            raise EditorError(f"tabellen »{namn}« visas redan på den här sidan; visa den en gång.")
        self.rendered.add((self.links.page_url, namn))
        default_caption, spec, files = self.build(self.views[namn])
        number = self.numbers.get(namn)
        if number is None:  # only if the call is written in a way numbering cannot find
            raise EditorError(f'skriv anropet som tabell("{namn}") så att tabellen kan numreras.')
        caption = f"Tabell {number}. {rubrik or default_caption}"
        source = source_line(self.context.current, self.context.previous, files, self.links)
        return render_table(f"tabell-{namn.replace('_', '-')}", caption, spec, source)

    def tabellnummer(self, namn: str) -> int:
        """The number table `namn` has on the site, e.g. to refer to it in text."""
        if namn not in self.numbers:
            raise EditorError(
                f"tabellen »{namn}« visas inte på någon sida.{did_you_mean(namn, self.numbers)}"
            )
        return ShownAsIs(self.numbers[namn])

    # --- building -------------------------------------------------------------------------

    def build(self, view: View) -> tuple[str, TableSpec, list[str]]:
        """(caption, table, data files) of a table view."""
        spec: TableView = view.spec
        context = self.context
        caption = context.text(view.title)
        if spec.transpose:
            return caption, self._transposed(view), context.files(view, False)
        fields = context.fields(view, spec.rows)
        keys = context.key_fields(view)
        columns = [Column(field=c) if isinstance(c, str) else c for c in spec.columns] or [
            Column(field=name) for name in fields if name not in keys
        ]
        headers = [
            context.text(c.title) if c.title else fields.get(c.field, (c.field,))[0]
            for c in columns
        ]
        # A heading may name more than the grouping field (e.g. what a share is of): rows
        # are grouped by their rendered heading, so each sits under the heading it fits.
        groups: dict[str | None, list[list[Cell]]] = {}
        for row in context.rows(view, spec.rows):
            names = context.row_names(view, row)
            cells = [self._cell(c, fields, row, names) for c in columns]
            heading = self._heading(spec, names) if spec.groupBy else None
            groups.setdefault(heading, []).append(cells)
        body = [RowGroup(rows, heading=heading) for heading, rows in groups.items()]
        foot = [self._footer(spec.footer, body, columns)] if spec.footer else []
        compares = any("fjol" in (c.value or "") for c in columns)
        return caption, TableSpec(headers, body, foot), context.files(view, compares)

    def _cell(self, column: Column, fields: dict, row: object, names: dict) -> Cell:
        context = self.context
        if column.field:
            value = getattr(row, column.field)
        else:  # computed by the view; in the preview, it says so
            value = context.value(column.value, **names)
            described_in = f"data/{context.current.year}/{DESCRIPTOR}"
            value = computed_in_view(value, row, column.value, described_in)
        if column.format:
            kind = context.text(column.format, **names) if "{{" in column.format else column.format
        else:
            kind = fields[column.field][1] if column.field in fields else format_of(value)
        return cell(value, kind)

    def _heading(self, spec: TableView, names: dict) -> str:
        if spec.groupTitle is None:
            return str(names[spec.groupBy])
        return self.context.text(spec.groupTitle, **names)

    def _footer(self, texts: list[str], body: list[RowGroup], columns) -> list[Cell]:
        foot = []
        for index, text in enumerate(texts):
            value = self.context.value(text) if "{{" in text else text
            kind = body[0].rows[0][index].kind if body and body[0].rows else "text"
            foot.append(Cell(value, kind) if not isinstance(value, str) else Cell(value))
        rows = [row for group in body for row in group.rows]
        for index in range(len(columns)):  # a total shown: protect small counts above it
            if rows and all(row[index].kind == "antal" for row in rows):
                protected = count_cells([row[index].value for row in rows])
                for row, new in zip(rows, protected, strict=True):
                    row[index] = new
        return foot

    def _transposed(self, view: View) -> TableSpec:
        t = view.spec.transpose
        fields = self.context.fields(view)
        rows = self.context.rows(view)

        def line(name: str) -> list[Cell]:
            title, kind = fields[name]
            return [Cell(title)] + [cell(getattr(row, name), kind) for row in rows]

        headers = [t.stub] + [str(getattr(row, t.header)) for row in rows]
        return TableSpec(
            headers, [RowGroup([line(n) for n in t.rows])], [line(n) for n in t.footer]
        )


def cell(value: object, kind: str) -> Cell:
    if kind == "janej" and isinstance(value, bool):
        return Cell(JA_NEJ[value])
    if kind in {"text", "janej"}:
        return Cell("" if value is None else str(value))
    return Cell(value, kind)


def count_cells(values: list[int]) -> list[Cell]:
    """Count cells of a column whose total is shown, with the small-count rule applied.

    A `SmallCount` shows as "färre än 5" through the `antal` filter; a cell hidden only to
    protect it (secondary suppression) shows as "dold".
    """
    hidden = cells_to_hide(values)
    return [
        Cell(value, "dold" if i in hidden and not isinstance(value, SmallCount) else "antal")
        for i, value in enumerate(values)
    ]
