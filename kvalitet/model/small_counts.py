"""The small-count rule: counts of 1–4 people are not published.

A dataset opts in with ``small_counts=True`` in its `Dataset` declaration. Every count of
1 to 4 in it then becomes a `SmallCount`, which the filters and tables show as "färre än
5". Where a table also shows a total, one hidden cell could be worked out from the total
and the others, so the smallest other cell is hidden too (secondary suppression).

The rule is off for every dataset of the 2019 report, which publishes its counts.
"""

from __future__ import annotations

from pydantic import BaseModel

SMALL = range(1, 5)
HIDDEN_TEXT = "färre än 5"
ALSO_HIDDEN_TEXT = "dold"
FOOTNOTE = (
    "Färre än 5: antal mellan 1 och 4 visas inte, för att skydda enskilda personer. "
    "Dold: värdet visas inte eftersom ett dolt antal annars skulle kunna räknas fram ur summan."
)


class SmallCount(int):
    """A count between 1 and 4 that must not be shown."""


def protect(model: BaseModel) -> BaseModel:
    """A copy of `model` whose counts 1–4 (also in nested models) are `SmallCount`s."""
    changes = {}
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            changes[name] = protect(value)
        elif isinstance(value, list):
            changes[name] = [protect(v) if isinstance(v, BaseModel) else v for v in value]
        elif isinstance(value, int) and not isinstance(value, bool) and value in SMALL:
            changes[name] = SmallCount(value)
    return model.model_copy(update=changes)


def cells_to_hide(values: list[int]) -> set[int]:
    """Indexes of `values` to hide when their total is shown.

    Every `SmallCount` is hidden; if exactly one is, the smallest other non-zero value is
    hidden as well, so that the total does not give the hidden one away.
    """
    hidden = {i for i, value in enumerate(values) if isinstance(value, SmallCount)}
    if len(hidden) == 1:
        others = [(value, i) for i, value in enumerate(values) if i not in hidden and value > 0]
        if others:
            hidden.add(min(others)[1])
    return hidden
