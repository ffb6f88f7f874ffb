"""The PDF version of the whole report, printed from the page "Hela rapporten".

Chromium prints the page (print stylesheet, A4, page numbers in the footer) as a tagged
PDF with bookmarks from the headings. The file then gets a fixed title, language and
dates (`pdf_metadata.py`), so that the same site gives the same bytes.
"""

from __future__ import annotations

from pathlib import Path

from kvalitet.output.browser import launch, serve

FOOTER = (
    '<div style="font-size:8px;width:100%;text-align:center;color:#444;">'
    'Sida <span class="pageNumber"></span> av <span class="totalPages"></span></div>'
)


def pdf_name(year: int) -> str:
    return f"kvalitetsberattelse-{year}.pdf"


def print_pdf(site_dir: Path, page_url: str) -> tuple[bytes, str]:
    """The printed page and the base URL it was printed from."""
    from playwright.sync_api import sync_playwright

    with serve(site_dir) as base, sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            # Without JavaScript the page is static, so Chromium numbers its structure
            # the same way every time, and nothing but the print stylesheet changes it.
            page = browser.new_page(java_script_enabled=False)
            page.emulate_media(media="print")
            page.goto(f"{base}/{page_url}", wait_until="load")
            printed = page.pdf(
                format="A4",
                print_background=True,
                tagged=True,
                outline=True,
                display_header_footer=True,
                header_template="<span></span>",
                footer_template=FOOTER,
                margin={"top": "16mm", "bottom": "18mm", "left": "16mm", "right": "16mm"},
            )
            return printed, base
        finally:
            browser.close()
