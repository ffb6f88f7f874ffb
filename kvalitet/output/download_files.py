"""Writing an edition's download files from their rows and sheets (`downloads.py` decides
what they hold). A worker process runs `write` (see `site/generated.py`), so this module
imports nothing of the data model, and the CSV files are written without pandas."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kvalitet.cache_files import remove_replaced, write_folder
from kvalitet.output.xlsx import Sheet, add, workbook_bytes

README = "LASMIG.txt"


@dataclass(frozen=True)
class Job:
    """What `write` needs for one edition's downloads."""

    year: int
    tables: dict[tuple[int, str], tuple[list[dict], Sheet]]  # {(year, name): (rows, sheet)}
    described: dict[str, bytes]  # datapackage.json and the JSON files, by site path
    readme: str
    stamp: datetime  # every file's timestamp


def download_path(year: int, name: str, suffix: str = "csv") -> str:
    return f"data/{year}/{name}.{suffix}"


def zip_path(year: int) -> str:
    return f"data/{year}/kvalitetsberattelse-{year}-data.zip"


def write(job: Job) -> dict[str, bytes]:
    """{site path: bytes} of the CSV and Excel files and of the ZIP holding all of them."""
    files = dict(job.described)
    for (year, name), (rows, sheet) in job.tables.items():
        files[download_path(year, name, "csv")] = csv_bytes(rows)
        files[download_path(year, name, "xlsx")] = workbook_bytes(sheet, job.stamp)
    files[zip_path(job.year)] = _archive(files, job.readme, job.stamp)
    return files


def write_into(job: Job, cached: Path) -> None:
    """`write` into the folder `cached`, each file at its site path (in place of the
    edition's older folders): a worker process hands back nothing, and the build copies
    the files into the site from there."""
    remove_replaced(cached.parent.glob(f"{job.year}-*"), {cached})
    write_folder(cached, write(job))


def csv_bytes(rows: list[dict]) -> bytes:
    """`rows` as CSV, byte for byte as pandas wrote them (``DataFrame(rows).to_csv``, which
    the published files came from): a column per key in order of appearance, an empty
    cell for a missing value, and whole numbers as decimals (5.0) in a column that lacks
    some (pandas made it a column of floats)."""
    columns = list(dict.fromkeys(key for row in rows for key in row))
    shown = [_shown([row.get(column) for row in rows]) for column in columns]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([cells[index] for cells in shown] for index in range(len(rows)))
    return buffer.getvalue().encode("utf-8")


def _shown(values: list[object]) -> list[str]:
    present = [value for value in values if value is not None]
    numbers = all(isinstance(v, int | float) and not isinstance(v, bool) for v in present)
    floats = len(present) < len(values) or any(isinstance(v, float) for v in present)
    if present and numbers and floats:
        return ["" if value is None else repr(float(value)) for value in values]
    return ["" if value is None else str(value) for value in values]


def _archive(files: dict[str, bytes], readme_text: str, stamp: datetime) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        add(archive, README, readme_text.encode("utf-8"), stamp)
        for path in sorted(files):
            add(archive, path.removeprefix("data/"), files[path], stamp)
    return buffer.getvalue()
