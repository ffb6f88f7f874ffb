"""Start next year's edition: ``make ny-argang AR=2020``.

The latest edition stays as it is, at its own address. The new one gets:

- ``docs/<year>/``: a copy of the latest edition's pages, to be rewritten; years in the
  text come from the data (``{{ ar }}``), so they follow;
- ``data/<year>/``: every data file with its structure, comments and texts kept (titles,
  names, row labels, the quality plan's processes) and every number and choice emptied, and
  the description ``datapackage.yaml`` with ``status: utkast``;
- a section in the menu (``nav:`` in mkdocs.yml), first.

A draft builds: each empty value shows as »uppgift saknas« and is listed on the edition's
status page, and the publish job refuses to publish it until ``status: publicerad``.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import shutil
import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from pydantic import BaseModel

from kvalitet.model.csvfile import decode
from kvalitet.model.dataset import RowSet
from kvalitet.model.descriptor import DESCRIPTOR
from kvalitet.model.edition import load_edition
from kvalitet.model.problems import DataError
from kvalitet.model.yamlfile import read_yaml
from kvalitet.site.layout import edition_years
from kvalitet.tools.nav import with_edition

# One line of a YAML file: the key (after an optional "- "), its value and a comment.
LINE = re.compile(r"^(?P<head>\s*(?:-\s+)?[^\s:#][^:#]*:)(?P<value>[^#\n]*?)(?P<tail>\s*#.*)?$")
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)


def _emptied_lines(text: str, lines: set[int]) -> str:
    """`text` with the value on each of `lines` (1-based) removed, comments kept in place."""
    out = text.splitlines(keepends=True)
    for number in sorted(lines):
        line = out[number - 1]
        ending = "\n" if line.endswith("\n") else ""
        match = LINE.match(line.rstrip("\n"))
        if not match:
            continue
        head, value, tail = match["head"], match["value"], match["tail"] or ""
        out[number - 1] = head + (" " * len(value) if tail else "") + tail + ending
    return "".join(out)


def _number_paths(value: object, path: tuple) -> list[tuple]:
    """Paths of every number, yes/no and fraction inside a YAML file's validated value."""
    if isinstance(value, bool | int | float | Decimal | Fraction):
        return [path]
    if isinstance(value, BaseModel):
        return [
            p
            for name in type(value).model_fields
            for p in _number_paths(getattr(value, name), (*path, name))
        ]
    if isinstance(value, list):
        return [p for index, item in enumerate(value) for p in _number_paths(item, (*path, index))]
    return []


def _emptied_yaml(text: str, value: BaseModel, file: str, start_empty: bool) -> str:
    document = read_yaml(text, file)
    if start_empty:  # e.g. corrections of one year's PDF: the comments, and empty lists
        comments = "".join(line for line in text.splitlines(keepends=True) if line.startswith("#"))
        body = "".join(
            f"{name}: []\n" if isinstance(getattr(value, name), list) else f"{name}:\n"
            for name in type(value).model_fields
        )
        return comments + body
    lines = {document.lines[path] for path in _number_paths(value, ()) if path in document.lines}
    return _emptied_lines(text, lines)


def _emptied_csv(rowset: RowSet, schema) -> str:
    """The rows' texts and keys kept; numbers, yes/no and choices (an enum) emptied."""
    columns = [f.name for f in schema.fields]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    texts = [
        f.name
        for f in schema.fields
        if f.name in schema.key or (f.type == "string" and not f.constraints.enum)
    ]
    for row in rowset.rows:
        cells = row.model_dump()
        writer.writerow([cells[c] if c in texts else "" for c in columns])
    return buffer.getvalue()


def _descriptor(text: str, old: int, new: int) -> str:
    text = re.sub(r"^status:\s*\S+", "status: utkast", text, count=1, flags=re.M)
    # A total that did not add up was last year's source's; with its comment, it goes.
    text = re.sub(r"^(?:[ \t]*#.*\n)*[ \t]*sourceDiscrepancy:.*\n", "", text, flags=re.M)
    return re.sub(rf"^(name|title):(.*)\b{old}\b", rf"\g<1>:\g<2>{new}", text, flags=re.M)


def write_edition(root: Path, year: int) -> tuple[int, list[Path]]:
    """Create edition `year` from the latest one; returns (that year, data files written)."""
    years = edition_years(root / "docs")
    if not years:
        raise SystemExit("Det finns ingen årgång att utgå från (docs/<år>/).")
    latest = years[0]
    if year <= latest:
        raise SystemExit(f"Årgången {year} finns redan eller är äldre än den senaste ({latest}).")
    for folder in (root / "docs" / str(year), root / "data" / str(year)):
        if folder.exists():
            raise SystemExit(
                f"Mappen {folder.relative_to(root)} finns redan; den skrivs inte över."
            )
    data = root / "data"
    try:
        previous = load_edition(data, latest)
    except DataError as error:
        message = f"Förra årets data (data/{latest}) måste vara komplett först.\n{error}"
        raise SystemExit(message) from None
    if previous.missing:
        raise SystemExit(f"Årgången {latest} är ett utkast; gör den klar först.")
    target = data / str(year)
    target.mkdir(parents=True)
    written = []
    for dataset in previous.datasets:
        value = previous.values[dataset.name]
        source = data / str(latest) / dataset.filename
        path = target / dataset.filename
        if isinstance(value, RowSet):
            path.write_text(_emptied_csv(value, dataset.resource.schema_), encoding="utf-8")
        else:
            text = decode(source.read_bytes(), str(source))
            empty = dataset.resource.newEdition == "empty"
            path.write_text(_emptied_yaml(text, value, str(source), empty), encoding="utf-8")
        written.append(path)
    descriptor = (data / str(latest) / DESCRIPTOR).read_text(encoding="utf-8")
    (target / DESCRIPTOR).write_text(_descriptor(descriptor, latest, year), encoding="utf-8")

    pages = root / "docs" / str(year)
    shutil.copytree(root / "docs" / str(latest), pages)
    for page in pages.rglob("*.md"):  # the description in the front matter names the year
        text = page.read_text(encoding="utf-8")
        front = FRONT_MATTER.match(text)
        if front:
            head = re.sub(rf"\b{latest}\b", str(year), front.group())
            page.write_text(head + text[front.end() :], encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(with_edition(config.read_text(encoding="utf-8"), latest, year), "utf-8")
    return latest, written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Förbered nästa årgång av kvalitetsberättelsen.")
    parser.add_argument("ar", type=int, help="det nya rapportåret, t.ex. 2020")
    args = parser.parse_args(argv)
    latest, written = write_edition(Path.cwd(), args.ar)
    print(
        f"Skapade årgången {args.ar} som ett utkast: sidorna i docs/{args.ar}/ (en kopia av "
        f"{latest}), {len(written)} datafiler och deras beskrivning ({DESCRIPTOR}) i "
        f"data/{args.ar}/, och en rubrik i menyn i mkdocs.yml."
    )
    print(
        f"Årgången {latest} finns kvar som den är, på sin egen adress. Fyll i värdena och skriv "
        f"om texten; sidan »Utkast: uppgifter som saknas« listar allt som återstår. Ändra "
        f"status till publicerad i data/{args.ar}/{DESCRIPTOR} när årgången är klar."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
