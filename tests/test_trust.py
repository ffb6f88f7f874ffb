"""Trust in what is shown: each share under its own base, key figures with the source's
qualifiers, corrections and leftovers marked where they appear, a publication record and
an error-report link, and editors' links only in the preview."""

from __future__ import annotations

import re

import pytest
from conftest import build, html_pages

NBSP = "\u00a0"
RATTSSAKERHET = "2019/underlag/rattssakerhetsgranskning/index.html"


def text(node) -> str:
    return re.sub(r"\s+", " ", node.get_text()).replace(NBSP, " ").strip()


def row(tr) -> str:
    return " ".join(text(cell) for cell in tr.find_all(["th", "td"]))


def grouped(table) -> dict[str, list[str]]:
    """{row-group heading: ["question share", ...]} of a table."""
    groups = {}
    for body in table.select("tbody"):
        heading = body.select_one('th[scope="rowgroup"]')
        rows = [tr for tr in body.select("tr") if not tr.select('th[scope="rowgroup"]')]
        groups[text(heading)] = [row(tr) for tr in rows]
    return groups


def test_shares_of_the_190_egenkontroller_are_not_under_the_42_cases(site):
    page = site.page(RATTSSAKERHET)
    expected_42 = ["Det fanns löpande journaltext 88 %"]
    expected_190 = [
        "Barnperspektivet har beaktats 18 %",
        "Barnperspektivet var inte relevant (minderåriga barn saknades) 80 %",
        "Frågan om våld har ställts 44 %",
        "SIP har genomförts 11 %",
    ]
    for table in [page.select_one("#tabell-rattssakerhet"), page.select_one("figure table")]:
        groups = grouped(table)
        assert groups["Vuxengruppen (42 granskade ärenden)"] == expected_42
        assert groups["Vuxengruppen (190 egenkontroller)"] == expected_190
        assert len(groups["Barn med LSS-insatser (30 granskade ärenden)"]) == 11
    description = text(page.select_one("figure .kb-figur__beskrivning"))
    assert "Vuxengruppen (190 egenkontroller): högst" in description


def test_key_figures_carry_the_sources_qualifiers(site):
    cards = {
        text(li.h3).rstrip("¶ "): text(li)
        for li in site.page("2019/index.html").select(".kb-nyckeltal li")
    }
    assert "Omkring 1 600 personer var aktuella under året" in cards["Personer och insatser"]
    assert (
        "en ökning med 24 klagomål eller 77 procent. Ökningen bedöms inte bero på en faktisk "
        "ökning av klagomål, utan på ökade registreringar." in cards["Klagomål på utförare"]
    )


def test_corrections_and_leftovers_are_marked_where_they_appear(site):
    page = site.page("2019/underlag/utforare-och-anordnare/index.html")
    [mark] = page.select("article .kb-anm")
    assert "164 (69 procent [rättat från 59 procent i PDF-versionen]) pojkar/män" in text(
        mark.parent
    )
    assert mark.a["href"] == "../../../2019/om-webbversionen/#rattade-varden"
    expected = {
        "2019/underlag/uppfoljning-och-granskning/index.html": [
            "Stödboende/trlgh",
            "bokat 4/6",
            "Draken respektive",
        ],
        "2019/kvalitetsplan/index.html": ["Ansöka om LVU 123"],
    }
    for path, leftovers in expected.items():
        article = site.page(path).select_one("article")
        marks = article.select(".kb-anm")
        assert all(m.a["href"].endswith("2019/om-webbversionen/#sa-i-kallan") for m in marks)
        assert all(text(m) == "[så i källan]" and m.a["title"] for m in marks)
        for leftover in leftovers:
            assert f"{leftover} [så i källan]" in text(article), (path, leftover)
    about = site.page("2019/om-webbversionen/index.html")
    assert about.select_one("#rattade-varden") and about.select_one("#sa-i-kallan")
    assert "Draken respektive" in text(about.select_one("#tabell-sa-i-kallan"))
    assert not about.select("article .kb-anm")  # the explanations are not marked


def test_every_page_has_an_error_report_link_and_no_editor_links(site):
    pages = html_pages(site, moved=False)
    checked = 0
    for path in pages:
        if path == "404.html":
            continue
        html = (site.site / path).read_text(encoding="utf-8")
        assert 'rel="edit"' not in html and "Ändra datan" not in html, path
        report = site.page(path).select_one(".kb-publicering a")
        assert report.get_text() == "Rapportera ett fel på sidan", path
        assert report["href"].startswith("mailto:info@nacka.se?subject=Fel%20p%C3%A5%20sidan")
        checked += 1
    assert checked > 20
    record = text(site.page("2019/index.html").select_one(".kb-publicering"))
    assert record == "Rapportera ett fel på sidan"  # the source states no date or body


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    """A preview build of a copy whose publication record is filled in."""
    from conftest import copy_project

    project = copy_project(tmp_path_factory.mktemp("trust") / "project")
    record = project / "data/2019/publicering.yaml"
    content = record.read_text(encoding="utf-8")
    content = re.sub(r"^publicerad:.*$", 'publicerad: "2020-03-18"', content, flags=re.M)
    content = re.sub(r"^antagen_av:.*$", "antagen_av: Exempelnämnden", content, flags=re.M)
    content = re.sub(r"^antagen:.*$", 'antagen: "2020-03-17"', content, flags=re.M)
    content = content.replace(
        "andringar: []",
        'andringar:\n  - datum: "2020-04-02"\n    andring: Ett exempel på en rättelse.',
    )
    record.write_text(content, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KVALITET_FORHANDSVISNING", "ja")
        result = build(project, project.parent / "site")
    assert result.returncode == 0, result.output
    return result


def test_the_preview_keeps_editor_links_and_shows_a_filled_record(preview):
    page = preview.page("2019/underlag/kundenkater/index.html")
    assert page.select_one('a[rel="edit"]')["href"].endswith("/docs/2019/underlag/kundenkater.md")
    assert "Ändra datan" in text(page.select_one("#tabell-kundenkat").find_parent("div"))
    record = page.select_one(".kb-publicering")
    assert [text(p) for p in record.select("p")] == [
        "Publicerad 18 mars 2020. Antagen av Exempelnämnden 17 mars 2020.",
        "Ändringar efter publiceringen:",
        "Rapportera ett fel på sidan",
    ]
    assert [text(li) for li in record.select("li")] == ["2 april 2020: Ett exempel på en rättelse."]
    assert page.select_one(".kb-publicering time")["datetime"] == "2020-03-18"


def test_an_unflagged_correction_or_a_stale_leftover_stops_the_build(broken_build):
    def change(project):
        page = project / "docs/2019/underlag/utforare-och-anordnare.md"
        page.write_text(
            page.read_text(encoding="utf-8").replace(
                'rattat("mottagningar.minimaria.andel_man")',
                "mottagningar.minimaria.andel_man | procent",
            ),
            encoding="utf-8",
        )
        data = project / "data/2019/rattelser.yaml"
        data.write_text(
            data.read_text(encoding="utf-8").replace("text: bokat 4/6", "text: bokat 5/6"),
            encoding="utf-8",
        )

    result = broken_build(change)
    assert result.returncode != 0
    assert (
        "Fel på sidan docs/2019/underlag/utforare-och-anordnare.md, rad 29: värdet "
        "»mottagningar.minimaria.andel_man« är rättat i rattelser.yaml" in result.output
    )
    assert "sa_i_kallan: texten »bokat 5/6« finns inte på någon sida" in result.output
