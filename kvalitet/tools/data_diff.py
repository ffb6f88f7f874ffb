"""Which numbers a change makes: the data of the working tree against a git reference.

``python -m kvalitet.tools.data_diff --base main`` (``make diff BASE=main``) prints one line per
number that changed, was added or was removed, e.g. ``klagomal, Beroende, antal: 14 → 15``,
and then the computed values that changed with them (``klagomal.totalt: 55 → 56``).
"""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from kvalitet.model.dataset import RowSet
from kvalitet.model.edition import Edition, load_edition
from kvalitet.model.problems import DataError
from kvalitet.render.formatting import tal
from kvalitet.site.layout import edition_years

Number = int | float | Decimal | Fraction


def data_at(ref: str, root: Path, target: Path) -> Path | None:
    """Extract ``data/`` as it is at git `ref` into `target`; None if it has no data/."""
    known = subprocess.run(
        ["git", "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"],
        cwd=root,
        capture_output=True,
    )
    if known.returncode != 0:
        raise SystemExit(
            f"Git-referensen »{ref}« finns inte. Ange en gren, en tagg eller en commit, "
            "t.ex. make diff BASE=main."
        )
    archive = subprocess.run(["git", "archive", ref, "data"], cwd=root, capture_output=True)
    if archive.returncode != 0:
        return None
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(target, filter="data")
    return target / "data"


def row_numbers(edition: Edition) -> dict[str, Number]:
    """Every number typed into the data files, labelled "file, row, column"."""
    numbers: dict[str, Number] = {}
    for dataset in edition.datasets:
        value = edition.values[dataset.name]
        if isinstance(value, RowSet):
            for row in value.rows:
                label = _row_label(row, value.key_fields)
                for column, cell in row.model_dump(warnings=False).items():
                    if _is_number(cell):
                        numbers[f"{dataset.name}, {label}, {column}"] = cell
    return numbers


def derived_and_yaml_numbers(edition: Edition) -> dict[str, Number]:
    """Numbers of the YAML files and every computed value, by their Markdown path."""
    csv_rows = {d.name for d in edition.datasets if d.is_csv}
    found = {}
    for path, value in edition.numbers():
        parts = path.split(".")
        # Rows of CSV files are listed by row_numbers; keep their computed totals here.
        if parts[0] in csv_rows and len(parts) > 2:
            continue
        found[path] = value
    return found


def compare(before: dict[str, Number], after: dict[str, Number]) -> list[str]:
    lines = []
    for key in sorted(before.keys() | after.keys()):
        old, new = before.get(key), after.get(key)
        if old is None:
            lines.append(f"{key}: ny, {tal(new)}")
        elif new is None:
            lines.append(f"{key}: borttagen (var {tal(old)})")
        elif old != new:
            lines.append(f"{key}: {tal(old)} → {tal(new)}")
    return lines


def changed_numbers(root: Path, base: str, year: int) -> tuple[list[str], list[str]]:
    """(changes in typed numbers, changes in computed numbers) of `year` since `base`."""
    after = load_edition(root / "data", year)
    with tempfile.TemporaryDirectory() as folder:
        data = data_at(base, root, Path(folder))
        if data is None or not (data / str(year)).is_dir():
            before_rows, before_paths = {}, {}
        else:
            before = load_edition(data, year)
            before_rows, before_paths = row_numbers(before), derived_and_yaml_numbers(before)
    return (
        compare(before_rows, row_numbers(after)),
        compare(before_paths, derived_and_yaml_numbers(after)),
    )


def report(root: Path, base: str, year: int) -> Iterator[str]:
    try:
        typed, computed = changed_numbers(root, base, year)
    except DataError as error:
        yield f"Siffrorna kunde inte jämföras: {error}"
        return
    if not typed and not computed:
        yield f"Inga siffror för {year} har ändrats jämfört med {base}."
        return
    yield f"Ändrade siffror för {year} jämfört med {base}:"
    yield from (f"- {line}" for line in typed + computed)


def _row_label(row, key_fields: list[str]) -> str:
    values = row.model_dump(warnings=False)
    if key_fields:
        return ".".join(str(values[k]) for k in key_fields)
    texts = [str(v) for v in values.values() if isinstance(v, str)]
    return texts[0] if texts else "rad"


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float, Decimal, Fraction)) and not isinstance(value, bool)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Siffror som ändrats sedan en git-referens.")
    parser.add_argument("--base", default="main", help="git-referensen att jämföra med")
    parser.add_argument("--ar", type=int, help="rapportåret (standard: det i mkdocs.yml)")
    args = parser.parse_args(argv)
    root = Path.cwd()
    year = args.ar or report_year(root)
    for line in report(root, args.base, year):
        print(line)
    return 0


def report_year(root: Path) -> int:
    """The latest edition: the newest year with a folder docs/<year>/."""
    years = edition_years(root / "docs")
    if not years:
        raise SystemExit("Det finns ingen årgång (docs/<år>/).")
    return years[0]


if __name__ == "__main__":
    sys.exit(main())
