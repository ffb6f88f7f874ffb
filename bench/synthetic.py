"""Synthetic editions for the scale benchmark.

`make_project(root, target, size)` copies the project to `target` and adds ``size - 1``
other editions beside the real 2019 one, each a real edition of the site: its pages in
``docs/<year>/`` (the 2019 pages unchanged; they show their own year's data), its data in
``data/<year>/`` and its section in the menu (mkdocs.yml's ``nav``). Each synthetic edition
is the 2019 report with every count and amount multiplied by its own factor (2, 3, ...), and
the previous year's stated values (``data/<year - 1>/jamforelsetal.yaml``) multiplied by the
same factor. Multiplying keeps every sum, share and direction of change true, so each
edition passes the same checks as the real one while its tables, figures and downloads
differ. The editions are odd years (2017, 2021, 2015, 2023, ...), so that each has the even
year before it for its stated comparison values, all between 1981 and 2105: the downloads
are ZIP files stamped 1 January of the next year, and a ZIP file holds dates 1980–2107.
The site's latest edition is its highest year: 2019 while every synthetic year is older
(``size`` 2 adds 2017), otherwise the highest synthetic year.
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
from kvalitet.tools.nav import with_edition

PROJECT = ["docs", "data", "kvalitet", "overrides", "macros.py", "mkdocs.yml"]
MAIN_YEAR = 2019
UNSCALED = {"rattelser"}  # the values the PDF printed stay what the PDF printed


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
    years = sorted(
        (year for year in range(1981, 2106, 2) if year != MAIN_YEAR),
        key=lambda year: abs(year - MAIN_YEAR),
    )
    if size - 1 > len(years):
        raise ValueError(f"at most {len(years) + 1} editions fit in the years a ZIP can hold")
    config = target / "mkdocs.yml"
    config_text = config.read_text(encoding="utf-8")
    for index, year in enumerate(years[: size - 1], 1):
        add_edition(target, year, factor=index + 1)
        # A copy of the 2019 section, placed before it: the menu's order is not the years'.
        config_text = with_edition(config_text, MAIN_YEAR, year)
    config.write_text(config_text, encoding="utf-8")
    return target


def add_edition(project: Path, year: int, factor: int) -> None:
    data = project / "data"
    (data / str(year)).mkdir()
    main = load_edition(data, MAIN_YEAR)
    descriptor = (data / str(MAIN_YEAR) / DESCRIPTOR).read_text(encoding="utf-8")
    descriptor = re.sub(  # a total that does not add up in the source is scaled too
        r"sourceDiscrepancy: \{total: (\d+), parts: (\d+)\}",
        lambda m: (
            f"sourceDiscrepancy: {{total: {int(m[1]) * factor}, parts: {int(m[2]) * factor}}}"
        ),
        descriptor,
    )
    (data / str(year) / DESCRIPTOR).write_text(
        descriptor.replace(str(MAIN_YEAR), str(year)), encoding="utf-8"
    )
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
    shutil.copytree(docs / str(MAIN_YEAR), docs / str(year))


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
