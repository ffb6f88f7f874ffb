"""What an editor does with CONTRIBUTING.md alone, each in a copy of the project and with no
change to any Python file: add a value to a YAML file and use it in a sentence; add a CSV
file, describe it and show it as a table and two figures; rename and drop a column for the
new year without touching the earlier year."""

from __future__ import annotations

import re

import pytest
from conftest import build, copy_project, start_edition

NBSP = "\u00a0"
PAGE = "docs/2019/underlag/utforare-och-anordnare.md"


def edit(project, path: str, old: str, new: str, count: int = 1) -> None:
    file = project / path
    text = file.read_text(encoding="utf-8")
    assert text.count(old) >= count, f"{old!r} not in {path}"
    file.write_text(text.replace(old, new), encoding="utf-8")


def append(project, path: str, text: str) -> None:
    file = project / path
    file.write_text(file.read_text(encoding="utf-8") + text, encoding="utf-8")


def text_of(result, path: str) -> str:
    return re.sub(r"[ \t\r\n]+", " ", result.page(path).select_one("article").get_text(" "))


def test_a_new_value_in_a_yaml_file_is_described_and_used_in_a_sentence(tmp_path):
    project = copy_project(tmp_path / "projekt")
    edit(
        project,
        "data/2019/insatsutbud.yaml",
        "  platser_ekliden: 14    # platser vid Eklidens skola\n",
        "  platser_ekliden: 14    # platser vid Eklidens skola\n"
        "  nya_platser: 3         # platser som tillkom under året\n",
    )
    # Without a description the build names the file, the line and where to describe it.
    result = build(project, tmp_path / "utan")
    assert result.returncode != 0
    assert (
        "data/2019/insatsutbud.yaml, rad 38, nyckel »korttidstillsyn.nya_platser«: okänd "
        "nyckel »nya_platser«. Förväntade: någon av platser_ekliden, eller en ny nyckel som "
        "också beskrivs i data/2019/datapackage.yaml."
    ) in result.output
    edit(
        project,
        "data/2019/datapackage.yaml",
        "        korttidstillsyn:\n          type: object\n",
        "        korttidstillsyn:\n          type: object\n",
    )
    descriptor = (project / "data/2019/datapackage.yaml").read_text(encoding="utf-8")
    block = re.search(r"( +)platser_ekliden:.*\n(?:\1 +.*\n)*", descriptor)
    indent = block.group(1)
    described = (
        f"{indent}nya_platser:\n{indent}  type: integer\n{indent}  minimum: 0\n"
        f"{indent}  title: Nya platser under året\n"
    )
    (project / "data/2019/datapackage.yaml").write_text(
        descriptor[: block.end()] + described + descriptor[block.end() :], encoding="utf-8"
    )
    append(
        project,
        PAGE,
        "\nUnder året tillkom {{ insatsutbud.korttidstillsyn.nya_platser | ord }} nya platser.\n",
    )
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    text = text_of(result, "2019/underlag/utforare-och-anordnare/index.html")
    assert "Under året tillkom tre nya platser." in text


NEW_RESOURCE = """
  - name: besok
    path: besok.csv
    type: table
    title: Besök per mottagning
    description: Besök per mottagning under året.
    section: "4.6"
    schema:
      fields:
        - name: mottagning
          title: Mottagning
          type: string
        - name: besok
          title: Antal besök
          type: integer
          constraints:
            minimum: 0
        - name: nojda
          title: Andel nöjda
          type: number
          unit: procent
          constraints:
            minimum: 0
            maximum: 100
    derived:
      totalt: summa(rader, "besok")
"""

NEW_VIEWS = """
  - name: besok
    title: Besök per mottagning {{ ar }}
    resources: [besok]
    spec:
      type: table
      footer: [Summa, "{{ besok.totalt }}", ""]

  - name: besok
    title: Besök per mottagning {{ ar }}
    resources: [besok]
    spec:
      type: horizontal-bar
      group: mottagning
      series: [besok]
      alt: "Liggande stapeldiagram: besök per mottagning {{ ar }}"

  - name: besok_nojda
    title: Andel nöjda besökare per mottagning {{ ar }}
    resources: [besok]
    spec:
      type: bar
      group: mottagning
      series: [nojda]
      alt: "Stapeldiagram: andel nöjda per mottagning {{ ar }}"
"""


@pytest.fixture(scope="module")
def new_file(tmp_path_factory):
    """A copy where an editor added besok.csv, described it and placed a table and figures."""
    work = tmp_path_factory.mktemp("ny-fil")
    project = copy_project(work / "projekt")
    (project / "data/2019/besok.csv").write_text(
        "mottagning;besok;nojda\nNacka beroendemottagning;1 200;81,5\nMiniMaria;800;90,0\n",
        encoding="utf-8",
    )
    edit(project, "data/2019/datapackage.yaml", "\nviews:\n", NEW_RESOURCE + "\nviews:\n")
    edit(project, "data/2019/datapackage.yaml", "\nviews:\n", "\nviews:\n" + NEW_VIEWS)
    append(
        project,
        PAGE,
        "\n## Besök\n\nMottagningarna hade sammanlagt {{ besok.totalt | antal }} besök.\n\n"
        '{{ tabell("besok") }}\n\n{{ figur("besok") }}\n\n{{ figur("besok_nojda") }}\n',
    )
    result = build(project, work / "site")
    assert result.returncode == 0, result.output
    return result


def test_a_new_csv_file_is_used_in_text(new_file):
    text = text_of(new_file, "2019/underlag/utforare-och-anordnare/index.html")
    assert f"Mottagningarna hade sammanlagt 2{NBSP}000 besök." in text


def test_a_new_csv_file_is_a_numbered_accessible_table(new_file):
    page = new_file.page("2019/underlag/utforare-och-anordnare/index.html")
    table = page.select_one("#tabell-besok table")
    caption = table.select_one("caption").get_text()
    assert re.fullmatch(r"Tabell \d+\. Besök per mottagning 2019", caption)
    assert [th.get_text() for th in table.select("thead th")] == [
        "Mottagning",
        "Antal besök",
        "Andel nöjda",
    ]
    rows = [[c.get_text() for c in tr.select("th, td")] for tr in table.select("tbody tr")]
    assert rows == [
        ["Nacka beroendemottagning", f"1{NBSP}200", f"81,5{NBSP}%"],
        ["MiniMaria", "800", f"90,0{NBSP}%"],
    ]
    assert table.select_one("tbody th")["scope"] == "row"
    assert [c.get_text() for c in table.select("tfoot td, tfoot th")][:2] == [
        "Summa",
        f"2{NBSP}000",
    ]
    source = page.select_one("#tabell-besok .kb-tabell__kalla").get_text(" ")
    assert "besok.csv" in source


def test_a_new_csv_file_is_drawn_as_figures_with_data_and_downloads(new_file):
    page = new_file.page("2019/underlag/utforare-och-anordnare/index.html")
    for name in ["besok", "besok-nojda"]:
        figure = page.select_one(f"#figur-{name}")
        image = figure.select_one("img")
        assert image["alt"].endswith("mottagning 2019")
        svg = new_file.site / "2019/underlag/utforare-och-anordnare" / image["src"]
        assert svg.resolve().is_file() and svg.resolve().read_bytes().startswith(b"<?xml")
        assert figure.select_one(".kb-figur__beskrivning").get_text().startswith("Störst:")
        assert figure.select_one("details table") is not None
    besok = (new_file.site / "data/2019/besok.csv").read_text(encoding="utf-8")
    assert besok.splitlines()[1] == "Nacka beroendemottagning,1200,81.5"
    assert (new_file.site / "data/2019/besok.xlsx").is_file()
    catalog = new_file.page("2019/datafiler/index.html")
    assert "besok" in [h.get_text(strip=True).rstrip("¶") for h in catalog.select("h2")]


def test_a_column_is_renamed_and_another_dropped_for_the_new_year_only(tmp_path):
    project = copy_project(tmp_path / "projekt")
    start_edition(project, 2020)
    # Rename lss_beslut's column "beslut" to "antal_beslut" in 2020: file, description, text.
    edit(project, "data/2020/lss_beslut.csv", "nyckel,insats,beslut", "nyckel,insats,antal_beslut")
    descriptor = project / "data/2020/datapackage.yaml"
    text = descriptor.read_text(encoding="utf-8")
    text = text.replace(
        "        - name: beslut\n",
        "        - name: antal_beslut\n          previousName: beslut\n",
        1,
    )
    text = text.replace("series: [beslut]", "series: [antal_beslut]")
    # Drop lex_sarah's column "utforare" in 2020.
    text = re.sub(r"        - name: utforare\n(?:          .*\n)+", "", text, count=1)
    text = text.replace(
        'footer: [Summa, "", "{{ lex_sarah.totalt }}"]', 'footer: [Summa, "{{ lex_sarah.totalt }}"]'
    )
    descriptor.write_text(text, encoding="utf-8")
    lex = project / "data/2020/lex_sarah.csv"
    rows = [line.rsplit(",", 2) for line in lex.read_text(encoding="utf-8").splitlines()]
    lex.write_text("".join(f"{r[0]},{r[2]}\n" for r in rows), encoding="utf-8")
    for page in (project / "docs/2020").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        page.write_text(re.sub(r"(lss_beslut\.\w+)\.beslut\b", r"\1.antal_beslut", text))
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    new = result.page("2020/underlag/uppfoljning-och-granskning/index.html")
    assert [th.get_text() for th in new.select("#tabell-lex-sarah thead th")] == [
        "Verksamhet",
        "Antal rapporter",
    ]
    old = result.page("2019/underlag/uppfoljning-och-granskning/index.html")
    assert [th.get_text() for th in old.select("#tabell-lex-sarah thead th")] == [
        "Verksamhet",
        "Utförare",
        "Antal rapporter",
    ]
    assert "lss_beslut.daglig_verksamhet.beslut" in (
        project / "docs/2019/underlag/malgruppsbeskrivning.md"
    ).read_text(encoding="utf-8")
    text_2019 = text_of(result, "2019/underlag/malgruppsbeskrivning/index.html")
    assert "daglig verksamhet (249 beslut)" in text_2019
