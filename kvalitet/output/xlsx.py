"""An Excel workbook a Swedish reader opens without trouble.

The sheet »Data« starts with the dataset's title and its source (»Källa: …«), then a
header row of Swedish column titles with their units (»Mycket nöjd (procent)«) and the
rows. Numbers are numbers with a number format, so Excel shows them the Swedish way
(1 600, 59,1 %, 7 800 kr): a share is stored as a fraction (0,591) formatted as per
cent, with the decimals the report states. The sheet »Om datan« says what the data is:
title, description, section and page of the report, the small-count rule where it
applies, and each column's title, key (as in the CSV file), unit and meaning.

The workbook carries fixed timestamps, so the same data always gives the same bytes.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # openpyxl is imported only when a workbook is written: most builds reuse them
    from openpyxl.worksheet.worksheet import Worksheet

# How a cell of each kind is formatted (Excel localises separators: 1 600, 59,1 %).
FORMATS = {"antal": "#,##0", "kr": '#,##0 "kr"'}
WIDEST = 60  # characters; longer text wraps


@dataclass
class Column:
    key: str  # as in the CSV file: mycket_nojd
    title: str  # as the header shows it: Mycket nöjd (procent)
    unit: str  # procent, kr, antal or empty
    holds: str  # andel i procent (0–100)
    meaning: str = ""  # the field's description


@dataclass
class Sheet:
    """One dataset as a workbook: its rows of (value, kind) cells and its description."""

    title: str
    source: str  # Källa: Kvalitetsberättelse 2019, Omsorgsenheten, Nacka kommun, avsnitt 4.3 …
    about: list[tuple[str, str]]  # (label, text) on »Om datan«, e.g. ("Beskrivning", "…")
    columns: list[Column]  # the header
    rows: list[list[tuple[object, str]]]  # (value, antal/kr/procent/tal/janej/text)
    described: list[Column] = field(default_factory=list)  # listed on »Om datan«
    described_as: str = "Kolumn"  # or "Uppgift", for a file of keys and values


def workbook_bytes(sheet: Sheet, stamp: datetime) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    data = book.active
    data.title = "Data"
    _data_sheet(data, sheet)
    _about_sheet(book.create_sheet("Om datan"), sheet)
    book.properties.creator = "Omsorgsenheten, Nacka kommun"
    book.properties.title = sheet.title
    book.properties.created = book.properties.modified = stamp
    buffer = io.BytesIO()
    _writer()(book, _StableZip(buffer, stamp)).save()
    return buffer.getvalue()


@cache
def _writer() -> type:
    """openpyxl's writer, each sheet written in memory instead of through a temporary file."""
    from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
    from openpyxl.worksheet._writer import WorksheetWriter
    from openpyxl.writer.excel import ExcelWriter

    class Writer(ExcelWriter):
        def write_worksheet(self, ws):
            ws._drawing = SpreadsheetDrawing()
            ws._drawing.charts = ws._charts
            ws._drawing.images = ws._images
            writer = WorksheetWriter(ws, out=io.BytesIO())
            writer.write()
            ws._rels = writer._rels
            self._archive.writestr(ws.path[1:], writer.read())
            self.manifest.append(ws)

    return Writer


def _data_sheet(ws: Worksheet, sheet: Sheet) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.table import Table, TableStyleInfo

    ws.append([sheet.title])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([sheet.source])
    ws.append(["Vad kolumnerna innehåller står på bladet »Om datan«."])
    header = 4
    ws.append([column.title for column in sheet.columns])
    for cell in ws[header]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in sheet.rows:
        ws.append([_value(value, kind) for value, kind in row])
        for cell, (value, kind) in zip(ws[ws.max_row], row, strict=True):
            if cell.data_type == "n" and cell.value is not None:
                cell.number_format = _format(value, kind)
    ws.freeze_panes = ws.cell(header + 1, 1)
    if sheet.rows:  # a table gives screen readers and filters the header row
        last = ws.cell(ws.max_row, len(sheet.columns)).coordinate
        table = Table(displayName="Datatabell", ref=f"A{header}:{last}")
        table.tableStyleInfo = TableStyleInfo(name="TableStyleLight1", showRowStripes=True)
        ws.add_table(table)
    _widths(ws, header)


def _about_sheet(ws: Worksheet, sheet: Sheet) -> None:
    from openpyxl.styles import Font

    ws.append(["Om datan"])
    ws["A1"].font = Font(bold=True, size=14)
    for label, text in sheet.about:
        ws.append([label, text])
        ws.cell(ws.max_row, 1).font = Font(bold=True)
        if re.match(r"^https?://", text):
            ws.cell(ws.max_row, 2).hyperlink = text
    ws.append([])
    ws.append([sheet.described_as, "Nyckel i CSV-filen", "Enhet", "Innehåll", "Förklaring"])
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    for column in sheet.described or sheet.columns:
        ws.append([column.title, column.key, column.unit, column.holds, column.meaning])
    _widths(ws, 2)


def _value(value: object, kind: str) -> object:
    """The cell's value: a share as a fraction of one, so that Excel's per cent format fits."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return value
    if kind == "procent":
        value = Decimal(str(value)) / 100
    if isinstance(value, Decimal):
        return (
            int(value) if value == value.to_integral_value() and kind != "procent" else float(value)
        )
    return value


def _format(value: object, kind: str) -> str:
    if kind in FORMATS:
        return FORMATS[kind]
    places = max(0, -value.as_tuple().exponent) if isinstance(value, Decimal) else 0
    decimals = "." + "0" * places if places else ""
    return f"0{decimals}%" if kind == "procent" else f"#,##0{decimals}"


def _widths(ws: Worksheet, first: int) -> None:
    from openpyxl.styles import Alignment

    """Columns as wide as their content (from row `first`), wrapping beyond `WIDEST`."""
    for cells in ws.iter_cols(min_row=first):
        longest = max((len(str(c.value)) for c in cells if c.value is not None), default=8)
        ws.column_dimensions[cells[0].column_letter].width = min(WIDEST, max(10, longest + 2))
        for cell in cells:
            if isinstance(cell.value, str) and len(cell.value) > WIDEST:
                cell.alignment = Alignment(wrap_text=True, vertical="top")


class _StableZip(zipfile.ZipFile):
    """A ZIP (an .xlsx is one) whose files carry `stamp`, so that it is reproducible."""

    def __init__(self, file: io.BytesIO, stamp: datetime):
        super().__init__(file, "w", zipfile.ZIP_DEFLATED)
        self.stamp = stamp

    def writestr(self, name, data, *args, **kwargs) -> None:
        if isinstance(name, zipfile.ZipInfo):  # from `add`
            return super().writestr(name, data, *args, **kwargs)
        data = data.encode("utf-8") if isinstance(data, str) else data
        if name == "docProps/core.xml":  # openpyxl may stamp the save time here
            when = self.stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
            data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + when, data)
        add(self, name, data, self.stamp)
        return None


def add(archive: zipfile.ZipFile, name: str, content: bytes, stamp: datetime) -> None:
    info = zipfile.ZipInfo(name, date_time=stamp.timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, content)
