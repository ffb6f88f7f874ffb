"""One data file: its schema, how it is read, and the typed object Markdown sees.

A YAML file becomes an instance of its `Facts` model. A CSV file becomes a `RowSet`
(or a subclass that adds derived values such as totals): a list of typed rows that can
be looked up by key from Markdown (``lss_beslut.kontaktperson.beslut``) and that offers
the rows as a pandas DataFrame for analysis and the downloads.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from kvalitet.model import provenance
from kvalitet.model.csvfile import decode, read_csv
from kvalitet.model.missing import MISSING, MISSING_TEXT
from kvalitet.model.problems import DataError, Problem
from kvalitet.model.schema import Facts, Row, describe_errors
from kvalitet.model.small_counts import protect, protect_rows
from kvalitet.model.yamlfile import read_yaml

if TYPE_CHECKING:
    import pandas as pd

    from kvalitet.model.descriptor import Resource

R = TypeVar("R", bound=Row)


class RowSet(Generic[R]):
    """The validated rows of one CSV file.

    The primary key (`key_fields`) names rows from Markdown: ``lss_beslut.kontaktperson``
    with one key column, ``rattssakerhet_svar.lss_barn.initierats`` with two, where the
    first name picks the rows of that group.
    """

    key_fields: list[str] = []
    key: str | None = None  # the last key column, named in messages

    def __init__(self, name: str, rows: list[R], lines: list[int]):
        self.name = name
        self.rows = rows
        self.lines = lines

    def __iter__(self) -> Iterator[R]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    @cached_property
    def frame(self) -> pd.DataFrame:
        """The rows as a DataFrame, one column per field."""
        import pandas as pd  # only when asked: importing pandas takes longer than a page

        return pd.DataFrame(
            [row.model_dump(warnings=False) for row in self.rows]
        )  # drafts: MISSING

    def keys(self) -> list[str]:
        if not self.key_fields:
            return []
        return [".".join(str(getattr(row, k)) for k in self.key_fields) for row in self.rows]

    def group(self, value: str) -> RowSet:
        """The rows whose first key column is `value`, named by the other key columns."""
        first, *rest = self.key_fields
        picked = [
            (r, n) for r, n in zip(self.rows, self.lines, strict=True) if getattr(r, first) == value
        ]
        subset = type(self)(f"{self.name}.{value}", [r for r, _ in picked], [n for _, n in picked])
        subset.key_fields = rest
        return subset

    def __getattr__(self, name: str):
        # Only called for names that are not attributes: look the name up as a row key.
        # A miss stays an AttributeError so that Jinja reports it with the page and line.
        fields = self.__dict__.get("key_fields", type(self).key_fields)
        if fields and not name.startswith("_") and name not in {"rows", "lines", "name"}:
            matches = [row for row in self.rows if getattr(row, fields[0]) == name]
            if matches and len(fields) > 1:
                return self.group(name)
            if matches:
                return matches[0]
        raise AttributeError(name)

    def known_names(self) -> list[str]:
        """Row keys and derived values, for "did you mean" hints."""
        derived = [n for n in dir(type(self)) if not n.startswith("_") and n not in dir(RowSet)]
        first = (
            list(dict.fromkeys(getattr(r, self.key_fields[0]) for r in self.rows))
            if self.key_fields
            else []
        )
        return first + derived

    def check(self) -> list[str | tuple[int, str]]:
        """Checks across rows; returns messages, optionally with the line they concern."""
        return []


@dataclass(frozen=True)
class Dataset:
    """A data file of the report and what it is for."""

    name: str  # variable name in Markdown and file name without extension
    model: type[BaseModel]  # a Facts model (YAML) or a Row model (CSV)
    description: str  # Swedish, starting in lower case: "en CSV-fil med {description}"
    section: str  # the section of the report the file feeds
    rowset: type[RowSet] | None = None  # CSV files only
    small_counts: bool = False  # hide counts of 1–4 (see small_counts.py)
    resource: Resource | None = None  # its description in datapackage.yaml
    missing: list[Problem] = field(default_factory=list)  # a draft's empty values, found by load

    @property
    def is_csv(self) -> bool:
        return issubclass(self.model, Row)

    @property
    def filename(self) -> str:
        return f"{self.name}.csv" if self.is_csv else f"{self.name}.yaml"

    @property
    def columns(self) -> list[str]:
        return list(self.model.model_fields)

    def load(self, folder: Path, shown_as: str):
        """Read and validate the file in `folder`; `shown_as` is the path printed in messages."""
        path = folder / self.filename
        file = f"{shown_as}/{self.filename}"
        if not path.is_file():
            raise DataError(
                [
                    Problem(
                        file,
                        "filen saknas.",
                        expected=f"en {'CSV' if self.is_csv else 'YAML'}-fil: "
                        f"{self.description.rstrip('.')}",
                    )
                ]
            )
        text = decode(path.read_bytes(), file)
        return self._load_csv(text, file) if self.is_csv else self._load_yaml(text, file)

    def _load_yaml(self, text: str, file: str) -> Facts:
        document = read_yaml(text, file)
        if not isinstance(document.data, dict):
            raise DataError(
                document.problems
                + [Problem(file, "filen ska bestå av nycklar med värden.", line=1)]
            )
        try:
            facts = self.model.model_validate(document.data)
        except ValidationError as error:

            def locate(loc: tuple) -> tuple[int | None, str | None]:
                keys = "".join(
                    f"[{part + 1}]" if isinstance(part, int) else f".{part}" for part in loc
                ).lstrip(".")
                return document.line_of(loc), f"nyckel »{keys}«" if keys else None

            problems = describe_errors(error, file, locate, self.model)
            raise DataError(
                document.problems + [_new_key_hint(p, file) for p in problems]
            ) from None
        if document.problems:
            raise DataError(document.problems)
        self.missing[:] = [
            Problem(file, MISSING_TEXT, line=document.line_of(path), field=f"nyckel »{key}«")
            for path, key in _missing_paths(facts, ())
        ]
        facts = protect(facts) if self.small_counts else facts
        if provenance.requested():  # the preview: every number knows its line
            facts = provenance.Marker(file).yaml(facts, document.line_of)
        return facts

    def _load_csv(self, text: str, file: str) -> RowSet:
        records = read_csv(text, file, self.columns)
        rows, lines, problems = [], [], []
        marker = provenance.Marker(file) if provenance.requested() else None  # the preview
        for record in records:
            try:
                row = self.model.model_validate(record.values)
                row = protect(row) if self.small_counts else row
                rows.append(marker.row(row, record.line) if marker else row)
                lines.append(record.line)
            except ValidationError as error:
                locate = partial(_locate_cell, record.line)
                problems += describe_errors(error, file, locate, self.model)
        rows = protect_rows(rows) if self.small_counts else rows  # hide per column too
        kind = self.rowset or RowSet
        rowset = (marker.rows(kind) if marker else kind)(self.name, rows, lines)
        problems += _duplicate_keys(rowset, file)
        if not problems:
            for result in rowset.check():
                line, message = result if isinstance(result, tuple) else (None, result)
                problems.append(Problem(file, message, line=line))
        if problems:
            raise DataError(problems)
        self.missing[:] = [
            Problem(file, MISSING_TEXT, line=line, field=f"kolumn »{name}«", note=_label(row))
            for row, line in zip(rowset.rows, rowset.lines, strict=True)
            for name in type(row).model_fields
            if getattr(row, name) is MISSING
        ]
        return rowset


def _label(row: BaseModel) -> str | None:
    """A row's first text that is not a key, e.g. »LSS-bostäder«, to name it in lists."""
    # getattr, not model_dump: a draft's MISSING values are not what the model declares
    values = (getattr(row, name) for name in type(row).model_fields)
    texts = [v for v in values if isinstance(v, str) and v.strip()]
    readable = [v for v in texts if not v.isidentifier() or not v.islower()]
    return (readable or texts or [None])[0]


def _new_key_hint(problem: Problem, file: str) -> Problem:
    """An unknown key may be a new value: say where new keys are described."""
    if not problem.message.startswith("okänd nyckel"):
        return problem
    descriptor = file.rsplit("/", 1)[0] + "/datapackage.yaml"
    expected = f"{problem.expected}, eller en ny nyckel som också beskrivs i {descriptor}"
    return replace(problem, expected=expected.removeprefix("None, eller "))


def _missing_paths(value: BaseModel, path: tuple):
    """(path, dotted key) of every `MISSING` value inside `value`."""
    for name in type(value).model_fields:
        child = getattr(value, name)
        here = (*path, name)
        if child is MISSING:
            keys = "".join(f"[{p + 1}]" if isinstance(p, int) else f".{p}" for p in here)
            yield here, keys.lstrip(".")
        elif isinstance(child, BaseModel):
            yield from _missing_paths(child, here)
        elif isinstance(child, list):
            for index, item in enumerate(child):
                if isinstance(item, BaseModel):
                    yield from _missing_paths(item, (*here, index))


def _locate_cell(line: int, loc: tuple) -> tuple[int, str | None]:
    return line, f"kolumn »{loc[0]}«" if loc else None


def _duplicate_keys(rowset: RowSet, file: str) -> list[Problem]:
    if not rowset.keys():
        return []
    problems, seen = [], {}
    reserved = set(dir(type(rowset))) | set(vars(rowset))
    for key, line in zip(rowset.keys(), rowset.lines, strict=True):
        if key in reserved:
            problems.append(
                Problem(
                    file,
                    f"nyckeln »{key}« är upptagen av ett beräknat värde.",
                    line=line,
                    field=f"kolumn »{rowset.key}«",
                    expected="en annan nyckel",
                )
            )
        elif key in seen:
            problems.append(
                Problem(
                    file,
                    f"nyckeln »{key}« finns redan på rad {seen[key]}.",
                    line=line,
                    field=f"kolumn »{rowset.key}«",
                    expected="en unik nyckel per rad",
                )
            )
        seen.setdefault(key, line)
    return problems
