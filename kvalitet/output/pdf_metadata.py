"""Fixed metadata for the printed PDF, so that the same site gives the same bytes, and what
the build reads back from a print: on which page each chapter landed.

Kept apart from `pdf.py` so that pikepdf is imported only when a PDF is made.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pikepdf

# Structure types Chromium writes that PDF 1.7 does not define (PDF 2.0 does), with the
# standard type a reader that knows only PDF 1.7 should treat them as.
ROLES = {"/Strong": "/Span", "/Em": "/Span", "/Title": "/H1", "/Aside": "/Sect"}


def destination_pages(content: bytes, names: list[str]) -> dict[str, int]:
    """The page (counted from 1, as the footer counts) of each named destination: Chromium
    names one after the id of every element a link in the document points to."""
    with pikepdf.open(io.BytesIO(content)) as pdf:
        numbers = {page.objgen: index + 1 for index, page in enumerate(pdf.pages)}
        destinations = pdf.Root.get("/Dests", pikepdf.Dictionary())
        found = {}
        for name in names:
            if f"/{name}" not in destinations:
                raise RuntimeError(f"Rubriken #{name} finns inte i den utskrivna PDF:en.")
            found[name] = numbers[destinations[f"/{name}"][0].objgen]
        return found


def with_cover_bookmark(content: bytes, title: str) -> bytes:
    """Chromium's bookmark for the cover's heading loses the space at its line break
    ("Kvalitetsberättelse2019"); it gets the title as written."""
    with pikepdf.open(io.BytesIO(content)) as pdf:
        with pdf.open_outline() as outline:
            if outline.root:
                outline.root[0].title = title
        output = io.BytesIO()
        pdf.save(output)
    return output.getvalue()


def stable_pdf(
    content: bytes, title: str, author: str, stamp: datetime, printed_from: str
) -> bytes:
    """`content` with fixed metadata, document language and a deterministic file id.

    No link may lead to the temporary local server the page was printed from
    (`printed_from`): `pdf_document.py` has made every link work without it.
    """
    when = stamp.astimezone(UTC).strftime("D:%Y%m%d%H%M%S+00'00'")
    with pikepdf.open(io.BytesIO(content)) as pdf:
        for page in pdf.pages:
            for annotation in page.get("/Annots", []):
                action = annotation.get("/A")
                if action is not None and str(action.get("/URI", "")).startswith(printed_from):
                    raise RuntimeError(f"En länk i PDF:en leder till {action.URI}.")
        _map_roles(pdf)
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
        if "/ID" in pdf.trailer:  # else the file id would keep a part made from the print
            del pdf.trailer["/ID"]
        output = io.BytesIO()
        pdf.save(output, deterministic_id=True, compress_streams=True)
    return output.getvalue()


def _map_roles(pdf: pikepdf.Pdf) -> None:
    root = pdf.Root.get("/StructTreeRoot")
    if root is None:
        return
    used = {str(element.S) for element in _structure_elements(root)[1:]}
    roles = {name: pikepdf.Name(role) for name, role in ROLES.items() if name in used}
    if roles:
        root.RoleMap = pikepdf.Dictionary(roles)


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
