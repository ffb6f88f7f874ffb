"""What a reader sees of the editions around the pages: which year a page belongs to and
the latest one, the list of every edition, and the pages once published at the root.

Every edition has an address of its own (``/2019/...``), so a link made to a page of one
year keeps leading to that year. Before editions had folders, the 2019 edition lay at the
site's root; each of those addresses is now a small page that says where the page went and
leads there (``moved_from_root`` in mkdocs.yml).
"""

from __future__ import annotations

from markupsafe import Markup, escape

from kvalitet.site.numbering import page_url


def banner(
    year: int, latest: int, draft: bool, latest_draft: bool, to_root: str
) -> dict[str, object]:
    """The template's view of the edition a page belongs to (overrides/main.html)."""
    return {
        "ar": year,
        "senaste": latest,
        "ar_senaste": year == latest,
        "utkast": draft,
        "senaste_url": f"{to_root}{latest}/",
        "senaste_utkast": latest_draft,
        "utkast_url": f"{to_root}{year}/utkast/",
        "alla_url": to_root or "./",
    }


def edition_list(reports: dict, to_root: str) -> Markup:
    """The start page's list of editions, newest first."""
    items = []
    for year, report in reports.items():
        package = report.current.descriptor.package
        notes = []
        if year == next(iter(reports)):
            notes.append("den senaste")
        if package.status == "utkast":
            notes.append("utkast")
        note = f" ({', '.join(notes)})" if notes else ""
        items.append(
            Markup('<li><a href="{}">{}</a>{}</li>').format(
                f"{to_root}{year}/", package.title, note
            )
        )
    return Markup('<ul class="kb-utgavor">') + Markup("").join(items) + Markup("</ul>")


MOVED = """<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>Sidan har flyttat – {title}</title>
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={target}">
<script>location.replace({target_js} + location.hash)</script>
</head>
<body>
<main>
<h1>Sidan har flyttat</h1>
<p>Den här sidan i {title} finns nu på <a href="{target}">{title_page}</a>.</p>
<p>Alla årgångar av kvalitetsberättelsen finns på <a href="{root}">startsidan</a>.</p>
</main>
</body>
</html>
"""


def moved_pages(pages: list[str], year: int, title: str) -> dict[str, bytes]:
    """{site path: HTML} of a page at the root for each page of edition `year`, leading to
    its address under ``<year>/``. The edition's start page keeps the root's start page."""
    import json

    files = {}
    prefix = f"{year}/"
    for page in pages:
        if not page.startswith(prefix) or page == f"{prefix}index.md":
            continue
        old = page_url(page.removeprefix(prefix))
        depth = old.count("/")
        target = "../" * depth + page_url(page)
        html = MOVED.format(
            title=escape(title),
            target=escape(target),
            target_js=json.dumps(target),
            title_page=escape(f"{title}, {old.rstrip('/')}"),
            root=escape("../" * depth or "./"),
        )
        files[f"{old}index.html"] = html.encode("utf-8")
    return files


DRAFT_PAGE = "utkast.md"
DRAFT_TITLE = "Utkast: uppgifter som saknas"


def draft_page(report) -> str:
    """Markdown for a draft edition's status page: every value still missing, once."""
    edition = report.current
    year = edition.year
    lines = [
        f"# {DRAFT_TITLE}",
        "",
        f"{edition.descriptor.package.title} är ett utkast. Den publiceras först när alla "
        f"uppgifter är ifyllda och `status` i `data/{year}/datapackage.yaml` är ändrad till "
        "`publicerad`. Tills dess visas varje uppgift som saknas som »uppgift saknas«.",
        "",
    ]
    missing = edition.missing
    if not missing:
        lines.append(
            "Alla uppgifter är ifyllda. Ändra status till `publicerad` när texten är klar."
        )
        return "\n".join(lines) + "\n"
    count = "en uppgift" if len(missing) == 1 else f"{len(missing)} uppgifter"
    lines += [f"Det saknas {count}.", ""]
    by_file: dict[str, list] = {}
    for problem in missing:
        by_file.setdefault(problem.file, []).append(problem)
    for file, problems in by_file.items():
        lines += [f"## {file}", ""]
        lines += [_missing_line(p) for p in problems]
        lines.append("")
    return "\n".join(lines)


def _missing_line(problem) -> str:
    """ "- rad 3 (LSS-bostäder), kolumn »antal«" or "- rad 4, nyckel »enheten.personer«"."""
    if not problem.line:
        return f"- {problem.field}"
    note = f" ({problem.note})" if problem.note else ""
    return f"- rad {problem.line}{note}, {problem.field}"


def with_draft_pages(nav: list, drafts: list[int]) -> list:
    """`nav` with each draft edition's status page right after its start page."""
    for item in nav:
        if not isinstance(item, dict):
            continue
        for children in item.values():
            if isinstance(children, list):
                for year in drafts:
                    if f"{year}/index.md" in children:
                        children.insert(1, {DRAFT_TITLE: f"{year}/{DRAFT_PAGE}"})
    return nav
