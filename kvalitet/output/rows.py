"""A dataset's values as rows of plain values, as CSV and Excel hold them."""

from __future__ import annotations

from fractions import Fraction

from pydantic import BaseModel

from kvalitet.model.missing import MISSING
from kvalitet.model.schema import _nested_model
from kvalitet.model.small_counts import hidden_text


def _list_of_models(annotation) -> type[BaseModel] | None:
    nested = _nested_model(annotation)
    return nested if nested and "list" in str(annotation) else None


def single_list(model: type[BaseModel]) -> tuple[str, type[BaseModel]] | None:
    fields = list(model.model_fields.items())
    if len(fields) == 1 and _list_of_models(fields[0][1].annotation):
        return fields[0][0], _list_of_models(fields[0][1].annotation)
    return None


def record_columns(model: type[BaseModel]) -> list[str]:
    columns = []
    for name, field in model.model_fields.items():
        nested = _list_of_models(field.annotation)
        columns += record_columns(nested) if nested else [name]
    return columns


def record_rows(items: list[BaseModel], model: type[BaseModel]) -> list[dict]:
    """One row per innermost record; outer values repeat, lists of text are joined with ;."""
    rows = []
    for item in items:
        own, inner = {}, None
        for name, field in model.model_fields.items():
            nested = _list_of_models(field.annotation)
            value = getattr(item, name)
            if nested:
                inner = record_rows(value, nested) or [dict.fromkeys(record_columns(nested), "")]
            else:
                own[name] = "; ".join(value) if isinstance(value, list) else plain(value)
        rows += [{**own, **row} for row in inner] if inner is not None else [own]
    return rows


def plain(value):
    """Values as CSV and Excel should hold them: numbers (Decimals keep their stated
    decimals) as numbers, fractions, yes/no and hidden small counts as text."""
    if hidden_text(value):  # the same words as on the site, declared as missing values
        return hidden_text(value)
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, Fraction):
        return f"{value.numerator}/{value.denominator}"
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if value is MISSING:
        return None
    return value
