"""The edition's description published with its data, for machine readers.

``data/<year>/datapackage.json`` is the edition's ``datapackage.yaml`` as JSON, with each
resource pointing at the file a reader downloads: a CSV file with its Table Schema, made
explicit (every field required unless described otherwise), or, for a YAML file, the same
data as JSON with its JSON Schema (the Frictionless "JSON Data Resource" pattern).
"""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction

from pydantic import BaseModel

from kvalitet.model.descriptor import JsonSchema, TableSchema
from kvalitet.model.edition import Edition
from kvalitet.model.missing import MISSING
from kvalitet.model.small_counts import ALSO_HIDDEN_TEXT, HIDDEN_TEXT, is_hidden

# What a reader of the data finds where the small-count rule hides a value.
SMALL_COUNTS_NOTE = (
    f"Regeln för små tal gäller: ett antal mellan 1 och 4 visas som »{HIDDEN_TEXT}« och ett "
    f"antal som annars skulle avslöja det ur summan som »{ALSO_HIDDEN_TEXT}«; i JSON är båda null."
)


def _plain(value: object) -> object:
    if is_hidden(value):
        return None
    if isinstance(value, BaseModel):
        return {name: _plain(getattr(value, name)) for name in type(value).model_fields}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, Decimal):
        return float(value) if value != value.to_integral_value() else int(value)
    if isinstance(value, Fraction):
        return f"{value.numerator}/{value.denominator}"
    if value is MISSING:
        return None
    return value


def _json_schema(schema: JsonSchema, nullable: bool = False) -> dict:
    """`schema` as standard JSON Schema: required keys and no others, made explicit.
    With `nullable` (the small-count rule), a count may be null: hidden."""
    out = schema.model_dump(
        exclude_none=True, exclude_defaults=True, exclude={"properties", "items"}
    )
    if nullable and out.get("type") == "integer":
        out["type"] = ["integer", "null"]
    if schema.properties:
        out["properties"] = {k: _json_schema(v, nullable) for k, v in schema.properties.items()}
        out["required"] = (
            schema.required if schema.required is not None else list(schema.properties)
        )
        out["additionalProperties"] = False
    if schema.items is not None:
        out["items"] = _json_schema(schema.items, nullable)
    return out


def package_files(edition: Edition) -> dict[str, bytes]:
    """{file name in data/<year>/: bytes}: datapackage.json and the YAML files as JSON."""
    package = edition.descriptor.package
    described = package.model_dump(by_alias=True, exclude_none=True, exclude={"resources"})
    files, resources = {}, []
    for resource in package.resources:
        entry = resource.model_dump(by_alias=True, exclude_none=True, exclude={"schema_", "path"})
        schema = resource.schema_
        if isinstance(schema, TableSchema):
            entry |= {"path": f"{resource.name}.csv", "format": "csv", "mediatype": "text/csv"}
            table = schema.model_dump(exclude_none=True, by_alias=True)
            for field in table["fields"]:
                field.setdefault("constraints", {}).setdefault("required", True)
                if resource.smallCounts and field["type"] == "integer":
                    field["constraints"]["required"] = False  # a hidden count is missing
            if resource.smallCounts:
                table["missingValues"] = ["", HIDDEN_TEXT, ALSO_HIDDEN_TEXT]
            entry["schema"] = table
        else:
            entry |= {"path": f"{resource.name}.json", "format": "json"}
            entry["mediatype"] = "application/json"
            entry["schema"] = _json_schema(schema, resource.smallCounts)
            data = _plain(edition.values[resource.name])
            files[f"{resource.name}.json"] = _dump(data)
        if resource.smallCounts:
            entry["description"] = f"{entry['description'].rstrip()} {SMALL_COUNTS_NOTE}"
        resources.append(entry)
    late = {key: described.pop(key) for key in ("checks", "views") if key in described}
    files["datapackage.json"] = _dump({**described, "resources": resources, **late})
    return files


def _dump(value: object) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2, sort_keys=False) + "\n").encode()
