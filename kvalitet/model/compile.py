"""From an edition's description to the validators of its data files.

Each resource of ``datapackage.yaml`` becomes a `Dataset`: a pydantic model per CSV row
(Table Schema) or per YAML file (JSON Schema), with the described rules as field types,
and the declared derived values as properties computed from the data. The same field
types as before carry the Swedish wording of every mistake (`schema.py`).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    Field,
    StringConstraints,
    WrapValidator,
    create_model,
)

from kvalitet.model.dataset import Dataset, RowSet
from kvalitet.model.descriptor import JsonSchema, Resource, TableField, TableSchema
from kvalitet.model.expressions import ExpressionError, evaluate
from kvalitet.model.missing import MISSING, draft_value
from kvalitet.model.problems import EditorError
from kvalitet.model.schema import Brak, Facts, JaNej, Row, Text, decimaltal, heltal

Derived = dict[str, str]
# (model, rowset) by what they are compiled from: the editions of a site mostly describe a
# file alike, and pydantic takes about 1 ms and 40 kB to build each model.
_COMPILED: dict[str, tuple[type[BaseModel], type[RowSet] | None]] = {}


def dataset(resource: Resource, draft: bool = False) -> Dataset:
    """The `Dataset` that loads and validates `resource`'s file. In a `draft`, an empty
    value is `MISSING` rather than a mistake."""
    key = f"{draft} {resource.model_dump_json(include={'name', 'schema_', 'derived'})}"
    if key not in _COMPILED:
        if len(_COMPILED) > 2000:  # `mkdocs serve` rebuilds with each edit of a description
            _COMPILED.clear()
        _COMPILED[key] = _compiled(resource, draft)
    model, rowset = _COMPILED[key]
    return Dataset(
        resource.name,
        model,
        resource.description,
        resource.section,
        rowset,
        small_counts=resource.smallCounts,
        resource=resource,
    )


def _compiled(resource: Resource, draft: bool) -> tuple[type[BaseModel], type[RowSet] | None]:
    schema = resource.schema_
    if isinstance(schema, TableSchema):
        fields = {f.name: _table_field(f, draft) for f in schema.fields}
        row = create_model(f"Rad_{resource.name}", __base__=_derived(Row, schema.derived), **fields)
        rowset = type(
            f"Rader_{resource.name}",
            (_derived(RowSet, resource.derived, rows=True),),
            {"key_fields": schema.key, "key": schema.key[-1] if schema.key else None},
        )
        model = row
    else:
        model = _object(resource.name, schema, draft)
        rowset = None
    return model, rowset


# --- fields -------------------------------------------------------------------------------


def _scalar(
    kind: str,
    *,
    minimum: float | None,
    maximum: float | None,
    enum: list | None,
    pattern: str | None,
    format: str | None,
    unit: str | None = None,
) -> Any:
    if enum:
        return Literal[tuple(enum)]
    bounds = {
        k: int(v) if float(v).is_integer() else v
        for k, v in {"ge": minimum, "le": maximum}.items()
        if v is not None
    }
    if kind == "integer":
        return heltal(unit, **bounds)
    if kind == "number":
        return decimaltal(unit, **bounds)
    if kind == "boolean":
        return JaNej
    if format == "brak":
        return Brak
    if pattern:
        return Annotated[str, StringConstraints(strip_whitespace=True, pattern=pattern)]
    return Text


def _optional(annotation: Any, default: Any) -> tuple[Any, Any]:
    """A field that may be left empty: `default` then stands in for it."""

    def empty_is_default(value: object) -> object:
        return default if value is None or (isinstance(value, str) and not value.strip()) else value

    if default is None:
        annotation = annotation | None
    return Annotated[annotation, BeforeValidator(empty_is_default)], default


def _may_be_missing(annotation: Any) -> tuple[Any, Any]:
    return Annotated[annotation, WrapValidator(draft_value)], MISSING


def _table_field(field: TableField, draft: bool) -> tuple[Any, Any]:
    c = field.constraints
    annotation = _scalar(
        field.type,
        minimum=c.minimum,
        maximum=c.maximum,
        enum=c.enum,
        pattern=c.pattern,
        format=field.format,
        unit=field.unit,
    )
    return _field(annotation, field.type, field.default, c.required, draft)


def _field(annotation: Any, kind: str, default: Any, required: bool, draft: bool):
    """(type, default) of a scalar field: required, optional with a default, or, in a
    draft, possibly `MISSING`."""
    if default is not None and kind == "number":
        default = Decimal(str(default))
    if draft and required:
        return _may_be_missing(annotation)
    if default is not None or not required:
        return _optional(annotation, default)
    return annotation, ...


def _json_field(name: str, schema: JsonSchema, required: bool, draft: bool) -> tuple[Any, Any]:
    if schema.type == "object":
        annotation: Any = _object(name, schema, draft)
    elif schema.type == "array":
        item = _json_field(name, schema.items, True, draft)[0] if schema.items else Any
        annotation = Annotated[list[item], Field(min_length=schema.minItems or 0)]
        if not required:
            return annotation, []
    else:
        annotation = _scalar(
            schema.type,
            minimum=schema.minimum,
            maximum=schema.maximum,
            enum=schema.enum,
            pattern=schema.pattern,
            format=schema.format,
            unit=schema.unit,
        )
        return _field(annotation, schema.type, schema.default, required, draft)
    if not required:
        return _optional(annotation, None)
    return annotation, ...


def _object(name: str, schema: JsonSchema, draft: bool) -> type[Facts]:
    required = set(schema.properties) if schema.required is None else set(schema.required)
    fields = {
        key: _json_field(key, child, key in required, draft)
        for key, child in schema.properties.items()
    }
    return create_model(f"Uppgifter_{name}", __base__=_derived(Facts, schema.derived), **fields)


# --- derived values -----------------------------------------------------------------------


def _derived(base: type, derived: Derived, rows: bool = False) -> type:
    """`base` with a property per derived value, computed from the data it describes."""
    if not derived:
        return base
    names = list(derived)
    properties = {
        name: property(_getter(name, expression, names[:index], rows))
        for index, (name, expression) in enumerate(derived.items())
    }
    return type(f"{base.__name__}Beraknad", (base,), properties)


def _getter(name: str, expression: str, earlier: list[str], rows: bool):
    def value(self):
        names = (
            {"rader": self.rows} if rows else {f: getattr(self, f) for f in type(self).model_fields}
        )
        names.update({n: getattr(self, n) for n in earlier})
        try:
            return evaluate(expression, names)
        except ExpressionError as error:
            raise EditorError(
                f"det beräknade värdet »{name}« kan inte räknas ut: {error}"
            ) from None

    value.__name__ = name
    return value


def derived_paths(resource: Resource) -> list[tuple[tuple, str]]:
    """(path in the description, name) of every derived value of `resource`."""
    found = [(("derived", name), name) for name in resource.derived]
    schema = resource.schema_
    if isinstance(schema, TableSchema):
        return found + [(("schema", "derived", name), name) for name in schema.derived]
    return found + list(_json_derived(schema, ("schema",)))


def _json_derived(schema: JsonSchema, at: tuple):
    yield from ((at + ("derived", name), name) for name in schema.derived)
    for key, child in schema.properties.items():
        yield from _json_derived(child, at + ("properties", key))
    if schema.items is not None:
        yield from _json_derived(schema.items, at + ("items",))
