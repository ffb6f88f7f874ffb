"""Accessible HTML for a data table.

A table has a numbered ``<caption>``, ``<th scope>`` headers, numbers right-aligned and
formatted the Swedish way, and a source line under it. It sits in a focusable scroll
box so that a wide table scrolls on a phone without the page scrolling sideways.
Every text from the data is HTML-escaped: a ``<script>`` typed into a CSV cell is shown
as text, never run.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup, escape

from kvalitet.model.missing import MISSING, MISSING_TEXT
from kvalitet.model.provenance import shown
from kvalitet.model.small_counts import ALSO_HIDDEN_TEXT, FOOTNOTE, is_hidden
from kvalitet.render import formatting

NUMERIC_KINDS = {"antal", "procent", "tal", "kr", "forandring", "dold"}


@dataclass(frozen=True)
class Cell:
    value: object
    kind: str = "text"  # text | antal | procent | tal | kr | forandring | dold (small counts)

    @property
    def numeric(self) -> bool:
        return self.kind in NUMERIC_KINDS

    def html(self) -> str:
        if self.value is MISSING:
            return f'<span class="kb-saknas">{MISSING_TEXT}</span>'
        if self.value is None:
            return '<span aria-hidden="true">–</span><span class="kb-dolt">uppgift saknas</span>'
        if self.kind == "text":
            return str(escape(self.value))
        if self.kind == "dold":
            return ALSO_HIDDEN_TEXT
        format_ = {
            "antal": formatting.antal,
            "procent": formatting.procenttecken,
            "tal": formatting.tal,
            "forandring": formatting.forandring,
            "kr": formatting.kr,
        }[self.kind]
        return shown(format_(self.value), self.value)  # in the preview, linked to its line


@dataclass
class RowGroup:
    """Body rows, optionally under a heading that spans the table (``scope="rowgroup"``)."""

    rows: list[list[Cell]]
    heading: str | None = None


@dataclass
class TableSpec:
    columns: list[str]
    groups: list[RowGroup]
    foot: list[list[Cell]] = field(default_factory=list)
    row_header: int = 0  # index of the column whose cells head their row
    numeric_columns: set[int] = field(default_factory=set)  # right-aligned; derived if empty

    @property
    def hides_small_counts(self) -> bool:
        cells = [c for g in self.groups for row in g.rows for c in row] + [
            c for row in self.foot for c in row
        ]
        return any(c.kind == "dold" or is_hidden(c.value) for c in cells)

    def __post_init__(self):
        if not self.numeric_columns:
            rows = [row for group in self.groups for row in group.rows]
            self.numeric_columns = {
                i for i in range(len(self.columns)) if rows and all(r[i].numeric for r in rows)
            }


def render_table(
    table_id: str, caption: str, spec: TableSpec, source: str | Markup | None
) -> Markup:
    """The whole table block as one HTML fragment (no blank lines, safe inside Markdown)."""
    caption_id = f"{table_id}-rubrik"
    parts = [
        f'<div class="kb-tabell" id="{escape(table_id)}">',
        f'<div class="kb-tabell__scroll" role="region" tabindex="0" aria-labelledby="{caption_id}">',
        '<table class="kb-tabell__tabell">',
        f'<caption id="{caption_id}">{escape(caption)}</caption>',
        "<thead><tr>",
    ]
    for i, label in enumerate(spec.columns):
        parts.append(f'<th scope="col"{_align(spec, i)}>{escape(label)}</th>')
    parts.append("</tr></thead>")
    for group in spec.groups:
        parts.append("<tbody>")
        if group.heading:
            parts.append(
                f'<tr class="kb-tabell__grupp"><th scope="rowgroup" colspan="{len(spec.columns)}">'
                f"{escape(group.heading)}</th></tr>"
            )
        parts += [_row(spec, row) for row in group.rows]
        parts.append("</tbody>")
    if spec.foot:
        parts.append("<tfoot>")
        parts += [_row(spec, row) for row in spec.foot]
        parts.append("</tfoot>")
    parts += ["</table>", "</div>"]
    if spec.hides_small_counts:
        parts.append(f'<p class="kb-tabell__not">{FOOTNOTE}</p>')
    if source is not None:
        parts.append(f'<p class="kb-tabell__kalla">{escape(source)}</p>')
    parts.append("</div>")
    # One element per line (never a blank line): search indexes cells as separate words.
    return Markup("\n".join(parts))


def _align(spec: TableSpec, column: int) -> str:
    return ' class="kb-tal"' if column in spec.numeric_columns else ""


def _row(spec: TableSpec, row: list[Cell]) -> str:
    cells = []
    for i, cell in enumerate(row):
        tag = "th" if i == spec.row_header else "td"
        scope = ' scope="row"' if tag == "th" else ""
        cells.append(f"<{tag}{scope}{_align(spec, i)}>{cell.html()}</{tag}>")
    return "<tr>" + "\n".join(cells) + "</tr>"
