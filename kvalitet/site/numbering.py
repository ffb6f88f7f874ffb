"""Numbering tables in reading order.

MkDocs renders pages in file order, not reading order, so numbers cannot come from a
counter at render time. Instead the Markdown sources are read once, in navigation order,
and each ``tabell("namn")`` call gets the next table number, each ``figur("namn")`` the
next figure number. The result is fixed before any
page is rendered.
"""

from __future__ import annotations

import re
from pathlib import Path

# Quoted, or not: then the page says to add the quotes, and the number stays where it was.
CALL = re.compile(r"""\b(?P<macro>tabell|figur)\(\s*(?P<q>["']?)(?P<name>\w+)(?P=q)\s*[,)]""")


def nav_pages(nav: object) -> list[str]:
    """Markdown paths of an ``mkdocs.yml`` nav, in reading order."""
    pages: list[str] = []
    if isinstance(nav, str):
        if nav.endswith(".md"):
            pages.append(nav)
    elif isinstance(nav, dict):
        for value in nav.values():
            pages += nav_pages(value)
    elif isinstance(nav, list):
        for item in nav:
            pages += nav_pages(item)
    return pages


def number_calls(
    docs_dir: Path,
    pages: list[str],
    macro: str = "tabell",
    folder: str = "",
) -> dict[str, int]:
    """``{name: number}`` for each distinct `macro` call, numbered in the order of `pages`.

    Pages under `folder` that are missing from `pages` (not in the navigation) follow in
    file order.
    """
    listed = [docs_dir / page for page in pages]
    known = set(listed)
    rest = sorted(path for path in (docs_dir / folder).rglob("*.md") if path not in known)
    numbers: dict[str, int] = {}
    for path in listed + rest:
        if not path.is_file():
            continue
        for match in CALL.finditer(path.read_text(encoding="utf-8")):
            if match["macro"] == macro:
                numbers.setdefault(match["name"], len(numbers) + 1)
    return numbers


def nav_titles(nav: object) -> dict[str, str]:
    """{title: site URL} of the pages in an ``mkdocs.yml`` nav that have a title."""
    titles: dict[str, str] = {}
    items = nav if isinstance(nav, list) else []
    for item in items:
        if isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, str) and value.endswith(".md"):
                    titles[title] = page_url(value)
                else:
                    titles.update(nav_titles(value))
    return titles


def page_url(path: str) -> str:
    """The directory URL MkDocs gives a Markdown file: "underlag/x.md" -> "underlag/x/"."""
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"
