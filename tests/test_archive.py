"""Several editions on one site: the pages under 2017/ show 2017's data, those under 2019/
show 2019's, and each edition says which year it is and leads to the latest.

The project is made by the benchmark's generator (bench/synthetic.py), which adds a 2017
edition (docs/2017/, data/2017/ and its section in the menu) whose counts are twice the
2019 report's, compared with 2016 values that are twice the 2018 ones. 2019 stays the
latest edition. So this also proves that the generator the scale benchmark relies on gives
a project that builds.
"""

from __future__ import annotations

import csv
import io
import re
import sys

import pytest
from conftest import ROOT, build, svg_pixels

sys.path.insert(0, str(ROOT / "bench"))

from synthetic import make_project

NBSP = "\u00a0"


@pytest.fixture(scope="module")
def editions_site(tmp_path_factory):
    work = tmp_path_factory.mktemp("utgavor")
    project = make_project(ROOT, work / "projekt", 2)
    # An empty cache of its own: 18 figures to draw, which worker processes draw while the
    # pages render (site/generated.py)
    result = build(project, work / "site", cache=work / "cache")
    assert result.returncode == 0, result.output
    return project, result


def text_of(result, path: str) -> str:
    """The page's text with runs of spaces and newlines made one space; NBSP kept."""
    return re.sub(r"[ \t\n]+", " ", result.page(path).get_text(" "))


def test_each_editions_page_shows_its_own_years_data(editions_site):
    _, result = editions_site
    older = text_of(result, "2017/underlag/malgruppsbeskrivning/index.html")
    latest = text_of(result, "2019/underlag/malgruppsbeskrivning/index.html")
    assert f"omkring 3{NBSP}200 personer" in older  # 2 × 1 600
    assert f"omkring 1{NBSP}600 personer" in latest
    assert f"3{NBSP}200 personer" not in latest


def test_comparisons_use_the_year_before_the_pages_edition(editions_site):
    _, result = editions_site
    start = text_of(result, "2017/index.html")
    # 2017 has 110 complaints (2 × 55), 2016 stated 62 (2 × 31): an increase of 48.
    assert "110 klagomål på anordnare och utförare" in start
    assert "62 året innan, en ökning med 48 klagomål" in start


def test_tables_are_numbered_the_same_way_in_each_edition(editions_site):
    _, result = editions_site

    def captions(path: str) -> list[str]:
        return [c.get_text(" ", strip=True) for c in result.page(path).select("table caption")]

    latest = captions("2019/underlag/uppfoljning-och-granskning/index.html")
    older = captions("2017/underlag/uppfoljning-och-granskning/index.html")
    assert latest and [c.split(".")[0] for c in latest] == [c.split(".")[0] for c in older]
    assert not any("2019" in c for c in older), older


def test_figures_and_downloads_are_the_editions_own(editions_site):
    _, result = editions_site
    page = result.page("2017/underlag/uppfoljning-och-granskning/index.html")
    sources = [img["src"] for img in page.select("figure img")]
    assert sources and all("figurer/2017/" in src for src in sources), sources
    for src in sources:
        target = (result.site / "2017/underlag/uppfoljning-och-granskning" / src).resolve()
        assert target.is_file(), src
    latest_rows = list(
        csv.DictReader(io.StringIO((result.site / "data/2019/klagomal.csv").read_text()))
    )
    older_rows = list(
        csv.DictReader(io.StringIO((result.site / "data/2017/klagomal.csv").read_text()))
    )
    assert [int(r["antal"]) * 2 for r in latest_rows] == [int(r["antal"]) for r in older_rows]


def test_each_edition_says_its_year_and_leads_to_the_latest(editions_site):
    _, result = editions_site
    path = "2017/underlag/malgruppsbeskrivning/index.html"
    banner = result.page(path).select_one("article .kb-utgava")
    text = re.sub(r"\s+", " ", banner.get_text(" ")).strip()
    assert "Du läser kvalitetsberättelsen för 2017" in text
    link = banner.find("a", string=re.compile("Den senaste är kvalitetsberättelsen för 2019"))
    target = (result.site / path).parent / link["href"] / "index.html"
    assert target.resolve() == (result.site / "2019/index.html").resolve()
    latest = result.page("2019/underlag/malgruppsbeskrivning/index.html").select_one(".kb-utgava")
    assert "Du läser kvalitetsberättelsen för 2019. Det är den senaste årgången." in re.sub(
        r"\s+", " ", latest.get_text(" ")
    )
    editions = result.page("index.html").select("article ul.kb-utgavor a[href]")
    assert [(a.get_text(strip=True), a["href"]) for a in editions] == [
        ("Kvalitetsberättelse 2019", "2019/"),
        ("Kvalitetsberättelse 2017", "2017/"),
    ]


def test_a_data_error_in_the_other_edition_names_its_file(editions_site, tmp_path):
    project, _ = editions_site
    broken = make_project(ROOT, tmp_path / "projekt", 2)
    path = broken / "data/2017/klagomal.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("Beroende,28", "Beroende,28 st"))
    result = build(broken, tmp_path / "site")
    assert result.returncode != 0
    assert "data/2017/klagomal.csv" in result.output, result.output
    assert "28 st" in result.output


def test_a_cold_build_draws_every_figure_of_both_editions_at_the_size_its_page_states(
    editions_site,
):
    _, result = editions_site
    assert "Figurer: 18 ritade, 0 från cachen" in result.output
    for year in (2017, 2019):
        page = result.page(f"{year}/hela-rapporten/index.html")
        images = page.select("figure.kb-figur img, figure.kb-figur source")
        assert len(images) == 18  # nine figures, wide and phone
        for tag in images:
            src = tag.get("src") or tag["srcset"]
            drawn = svg_pixels(result.site / f"{year}/hela-rapporten" / src)
            assert (int(tag["width"]), int(tag["height"])) == drawn, src
