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
(the header shows the button only while the plugin is on), but the plugin does no work
(site/plugin.py); overrides/partials/search.html replaces its dialog, so Material's own
search never loads.

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

from lxml import etree

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
_CHUNK = 512  # fed as BeautifulSoup fed lxml before, so the tree is the same


def _parse(html: str) -> etree._Element | None:
    """The content as libxml2's HTML parser reads it; lxml directly, 5 times faster than
    BeautifulSoup on top of it. None for content without a single node."""
    parser = etree.HTMLParser(recover=True, huge_tree=True)  # no depth limit, as before
    parser.feed(html[:_CHUNK])
    for start in range(_CHUNK, len(html), _CHUNK):
        parser.feed(html[start : start + _CHUNK])
    try:
        return parser.close()
    except etree.XMLSyntaxError:
        return None


class _Text:
    """Text gathered from a run of elements, a space at each block boundary."""

    def __init__(self, skip: etree._Element | None = None):
        self.parts: list[str] = []
        self.skip = skip  # a table's caption, its title; the text after it still counts

    def add(self, node: etree._Element) -> None:
        """`node`'s text and its children's: a block a space each side, comments none."""
        if node.text:
            self.parts.append(node.text)
        for child in node:
            if child is self.skip:
                pass
            elif not isinstance(child.tag, str):
                self.parts.append(_instruction(child))
            elif not _skipped(child):
                self.space(child.tag in _BLOCKS)
                self.add(child)
                self.space(child.tag in _BLOCKS)
            if child.tail:
                self.parts.append(child.tail)

    def space(self, block: bool) -> None:
        if block:
            self.parts.append(" ")

    def __str__(self) -> str:
        return _SPACE.sub(" ", "".join(self.parts)).strip()


def _instruction(node: etree._Element) -> str:
    """A comment adds nothing; a processing instruction "target data", as BeautifulSoup did."""
    return f"{node.target} {node.text or ''}" if node.tag is etree.PI else ""


def _classes(node: etree._Element) -> list[str]:
    return (node.get("class") or "").split()


def _skipped(node: etree._Element) -> bool:
    """Not searched: scripts and icons, heading links, and the preview's »Ändra datan«
    (for editors; the published site has none, and the preview's index is the same)."""
    classes = _classes(node)
    return node.tag in _SKIP or "headerlink" in classes or "kb-andra-datan" in classes


def _is_table(node: etree._Element) -> bool:
    return node.tag == "table" or "kb-tabell" in _classes(node)


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

        def walk(node: etree._Element) -> None:
            if node.text:
                sections[-1]["text"].parts.append(node.text)
            for child in node:
                if not isinstance(child.tag, str):
                    sections[-1]["text"].parts.append(_instruction(child))
                elif child.tag in _HEADINGS and child.get("id"):
                    if child.tag == "h1" and not str(sections[-1]["text"]):
                        sections.pop()  # the page's own heading opens its first section
                    anchor = "" if child.tag == "h1" else f"#{child.get('id')}"
                    sections.append(_section(page.url + anchor, str(_text_of(child)), title))
                elif _is_table(child):
                    tables.append(_table(child, sections[-1]))
                elif not _skipped(child):
                    block = child.tag in _BLOCKS
                    sections[-1]["text"].space(block)
                    walk(child)
                    sections[-1]["text"].space(block)
                if child.tail:
                    sections[-1]["text"].parts.append(child.tail)

        root = _parse(html)
        if root is not None:
            body = root.find("body")
            walk(root if body is None else body)
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


def _text_of(node: etree._Element, skip: etree._Element | None = None) -> _Text:
    text = _Text(skip)
    text.add(node)
    return text


def _table(node: etree._Element, section: dict) -> dict:
    """A table as an entry: its caption as title, its cells (not the caption) as text."""
    caption = node.find(".//caption")
    title = str(_text_of(caption)) if caption is not None else f"Tabell i {section['title']}"
    anchor = node.get("id")
    url = section["url"].split("#")[0] + f"#{anchor}" if anchor else section["url"]
    return {
        "url": url,
        "title": title,
        "page": section["page"],
        "kind": "table",
        "text": _text_of(node, skip=caption),
    }
