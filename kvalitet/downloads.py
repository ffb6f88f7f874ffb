"""Every dataset as a download, generated from the validated data at build time.

Each data file of the edition becomes a CSV file (UTF-8, comma between columns, decimal
point) and an Excel workbook (.xlsx, which Swedish Excel opens with its own decimal comma),
and all of them are offered together as one ZIP. A YAML file becomes two columns,
``uppgift`` (the path used in Markdown) and ``varde``. Nothing here is kept by hand.
The files carry fixed timestamps so that the same data always gives the same bytes.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from fractions import Fraction

import pandas as pd
from pydantic import BaseModel

from .dataset import RowSet
from .datasets import DATASETS
from .edition import JAMFORELSETAL, Edition, PreviousYear

FORMATS = ("csv", "xlsx")


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


def xlsx_bytes(frame: pd.DataFrame, sheet: str, stamp: datetime) -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame.to_excel(writer, sheet_name=sheet[:31], index=False)
        properties = writer.book.properties
        properties.creator = "Omsorgsenheten, Nacka kommun"
        properties.created = properties.modified = stamp
    return _stable_zip(buffer.getvalue(), stamp)


def download_path(year: int, name: str, suffix: str = "csv") -> str:
    return f"data/{year}/{name}.{suffix}"


def zip_path(year: int) -> str:
    return f"data/{year}/kvalitetsberattelse-{year}-data.zip"


def generated_downloads(current: Edition, previous: PreviousYear) -> dict[str, bytes]:
    """{site path: bytes} for every download of the edition, the ZIP included."""
    stamp = datetime(current.year + 1, 1, 1)
    frames = {(current.year, name): frame_of(value) for name, value in current.values.items()}
    if previous.stated:
        frames[(previous.year, JAMFORELSETAL.removesuffix(".yaml"))] = pd.DataFrame(
            [(path, _plain(value)) for path, value in previous.stated.items()],
            columns=["uppgift", "varde"],
        )
    files = {}
    for (year, name), frame in frames.items():
        files[download_path(year, name, "csv")] = csv_bytes(frame)
        files[download_path(year, name, "xlsx")] = xlsx_bytes(frame, name, stamp)
    files[zip_path(current.year)] = _archive(files, readme(current, previous), stamp)
    return files


def readme(current: Edition, previous: PreviousYear) -> str:
    lines = [
        f"Kvalitetsberättelse {current.year}, Omsorgsenheten, Nacka kommun: datafiler",
        "",
        "Varje datafil finns som CSV (UTF-8, komma mellan kolumnerna, decimalpunkt) och som",
        "Excel-fil (.xlsx). Filerna skapas från samma data som webbplatsen.",
        "",
    ]
    for dataset in DATASETS:
        lines.append(f"{dataset.name}: {dataset.description} (avsnitt {dataset.section})")
    if previous.stated:
        lines.append(
            f"{previous.year}/jamforelsetal: värden för {previous.year} som rapporten jämför med"
        )
    return "\n".join(lines) + "\n"


def _archive(files: dict[str, bytes], readme_text: str, stamp: datetime) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        _add(archive, "LASMIG.txt", readme_text.encode("utf-8"), stamp)
        for path in sorted(files):
            _add(archive, path.removeprefix("data/"), files[path], stamp)
    return buffer.getvalue()


def _stable_zip(content: bytes, stamp: datetime) -> bytes:
    """The same ZIP (an .xlsx is one) with fixed timestamps, so it is reproducible."""
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    when = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time here
                data = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + when, data
                )
            _add(target, info.filename, data, stamp)
    return buffer.getvalue()


def _add(archive: zipfile.ZipFile, name: str, content: bytes, stamp: datetime) -> None:
    info = zipfile.ZipInfo(name, date_time=stamp.timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, content)


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
    """Values as CSV and Excel should hold them: numbers (Decimals keep their stated
    decimals) as numbers, fractions and yes/no as text."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, Fraction):
        return f"{value.numerator}/{value.denominator}"
    if isinstance(value, bool):
        return "ja" if value else "nej"
    return value
