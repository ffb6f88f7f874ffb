"""The small-count rule: counts of 1–4 people are not published.

A resource opts in with ``smallCounts: true`` in datapackage.yaml. Every count of 1 to 4
in it then becomes a `SmallCount`, shown as "färre än 5" everywhere: text, tables,
figures and downloads. Where one hidden count could be worked out from a total and the
other values, the smallest other value of the column is hidden too (`AlsoHidden`, shown
as "dold"; secondary suppression). Anything computed from a hidden value (a share, a
difference, a sum of a few values) is `Hidden` and shown as "dold"; checks still compare
the real values. A column total stays visible when at least two of its values are hidden.

The rule is off for every dataset of the 2019 report, which publishes its counts.
"""

from __future__ import annotations

import operator
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported where models are protected: the figure workers need no pydantic
    from pydantic import BaseModel

SMALL = range(1, 5)
HIDDEN_TEXT = "färre än 5"
ALSO_HIDDEN_TEXT = "dold"
FOOTNOTE = (
    "Färre än 5: antal mellan 1 och 4 visas inte, för att skydda enskilda personer. "
    "Dold: värdet visas inte eftersom ett dolt antal annars skulle kunna räknas fram ur det."
)


def real(value: object) -> object:
    """The value behind a hidden one, for arithmetic and checks (never for showing)."""
    if isinstance(value, Hidden):
        return value.value
    return int(value) if isinstance(value, SmallCount) else value


def hidden(value: object) -> object:
    """`value` computed from a hidden one: `Hidden`, unless a draft still lacks it."""
    from kvalitet.model.missing import MISSING

    return value if value is MISSING else Hidden(real(value))


def _hiding(op, reflected: bool = False):
    def method(self, *other):
        args = (real(other[0]), real(self)) if reflected else (real(self), *map(real, other))
        return hidden(op(*args))

    return method


class _Arithmetic:
    """Arithmetic whose result is `Hidden`: a share or difference would reveal the value."""

    __add__, __radd__ = _hiding(operator.add), _hiding(operator.add, True)
    __sub__, __rsub__ = _hiding(operator.sub), _hiding(operator.sub, True)
    __mul__, __rmul__ = _hiding(operator.mul), _hiding(operator.mul, True)
    __truediv__, __rtruediv__ = _hiding(operator.truediv), _hiding(operator.truediv, True)
    __floordiv__, __rfloordiv__ = _hiding(operator.floordiv), _hiding(operator.floordiv, True)
    __mod__, __rmod__ = _hiding(operator.mod), _hiding(operator.mod, True)
    __neg__, __abs__, __round__ = _hiding(operator.neg), _hiding(abs), _hiding(round)


class SmallCount(_Arithmetic, int):
    """A count between 1 and 4 that must not be shown."""

    text = HIDDEN_TEXT
    __hash__ = int.__hash__


class AlsoHidden(SmallCount):
    """A count hidden so that a hidden one cannot be worked out from the total."""

    text = ALSO_HIDDEN_TEXT


class Hidden(_Arithmetic):
    """A value computed from a hidden count: compared as its real value, never shown."""

    __slots__ = ("value",)
    text = ALSO_HIDDEN_TEXT

    def __init__(self, value: object):
        self.value = value

    def __repr__(self) -> str:
        return f"Hidden({self.value!r})"

    def __str__(self) -> str:
        return ALSO_HIDDEN_TEXT

    def __bool__(self) -> bool:
        return bool(self.value)

    def __hash__(self) -> int:
        return hash(self.value)

    def __eq__(self, other):
        return self.value == real(other)

    def __lt__(self, other):
        return self.value < real(other)

    def __le__(self, other):
        return self.value <= real(other)

    def __gt__(self, other):
        return self.value > real(other)

    def __ge__(self, other):
        return self.value >= real(other)


def is_hidden(value: object) -> bool:
    return isinstance(value, SmallCount | Hidden)


def hidden_text(value: object) -> str | None:
    """ "färre än 5" or "dold" for a value that must not be shown, else None."""
    return value.text if is_hidden(value) else None


def _count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def protect(model: BaseModel) -> BaseModel:
    """A copy of `model` whose counts 1–4 (also in nested models) are `SmallCount`s; in a
    nested list of records each count column is also protected as a whole (`protect_rows`)."""
    from pydantic import BaseModel

    changes = {}
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            changes[name] = protect(value)
        elif isinstance(value, list) and any(isinstance(v, BaseModel) for v in value):
            changes[name] = protect_rows(
                [protect(v) if isinstance(v, BaseModel) else v for v in value]
            )
        elif _count(value) and value in SMALL:
            changes[name] = SmallCount(value)
    return model.model_copy(update=changes)


def protect_rows(rows: list) -> list:
    """`rows` (already protected one by one) with secondary suppression per count column:
    the cells `cells_to_hide` adds become `AlsoHidden`."""
    from pydantic import BaseModel

    models = [row for row in rows if isinstance(row, BaseModel)]
    if not models:
        return rows
    changes: dict[int, dict] = {}
    for name in type(models[0]).model_fields:
        values = [getattr(row, name, None) if isinstance(row, BaseModel) else None for row in rows]
        for i in cells_to_hide(values):
            if not isinstance(values[i], SmallCount):
                changes.setdefault(i, {})[name] = AlsoHidden(values[i])
    return [
        row.model_copy(update=changes[i]) if i in changes else row for i, row in enumerate(rows)
    ]


def hide_column(values: list) -> list:
    """Counts shown together (e.g. bars counted from rows): 1–4 as `SmallCount`, with the
    same secondary suppression as a column of a data file."""
    values = [SmallCount(v) if _count(v) and v in SMALL else v for v in values]
    extra = cells_to_hide(values)
    return [AlsoHidden(v) if i in extra and not is_hidden(v) else v for i, v in enumerate(values)]


def cells_to_hide(values: list) -> set[int]:
    """Indexes of `values` to hide when their total is shown.

    Every `SmallCount` is hidden; if exactly one is, the smallest other non-zero count is
    hidden as well (every one of that size, so the choice does not depend on row order),
    so that the total does not give the hidden one away.
    """
    hidden_ = {i for i, value in enumerate(values) if isinstance(value, SmallCount)}
    if len(hidden_) == 1:
        others = [v for i, v in enumerate(values) if i not in hidden_ and _count(v) and v > 0]
        if others:
            hidden_ |= {
                i
                for i, v in enumerate(values)
                if i not in hidden_ and v == min(others) and _count(v)
            }
    return hidden_


def column_total(values: list) -> object:
    """The sum of a column (``summa``): visible unless it would reveal a hidden count."""
    found = [v for v in values if is_hidden(v)]
    total = sum((real(v) for v in values), 0)
    if not found:
        return sum(values, 0)
    if len(found) == 1:  # total minus the others would be the hidden value
        return hidden(total)
    return SmallCount(total) if _count(total) and total in SMALL else total
