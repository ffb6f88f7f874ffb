"""The rules an edition's description declares (``checks:`` in datapackage.yaml), the
totals it declares (``sumOf`` on a number) and the derived values it declares, checked once
every file of the edition has loaded."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from pydantic import BaseModel

from kvalitet.model.compile import derived_paths
from kvalitet.model.csvfile import decode
from kvalitet.model.dataset import RowSet
from kvalitet.model.descriptor import JsonSchema, TableSchema
from kvalitet.model.expressions import HELPERS, ExpressionError, evaluate, render
from kvalitet.model.missing import MISSING
from kvalitet.model.problems import EditorError, Problem, did_you_mean
from kvalitet.model.yamlfile import read_yaml

if TYPE_CHECKING:
    from kvalitet.model.descriptor import Descriptor, Resource
    from kvalitet.model.edition import Edition


def names_of(value: object) -> dict[str, object]:
    """The names an expression sees inside `value`: a file's rows, or an object's keys."""
    from kvalitet.model.edition import names_in

    if isinstance(value, RowSet):
        return {"rader": value.rows}
    return {name: getattr(value, name) for name in names_in(value)}


def declared_checks(edition: Edition, descriptor: Descriptor, shown: str) -> list[Problem]:
    """Problems where the data break a rule of the description."""
    from kvalitet.render.formatting import antal, procenttecken

    def show(number: object, unit: str) -> str:
        return procenttecken(number) if unit == "procent" else antal(number)

    if edition.missing:
        return []  # a draft is checked once every value is filled in
    common = {**edition.values, **HELPERS, "uppslag": edition.resolve, "visa": show}
    problems = []
    for index, check in enumerate(descriptor.package.checks):
        dataset = next((d for d in edition.datasets if d.name == check.resource), None)
        if dataset is None:
            problems.append(
                Problem(
                    descriptor.file,
                    f"kontrollen gäller datafilen »{check.resource}«, som inte beskrivs.",
                    line=descriptor.line_of("checks", index, "resource"),
                )
            )
            continue
        file = f"{shown}/{dataset.filename}"
        value = edition.values[check.resource]
        scope = {**common, **names_of(value)}
        try:
            if check.each is None:
                cases = [(scope, None)]
            else:
                items = list(evaluate(check.each, scope))
                lines = value.lines if isinstance(value, RowSet) and check.each == "rader" else []
                cases = [
                    ({**scope, **names_of(item), "nummer": n}, lines[n - 1] if lines else None)
                    for n, item in enumerate(items, 1)
                ]
            for names, line in cases:
                if not _holds(check.rule, names):
                    message = render(check.message, names)
                    problems.append(Problem(file, message, line=line, expected=check.expected))
        except (ExpressionError, EditorError) as error:
            problems.append(
                Problem(
                    descriptor.file,
                    f"kontrollen av {dataset.filename} kan inte göras: {error}",
                    line=descriptor.line_of("checks", index, "rule"),
                )
            )
    return problems + total_problems(edition, descriptor, shown)


def _holds(rule: str, names: dict[str, object]) -> bool:
    try:
        return bool(evaluate(rule, names))
    except ExpressionError as error:
        raise EditorError(str(error)) from None


def derived_problems(edition: Edition, descriptor: Descriptor) -> list[Problem]:
    """Derived values that cannot be computed from the data, named by their declaration."""
    problems = []
    for index, resource in enumerate(descriptor.package.resources):
        lines = {name: ("resources", index, *path) for path, name in derived_paths(resource)}
        for name, message in _failures(edition.values.get(resource.name), set(lines)):
            problems.append(
                Problem(descriptor.file, message, line=descriptor.line_of(*lines[name]))
            )
    return problems


def _failures(value: object, derived: set[str], seen: set | None = None):
    """(name, message) for each derived value inside `value` that cannot be computed."""
    objects = list(value.rows) + [value] if isinstance(value, RowSet) else [value]
    for item in objects:
        if isinstance(item, BaseModel | RowSet):
            for name in derived:
                if isinstance(getattr(type(item), name, None), property):
                    try:
                        getattr(item, name)
                    except EditorError as error:
                        yield name, str(error)
        if isinstance(item, BaseModel):
            for field in type(item).model_fields:
                child = getattr(item, field)
                for part in child if isinstance(child, list) else [child]:
                    if isinstance(part, BaseModel):
                        yield from _failures(part, derived)


# --- declared totals (sumOf) --------------------------------------------------------------


def total_problems(edition: Edition, descriptor: Descriptor, shown: str) -> list[Problem]:
    """Totals that do not add up to their parts (``sumOf``), unless the description records
    that they do not add up in the source either (``sourceDiscrepancy``)."""
    if edition.missing:
        return []  # a draft is checked once every value is filled in
    problems: list[Problem] = []
    for index, resource in enumerate(descriptor.package.resources):
        place = _Place(descriptor, resource, shown)
        value = edition.values.get(resource.name)
        for schema, declared, where, here, key, line in _totals(
            resource, value, ("resources", index)
        ):
            total = Total(schema, declared, here, key, where, resource.is_csv)
            try:
                found = total.problems(edition, descriptor, place, line)
            except EditorError as error:
                found = [
                    Problem(
                        descriptor.file,
                        f"{total.named} i {resource.path} ska vara en summa (sumOf) men kan inte "
                        f"kontrolleras: {error}",
                        line=descriptor.line_of(*declared, "sumOf"),
                    )
                ]
            problems += [problem for problem in found if problem not in problems]
    return problems


def _totals(resource: Resource, value: object, at: tuple):
    """(declaration, its path in the description, data path, object or row, key, line of a
    CSV row) of every declared total in `resource`'s data."""
    schema = resource.schema_
    if isinstance(schema, TableSchema):
        for index, field in enumerate(schema.fields):
            if field.sumOf is not None and isinstance(value, RowSet):
                for n, (row, line) in enumerate(zip(value.rows, value.lines, strict=True)):
                    declared = (*at, "schema", "fields", index)
                    yield field, declared, (n,), row, field.name, line
    else:
        yield from _json_totals(schema, value, (*at, "schema"), ())


def _json_totals(schema: JsonSchema, value: object, at: tuple, where: tuple):
    if isinstance(value, BaseModel):
        for key, child in schema.properties.items():
            here = (*at, "properties", key)
            if child.sumOf is not None:
                yield child, here, where, value, key, None
            yield from _json_totals(child, getattr(value, key, None), here, (*where, key))
    elif isinstance(value, list) and schema.items is not None:
        for n, item in enumerate(value):
            yield from _json_totals(schema.items, item, (*at, "items"), (*where, n))


class Total:
    """One declared total in the data: `key` of `here` (a YAML object or a CSV row)."""

    def __init__(self, schema, declared: tuple, here: object, key: str, where: tuple, csv: bool):
        self.schema, self.declared = schema, declared  # a TableField or JsonSchema, and its path
        self.here, self.key, self.where = here, key, where
        keys = "".join(f"[{p + 1}]" if isinstance(p, int) else f".{p}" for p in (*where, key))
        self.label = f"kolumn »{key}«" if csv else f"nyckel »{keys.lstrip('.')}«"
        self.named = f"kolumnen »{key}«" if csv else f"nyckeln »{keys.lstrip('.')}«"

    def problems(self, edition: Edition, descriptor: Descriptor, place, line) -> list[Problem]:
        from kvalitet.render.formatting import tal

        schema = self.schema
        if schema.type not in ("integer", "number"):
            raise EditorError("sumOf kan bara stå vid ett tal (type: integer eller number).")
        total = getattr(self.here, self.key)
        parts = [_part(edition, self.here, name) for name in schema.sumOf]
        if total is None or total is MISSING or any(v is MISSING for _, v, _ in parts):
            return []
        total, added = _plain(total), sum((_plain(v) for _, v, _ in parts), start=0)
        if len(parts) > 1:
            named = " och ".join(f"{name} ({tal(v)})" for name, v, _ in parts)
            named += " blir tillsammans"
        else:  # one part: a column's sum, or a single value
            named = parts[0][0] + (" blir tillsammans" if parts[0][2] else " är")
        message = (
            f"summan stämmer inte med delarna: {named} {tal(added)}, men summan är {tal(total)}."
        )
        known = schema.sourceDiscrepancy
        if known is not None and added == total:
            return [
                Problem(
                    descriptor.file,
                    f"{self.named} i {place.filename} går nu ihop med sina delar "
                    f"({tal(total)}), så skillnaden i källan (sourceDiscrepancy) behöver inte "
                    "anges längre.",
                    line=descriptor.line_of(*self.declared, "sourceDiscrepancy"),
                    expected="att sourceDiscrepancy tas bort",
                )
            ]
        if known is None and added != total:
            expected = (
                f"{tal(added)}, eller att den del som är fel rättas; går summan inte ihop redan "
                f"i källan, ange det med sourceDiscrepancy i {descriptor.file}"
            )
        elif known is not None and (_exact(known.total), _exact(known.parts)) != (total, added):
            message += (
                f" Enligt {descriptor.file} går summan inte ihop i källan heller, men där är "
                f"summan {tal(known.total)} och delarna tillsammans {tal(known.parts)}."
            )
            expected = f"summan {tal(known.total)} och delarna {tal(known.parts)}, som i källan"
        else:
            return []
        line = line if line is not None else place.line_of((*self.where, self.key))
        return [Problem(place.file, message, line=line, field=self.label, expected=expected)]


def _part(edition: Edition, here: object, name: str) -> tuple[str, object, bool]:
    """(the part as named in a message, its value, whether it is a sum): a key or column
    beside the total, a column of a CSV file summed over its rows (``fil.kolumn``), or a
    path as in Markdown."""
    head, _, rest = name.partition(".")
    if not rest:
        names = names_of(here)
        if name not in names:
            raise EditorError(
                f"delen »{name}« finns inte bredvid summan.{did_you_mean(name, names)}"
            )
        shown, value, summed = name, names[name], False
    elif isinstance(edition.values.get(head), RowSet) and rest in edition.dataset(head).columns:
        values = [getattr(row, rest) for row in edition.values[head].rows]
        shown, summed = f"kolumnen »{rest}« i {head}.csv", True
        if any(v is MISSING for v in values):
            value = MISSING
        elif all(_is_number(v) for v in values if v is not None):
            value = sum((v for v in values if v is not None), start=0)
        else:
            value = None  # text: reported below
    else:
        shown, value, summed = name, edition.resolve(name), False
    if value is not MISSING and not _is_number(value):
        raise EditorError(f"delen »{name}« är inte ett tal.")
    return shown, value, summed


def _is_number(value: object) -> bool:
    return isinstance(value, int | Decimal) and not isinstance(value, bool)


def _plain(value: object) -> object:
    """A count as a plain int (a hidden small count is still counted), else the value."""
    return int(value) if isinstance(value, int) else value


def _exact(value: int | float) -> int | Decimal:
    return value if isinstance(value, int) else Decimal(str(value))


class _Place:
    """A data file as messages name it, and the lines of its YAML keys, read only when a
    problem needs one."""

    def __init__(self, descriptor: Descriptor, resource: Resource, shown: str):
        self.filename = resource.path
        self.file = f"{shown}/{resource.path}"
        folder = descriptor.folder
        self._path = folder / resource.path if folder is not None else None
        self._document = None

    def line_of(self, path: tuple) -> int | None:
        if self._path is None or not self._path.is_file():
            return None
        if self._document is None:
            self._document = read_yaml(decode(self._path.read_bytes(), self.file), self.file)
        return self._document.line_of(path)
