"""Links between pages, checked after every page is rendered, with Swedish messages.

MkDocs' own validation (``validation:`` in mkdocs.yml) already stops a strict build on a
broken link, but in English. This check runs at the end of the build and tells an editor,
in Swedish, which page and line hold the link and what is wrong with it.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from html import unescape
from urllib.parse import unquote, urlsplit

from kvalitet.model.problems import did_you_mean

# A page's content as Python-Markdown and the package write it: attributes in quotes.
# Regular expressions rather than a parser, because this runs on every page of a build.
_ID = re.compile(r"""<[a-zA-Z][^>]*?\sid=(["'])(.*?)\1""")
_HREF = re.compile(r"""<(?:a\s[^>]*?\bhref|img\s[^>]*?\bsrc)=(["'])(.*?)\1""", re.IGNORECASE)


@dataclass
class RenderedPage:
    source: str  # path below docs/, e.g. underlag/malgruppsbeskrivning.md
    url: str  # site URL, e.g. underlag/malgruppsbeskrivning/
    title: str
    markdown: str  # the page's source text, for line numbers
    links: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)

    @classmethod
    def from_html(cls, source: str, url: str, title: str, markdown: str, html: str) -> RenderedPage:
        links = [unescape(match[2]) for match in _HREF.finditer(html)]
        ids = {unescape(match[2]) for match in _ID.finditer(html)}
        return cls(source, url, title, markdown, links, ids | {"", "top"})


def broken_links(pages: list[RenderedPage], static_files: set[str]) -> list[str]:
    """Swedish messages for every link that leads nowhere; empty when all links work."""
    by_url = {page.url: page for page in pages}
    messages = []
    for page in pages:
        for href in page.links:
            if not _check(page, href, href, by_url, static_files):
                continue
            line, written = _as_written(page, href)  # only for broken links: it reads the source
            message = _check(page, href, written, by_url, static_files)
            if message:
                where = f", rad {line}" if line else ""
                messages.append(f"Fel på sidan docs/{page.source}{where}: {message}")
    return messages


def _check(
    page: RenderedPage, href: str, written: str, by_url: dict, static_files: set[str]
) -> str | None:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "tel:")):
        return None  # outside links are not ours to check here
    fragment = unquote(parts.fragment)
    if parts.path.startswith("/"):
        return _absolute(page, written, by_url)
    if not parts.path:
        target = page
    else:
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname("/" + page.url), parts.path))
        path = resolved.lstrip("/")
        if path.endswith("index.html"):
            path = path[: -len("index.html")]
        if path == ".":
            path = ""
        target = by_url.get(path) or by_url.get(path + "/")
        if target is None:
            if path.rstrip("/") in static_files:
                return None
            if parts.path.endswith(".md"):
                return (
                    f"länken »{written}« pekar på en sida som inte finns. "
                    "Kontrollera filnamnet; en årgångs sidor ligger i mappen docs/<år>/."
                )
            return f"länken »{written}« pekar på något som inte finns på webbplatsen."
    if fragment and fragment not in target.ids:
        ids = sorted(i for i in target.ids if i)
        longer = [i for i in ids if i.startswith(fragment)]
        hint = f" Menade du »{longer[0]}«?" if longer else did_you_mean(fragment, ids)
        return (
            f"länken »{written}« pekar på avsnittet »#{fragment}«, som inte finns på sidan "
            f"»{target.title}«.{hint}"
        )
    return None


def _absolute(page: RenderedPage, written: str, by_url: dict) -> str:
    """A link from the server's root leads astray where the site lives in a subfolder."""
    path = urlsplit(written).path.strip("/")
    target = by_url.get(path + "/") or by_url.get(path)
    here = posixpath.dirname(page.source) or "."
    hint = (
        f" Skriv sökvägen till sidfilen i stället: »{posixpath.relpath(target.source, here)}«."
        if target
        else " Skriv sökvägen till sidfilen i stället, räknat från sidans egen mapp."
    )
    return (
        f"länken »{written}« börjar med /, så den leder fel när webbplatsen ligger i en "
        f"undermapp (som på GitHub Pages och intranätet).{hint}"
    )


def _as_written(page: RenderedPage, href: str) -> tuple[int | None, str]:
    """The line of the source that holds the link, and the link as the editor wrote it.

    MkDocs rewrites ``sida.md#avsnitt`` to ``sida/#avsnitt``; the fragment, or the whole
    href for a link it could not resolve, is what the source still contains.
    """
    parts = urlsplit(href)
    needle = "#" + parts.fragment if parts.fragment else href
    for number, line in enumerate(page.markdown.splitlines(), 1):
        for target in re.findall(r"\]\(([^)\s]+)", line):
            if needle in target:
                return number, target
    return None, href
