"""Accessible HTML for a data table.

A table has a numbered ``<caption>``, ``<th scope>`` headers, numbers right-aligned and
formatted the Swedish way, and a source line under it. It sits in a focusable scroll
box so that a wide table scrolls without the page scrolling sideways. A table too wide
for a phone is marked ``kb-tabell--bred``: on a narrow screen the stylesheet lays out each
of its rows as a block in which every cell shows its column header (``data-label``).
Every text from the data is HTML-escaped: a ``<script>`` typed into a CSV cell is shown
as text, never run.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from kvalitet.model.missing import MISSING, MISSING_TEXT
from kvalitet.model.provenance import shown
from kvalitet.model.small_counts import ALSO_HIDDEN_TEXT, FOOTNOTE, is_hidden
from kvalitet.render import formatting

NUMERIC_KINDS = {"antal", "procent", "tal", "kr", "forandring", "dold"}
WIDE = "kb-tabell--bred"
# The room a 360 px phone gives a table (inside a figure's details), in ems of the tables'
# 14 px text: a table that cannot shrink below it is laid out as blocks on a phone.
PHONE_EM = 21.5
# Average widths of a character (regular, bold header) and a cell's padding, in ems:
# measured on the site's tables, rather over than under.
CHAR_EM, BOLD_CHAR_EM, PADDING_EM = 0.52, 0.6, 1.6


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
    wide = too_wide(spec)
    parts = [
        f'<div class="kb-tabell{" " + WIDE if wide else ""}" id="{escape(table_id)}">',
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
            parts.append(_group_heading(spec, group.heading))
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


def label(text: str) -> str:
    """The column header a cell shows above its value when its row is a block."""
    return f' data-label="{escape(text)}"'


def _group_heading(spec: TableSpec, heading: str) -> str:
    # The heading heads its row group from the first column (scope="rowgroup"); spanning
    # every column instead would make it a second header of every column, and cells would
    # need headers= naming every group's heading (HTML_CodeSniffer H43).
    rest = len(spec.columns) - 1
    filler = f'<td colspan="{rest}"></td>' if rest else ""
    return f'<tr class="kb-tabell__grupp"><th scope="rowgroup">{escape(heading)}</th>{filler}</tr>'


def _row(spec: TableSpec, row: list[Cell]) -> str:
    cells = []
    for i, cell in enumerate(row):
        header = i == spec.row_header
        tag = "th" if header else "td"
        scope = ' scope="row"' if header else ""
        cells.append(
            f"<{tag}{scope}{label(spec.columns[i])}{_align(spec, i)}>{cell.html()}</{tag}>"
        )
    return "<tr>" + "\n".join(cells) + "</tr>"


def too_wide(spec: TableSpec) -> bool:
    """Whether the table cannot shrink to a phone's width: the sum over its columns of the
    longest unbreakable text (a whole number, which never wraps, or a word) and padding."""
    widths = [
        _em(text, i in spec.numeric_columns, BOLD_CHAR_EM) for i, text in enumerate(spec.columns)
    ]
    rows = [row for group in spec.groups for row in group.rows] + spec.foot
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], _em(_visible(cell.html()), i in spec.numeric_columns))
    headings = [_em(g.heading, False, BOLD_CHAR_EM) for g in spec.groups if g.heading]
    widths[spec.row_header] = max([widths[spec.row_header], *headings])
    return sum(widths) + PADDING_EM * len(widths) > PHONE_EM


def _em(text: str, whole: bool, per_char: float = CHAR_EM) -> float:
    pieces = [text] if whole else text.split()
    return max((len(piece) for piece in pieces), default=0) * per_char


def _visible(fragment: str) -> str:
    """The text a cell shows: without tags and the screen-reader-only texts."""
    fragment = re.sub(r'<span class="kb-dolt">.*?</span>', "", fragment)
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))
