"""What a reader expects of the site: search, downloads, the whole report and its PDF,
the accessibility statement, and the furniture of every page."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pikepdf
import pytest
from conftest import edition_2019, html_pages
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parent.parent
SWEDISH_DATE = re.compile(
    r"^\d{1,2} (januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december) \d{4}$"
)


# --- Search -----------------------------------------------------------------------------


def search(page, base_url, query: str) -> list[str]:
    page.goto(f"{base_url}/")
    page.locator(".md-search__input").first.click()
    meta = page.locator(".md-search-result__meta")
    page.wait_for_function(
        "el => !el.textContent.includes('Initialiserar')", arg=meta.element_handle()
    )
    page.locator(".md-search__input").first.press_sequentially(query)  # as a reader types
    page.wait_for_selector(".md-search-result__item")
    return page.locator(".md-search-result__item > a").evaluate_all(
        "links => links.map(a => a.href)"
    )


def test_search_finds_inflected_swedish_words(page, base_url):
    results = search(page, base_url, "granskningarna")
    assert any("/2019/underlag/uppfoljning-och-granskning/" in url for url in results)


def test_search_finds_a_number_in_a_table(page, base_url):
    results = search(page, base_url, "249")
    assert any("/2019/underlag/malgruppsbeskrivning/" in url for url in results)


def test_the_whole_report_page_is_not_a_search_result(page, base_url):
    assert not any("hela-rapporten" in url for url in search(page, base_url, "granskningarna"))


# --- No outside requests and no sideways scrolling ----------------------------------------


# --- Downloads ----------------------------------------------------------------------------


def test_every_table_and_figure_links_its_data_as_csv_and_excel(site):
    for path in html_pages(site):
        for source in site.page(path).select(".kb-tabell__kalla, .kb-figur__kalla"):
            hrefs = [a["href"] for a in source.select("a") if not a["href"].startswith("https://")]
            assert any(h.endswith(".csv") for h in hrefs) and any(
                h.endswith(".xlsx") for h in hrefs
            ), path
            for href in hrefs:
                assert ((site.site / path).parent / href).resolve().is_file(), f"{path}: {href}"


def test_csv_is_utf8_with_commas_and_decimal_points(site):
    raw = (site.site / "data/2019/kundenkat.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8").splitlines()
    assert (
        lines[0]
        == "nyckel,grupp,svarande,mycket_nojd,ganska_nojd,ganska_missnojd,mycket_missnojd,vet_ej"
    )
    assert lines[1] == "social_problematik,Social problematik,22,59.1,36.4,0,0,4.5"


def test_excel_files_hold_numbers_as_numbers(site):
    book = openpyxl.load_workbook(site.site / "data/2019/klagomal.xlsx")
    rows = list(book["Data"].iter_rows(min_row=4, values_only=True))  # below title and source
    assert rows[0] == ("Insats", "Antal klagomål") and rows[1] == ("Beroende", 14)
    assert isinstance(rows[1][1], int)


def test_one_zip_holds_every_dataset(site):
    archive = zipfile.ZipFile(
        io.BytesIO((site.site / "data/2019/kvalitetsberattelse-2019-data.zip").read_bytes())
    )
    names = set(archive.namelist())
    for dataset in edition_2019().datasets:
        assert {f"2019/{dataset.name}.csv", f"2019/{dataset.name}.xlsx"} <= names
    assert "LASMIG.txt" in names and "2018/jamforelsetal.csv" in names


def test_the_data_page_lists_every_dataset_with_columns_and_downloads(site):
    page = site.page("2019/datafiler/index.html")
    headings = [h.get_text(strip=True).rstrip("¶") for h in page.select("article h2")]
    assert headings == [dataset.name for dataset in edition_2019().datasets]
    rows = [
        [c.get_text(strip=True) for c in tr.find_all(["th", "td"])]
        for tr in page.select("#data-klagomal tbody tr")
    ]
    assert rows == [["insats", "Insats", "text"], ["antal", "Antal klagomål", "antal (heltal)"]]
    assert page.select_one('a[href$="kvalitetsberattelse-2019-data.zip"]')


# --- The whole report and its PDF ---------------------------------------------------------


def test_the_whole_report_has_every_chapter_in_order(site):
    article = site.page("2019/hela-rapporten/index.html").select_one("article")
    chapters = [h.get_text(strip=True).rstrip("¶") for h in article.select("h2")]
    assert chapters[0] == "I Kvalitetsberättelsen"
    for title in ["2 Syfte med kvalitetsarbetet", "7 Uppföljning kvalitetsplan"]:
        assert title in chapters
    # Sections 4.1-4.11 are under chapter 4, as in the report.
    sections = [
        h.get_text(strip=True).rstrip("¶")
        for h in article.select('h2[id="4-underlag-for-analys"] ~ h3')
        if h.find_previous("h2")["id"] == "4-underlag-for-analys"
    ]
    assert "4.7 Uppföljning och granskning av utförare" in sections
    assert "4.7 Uppföljning och granskning av utförare" not in chapters
    assert len(article.select("figure.kb-figur")) == 9
    links = [
        a["href"]
        for a in article.select("a[href]")
        if a["href"].endswith(".md") and "://" not in a["href"]
    ]
    assert links == []


def test_print_styles_hide_navigation_and_start_chapters_on_new_pages(page, base_url):
    page.emulate_media(media="print")
    page.goto(f"{base_url}/2019/hela-rapporten/")
    assert (
        page.locator(".md-sidebar--primary").evaluate("e => getComputedStyle(e).display") == "none"
    )
    assert (
        page.locator("article h2").first.evaluate("e => getComputedStyle(e).breakBefore") == "page"
    )
    assert (
        page.locator("table tr").first.evaluate("e => getComputedStyle(e).breakInside") == "avoid"
    )


@pytest.fixture(scope="module")
def pdf(site):
    return pikepdf.open(site.site / "kvalitetsberattelse-2019.pdf")


def test_the_pdf_is_tagged_with_title_and_language(pdf):
    assert "/StructTreeRoot" in pdf.Root and bool(pdf.Root.MarkInfo.Marked)
    assert str(pdf.Root.Lang) == "sv-SE"
    assert str(pdf.docinfo.Title) == "Kvalitetsberättelse 2019 – Omsorgsenheten, Nacka kommun"
    assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle)


def test_the_pdf_has_a_bookmark_per_chapter_and_page_numbers(pdf, site):
    with pdf.open_outline() as outline:
        titles = [item.title for top in outline.root for item in top.children]
    assert titles[:2] == ["Innehåll", "I Kvalitetsberättelsen"]
    assert "7 Uppföljning kvalitetsplan" in titles
    assert len(pdf.pages) > 20
    text = PdfReader(site.site / "kvalitetsberattelse-2019.pdf").pages[1].extract_text()
    assert f"Sida 2 av {len(pdf.pages)}" in text


def test_figures_load_lazily_on_screen_but_all_at_once_for_the_pdf(site, base_url, browser):
    """The PDF is printed without JavaScript, where browsers ignore loading="lazy"."""
    figures = site.page("2019/hela-rapporten/index.html").select("figure img")
    assert len(figures) >= 9 and all(img["loading"] == "lazy" for img in figures)
    loaded = {}
    for javascript in (True, False):
        context = browser.new_context(java_script_enabled=javascript)
        page = context.new_page()
        drawn = []
        page.on("requestfinished", lambda r, d=drawn: r.url.endswith(".svg") and d.append(r.url))
        page.emulate_media(media="print")
        page.goto(f"{base_url}/2019/hela-rapporten/", wait_until="load")
        page.wait_for_timeout(300)
        context.close()
        loaded[javascript] = len(drawn)
    assert loaded[True] < len(figures)  # on screen, figures far down wait for the reader
    assert loaded[False] == len(figures)


def test_the_pdf_is_linked_from_the_whole_report_and_every_footer(site):
    links = site.page("2019/hela-rapporten/index.html").select("article a[href]")
    assert [a["href"] for a in links if a.get_text() == "Ladda ner som PDF"] == [
        "../../kvalitetsberattelse-2019.pdf"
    ]
    # The "Sidan har flyttat" pages at the old addresses are bare redirects, without footer.
    for path in html_pages(site, moved=False):
        footer = site.page(path).select_one("footer .kb-sidfot")
        assert any(
            a["href"].endswith("kvalitetsberattelse-2019.pdf") for a in footer.select("a")
        ), path


# --- Accessibility statement and page furniture ------------------------------------------


def test_the_accessibility_statement_follows_diggs_template(site):
    article = site.page("tillganglighetsredogorelse/index.html").select_one("article")
    headings = [h.get_text(strip=True).rstrip("¶") for h in article.select("h2, h3, h4")]
    for heading in [
        "Hur tillgänglig är webbplatsen?",
        "Vad kan du göra om du inte kan använda delar av webbplatsen?",
        "Rapportera brister i webbplatsens tillgänglighet",
        "Tillsyn",
        "Teknisk information om webbplatsens tillgänglighet",
        "Innehåll som inte är tillgängligt",
        "Hur vi testat webbplatsen",
    ]:
        assert heading in headings
    text = article.get_text(" ", strip=True)
    assert "delvis förenlig" in text
    assert article.select_one('a[href="https://www.digg.se/tdosanmalan"]')
    assert article.select_one('a[href^="mailto:"]')
    assert re.search(r"Senaste bedömningen gjordes den \d{1,2} \w+ \d{4}", text)


def test_every_page_links_the_accessibility_statement_from_its_footer(site):
    # The "Sidan har flyttat" pages at the old addresses are bare redirects, without footer.
    for path in html_pages(site, moved=False):
        footer = site.page(path).select_one("footer .kb-sidfot")
        assert footer and footer.find("a", string="Tillgänglighetsredogörelse"), path


def test_footer_links_lead_to_the_pages_edition_and_the_site_wide_pages(site):
    expected = {
        "Tillgänglighetsredogörelse": "tillganglighetsredogorelse/index.html",
        "Om webbversionen": "2019/om-webbversionen/index.html",
        "Datafiler": "2019/datafiler/index.html",
        "Hela rapporten som PDF": "kvalitetsberattelse-2019.pdf",
        "Ordlista": "ordlista/index.html",
    }
    for path in html_pages(site, moved=False):
        targets = {}
        for a in site.page(path).select("footer .kb-sidfot a"):
            href = a["href"]
            folder = site.site if href.startswith("/") else (site.site / path).parent
            target = (folder / href.lstrip("/")).resolve()
            targets[a.get_text(strip=True)] = target / "index.html" if target.is_dir() else target
        assert targets == {name: (site.site / t).resolve() for name, t in expected.items()}, path


def test_every_page_says_when_it_was_last_updated_in_swedish(site):
    # The "Sidan har flyttat" pages at the old addresses are bare redirects, without date.
    for path in html_pages(site, moved=False):
        if path == "404.html":
            continue
        time = site.page(path).select_one(".kb-uppdaterad time")
        assert time and SWEDISH_DATE.match(time.get_text()), path


def test_an_old_address_opens_the_page_at_its_new_address(page, base_url):
    page.goto(f"{base_url}/underlag/kundenkater/#tabell-kundenkat")
    page.wait_for_url(f"{base_url}/2019/underlag/kundenkater/#tabell-kundenkat")
    assert page.locator("article h1").inner_text().startswith("4.3 Kundenkäter")


def test_the_404_page_is_in_swedish(site):
    page = site.page("404.html")
    assert page.select_one("article h1").get_text(strip=True) == "Sidan hittades inte"


def test_pages_have_breadcrumbs_previous_next_and_back_to_top(site):
    page = site.page("2019/underlag/kundenkater/index.html")
    assert page.select_one("nav.md-path")
    assert page.select_one("a.md-footer__link--prev") and page.select_one("a.md-footer__link--next")
    assert page.select_one("button.md-top")
    config = page.select_one("#__config").get_text()
    assert '"toc.follow"' in config
