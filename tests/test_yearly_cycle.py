"""The yearly cycle, done as an editor does it in a copy of the project, with no Python edits:
start next year with `make ny-argang`, see the draft build, change next year's description,
and try to publish the draft.

2019 stays readable at its own address with the same text, numbers, tables and figures, and
its pages stay byte for byte the same while 2020's description changes.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup
from conftest import build, build_zensical, copy_project, start_edition

from kvalitet.tools.engine_diff import differences

NBSP = "\u00a0"


def git(repo, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Redaktör", "-c", "user.email=r@example.org", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


def article(site, path: str) -> str:
    """The page's article as text, without the edition banner (which names the latest)."""
    page = BeautifulSoup((site / path).read_text(encoding="utf-8"), "lxml").select_one("article")
    for banner in page.select(".kb-utgava"):
        banner.decompose()
    return re.sub(r"\s+", " ", page.get_text(" "))


def files_under(site, *folders: str) -> dict[str, bytes]:
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for folder in folders
        for path in sorted((site / folder).rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def cycle(tmp_path_factory):
    """A project in git: built as it is, then after `ny-argang 2020`, then after 2020's
    description changed."""
    work = tmp_path_factory.mktemp("argang")
    project = copy_project(work / "projekt")
    git(project, "init", "-q", "-b", "main")
    git(project, "add", ".")
    git(project, "commit", "-q", "-m", "Kvalitetsberättelse 2019")
    before = build(project, work / "fore")
    assert before.returncode == 0, before.output

    output = start_edition(project, 2020)
    draft = build(project, work / "utkast")
    assert draft.returncode == 0, draft.output

    descriptor = project / "data/2020/datapackage.yaml"
    text = descriptor.read_text(encoding="utf-8")
    text = text.replace("title: Antal klagomål", "title: Klagomål under året")
    text = text.replace("Inrapporterade klagomål per insats, {{ ar }}", "Klagomål {{ ar }}")
    descriptor.write_text(text, encoding="utf-8")
    changed = build(project, work / "andrad")
    assert changed.returncode == 0, changed.output
    return project, output, before, draft, changed


def test_ny_argang_says_what_it_made(cycle):
    _, output, *_ = cycle
    assert output.startswith("Skapade årgången 2020 som ett utkast: sidorna i docs/2020/")
    assert "Årgången 2019 finns kvar som den är, på sin egen adress." in output


def test_the_new_edition_keeps_structure_comments_and_texts_with_values_empty(cycle):
    project, *_ = cycle
    insatsutbud = (project / "data/2020/insatsutbud.yaml").read_text(encoding="utf-8")
    assert "# Avsnitt 4.6 Utförare och anordnare – insatsutbud." in insatsutbud
    assert re.search(r"^  antal: *$", insatsutbud, re.M)  # the value is gone, the key stays
    assert "# omkring 19 kunder har beviljats behandling" in insatsutbud
    assert "116" not in insatsutbud
    klagomal = (project / "data/2020/klagomal.csv").read_text(encoding="utf-8").splitlines()
    assert klagomal[:3] == ["insats,antal", "Beroende,", "LSS-bostäder,"]
    descriptor = (project / "data/2020/datapackage.yaml").read_text(encoding="utf-8")
    assert re.search(r"^status: utkast", descriptor, re.M)
    assert re.search(r"^title: Kvalitetsberättelse 2020$", descriptor, re.M)
    assert "  - Kvalitetsberättelse 2020:\n      - 2020/index.md" in (
        project / "mkdocs.yml"
    ).read_text(encoding="utf-8")


def test_2019_keeps_its_text_numbers_tables_and_figures_at_its_own_address(cycle):
    _, _, before, draft, _ = cycle
    pages = sorted(
        p.relative_to(before.site).as_posix() for p in (before.site / "2019").rglob("*.html")
    )
    assert len(pages) > 20
    for page in pages:
        assert article(before.site, page) == article(draft.site, page), page
    assert files_under(before.site, "figurer/2019", "data/2019") == files_under(
        draft.site, "figurer/2019", "data/2019"
    )


def test_the_draft_shows_missing_values_and_lists_them_once(cycle):
    _, _, _, draft, _ = cycle
    text = article(draft.site, "2020/underlag/malgruppsbeskrivning/index.html")
    assert "omkring uppgift saknas personer varit aktuella" in text
    banner = draft.page("2020/underlag/malgruppsbeskrivning/index.html").select_one(".kb-utgava")
    assert banner.get_text(" ", strip=True).startswith("Utkast. Årgången är inte färdig")
    status = article(draft.site, "2020/utkast/index.html")
    assert "Kvalitetsberättelse 2020 är ett utkast." in status
    assert "data/2020/klagomal.csv" in status and "rad 2 (Beroende), kolumn »antal«" in status
    count = int(re.search(r"Det saknas (\d+) uppgifter", status).group(1))
    listed = draft.page("2020/utkast/index.html").select("article li")
    assert count == len(listed) > 200
    table = draft.page("2020/underlag/uppfoljning-och-granskning/index.html")
    cells = [td.get_text(strip=True) for td in table.select("#tabell-klagomal tbody td")]
    assert set(cells) == {"uppgift saknas"}


def test_a_draft_counts_nothing_over_values_not_filled_in(cycle):
    # granskningar.csv keeps its 16 rows, with every outcome and »påkallad« empty: how many
    # were called for, met the requirements or led to a warning is not known yet, never 0.
    _, _, _, draft, _ = cycle
    text = article(draft.site, "2020/underlag/uppfoljning-och-granskning/index.html")
    assert "16 granskningar, varav uppgift saknas påkallade" in text
    assert "uppgift saknas av 16 uppfyllde de viktigaste kvalitetskraven" in text
    assert "varav 0 påkallade" not in text and "Noll sanktion" not in text
    page = draft.page("2020/underlag/uppfoljning-och-granskning/index.html")
    waiting = [f.figcaption.get_text() for f in page.select("figure:has(p.kb-saknas)")]
    assert any("granskningar" in caption.lower() for caption in waiting), waiting
    assert not (draft.site / "figurer/2020/granskningar.svg").exists()
    assert (draft.site / "figurer/2019/granskningar.svg").exists()


def test_every_edition_says_its_year_and_points_to_the_latest(cycle):
    _, _, _, draft, _ = cycle
    old = draft.page("2019/syfte/index.html").select_one(".kb-utgava")
    assert "Du läser kvalitetsberättelsen för 2019." in old.get_text(" ", strip=True)
    link = old.select_one("a")
    assert link["href"] == "../../2020/" and "2020" in link.get_text()
    start = draft.page("index.html").select(".kb-utgavor a")
    assert [a["href"] for a in start] == ["2020/", "2019/"]
    assert "<title>2 Syfte med kvalitetsarbetet – Kvalitetsberättelse 2019" in (
        draft.site / "2019/syfte/index.html"
    ).read_text(encoding="utf-8")


def test_a_link_to_a_2019_page_from_before_editions_had_folders_still_leads_there(cycle):
    _, _, _, draft, _ = cycle
    moved = draft.page("underlag/malgruppsbeskrivning/index.html")
    assert moved.select_one("html")["lang"] == "sv"
    assert moved.select_one("h1").get_text() == "Sidan har flyttat"
    assert moved.select_one("main a")["href"] == "../../2019/underlag/malgruppsbeskrivning/"
    refresh = moved.select_one('meta[http-equiv="refresh"]')["content"]
    assert refresh == "0; url=../../2019/underlag/malgruppsbeskrivning/"


def test_2019_is_byte_identical_when_2020s_description_changes(cycle):
    _, _, _, draft, changed = cycle
    folders = ("2019", "figurer/2019", "data/2019")
    assert files_under(draft.site, *folders) == files_under(changed.site, *folders)
    page = article(changed.site, "2020/underlag/uppfoljning-och-granskning/index.html")
    assert re.search(r"Figur \d+\. Klagomål 2020", page), page[:300]
    assert "Klagomål under året" in page


def test_the_publish_job_refuses_a_draft_with_one_swedish_message(cycle, tmp_path):
    project, *_ = cycle
    env = {**os.environ, "KVALITET_PUBLICERA": "ja", "KVALITET_PDF": "av"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "s")],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode != 0
    message = (
        "Årgången 2020 är ett utkast (status: utkast i data/2020/datapackage.yaml) och "
        "publiceras inte. Fyll i alla uppgifter och ändra status till publicerad; inget har "
        "publicerats."
    )
    assert result.stdout.count(message) + result.stderr.count(message) == 1
    assert not (tmp_path / "s/index.html").exists()


@pytest.mark.parametrize("width", [1280, 390], ids=["dator", "mobil"])
def test_the_draft_and_the_older_edition_meet_wcag_in_a_browser(cycle, browser, width):
    from browser import serve
    from test_accessibility import axe_violations

    _, _, _, draft, _ = cycle
    context = browser.new_context(locale="sv-SE", viewport={"width": width, "height": 900})
    page = context.new_page()
    found = {}
    with serve(draft.site) as url:
        for path in ["", "2020/utkast/", "2020/underlag/uppfoljning-och-granskning/", "2019/"]:
            page.goto(f"{url}/{path}")
            violations = axe_violations(page)
            if violations:
                found[path] = violations
            scroll = page.evaluate("document.documentElement.scrollWidth")
            assert scroll <= width, (path, scroll)
    context.close()
    assert found == {}


def test_the_draft_builds_without_python_warnings(cycle):
    """A draft's empty values are expected: no English warning from pydantic or matplotlib
    among the build's Swedish messages."""
    _, _, before, draft, changed = cycle
    for result in (before, draft, changed):
        assert "Warning" not in result.output, result.output


def test_zensical_builds_the_draft_year_as_mkdocs_does(cycle, tmp_path):
    project, *_, changed = cycle
    result = build_zensical(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    assert "Warning" not in result.output, result.output
    assert differences(changed.site, result.site, ("MkDocs", "Zensical")) == []
    assert (result.site / "2020/utkast/index.html").is_file()


def test_a_mistake_in_last_years_data_is_reported_once(cycle, tmp_path):
    # 2020 reads 2019's data too (its comparisons): the mistake is still one mistake.
    project = shutil.copytree(cycle[0], tmp_path / "projekt")
    data = project / "data/2019/klagomal.csv"
    data.write_text(data.read_text(encoding="utf-8").replace("Beroende,14", "Beroende,fjorton"))
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "Datan för kvalitetsberättelsen innehåller ett fel." in result.output
    assert result.output.count("data/2019/klagomal.csv, rad 2, kolumn »antal«") == 1


def test_the_build_says_a_draft_is_not_published_yet(cycle):
    from kvalitet.tools.pr_summary import build_section

    _, _, before, draft, _ = cycle
    count = len(draft.page("2020/utkast/index.html").select("article li"))
    note = (
        f"OBS: Årgången 2020 är ett utkast och publiceras inte än. Det saknas {count} uppgifter; "
        "de står på sidan »Utkast: uppgifter som saknas« (2020/utkast/)."
    )
    assert note in draft.output.splitlines()
    assert note in build_section(draft.output)  # and in the pull request's summary
    assert "OBS: Årgången" not in before.output
