"""A small crawler for the served site: every internal link, anchor and file must work."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.error import HTTPError
from urllib.parse import urldefrag, urljoin, urlsplit
from urllib.request import urlopen


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name in ("id", "name") if tag == "a" else ("id",):
            if attributes.get(name):
                self.ids.add(attributes[name])
        for name in ("href", "src"):
            value = attributes.get(name)
            if value and not value.startswith(("mailto:", "tel:", "data:", "javascript:")):
                self.links.append(value)


def crawl(start: str) -> list[str]:
    """Problems found by following every link reachable from `start` on its own host."""
    host = urlsplit(start).netloc
    pages: dict[str, _Page | None] = {}
    queue = [start]
    problems = []
    wanted_anchors: list[tuple[str, str, str]] = []
    while queue:
        url = queue.pop()
        if url in pages:
            continue
        try:
            with urlopen(url) as response:
                body = response.read()
                kind = response.headers.get_content_type()
        except HTTPError as error:
            pages[url] = None
            problems.append(f"{url}: HTTP {error.code}")
            continue
        pages[url] = None
        if kind != "text/html":
            continue
        parsed = _Page()
        parsed.feed(body.decode("utf-8"))
        pages[url] = parsed
        for link in parsed.links:
            target, fragment = urldefrag(urljoin(url, link))
            if urlsplit(target).netloc != host:
                continue
            if fragment:
                wanted_anchors.append((url, target, fragment))
            if target not in pages:
                queue.append(target)
    for source, target, fragment in wanted_anchors:
        page = pages.get(target)
        if page is not None and fragment not in page.ids:
            problems.append(f"{source}: länken till {target}#{fragment} hittar inget avsnitt")
    return sorted(set(problems))
