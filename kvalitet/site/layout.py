"""Where things are: an edition is a folder ``docs/<year>/`` of pages (with its data in
``data/<year>/``), and the menu (``nav:`` in mkdocs.yml) lists the pages."""

from __future__ import annotations

from pathlib import Path

from kvalitet.model.problems import Problem
from kvalitet.site.numbering import nav_pages


def edition_year(src_uri: str) -> int | None:
    """The edition a page belongs to: ``2019/underlag/x.md`` belongs to 2019."""
    first = src_uri.split("/")[0]
    return int(first) if len(first) == 4 and first.isdigit() and "/" in src_uri else None


def edition_years(docs: Path) -> list[int]:
    """Every edition with pages on the site, newest first."""
    found = [int(p.name) for p in docs.iterdir() if p.is_dir() and edition_year(f"{p.name}/x")]
    return sorted(found, reverse=True)


def menu_entries_without_pages(config, root: Path, docs: Path) -> list[Problem]:
    """A menu entry (``nav:``) whose page does not exist, named by its line in mkdocs.yml,
    and a page in docs/ that the menu leaves out."""
    config_file = Path(config.get("config_file_path") or root / "mkdocs.yml")
    lines = config_file.read_text(encoding="utf-8").splitlines() if config_file.is_file() else []
    problems = []
    for page in nav_pages(config["nav"]):
        if not (docs / page).is_file():
            line = next(
                (n for n, text in enumerate(lines, 1) if text.rstrip().endswith(page)), None
            )
            problems.append(
                Problem(
                    "mkdocs.yml",
                    f"menyn pekar på sidan »{page}«, som inte finns i docs/.",
                    line=line,
                    expected="en sida som finns, eller att raden tas bort ur menyn",
                )
            )
    # MkDocs would only warn, in English, about a page that the menu leaves out.
    listed = set(nav_pages(config["nav"]))
    for path in sorted(docs.rglob("*.md")):
        page = path.relative_to(docs).as_posix()
        if page not in listed:
            problems.append(
                Problem(
                    f"docs/{page}",
                    "sidan finns inte i menyn (nav i mkdocs.yml), så ingen kan hitta den.",
                    expected=f"en rad i menyn, t.ex. »- Rubrik: {page}«, eller att sidan tas bort",
                )
            )
    return problems


def link_base(page) -> str:
    """The address that relative links in `page`'s content start from.

    MkDocs keeps the links in a page's HTML as written, so they start from the page's
    address (``2019/syfte/``). Zensical resolves them from the Markdown file's folder
    (``2019/``), like Markdown links; its `PageView` says so in ``links_from``.
    """
    links_from = getattr(page, "links_from", None)
    return page.url if links_from is None else links_from
