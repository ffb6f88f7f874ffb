"""The site's search as a reader uses it, in the browser on the built site (issue 13):
Swedish words typed without å/ä/ö and the other way round, prose before tables, numbers
as they are written, readable excerpts, and a named dialog and form with a submit button."""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup

RESULTS = """items => items.map(li => ({
    kind: li.dataset.kind,
    url: li.querySelector("a").href,
    title: li.querySelector(".kb-sok__titel").textContent,
    excerpt: li.querySelector(".kb-sok__utdrag")?.textContent ?? "",
    marked: [...li.querySelectorAll("mark")].map(m => m.textContent.replace(/\\u00a0/g, " ")),
}))"""


@pytest.fixture
def search(page, base_url):
    page.set_default_timeout(5000)

    def run(query: str) -> list[dict]:
        page.goto(f"{base_url}/2019/")
        field = page.get_by_role("searchbox", name="Sökord")
        field.click()
        field.press_sequentially(query)  # as a reader types
        field.press("Enter")
        page.wait_for_selector(".md-search-result__item")
        return page.locator(".md-search-result__item").evaluate_all(RESULTS)

    return run


def test_boendestod_typed_without_o_finds_the_prose_about_boendestod_first(search):
    first = search("boendestod")[0]
    assert first["kind"] == "text"
    assert "boendestöd" in first["marked"]  # the word as written on the page


def test_a_word_typed_with_a_diacritic_finds_it_written_without(search):
    results = search("kundenkät")
    assert any(r["url"].endswith("/2019/datafiler/#kundenkat") for r in results)
    assert any("/2019/underlag/kundenkater/" in r["url"] for r in results)


def test_prose_ranks_above_every_table(search):
    kinds = [r["kind"] for r in search("boendestöd")]
    assert "table" in kinds  # the complaints table is found, after the prose
    assert kinds == sorted(kinds, key=lambda kind: kind == "table")


def test_a_decimal_number_is_found_whole(search):
    results = search("59,1")
    assert "/2019/underlag/kundenkater/" in results[0]["url"]
    assert results[0]["kind"] == "text"
    assert all("59,1" in r["marked"] for r in results)  # not 59 and 1 apart


def test_a_number_with_a_thousands_space_is_found_as_written(search):
    results = search("1 600")
    assert any("/2019/underlag/malgruppsbeskrivning/" in r["url"] for r in results)
    assert all("1 600" in r["marked"] for r in results)  # not every page with a 1


def test_excerpts_are_the_page_text_with_swedish_letters(search, site):
    first = search("boendestod")[0]
    assert re.search("[åäö]", first["excerpt"])
    assert not re.search(r"<\w|&\w+;", first["excerpt"])
    path = first["url"].split("/", 3)[3].split("#")[0] + "index.html"
    page_text = BeautifulSoup((site.site / path).read_text("utf-8"), "lxml").get_text()
    for piece in first["excerpt"].strip("… ").split(" … "):
        assert re.sub(r"\s+", "", piece) in re.sub(r"\s+", "", page_text)


def test_the_search_dialog_and_form_are_named_and_have_a_submit_button(page, base_url):
    page.set_default_timeout(5000)
    page.goto(f"{base_url}/2019/")
    dialog = page.get_by_role("dialog", name="Sök på webbplatsen")
    form = dialog.get_by_role("search", name="Sök på webbplatsen")
    button = form.get_by_role("button", name="Sök", exact=True)
    assert button.get_attribute("type") == "submit"
    form.get_by_role("searchbox", name="Sökord").fill("granskningarna")
    button.click()
    assert re.fullmatch(r"\d+ sökresultat", dialog.get_by_role("status").inner_text())
    best = dialog.get_by_role("list", name="Sökresultat").get_by_role("link").first
    assert best.evaluate("link => link === document.activeElement")  # submit leads to it
    page.keyboard.press("Escape")
    assert not page.locator("#__search").is_checked()


def test_a_page_becomes_sections_and_tables():
    from kvalitet.output.search_index import SearchIndex

    html = """<h1 id="rubrik">Rubrik</h1>
<p>Inled<!-- dold -->ning med 1\u00a0600 <script>x()</script>brukare.</p>
<h2 id="avsnitt">Avsnitt <a class="headerlink" href="#avsnitt">¶</a></h2>
<div class="kb-tabell" id="tabell-1"><table><caption>Klagomål</caption>
<tr><th>År</th><td>12</td></tr></table><p>Källa: enkät</p></div>
<p>Efter<button>Stäng</button> tabellen.</p>"""

    class Page:
        url, title, meta = "2019/syfte/", "Syfte", {}

    index = SearchIndex()
    index.add(Page(), html)
    section = {"page": "Syfte", "kind": "text"}
    assert index.entries == [
        {
            "url": "2019/syfte/",
            "title": "Rubrik",
            **section,
            "text": "Inledning med 1\u00a0600 brukare.",
        },
        {"url": "2019/syfte/#avsnitt", "title": "Avsnitt", **section, "text": "Efter tabellen."},
        {
            "url": "2019/syfte/#tabell-1",
            "title": "Klagomål",  # the caption, not in the text
            "page": "Syfte",
            "kind": "table",
            "text": "År 12 Källa: enkät",
        },
    ]


def test_the_index_holds_sections_and_tables_but_not_the_whole_report(site):
    entries = json.loads((site.site / "search/sok.json").read_text("utf-8"))
    assert {e["kind"] for e in entries} == {"text", "table"}
    assert not any("hela-rapporten" in e["url"] for e in entries)
    assert not (site.site / "search/search_index.json").exists()  # Material's, unused


@pytest.mark.parametrize("width", [1280, 375], ids=["dator", "mobil"])
def test_the_open_search_with_results_has_no_wcag_violations(browser, base_url, width):
    from test_accessibility import axe_violations

    context = browser.new_context(locale="sv-SE", viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{base_url}/2019/")
    if width < 960:  # on a phone the search opens from the header's button
        page.locator("label.md-header__button[for=__search]").click()
    page.get_by_role("searchbox", name="Sökord").fill("boendestöd")
    page.wait_for_selector(".md-search-result__item")
    violations = axe_violations(page)
    context.close()
    assert violations == []
