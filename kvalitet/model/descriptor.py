"""The description of an edition: ``data/<year>/datapackage.yaml``.

A Frictionless Data Package written as YAML. Each resource is one data file: a CSV file
(``type: table``) described by a Table Schema, or a YAML file (``format: yaml``) described
by a JSON Schema. Beside the standard properties the description carries:

- ``section``: the report section a file feeds;
- ``unit`` on a field (``procent`` or ``kr``): how the value is shown; the value is data;
- ``derived``: values computed from the data (expressions, see `expressions.py`): on a
  resource for the whole file, inside a Table Schema for each row, inside a JSON Schema
  object for that object;
- ``checks``: rules across the data that must hold;
- ``sumOf`` on a number: the value is the total of the parts listed (sibling keys or
  columns of the same row, another CSV file's column as ``fil.kolumn``, or a path as in
  Markdown), checked exactly; ``sourceDiscrepancy`` records a total and parts that do not
  add up in the source itself, so the site can stay faithful to it;
- ``status``: ``utkast`` while an edition is being written, else ``publicerad``;
- ``newEdition: empty`` on a resource whose content does not carry over to next year.

The models here only read the description; `compile.py` turns it into validators.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, ValidationError

from kvalitet.model.csvfile import decode
from kvalitet.model.problems import DataError, Problem
from kvalitet.model.schema import Nyckel, describe_errors
from kvalitet.model.views import Name, Strict, View
from kvalitet.model.yamlfile import YamlDocument, read_yaml

DESCRIPTOR = "datapackage.yaml"

Derived = dict[Name, str]


class Open(BaseModel):
    """Standard descriptors may carry properties we do not use (licenses, sources, ...)."""

    model_config = ConfigDict(extra="allow", frozen=True, populate_by_name=True)


class Category(Strict):
    value: Any
    label: str | None = None


class Constraints(Strict):
    required: bool = True
    minimum: float | None = None
    maximum: float | None = None
    enum: list[Any] | None = None
    pattern: str | None = None
    unique: bool = False


class SourceDiscrepancy(Strict):
    """A total and its parts that do not add up in the source: both are shown as stated."""

    total: int | float
    parts: int | float


Parts = Annotated[list[str], Field(min_length=1)]


class TableField(Open):
    name: Name
    type: Literal["string", "integer", "number", "boolean"] = "string"
    title: str | None = None
    description: str | None = None
    format: str | None = None
    unit: Literal["procent", "kr"] | None = None
    default: Any = None
    constraints: Constraints = Constraints()
    categories: list[Category] | None = None
    previousName: Name | None = None
    sumOf: Parts | None = None
    sourceDiscrepancy: SourceDiscrepancy | None = None


class TableSchema(Open):
    fields: Annotated[list[TableField], Field(min_length=1)]
    primaryKey: list[Name] | Name = []
    derived: Derived = {}

    @property
    def key(self) -> list[str]:
        return [self.primaryKey] if isinstance(self.primaryKey, str) else list(self.primaryKey)


class JsonSchema(Open):
    type: Literal["object", "array", "string", "integer", "number", "boolean"]
    title: str | None = None
    description: str | None = None
    properties: dict[Name, JsonSchema] = {}
    required: list[Name] | None = None  # absent: every property is required
    items: JsonSchema | None = None
    minItems: int | None = None
    minimum: float | None = None
    maximum: float | None = None
    enum: list[Any] | None = None
    pattern: str | None = None
    format: str | None = None
    unit: Literal["procent", "kr"] | None = None
    default: Any = None
    derived: Derived = {}
    previousName: Name | None = None
    sumOf: Parts | None = None
    sourceDiscrepancy: SourceDiscrepancy | None = None


def _schema_kind(value: object) -> str:
    """A Table Schema lists `fields`; anything else is a JSON Schema."""
    fields = value.get("fields") if isinstance(value, dict) else getattr(value, "fields", None)
    return "table" if fields is not None else "json"


class Resource(Open):
    name: Nyckel
    path: str
    type: Literal["table"] | None = None
    format: Literal["csv", "yaml"] | None = None
    title: str
    description: str
    section: str
    schema_: Annotated[
        Annotated[TableSchema, Tag("table")] | Annotated[JsonSchema, Tag("json")],
        Discriminator(_schema_kind),
    ] = Field(alias="schema")
    derived: Derived = {}
    smallCounts: bool = False
    newEdition: Literal["empty"] | None = None

    @property
    def is_csv(self) -> bool:
        return isinstance(self.schema_, TableSchema)

    def renamed(self) -> dict[str, str]:
        """{name: last year's name} of the fields renamed since last year."""
        if isinstance(self.schema_, TableSchema):
            return {f.name: f.previousName for f in self.schema_.fields if f.previousName}
        found, stack = {}, [self.schema_]
        while stack:
            node = stack.pop()
            found |= {k: c.previousName for k, c in node.properties.items() if c.previousName}
            stack += list(node.properties.values()) + ([node.items] if node.items else [])
        return found


class Check(Strict):
    resource: Nyckel
    rule: str
    message: str
    each: str | None = None
    expected: str | None = None


class Contributor(Open):
    title: str
    organization: str | None = None
    roles: list[str] = []


class Package(Open):
    name: str
    title: str
    status: Literal["utkast", "publicerad"] = "publicerad"
    contributors: list[Contributor] = []
    resources: Annotated[list[Resource], Field(min_length=1)]
    checks: list[Check] = []
    views: list[View] = []

    @property
    def publisher(self) -> str:
        """Who publishes the edition, e.g. "Omsorgsenheten, Nacka kommun"."""
        found = [c for c in self.contributors if "publisher" in c.roles] or self.contributors
        return ", ".join(filter(None, [found[0].title, found[0].organization])) if found else ""


class Descriptor:
    """The parsed description of one edition, with the line of every key."""

    def __init__(
        self, package: Package, document: YamlDocument, file: str, folder: Path | None = None
    ):
        self.package = package
        self.document = document
        self.file = file  # as shown in messages: data/2019/datapackage.yaml
        self.folder = folder  # the edition's folder, to find lines in its data files

    def line_of(self, *path: object) -> int | None:
        return self.document.line_of(path)

    def resource(self, name: str) -> Resource | None:
        return next((r for r in self.package.resources if r.name == name), None)


def read_descriptor(folder: Path, shown: str) -> Descriptor:
    """Read and check ``datapackage.yaml`` in `folder`; `DataError` lists every problem."""
    file = f"{shown}/{DESCRIPTOR}"
    path = folder / DESCRIPTOR
    if not path.is_file():
        raise DataError(
            [
                Problem(
                    file,
                    "filen saknas.",
                    expected="en beskrivning av årgångens datafiler (Frictionless Data Package)",
                )
            ]
        )
    document = read_yaml(decode(path.read_bytes(), file), file)
    if not isinstance(document.data, dict):
        raise DataError([Problem(file, "filen ska bestå av nycklar med värden.", line=1)])
    try:
        package = Package.model_validate(document.data)
    except ValidationError as error:

        def locate(loc: tuple) -> tuple[int | None, str | None]:
            parts = [p for p in loc if not (isinstance(p, str) and p in _UNION_TAGS)]
            keys = "".join(
                f"[{p + 1}]" if isinstance(p, int) else f".{'schema' if p == 'schema_' else p}"
                for p in parts
            ).lstrip(".")
            lines_path = tuple("schema" if p == "schema_" else p for p in parts)
            return document.line_of(lines_path), f"nyckel »{keys}«" if keys else None

        raise DataError(document.problems + describe_errors(error, file, locate, Package)) from None
    if document.problems:
        raise DataError(document.problems)
    problems = _names_are_unique(package, document, file)
    if problems:
        raise DataError(problems)
    return Descriptor(package, document, file, folder)


# pydantic names the member of a union in an error's location
_UNION_TAGS = {
    "TableSchema",
    "JsonSchema",
    "list[str]",
    "str",
    "float",
    "int",
    "table",
    "json",
    "horizontal-bar",
    "bar",
    "stacked-shares",
    "before-after",
    "Column",
    "function-after[...]",
}


def _names_are_unique(package: Package, document: YamlDocument, file: str) -> list[Problem]:
    problems, seen = [], {}
    for index, resource in enumerate(package.resources):
        line = document.line_of(("resources", index, "name"))
        if resource.name in seen:
            problems.append(
                Problem(
                    file,
                    f"datafilen »{resource.name}« beskrivs två gånger (rad {seen[resource.name]} "
                    f"och rad {line}).",
                    line=line,
                    expected="en beskrivning per datafil",
                )
            )
        seen.setdefault(resource.name, line)
        stem, _, suffix = resource.path.rpartition(".")
        kind = "csv" if resource.is_csv else "yaml"
        if stem != resource.name or suffix != kind:
            problems.append(
                Problem(
                    file,
                    f"datafilen »{resource.name}« ska ligga i filen {resource.name}.{kind}.",
                    line=document.line_of(("resources", index, "path")),
                    found=resource.path,
                    expected=f"path: {resource.name}.{kind}",
                )
            )
    return problems
