""" "Senast uppdaterad" for each page: the last commit that changed the page or its data.

A page's numbers come from data files, so a page counts as updated when its Markdown file
or any data file it uses changed. Outside a git checkout (a copy, a tarball) the date of
SOURCE_DATE_EPOCH is used, so the result is still reproducible.
"""

from __future__ import annotations

import os
import re
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from babel.dates import format_date
from markupsafe import Markup

from .formatting import LOCALE


def files_used(source: str, data_files: dict[str, str]) -> list[str]:
    """Data files (``{name: path}``) whose name the page source mentions."""
    return [
        path for name, path in data_files.items() if re.search(rf"\b{re.escape(name)}\b", source)
    ]


def last_change(root: Path, paths: list[str]) -> datetime:
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%ct", "--", *paths],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        )
        if result.stdout.strip():
            return datetime.fromtimestamp(int(result.stdout.strip()), UTC)
    except (OSError, subprocess.CalledProcessError):
        pass
    return datetime.fromtimestamp(int(os.environ.get("SOURCE_DATE_EPOCH", "0")), UTC)


def updated_html(when: datetime) -> Markup:
    return Markup(
        '<p class="kb-uppdaterad">Senast uppdaterad <time datetime="{}">{}</time></p>'
    ).format(when.date().isoformat(), format_date(when.date(), "d MMMM y", locale=LOCALE))
