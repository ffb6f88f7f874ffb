"""The rules an edition's description declares (``checks:`` in datapackage.yaml), and the
derived values it declares, checked once every file of the edition has loaded."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel

from kvalitet.model.compile import derived_paths
from kvalitet.model.dataset import RowSet
from kvalitet.model.expressions import HELPERS, ExpressionError, evaluate, render
from kvalitet.model.problems import EditorError, Problem

if TYPE_CHECKING:
    from kvalitet.model.descriptor import Descriptor
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
    return problems


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
