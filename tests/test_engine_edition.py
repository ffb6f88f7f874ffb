"""The engine on a small edition made in the test: one CSV file and one YAML file, described
in their datapackage.yaml, with a table and a figure. Nothing here knows the 2019 report."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import build_edition_site

from kvalitet.model.edition import load_edition, load_previous
from kvalitet.model.missing import MISSING
from kvalitet.model.problems import DataError
from kvalitet.render.comparison import Comparisons
from kvalitet.render.figures import Figures
from kvalitet.render.views import ViewContext

NBSP = "\u00a0"

DESCRIPTOR = """\
name: prov-2030
title: Provrapport 2030
status: publicerad
contributors:
  - {title: Provenheten, organization: Provkommunen, roles: [publisher]}
resources:
  - name: besok
    path: besok.csv
    type: table
    title: Besök
    description: Besök per mottagning.
    section: "1"
    schema:
      fields:
        - {name: nyckel, title: Nyckel, type: string, constraints: {pattern: "^[a-z_]+$"}}
        - {name: mottagning, title: Mottagning, type: string}
        - {name: besok, title: Antal besök, type: integer, constraints: {minimum: 0}}
      primaryKey: [nyckel]
      derived:
        andel: andel(besok, 2000)
    derived:
      totalt: summa(rader, "besok")
  - name: fakta
    path: fakta.yaml
    format: yaml
    title: Fakta
    description: Några uppgifter.
    section: "1"
    schema:
      type: object
      properties:
        personal: {type: integer, minimum: 0, title: Anställda}
        budget: {type: integer, minimum: 0, unit: kr, title: Budget}
        nojda: {type: number, minimum: 0, maximum: 100, unit: procent, title: Andel nöjda}
      derived:
        per_anstalld: budget / personal
views:
  - name: besok
    title: Besök per mottagning {{ ar }}
    resources: [besok]
    spec:
      type: table
      footer: [Summa, "{{ besok.totalt }}"]
  - name: besok
    title: Besök {{ ar }}
    resources: [besok]
    spec:
      type: horizontal-bar
      group: mottagning
      series: [besok]
      alt: "Liggande stapeldiagram: besök {{ ar }}"
      description: Flest besök hade {{ storst }}.
checks:
  - resource: besok
    rule: besok.totalt <= fakta.personal * 100
    message: fler besök än personalen hinner med.
"""

CSV = "nyckel,mottagning,besok\nnorr,Norra mottagningen,1 200\nsyd,Södra mottagningen,800\n"
YAML = "# Uppgifter för 2030\npersonal: 40   # anställda\nbudget: 3 000 000\nnojda: 87,5\n"


def make_edition(folder: Path, descriptor: str = DESCRIPTOR, csv: str = CSV, yaml: str = YAML):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "datapackage.yaml").write_text(descriptor, encoding="utf-8")
    (folder / "besok.csv").write_text(csv, encoding="utf-8")
    (folder / "fakta.yaml").write_text(yaml, encoding="utf-8")


@pytest.fixture
def edition(tmp_path):
    make_edition(tmp_path / "2030")
    current = load_edition(tmp_path, 2030)
    return current, load_previous(tmp_path, current)


def test_values_and_derived_values_come_from_the_description(edition):
    current, _ = edition
    assert current.resolve("besok.norr.besok") == 1200  # "1 200" as typed
    assert current.resolve("besok.totalt") == 2000
    assert current.resolve("besok.syd.andel") == 40.0
    assert str(current.resolve("fakta.nojda")) == "87.5"  # "87,5" as typed
    assert current.resolve("fakta.per_anstalld") == 75000


def test_a_table_and_a_figure_are_built_from_the_views(edition):
    current, previous = edition
    context = ViewContext(current, previous, Comparisons(current, previous))
    spec = Figures(context).spec("besok")
    assert spec.caption == "Besök 2030"
    assert spec.description == "Flest besök hade Norra mottagningen (1\u00a0200)."
    assert spec.files == ["besok.csv"]
    assert [c.value for c in spec.table.groups[0].rows[1]] == ["Södra mottagningen", 800]


def test_a_broken_rule_names_the_file(tmp_path):
    make_edition(tmp_path / "2030", yaml=YAML.replace("personal: 40", "personal: 10"))
    with pytest.raises(DataError) as caught:
        load_edition(tmp_path, 2030)
    assert [str(p) for p in caught.value.problems] == [
        "data/2030/besok.csv: fler besök än personalen hinner med."
    ]


def test_a_derived_value_that_cannot_be_computed_names_its_declaration(tmp_path):
    broken = DESCRIPTOR.replace("budget / personal", "budget / antal_personal")
    make_edition(tmp_path / "2030", descriptor=broken)
    with pytest.raises(DataError) as caught:
        load_edition(tmp_path, 2030)
    (problem,) = caught.value.problems
    assert str(problem) == (
        "data/2030/datapackage.yaml, rad 36: det beräknade värdet »per_anstalld« kan inte "
        "räknas ut: uttrycket »budget / antal_personal« går inte att räkna ut: namnet "
        "»antal_personal« finns inte."
    )


def test_a_mistake_in_the_description_names_its_line(tmp_path):
    broken = DESCRIPTOR.replace("type: integer, constraints", "type: heltal, constraints")
    make_edition(tmp_path / "2030", descriptor=broken)
    with pytest.raises(DataError) as caught:
        load_edition(tmp_path, 2030)
    messages = [str(p) for p in caught.value.problems]
    assert len(messages) == 1 and messages[0].startswith("data/2030/datapackage.yaml, rad 17")
    assert "»heltal«" in messages[0]


def test_a_draft_keeps_empty_values_as_missing_and_lists_them(tmp_path):
    draft = DESCRIPTOR.replace("status: publicerad", "status: utkast")
    make_edition(tmp_path / "2030", descriptor=draft, yaml="personal:\nbudget: 100\nnojda:\n")
    current = load_edition(tmp_path, 2030)
    assert current.resolve("fakta.personal") is MISSING
    assert current.resolve("fakta.per_anstalld") is MISSING  # computed from a missing value
    assert [str(p) for p in current.missing] == [
        "data/2030/fakta.yaml, rad 1, nyckel »personal«: uppgift saknas",
        "data/2030/fakta.yaml, rad 3, nyckel »nojda«: uppgift saknas",
    ]


def test_the_small_edition_builds_as_a_site(tmp_path):
    project = tmp_path / "projekt"
    make_edition(project / "data/2030")
    (project / "docs/2030").mkdir(parents=True)
    (project / "docs/2030/index.md").write_text(
        "# Provrapport {{ ar }}\n\n"
        "Sammanlagt {{ besok.totalt | antal }} besök, {{ fakta.nojda | procent }} nöjda, "
        "en budget på {{ fakta.budget | kr }}.\n\n"
        '{{ tabell("besok") }}\n\n{{ figur("besok") }}\n',
        encoding="utf-8",
    )
    result = build_edition_site(project, tmp_path / "site", 2030)
    assert result.returncode == 0, result.output
    text = re.sub(r"[ \n]+", " ", result.page("2030/index.html").select_one("article").get_text())
    assert f"Sammanlagt 2{NBSP}000 besök, 87,5{NBSP}procent nöjda" in text
    assert f"3{NBSP}000{NBSP}000{NBSP}kr" in text
    caption = result.page("2030/index.html").select_one("#tabell-besok caption").get_text()
    assert caption == "Tabell 1. Besök per mottagning 2030"
    assert (result.site / "figurer/2030/besok.svg").is_file()
    described = json.loads((result.site / "data/2030/datapackage.json").read_text())
    assert [r["path"] for r in described["resources"]] == ["besok.csv", "fakta.json"]
    assert json.loads((result.site / "data/2030/fakta.json").read_text())["nojda"] == 87.5


def test_a_share_over_100_percent_stops_the_build(tmp_path):
    csv = CSV.replace("Södra mottagningen,800", "Södra mottagningen,2 500")
    make_edition(tmp_path / "2030", csv=csv, yaml=YAML.replace("personal: 40", "personal: 100"))
    with pytest.raises(DataError) as caught:
        load_edition(tmp_path, 2030)
    (problem,) = caught.value.problems
    assert str(problem) == (
        "data/2030/datapackage.yaml, rad 20: det beräknade värdet »andel« kan inte räknas ut: "
        "uttrycket »andel(besok, 2000)« går inte att räkna ut: andelen blir 125 procent: delen "
        "(2500) och helheten (2000) stämmer inte."
    )
