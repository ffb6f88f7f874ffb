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
        # <meta http-equiv="refresh" content="0; url=..."> (the "Sidan har flyttat" pages)
        if tag == "meta" and (attributes.get("http-equiv") or "").lower() == "refresh":
            _, found, url = (attributes.get("content") or "").partition("url=")
            if found and url.strip():
                self.links.append(url.strip())


def crawl(start: str, *more: str) -> list[str]:
    """Problems found by following every link reachable from `start`, and from the pages
    `more` (pages no link leads to), on `start`'s host."""
    host = urlsplit(start).netloc
    pages: dict[str, _Page | None] = {}
    queue = [*reversed(more), start]
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
