""" "Senast uppdaterad" for each page: the last commit that changed the page or its data.

A page's numbers come from data files, so a page counts as updated when its Markdown file
or any data file it uses changed. The history is read with one ``git log`` per build.
Outside a git checkout (a copy, a tarball) the date of SOURCE_DATE_EPOCH is used, so the
result is still reproducible.
"""

from __future__ import annotations

import os
import re
import subprocess
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import TypeVar

from babel.dates import format_date
from markupsafe import Markup

from kvalitet.render.formatting import LOCALE

T = TypeVar("T")


def build_date(root: Path) -> datetime:
    """The date the build stands for: SOURCE_DATE_EPOCH (the Makefile sets it to the last
    commit), else the last commit, else the start of the epoch."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        return datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]), UTC)
    try:
        stamp = subprocess.run(
            ["git", "log", "-1", "--format=%ct"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        return datetime.fromtimestamp(int(stamp), UTC)
    except (OSError, subprocess.CalledProcessError, ValueError):
        return datetime.fromtimestamp(0, UTC)


class GitDates:
    """When each file last changed, from one walk through the history.

    git runs in the background from the start, while the build loads the data: its answers
    cost the build nothing but the waiting that is left (0.02 s less per build).
    """

    def __init__(self, root: Path):
        self.root = root
        self._changed = _in_background(_changed_files, root)
        self._build_date = _in_background(build_date, root)

    @cached_property
    def changed(self) -> dict[str, int]:
        return self._changed()

    @cached_property
    def build_date(self) -> datetime:
        return self._build_date()

    def last_change(self, paths: list[str]) -> datetime:
        """The newest change of `paths` (files, or folders such as ``data/2018``)."""
        times = [
            when
            for file, when in self.changed.items()
            if any(file == path or file.startswith(path.rstrip("/") + "/") for path in paths)
        ]
        return datetime.fromtimestamp(max(times), UTC) if times else self.build_date


def _changed_files(root: Path) -> dict[str, int]:
    """{path: time of its last commit} for every file in docs/ and data/ git knows."""
    try:
        log = subprocess.run(
            ["git", "log", "--format=@%ct", "--name-only", "--", "docs", "data"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    changed: dict[str, int] = {}
    when = 0
    for line in log.splitlines():
        if line.startswith("@"):
            when = int(line[1:])
        elif line:  # newest first: the first time a file is seen is its last change
            changed.setdefault(line, when)
    return changed


def _in_background(function: Callable[[Path], T], root: Path) -> Callable[[], T]:
    """`function(root)` started in a thread; call the result to wait for its value."""
    outcome: list = []

    def run() -> None:
        try:
            outcome.append((True, function(root)))
        except BaseException as error:  # raised again where the value is wanted
            outcome.append((False, error))

    thread = threading.Thread(target=run, daemon=True)
    thread.start()

    def wait() -> T:
        thread.join()
        done, value = outcome[0]
        if not done:
            raise value
        return value

    return wait


def files_used(source: str, data_files: dict[str, str]) -> list[str]:
    """Data files (``{name: path}``) whose name the page's macros use (``{{ … }}``, not prose)."""
    macros = " ".join(re.findall(r"\{\{.*?\}\}|\{%.*?%\}", source, re.S))
    names = re.findall(r"[A-Za-z_]\w*", macros)
    return sorted({data_files[name] for name in names if name in data_files})


def updated_html(when: datetime) -> Markup:
    return Markup(
        '<p class="kb-uppdaterad">Senast uppdaterad <time datetime="{}">{}</time></p>'
    ).format(when.date().isoformat(), format_date(when.date(), "d MMMM y", locale=LOCALE))
