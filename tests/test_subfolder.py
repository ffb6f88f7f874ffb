"""The site works from a subfolder, as on GitHub Pages (/<repository>/) and the intranet,
also the page a mistyped address shows (404.html), at any depth."""

from __future__ import annotations

import http.server
from contextlib import contextmanager
from pathlib import Path

import pytest
from browser import serve

PREFIX = "/intranat/kvalitet/"


@contextmanager
def serve_in_subfolder(directory: Path):
    """Serve `directory` at PREFIX; a missing address gets 404.html, as GitHub Pages does."""

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def translate_path(self, path: str) -> str:
            if not path.startswith(PREFIX):
                return str(directory / "finns-inte")
            return super().translate_path("/" + path[len(PREFIX) :])

        def send_error(self, code, message=None, explain=None):
            if code != 404:
                return super().send_error(code, message, explain)
            body = (directory / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    with serve(directory, Handler) as url:
        yield url + PREFIX


@pytest.mark.parametrize("missing", ["finns-inte/", "2019/underlag/finns-inte/", "2019/x.html"])
def test_a_mistyped_address_in_a_subfolder_shows_a_styled_page_whose_links_work(
    site, page, missing
):
    failed = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    with serve_in_subfolder(site.site) as url:
        response = page.goto(url + missing)
        assert response.status == 404
        assert page.locator("article h1").inner_text() == "Sidan hittades inte"
        # Material's stylesheet is loaded: the header has its colour, not the browser's default.
        header = page.locator("header.md-header")
        assert header.evaluate("e => getComputedStyle(e).position") == "sticky"
        home = page.get_by_role("link", name="startsidan för", exact=False)
        assert home.evaluate("a => a.href") == url
        ordlista = page.locator("footer a", has_text="Ordlista").first
        assert ordlista.evaluate("a => a.href") == url + "ordlista/"
        # Without site_url, the browser's look-ahead asks for the styles next to the missing
        # address before the page's script has set its <base>; each then loads from the root.
        loaded = page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")
        folder = (url + missing).rsplit("/", 1)[0] + "/"
        for lost in failed[1:]:
            twin = url + lost[len(folder) :]
            assert lost.startswith(folder) and twin in loaded and twin not in failed, lost
        assert failed[0] == url + missing
        assert any(x.startswith(url + "assets/stylesheets/main.") for x in loaded)
        home.click()
        page.wait_for_url(url)
        assert "Kvalitetsberättelse" in page.title()


def test_the_pages_work_in_a_subfolder(site, page):
    failed = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    with serve_in_subfolder(site.site) as url:
        page.goto(url + "2019/underlag/kundenkater/")
        page.locator("footer a", has_text="Ordlista").first.click()
        page.wait_for_url(url + "ordlista/")
        assert failed == []
