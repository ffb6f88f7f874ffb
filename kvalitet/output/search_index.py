"""The site's search index, ``search/sok.json``, read by docs/javascripts/sok.js.

Why our own search and not Material's (lunr): Swedish readers type »boendestod« for
»boendestöd« and the other way round, so both the index and the query must be folded
the same way; lunr's pipeline cannot be changed from mkdocs.yml, and Material 9 removed
custom search workers and query transforms. Material's query parser also splits »1 600« at
the space, and its index runs table cells into the prose around them, so a table of
complaints outranked the text about a subject. Post-processing Material's index could fix
the ranking and fold the index, but never the query. So the plugin writes this small index
and sok.js searches it: a few hundred sections, folded and tokenised in the browser with
one set of rules for text and query. Material's header button and its search plugin stay
(the header shows the button only while the plugin is on); overrides/partials/search.html
replaces its dialog, so Material's own search never loads.

Each entry is one section of a page (the text under a heading, tables left out) or one
table (caption and cells, a lower rank in sok.js): ``url`` from the site's root with the
section's or table's anchor, ``title``, ``page`` (the page's title) and ``kind``
(``text`` or ``table``). Pages with ``search: exclude: true`` in their front matter (the
whole report, which repeats every page) are left out.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

INDEX = "search/sok.json"
MATERIAL_INDEX = "search/search_index.json"  # Material's, unused: sok.js reads ours
_HEADINGS = {"h1", "h2", "h3", "h4"}
_SKIP = {"script", "style", "svg", "template", "button"}
_BLOCKS = {
    *_HEADINGS, "p", "li", "ul", "ol", "dl", "dt", "dd", "div", "section", "figure",
    "figcaption", "blockquote", "table", "caption", "tr", "td", "th", "br", "details",
    "summary", "h5", "h6", "pre",
}  # fmt: skip
_SPACE = re.compile(r"[ \t\r\n\f]+")  # not \s: the no-break space in »1 600« stays


class _Text:
    """Text gathered from a run of elements, a space at each block boundary."""

    def __init__(self):
        self.parts: list[str] = []

    def add(self, node: Tag | NavigableString) -> None:
        if isinstance(node, Comment):
            return
        if isinstance(node, NavigableString):
            self.parts.append(str(node))
            return
        if _skipped(node):
            return
        self.space(node.name in _BLOCKS)
        for child in node.children:
            self.add(child)
        self.space(node.name in _BLOCKS)

    def space(self, block: bool) -> None:
        if block:
            self.parts.append(" ")

    def __str__(self) -> str:
        return _SPACE.sub(" ", "".join(self.parts)).strip()


def _skipped(node: Tag) -> bool:
    """Not searched: scripts and icons, heading links, and the preview's »Ändra datan«
    (for editors; the published site has none, and the preview's index is the same)."""
    classes = node.get("class", [])
    return node.name in _SKIP or "headerlink" in classes or "kb-andra-datan" in classes


def _is_table(node: Tag) -> bool:
    return node.name == "table" or "kb-tabell" in node.get("class", [])


class SearchIndex:
    """Sections of every rendered page, in the order MkDocs renders them."""

    def __init__(self):
        self.entries: list[dict] = []

    def add(self, page, html: str) -> None:
        """Index the content `html` of `page` (a MkDocs page, in ``on_page_content``)."""
        if (page.meta.get("search") or {}).get("exclude"):
            return
        title = page.title or ""
        sections = [_section(page.url, title, title)]
        tables: list[dict] = []

        def walk(node: Tag) -> None:
            for child in node.children:
                if not isinstance(child, Tag):
                    sections[-1]["text"].add(child)
                elif child.name in _HEADINGS and child.get("id"):
                    if child.name == "h1" and not str(sections[-1]["text"]):
                        sections.pop()  # the page's own heading opens its first section
                    anchor = "" if child.name == "h1" else f"#{child['id']}"
                    sections.append(_section(page.url + anchor, str(_text_of(child)), title))
                elif _is_table(child):
                    tables.append(_table(child, sections[-1]))
                elif not _skipped(child):
                    block = child.name in _BLOCKS
                    sections[-1]["text"].space(block)
                    walk(child)
                    sections[-1]["text"].space(block)

        soup = BeautifulSoup(html, "lxml")
        walk(soup.body or soup)
        for entry in [*sections, *tables]:
            entry["text"] = str(entry["text"])
            if entry["text"] or entry["kind"] == "text":
                self.entries.append(entry)

    def write(self, site_dir: Path) -> None:
        """Write the index, deterministically, and remove Material's unused one."""
        path = site_dir / INDEX
        path.parent.mkdir(parents=True, exist_ok=True)
        data = json.dumps(self.entries, ensure_ascii=False, separators=(",", ":"))
        path.write_text(data, encoding="utf-8")
        (site_dir / MATERIAL_INDEX).unlink(missing_ok=True)


def _section(url: str, title: str, page: str) -> dict:
    return {"url": url, "title": title, "page": page, "kind": "text", "text": _Text()}


def _text_of(node: Tag) -> _Text:
    text = _Text()
    for child in node.children:
        text.add(child)
    return text


def _table(node: Tag, section: dict) -> dict:
    """A table as an entry: its caption as title, its cells as text."""
    caption = node.find("caption")
    title = str(_text_of(caption)) if caption else f"Tabell i {section['title']}"
    if caption:
        caption.extract()
    anchor = node.get("id")
    url = section["url"].split("#")[0] + f"#{anchor}" if anchor else section["url"]
    return {
        "url": url,
        "title": title,
        "page": section["page"],
        "kind": "table",
        "text": _text_of(node),
    }
