"""One year's data (an edition) and the previous year's values it is compared with.

``data/<year>/`` holds one file per resource of its description, ``datapackage.yaml``
(see `descriptor.py`), so every edition validates by its own rules. The previous year's folder is
either a full edition too, or holds only ``jamforelsetal.yaml``: the previous year's values
that this year's report states, keyed by the same paths Markdown uses
(``klagomal.totalt: 31``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from pydantic import BaseModel

from kvalitet.model import provenance
from kvalitet.model.checks import declared_checks, derived_problems
from kvalitet.model.compile import dataset as compile_dataset
from kvalitet.model.csvfile import decode
from kvalitet.model.dataset import Dataset, RowSet
from kvalitet.model.descriptor import DESCRIPTOR, Descriptor, read_descriptor
from kvalitet.model.problems import DataError, EditorError, Problem, did_you_mean
from kvalitet.model.schema import swedish_number
from kvalitet.model.yamlfile import read_yaml

JAMFORELSETAL = "jamforelsetal.yaml"
ALLOWED_EXTRA_FILES = {"README.md", JAMFORELSETAL, DESCRIPTOR}

Number = int | Decimal | Fraction | float


@dataclass
class Edition:
    """The validated data of one report year."""

    year: int
    values: dict[str, object]
    datasets: list[Dataset] = field(default_factory=list)
    descriptor: Descriptor | None = None

    def dataset(self, name: str) -> Dataset:
        return next(d for d in self.datasets if d.name == name)

    @property
    def draft(self) -> bool:
        """Still being written (``status: utkast``): empty values are allowed."""
        return self.descriptor is not None and self.descriptor.package.status == "utkast"

    @property
    def missing(self) -> list[Problem]:
        """Every value a draft still lacks, file by file."""
        return [problem for dataset in self.datasets for problem in dataset.missing]

    def resolve(self, path: str) -> object:
        """The value at a dotted `path` such as ``malgrupper.enheten.personer``."""
        parts = path.split(".")
        if parts[0] not in self.values:
            raise EditorError(
                f"det finns ingen datafil »{parts[0]}«.{did_you_mean(parts[0], self.values)}"
            )
        value = self.values[parts[0]]
        for depth, part in enumerate(parts[1:], 1):
            try:
                value = getattr(value, part)
            except AttributeError:
                where = ".".join(parts[:depth])
                raise EditorError(
                    f"»{where}« har ingen uppgift »{part}«.{did_you_mean(part, names_in(value))}"
                ) from None
        return value

    def numbers(self) -> Iterator[tuple[str, Number]]:
        """Every number in the edition, stated or derived, with its path."""
        for name, value in self.values.items():
            yield from _walk(value, name)


def names_in(value: object) -> list[str]:
    """The names Markdown can use after a dot on `value`."""
    if isinstance(value, RowSet):
        return value.known_names()
    if isinstance(value, BaseModel):
        cls = type(value)
        properties = [n for n in dir(cls) if isinstance(getattr(cls, n, None), property)]
        derived = [n for n in properties if not n.startswith("_") and not hasattr(BaseModel, n)]
        return list(cls.model_fields) + derived  # not pydantic's own (model_extra, …)
    return []


def _walk(value: object, path: str) -> Iterator[tuple[str, Number]]:
    if isinstance(value, bool):
        return
    if isinstance(value, (int, float, Decimal, Fraction)):
        yield path, value
        return
    for name in names_in(value):
        try:
            child = getattr(value, name)
        except (AttributeError, ArithmeticError):
            continue
        yield from _walk(child, f"{path}.{name}")


def load_edition(data_root: Path, year: int) -> Edition:
    """Load and validate every data file of `year`; raise `DataError` listing all problems."""
    folder = data_root / str(year)
    shown = f"data/{year}"
    if not folder.is_dir():
        raise DataError(
            [
                Problem(
                    shown, "mappen saknas.", expected=f"en mapp med årets datafiler, data/{year}/"
                )
            ]
        )
    descriptor = read_descriptor(folder, shown)
    draft = descriptor.package.status == "utkast"
    datasets = [compile_dataset(resource, draft) for resource in descriptor.package.resources]
    problems: list[Problem] = []
    values: dict[str, object] = {}
    for dataset in datasets:
        try:
            values[dataset.name] = dataset.load(folder, shown)
        except DataError as error:
            problems += error.problems
    known = {d.filename for d in datasets} | ALLOWED_EXTRA_FILES
    for path in sorted(folder.iterdir()):
        if path.name not in known and not path.name.startswith("."):
            problems.append(
                Problem(
                    f"{shown}/{path.name}",
                    f"okänd fil i datamappen.{did_you_mean(path.name, known)}",
                    expected=f"bara datafilerna som beskrivs i {shown}/{DESCRIPTOR}",
                )
            )
    edition = Edition(year, values, datasets, descriptor)
    if not problems:
        problems += derived_problems(edition, descriptor)
    if not problems:
        problems += declared_checks(edition, descriptor, shown)
    if problems:
        raise DataError(problems)
    return edition


@dataclass
class PreviousYear:
    """The previous year's values: a full edition, stated values, or nothing."""

    year: int
    edition: Edition | None
    stated: dict[str, Number]
    renamed: dict[str, dict[str, str]] = field(default_factory=dict)  # {resource: {new: old}}

    def value(self, path: str) -> Number:
        head, _, rest = path.partition(".")
        *inner, last = rest.split(".") if rest else [""]
        old = self.renamed.get(head, {}).get(last)
        if old:  # renamed this year: last year's value has the old name
            path = ".".join([head, *inner, old])
        if path in self.stated:
            return self.stated[path]
        if self.edition is not None:
            return self.edition.resolve(path)
        raise EditorError(
            f"det finns inget värde för {self.year} för »{path}«. "
            f"Lägg till det i data/{self.year}/{JAMFORELSETAL}, t.ex. »{path}: 12«."
        )


def load_previous(data_root: Path, current: Edition) -> PreviousYear:
    """The year before `current`, validated against the current year's paths."""
    year = current.year - 1
    folder = data_root / str(year)
    edition = None
    if (folder / DESCRIPTOR).is_file():
        edition = load_edition(data_root, year)
    stated: dict[str, Number] = {}
    path = folder / JAMFORELSETAL
    if path.is_file():
        stated = _read_stated(path, f"data/{year}/{JAMFORELSETAL}", current)
    renamed = {}
    if current.descriptor is not None:
        renamed = {r.name: r.renamed() for r in current.descriptor.package.resources}
    return PreviousYear(year, edition, stated, {k: v for k, v in renamed.items() if v})


def _read_stated(path: Path, file: str, current: Edition) -> dict[str, Number]:
    document = read_yaml(decode(path.read_bytes(), file), file)
    if not isinstance(document.data, dict):
        raise DataError([Problem(file, "filen ska bestå av rader »sökväg: värde«.", line=1)])
    paths = dict(current.numbers())
    problems, stated = [], {}
    read = swedish_number(decimals=True)
    for key, value in document.data.items():
        line = document.line_of((key,))
        if isinstance(value, str):  # "1 600" or "59,1", as Swedish editors write them
            text = read(value)
            value = (
                (int(text) if text.lstrip("-").isdigit() else float(text))
                if text != value
                else value
            )
        if key not in paths and _missing_row(current, str(key)):
            problems.append(_missing_row(current, str(key), f"{file}, rad {line}"))
        elif key not in paths:
            problems.append(
                Problem(
                    file,
                    f"okänd uppgift »{key}«; den finns inte i {current.year} års data."
                    f"{did_you_mean(str(key), paths)}",
                    line=line,
                    expected="samma sökväg som i Markdown, t.ex. klagomal.totalt",
                )
            )
        elif isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            problems.append(
                Problem(
                    file,
                    "värdet är inte ett tal.",
                    line=line,
                    field=f"nyckel »{key}«",
                    found=value,
                    expected="ett tal, 0 eller större",
                )
            )
        else:
            stated[key] = Decimal(str(value)) if isinstance(value, float) else value
            if provenance.requested():  # the preview links last year's value to its line
                origin = provenance.Origin(file, line, f"nyckel »{key}«")
                stated[key] = provenance.sourced(stated[key], origin)
    if problems:
        raise DataError(problems)
    return stated


def _missing_row(current: Edition, path: str, used_in: str = "") -> Problem | None:
    """The problem when `path` names a row that the current year's CSV file lacks."""
    head, _, rest = path.partition(".")
    rows = current.values.get(head)
    if not isinstance(rows, RowSet) or not rows.key_fields or not rest:
        return None
    key = rest.split(".")[0]
    column = rows.key_fields[0]
    if key in {str(getattr(row, column)) for row in rows}:
        return None
    return Problem(
        f"data/{current.year}/{head}.csv",
        f"raden med »{key}« i kolumnen »{column}« saknas, men {used_in} har förra årets "
        f"värde för den (»{path}«).{did_you_mean(key, rows.known_names())}",
        expected=f"raden tillbaka, eller att »{path}« tas bort ur {used_in.split(',')[0]}",
    )
