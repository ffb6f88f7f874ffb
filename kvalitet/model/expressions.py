"""Expressions in an edition's description: derived values, checks and captions.

They are Jinja expressions, the same language as the Markdown pages, evaluated in a
sandbox with strict undefined names and a few helpers:

- ``summa(lista, "falt")``: the sum of a field over a list (rows of a CSV file);
- ``rakna(lista, "a.b", falt=varde)``: how many items the dotted path reaches through
  nested lists, counting only those whose fields equal the given values;
- ``andel(del, helhet)``: del as per cent of helhet (a float, shown as whole per cent);
- ``nara(a, b, tolerans)``: whether a and b differ by at most tolerans.

A value computed from a count the small-count rule hides is hidden too (`small_counts.py`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal
from functools import cache

from jinja2 import StrictUndefined, TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment

from kvalitet.model.missing import MISSING, Missing
from kvalitet.model.small_counts import column_total, hidden, is_hidden, real


def _items(value: object) -> list:
    return list(value) if isinstance(value, Iterable) and not isinstance(value, str) else [value]


def summa(lista: Iterable, falt: str) -> object:
    # A sum with exactly one hidden count in it would give that count away (small_counts.py).
    return column_total([getattr(item, falt) for item in lista])


def rakna(lista: Iterable, sokvag: str = "", **villkor) -> int | Missing:
    items = list(lista)
    for part in filter(None, sokvag.split(".")):
        values = [getattr(item, part) for item in items]
        if any(value is MISSING for value in values):
            return MISSING  # a draft's list not filled in: how many is not known yet
        items = [child for value in values for child in _items(value)]
    if any(getattr(item, key) is MISSING for item in items for key in villkor):
        return MISSING  # nor how many match, while a value compared is missing
    return sum(all(getattr(item, k) == v for k, v in villkor.items()) for item in items)


class ShareError(ValueError):
    """A share that cannot be one: below 0 or over 100 per cent."""


def andel(del_: object, helhet: object) -> float | Missing:
    if MISSING in (del_, helhet):
        return MISSING
    if is_hidden(del_) or is_hidden(helhet):  # a share of a hidden count reveals it
        return hidden(andel(real(del_), real(helhet)))
    share = float(del_) * 100 / float(helhet)
    if not 0 <= share <= 100:  # a part larger than its whole: one of them is wrong
        raise ShareError(
            f"andelen blir {share:.0f} procent: delen ({del_}) och helheten ({helhet}) stämmer inte"
        )
    return share


def nara(a: object, b: object, tolerans: object = 0) -> bool:
    if MISSING in (a, b):
        return True  # nothing to compare yet in a draft
    a, b = real(a), real(b)  # a check may compare hidden values
    return abs(Decimal(str(a)) - Decimal(str(b))) <= Decimal(str(tolerans))


HELPERS: dict[str, Callable] = {"summa": summa, "rakna": rakna, "andel": andel, "nara": nara}


@cache
def environment() -> SandboxedEnvironment:
    from kvalitet.render.formatting import FILTERS  # the report's number filters

    env = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False)
    env.filters.update(FILTERS)
    env.globals.update(HELPERS)
    return env


class ExpressionError(Exception):
    """An expression that cannot be read or evaluated, in Swedish."""


@cache
def compiled(expression: str) -> Callable:
    try:
        return environment().compile_expression(expression, undefined_to_none=False)
    except TemplateSyntaxError as error:
        raise ExpressionError(
            f"uttrycket »{expression}« är felskrivet ({error.message})."
        ) from None


@cache
def template(text: str):
    try:
        return environment().from_string(text)
    except TemplateSyntaxError as error:
        raise ExpressionError(f"texten »{text}« är felskriven ({error.message}).") from None


def evaluate(expression: str, names: dict[str, object]) -> object:
    """The value of `expression` with `names`; `ExpressionError` explains a failure."""
    try:
        return compiled(expression)(**names)
    except ExpressionError:
        raise
    except Exception as error:
        raise ExpressionError(
            f"uttrycket »{expression}« går inte att räkna ut: {_why(error)}"
        ) from None


def render(text: str, names: dict[str, object]) -> str:
    try:
        return template(text).render(**names)
    except ExpressionError:
        raise
    except Exception as error:
        raise ExpressionError(f"texten »{text}« går inte att skriva ut: {_why(error)}") from None


def _why(error: Exception) -> str:
    message = str(error)
    if type(error).__name__ == "UndefinedError":
        name = message.split("'")[1] if "'" in message else message
        return f"namnet »{name}« finns inte."
    if isinstance(error, ZeroDivisionError):
        return "division med noll."
    if isinstance(error, ShareError):
        return f"{error}."
    return f"{type(error).__name__}: {message}."
