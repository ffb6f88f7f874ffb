"""Tools for editors: the change summary of a pull request (numbers and LIX), make diff,
make lix, next year's edition, and edit links."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MAKE, ROOT, build, copy_project, edition_2019

from kvalitet.tools.lix import band, page_readability, readability

PYTHON = sys.executable


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", "-c", "user.name=Redaktör", "-c", "user.email=redaktor@example.org", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


@pytest.fixture
def repo(tmp_path) -> Path:
    """A real git history: the project on main, then an editor's branch with a change."""
    project = copy_project(tmp_path / "repo")
    git(project, "init", "-q", "-b", "main")
    git(project, "add", ".")
    git(project, "commit", "-q", "-m", "Kvalitetsberättelse 2019")
    git(project, "switch", "-q", "-c", "andring")
    klagomal = project / "data/2019/klagomal.csv"
    klagomal.write_text(klagomal.read_text().replace("Beroende,14", "Beroende,15"))
    syfte = project / "docs/2019/syfte.md"
    syfte.write_text(syfte.read_text() + "\nVi vill att alla ska förstå rapporten.\n")
    git(project, "commit", "-q", "-am", "Ett klagomål till och en mening")
    return project


def run(repo: Path, *args: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(repo)}
    result = subprocess.run([PYTHON, *args], cwd=repo, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_make_diff_prints_every_changed_number(repo):
    output = run(repo, "-m", "kvalitet.tools.data_diff", "--base", "main")
    assert output.splitlines() == [
        "Ändrade siffror för 2019 jämfört med main:",
        "- klagomal, Beroende, antal: 14 → 15",
        "- klagomal.totalt: 55 → 56",
    ]


def test_make_diff_names_a_git_reference_that_does_not_exist(repo):
    result = subprocess.run(
        [PYTHON, "-m", "kvalitet.tools.data_diff", "--base", "finnsinte"],
        cwd=repo,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert result.stderr.strip() == (
        "Git-referensen »finnsinte« finns inte. Ange en gren, en tagg eller en commit, "
        "t.ex. make diff BASE=main."
    )


def test_the_pull_request_summary_shows_numbers_lix_and_warnings(repo, tmp_path):
    site = build(repo, tmp_path / "site")
    assert site.returncode == 0, site.output
    log = tmp_path / "bygg.log"
    log.write_text(site.output + "\nWARNING -  Ett exempel på en varning\n")
    summary = run(
        repo,
        "-m",
        "kvalitet.tools.pr_summary",
        "--base",
        "main",
        "--site",
        str(site.site),
        "--log",
        str(log),
    )
    assert "### Ändrade siffror\n\n- klagomal, Beroende, antal: 14 → 15\n" in summary
    assert "- klagomal.totalt: 55 → 56" in summary
    lix_row = next(line for line in summary.splitlines() if line.startswith("| 2019/syfte.md |"))
    lix = float(lix_row.split("|")[2])
    assert lix_row.endswith(f"| {band(lix)} |")
    assert summary.endswith(
        "### Bygget\n\nBygget blev klart men gav varningar:\n\n"
        "- `WARNING -  Ett exempel på en varning`\n\n"
        "PDF-versionen skapas inte (KVALITET_PDF=av).\n"
    )


def make_site(project: Path, tmp_path: Path, browser: bool = True) -> str:
    """`make site` in `project` as an editor or CI runs it; returns its output, the log.
    Without `browser`, the commands make needs are all that is on PATH: no Chromium."""
    for name in ["Makefile", "requirements.lock", "pyproject.toml"]:
        shutil.copy2(ROOT / name, project / name)
    env = {k: v for k, v in os.environ.items() if k not in {"CHROMIUM", "KVALITET_PDF"}}
    if not browser:
        tools = tmp_path / "verktyg"
        tools.mkdir()
        for tool in ["make", "bash", "sh", "sed", "rm", "mv", "git", "touch"]:
            (tools / tool).symlink_to(shutil.which(tool))
        env["PATH"] = str(tools)
    result = subprocess.run(
        [*MAKE, "-C", str(project), "site"],
        capture_output=True,
        text=True,
        env=env,
    )
    return result.stdout + result.stderr


def test_the_summary_says_the_build_stopped_and_lists_its_problems(repo, tmp_path):
    klagomal = repo / "data/2019/klagomal.csv"
    klagomal.write_text(klagomal.read_text().replace("Beroende,15", "Beroende,fjorton"))
    log = tmp_path / "bygg.log"
    log.write_text(make_site(repo, tmp_path))
    summary = run(repo, "-m", "kvalitet.tools.pr_summary", "--base", "main", "--log", str(log))
    section = summary.split("### Bygget\n\n", 1)[1]
    assert section == (
        "**Bygget stoppades**, så inget publicerades och ingen PDF skapades. Rätta felen och "
        "bygg igen.\n\n"
        "- data/2019/klagomal.csv, rad 2, kolumn »antal«: värdet är inte ett heltal. Hittade: "
        "»fjorton«. Förväntade: ett heltal, t.ex. 14.\n"
    )
    assert "inga varningar" not in summary


def test_the_summary_says_whether_the_pdf_was_made(project, tmp_path):
    from kvalitet.tools.pr_summary import build_section

    without = make_site(project, tmp_path, browser=False)
    assert build_section(without) == [
        "Bygget blev klart utan fel och utan varningar.",
        "",
        "OBS: PDF-versionerna skapades inte. Ingen Chromium hittades. Installera Debians paket "
        "(sudo apt-get install chromium) eller ange sökvägen i miljövariabeln CHROMIUM. Resten "
        "av webbplatsen är byggd.",
    ]
    # With a browser: test_make_site.py, from a real `make site`.
    assert build_section("") == ["Byggets logg saknas, så det går inte att säga hur bygget gick."]


def test_lix_counts_words_sentences_and_long_words():
    # 8 words, 2 sentences (the second block ends one without a full stop), 3 words over six
    # letters: Kvalitetsberättelsen, beskriver, arbetet ("mening" has six).
    measured = readability(["Det här är en mening.", "Kvalitetsberättelsen beskriver arbetet"])
    assert (measured.words, measured.sentences, measured.long_words) == (8, 2, 3)
    assert measured.lix == 8 / 2 + 100 * 3 / 8


@pytest.mark.parametrize(
    ("lix", "name"),
    [
        (25, "mycket lättläst"),
        (30, "lättläst"),
        (45, "medelsvår"),
        (55, "svår"),
        (61, "mycket svår"),
    ],
)
def test_lix_bands(lix, name):
    assert band(lix) == name


def test_lix_skips_tables_and_figures(site):
    html = (site.site / "2019/underlag/uppfoljning-och-granskning/index.html").read_text(
        encoding="utf-8"
    )
    assert "Nämndemansgården" in html
    from bs4 import BeautifulSoup

    measured = page_readability(html)
    prose = BeautifulSoup(html, "lxml").select_one("article").get_text(" ")
    assert 0 < measured.words < len(prose.split())


def test_make_lix_prints_every_page_with_a_band(site):
    output = subprocess.run(
        [PYTHON, "-m", "kvalitet.tools.lix", str(site.site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout
    rows = output.splitlines()[1:]
    assert any(row.startswith("2019/underlag/kundenkater/") for row in rows)
    assert all(row.rstrip().endswith(("lättläst", "medelsvår", "svår")) for row in rows)


def test_next_years_edition_keeps_the_old_one_and_is_made_once(tmp_path):
    """The draft itself is built and checked in test_yearly_cycle.py."""
    project = copy_project(tmp_path / "project")
    output = run(project, "-m", "kvalitet.tools.new_edition", "2020")
    assert output.startswith("Skapade årgången 2020 som ett utkast")
    assert {p.name for p in (project / "data/2020").iterdir()} == {
        d.filename for d in edition_2019().datasets
    } | {"datapackage.yaml"}
    assert (project / "docs/2020/index.md").is_file()
    # The 2019 edition stays as it was: its pages, its data and its section in the menu.
    for folder in ["docs/2019", "data/2019"]:
        for path in (ROOT / folder).rglob("*"):
            if path.is_file():
                copy = project / path.relative_to(ROOT)
                assert copy.read_bytes() == path.read_bytes(), copy
    assert "  - Kvalitetsberättelse 2019:\n      - 2019/index.md\n" in (
        project / "mkdocs.yml"
    ).read_text(encoding="utf-8")
    for year, message in [
        ("2020", "Årgången 2020 finns redan eller är äldre än den senaste (2020)."),
        ("2018", "Årgången 2018 finns redan eller är äldre än den senaste (2020)."),
    ]:
        again = subprocess.run(
            [PYTHON, "-m", "kvalitet.tools.new_edition", year],
            cwd=project,
            capture_output=True,
            text=True,
        )
        assert again.returncode != 0 and again.stderr.strip() == message


def test_edit_links_are_for_the_preview_only(site):
    """»Redigera sidan« and »Ändra datan« are in the preview (tests/test_trust.py), not here."""
    page = site.page("2019/underlag/kundenkater/index.html")
    assert page.select_one('a[rel="edit"]') is None
    source = page.select_one("#tabell-kundenkat").find_parent("div").select_one(".kb-tabell__kalla")
    assert [a["href"] for a in source.select("a") if "github.com" in a["href"]] == []
    assert "kundenkat.csv" in source.get_text()


def test_the_build_verdict_annotates_each_problem_once_where_it_is():
    from kvalitet.tools.build_verdict import annotation, problems

    log = (
        "INFO    -  Building documentation\n"
        "ERROR   -  Datan för kvalitetsberättelsen innehåller 2 fel. Bygget avbröts så att inget felaktigt publiceras.\n"
        "  1. data/2019/klagomal.csv, rad 2, kolumn »antal«: värdet är inte ett heltal. Hittade: »fjorton«.\n"
        "  2. data/2019/samsoc.yaml: filen saknas.\n"
        "Fel på sidan docs/2019/syfte.md, rad 5: okänt filter »antl«.\n"
        "    5 | {{ x | antl }}\n"
        "Fel på sidan docs/2019/syfte.md, rad 5: okänt filter »antl«.\n"
        "Aborted with a BuildError!\n"
    )
    found = problems(log)
    assert [(file, line) for file, line, _ in found] == [
        ("data/2019/klagomal.csv", 2),
        ("data/2019/samsoc.yaml", None),
        ("docs/2019/syfte.md", 5),
    ]
    assert annotation(*found[0]) == (
        "::error file=data/2019/klagomal.csv,line=2,title=Bygget stoppades::data/2019/klagomal.csv, "
        "rad 2, kolumn »antal«: värdet är inte ett heltal. Hittade: »fjorton«."
    )


def test_a_build_that_crashed_is_stopped_in_mkdocs_own_words():
    from kvalitet.tools.pr_summary import build_section

    # `make site` when a plugin crashed (captured from a real run), shortened
    log = (
        "ERROR   -  Error reading page 'index.md': name 'markdown' is not defined\n"
        "Traceback (most recent call last):\n"
        '  File "/work/main/.venv/bin/mkdocs", line 6, in <module>\n'
        "NameError: name 'markdown' is not defined\n"
        "Inget publicerades: rätta felen ovan och bygg igen.\n"
        "make: *** [Makefile:78: site] Error 1\n"
    )
    assert build_section(log) == [
        "**Bygget stoppades**, så inget publicerades och ingen PDF skapades. Rätta felen och "
        "bygg igen.",
        "",
        "- `Error reading page 'index.md': name 'markdown' is not defined`",
    ]
