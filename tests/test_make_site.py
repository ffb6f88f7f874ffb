"""`make site` replaces site/ only after a successful build."""

from __future__ import annotations

import shutil
import subprocess

from conftest import MAKE, ROOT

from kvalitet.tools.pr_summary import build_section


def make_site(project) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*MAKE, "-C", str(project), "site"],
        capture_output=True,
        text=True,
    )


def test_a_failed_build_leaves_the_previous_site_untouched(project):
    for name in ["Makefile", "requirements.lock", "pyproject.toml"]:
        shutil.copy2(ROOT / name, project / name)
    (project / "site").mkdir()
    (project / "site/index.html").write_text("förra versionen")
    klagomal = project / "data/2019/klagomal.csv"
    good = klagomal.read_text()
    klagomal.write_text(good.replace("Beroende,14", "Beroende,fjorton"))

    failed = make_site(project)
    assert failed.returncode != 0
    output = failed.stdout + failed.stderr
    assert "rad 2, kolumn »antal«" in output
    assert output.count("Inget publicerades: rätta felen ovan och bygg igen.") == 1
    assert "Aborted with a BuildError!" not in output
    assert (project / "site/index.html").read_text() == "förra versionen"
    assert not (project / ".site-new").exists()

    klagomal.write_text(good)
    succeeded = make_site(project)
    assert succeeded.returncode == 0, succeeded.stdout + succeeded.stderr
    assert "Kvalitetsberättelse 2019" in (project / "site/index.html").read_text()
    # The editors' summary of each run (kvalitet/tools/pr_summary.py), from the same logs.
    assert build_section(output)[0].startswith("**Bygget stoppades**")
    assert build_section(succeeded.stdout + succeeded.stderr) == [
        "Bygget blev klart utan fel och utan varningar.",
        "",
        "PDF-versionerna skapades.",
    ]


def test_a_warning_fails_make_site_as_it_fails_ci(project):
    """`--quiet` would hide MkDocs' warnings from `--strict`; make site must not."""
    for name in ["Makefile", "requirements.lock", "pyproject.toml"]:
        shutil.copy2(ROOT / name, project / name)
    # The plugin names most mistakes itself; this one only MkDocs warns about, when asked to.
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace(
        "validation:\n", "validation:\n  nav:\n    absolute_links: warn\n", 1
    )
    config.write_text(text.replace("nav:\n  - ", "nav:\n  - Extern: /annan-webbplats/\n  - ", 1))
    failed = make_site(project)
    assert failed.returncode != 0
    output = failed.stdout + failed.stderr
    assert "Varning: An absolute path to '/annan-webbplats/' is included in the 'nav'" in output
    assert build_section(output) == [  # the editors' summary says the same
        "**Bygget stoppades**, så inget publicerades och ingen PDF skapades. Rätta felen och "
        "bygg igen.",
        "",
        "Bygget gav 1 varning(ar), och varningar stoppar bygget.",
        "",
        "- `Varning: An absolute path to '/annan-webbplats/' is included in the 'nav' "
        "configuration, which presumably points to an external resource.`",
    ]
    assert "Bygget gav 1 varning(ar), och varningar stoppar bygget." in output
    assert "Inget publicerades: rätta felen ovan och bygg igen." in output
    assert "WARNING" not in output and "ERROR" not in output
    assert not (project / "site").exists() and not (project / ".site-new").exists()


def test_a_page_left_out_of_the_menu_or_linked_from_the_root_is_named_in_swedish(project):
    for name in ["Makefile", "requirements.lock", "pyproject.toml"]:
        shutil.copy2(ROOT / name, project / name)
    (project / "docs/2019/utkast-till-sida.md").write_text("# En sida som inte står i menyn\n")
    failed = make_site(project)
    output = failed.stdout + failed.stderr
    assert failed.returncode != 0
    assert (
        "docs/2019/utkast-till-sida.md: sidan finns inte i menyn (nav i mkdocs.yml), så ingen "
        "kan hitta den." in output
    )
    (project / "docs/2019/utkast-till-sida.md").unlink()
    with (project / "docs/2019/index.md").open("a", encoding="utf-8") as page:
        page.write("\nSe [syftet](/2019/syfte/).\n")
    failed = make_site(project)
    output = failed.stdout + failed.stderr
    assert failed.returncode != 0
    assert (
        "länken »/2019/syfte/« börjar med /, så den leder fel när webbplatsen ligger i en "
        "undermapp (som på GitHub Pages och intranätet). Skriv sökvägen till sidfilen i "
        "stället: »syfte.md«." in output
    )
    assert "absolute link" not in output and "Varning" not in output


def test_without_a_browser_the_site_builds_without_pdf_but_is_never_published(project, tmp_path):
    import os
    import sys

    env = {k: v for k, v in os.environ.items() if k not in {"CHROMIUM", "KVALITET_PDF"}}
    env |= {"PATH": str(tmp_path / "ingen-webblasare"), "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir"]
    built = subprocess.run(
        [*command, str(tmp_path / "site")], cwd=project, capture_output=True, text=True, env=env
    )
    assert built.returncode == 0, built.stdout + built.stderr
    assert "OBS: PDF-versionerna skapades inte. Ingen Chromium hittades." in built.stderr
    assert (tmp_path / "site/2019/index.html").is_file()
    assert not (tmp_path / "site/kvalitetsberattelse-2019.pdf").exists()

    published = subprocess.run(
        [*command, str(tmp_path / "publicerad")],
        cwd=project,
        capture_output=True,
        text=True,
        env={**env, "KVALITET_PUBLICERA": "ja"},
    )
    assert published.returncode != 0
    assert "PDF-versionen kunde inte skapas, så inget publicerades." in published.stderr
