"""The same site from Zensical as from MkDocs (``make site ENGINE=zensical``).

Material for MkDocs reaches end of life on 5 May 2027; Zensical is its authors' successor.
Zensical runs no MkDocs plugin, so the kvalitet build runs around it
(kvalitet/site/zensical_engine.py). These tests hold the two engines to one site:

- the Zensical build shows the same pages with the same text, numbers, tables, figures,
  links, downloads and PDF text as the MkDocs build (kvalitet/tools/engine_diff.py, which
  CI runs on its two builds too), and the comparison does see a planted difference;
- in a real browser the Zensical pages have the MkDocs pages' accessibility findings (none)
  and ask no outside host for anything;
- every broken input of the corpus (test_build_errors.py) stops the Zensical build with the
  same Swedish message and publishes nothing.
"""

from __future__ import annotations

import shutil

import pytest
from conftest import Build, build_zensical, copy_project
from test_build_errors import CASES
from walks import desktop, phone

from kvalitet.site import zensical_engine
from kvalitet.tools.engine_diff import differences

NAMES = ("MkDocs", "Zensical")


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("zensical") / "project")
    # compared with `site`, built in the checkout
    result = build_zensical(project, project.parent / "site", pdf=True, history=True)
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="module")
def zensical_url(zensical_site):
    from browser import serve

    with serve(zensical_site.site) as url:
        yield url


def test_zensical_builds_the_same_site_as_mkdocs(site, zensical_site):
    assert differences(site.site, zensical_site.site, NAMES) == []
    # It is Zensical's own build: its theme, and no plugin of ours left in its output.
    assert list((zensical_site.site / "assets/stylesheets/classic").glob("main.*.min.css"))
    assert not list(site.site.glob("assets/stylesheets/classic"))
    assert "med Zensical" in zensical_site.output
    assert (zensical_site.site / "kvalitetsberattelse-2019.pdf").stat().st_size > 100_000


def test_the_comparison_names_what_differs(site, zensical_site, tmp_path):
    changed = tmp_path / "site"
    shutil.copytree(zensical_site.site, changed)
    page = changed / "2019/underlag/malgruppsbeskrivning/index.html"
    html = page.read_text(encoding="utf-8")
    assert "1\u00a0600" in html
    html = html.replace("1\u00a0600", "1\u00a0601", 1).replace("<abbr title=", "<abbr data-x=", 1)
    page.write_text(html, encoding="utf-8")
    (changed / "data/2019/klagomal.csv").write_text("nyckel,antal\n", encoding="utf-8")
    (changed / "2019/syfte/index.html").unlink()
    found = differences(site.site, changed, NAMES)
    where = "Sidan 2019/underlag/malgruppsbeskrivning/index.html"
    assert any(line.startswith(f"{where}: siffror skiljer sig") for line in found), found
    assert any(line.startswith(f"{where}: förklaringar skiljer sig") for line in found), found
    assert "Sidan 2019/syfte/index.html finns bara i bygget med MkDocs." in found
    assert "Filen data/2019/klagomal.csv har olika innehåll." in found


# One page of each kind. Their content is the MkDocs pages' (the comparison above), which
# test_every_page.py checks on every page; what Zensical changes is the theme around it.
KINDS = [
    "index.html",  # the start page
    "2019/index.html",  # an edition's start, with key figures
    "2019/underlag/malgruppsbeskrivning/index.html",  # figures and tables
    "2019/kvalitetsplan/index.html",  # stacked tables and the filter form
    "2019/hela-rapporten/index.html",  # the longest page
    "2019/datafiler/index.html",
    "ordlista/index.html",
    "tillganglighetsredogorelse/index.html",
    "syfte/index.html",  # a "Sidan har flyttat" page
    "404.html",
]


def test_zensical_pages_in_a_browser(zensical_site, zensical_url, browser):
    on_computer = desktop(zensical_site, zensical_url, browser, KINDS)
    on_phone = phone(zensical_site, zensical_url, browser, KINDS)
    found = {
        "axe-core, dator": {p: v["axe"] for p, v in on_computer.items() if v["axe"]},
        "axe-core, mobil": {p: v["axe"] for p, v in on_phone.items() if v["axe"]},
        "HTML_CodeSniffer": {p: v["htmlcs"] for p, v in on_phone.items() if v["htmlcs"]},
        "andra värdar": sorted(
            set().union(*(v["hosts"] for v in on_computer.values())) - {"127.0.0.1"}
        ),
        "tabeller": {p: v["phone"]["tables"] for p, v in on_phone.items() if v["phone"]["tables"]},
    }
    assert found == {
        "axe-core, dator": {},
        "axe-core, mobil": {},
        "HTML_CodeSniffer": {},
        "andra värdar": [],
        "tabeller": {},
    }
    assert sorted(on_computer) == sorted(KINDS)


def build_here(project, site, monkeypatch, capsys) -> Build:
    """`build_zensical`, in this process: the same code, without a second or so of start-up
    per case (the corpus has 41)."""
    monkeypatch.chdir(project)
    monkeypatch.setenv("KVALITET_PDF", "av")
    returncode = zensical_engine.main(["--site-dir", str(site)])
    captured = capsys.readouterr()
    return Build(returncode, captured.out + captured.err, site)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_a_broken_input_stops_zensical_with_the_same_message(
    project, tmp_path, case, monkeypatch, capsys
):
    case.change(project)
    result = build_here(project, tmp_path / "site", monkeypatch, capsys)
    assert result.returncode != 0, result.output
    for message in case.messages:
        assert message in result.output, f"{message!r} not in:\n{result.output}"
    assert "Inget publicerades: rätta felen ovan och bygg igen." in result.output
    assert not (tmp_path / "site").exists(), "a failed build must not leave pages"


def test_the_table_readers_come_without_importing_pandas():
    """Without tabulate Zensical's table readers are placeholders, pandas or not; the
    engine gives them without the 0.2 s import."""
    import subprocess
    import sys

    check = """
import sys
from kvalitet.site.zensical_engine import _table_readers_without_pandas
from zensical.extensions import table_reader
_table_readers_without_pandas()
readers = table_reader._get_pandas_readers()
print(sorted(readers) == sorted(f"pd_read_{f}" for f in table_reader._PANDAS_FORMATS))
try:
    readers["pd_read_csv"]("data.csv")
except RuntimeError as error:
    print(error)
print("pandas" in sys.modules)
"""
    result = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True)
    assert result.stdout.splitlines() == [
        "True",
        "table reading requires pandas and tabulate packages",
        "False",
    ], result.stderr
