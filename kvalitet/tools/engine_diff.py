"""Do two builds of the site show the same report? ``python -m kvalitet.tools.engine_diff A B``

CI builds the site with MkDocs and with Zensical and runs this on the two; any difference a
reader could notice fails the check, with a Swedish summary. Compared, page by page, inside
the article: the sentences, the numbers, every table cell, the figures (image, text
alternative, phone drawing), the links, the glossary's explanations (``<abbr title>``) and
the headings' anchors; and the page title and edition banner. Then every file the site offers that is not the theme's (downloads,
figures, data) byte for byte, and the PDF's text. The theme's own files and markup around
the article may differ: that is what changes between the engines.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup

# The theme's own files, and the search indexes the engines write for their own search.
THEME = re.compile(r"^(assets/|search\.json$|search/search_index\.json$|sitemap\.xml)")
NUMBER = re.compile(r"\d+(?:[\u00a0 ]\d{3})*(?:,\d+)?")


def page_facts(html: str) -> dict[str, object]:
    """What a reader sees of one page, in comparable form."""
    soup = BeautifulSoup(html, "lxml")
    title = soup.title.get_text(strip=True) if soup.title else ""
    article = soup.select_one("article") or soup
    text = " ".join(article.get_text(" ").split())
    return {
        "titel": title,
        "text": text,
        "siffror": sorted(NUMBER.findall(text)),
        "tabeller": [
            [
                [" ".join(cell.get_text(" ").split()) for cell in row.select("th, td")]
                for row in table.select("tr")
            ]
            for table in article.select("table")
        ],
        "figurer": [(img.get("src"), img.get("alt")) for img in article.select("img")]
        + [source.get("srcset") for source in article.select("picture source")],
        "länkar": [a.get("href") for a in article.select("a[href]")],
        "förklaringar": [(abbr.get_text(), abbr.get("title")) for abbr in article.select("abbr")],
        # the theme's own anchors begin with __ (Zensical puts __skip in the article)
        "ankare": sorted(t["id"] for t in article.select("[id]") if not t["id"].startswith("__")),
    }


def _pages(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*.html"))}


def _files(site: Path) -> dict[str, Path]:
    return {
        path: p
        for p in sorted(site.rglob("*"))
        if p.is_file()
        and not p.name.endswith(".html")
        and not THEME.match(path := p.relative_to(site).as_posix())
    }


def _pdf_text(path: Path) -> str:
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True)
    return " ".join(done.stdout.decode("utf-8", "replace").split())


def _first_difference(a: object, b: object) -> str:
    if isinstance(a, list) and isinstance(b, list):
        for x, y in zip(a, b, strict=False):
            if x != y:
                return _first_difference(x, y)
        return f"{len(a)} mot {len(b)} st."
    if isinstance(a, str) and isinstance(b, str):
        i = next(
            (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
        )
        return f"»…{a[max(0, i - 30) : i + 40]}…« mot »…{b[max(0, i - 30) : i + 40]}…«"
    return f"»{a}« mot »{b}«"


def differences(first: Path, second: Path, names: tuple[str, str]) -> list[str]:
    """Swedish findings where the site in `second` shows something else than `first`."""
    a_name, b_name = names
    found = []
    pages_a, pages_b = _pages(first), _pages(second)
    for page in sorted(pages_a.keys() - pages_b.keys()):
        found.append(f"Sidan {page} finns bara i bygget med {a_name}.")
    for page in sorted(pages_b.keys() - pages_a.keys()):
        found.append(f"Sidan {page} finns bara i bygget med {b_name}.")
    for page in sorted(pages_a.keys() & pages_b.keys()):
        facts_a = page_facts(pages_a[page].read_text(encoding="utf-8"))
        facts_b = page_facts(pages_b[page].read_text(encoding="utf-8"))
        for what in facts_a:
            if facts_a[what] != facts_b[what]:
                where = _first_difference(facts_a[what], facts_b[what])
                found.append(f"Sidan {page}: {what} skiljer sig: {where}")
    files_a, files_b = _files(first), _files(second)
    for path in sorted(files_a.keys() ^ files_b.keys()):
        only = a_name if path in files_a else b_name
        found.append(f"Filen {path} finns bara i bygget med {only}.")
    for path in sorted(files_a.keys() & files_b.keys()):
        a, b = files_a[path], files_b[path]
        if path.endswith(".pdf"):
            if _pdf_text(a) != _pdf_text(b):
                found.append(
                    f"PDF-filen {path} har olika text: "
                    + _first_difference(_pdf_text(a), _pdf_text(b))
                )
        elif a.read_bytes() != b.read_bytes():
            found.append(f"Filen {path} har olika innehåll.")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("first", type=Path)
    parser.add_argument("second", type=Path)
    parser.add_argument("--names", nargs=2, default=("MkDocs", "Zensical"))
    args = parser.parse_args(argv)
    found = differences(args.first, args.second, tuple(args.names))
    pages = len(_pages(args.first))
    if found:
        print(
            f"{args.names[0]} och {args.names[1]} bygger inte samma webbplats "
            f"({len(found)} skillnader):"
        )
        for line in found[:50]:
            print(f"- {line}")
        if len(found) > 50:
            print(f"- … och {len(found) - 50} till.")
        return 1
    files = len(_files(args.first))
    print(
        f"{args.names[0]} och {args.names[1]} bygger samma webbplats: {pages} sidor med "
        f"samma text, siffror, tabeller, figurer och länkar, och {files} filer lika."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
