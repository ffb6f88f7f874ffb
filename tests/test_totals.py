"""A total stated in the data must add up to its parts (``sumOf`` in datapackage.yaml).

Each test breaks a copy of the 2019 data and loads it as the build does; the message must
name the file, the line of the total, its key or column, what the parts add up to and what
was stated. A total that does not add up in the source itself is recorded in the
description (``sourceDiscrepancy``) and shown as stated.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT, edition_2019

from kvalitet.model.edition import load_edition
from kvalitet.model.problems import DataError

KNOWN = "              sourceDiscrepancy: {total: 18, parts: 17}\n"


@pytest.fixture
def data(tmp_path) -> Path:
    """A copy of data/ to break; `edit(file, old, new)` changes one of its 2019 files."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path / "data"


def edit(data: Path, file: str, old: str, new: str) -> None:
    path = data / "2019" / file
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems(data: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_edition(data, 2019)
    return [str(problem) for problem in caught.value.problems]


def test_the_2019_data_adds_up_and_declares_its_total():
    edition = edition_2019()  # loads: every declared total adds up, or is a known discrepancy
    lss = edition.descriptor.resource("insatsutbud").schema_.properties["lss"]
    declared = lss.properties["grupp_och_servicebostader"]
    assert declared.sumOf == ["bostader_privata", "bostader_kommunala"]
    assert (declared.sourceDiscrepancy.total, declared.sourceDiscrepancy.parts) == (18, 17)
    # faithful to the PDF version: the numbers are shown as stated, not corrected
    assert edition.resolve("insatsutbud.lss.grupp_och_servicebostader") == 18
    assert edition.resolve("insatsutbud.lss.bostader_drivna") == 17


def test_a_part_that_no_longer_adds_up_names_the_total_and_both_sums(data):
    edit(data, "insatsutbud.yaml", "bostader_kommunala: 6", "bostader_kommunala: 5")
    assert problems(data) == [
        "data/2019/insatsutbud.yaml, rad 21, nyckel »lss.grupp_och_servicebostader«: summan "
        "stämmer inte med delarna: bostader_privata (11) och bostader_kommunala (5) blir "
        "tillsammans 16, men summan är 18. Enligt data/2019/datapackage.yaml går summan inte "
        "ihop i källan heller, men där är summan 18 och delarna tillsammans 17. "
        "Förväntade: summan 18 och delarna 17, som i källan."
    ]


def test_a_total_that_does_not_add_up_stops_the_build(data):
    edit(data, "datapackage.yaml", KNOWN, "")
    assert problems(data) == [
        "data/2019/insatsutbud.yaml, rad 21, nyckel »lss.grupp_och_servicebostader«: summan "
        "stämmer inte med delarna: bostader_privata (11) och bostader_kommunala (6) blir "
        "tillsammans 17, men summan är 18. Förväntade: 17, eller att den del som är fel "
        "rättas; går summan inte ihop redan i källan, ange det med sourceDiscrepancy i "
        "data/2019/datapackage.yaml."
    ]


def test_a_known_discrepancy_that_is_gone_must_be_removed(data):
    edit(data, "insatsutbud.yaml", "bostader_kommunala: 6", "bostader_kommunala: 7")
    line = (data / "2019/datapackage.yaml").read_text().splitlines().index(KNOWN.rstrip()) + 1
    assert problems(data) == [
        f"data/2019/datapackage.yaml, rad {line}: nyckeln »lss.grupp_och_servicebostader« i "
        "insatsutbud.yaml går nu ihop med sina delar (18), så skillnaden i källan "
        "(sourceDiscrepancy) behöver inte anges längre. Förväntade: att sourceDiscrepancy "
        "tas bort."
    ]


def test_a_misspelt_part_names_the_line_of_the_declaration(data):
    edit(data, "datapackage.yaml", "sumOf: [bostader_privata,", "sumOf: [bostader_privat,")
    text = (data / "2019/datapackage.yaml").read_text().splitlines()
    line = next(n for n, t in enumerate(text, 1) if "sumOf: [bostader_privat," in t)
    assert problems(data) == [
        f"data/2019/datapackage.yaml, rad {line}: nyckeln »lss.grupp_och_servicebostader« i "
        "insatsutbud.yaml ska vara en summa (sumOf) men kan inte kontrolleras: delen "
        "»bostader_privat« finns inte bredvid summan. Menade du »bostader_privata«?"
    ]


def test_a_stated_total_of_a_csv_column(data):
    """A total stated in a YAML file, of a column over the rows of a CSV file."""
    edit(
        data,
        "datapackage.yaml",
        "        granskningar_behovsanalys:\n",
        "        klagomal_summa:\n"
        "          type: integer\n"
        "          title: Klagomål enligt Tabell 1\n"
        "          sumOf: [klagomal.antal]\n"
        "        granskningar_behovsanalys:\n",
    )
    edit(
        data,
        "uppfoljning_utforare.yaml",
        "granskningar_behovsanalys:",
        "klagomal_summa: 55\ngranskningar_behovsanalys:",
    )
    load_edition(data, 2019)  # 14 + 12 + 8 + 11 + 3 + 3 + 4 = 55
    edit(data, "klagomal.csv", "Beroende,14", "Beroende,15")
    assert problems(data) == [
        "data/2019/uppfoljning_utforare.yaml, rad 6, nyckel »klagomal_summa«: summan stämmer "
        "inte med delarna: kolumnen »antal« i klagomal.csv blir tillsammans 56, men summan är "
        "55. Förväntade: 56, eller att den del som är fel rättas; går summan inte ihop redan i "
        "källan, ange det med sourceDiscrepancy i data/2019/datapackage.yaml."
    ]


def test_a_total_column_of_each_row(data):
    edit(
        data,
        "datapackage.yaml",
        "      primaryKey: [nyckel]\n      derived:   # per rad\n",
        "        - name: alla\n"
        "          title: Alla kunder\n"
        "          type: integer\n"
        "          sumOf: [kvinnor, man]\n"
        "      primaryKey: [nyckel]\n      derived:   # per rad\n",
    )
    (data / "2019/mottagningar.csv").write_text(
        "nyckel,mottagning,kvinnor,man,alla\n"
        "beroendemottagningen,Nacka beroendemottagning,137,196,333\n"
        "minimaria,MiniMaria,73,164,238\n",
        encoding="utf-8",
    )
    assert problems(data) == [
        "data/2019/mottagningar.csv, rad 3, kolumn »alla«: summan stämmer inte med delarna: "
        "kvinnor (73) och man (164) blir tillsammans 237, men summan är 238. Förväntade: 237, "
        "eller att den del som är fel rättas; går summan inte ihop redan i källan, ange det "
        "med sourceDiscrepancy i data/2019/datapackage.yaml."
    ]


def test_a_draft_is_checked_once_its_values_are_filled_in(data):
    edit(data, "datapackage.yaml", "status: publicerad", "status: utkast")
    # in a draft an empty cell is a missing value, not 0: write the zeros out
    edit(data, "kundenkat.csv", "36.4,,,4.5", "36.4,0,0,4.5")
    edit(data, "kundenkat.csv", "9.1,9.1,\n", "9.1,9.1,0\n")
    edit(data, "insatsutbud.yaml", "bostader_kommunala: 6", "bostader_kommunala: 5")
    edit(data, "kompetens.yaml", "forenkla_dagar: 3", "forenkla_dagar:")
    draft = load_edition(data, 2019)  # a value is missing: totals are not checked yet
    assert [str(p) for p in draft.missing] == [
        "data/2019/kompetens.yaml, rad 5, nyckel »forenkla_dagar«: uppgift saknas"
    ]
    edit(data, "kompetens.yaml", "forenkla_dagar:", "forenkla_dagar: 3")
    assert [p.split(":")[0] for p in problems(data)] == [
        "data/2019/insatsutbud.yaml, rad 21, nyckel »lss.grupp_och_servicebostader«"
    ]


def test_a_new_edition_does_not_inherit_last_years_discrepancy():
    from kvalitet.tools.new_edition import _descriptor

    text = (ROOT / "data/2019/datapackage.yaml").read_text(encoding="utf-8")
    assert "sourceDiscrepancy" in text and "blir 17" in text
    new = _descriptor(text, 2019, 2020)
    assert "sourceDiscrepancy" not in new and "blir 17" not in new
    assert "sumOf: [bostader_privata, bostader_kommunala]" in new  # the rule stays
    assert len(new.splitlines()) == len(text.splitlines()) - 4
