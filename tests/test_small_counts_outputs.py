"""The small-count rule in every output: a hidden count, the count hidden to protect it and
the values computed from them appear in no file of the built site (pages, search index,
CSV, Excel, ZIP, JSON, SVG), while the other values do.

The edition is made in the test. Its hidden values are chosen so that the numbers that
would give them away are distinctive: the hidden count is 3, the count hidden with it
4 711 (the smallest other one: the total is shown), a value computed from the hidden
count 3 003, and the shares of a hidden count 37,5 and 62,5 per cent.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from conftest import build_edition_site

from kvalitet.model.edition import load_edition, load_previous
from kvalitet.model.problems import EditorError
from kvalitet.model.small_counts import AlsoHidden, Hidden, SmallCount
from kvalitet.render.comparison import Comparisons
from kvalitet.render.figures import Figures
from kvalitet.render.views import ViewContext

NBSP = "\u00a0"

DESCRIPTOR = """\
name: prov-{year}
title: Provrapport {year}
status: publicerad
contributors:
  - {{title: Provenheten, organization: Provkommunen, roles: [publisher]}}
resources:
  - name: besok
    path: besok.csv
    type: table
    title: Besök
    description: Besök per mottagning.
    section: "1"
    smallCounts: true
    schema:
      fields:
        - {{name: nyckel, title: Nyckel, type: string, constraints: {{pattern: "^[a-z_]+$"}}}}
        - {{name: mottagning, title: Mottagning, type: string}}
        - {{name: besok, title: Antal besök, type: integer, constraints: {{minimum: 0}}}}
      primaryKey: [nyckel]
      derived:
        tusental: besok * 1001
    derived:
      totalt: summa(rader, "besok")
  - name: fakta
    path: fakta.yaml
    format: yaml
    title: Fakta
    description: Kunder efter kön.
    section: "1"
    smallCounts: true
    schema:
      type: object
      properties:
        kvinnor: {{type: integer, minimum: 0, title: Kvinnor}}
        man: {{type: integer, minimum: 0, title: Män}}
      derived:
        kunder: kvinnor + man
        andel_kvinnor: andel(kvinnor, kunder)
        andel_man: andel(man, kunder)
views:
  - name: besok
    title: Besök per mottagning {{{{ ar }}}}
    resources: [besok]
    spec:
      type: table
      footer: [Summa, "{{{{ besok.totalt }}}}"]
  - name: besok
    title: Besök {{{{ ar }}}}
    resources: [besok]
    spec:
      type: horizontal-bar
      group: mottagning
      series: [besok]
      alt: "Liggande stapeldiagram: besök {{{{ ar }}}}"
checks:
  - resource: fakta
    rule: fakta.kunder == fakta.kvinnor + fakta.man
    message: kunderna stämmer inte.
"""

CSV = (
    "nyckel,mottagning,besok\n"
    "norr,Norra mottagningen,9876\n"
    "syd,Södra mottagningen,3\n"
    "ost,Östra mottagningen,4711\n"
    "vast,Västra mottagningen,6543\n"
)
YAML = "kvinnor: 3\nman: 5\n"

PAGE = """\
# Provrapport {{ ar }}

Sammanlagt {{ besok.totalt | antal }} besök. Södra: {{ besok.syd.besok | antal }},
Östra: {{ besok.ost.besok | antal }}, i tusental {{ besok.syd.tusental | antal }}.
Kunder: {{ fakta.kunder | antal }}, varav {{ fakta.man | antal }} män och
{{ fakta.kvinnor | antal }} kvinnor, {{ fakta.andel_kvinnor | procent(1) }} kvinnor
och {{ fakta.andel_man | procent(1) }} män.

{{ tabell("besok") }}

{{ figur("besok") }}
"""

# The values that must appear nowhere, each with the forms it could take in a file.
FORBIDDEN = {
    "the count hidden with the small one": r"(?<![\d.,])4[ \u00a0\u202f]?711(?![\d])",
    "a value computed from the hidden count": r"(?<![\d.,])3[ \u00a0\u202f]?003(?![\d])",
    "the share of the hidden count": r"(?<![\d])37[.,]5",
    "the share of the other count": r"(?<![\d])62[.,]5",
}
# SVG path data is full of decimal coordinates (the labels are drawn as paths), so the
# shares are looked for in its text only; the bars themselves are checked on the drawing.
DECIMAL_SAFE = {"the share of the hidden count", "the share of the other count"}


def make_edition(folder: Path, year: int = 2030, csv_text: str = CSV, yaml: str = YAML):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "datapackage.yaml").write_text(DESCRIPTOR.format(year=year), encoding="utf-8")
    (folder / "besok.csv").write_text(csv_text, encoding="utf-8")
    (folder / "fakta.yaml").write_text(yaml, encoding="utf-8")


def xlsx_text(data: bytes) -> str:
    """Every cell of a workbook, read from its sheet XML (shared strings resolved)."""
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        shared = []
        if "xl/sharedStrings.xml" in book.namelist():
            root = ElementTree.fromstring(book.read("xl/sharedStrings.xml"))
            shared = ["".join(t.itertext()) for t in root.findall("m:si", ns)]
        cells = []
        for name in book.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                for c in ElementTree.fromstring(book.read(name)).iter(f"{{{ns['m']}}}c"):
                    value = c.find("m:v", ns)
                    inline = c.find("m:is", ns)
                    if c.get("t") == "s" and value is not None:
                        cells.append(shared[int(value.text)])
                    elif inline is not None:
                        cells.append("".join(inline.itertext()))
                    elif value is not None:
                        cells.append(value.text)
        return "\n".join(cells)


def texts(name: str, data: bytes):
    """(name, text) of a file and of every file inside it."""
    if name.endswith(".xlsx"):
        yield name, xlsx_text(data)
    elif name.endswith(".zip"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for inner in archive.namelist():
                yield from texts(f"{name}/{inner}", archive.read(inner))
    else:
        yield name, data.decode("utf-8", "replace")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("sma-tal")
    project = tmp_path / "projekt"
    make_edition(project / "data/2030")
    (project / "docs/2030").mkdir(parents=True)
    (project / "docs/2030/index.md").write_text(PAGE, encoding="utf-8")
    result = build_edition_site(project, tmp_path / "site", 2030)
    assert result.returncode == 0, result.output
    return result


def test_no_output_file_contains_a_hidden_value(site):
    files = [p for p in site.site.rglob("*") if p.is_file()]
    kinds = {p.suffix for p in files}
    assert {".html", ".csv", ".xlsx", ".zip", ".json", ".svg"} <= kinds
    searched = 0
    for path in files:
        for name, text in texts(path.relative_to(site.site).as_posix(), path.read_bytes()):
            searched += 1
            if name.endswith(".svg"):
                text = " ".join(re.findall(r">([^<]+)<", text))  # its text, not its paths
            for what, pattern in FORBIDDEN.items():
                if what in DECIMAL_SAFE and name.endswith((".svg", ".woff2", ".png")):
                    continue
                found = re.search(pattern, text)
                assert found is None, (
                    f"{what} in {name}: …{text[found.start() - 60 : found.end() + 60]}…"
                )
    assert searched > len(files)  # the ZIP and the workbooks were opened


def test_the_page_shows_the_rule_and_the_visible_values(site):
    text = re.sub(r"[ \n]+", " ", site.page("2030/index.html").select_one("article").get_text())
    assert f"Sammanlagt 21{NBSP}133 besök" in text  # two values hidden: the total is safe
    assert "Södra: färre än 5, Östra: dold, i tusental dold" in text
    assert "Kunder: dold, varav 5 män och färre än 5 kvinnor, dold kvinnor och dold män" in text
    cells = [td.get_text() for td in site.page("2030/index.html").select("#tabell-besok td")]
    assert cells == [f"9{NBSP}876", "färre än 5", "dold", f"6{NBSP}543", f"21{NBSP}133"]
    assert not re.search(r">\s*3\s*<", site.page("2030/index.html").decode())
    figure = site.page("2030/index.html").select_one("#figur-besok")
    assert figure.select_one(".kb-figur__beskrivning").get_text() == (
        f"Störst: Norra mottagningen (9{NBSP}876). Minst av de värden som visas: Västra "
        f"mottagningen (6{NBSP}543). Visas inte: Södra mottagningen (färre än 5) och Östra "
        "mottagningen (dold)."
    )
    assert "färre än 5" in figure.select_one("details").get_text()
    assert figure.select_one(".kb-tabell__not") is not None  # the footnote says why


def test_the_downloads_mark_hidden_values_and_describe_them(site):
    data = site.site / "data/2030"
    rows = list(csv.DictReader(io.StringIO((data / "besok.csv").read_text("utf-8"))))
    assert [r["besok"] for r in rows] == ["9876", "färre än 5", "dold", "6543"]
    assert "färre än 5" in xlsx_text((data / "besok.xlsx").read_bytes())
    assert "9876" in xlsx_text((data / "besok.xlsx").read_bytes())
    assert json.loads((data / "fakta.json").read_text("utf-8")) == {"kvinnor": None, "man": 5}
    package = json.loads((data / "datapackage.json").read_text("utf-8"))
    besok = package["resources"][0]
    assert besok["schema"]["missingValues"] == ["", "färre än 5", "dold"]
    assert "Regeln för små tal gäller" in besok["description"]
    fakta = package["resources"][1]["schema"]["properties"]
    assert fakta["kvinnor"]["type"] == ["integer", "null"]
    with zipfile.ZipFile(data / "kvalitetsberattelse-2030-data.zip") as archive:
        readme = archive.read("LASMIG.txt").decode("utf-8")
    assert "Regeln gäller för: besok, fakta." in readme


@pytest.fixture
def edition(tmp_path):
    make_edition(tmp_path / "2029", 2029, CSV.replace("9876", "9000"), "kvinnor: 8\nman: 2\n")
    make_edition(tmp_path / "2030")
    current = load_edition(tmp_path, 2030)
    return current, load_previous(tmp_path, current)


def test_hidden_values_are_typed_and_checks_still_see_them(edition):
    current, _ = edition
    assert isinstance(current.resolve("besok.syd.besok"), SmallCount)
    assert isinstance(current.resolve("besok.ost.besok"), AlsoHidden)
    share = current.resolve("fakta.andel_kvinnor")
    assert isinstance(share, Hidden) and share == 37.5  # the check rules compare real values
    assert current.resolve("besok.totalt") == 21133 and type(current.resolve("besok.totalt")) is int


def test_a_change_cannot_reveal_a_hidden_value(edition):
    current, previous = edition
    comparisons = Comparisons(current, previous)
    for path in ["besok.syd.besok", "besok.ost.besok", "fakta.kunder", "fakta.man"]:
        with pytest.raises(EditorError, match="regeln för små tal"):
            comparisons.andring(path)  # fakta.man: last year's 2 is hidden
    assert comparisons.andring("besok.totalt") == 876


def test_the_figure_draws_no_bar_for_a_hidden_value(edition):
    current, previous = edition
    context = ViewContext(current, previous, Comparisons(current, previous))
    figure = Figures(context).spec("besok").draw()
    widths = sorted(round(bar.get_width()) for bar in figure.axes[0].patches)
    assert widths == [0, 0, 6543, 9876]
    labels = [t.get_text() for t in figure.axes[0].texts]
    assert "färre än 5" in labels and "dold" in labels
