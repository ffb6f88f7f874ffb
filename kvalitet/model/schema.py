"""Building blocks for the data schemas and Swedish wording for validation errors.

Every data file has a pydantic model (`Facts` for YAML files, `Row` for each CSV row).
The field types here (`Antal`, `Andel`, `Text`, ...) carry the rules an editor must meet,
and `describe_errors` turns pydantic's errors into `Problem`s in Swedish.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import Annotated, Any, Literal, get_args, get_origin

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
)

from kvalitet.model.problems import Problem, did_you_mean


def no_bool(value: object) -> object:
    # YAML turns `yes`/`true` into booleans, and pydantic would read True as 1.
    if isinstance(value, bool):
        raise ValueError("är ja/nej-värde, inte ett tal.")
    return value


# Thousands may be separated by a space, a non-breaking space (U+00A0) or a narrow
# no-break space (U+202F), the way Swedish text and Excel write 1 600.
_SPACE = "[ \u00a0\u202f]"
_WHOLE = rf"[-+]?(?:[0-9]+|[0-9]{{1,3}}(?:{_SPACE}[0-9]{{3}})+)"
_INTEGER = re.compile(_WHOLE)
_DECIMAL = re.compile(rf"{_WHOLE}(?:[.,][0-9]+)?")

# How the unit of a field may follow its value: `59,1 %`, `3 638 kr`.
UNIT_WORDS = {"procent": ("%", "procent"), "kr": ("kr", "kronor")}


def _without_unit(text: str, unit: str | None) -> str:
    """`text` without a trailing unit that matches `unit`."""
    for word in UNIT_WORDS.get(unit or "", ()):
        if text.lower().endswith(word):
            rest = re.sub(f"{_SPACE}+$", "", text[: -len(word)])
            if rest[-1:].isdigit():
                return rest
    return text


def swedish_number(*, decimals: bool, unit: str | None = None) -> Callable[[object], object]:
    """A before-validator reading a number the way Swedish editors type it.

    Spaces between groups of thousands (`1 600`), a decimal comma (`59,1`, number fields
    only) and a trailing unit that matches the field's (`59,1 %`, `3 638 kr`) are accepted.
    Anything else is passed on unchanged, so that the usual message shows what was typed.
    """
    pattern = _DECIMAL if decimals else _INTEGER

    def read(value: object) -> object:
        value = no_bool(value)
        if not isinstance(value, str):
            return value
        text = _without_unit(value.strip(), unit)
        if not pattern.fullmatch(text):
            return value
        return re.sub(_SPACE, "", text).replace(",", ".")

    return read


def heltal(unit: str | None = None, **bounds: float) -> Any:
    """The type of a whole-number field: `bounds` are pydantic's ge/le."""
    reader = swedish_number(decimals=False, unit=unit)
    return Annotated[int, BeforeValidator(reader), Field(**bounds)]


def decimaltal(unit: str | None = None, **bounds: float) -> Any:
    """The type of a number field, kept with the decimals typed (`40,0` stays 40.0)."""
    reader = swedish_number(decimals=True, unit=unit)
    return Annotated[Decimal, BeforeValidator(reader), Field(**bounds)]


def _ja_nej(value: object) -> object:
    if isinstance(value, str):
        word = value.strip().lower()
        if word in {"ja", "nej"}:
            return word == "ja"
        raise ValueError("ska vara »ja« eller »nej«.")
    return value


def _fraction(value: object) -> object:
    if isinstance(value, str) and "/" in value:
        top, _, bottom = value.partition("/")
        try:
            value = Fraction(int(top), int(bottom))
        except (ValueError, ZeroDivisionError):
            raise ValueError("ska vara ett bråk som 2/3.") from None
    if not isinstance(value, Fraction) or not 0 <= value <= 1:
        raise ValueError("ska vara ett bråk mellan 0 och 1, t.ex. 2/3.")
    return value


Brak = Annotated[Fraction, BeforeValidator(_fraction)]
"""A rough share written as a fraction, e.g. 2/3 ("två tredjedelar")."""

Antal = heltal(ge=0)
"""A count: a whole number, zero or more."""

Belopp = heltal("kr", ge=0)
"""An amount in kronor, whole kronor."""

Andel = decimaltal("procent", ge=0, le=100)
"""A share in per cent (0–100), kept with the decimals the report states."""

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
"""Non-empty text."""

JaNej = Annotated[bool, BeforeValidator(_ja_nej)]
"""»ja« or »nej« (in any case: Ja, NEJ) in a CSV column."""

Nyckel = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[a-z][a-z0-9_]*$")]
"""A key used from Markdown: lower case a–z, digits and _, e.g. daglig_verksamhet."""


class Facts(BaseModel):
    """Model of a YAML data file (or a group of keys inside one)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Row(BaseModel):
    """Model of one row of a CSV data file."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


_NUMBER_HINT = "ett tal, t.ex. 59,1 eller 59.1"

# pydantic error type -> (what is wrong, what was expected); {..} is filled from the error.
_WORDING: dict[str, tuple[str, str]] = {
    "int_parsing": ("är inte ett heltal.", "ett heltal, t.ex. 14"),
    "int_type": ("är inte ett heltal.", "ett heltal, t.ex. 14"),
    "int_from_float": ("är inte ett heltal.", "ett heltal utan decimaler"),
    "decimal_parsing": ("är inte ett tal.", _NUMBER_HINT),
    "decimal_type": ("är inte ett tal.", _NUMBER_HINT),
    "float_parsing": ("är inte ett tal.", _NUMBER_HINT),
    "float_type": ("är inte ett tal.", _NUMBER_HINT),
    "greater_than_equal": ("är för litet.", "ett tal som är {ge} eller större"),
    "greater_than": ("är för litet.", "ett tal större än {gt}"),
    "less_than_equal": ("är för stort.", "ett tal som är högst {le}"),
    "less_than": ("är för stort.", "ett tal mindre än {lt}"),
    "string_type": ("är inte text.", 'text; sätt värdet inom citattecken, t.ex. "4.6"'),
    "string_too_short": ("är tomt.", "text"),
    "string_pattern_mismatch": (
        "är inte en giltig nyckel.",
        "små bokstäver a–z, siffror och understreck, t.ex. daglig_verksamhet",
    ),
    "literal_error": ("är inte ett av de tillåtna värdena.", "ett av {expected}"),
    "bool_parsing": ("är inte ja eller nej.", "ja eller nej"),
    "bool_type": ("är inte ja eller nej.", "ja eller nej"),
    "dict_type": ("ska vara en grupp av nycklar.", "nycklar med indrag under denna"),
    "model_type": ("ska vara en grupp av nycklar.", "nycklar med indrag under denna"),
    "model_attributes_type": ("ska vara en grupp av nycklar.", "nycklar med indrag under denna"),
    "list_type": ("ska vara en lista.", "en lista där varje rad börjar med »- «"),
    "too_short": ("listan är för kort.", "minst {min_length} rader"),
    "decimal_max_places": ("har för många decimaler.", "högst {decimal_places} decimaler"),
}


def describe_errors(
    error: ValidationError,
    file: str,
    locate: Callable[[tuple], tuple[int | None, str | None]],
    model: type[BaseModel],
) -> list[Problem]:
    """Swedish `Problem`s for a pydantic `ValidationError` raised by `model`.

    `locate(loc)` gives the line and the field label for an error location.
    """
    problems = []
    for item in error.errors(include_url=False):
        loc = tuple(item["loc"])
        kind = item["type"]
        ctx = {key: _show(value) for key, value in (item.get("ctx") or {}).items()}
        found = item.get("input")
        line, field = locate(loc)
        if kind == "extra_forbidden":
            name = str(loc[-1])
            known = field_names(model, loc[:-1])
            message = f"okänd nyckel »{name}«.{did_you_mean(name, known)}"
            expected = "någon av " + ", ".join(known) if known else None
            problems.append(Problem(file, message, line=line, field=field, expected=expected))
        elif kind == "missing":
            problems.append(
                Problem(
                    file, "nyckeln saknas.", line=line, field=field, expected=expect(model, loc)
                )
            )
        elif found is None or found == "":
            problems.append(
                Problem(file, "värde saknas.", line=line, field=field, expected=expect(model, loc))
            )
        elif kind == "value_error":
            problems.append(
                Problem(file, f"värdet {item['ctx']['error']}", line=line, field=field, found=found)
            )
        else:
            wrong, expected = _WORDING.get(kind, (f"är fel ({item['msg']}).", None))
            problems.append(
                Problem(
                    file,
                    f"värdet {wrong}",
                    line=line,
                    field=field,
                    found=found,
                    expected=expected.format(**ctx) if expected else None,
                )
            )
    return problems


def _show(value: object) -> object:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, str):  # pydantic lists choices as "'a', 'b' or 'c'"
        return re.sub(r"'([^']*)'", r"»\1«", value).replace(" or ", " eller ")
    return value


def _field_at(model: type[BaseModel], loc: tuple):
    """The pydantic field that `loc` points to inside `model`, or None."""
    field = None
    for part in loc:
        if isinstance(part, int):
            continue
        if model is None:
            return None
        field = model.model_fields.get(str(part))
        if field is None:
            return None
        model = _nested_model(field.annotation)
    return field


def _nested_model(annotation) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _nested_model(arg)
        if found:
            return found
    return None


def _plain_types(annotation) -> set:
    """The plain types inside Optional/Union/Annotated, e.g. {Decimal, int}."""
    if get_origin(annotation) is Annotated:
        return _plain_types(get_args(annotation)[0])
    args = get_args(annotation)
    if not args:
        return {annotation}
    return set().union(*(_plain_types(arg) for arg in args))


def field_names(model: type[BaseModel], loc: tuple) -> list[str]:
    """Names of the keys allowed at `loc` (the root when `loc` is empty)."""
    target = model if not loc else _nested_model(getattr(_field_at(model, loc), "annotation", None))
    return list(target.model_fields) if target else []


def expect(model: type[BaseModel], loc: tuple) -> str:
    """What the field at `loc` expects, in Swedish."""
    field = _field_at(model, loc)
    if field is None:
        return "ett värde"
    annotation = field.annotation
    nested = _nested_model(annotation)
    if get_origin(annotation) is list:
        return "en lista där varje rad börjar med »- «"
    if nested:
        return "en grupp med nycklarna " + ", ".join(nested.model_fields)
    if get_origin(annotation) is Literal:
        choices = [f"»{choice}«" for choice in get_args(annotation)]
        return "ett av " + ", ".join(choices[:-1]) + " eller " + choices[-1]
    types = _plain_types(annotation)
    if int in types:
        return "ett heltal, 0 eller större"
    if Decimal in types:
        return "ett tal mellan 0 och 100"
    if Fraction in types:
        return "ett bråk som 2/3"
    if bool in types:
        return "ja eller nej"
    return "text"
