"""The built site: values, tables and structure as a reader sees them."""

from __future__ import annotations

import re

import pytest
from conftest import EDITION, html_pages, moved_target

NBSP = "\u00a0"


def text_of(site, path: str) -> str:
    article = site.page(path).select_one("article")
    return re.sub(r"[ \t\r\n]+", " ", article.get_text(""))  # keeps NBSP; no spaces around <abbr>


def table(site, path: str, table_id: str):
    found = site.page(path).select_one(f"#{table_id} table")
    assert found is not None, f"{table_id} missing on {path}"
    return found


def cells(row) -> list[str]:
    return [cell.get_text(strip=True) for cell in row.find_all(["th", "td"])]


def test_start_page_names_report_unit_municipality_and_year(site):
    page = site.page("2019/index.html")
    assert page.select_one("article h1").get_text(strip=True).startswith("Kvalitetsberättelse 2019")
    text = text_of(site, "2019/index.html")
    assert "Omsorgsenheten, Nacka kommun" in text
    assert "En sanktion utfärdades under hösten inom LSS-området" in text


def test_start_page_links_every_chapter(site):
    links = {a["href"] for a in site.page("2019/index.html").select("article a[href]")}
    for target in [
        "kvalitetsberattelsen/",
        "syfte/",
        "fokusomrade/",
        "underlag/",
        "underlag/malgruppsbeskrivning/",
        "underlag/personal-och-kompetens/",
        "om-webbversionen/",
    ]:
        assert target in links


def test_the_site_start_page_lists_the_2019_edition(site):
    editions = site.page("index.html").select("article ul.kb-utgavor a[href]")
    assert [(a.get_text(strip=True), a["href"]) for a in editions] == [
        ("Kvalitetsberättelse 2019", "2019/")
    ]


def test_every_old_address_of_a_2019_page_leads_to_its_new_address(site):
    """The 2019 edition lay at the root; its old addresses lead to the pages under 2019/."""
    pages = [p for p in html_pages(site) if p.startswith(EDITION) and p != f"{EDITION}index.html"]
    assert pages
    for path in pages:
        old = path.removeprefix(EDITION)
        html = (site.site / old).read_text(encoding="utf-8")
        target = moved_target(html)
        assert target is not None, old
        leads_to = ((site.site / old).parent / target / "index.html").resolve()
        assert leads_to == (site.site / path).resolve(), old
        page = site.page(old)
        assert page.html["lang"] == "sv"
        assert page.select_one("h1").get_text(strip=True) == "Sidan har flyttat"
        assert page.select_one(f'main a[href="{target}"]'), old


def test_people_and_insatser_use_swedish_spacing(site):
    text = text_of(site, "2019/underlag/malgruppsbeskrivning/index.html")
    assert f"omkring 1{NBSP}600 personer varit aktuella för cirka 5{NBSP}550 insatser" in text
    assert f"608 personer sammanlagt 1{NBSP}070 LSS-insatser" in text


def test_changes_are_computed_from_both_years(site):
    text = text_of(site, "2019/underlag/malgruppsbeskrivning/index.html")
    assert "Det är en ökning med 50 personer jämfört med tidigare år" in text
    assert "vilket är en person mer än förra året" in text
    text = text_of(site, "2019/underlag/utforare-och-anordnare/index.html")
    assert "vilket är en ökning med 14 personer" in text
    assert "vilket är 2 mer än förra året" in text
    assert "Det är en ökning med sammanlagt sju verksamheter under året" in text
    assert "Idag har vi åtta anordnare inom boendestöd jämfört med nio anordnare under 2018" in text
    text = text_of(site, "2019/underlag/forandrade-forutsattningar/index.html")
    assert f"ökar från 3{NBSP}638{NBSP}kr/vårddygn till 7{NBSP}800{NBSP}kr/vårddygn" in text


def test_complaints_table_rows_and_computed_total(site):
    found = table(site, "2019/underlag/uppfoljning-och-granskning/index.html", "tabell-klagomal")
    body = [cells(row) for row in found.select("tbody tr")]
    assert body == [
        ["Beroende", "14"],
        ["LSS-bostäder", "12"],
        ["Boendestöd", "8"],
        ["Turbundna resor", "11"],
        ["Stödboende/trlgh[så i källan]", "3"],  # marked as in the source (test_trust.py)
        ["Ledsagar- avlösarservice", "3"],
        ["Hälso- och sjukvård", "4"],
    ]
    assert [cells(row) for row in found.select("tfoot tr")] == [["Summa", "55"]]
    text = text_of(site, "2019/underlag/uppfoljning-och-granskning/index.html")
    assert "var under året 55 stycken, jämfört med 31 förra året" in text


def test_minimaria_share_is_computed_not_copied_from_the_pdf(site):
    text = text_of(site, "2019/underlag/utforare-och-anordnare/index.html")
    assert (
        f"Av dessa var 73 (31{NBSP}procent) flickor/kvinnor och 164 (69{NBSP}procent "
        f"[rättat från 59{NBSP}procent i PDF-versionen]) pojkar/män" in text
    )
    assert f"Av dessa var 137 (41{NBSP}procent) kvinnor och 196 (59{NBSP}procent) män" in text
    rows = {
        cells(row)[0]: cells(row)
        for row in table(
            site, "2019/underlag/utforare-och-anordnare/index.html", "tabell-mottagningar"
        ).select("tbody tr")
    }
    assert rows["MiniMaria"] == [
        "MiniMaria",
        "73",
        f"31{NBSP}%",
        "164",
        f"69{NBSP}%",
        "237",
        "260",
        "\u221223",
    ]
    assert rows["Nacka beroendemottagning"][-3:] == ["333", "278", "+55"]


def test_the_correction_is_recorded_on_the_web_edition_page(site):
    found = table(site, "2019/om-webbversionen/index.html", "tabell-rattelser")
    row = cells(found.select_one("tbody tr"))
    assert row[1:] == ["4.6", f"59{NBSP}%", f"69{NBSP}%"]


def test_reviews_table_counts(site):
    found = table(
        site, "2019/underlag/uppfoljning-och-granskning/index.html", "tabell-granskningar"
    )
    assert len(found.select("tbody tr")) == 16
    assert cells(found.select_one("tfoot tr")) == ["Totalt", "16 granskningar", "", "3 påkallade"]
    text = text_of(site, "2019/underlag/uppfoljning-och-granskning/index.html")
    assert "genomfört totalt 16 granskningar, varav 3 påkallade" in text
    assert "15 av 16 uppfyllde de viktigaste kvalitetskraven" in text


def test_lex_sarah_total_is_computed(site):
    found = table(site, "2019/underlag/uppfoljning-och-granskning/index.html", "tabell-lex-sarah")
    assert cells(found.select_one("tfoot tr"))[-1] == "18"
    assert "inkommit 18 rapporter" in text_of(
        site, "2019/underlag/uppfoljning-och-granskning/index.html"
    )


def test_shares_keep_their_stated_decimals_in_text(site):
    text = text_of(site, "2019/underlag/kundenkater/index.html")
    assert (
        f"59,1{NBSP}procent är mycket nöjda, 36,4{NBSP}procent är ganska nöjda och "
        f"4,5{NBSP}procent har svarat att de inte vet" in text
    )
    text = text_of(site, "2019/underlag/rattssakerhetsgranskning/index.html")
    assert f"på annat sätt i 40,0{NBSP}procent av ärendena" in text
    assert f"Av dessa var 78{NBSP}procent LSS och drygt 22{NBSP}procent var SoL-ärenden" in text


def test_kundenkat_table_derives_unstated_answers_as_zero(site):
    found = table(site, "2019/underlag/kundenkater/index.html", "tabell-kundenkat")
    rows = {cells(row)[0]: cells(row)[1:] for row in found.select("tbody tr, tfoot tr")}
    assert rows["Mycket nöjd"] == [f"59,1{NBSP}%", f"45,5{NBSP}%"]
    assert rows["Ganska missnöjd"] == [f"0{NBSP}%", f"9,1{NBSP}%"]
    assert rows["Antal svarande"] == ["22", "11"]


ALL_TABLES = [
    ("2019/underlag/malgruppsbeskrivning/index.html", "tabell-lss-beslut"),
    ("2019/underlag/kundenkater/index.html", "tabell-kundenkat"),
    ("2019/underlag/systematisk-uppfoljning/index.html", "tabell-samsoc-svar"),
    ("2019/underlag/utforare-och-anordnare/index.html", "tabell-mottagningar"),
    ("2019/underlag/uppfoljning-och-granskning/index.html", "tabell-klagomal"),
    ("2019/underlag/uppfoljning-och-granskning/index.html", "tabell-granskningar"),
    ("2019/underlag/uppfoljning-och-granskning/index.html", "tabell-lex-sarah"),
    ("2019/underlag/rattssakerhetsgranskning/index.html", "tabell-rattssakerhet"),
    ("2019/om-webbversionen/index.html", "tabell-rattelser"),
]


def test_tables_are_numbered_in_reading_order(site):
    numbers = []
    for path, table_id in ALL_TABLES:
        caption = table(site, path, table_id).caption.get_text(strip=True)
        numbers.append(int(re.match(r"Tabell (\d+)\. ", caption).group(1)))
    assert numbers == list(range(1, len(ALL_TABLES) + 1))


@pytest.mark.parametrize(("path", "table_id"), ALL_TABLES)
def test_every_table_is_accessible_and_sourced(site, path, table_id):
    found = table(site, path, table_id)
    assert found.caption is not None
    assert all(th.get("scope") in {"col", "row", "rowgroup"} for th in found.find_all("th"))
    assert found.select("thead th[scope=col]")
    assert found.select("tbody th[scope=row]")
    box = found.find_parent("div", class_="kb-tabell__scroll")
    assert box["role"] == "region" and box["tabindex"] == "0"
    assert box["aria-labelledby"] == found.caption["id"]
    source = found.find_parent("div", class_="kb-tabell").select_one(".kb-tabell__kalla")
    assert source.get_text().startswith(
        "Källa: Kvalitetsberättelse 2019, Omsorgsenheten, Nacka kommun."
    )


@pytest.mark.parametrize(("path", "table_id"), ALL_TABLES)
def test_numbers_in_tables_are_right_aligned(site, path, table_id):
    found = table(site, path, table_id)
    for cell in found.select("tbody td"):
        text = cell.get_text(strip=True)
        if re.fullmatch(r"[+\u2212]?[\d\u00a0]+(,\d+)?(\u00a0%)?", text):
            assert "kb-tal" in (cell.get("class") or []), f"{table_id}: {text} not right-aligned"


def test_no_macro_syntax_left_in_any_page(site):
    for html in site.site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "{{" not in text and "{%" not in text, html


def test_every_page_is_swedish(site):
    for html in site.site.rglob("*.html"):
        assert site.page(str(html.relative_to(site.site))).html["lang"] == "sv", html


def test_no_page_loads_anything_from_another_host(site):
    pattern = re.compile(r"""(?:src|href)=["'](?:https?:)?//""")
    for html in site.site.rglob("*.html"):
        page = site.page(str(html.relative_to(site.site)))
        loaded = page.select("script[src], link[href], img[src], iframe[src], source[src]")
        outside = [tag for tag in loaded if pattern.search(str(tag))]
        assert not outside, f"{html}: {outside}"
