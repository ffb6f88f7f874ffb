"""The PDF version of the whole report, printed from the page "Hela rapporten".

Chromium prints the page (print stylesheet, A4, page numbers in the footer) as a tagged
PDF with bookmarks from the headings. The file then gets a fixed title, language and
dates, so that the same site gives the same bytes.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pikepdf

from .browser import launch, serve

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


def stable_pdf(
    content: bytes, title: str, author: str, stamp: datetime, printed_from: str
) -> bytes:
    """`content` with fixed metadata, document language and a deterministic file id.

    Links to files on the site were printed against the temporary local server
    (`printed_from`); they become relative to the PDF, which lies at the site's root.
    """
    when = stamp.astimezone(UTC).strftime("D:%Y%m%d%H%M%S+00'00'")
    with pikepdf.open(io.BytesIO(content)) as pdf:
        for page in pdf.pages:
            for annotation in page.get("/Annots", []):
                action = annotation.get("/A")
                if action is not None and str(action.get("/URI", "")).startswith(printed_from):
                    action.URI = pikepdf.String(str(action.URI)[len(printed_from) :].lstrip("/"))
        pdf.Root.Lang = pikepdf.String("sv-SE")
        pdf.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
        for key in list(pdf.docinfo.keys()):
            del pdf.docinfo[key]
        pdf.docinfo["/Title"] = title
        pdf.docinfo["/Author"] = author
        pdf.docinfo["/Creator"] = "Kvalitetsberättelsens webbplats"
        pdf.docinfo["/CreationDate"] = when
        pdf.docinfo["/ModDate"] = when
        if "/Metadata" in pdf.Root:
            del pdf.Root["/Metadata"]  # Chromium's XMP carries the print time
        _renumber_structure_ids(pdf)
        output = io.BytesIO()
        pdf.save(output, deterministic_id=True, compress_streams=True)
    return output.getvalue()


def _renumber_structure_ids(pdf: pikepdf.Pdf) -> None:
    """Chromium names structure elements after its internal DOM node numbers, which vary
    from run to run. Rename them in document order and rebuild the ID tree."""
    root = pdf.Root.get("/StructTreeRoot")
    if root is None or "/IDTree" not in root:
        return
    elements = _structure_elements(root)[1:]
    mapping: dict[str, str] = {}
    for element in elements:
        if "/ID" in element:
            mapping[str(element.ID)] = f"id{len(mapping) + 1:06d}"
            element.ID = pikepdf.String(mapping[str(element.ID)])
    for element in elements:
        if "/A" in element:
            _rename_references(element.A, mapping)  # table cells name their header cells
    names = pikepdf.Array()
    for element in elements:
        if "/ID" in element:
            names.extend([element.ID, element])
    root.IDTree = pdf.make_indirect(pikepdf.Dictionary(Names=names))


def _structure_elements(element) -> list:
    """`element` and its structure descendants, depth first (document order)."""
    found = [element]
    kids = element.get("/K")
    for kid in kids if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            found += _structure_elements(kid)
    return found


def _rename_references(value, mapping: dict[str, str]) -> None:
    if isinstance(value, pikepdf.Array):
        for index, item in enumerate(value):
            if isinstance(item, pikepdf.String) and str(item) in mapping:
                value[index] = pikepdf.String(mapping[str(item)])
            else:
                _rename_references(item, mapping)
    elif isinstance(value, pikepdf.Dictionary):
        for key in value:
            _rename_references(value[key], mapping)
