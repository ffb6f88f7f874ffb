"""Every dataset as a download, generated from the validated data at build time.

Each data file of the edition becomes a CSV file for machines (UTF-8, comma between
columns, decimal point, the data's own keys as headers, described by datapackage.json)
and an Excel workbook for people (Swedish column titles with units, number formats, the
source and a sheet »Om datan«; see `xlsx.py`), and all of them are offered together as one
ZIP with a LASMIG.txt. A YAML file becomes one row per value (`sheets.py`). Nothing here is
kept by hand. The files carry fixed timestamps so that the same data always gives the same
bytes.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from datetime import datetime
from pathlib import Path

from kvalitet.model.edition import JAMFORELSETAL, Edition, PreviousYear
from kvalitet.output.download_files import (
    Job,
    download_path,
    write,
    write_into,
    zip_path,
)
from kvalitet.output.package_json import package_files
from kvalitet.output.sheets import SMALL_COUNTS_NOTE, Sheets

__all__ = ["LABELS", "download_path", "zip_path"]
# The code that shapes the files: when it changes, the cached files are written again.
_CODE = b"".join(
    (Path(__file__).parent / name).read_bytes()
    for name in (
        "downloads.py",
        "sheets.py",
        "leaves.py",
        "rows.py",
        "describe.py",
        "xlsx.py",
        "download_files.py",
    )
)
# How each kind of download is labelled where it is offered (data page, source lines).
LABELS = {
    "xlsx": "Excel (för kalkylprogram)",
    "csv": "CSV (för maskinläsning, UTF-8, kommatecken)",
    "zip": "ZIP (allt)",
}


@dataclasses.dataclass
class Downloads:
    """One edition's downloads: in the cache, or to be written there by `write_into`
    (`job`), after which `read` finds them."""

    year: int
    cached: Path | None  # the folder in the cache
    job: Job | None  # None: in the cache
    files: dict[str, bytes | Path] = dataclasses.field(default_factory=dict)
    sizes: dict[str, int] = dataclasses.field(default_factory=dict)  # bytes, by site path

    def read(self) -> dict[str, bytes | Path]:
        """{site path: the file in the cache}, written here when the cache lacks it (the
        cache folder removed meanwhile); {site path: bytes} without a cache."""
        if self.cached is None:
            self.files = dict(write(self.job))
            self.sizes = {path: len(data) for path, data in self.files.items()}
            return self.files
        if not self.cached.is_dir():
            write_into(self.job, self.cached)
        found = [path for path in self.cached.rglob("*") if path.is_file()]
        self.files = {path.relative_to(self.cached).as_posix(): path for path in found}
        self.sizes = {site: path.stat().st_size for site, path in self.files.items()}
        return self.files


def planned_downloads(
    current: Edition,
    previous: PreviousYear,
    cache: Path | None = None,
    nav_titles: dict[str, str] | None = None,
    site_url: str = "",
) -> Downloads:
    """The edition's downloads, read back from `cache` or still to be written.

    `nav_titles` ({menu title: page}) and `site_url` give the sections' titles and pages
    that each workbook names. The files are kept in a folder of the cache named by what
    they are made from: when neither the data nor this code changed, they are copied from
    there instead of being written again.
    """
    sheets = Sheets(current, nav_titles or {}, site_url)
    tables = {(current.year, d.name): sheets.of(d) for d in current.datasets}
    if previous.stated:
        tables[(previous.year, JAMFORELSETAL.removesuffix(".yaml"))] = sheets.stated(previous)
    text = readme(current, previous)
    described = {
        f"data/{current.year}/{name}": data for name, data in package_files(current).items()
    }
    content = json.dumps(
        [[*key, rows, sheet] for key, (rows, sheet) in tables.items()]
        + [text]
        + [[path, data.decode()] for path, data in described.items()],
        default=_content,
    )
    key = hashlib.sha256(_CODE + content.encode("utf-8")).hexdigest()[:24]
    cached = cache / f"{current.year}-{key}" if cache else None
    stamp = datetime(current.year + 1, 1, 1)
    downloads = Downloads(current.year, cached, Job(current.year, tables, described, text, stamp))
    if cached and cached.is_dir():
        downloads.read()
        downloads.job = None  # nothing to write
    return downloads


def _content(value: object) -> object:
    """What the cache key sees of a value JSON cannot write: a sheet's or column's fields
    (quicker than `dataclasses.asdict`), or the text of a number."""
    return vars(value) if dataclasses.is_dataclass(value) else str(value)


def readme(current: Edition, previous: PreviousYear) -> str:
    lines = [
        f"{current.descriptor.package.title}, {current.descriptor.package.publisher}: datafiler",
        "",
        "Filerna skapas från samma data som webbplatsen. Varje datafil finns i två former:",
        "",
        "- Excel-fil (.xlsx), för kalkylprogram: svenska kolumnrubriker med enhet, tal som tal",
        "  (andelar med procentformat, belopp i kronor), källan överst och ett blad »Om datan«",
        "  som beskriver varje kolumn, avsnittet i rapporten och sidan på webbplatsen.",
        "- CSV-fil (.csv), för maskinläsning: UTF-8 utan BOM, kommatecken mellan kolumnerna,",
        "  decimalpunkt och datans egna nycklar som kolumnnamn (t.ex. mycket_nojd). Andelar",
        "  står i procent (0–100). Använd Excel-filen om du vill öppna datan i Excel.",
        "",
        "datapackage.json beskriver filerna enligt standarden Frictionless Data Package",
        "(https://specs.frictionlessdata.io/): för varje CSV-fil dess kolumner med rubrik, typ",
        "och enhet. En datafil som inte är en tabell finns också som JSON (t.ex.",
        "malgrupper.json) och beskrivs där med JSON Schema; dess CSV-fil har en rad per",
        "uppgift (uppgift, varde). Ett värde som i datan är en sökväg till ett annat värde",
        "(en rättelse) står som värdet det pekar på, och bredvid det vad värdet avser (_avser).",
        "",
    ]
    for dataset in current.datasets:
        lines.append(
            f"{dataset.name}: {dataset.description.rstrip('.')} (avsnitt {dataset.section})"
        )
    protected = [dataset.name for dataset in current.datasets if dataset.small_counts]
    if protected:
        lines += [
            "",
            SMALL_COUNTS_NOTE,
            "Båda räknas som saknade värden (missingValues i datapackage.json).",
            f"Regeln gäller för: {', '.join(protected)}.",
        ]
    if previous.stated:
        lines.append(
            f"{previous.year}/jamforelsetal: värden för {previous.year} som rapporten jämför med"
        )
    return "\n".join(lines) + "\n"
