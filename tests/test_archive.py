"""Earlier editions on the same site: pages under docs/arkiv/<year>/ show that year's data.

The project is made by the benchmark's generator (bench/synthetic.py), which adds a 2017
edition whose counts are twice the 2019 report's, compared with 2016 values that are twice
the 2018 ones. So this also proves that the generator the scale benchmark relies on gives
a project that builds.
"""

from __future__ import annotations

import csv
import io
import re
import sys

import pytest
from conftest import ROOT, build

sys.path.insert(0, str(ROOT / "bench"))

from synthetic import make_project

NBSP = "\u00a0"


@pytest.fixture(scope="module")
def archive_site(tmp_path_factory):
    work = tmp_path_factory.mktemp("arkiv")
    project = make_project(ROOT, work / "projekt", 2)
    result = build(project, work / "site")
    assert result.returncode == 0, result.output
    return project, result


def text_of(result, path: str) -> str:
    """The page's text with runs of spaces and newlines made one space; NBSP kept."""
    return re.sub(r"[ \t\n]+", " ", result.page(path).get_text(" "))


def test_archived_page_shows_its_own_years_data(archive_site):
    _, result = archive_site
    archived = text_of(result, "arkiv/2017/underlag/malgruppsbeskrivning/index.html")
    main = text_of(result, "underlag/malgruppsbeskrivning/index.html")
    assert f"omkring 3{NBSP}200 personer" in archived  # 2 × 1 600
    assert f"omkring 1{NBSP}600 personer" in main
    assert f"3{NBSP}200 personer" not in main


def test_archived_comparisons_use_the_year_before_the_archived_edition(archive_site):
    _, result = archive_site
    start = text_of(result, "arkiv/2017/index.html")
    # 2017 has 110 complaints (2 × 55), 2016 stated 62 (2 × 31): an increase of 48.
    assert "110 klagomål på anordnare och utförare" in start
    assert "62 året innan, en ökning med 48 klagomål" in start


def test_archived_tables_are_numbered_like_the_main_edition(archive_site):
    _, result = archive_site

    def captions(path: str) -> list[str]:
        return [c.get_text(" ", strip=True) for c in result.page(path).select("table caption")]

    main = captions("underlag/uppfoljning-och-granskning/index.html")
    archived = captions("arkiv/2017/underlag/uppfoljning-och-granskning/index.html")
    assert main and [c.split(".")[0] for c in main] == [c.split(".")[0] for c in archived]
    assert not any("2019" in c for c in archived), archived


def test_archived_figures_and_downloads_are_that_years(archive_site):
    _, result = archive_site
    page = result.page("arkiv/2017/underlag/uppfoljning-och-granskning/index.html")
    sources = [img["src"] for img in page.select("figure img")]
    assert sources and all("figurer/2017/" in src for src in sources), sources
    for src in sources:
        target = (result.site / "arkiv/2017/underlag/uppfoljning-och-granskning" / src).resolve()
        assert target.is_file(), src
    main_rows = list(
        csv.DictReader(io.StringIO((result.site / "data/2019/klagomal.csv").read_text()))
    )
    archived_rows = list(
        csv.DictReader(io.StringIO((result.site / "data/2017/klagomal.csv").read_text()))
    )
    assert [int(r["antal"]) * 2 for r in main_rows] == [int(r["antal"]) for r in archived_rows]


def test_a_data_error_in_an_archived_edition_names_its_file(archive_site, tmp_path):
    project, _ = archive_site
    broken = make_project(ROOT, tmp_path / "projekt", 2)
    path = broken / "data/2017/klagomal.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("Beroende,28", "Beroende,28 st"))
    result = build(broken, tmp_path / "site")
    assert result.returncode != 0
    assert "data/2017/klagomal.csv" in result.output, result.output
    assert "28 st" in result.output
