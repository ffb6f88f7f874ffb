"""A value not filled in yet, in a draft edition (``status: utkast`` in datapackage.yaml).

A draft builds with every empty value shown as »uppgift saknas«, and every sum, share or
comparison that needs it is missing too, so nothing is computed from a guess. A published
edition allows no missing value: the build lists each one instead.
"""

from __future__ import annotations

MISSING_TEXT = "uppgift saknas"


class Missing:
    """The one missing value; arithmetic with it stays missing, and it is never true."""

    _instance: Missing | None = None

    def __new__(cls) -> Missing:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "MISSING"

    def __str__(self) -> str:
        return MISSING_TEXT

    def __bool__(self) -> bool:
        return False

    def _same(self, *_args) -> Missing:
        return self

    def _false(self, _other) -> bool:
        return False

    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = _same
    __truediv__ = __rtruediv__ = __floordiv__ = __rfloordiv__ = __neg__ = __abs__ = _same
    __lt__ = __le__ = __gt__ = __ge__ = _false
    __hash__ = object.__hash__


MISSING = Missing()


def is_missing(value: object) -> bool:
    return value is MISSING


def draft_value(value: object, handler):
    """A wrap validator for a draft's fields: an empty value is `MISSING`, others are
    validated as usual."""
    if value is None or value is MISSING or (isinstance(value, str) and not value.strip()):
        return MISSING
    return handler(value)
