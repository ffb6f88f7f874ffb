"""The tables and figures an edition's description declares (``views:``), after the Frictionless
Data Package Views pattern: a name, a title (the caption), the resources it shows and a
`spec` saying what to show. See `render/tables.py` and `render/figures.py`.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

Name = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]


class Strict(BaseModel):
    """A part of the description whose keys are all known: a typo is reported."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Column(Strict):
    """A column of a table view: a field of the rows, or an expression over them."""

    field: Name | None = None
    value: str | None = None  # an expression over the row, e.g. "kunder - fjol.kunder"
    title: str | None = None  # default: the field's title
    format: str | None = None  # antal, procent, tal, kr, forandring, text; may be "{{ enhet }}"


class Transpose(Strict):
    """Each row becomes a column headed by `header`; the listed fields become rows."""

    header: Name
    stub: str
    rows: list[Name]
    footer: list[Name] = []


class TableView(Strict):
    type: Literal["table"]
    columns: list[Name | Column] = []  # default: every field but the key columns
    rows: str | None = None  # a list inside a YAML file, e.g. "rattelser"
    groupBy: Name | None = None
    groupTitle: str | None = None
    footer: list[str] = []  # one text per column; "{{ x.totalt }}" gives a number
    transpose: Transpose | None = None


class Item(Strict):
    label: str
    value: str  # the path of a value, compared with the year before


class FigureView(Strict):
    type: Literal["horizontal-bar", "bar", "stacked-shares", "before-after"]
    group: Name | None = None  # the label of each bar (the standard's "group")
    series: list[Name] = []  # the values (the standard's "series"); several are stacked
    count: Name | None = None  # instead of series: count the rows per value of this field
    panels: Name | None = None  # one panel per value of this field
    panelTitle: str | None = None
    previous: str | None = None  # an expression for last year's total per row, e.g. fjol.kunder
    previousNote: str | None = None
    items: list[Item] = []  # before-after: the values to compare
    groupTitle: str | None = None
    valueTitle: str | None = None
    totalTitle: str | None = None
    alt: str  # the image's accessible name
    description: str | None = None  # what the figure shows; default: written from the data


class View(Strict):
    """A table or figure of the report (the Data Package Views pattern)."""

    name: Name
    title: str  # the caption, a template such as "Klagomål per insats, {{ ar }}"
    resources: Annotated[list[Name], Field(min_length=1)]  # the first holds the rows
    specType: Literal["simple"] = "simple"
    spec: Annotated[TableView | FigureView, Field(discriminator="type")]

    @property
    def is_table(self) -> bool:
        return isinstance(self.spec, TableView)
