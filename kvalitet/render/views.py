"""What tables and figures share: the edition's names for their templates, the rows they
show, the fields' titles and formats, and the data files they cite.

A view (``views:`` in datapackage.yaml) names its resources; the first holds the rows.
Captions, headings and descriptions are templates, and column values expressions, in the
same language as the Markdown pages (`model/expressions.py`), with the edition's data, the
years (``ar``, ``fjolar``) and the comparison macros (``fjol``, ``jamforelse`` ...). In a row,
``fjol`` is the same row the year before: ``fjol.kunder``.
"""

from __future__ import annotations

from decimal import Decimal

from kvalitet.model.dataset import RowSet
from kvalitet.model.descriptor import JsonSchema, TableSchema
from kvalitet.model.edition import JAMFORELSETAL, Edition, PreviousYear, names_in
from kvalitet.model.expressions import ExpressionError, evaluate, render
from kvalitet.model.problems import EditorError
from kvalitet.model.views import View
from kvalitet.render.comparison import Comparisons

JA_NEJ = {True: "Ja", False: "Nej"}


class PreviousRow:
    """The same row the year before: ``fjol.kunder`` in a column or description."""

    def __init__(self, previous: PreviousYear, path: str):
        self._previous = previous
        self._path = path

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        return self._previous.value(f"{self._path}.{name}")


class ViewContext:
    def __init__(self, current: Edition, previous: PreviousYear, comparisons: Comparisons):
        self.current = current
        self.previous = previous
        self.names = {
            **current.values,
            "ar": current.year,
            "fjolar": previous.year,
            "uppslag": current.resolve,
            **comparisons.macros,
        }

    # --- templates and expressions --------------------------------------------------------

    def text(self, template: str, **extra) -> str:
        try:
            return render(template, {**self.names, **extra})
        except ExpressionError as error:
            raise EditorError(str(error)) from None

    def value(self, expression: str, **extra) -> object:
        """The value of `expression`; a template that is one ``{{ … }}`` gives its value."""
        stripped = expression.strip()
        if stripped.startswith("{{") and stripped.endswith("}}") and stripped.count("{{") == 1:
            expression = stripped[2:-2]
        elif "{{" in expression:
            return self.text(expression, **extra)
        try:
            return evaluate(expression, {**self.names, **extra})
        except ExpressionError as error:
            raise EditorError(str(error)) from None

    # --- rows and fields ------------------------------------------------------------------

    def data(self, view: View) -> object:
        return self.current.values[view.resources[0]]

    def rows(self, view: View, path: str | None = None) -> list:
        data = self.data(view)
        if isinstance(data, RowSet):
            return list(data.rows)
        return list(getattr(data, path)) if path else []

    def row_names(self, view: View, row: object) -> dict[str, object]:
        names = {name: getattr(row, name) for name in names_in(row)}
        data = self.data(view)
        if isinstance(data, RowSet) and data.key_fields:
            key = ".".join(str(getattr(row, k)) for k in data.key_fields)
            names["fjol"] = PreviousRow(self.previous, f"{view.resources[0]}.{key}")
        return names

    def fields(self, view: View, path: str | None = None) -> dict[str, tuple[str, str]]:
        """{field: (title, format)} of the rows a view shows, from the description."""
        schema = self.current.dataset(view.resources[0]).resource.schema_
        if isinstance(schema, TableSchema):
            return {
                f.name: (f.title or f.name, field_format(f.type, f.unit)) for f in schema.fields
            }
        node = schema.properties.get(path) if path else schema
        item = node.items if isinstance(node, JsonSchema) and node.items else node
        return {
            name: (child.title or name, field_format(child.type, child.unit))
            for name, child in (item.properties if item else {}).items()
        }

    def key_fields(self, view: View) -> list[str]:
        schema = self.current.dataset(view.resources[0]).resource.schema_
        return schema.key if isinstance(schema, TableSchema) else []

    def files(self, view: View, compares: bool) -> list[str]:
        """The data files a view cites under it: its resources, and last year's values."""
        files = [self.current.dataset(name).filename for name in view.resources]
        if compares and self.previous.stated:
            files.append(JAMFORELSETAL)
        return files


def field_format(kind: str, unit: str | None) -> str:
    """How a described field is shown: antal, kr, procent, tal, janej or text."""
    if kind == "integer":
        return "kr" if unit == "kr" else "antal"
    if kind == "number":
        return "procent" if unit == "procent" else "tal"
    if kind == "boolean":
        return "janej"
    return "text"


def format_of(value: object) -> str:
    """The format of a value with no description, e.g. a derived one."""
    if isinstance(value, bool):
        return "janej"
    if isinstance(value, int):
        return "antal"
    if isinstance(value, float | Decimal):
        return "tal"
    return "text"
