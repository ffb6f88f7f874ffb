""" "Hela rapporten": every chapter on one page, for reading in full, printing and the PDF.

The chapters are rendered with the same data and macros as their own pages, then put one
after the other: their headings move one level down under the page's own heading (a
section in a chapter's folder, such as 4.1 in underlag/, one more, under its chapter), and
links between chapters become links within the page.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from pathlib import Path

from markdown.extensions.toc import slugify

FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
LINK = re.compile(r"\]\(([^)\s]+)\)")
HEADING = re.compile(r"^(#{1,5}) ", re.M)

# An edition's pages that are about the web edition rather than part of the report.
NOT_IN_THE_REPORT = {
    "index.md",
    "hela-rapporten.md",
    "datafiler.md",
    "om-webbversionen.md",
    "utkast.md",  # a draft's status page
}


def chapters(pages: list[str], folder: str = "") -> list[str]:
    """The report's pages in reading order, of the edition in `folder` (e.g. "2019/")."""
    return [page for page in pages if page.removeprefix(folder) not in NOT_IN_THE_REPORT]


def first_heading(text: str) -> str:
    match = re.search(r"^# (.+)$", text, re.M)
    return match.group(1).strip() if match else ""


def assemble(
    docs: Path, pages: list[str], render: Callable[[str, str, str], str], folder: str = ""
) -> str:
    """Markdown for the whole report. `render(page, body, source)` renders one chapter."""
    included = chapters(pages, folder)
    sources = {page: (docs / page).read_text(encoding="utf-8") for page in included}
    anchors = {page: slugify(first_heading(text), "-") for page, text in sources.items()}
    parts = []
    for page in included:
        body = FRONT_MATTER.sub("", sources[page])
        text = render(page, body, sources[page])
        shift = _depth(page.removeprefix(folder))
        text = HEADING.sub(lambda m, s=shift: "#" * min(6, len(m.group(1)) + s) + " ", text)
        text = LINK.sub(
            lambda m, page=page: "](" + _link(m.group(1), page, anchors, folder) + ")", text
        )
        parts.append(text.strip())
    return "\n\n".join(parts) + "\n"


def _depth(page: str) -> int:
    """How many levels a page's headings move down: a chapter's own page one, a section
    in the chapter's folder (underlag/forandrade-forutsattningar.md) two."""
    folders = page.count("/")
    return 1 + folders - (1 if folders and page.endswith("/index.md") else 0)


def _link(target: str, page: str, anchors: dict[str, str], folder: str) -> str:
    if re.match(r"^[a-z]+:", target) or target.startswith("#"):
        return target
    path, _, fragment = target.partition("#")
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    if fragment and resolved in anchors:
        return "#" + fragment
    if resolved in anchors:
        return "#" + anchors[resolved]
    relative = posixpath.relpath(resolved, folder or ".")  # from the whole report's page
    return relative + (f"#{fragment}" if fragment else "")
