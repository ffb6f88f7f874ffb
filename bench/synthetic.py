"""Synthetic editions for the scale benchmark.

`make_project(root, target, size)` copies the project to `target` and adds ``size - 1``
other editions beside the real 2019 one, as the engine keeps archived editions: the pages under
``docs/arkiv/<year>/`` and the data under ``data/<year>/``. Each synthetic edition is the
2019 report with every count and amount multiplied by its own factor (2, 3, ...), and the
previous year's stated values (``data/<year - 1>/jamforelsetal.yaml``) multiplied by the
same factor. Multiplying keeps every sum, share and direction of change true, so each
edition passes the same checks as the real one while its tables, figures and downloads
differ. The editions are odd years (2017, 2021, 2015, 2023, ...), so that each has the even
year before it for its stated comparison values, all between 1981 and 2105: the downloads
are ZIP files stamped 1 January of the next year, and a ZIP file holds dates 1980–2107.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path
from typing import get_args, get_origin

import yaml
from pydantic import BaseModel

from kvalitet.model.descriptor import DESCRIPTOR
from kvalitet.model.edition import JAMFORELSETAL, load_edition
from kvalitet.site.report import ARCHIVE

PROJECT = ["docs", "data", "kvalitet", "overrides", "macros.py", "mkdocs.yml"]
MAIN_YEAR = 2019
UNSCALED = {"rattelser"}  # the values the PDF printed stay what the PDF printed
NOT_ARCHIVED = {"hela-rapporten.md"}  # the whole report and its PDF are the main edition's


def copy_project(root: Path, target: Path) -> Path:
    """A copy of everything the build of the project at `root` reads; returns `target`."""
    target.mkdir(parents=True)
    for part in PROJECT:
        source = root / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    return target


def make_project(root: Path, target: Path, size: int) -> Path:
    """A copy of the project at `root` with `size` editions in all; returns `target`."""
    copy_project(root, target)
    with (target / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write(f"\nnot_in_nav: |\n  /{ARCHIVE}/\n")
    years = sorted(
        (year for year in range(1981, 2106, 2) if year != MAIN_YEAR),
        key=lambda year: abs(year - MAIN_YEAR),
    )
    if size - 1 > len(years):
        raise ValueError(f"at most {len(years) + 1} editions fit in the years a ZIP can hold")
    for index, year in enumerate(years[: size - 1], 1):
        add_edition(target, year, factor=index + 1)
    return target


def add_edition(project: Path, year: int, factor: int) -> None:
    data = project / "data"
    (data / str(year)).mkdir()
    main = load_edition(data, MAIN_YEAR)
    descriptor = (data / str(MAIN_YEAR) / DESCRIPTOR).read_text(encoding="utf-8")
    (data / str(year) / DESCRIPTOR).write_text(descriptor.replace(str(MAIN_YEAR), str(year)))
    for dataset in main.datasets:
        path = data / str(MAIN_YEAR) / dataset.filename
        text = path.read_text(encoding="utf-8")
        if dataset.name not in UNSCALED:
            text = (_scale_csv if dataset.is_csv else _scale_yaml)(text, dataset.model, factor)
        (data / str(year) / dataset.filename).write_text(text, encoding="utf-8")
    stated = yaml.safe_load((data / str(MAIN_YEAR - 1) / JAMFORELSETAL).read_text("utf-8"))
    (data / str(year - 1)).mkdir()
    (data / str(year - 1) / JAMFORELSETAL).write_text(
        _dump({key: _times(value, factor) for key, value in stated.items()}), encoding="utf-8"
    )
    docs = project / "docs"
    for page in sorted(docs.rglob("*.md")):
        relative = page.relative_to(docs)
        if relative.parts[0] == ARCHIVE or relative.as_posix() in NOT_ARCHIVED:
            continue
        copy = docs / ARCHIVE / str(year) / relative
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_text(_relink(page.read_text(encoding="utf-8")), encoding="utf-8")


def _relink(markdown: str) -> str:
    """Links to pages that are not archived point to the main edition's page."""
    for name in NOT_ARCHIVED:
        markdown = re.sub(rf"\]\(((?:\.\./)*){re.escape(name)}", rf"](\1../../{name}", markdown)
    return markdown


def _scale_csv(text: str, model: type[BaseModel], factor: int) -> str:
    counts = {name for name, field in model.model_fields.items() if field.annotation is int}
    rows = list(csv.DictReader(io.StringIO(text)))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {k: int(v) * factor if k in counts and v.strip() else v for k, v in row.items()}
        )
    return out.getvalue()


def _scale_yaml(text: str, model: type[BaseModel], factor: int) -> str:
    return _dump(_scale(yaml.safe_load(text), model, factor))


def _scale(value: object, annotation: object, factor: int) -> object:
    if annotation is int:
        return _times(value, factor)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if not isinstance(value, dict):
            return value
        fields = annotation.model_fields
        return {
            key: _scale(item, fields[key].annotation, factor) if key in fields else item
            for key, item in value.items()
        }
    if get_origin(annotation) is not None:  # list[Model], Annotated[list[Model], ...], X | None
        for argument in get_args(annotation):
            if isinstance(value, list):
                return [_scale(item, _inner(argument), factor) for item in value]
            if argument is not type(None):
                return _scale(value, argument, factor)
    return value


def _inner(annotation: object) -> object:
    return get_args(annotation)[0] if get_origin(annotation) is list else annotation


def _times(value: object, factor: int) -> object:
    return value * factor if isinstance(value, int) and not isinstance(value, bool) else value


def _dump(document: object) -> str:
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
