"""Where each number comes from, shown in the preview (``KVALITET_FORHANDSVISNING=ja``).

In the preview (`make serve` and a pull request's preview build) every number read from
a data file is loaded as a *sourced* number: an int, Decimal, float or Fraction that also
knows its `Origin`, the file, line and key or column it was read from. A derived value
(``derived:`` in datapackage.yaml) knows that it is computed and from which file.
Arithmetic gives plain numbers again, which is right: a difference has no single line to
change.

The page filters and table cells show a sourced number as a link to its line in the
repository (`with_origin`, `shown`); a plain number is shown as before. Without the
setting nothing is sourced, so the published site is the same, byte for byte.
"""

from __future__ import annotations

import inspect
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from markupsafe import Markup

if TYPE_CHECKING:  # imported where models are marked: the figure workers need no pydantic
    from pydantic import BaseModel

SETTING = "KVALITET_FORHANDSVISNING"
# Links are written against this stand-in for the repository's address; the plugin, which
# knows the address (edit_uri in mkdocs.yml), puts it in with `resolve_links`.
REPOSITORY = "kb-kalla:"
# A dotted underline marks a number with a known source; the site's CSS is left unchanged.
STYLE = "text-decoration: underline dotted; text-underline-offset: 0.2em"

Locate = Callable[[tuple], tuple[int | None, str | None]]  # path -> (line, "nyckel »a.b«")


def requested() -> bool:
    """Whether this build is a preview that shows the source of every number."""
    return os.environ.get(SETTING) == "ja"


@dataclass(frozen=True)
class Origin:
    """The place in the repository a number is read from, or computed from."""

    file: str  # data/2019/malgrupper.yaml
    line: int | None = None
    field: str | None = None  # nyckel »enheten.personer« or kolumn »antal«
    computed: str | None = None  # the name of a derived value

    def describe(self) -> str:
        """In Swedish: »källa: data/2019/malgrupper.yaml, rad 4, nyckel »enheten.personer«."""
        if self.computed:
            return f"beräknat värde »{self.computed}«, räknas ut ur {self.file}"
        where = [self.file, *([f"rad {self.line}"] if self.line else []), self.field]
        return "källa: " + ", ".join(filter(None, where))

    @property
    def target(self) -> str:
        """The file and line within the repository: data/2019/malgrupper.yaml#L4."""
        return self.file + (f"#L{self.line}" if self.line else "")


class Sourced:
    """A number that knows its `Origin`."""

    origin: Origin


class SourcedInt(Sourced, int):
    pass


class SourcedDecimal(Sourced, Decimal):
    pass


class SourcedFloat(Sourced, float):
    pass


class SourcedFraction(Sourced, Fraction):
    pass


# Only these exact types: a bool, a small count or a missing value keeps its own type.
_SOURCED = {
    int: SourcedInt,
    Decimal: SourcedDecimal,
    float: SourcedFloat,
    Fraction: SourcedFraction,
}


def sourced(value: object, origin: Origin) -> object:
    """`value` with `origin`, if it is a plain number; a sourced value keeps its own."""
    kind = _SOURCED.get(type(value))
    if kind is None:
        return value
    number = kind(value)
    number.origin = origin
    return number


def origin_of(value: object) -> Origin | None:
    return value.origin if isinstance(value, Sourced) else None


# --- loading ------------------------------------------------------------------------------


class Marker:
    """Marks the values of one data file, `file`, as read from it."""

    def __init__(self, file: str):
        self.file = file
        self.classes: dict[type, type] = {}  # a class -> the same with sourced derived values

    def yaml(self, facts: BaseModel, line_of: Callable[[tuple], int | None]) -> BaseModel:
        """`facts` (a YAML file) with sourced numbers; `line_of` knows each key's line."""

        def locate(path: tuple) -> tuple[int | None, str | None]:
            keys = "".join(f"[{p + 1}]" if isinstance(p, int) else f".{p}" for p in path)
            return line_of(path), f"nyckel »{keys.lstrip('.')}«"

        return self._model(facts, (), locate)

    def row(self, row: BaseModel, line: int) -> BaseModel:
        """One row of a CSV file, read from `line`, with sourced numbers."""
        return self._model(row, (), lambda path: (line, f"kolumn »{path[0]}«"))

    def rows(self, cls: type) -> type:
        """The class of the file's rows (a `RowSet`) with sourced totals and other derived values."""
        from kvalitet.model.dataset import RowSet

        return self._computing(cls, RowSet)

    def _model(self, model: BaseModel, path: tuple, locate: Locate) -> BaseModel:
        from pydantic import BaseModel

        values = {}
        for name in type(model).model_fields:
            here = (*path, name)
            value = getattr(model, name)
            if isinstance(value, list):
                values[name] = [
                    self._value(item, (*here, i), locate) for i, item in enumerate(value)
                ]
            else:
                values[name] = self._value(value, here, locate)
        cls = self._computing(type(model), BaseModel)
        return cls.model_construct(model.model_fields_set, **values)

    def _value(self, value: object, path: tuple, locate: Locate) -> object:
        from pydantic import BaseModel

        if isinstance(value, BaseModel):
            return self._model(value, path, locate)
        return sourced(value, Origin(self.file, *locate(path)))

    def _computing(self, cls: type, base: type) -> type:
        """`cls` whose derived values (properties not on `base`) are sourced as computed."""
        if cls not in self.classes:
            wrapped = {
                name: property(_computed(inspect.getattr_static(cls, name).fget, name, self.file))
                for name in dir(cls)
                if not name.startswith("_")
                and not hasattr(base, name)
                and isinstance(inspect.getattr_static(cls, name), property)
            }
            self.classes[cls] = type(cls.__name__, (cls,), wrapped) if wrapped else cls
        return self.classes[cls]


def _computed(getter: Callable, name: str, file: str) -> Callable:
    def value(self):
        return sourced(getter(self), Origin(file, computed=name))

    value.__name__ = name
    return value


def computed_in_view(value: object, row: object, expression: str, described_in: str) -> object:
    """A value a table computes from `row` with `expression`, written in `described_in`:
    sourced as computed there, if the row's numbers are sourced (the preview)."""
    fields = getattr(type(row), "model_fields", {})
    if not any(isinstance(getattr(row, name), Sourced) for name in fields):
        return value
    return sourced(value, Origin(described_in, computed=expression))


# --- showing ------------------------------------------------------------------------------


def markup(text: str, origin: Origin) -> Markup:
    """`text` as a link to the line it comes from, saying where in words (title, label)."""
    where = origin.describe()
    return Markup(
        '<a class="kb-kalla" href="{}" title="{}" aria-label="{}" style="{}">{}</a>'
    ).format(
        REPOSITORY + origin.target, where[:1].upper() + where[1:], f"{text}, {where}", STYLE, text
    )


class WithOrigin(str):
    """A formatted number from the data: text as usual, in HTML a link to its source."""

    origin: Origin

    def __new__(cls, text: str, origin: Origin):
        shown = super().__new__(cls, text)
        shown.origin = origin
        return shown

    def __html__(self) -> str:
        return markup(str(self), self.origin)

    # Filters that change the words keep the source: {{ x | ord | capitalize }}.
    def capitalize(self) -> WithOrigin:
        return WithOrigin(str(self).capitalize(), self.origin)

    def upper(self) -> WithOrigin:
        return WithOrigin(str(self).upper(), self.origin)

    def lower(self) -> WithOrigin:
        return WithOrigin(str(self).lower(), self.origin)


def with_origin(text: str, value: object) -> str:
    """`text` (the formatted `value`) that links to the value's source, if it has one."""
    origin = origin_of(value)
    return WithOrigin(text, origin) if origin and isinstance(text, str) else text


def shown(text: str, value: object) -> str:
    """HTML: `text` linked to the source of `value`, or `text` as it is."""
    origin = origin_of(value)
    return str(markup(text, origin)) if origin else text


def resolve_links(html: str, edit_uri: str) -> str:
    """Point the source links at the repository, on GitHub the file's line (``blob``)."""
    if REPOSITORY not in html:
        return html
    base = re.sub(r"docs/?$", "", edit_uri).replace("/edit/", "/blob/", 1)
    return html.replace(f'href="{REPOSITORY}', f'href="{base}')
