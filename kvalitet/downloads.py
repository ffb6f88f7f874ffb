"""Every dataset as a CSV file on the site, generated from the validated data.

CSV files are UTF-8 with comma separators and decimal points; a YAML file becomes two
columns, ``uppgift`` (the path used in Markdown) and ``varde``. Nothing here is kept by
hand: the files are written at build time from the same objects the pages use.
"""

from __future__ import annotations

import io
from decimal import Decimal
from fractions import Fraction

import pandas as pd
from pydantic import BaseModel

from .dataset import RowSet
from .edition import Edition, PreviousYear


def frame_of(value: object) -> pd.DataFrame:
    """The data of one dataset as a table."""
    if isinstance(value, RowSet):
        return pd.DataFrame([_plain(row.model_dump()) for row in value.rows])
    if hasattr(value, "as_rows"):  # nested data with a natural table, e.g. the quality plan
        return pd.DataFrame(value.as_rows())
    return pd.DataFrame(list(_flatten(value, "")), columns=["uppgift", "varde"])


def csv_bytes(frame: pd.DataFrame) -> bytes:
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue().encode("utf-8")


def download_path(year: int, name: str, suffix: str = "csv") -> str:
    return f"data/{year}/{name}.{suffix}"


def generated_downloads(current: Edition, previous: PreviousYear) -> dict[str, bytes]:
    files = {
        download_path(current.year, name): csv_bytes(frame_of(value))
        for name, value in current.values.items()
    }
    if previous.stated:
        frame = pd.DataFrame(
            [(path, _plain(value)) for path, value in previous.stated.items()],
            columns=["uppgift", "varde"],
        )
        files[download_path(previous.year, "jamforelsetal")] = csv_bytes(frame)
    return files


def _flatten(value: object, prefix: str):
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _flatten(getattr(value, name), f"{prefix}.{name}" if prefix else name)
    elif isinstance(value, list):
        for index, item in enumerate(value, 1):
            yield from _flatten(item, f"{prefix}[{index}]")
    else:
        yield prefix, _plain(value)


def _plain(value):
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, Fraction):
        return f"{value.numerator}/{value.denominator}"
    if isinstance(value, bool):
        return "ja" if value else "nej"
    return value
