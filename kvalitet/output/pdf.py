"""The PDF version of the whole report, printed from the page "Hela rapporten".

Chromium prints the page as a tagged A4 PDF with bookmarks from the headings; the print
stylesheet (docs/stylesheets/print.css) lays it out and numbers the pages. The page is
first made a document of its own (`pdf_document.py`: cover, contents, links that work on
paper). Chromium cannot know on which page a chapter will land, so the report is printed
twice: the first print shows where each chapter's heading ended up (its named destination),
the second carries those numbers in the table of contents. The numbers sit in boxes of a
fixed width, so filling them in moves nothing; the second print is checked for that. The
file then gets a fixed title, language and dates (`pdf_metadata.py`), so that the same site
gives the same bytes.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kvalitet.output.browser import launch, serve

if TYPE_CHECKING:  # BeautifulSoup only when a PDF is made: every build imports pdf_name
    from kvalitet.output.pdf_document import Cover

FILL_IN_PAGES = """pages => {
  for (const [anchor, page] of Object.entries(pages)) {
    document.querySelector(`[data-kb-sida="${anchor}"]`).textContent = String(page);
  }
}"""


def pdf_name(year: int) -> str:
    return f"kvalitetsberattelse-{year}.pdf"


def print_pdf(site_dir: Path, page_url: str, cover: Cover, site_url: str = "") -> tuple[bytes, str]:
    """The printed report, `page_url` (e.g. "2019/hela-rapporten/") of the built site, and
    the base URL it was printed from."""
    from playwright.sync_api import sync_playwright

    # pikepdf only when printing
    from kvalitet.output.pdf_metadata import destination_pages, with_cover_bookmark

    html = (site_dir / page_url / "index.html").read_text(encoding="utf-8")
    from kvalitet.output.pdf_document import print_document

    document, wanted = print_document(html, page_url, cover, site_url)
    with serve(site_dir) as base, sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            # Without JavaScript the page is static, so Chromium numbers its structure
            # the same way every time, and nothing but the print stylesheet changes it.
            page = browser.new_page(java_script_enabled=False)
            url = f"{base}/{page_url}"
            page.route(url, lambda route: route.fulfill(body=document, content_type="text/html"))
            page.emulate_media(media="print")
            page.goto(url, wait_until="load")
            first = destination_pages(_print(page), wanted)
            page.evaluate(FILL_IN_PAGES, first)  # Playwright's own script, not the page's
            printed = _print(page)
        finally:
            browser.close()
    if destination_pages(printed, wanted) != first:
        raise RuntimeError("Innehållsförteckningens sidnummer flyttade kapitlen i PDF:en.")
    return with_cover_bookmark(printed, cover.title), base


def _print(page) -> bytes:
    return page.pdf(
        prefer_css_page_size=True,  # A4, margins and page numbers: print.css
        print_background=True,
        tagged=True,
        outline=True,
    )
