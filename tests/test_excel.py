"""The downloads a Swedish Excel user opens: Swedish titles with units, numbers with
formats, the source and a sheet »Om datan«; labelled so a reader knows which to pick."""

from __future__ import annotations

import csv
import io
import re
import zipfile

import openpyxl
import pytest

DATA = "data/2019"
NBSP = "\u00a0"


def book(site, name: str):
    return openpyxl.load_workbook(site.site / DATA / f"{name}.xlsx")


def rows_from(sheet, first: int) -> list[list]:
    return [list(row) for row in sheet.iter_rows(min_row=first)]


def about(workbook) -> dict[str, str]:
    """The description at the top of »Om datan«: {label: text}."""
    found = {}
    for label, text, *_ in workbook["Om datan"].iter_rows(min_row=2, values_only=True):
        if label is None:
            break
        found[label] = text
    return found


def columns(workbook) -> dict[str, tuple]:
    """The list of columns on »Om datan«: {shown title: (key, unit, holds)}."""
    rows = list(workbook["Om datan"].iter_rows(values_only=True))
    start = next(i for i, row in enumerate(rows) if row[1] == "Nyckel i CSV-filen")
    return {row[0]: tuple(row[1:4]) for row in rows[start + 1 :]}


def test_a_table_has_swedish_titles_with_units_numbers_with_formats_and_its_source(site):
    workbook = book(site, "kundenkat")
    data = workbook["Data"]
    assert data["A1"].value == "Kundenkätens svar per målgrupp"
    assert data["A2"].value == (
        "Källa: Kvalitetsberättelse 2019, Omsorgsenheten, Nacka kommun, avsnitt 4.3 Kundenkäter."
    )
    header = [cell.value for cell in data[4]]
    assert header[:4] == ["Nyckel", "Målgrupp", "Antal svarande", "Mycket nöjd (procent)"]
    assert "mycket_nojd" not in header
    row = next(r for r in rows_from(data, 5) if r[0].value == "social_problematik")
    answered, very = row[2], row[3]
    assert (answered.value, answered.data_type, answered.number_format) == (22, "n", "#,##0")
    # 59,1 procent: a number Excel shows as 59,1 % (a share of one, formatted as per cent)
    assert (very.value, very.data_type, very.number_format) == (0.591, "n", "0.0%")
    assert data.freeze_panes == "A5"


def test_om_datan_describes_the_data_and_keeps_the_keys(site):
    workbook = book(site, "kundenkat")
    described = about(workbook)
    assert described["Titel"] == "Kundenkätens svar per målgrupp"
    assert described["Avsnitt i rapporten"] == "Avsnitt 4.3 Kundenkäter"
    assert "2019/underlag/kundenkater/" in described["Sida på webbplatsen"]
    assert "datapackage.json" in described["För maskinläsning"]
    assert "Regeln för små tal" not in described  # off for 2019
    assert columns(workbook)["Mycket nöjd (procent)"] == (
        "mycket_nojd",
        "procent",
        "andel i procent (0–100)",
    )


def test_kronor_have_a_kronor_format_and_a_yaml_file_is_one_value_per_row(site):
    data = book(site, "betalningsansvar")["Data"]
    assert [c.value for c in data[4]] == ["Uppgift", "Värde", "Enhet"]
    cost = next(r for r in rows_from(data, 5) if r[0].value == "Vårddygnskostnad")
    assert (cost[1].value, cost[1].number_format, cost[2].value) == (7800, '#,##0 "kr"', "kr")
    people = book(site, "malgrupper")
    first = [c.value for c in people["Data"][5]]
    assert first == ["Hela omsorgsenheten: Personer aktuella under året", 1600, "antal"]
    assert columns(people)["Hela omsorgsenheten: Personer aktuella under året"][0] == (
        "enheten.personer"
    )


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_the_corrections_show_the_value_and_what_it_is_not_its_key(site, suffix):
    path = site.site / DATA / f"rattelser.{suffix}"
    if suffix == "csv":
        text = path.read_text("utf-8")
        cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    else:
        cells = [
            cell
            for row in openpyxl.load_workbook(path)["Data"].iter_rows(values_only=True)
            for cell in row
        ]
    assert "mottagningar.minimaria.andel_man" not in cells
    assert "Kunder per mottagning och kön: MiniMaria, andel män" in cells
    assert ("69" if suffix == "csv" else 0.69) in cells  # 69 procent, as the page shows


def test_each_download_says_what_it_is_for(site):
    page = site.page("2019/datafiler/index.html")
    offered = [li.get_text().replace(NBSP, " ") for li in page.select(".kb-data__filer li")]
    assert any(
        re.fullmatch(r"klagomal\.xlsx – Excel \(för kalkylprogram\), \d+ kB", t) for t in offered
    )
    machine = r"klagomal\.csv – CSV \(för maskinläsning, UTF-8, kommatecken\), \d+ kB"
    assert any(re.fullmatch(machine, t) for t in offered), offered
    everything = page.select_one('a[href$="kvalitetsberattelse-2019-data.zip"]')
    assert re.search(r"ZIP \(allt\), \d+ kB", everything.parent.get_text().replace(NBSP, " "))
    sources = site.page("2019/underlag/uppfoljning-och-granskning/index.html").select(
        ".kb-tabell__kalla"
    )
    assert any(
        "Data: klagomal.xlsx (Excel, för kalkylprogram) och klagomal.csv (CSV, för "
        "maskinläsning)." in source.get_text()
        for source in sources
    )


def test_the_readme_explains_which_file_is_for_what(site):
    with zipfile.ZipFile(site.site / DATA / "kvalitetsberattelse-2019-data.zip") as archive:
        readme = archive.read("LASMIG.txt").decode("utf-8")
    assert "Excel-fil (.xlsx), för kalkylprogram" in readme
    assert "CSV-fil (.csv), för maskinläsning: UTF-8 utan BOM, kommatecken" in readme
    assert "datapackage.json beskriver filerna" in readme
