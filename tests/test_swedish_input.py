"""Numbers typed the Swedish way are read as meant, or refused with a clear message.

Editors type `59,1`, `1 600`, `59,1 %` and `3 638 kr`, and Excel saves CSV with semicolons.
Each test writes one small data file and loads it with the real 2019 description.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from conftest import edition_2019

from kvalitet.model.problems import DataError

ROOT = Path(__file__).resolve().parent.parent
EDITION = edition_2019()
NBSP, NNBSP = "\u00a0", "\u202f"

KUNDENKAT = "nyckel,grupp,svarande,mycket_nojd,ganska_nojd,ganska_missnojd,mycket_missnojd,vet_ej\n"


def load(tmp_path: Path, name: str, content: str):
    dataset = EDITION.dataset(name)
    (tmp_path / dataset.filename).write_text(content, encoding="utf-8", newline="")
    return dataset.load(tmp_path, "data/2019")


def problems(tmp_path: Path, name: str, content: str) -> list[str]:
    with pytest.raises(DataError) as caught:
        load(tmp_path, name, content)
    return [str(problem) for problem in caught.value.problems]


def shares(row) -> list[Decimal]:
    return [row.mycket_nojd, row.ganska_nojd, row.ganska_missnojd, row.mycket_missnojd, row.vet_ej]


# --- CSV ----------------------------------------------------------------------------------


def test_quoted_decimal_comma_in_a_comma_separated_csv(tmp_path):
    rows = load(tmp_path, "kundenkat", KUNDENKAT + 'social,Social,22,"59,1","40,0",,,"0,9"\n')
    assert shares(rows.social) == [Decimal("59.1"), Decimal("40.0"), 0, 0, Decimal("0.9")]
    assert str(rows.social.ganska_nojd) == "40.0"  # the typed decimals are kept


def test_unquoted_decimal_comma_in_a_comma_separated_csv_is_refused(tmp_path):
    content = KUNDENKAT + "social,Social,22,59.1,36,4,,,4.5\n"
    assert problems(tmp_path, "kundenkat", content) == [
        "data/2019/kundenkat.csv, rad 2: raden har 9 värden men rubrikraden har 8 kolumner: "
        "troligen står ett decimaltal med komma utan citattecken, och kommat delar då talet i "
        "två värden. Hittade: »36,4«. Förväntade: i en fil med komma mellan kolumnerna skrivs "
        'decimaltal med punkt (36.4) eller inom citattecken ("36,4").'
    ]


def test_excel_semicolon_csv_with_decimal_commas(tmp_path):
    content = (
        KUNDENKAT.replace(",", ";").replace("\n", "\r\n")
        + "social;Social problematik, vuxna;22;59,1;36,4;;;4,5\r\n"
        + 'psykisk;"Psykisk; funktionsnedsättning";11;45.5;36,4;9,1;9,1;\r\n'
    )
    rows = load(tmp_path, "kundenkat", content)
    assert rows.social.grupp == "Social problematik, vuxna"
    assert shares(rows.social) == [Decimal("59.1"), Decimal("36.4"), 0, 0, Decimal("4.5")]
    assert rows.psykisk.grupp == "Psykisk; funktionsnedsättning"
    assert shares(rows.psykisk) == [Decimal(v) for v in ("45.5", "36.4", "9.1", "9.1", "0")]


def test_semicolon_header_with_comma_rows_is_refused(tmp_path):
    content = "insats;antal\nBeroende;14\nBoendestöd,8\n"
    assert problems(tmp_path, "klagomal", content) == [
        "data/2019/klagomal.csv, rad 3: rubrikraden är avgränsad med semikolon (;) men raden med "
        "komma (,). Hittade: »Boendestöd,8«. Förväntade: samma tecken mellan kolumnerna på alla "
        "rader: komma överallt, eller semikolon överallt som när Excel sparar en CSV-fil."
    ]


def test_comma_header_with_semicolon_rows_is_refused(tmp_path):
    content = "insats,antal\nBeroende;14\n"
    assert problems(tmp_path, "klagomal", content) == [
        "data/2019/klagomal.csv, rad 2: rubrikraden är avgränsad med komma (,) men raden med "
        "semikolon (;). Hittade: »Beroende;14«. Förväntade: samma tecken mellan kolumnerna på "
        "alla rader: komma överallt, eller semikolon överallt som när Excel sparar en CSV-fil."
    ]


def test_header_that_mixes_semicolons_and_commas_is_refused(tmp_path):
    assert problems(tmp_path, "klagomal", "insats;antal,\nBeroende;14\n") == [
        "data/2019/klagomal.csv, rad 1: rubrikraden blandar komma (,) och semikolon (;) mellan "
        "kolumnerna. Hittade: »insats;antal,«. Förväntade: samma tecken mellan alla kolumner, "
        "komma eller semikolon: insats,antal."
    ]


@pytest.mark.parametrize("typed", ["1 600", f"1{NBSP}600", f"1{NNBSP}600", '"1 600"', "1600"])
def test_spaces_between_thousands_in_a_count(tmp_path, typed):
    rows = load(tmp_path, "klagomal", f"insats,antal\nBeroende,{typed}\n")
    assert rows.rows[0].antal == 1600


def test_millions_with_spaces(tmp_path):
    rows = load(tmp_path, "klagomal", "insats;antal\nBeroende;1 234 567\n")
    assert rows.rows[0].antal == 1234567


@pytest.mark.parametrize("typed", ["16 00", "1 60", "1  600", "1 6000"])
def test_spaces_that_do_not_separate_thousands_are_refused(tmp_path, typed):
    assert problems(tmp_path, "klagomal", f"insats,antal\nBeroende,{typed}\n") == [
        "data/2019/klagomal.csv, rad 2, kolumn »antal«: värdet är inte ett heltal. "
        f"Hittade: »{typed}«. Förväntade: ett heltal, t.ex. 14."
    ]


def test_decimal_comma_in_a_count_is_refused(tmp_path):
    assert problems(tmp_path, "klagomal", 'insats,antal\nBeroende,"14,5"\n') == [
        "data/2019/klagomal.csv, rad 2, kolumn »antal«: värdet är inte ett heltal. "
        "Hittade: »14,5«. Förväntade: ett heltal, t.ex. 14."
    ]


@pytest.mark.parametrize("typed", ['"59,1 %"', "59.1%", f'"59,1{NBSP}%"', "59.1 procent"])
def test_percent_sign_in_a_percent_column(tmp_path, typed):
    rows = load(tmp_path, "kundenkat", KUNDENKAT + f"social,Social,22,{typed},36.4,,,4.5\n")
    assert rows.social.mycket_nojd == Decimal("59.1")


def test_percent_sign_in_excel_semicolon_csv(tmp_path):
    content = KUNDENKAT.replace(",", ";") + "social;Social;22;59,1 %;36,4%;;;4,5 %\n"
    rows = load(tmp_path, "kundenkat", content)
    assert shares(rows.social) == [Decimal("59.1"), Decimal("36.4"), 0, 0, Decimal("4.5")]


def test_a_unit_that_does_not_match_the_column_is_refused(tmp_path):
    content = KUNDENKAT + "social,Social,22 %,59.1 kr,36.4,,,4.5\n"
    assert problems(tmp_path, "kundenkat", content) == [
        "data/2019/kundenkat.csv, rad 2, kolumn »mycket_nojd«: värdet är inte ett tal. "
        "Hittade: »59.1 kr«. Förväntade: ett tal, t.ex. 59,1 eller 59.1.",
        "data/2019/kundenkat.csv, rad 2, kolumn »svarande«: värdet är inte ett heltal. "
        "Hittade: »22 %«. Förväntade: ett heltal, t.ex. 14.",
    ]


def test_a_share_over_100_shows_what_was_typed(tmp_path):
    content = KUNDENKAT + 'social,Social,22,"110,5 %",36.4,,,4.5\n'
    assert problems(tmp_path, "kundenkat", content) == [
        "data/2019/kundenkat.csv, rad 2, kolumn »mycket_nojd«: värdet är för stort. "
        "Hittade: »110,5 %«. Förväntade: ett tal som är högst 100."
    ]


@pytest.mark.parametrize("typed", ["ja", "Ja", "JA", "nej", "Nej", "NEJ", " nej "])
def test_yes_and_no_in_any_case(tmp_path, typed):
    content = (
        f"insatstyp,verksamhet,utvardering,pakallad\nBoendestöd,Curanda,Uppfyller kraven,{typed}\n"
    )
    rows = load(tmp_path, "granskningar", content)
    assert rows.rows[0].pakallad is (typed.strip().lower() == "ja")


# --- YAML ---------------------------------------------------------------------------------

MALGRUPPER = (ROOT / "data/2019/malgrupper.yaml").read_text(encoding="utf-8")
UPPFOLJNING = (ROOT / "data/2019/uppfoljning_utforare.yaml").read_text(encoding="utf-8")
BETALNINGSANSVAR = (ROOT / "data/2019/betalningsansvar.yaml").read_text(encoding="utf-8")


def test_spaces_between_thousands_in_yaml(tmp_path):
    content = MALGRUPPER.replace("personer: 1600", "personer: 1 600").replace(
        "insatser: 5550", f"insatser: 5{NNBSP}550"
    )
    facts = load(tmp_path, "malgrupper", content)
    assert (facts.enheten.personer, facts.enheten.insatser) == (1600, 5550)


def test_misplaced_space_in_yaml_is_refused(tmp_path):
    content = MALGRUPPER.replace("personer: 1600", "personer: 16 00")
    assert problems(tmp_path, "malgrupper", content) == [
        "data/2019/malgrupper.yaml, rad 4, nyckel »enheten.personer«: värdet är inte ett heltal. "
        "Hittade: »16 00«. Förväntade: ett heltal, t.ex. 14."
    ]


def test_decimal_comma_and_percent_sign_in_yaml(tmp_path):
    content = (
        UPPFOLJNING.replace("svarsfrekvens: 91 ", "svarsfrekvens: 91,0 ")
        .replace("svarsfrekvens_hogsta: 100", "svarsfrekvens_hogsta: 99,5 %")
        .replace("svarsfrekvens_sysselsattning: 56", "svarsfrekvens_sysselsattning: 56%")
    )
    enkat = load(tmp_path, "uppfoljning_utforare", content).avtalsuppfoljningsenkat
    assert enkat.svarsfrekvens == Decimal("91.0")
    assert str(enkat.svarsfrekvens) == "91.0"
    assert enkat.svarsfrekvens_hogsta == Decimal("99.5")
    assert enkat.svarsfrekvens_sysselsattning == Decimal("56")


def test_kronor_in_yaml(tmp_path):
    content = BETALNINGSANSVAR.replace("vardygnskostnad: 7800", "vardygnskostnad: 7 800 kr")
    assert load(tmp_path, "betalningsansvar", content).vardygnskostnad == 7800


def test_kronor_in_a_count_is_refused(tmp_path):
    content = MALGRUPPER.replace("personer: 1600", "personer: 1 600 kr")
    assert problems(tmp_path, "malgrupper", content) == [
        "data/2019/malgrupper.yaml, rad 4, nyckel »enheten.personer«: värdet är inte ett heltal. "
        "Hittade: »1 600 kr«. Förväntade: ett heltal, t.ex. 14."
    ]
