"""The report's figures, each declared as a view in the edition's description.

Each figure is a `FigureSpec`: a caption, a short accessible name, a longer description
written from the data (or from the view's own template), the data as a table and a
matplotlib drawing (`charts.py`). `figure_render.py` turns the drawing into a static,
reproducible SVG; ``{{ figur("namn") }}`` in Markdown places it on a page.

The kinds (``spec.type``): ``horizontal-bar`` (one bar per row; ``series`` with several
fields stacks them, ``previous`` adds last year's total, ``panels`` splits by a field and
``count`` counts rows per value), ``bar`` (upright bars), ``stacked-shares`` (per-cent
shares of one whole per row) and ``before-after`` (named values, last year against this).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from kvalitet.model.missing import MISSING
from kvalitet.model.small_counts import hidden, hidden_text, hide_column, is_hidden
from kvalitet.model.views import FigureView, View
from kvalitet.render import charts
from kvalitet.render.formatting import antal, procent
from kvalitet.render.html_table import Cell, RowGroup, TableSpec
from kvalitet.render.tables import cell
from kvalitet.render.views import ViewContext


@dataclass
class FigureSpec:
    name: str
    caption: str  # without the "Figur N." prefix
    alt: str  # the image's accessible name, at most about 80 characters
    description: str  # what the figure shows, written from the data
    table: TableSpec  # the figure's data, shown under "Visa data som tabell"
    files: list[str]  # the data files that feed it, e.g. ["klagomal.csv"]
    draw: Callable[[], object]  # returns a matplotlib Figure; picklable, see figure_render

    @property
    def lacks_values(self) -> bool:
        """A draft's figure whose data is not all filled in yet: it is not drawn."""
        rows = [row for group in self.table.groups for row in group.rows]
        return any(cell.value is MISSING for row in rows for cell in row)


def listing(items: list[str]) -> str:
    """Swedish list: "a", "a och b", "a, b och c"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " och " + items[-1]


def named(pairs: list[tuple[str, object]], target: object, show: Callable) -> str:
    """ "Beroende (14)", or "X och Y (3 vardera)" when several share the value."""
    labels = [label for label, value in pairs if value == target]
    each = " vardera" if len(labels) > 1 else ""
    return f"{listing(labels)} ({show(target)}{each})"


class Figures:
    def __init__(self, context: ViewContext):
        self.context = context
        views = context.current.descriptor.package.views if context.current.descriptor else []
        self.views = {view.name: view for view in views if not view.is_table}
        self.builders: dict[str, Callable[[], FigureSpec]] = {
            name: partial(self.spec, name) for name in self.views
        }
        self.made: dict[str, FigureSpec] = {}

    def spec(self, name: str) -> FigureSpec:
        """The figure `name`; made once, though the build and each page placing it ask."""
        if name not in self.made:
            self.made[name] = self._spec(name)
        return self.made[name]

    def _spec(self, name: str) -> FigureSpec:
        view = self.views[name]
        build = {
            "horizontal-bar": self._bars,
            "bar": self._bars,
            "stacked-shares": self._stacked,
            "before-after": self._before_after,
        }[view.spec.type]
        return build(view)

    def _describe(self, view: View, default: str, **names) -> str:
        template = view.spec.description
        return self.context.text(template, **names).strip() if template else default

    def _figure(self, view, description, table, compares, draw) -> FigureSpec:
        context = self.context
        return FigureSpec(
            view.name,
            context.text(view.title),
            context.text(view.spec.alt),
            description,
            table,
            context.files(view, compares),
            draw,
        )

    # --- bars -----------------------------------------------------------------------------

    def _pairs(self, view: View) -> tuple[list[tuple[str, object]], str]:
        """(label, value) per bar, and the values' format."""
        spec: FigureView = view.spec
        context = self.context
        rows = context.rows(view)
        fields = context.fields(view)
        if spec.count:
            field = context.current.dataset(view.resources[0]).resource.schema_
            categories = next(f.categories for f in field.fields if f.name == spec.count) or []
            values = [c.value for c in categories] or list(
                dict.fromkeys(getattr(r, spec.count) for r in rows)
            )
            labels = {c.value: c.label or c.value for c in categories}
            if any(getattr(r, spec.count) is MISSING for r in rows):  # a draft: not known yet
                values = [v for v in values if v is not MISSING]
                counts = [MISSING] * len(values)
            else:
                counts = [sum(getattr(r, spec.count) == v for r in rows) for v in values]
                if context.current.dataset(view.resources[0]).small_counts:  # rows counted
                    counts = hide_column(counts)
            return [(labels.get(v, v), n) for v, n in zip(values, counts, strict=True)], "antal"
        value = spec.series[0]
        return [(getattr(r, spec.group), getattr(r, value)) for r in rows], fields[value][1]

    def _bars(self, view: View) -> FigureSpec:
        spec: FigureView = view.spec
        if spec.panels:
            return self._panels(view)
        if len(spec.series) > 1:
            return self._split(view)
        pairs, kind = self._pairs(view)
        fields = self.context.fields(view)
        show = procent if kind == "procent" else antal
        largest, smallest, default = extremes(pairs, show)
        description = self._describe(
            view, default, storst=largest, minst=smallest, rader=self.context.rows(view)
        )
        group_title = spec.groupTitle or fields.get(spec.group, ("",))[0]
        value_title = spec.valueTitle or (fields[spec.series[0]][0] if spec.series else "Antal")
        table = TableSpec(
            [group_title, value_title],
            [RowGroup([[Cell(label), cell(value, kind)] for label, value in pairs])],
        )
        draw = charts.horizontal_bars if spec.type == "horizontal-bar" else charts.vertical_bars
        labels = [str(label) for label, _ in pairs]
        numbers = [hidden_text(value) or float(value) for _, value in pairs]
        return self._figure(
            view, description, table, False, partial(draw, labels, numbers, kind == "procent")
        )

    def _panels(self, view: View) -> FigureSpec:
        spec: FigureView = view.spec
        context = self.context
        fields = context.fields(view)
        value = spec.series[0]
        # One panel per title: a title that names more than the panels field (e.g. what a
        # share is of) splits the rows it does not fit.
        groups: dict[str, list] = {}
        for row in context.rows(view):
            names = context.row_names(view, row)
            title = context.text(spec.panelTitle, **names) if spec.panelTitle else None
            groups.setdefault(title or str(getattr(row, spec.panels)), []).append(row)
        panels, table_groups, sentences = [], [], []
        for title, rows in groups.items():
            pairs = [(getattr(r, spec.group), getattr(r, value)) for r in rows]
            panels.append((title, pairs))
            table_groups.append(
                RowGroup([[Cell(q), cell(v, fields[value][1])] for q, v in pairs], heading=title)
            )
            shown = [pair for pair in pairs if not is_hidden(pair[1])] or pairs
            high = max(shown, key=lambda pair: pair[1])
            low = min(shown, key=lambda pair: pair[1])
            extremes_ = (
                f"högst »{high[0]}« ({procent(high[1])}), lägst »{low[0]}« ({procent(low[1])})"
                if len(shown) > 1
                else f"»{high[0]}« ({procent(high[1])})"
            )
            sentences.append(f"{title}: {extremes_}." + _left_out(pairs))
        table = TableSpec([fields[spec.group][0], fields[value][0]], table_groups)
        description = self._describe(view, " ".join(sentences), rader=context.rows(view))
        return self._figure(view, description, table, False, partial(charts.panels, panels))

    def _split(self, view: View) -> FigureSpec:
        spec: FigureView = view.spec
        context = self.context
        fields = context.fields(view)
        titles = [fields[s][0] for s in spec.series]
        rows, lines = [], []
        for row in context.rows(view):
            names = context.row_names(view, row)
            old = context.value(spec.previous, **names) if spec.previous else None
            parts = [getattr(row, s) for s in spec.series]
            rows.append((getattr(row, spec.group), old, parts))
            lines.append(
                [Cell(getattr(row, spec.group))]
                + ([Cell(old, "antal")] if spec.previous else [])
                + [Cell(p, "antal") for p in parts]
                + [Cell(sum(parts), "antal")]
            )
        year, before = context.current.year, context.previous.year
        total = spec.totalTitle or "Totalt"
        headers = (
            [spec.groupTitle or fields[spec.group][0]]
            + ([f"{total} {before}"] if spec.previous else [])
            + [f"{t} {year}" for t in titles]
            + [f"{total} {year}"]
        )
        description = self._describe(view, "", rader=context.rows(view))
        draw = partial(charts.split_bars, rows, titles, spec.previousNote or "", before, year)
        return self._figure(
            view, description, TableSpec(headers, [RowGroup(lines)]), bool(spec.previous), draw
        )

    # --- shares and comparisons -----------------------------------------------------------

    def _stacked(self, view: View) -> FigureSpec:
        spec: FigureView = view.spec
        context = self.context
        fields = context.fields(view)
        rows = context.rows(view)
        groups = [str(getattr(r, spec.group)) for r in rows]
        answers = [(s, fields[s][0]) for s in spec.series]
        values = [[getattr(r, key) for key, _ in answers] for r in rows]
        # One hidden share and the others give it away (they add up to 100): hide the row.
        values = [[hidden(v) for v in row] if any(map(is_hidden, row)) else row for row in values]
        table = TableSpec(
            [spec.groupTitle or fields[spec.group][0]] + groups,
            [
                RowGroup(
                    [
                        [Cell(label)] + [cell(row[index], "procent") for row in values]
                        for index, (_, label) in enumerate(answers)
                    ]
                )
            ],
        )
        largest = [
            f"{group}: störst andel {fields[top][0].lower()} ({procent(getattr(row, top))})"
            if not is_hidden(shown[0])
            else f"{group}: andelarna är dolda"
            for group, row, shown in zip(groups, rows, values, strict=True)
            for top in [max(spec.series, key=lambda s, row=row: getattr(row, s))]
        ]
        description = self._describe(view, "; ".join(largest) + ".", rader=rows)
        shares = [None if is_hidden(row[0]) else [float(v) for v in row] for row in values]
        draw = partial(charts.stacked_shares, groups, [label for _, label in answers], shares)
        return self._figure(view, description, table, False, draw)

    def _before_after(self, view: View) -> FigureSpec:
        spec: FigureView = view.spec
        context = self.context
        before, year = context.previous.year, context.current.year
        rows, sentences = [], []
        for item in spec.items:
            old, new = context.previous.value(item.value), context.current.resolve(item.value)
            rows.append((item.label, old, new))
            change = context.names["jamforelse"](item.value, med_varde=False)
            sentences.append(f"{item.label}: {antal(new)} ({change})")
        table = TableSpec(
            [spec.groupTitle or "", str(before), str(year), "Förändring"],
            [
                RowGroup(
                    [
                        [
                            Cell(label),
                            Cell(old, "antal"),
                            Cell(new, "antal"),
                            Cell(new - old, "forandring"),
                        ]
                        for label, old, new in rows
                    ]
                )
            ],
        )
        description = self._describe(view, ". ".join(sentences) + ".")
        return self._figure(
            view, description, table, True, partial(charts.dumbbells, rows, before, year)
        )


def extremes(pairs: list[tuple[str, object]], show: Callable) -> tuple[str, str, str]:
    """(largest, smallest, a sentence of both) among the values shown; the hidden ones are
    named as left out, so the figure never implies them."""
    shown = [(label, value) for label, value in pairs if not is_hidden(value)]
    values = [value for _, value in shown]
    largest = named(shown, max(values), show) if values else ""
    smallest = named(shown, min(values), show) if values else ""
    if len(shown) == len(pairs):
        return largest, smallest, f"Störst: {largest}. Minst: {smallest}."
    sentence = f"Störst: {largest}. Minst av de värden som visas: {smallest}." if values else ""
    return largest, smallest, (sentence + _left_out(pairs)).strip()


def _left_out(pairs: list[tuple[str, object]]) -> str:
    """ " Visas inte: B (färre än 5) och C (dold)." for the hidden values, or nothing."""
    left_out = [f"{label} ({hidden_text(value)})" for label, value in pairs if is_hidden(value)]
    return f" Visas inte: {listing(left_out)}." if left_out else ""
