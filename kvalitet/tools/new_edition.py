"""Prepare next year's edition: ``make ny-argang AR=2020``.

Creates ``data/<year>/`` with every file the schemas ask for. Texts (titles, names, row
labels, the quality plan's processes and risks) are copied from the year before, because
most of them stay; every number and every choice (ja/nej, an outcome) is left empty for
the editors to fill in. The report year in mkdocs.yml becomes the new year, so the next
build lists every missing value, file by file. ``KVALITET_AR=<old year> make site`` still
builds the earlier edition.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import yaml
from pydantic import BaseModel

from kvalitet.model.dataset import RowSet
from kvalitet.model.descriptor import DESCRIPTOR
from kvalitet.model.edition import load_edition
from kvalitet.model.problems import DataError

HEADER = (
    "# Fyll i värdena för {year}. Tomma värden stoppar bygget med en lista över allt som saknas.\n"
    "# Texterna är kopierade från {previous}; ändra dem där något har ändrats.\n"
)


class _Dumper(yaml.SafeDumper):
    pass


# An empty value shows as "nyckel:" with nothing after it, which is what editors expect.
_Dumper.add_representer(
    type(None), lambda dumper, _: dumper.represent_scalar("tag:yaml.org,2002:null", "")
)


def _emptied(value: object) -> object:
    """The same structure with texts kept and numbers and choices emptied."""
    if isinstance(value, BaseModel):
        return {name: _emptied(getattr(value, name)) for name in type(value).model_fields}
    if isinstance(value, list):
        return [_emptied(item) for item in value]
    if isinstance(value, (bool, int, float, Decimal, Fraction)):
        return None
    return value


def _keeps_text(dataset, column: str) -> bool:
    annotation = dataset.model.model_fields[column].annotation
    return annotation is str


def write_edition(root: Path, year: int) -> list[Path]:
    data = root / "data"
    target = data / str(year)
    if target.exists():
        raise SystemExit(f"Mappen data/{year} finns redan; den skrivs inte över.")
    try:
        previous = load_edition(data, year - 1)
    except DataError as error:
        message = f"Förra årets data (data/{year - 1}) måste vara komplett först.\n{error}"
        raise SystemExit(message) from None
    target.mkdir(parents=True)
    header = HEADER.format(year=year, previous=year - 1)
    written = []
    for dataset in previous.datasets:
        value = previous.values[dataset.name]
        path = target / dataset.filename
        if isinstance(value, RowSet):
            buffer = io.StringIO()
            writer = csv.writer(buffer, lineterminator="\n")
            writer.writerow(dataset.columns)
            for row in value.rows:
                cells = row.model_dump()
                writer.writerow(
                    [cells[c] if _keeps_text(dataset, c) else "" for c in dataset.columns]
                )
            path.write_text(buffer.getvalue(), encoding="utf-8")
        else:
            emptied = _emptied(value)
            if dataset.resource.newEdition == "empty":  # e.g. corrections of one year's PDF
                emptied = {
                    name: [] if isinstance(item, list) else None for name, item in emptied.items()
                }
            body = yaml.dump(
                emptied, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100
            )
            path.write_text(header + body, encoding="utf-8")
        written.append(path)
    descriptor = (data / str(year - 1) / DESCRIPTOR).read_text(encoding="utf-8")
    descriptor = re.sub(r"^status: publicerad", "status: utkast", descriptor, flags=re.M)
    descriptor = re.sub(
        rf"^(name|title):(.*){year - 1}", rf"\g<1>:\g<2>{year}", descriptor, flags=re.M
    )
    (target / DESCRIPTOR).write_text(descriptor, encoding="utf-8")
    set_report_year(root / "mkdocs.yml", year)
    return written


def set_report_year(config: Path, year: int) -> None:
    """Change the report year in mkdocs.yml, keeping the rest of the file as it is."""
    text = config.read_text(encoding="utf-8")
    changed, count = re.subn(
        r"^(\s*rapportar:\s*!ENV\s*\[KVALITET_AR,\s*)\d{4}(\])",
        rf"\g<1>{year}\g<2>",
        text,
        flags=re.M,
    )
    if count != 1:
        raise SystemExit("Hittade inte raden med rapportar i mkdocs.yml.")
    config.write_text(changed, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Förbered nästa årgång av kvalitetsberättelsen.")
    parser.add_argument("ar", type=int, help="det nya rapportåret, t.ex. 2020")
    args = parser.parse_args(argv)
    written = write_edition(Path.cwd(), args.ar)
    print(
        f"Skapade {len(written)} datafiler och deras beskrivning ({DESCRIPTOR}) i data/{args.ar}/ "
        f"och satte rapportåret till {args.ar}."
    )
    print("Fyll i värdena och kör make site: bygget listar allt som saknas, fil för fil.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
