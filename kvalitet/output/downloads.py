"""Every dataset as a download, generated from the validated data at build time.

Each data file of the edition becomes a CSV file (UTF-8, comma between columns, decimal
point) and an Excel workbook (.xlsx, which Swedish Excel opens with its own decimal comma),
and all of them are offered together as one ZIP. A YAML file becomes two columns,
``uppgift`` (the path used in Markdown) and ``varde``. Nothing here is kept by hand.
The files carry fixed timestamps so that the same data always gives the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import zipfile
from datetime import datetime
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel

from kvalitet.model.dataset import RowSet
from kvalitet.model.edition import JAMFORELSETAL, Edition, PreviousYear
from kvalitet.model.missing import MISSING
from kvalitet.model.schema import _nested_model
from kvalitet.model.small_counts import ALSO_HIDDEN_TEXT, HIDDEN_TEXT, hidden_text
from kvalitet.output.package_json import package_files

if TYPE_CHECKING:
    import pandas as pd

README = "LASMIG.txt"
_CODE = Path(__file__).read_bytes()


def rows_of(value: object) -> list[dict]:
    """The data of one dataset as table rows."""
    if isinstance(value, RowSet):
        return [_plain(row.model_dump()) for row in value.rows]
    listed = _single_list(type(value))
    if listed:  # a file that is one list of records, e.g. the quality plan: a row per leaf
        name, model = listed
        return _rows(getattr(value, name), model)
    return [{"uppgift": path, "varde": item} for path, item in _flatten(value, "")]


def _list_of_models(annotation) -> type[BaseModel] | None:
    nested = _nested_model(annotation)
    return nested if nested and "list" in str(annotation) else None


def _single_list(model: type[BaseModel]) -> tuple[str, type[BaseModel]] | None:
    fields = list(model.model_fields.items())
    if len(fields) == 1 and _list_of_models(fields[0][1].annotation):
        return fields[0][0], _list_of_models(fields[0][1].annotation)
    return None


def _columns(model: type[BaseModel]) -> list[str]:
    columns = []
    for name, field in model.model_fields.items():
        nested = _list_of_models(field.annotation)
        columns += _columns(nested) if nested else [name]
    return columns


def _rows(items: list[BaseModel], model: type[BaseModel]) -> list[dict]:
    """One row per innermost record; outer values repeat, lists of text are joined with ;."""
    rows = []
    for item in items:
        own, inner = {}, None
        for name, field in model.model_fields.items():
            nested = _list_of_models(field.annotation)
            value = getattr(item, name)
            if nested:
                inner = _rows(value, nested) or [dict.fromkeys(_columns(nested), "")]
            else:
                own[name] = "; ".join(value) if isinstance(value, list) else _plain(value)
        rows += [{**own, **row} for row in inner] if inner is not None else [own]
    return rows


def csv_bytes(frame: pd.DataFrame) -> bytes:
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue().encode("utf-8")


def xlsx_bytes(frame: pd.DataFrame, sheet: str, stamp: datetime) -> bytes:
    import pandas as pd

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


def generated_downloads(
    current: Edition, previous: PreviousYear, cache: Path | None = None
) -> dict[str, bytes]:
    """{site path: bytes} for every download of the edition, the ZIP included.

    The ZIP holds every other file, so it doubles as the cache: when neither the data nor
    this code changed, the files are read back from it instead of being written again.
    """
    tables = {(current.year, name): rows_of(value) for name, value in current.values.items()}
    if previous.stated:
        tables[(previous.year, JAMFORELSETAL.removesuffix(".yaml"))] = [
            {"uppgift": path, "varde": _plain(value)} for path, value in previous.stated.items()
        ]
    text = readme(current, previous)
    described = {
        f"data/{current.year}/{name}": data for name, data in package_files(current).items()
    }
    content = json.dumps(
        [[*key, rows] for key, rows in tables.items()]
        + [text]
        + [[path, data.decode()] for path, data in described.items()],
        default=str,
    )
    key = hashlib.sha256(_CODE + content.encode("utf-8")).hexdigest()[:24]
    cached = cache / f"{current.year}-{key}.zip" if cache else None
    if cached and cached.is_file():
        return _unpack(cached.read_bytes(), current.year)
    files = _write(tables, described, text, datetime(current.year + 1, 1, 1), current.year)
    if cached:
        cache.mkdir(parents=True, exist_ok=True)
        for old in cache.glob(f"{current.year}-*.zip"):
            old.unlink(missing_ok=True)
        partial = cached.with_name(f"{cached.name}.{os.getpid()}.tmp")  # builds may overlap
        partial.write_bytes(files[zip_path(current.year)])
        partial.replace(cached)
    return files


def _write(
    tables: dict, described: dict[str, bytes], text: str, stamp: datetime, year: int
) -> dict[str, bytes]:
    import pandas as pd  # only on a cache miss: the import costs more than building a page

    files = dict(described)
    for (table_year, name), rows in tables.items():
        frame = pd.DataFrame(rows)
        files[download_path(table_year, name, "csv")] = csv_bytes(frame)
        files[download_path(table_year, name, "xlsx")] = xlsx_bytes(frame, name, stamp)
    files[zip_path(year)] = _archive(files, text, stamp)
    return files


def _unpack(archive_bytes: bytes, year: int) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(archive_bytes)) as archive:
        files = {
            f"data/{name}": archive.read(name) for name in archive.namelist() if name != README
        }
    files[zip_path(year)] = archive_bytes
    return files


def readme(current: Edition, previous: PreviousYear) -> str:
    lines = [
        f"Kvalitetsberättelse {current.year}, Omsorgsenheten, Nacka kommun: datafiler",
        "",
        "Varje datafil finns som CSV (UTF-8, komma mellan kolumnerna, decimalpunkt) och som",
        "Excel-fil (.xlsx). Filerna skapas från samma data som webbplatsen.",
        "",
    ]
    for dataset in current.datasets:
        lines.append(
            f"{dataset.name}: {dataset.description.rstrip('.')} (avsnitt {dataset.section})"
        )
    protected = [dataset.name for dataset in current.datasets if dataset.small_counts]
    if protected:
        lines += ["", *SMALL_COUNTS_NOTE, f"Regeln gäller för: {', '.join(protected)}."]
    if previous.stated:
        lines.append(
            f"{previous.year}/jamforelsetal: värden för {previous.year} som rapporten jämför med"
        )
    return "\n".join(lines) + "\n"


SMALL_COUNTS_NOTE = [
    f"Regeln för små tal: ett antal mellan 1 och 4 står som »{HIDDEN_TEXT}«, och ett antal",
    f"som annars skulle avslöja det tillsammans med summan står som »{ALSO_HIDDEN_TEXT}«.",
    "Båda räknas som saknade värden (missingValues i datapackage.json).",
]


def _archive(files: dict[str, bytes], readme_text: str, stamp: datetime) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        _add(archive, README, readme_text.encode("utf-8"), stamp)
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
    decimals) as numbers, fractions, yes/no and hidden small counts as text."""
    if hidden_text(value):  # the same words as on the site, declared as missing values
        return hidden_text(value)
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, Fraction):
        return f"{value.numerator}/{value.denominator}"
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if value is MISSING:
        return None
    return value
