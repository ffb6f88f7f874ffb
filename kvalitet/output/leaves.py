"""The columns of a download's sheet, each a `Leaf`: a value of the data with its label and
what it holds, described from the edition's Table Schema or JSON Schema (`sheets.py`)."""

from __future__ import annotations

from dataclasses import dataclass

from kvalitet.model.descriptor import JsonSchema, TableField
from kvalitet.output.describe import holds, shown_as
from kvalitet.output.rows import plain

REFERS = "_avser"  # the key beside a path's value that says what the value is


@dataclass(frozen=True)
class Leaf:
    key: str  # enheten.personer, rattelser[1].avsnitt
    label: str  # Hela omsorgsenheten: Personer aktuella under året
    value: object
    shown: str  # antal, kr, procent, tal, janej or text
    holds: str = ""
    meaning: str = ""


def counted(shown: str, value: object) -> str:
    """A whole number without a description (e.g. a total) is a count."""
    plain_int = isinstance(value, int) and not isinstance(value, bool)
    return "antal" if shown == "tal" and plain_int else shown


def what(leaf: Leaf) -> tuple[str, str]:
    return leaf.holds, leaf.meaning


def path_fields(field: Leaf, shown: str) -> tuple[Leaf, Leaf]:
    """The two columns a path becomes: the value it points to, and what that value is."""
    value = Leaf(
        field.key,
        "Värde",
        None,
        shown,
        holds(*kind_of(shown)),
        f"Värdet som sökvägen pekar på, avrundat som på webbplatsen ({field.label}: "
        f"{field.meaning or 'sökvägen'}; sökvägen står i JSON-filen).",
    )
    refers = Leaf(
        field.key + REFERS,
        "Värdet avser",
        None,
        "text",
        "text",
        "Rubrikerna längs sökvägen i datapackage.json.",
    )
    return value, refers


def kind_of(shown: str) -> tuple[str, str | None]:
    return {
        "antal": ("integer", None),
        "kr": ("integer", "kr"),
        "procent": ("number", "procent"),
        "tal": ("number", None),
    }.get(shown, ("string", None))


def from_table(field: TableField) -> Leaf:
    return Leaf(
        field.name,
        field.title or field.name,
        None,
        shown_as(field.type, field.unit, field.format),
        holds(field.type, field.unit, field.constraints.enum, field.format),
        field.description or "",
    )


def leaf_of(key: str, label: str, value: object, schema: JsonSchema | None) -> Leaf:
    if schema is None:
        return Leaf(key, label, plain(value), "text", "text")
    return Leaf(
        key,
        label,
        plain(value),
        shown_as(schema.type, schema.unit, schema.format),
        holds(schema.type, schema.unit, schema.enum, schema.format),
        schema.description or "",
    )


def item_fields(schema: JsonSchema) -> dict[str, Leaf]:
    """{column: its description} of a list of records, its inner lists' columns included."""
    found = {}
    for name, child in (schema.items.properties if schema.items else {}).items():
        if child.type == "array" and child.items is not None and child.items.type == "object":
            found |= item_fields(child)
        else:
            found[name] = leaf_of(name, child.title or name, None, child)
    return found
