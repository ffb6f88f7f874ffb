"""Swedish number formatting, used as Jinja filters in the Markdown pages.

All digits, separators and signs come from Babel's data for sv_SE: ``1 600`` with a
non-breaking space, ``59,1``, ``3 638 kr``, ``60 miljoner``, a true minus sign (−).
Rounding is half up, as in Swedish official statistics. Values typed into a data file
keep the decimals they were typed with (``40.0`` shows as ``40,0``); computed values
(floats) show whole numbers unless `decimaler` is given.
"""

from __future__ import annotations

import copy
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from functools import cache, wraps

from babel import Locale
from babel.numbers import (
    get_minus_sign_symbol,
    get_plus_sign_symbol,
)

from kvalitet.model.missing import MISSING, MISSING_TEXT
from kvalitet.model.problems import EditorError
from kvalitet.model.provenance import with_origin
from kvalitet.model.small_counts import HIDDEN_TEXT, Hidden, SmallCount, hidden_text

LOCALE = Locale.parse("sv_SE")  # parsed once: Babel parses a name on every call
NBSP = "\u00a0"

# Swedish number words 0–20; Babel has no spell-out rules. Index 1 is the common gender.
_WORDS = (  # noqa: SIM905
    "noll en två tre fyra fem sex sju åtta nio tio elva tolv tretton fjorton femton sexton "
    "sjutton arton nitton tjugo"
).split()
_PARTS = {
    3: "tredjedel",
    4: "fjärdedel",
    5: "femtedel",
    6: "sjättedel",
    8: "åttondel",
    10: "tiondel",
}


def _number(value: object, filter_name: str) -> Decimal:
    """`value` as a Decimal, or a Swedish error naming the filter."""
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal, Fraction)):
        if value is None:
            got = "inget värde (uppgiften saknas i datan)"
        elif isinstance(value, str):
            got = f"texten »{value}«"
        else:
            got = f"»{value}«"
        raise EditorError(f"filtret »{filter_name}« behöver ett tal men fick {got}.")
    if isinstance(value, Fraction):
        return Decimal(value.numerator) / Decimal(value.denominator)
    if isinstance(value, float):
        return Decimal(str(value))
    return Decimal(value)


def _places(value: object, decimaler: int | None) -> int:
    if decimaler is not None:
        return int(decimaler)
    if isinstance(value, Decimal):
        return max(0, -value.as_tuple().exponent)
    return 0


def _round(number: Decimal, places: int) -> Decimal:
    return number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


@cache
def _pattern(kind: str, places: int):
    """The locale's own pattern for `kind`, with a fixed number of decimals."""
    locale = LOCALE
    pattern = copy.copy(
        {
            "decimal": locale.decimal_formats[None],
            "percent": locale.percent_formats[None],
            "currency": locale.currency_formats["standard"],
        }[kind]
    )
    pattern.frac_prec = (places, places)
    return pattern


@cache
def _minus() -> str:
    return get_minus_sign_symbol(LOCALE)


def _apply(kind: str, number: Decimal, places: int, **options) -> str:
    """Format an already rounded `number` with the locale's pattern for `kind`."""
    text = _pattern(kind, places).apply(number, LOCALE, **options)
    return text.replace("-", _minus())


def tal(value: object, decimaler: int | None = None) -> str:
    """A number: ``1 070``, ``34,7``."""
    if isinstance(value, SmallCount):
        return HIDDEN_TEXT
    places = _places(value, decimaler)
    return _apply("decimal", _round(_number(value, "tal"), places), places)


def antal(value: object) -> str:
    """A count: ``1 600``. Refuses numbers with decimals."""
    if isinstance(value, SmallCount):
        return HIDDEN_TEXT
    number = _number(value, "antal")
    if number != number.to_integral_value():
        raise EditorError(
            f"filtret »antal« visar heltal men fick {value}. Använd »tal« eller »procent«."
        )
    return _apply("decimal", number, 0)


def procent(value: object, decimaler: int | None = None) -> str:
    """A share in running text: ``59,1 procent``."""
    number = _number(value, "procent")
    places = _places(value, decimaler)
    return f"{_apply('decimal', _round(number, places), places)}{NBSP}procent"


def procenttecken(value: object, decimaler: int | None = None) -> str:
    """A share in a table: ``59,1 %``."""
    places = _places(value, decimaler)
    # Round the per cent value itself; Babel's percent pattern multiplies by 100.
    return _apply("percent", _round(_number(value, "procenttecken"), places) / 100, places)


def kr(value: object) -> str:
    """An amount in kronor: ``3 638 kr``."""
    number = _round(_number(value, "kr"), 0)
    return _apply("currency", number, 0, currency="SEK", currency_digits=False)


def miljoner(value: object) -> str:
    """A large amount in words: ``60 miljoner``, ``1 miljon``, ``1,5 miljoner``; below a
    million, ``800 tusen``. Rounded half up, like every other filter."""
    number = _number(value, "miljoner")
    if abs(_round(number / 1_000, 0)) >= 1_000:  # 999 999 is "1 miljon", not "1 000 tusen"
        millions = _round(number / 1_000_000, 1)
        places = 0 if millions == millions.to_integral_value() else 1
        word = "miljon" if millions == 1 else "miljoner"
        return f"{_apply('decimal', millions, places)} {word}"
    if abs(number) >= 1_000:
        return f"{_apply('decimal', _round(number / 1_000, 0), 0)} tusen"
    return _apply("decimal", _round(number, 0), 0)


def forandring(value: object, decimaler: int | None = None) -> str:
    """A signed change: ``+55``, ``−23``, ``0``."""
    number = _number(value, "forandring")
    places = _places(value, decimaler)
    rounded = _round(number, places)
    sign = ""
    if rounded > 0:
        sign = get_plus_sign_symbol(LOCALE)
    elif rounded < 0:
        sign = get_minus_sign_symbol(LOCALE)
    return sign + _apply("decimal", abs(rounded), places)


def ord(value: object, genus: str = "en") -> str:
    """A small count in words: ``sju``; ``genus="ett"`` for neuter nouns (``ett år``).

    Counts above twenty are shown in digits, as Swedish style guides advise.
    """
    if isinstance(value, SmallCount):
        return HIDDEN_TEXT
    number = _number(value, "ord")
    if number != number.to_integral_value() or number < 0:
        raise EditorError(f"filtret »ord« skriver heltal från noll och uppåt men fick {value}.")
    if number > 20:
        return antal(number)
    if number == 1:
        if genus not in {"en", "ett"}:
            raise EditorError(f"filtret »ord« tar genus »en« eller »ett«, inte »{genus}«.")
        return genus
    return _WORDS[int(number)]


def brak(value: object) -> str:
    """A rough share as words: ``två tredjedelar``, ``hälften``."""
    if not isinstance(value, Fraction):
        raise EditorError(f"filtret »brak« behöver ett bråk som 2/3 men fick »{value}«.")
    if value == Fraction(1, 2):
        return "hälften"
    if value.denominator not in _PARTS:
        raise EditorError(f"filtret »brak« kan inte skriva {value} med ord.")
    part = _PARTS[value.denominator]
    return f"{ord(value.numerator)} {part}" + ("" if value.numerator == 1 else "ar")


class ShownAsIs(int):
    """A number meant to be shown as it is, such as a year or a table's number: ``{{ ar }}``.
    Arithmetic with it (``{{ ar + 1 }}``) gives another."""

    def __add__(self, other):
        return ShownAsIs(int(self) + other) if isinstance(other, int) else NotImplemented

    def __sub__(self, other):
        return ShownAsIs(int(self) - other) if isinstance(other, int) else NotImplemented

    __radd__ = __add__


def unformatted(value: object) -> bool:
    """A number from the data printed without a filter (``{{ x }}`` rather than ``{{ x | antal }}``)."""
    numbers = (int, float, Decimal, Fraction, Hidden)
    return isinstance(value, numbers) and not isinstance(value, bool | ShownAsIs)


def _source_shown(function):
    """`function`, whose text links to the value's source in the preview (`provenance`)."""

    @wraps(function)
    def show(value, *args, **kwargs):
        return with_origin(function(value, *args, **kwargs), value)

    return show


def _missing_shown(function):
    """`function`, showing a value a draft still lacks as »uppgift saknas«."""

    @wraps(function)
    def show(value, *args, **kwargs):
        return MISSING_TEXT if value is MISSING else function(value, *args, **kwargs)

    return show


def _hidden_shown(function):
    """`function`, showing a value the small-count rule hides as »färre än 5« or »dold«."""

    @wraps(function)
    def show(value, *args, **kwargs):
        text = hidden_text(value)
        return text if text is not None else function(value, *args, **kwargs)

    return show


# Every caller (tables, figures, comparisons) gets the hiding versions.
tal, antal, procent, procenttecken, kr, miljoner, forandring, ord = map(
    _hidden_shown, (tal, antal, procent, procenttecken, kr, miljoner, forandring, ord)
)

FILTERS = {
    "antal": antal,
    "tal": tal,
    "procent": procent,
    "procenttecken": procenttecken,
    "kr": kr,
    "miljoner": miljoner,
    "forandring": forandring,
    "ord": ord,
    "brak": brak,
}
FILTERS = {name: _missing_shown(_source_shown(function)) for name, function in FILTERS.items()}
"""Filter name in Markdown -> function."""
