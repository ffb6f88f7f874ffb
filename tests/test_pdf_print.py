"""The PDF designed for print: a cover, contents with the right page numbers, text of at
least 10 pt, nothing that only works on a screen, links that work inside the downloaded
file, and a tagged structure without errors. Reads the PDF of the session's real build."""

from __future__ import annotations

import re
import shutil
import subprocess

import pikepdf
import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT
from PIL import Image
from pypdf import PdfReader

from kvalitet.output.pdf_document import Cover, print_document

PDF = "kvalitetsberattelse-2019.pdf"
WHOLE_REPORT = "2019/hela-rapporten/"


def poppler(tool: str, *args: str) -> subprocess.CompletedProcess:
    if shutil.which(tool) is None:
        pytest.fail(f"{tool} saknas: sudo apt-get install poppler-utils")
    return subprocess.run([tool, *args], capture_output=True, text=True, check=True)


@pytest.fixture(scope="module")
def pdf_path(site):
    return site.site / PDF


@pytest.fixture(scope="module")
def pages(pdf_path) -> list[str]:
    """The text of every page, in reading layout."""
    return poppler("pdftotext", "-layout", str(pdf_path), "-").stdout.split("\f")[:-1]


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def test_the_cover_names_report_unit_municipality_and_year(pages, pdf_path, tmp_path):
    package = yaml.safe_load((ROOT / "data/2019/datapackage.yaml").read_text(encoding="utf-8"))
    publisher = package["contributors"][0]
    cover = " ".join(lines(pages[0]))
    assert cover == f"{package['title']} {publisher['title']} {publisher['organization']}"
    assert "Sida" not in pages[0]  # no page number on the cover; the next page is number 2
    assert lines(pages[1])[-1] == f"Sida 2 av {len(pages)}"
    poppler(
        "pdftoppm", "-r", "20", "-f", "1", "-l", "1", "-png", str(pdf_path), str(tmp_path / "c")
    )
    image = Image.open(next(tmp_path.glob("c*.png"))).convert("RGB")
    band = sum(
        1 for r, g, b in image.get_flattened_data() if b > 150 and r < 100
    )  # the indigo band
    assert band > 0.1 * image.width * image.height


def test_the_contents_give_the_page_each_chapter_starts_on(pages, site):
    assert lines(pages[1])[0] == "Innehåll"
    entries = re.findall(r"^\s*(\S.*?)\s{2,}(\d+)\s*$", pages[1], re.M)
    article = site.page(f"{WHOLE_REPORT}index.html").select_one("article")
    chapters = [h.get_text(" ", strip=True).rstrip(" ¶") for h in article.select("h2")]
    titles = [title for title, _ in entries]
    assert [t for t in titles if t in chapters] == chapters
    assert "4.7 Uppföljning och granskning av utförare" in titles
    for title, number in entries:
        page = lines(pages[int(number) - 1])
        if title in chapters:  # a chapter starts its page
            assert page[0] == title, (title, number)
        else:
            assert title in page, (title, number)


def test_body_text_is_at_least_10_pt(pdf_path):
    sizes: dict[float, int] = {}

    def measure(text, cm, tm, font, size):
        if text.strip():
            # the font size times the vertical scale of the text and graphics matrices
            c, d = tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3]
            points = round(size * (c * c + d * d) ** 0.5, 1)
            sizes[points] = sizes.get(points, 0) + len(text)

    for page in PdfReader(pdf_path).pages:
        page.extract_text(visitor_text=measure)
    assert min(sizes) >= 10, sorted(sizes.items())[:5]
    assert max(sizes, key=sizes.get) >= 10.5  # the body text


def test_nothing_that_only_works_on_a_screen_is_printed(pages):
    text = " ".join(" ".join(lines(page)) for page in pages)
    for screen_only in [
        "Ladda ner som PDF",
        "Ändra datan",
        "Redigera sidan",
        "Visa data som tabell",
        "Visa en del av kvalitetsplanen",  # the quality plan's filter
        "Alla arbetsgrupper",
        "Du läser kvalitetsberättelsen för",
        "Rapportera ett fel på sidan",
    ]:
        assert screen_only not in text
    assert "Data för figur 1" in text  # the figures' data tables are printed, open


def test_links_within_the_report_lead_to_places_in_the_file(pdf_path):
    with pikepdf.open(pdf_path) as pdf:
        destinations = {str(name)[1:] for name in pdf.Root.Dests}
        internal, external = [], []
        for page in pdf.pages:
            for annotation in page.get("/Annots", []):
                if "/Dest" in annotation:
                    internal.append(str(annotation.Dest)[1:])
                else:
                    external.append(str(annotation.A.URI))
    assert len(internal) >= 35 and set(internal) <= destinations
    assert "4-underlag-for-analys" in internal  # from the contents
    assert all(re.match(r"^(https|mailto):", uri) for uri in external), external


def test_links_to_the_website_become_addresses_or_text(site):
    html = (site.site / WHOLE_REPORT / "index.html").read_text(encoding="utf-8")
    cover = Cover("Kvalitetsberättelse 2019", "Omsorgsenheten", "Nacka kommun", 2019)

    def article(site_url: str):
        printed, anchors = print_document(html, WHOLE_REPORT, cover, site_url)
        return BeautifulSoup(printed, "html.parser").select_one("article"), anchors

    published, _ = article("https://intranat.nacka.se/kb/")
    links = [a["href"] for a in published.select("a")]
    assert "https://intranat.nacka.se/kb/data/2019/lss_beslut.csv" in links
    assert all(re.match(r"^(#|https:|mailto:)", href) for href in links), links
    offline, anchors = article("")
    source = offline.select_one("figure .kb-figur__kalla")
    assert "lss_beslut.csv" in source.get_text()  # the words, without a link
    assert not [a for a in source.select("a") if "kb-andra-datan" not in a.parent["class"]]
    assert all(details.has_attr("open") for details in offline.select("details"))
    assert "2-syfte-med-kvalitetsarbetet" in anchors


def test_the_structure_is_tagged_in_swedish_without_errors(pdf_path):
    result = poppler("pdfinfo", "-struct-text", str(pdf_path))
    assert result.stderr == ""  # e.g. "StructElem object is wrong type (Strong)"
    tree = result.stdout
    for element in ["H1 (block)", "H2 (block)", "H3 (block)", "Table (block)", "TH", "Link"]:
        assert element in tree
    with pikepdf.open(pdf_path) as pdf:
        assert str(pdf.Root.Lang) == "sv-SE" and bool(pdf.Root.MarkInfo.Marked)
        with pdf.open_outline() as outline:
            (cover,) = outline.root
            chapters = {item.title: item for item in cover.children}
            sections = [item.title for item in chapters["4 Underlag för analys"].children]
    assert cover.title == "Kvalitetsberättelse 2019"
    assert "4.1 Förändrade förutsättningar under året" in sections


def test_tables_repeat_their_header_rows_and_keep_rows_whole(page, base_url):
    page.emulate_media(media="print")
    page.goto(f"{base_url}/{WHOLE_REPORT}")
    table = page.locator(".kb-plan table").first
    assert table.locator("thead").evaluate("e => getComputedStyle(e).display") == (
        "table-header-group"
    )
    assert table.locator("tbody tr").first.evaluate("e => getComputedStyle(e).breakInside") == (
        "avoid"
    )


def test_no_figure_waits_to_be_scrolled_into_view_when_printed(site):
    from kvalitet.output.pdf_document import Cover, print_document

    html = (site.site / WHOLE_REPORT / "index.html").read_text(encoding="utf-8")
    assert 'loading="lazy"' in html  # on screen, figures load as the reader scrolls
    cover = Cover("Kvalitetsberättelse 2019", "Omsorgsenheten", "Nacka kommun", 2019)
    document, _ = print_document(html, WHOLE_REPORT, cover)
    assert "<img" in document and 'loading="lazy"' not in document
