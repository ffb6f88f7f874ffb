"""One build lists every mistake: data, pages and mkdocs.yml, each named where the editor looks.

A data error used to hide every page error, a page listed only its first unknown name, and
a mistake in mkdocs.yml came out in MkDocs' English.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MAKE, ROOT
from test_build_errors import replace

PAGE = "docs/2019/underlag/malgruppsbeskrivning.md"


def add_line(path: str, text: str):
    def change(project: Path) -> None:
        with (project / path).open("a", encoding="utf-8") as file:
            file.write(f"\n{text}\n")

    return change


def line_of(project: Path, path: str, text: str) -> int:
    lines = (project / path).read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if text in line)


def test_a_data_error_and_page_errors_come_in_one_build(broken_build, project):
    def change(project: Path) -> None:
        replace("data/2019/klagomal.csv", "Beroende,14", "Beroende,fjorton")(project)
        replace(
            PAGE,
            "{{ malgrupper.enheten.personer | antal }}",
            "{{ malgruper.enheten.personer | antal }}",
        )(project)
        add_line(
            "docs/2019/syfte.md", "Omkring { malgrupper.enheten.personer | antal }} personer."
        )(project)
        add_line("docs/2019/syfte.md", "Under {{ ar }} {{ x | antal }")(project)

    result = broken_build(change)
    assert result.returncode != 0
    out = result.output
    assert (
        "data/2019/klagomal.csv, rad 2, kolumn »antal«: värdet är inte ett heltal. Hittade: »fjorton«."
        in out
    )
    typo = line_of(project, PAGE, "malgruper.")
    assert (
        f"Fel på sidan {PAGE}, rad {typo}: okänd variabel eller okänt makro »malgruper«. "
        "Menade du »malgrupper«?" in out
    )
    brace = line_of(project, "docs/2019/syfte.md", "Omkring {")
    assert f"Fel på sidan docs/2019/syfte.md, rad {brace}: makrokoden är ofullständig" in out
    closing = line_of(project, "docs/2019/syfte.md", "{{ x | antal }")
    assert f"Fel på sidan docs/2019/syfte.md, rad {closing}: en avslutande }}}} saknas" in out
    # Names mkdocs-macros and mkdocs.yml's extra give pages are not mistakes.
    assert "»kontakt«" not in out and "»config«" not in out
    assert "Aborted" not in out.replace("Aborted with a BuildError!", "")
    assert not (result.site / "index.html").exists()


def test_every_unknown_name_on_a_page_is_listed_not_only_the_first(broken_build, project):
    text = (
        "I {{ ar }} var det {{ malgrupper.enheten.persner | antal }} och {{ okand_sak }}"
        "{% if annat_namn %} eller fler{% endif %}."
    )
    result = broken_build(add_line(PAGE, text))
    assert result.returncode != 0
    line = line_of(project, PAGE, "okand_sak")
    for what in [
        # what is there tells the editor where the name was looked for
        "uppgiften »persner« finns inte här. Menade du »personer«? Här finns: personer, insatser.",
        "okänd variabel eller okänt makro »okand_sak«.",
        "okänd variabel eller okänt makro »annat_namn«.",
    ]:
        assert f"Fel på sidan {PAGE}, rad {line}: {what}" in result.output, result.output
    assert "kb-fel" not in result.output
    assert not (result.site / "index.html").exists()


CONFIG_CASES = {
    "felstavat tema": (
        ("name: material", "name: materal"),
        "inställningen »theme«: okänt tema »materal«.",
    ),
    "felstavad plugin": (
        ("  - macros:", "  - makros:"),
        "inställningen »plugins«: pluginen »makros« finns inte, felstavad?",
    ),
    "felstavat Markdown-tillägg": (
        ("  - attr_list", "  - attr_lst"),
        "inställningen »markdown_extensions«: Markdown-tillägget »attr_lst« finns inte",
    ),
    "okänd inställning": (
        ("site_name:", "site_nam:"),
        "inställningen »site_nam«: okänd inställning »site_nam«, felstavad? Menade du »site_name«?",
        # and the other: "mkdocs.yml, inställningen »site_name«: inställningen saknas, men krävs."
    ),
    "kolon saknas": (
        ("permalink: true", "permalink true"),
        "ett kolon står på fel ställe.",
    ),
    "tabb i indraget": (
        ("  - attr_list", "\t- attr_list"),
        "tabbtecken används för indrag. Använd mellanslag (två per nivå).",
    ),
}


@pytest.mark.parametrize("case", CONFIG_CASES, ids=list(CONFIG_CASES))
def test_a_mistake_in_mkdocs_yml_is_named_in_swedish_with_its_line(project, case):
    (old, new), message = CONFIG_CASES[case]
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert old in text
    config.write_text(text.replace(old, new, 1), encoding="utf-8")
    expected_line = line_of(project, "mkdocs.yml", new.strip())
    result = subprocess.run(
        [sys.executable, "-m", "kvalitet.gates.config", "mkdocs.yml"],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    out = result.stderr
    assert out.startswith("Inställningarna i mkdocs.yml innehåller "), out
    assert message in out
    line = int(out.split("mkdocs.yml, rad ")[1].split(",")[0])
    assert line in {expected_line, expected_line + 1}  # PyYAML notices some a line late
    assert "Traceback" not in out


def test_the_real_mkdocs_yml_passes(project):
    result = subprocess.run(
        [sys.executable, "-m", "kvalitet.gates.config", "mkdocs.yml"], cwd=project
    )
    assert result.returncode == 0


def test_make_site_stops_on_a_mkdocs_yml_mistake_before_mkdocs_reads_it(project):
    for name in ["Makefile", "requirements.lock", "pyproject.toml"]:
        shutil.copy2(ROOT / name, project / name)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("name: material", "name: materal"))
    result = subprocess.run(
        [*MAKE, "-C", str(project), "site"],
        capture_output=True,
        text=True,
    )
    out = result.stdout + result.stderr
    assert result.returncode != 0
    assert "okänt tema »materal«" in out
    assert "Inget publicerades: rätta felen ovan och bygg igen." in out
    assert "Config value" not in out and "Aborted" not in out  # MkDocs never ran
    assert not (project / "site").exists()


def test_a_deleted_row_is_named_by_its_file_and_key(broken_build, project):
    lss = "data/2019/lss_beslut.csv"
    result = broken_build(replace(lss, "kontaktperson,", "kontaktpersoner,"))
    assert result.returncode != 0
    line = line_of(project, PAGE, "lss_beslut.kontaktperson.")
    assert (
        f"Fel på sidan {PAGE}, rad {line}: {lss} har ingen rad med »kontaktperson« i kolumnen "
        "»nyckel«. Menade du »kontaktpersoner«? Har raden tagits bort eller bytt nyckel?"
    ) in result.output


def test_a_deleted_row_that_last_year_is_compared_with_names_both_files(broken_build, project):
    lss = "data/2019/lss_beslut.csv"

    def delete_row(project: Path) -> None:
        file = project / lss
        lines = file.read_text(encoding="utf-8").splitlines(keepends=True)
        file.write_text("".join(x for x in lines if not x.startswith("korttidsvistelse,")))

    result = broken_build(delete_row)
    assert result.returncode != 0
    stated = line_of(project, "data/2018/jamforelsetal.yaml", "lss_beslut.korttidsvistelse.")
    assert (
        f"{lss}: raden med »korttidsvistelse« i kolumnen »nyckel« saknas, men "
        f"data/2018/jamforelsetal.yaml, rad {stated} har förra årets värde för den "
        "(»lss_beslut.korttidsvistelse.beslut«)."
    ) in result.output


def test_a_data_error_stops_the_test_suite_at_once_with_the_message_once(project):
    shutil.copytree(ROOT / "tests", project / "tests", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "pyproject.toml", project / "pyproject.toml")
    replace("data/2019/klagomal.csv", "Beroende,14", "Beroende,fjorton")(project)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:cacheprovider",
            "-n",
            "0",
            "tests/test_formatting.py",
        ],
        cwd=project,
        capture_output=True,
        text=True,
    )
    out = result.stdout + result.stderr
    assert result.returncode == 1
    assert out.count("data/2019/klagomal.csv, rad 2, kolumn »antal«") == 1, out
    assert "Testerna körs inte förrän felen ovan är rättade." in out
    assert "passed" not in out and "failed" not in out
    assert len(out.splitlines()) < 15


def test_each_mistake_in_a_long_paragraph_is_shown_where_it_is(broken_build, project):
    # A paragraph is one long line; the second mistake lies far beyond the first.
    filler = "Texten fortsätter med fler ord om verksamheten under året. " * 8
    text = f"Det var {{{{ forsta_felet }}}} i början. {filler}Och {{{{ andra_felet }}}} i slutet."
    result = broken_build(add_line(PAGE, text))
    assert result.returncode != 0
    line = line_of(project, PAGE, "forsta_felet")
    for name in ("forsta_felet", "andra_felet"):
        message = f"Fel på sidan {PAGE}, rad {line}: okänd variabel eller okänt makro »{name}«."
        at = result.output.index(message)
        quoted = result.output[at:].splitlines()[1]  # "    12 | …the line…"
        assert quoted.startswith(f"    {line} | ") and name in quoted, quoted
