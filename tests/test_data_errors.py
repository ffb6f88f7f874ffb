"""Every mistake an editor can make in a data file gives one exact Swedish message.

Each test writes one broken file and loads it with the real schema; the message must
name the file, the line, the column or key, what was found and what was expected.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import edition_2019

from kvalitet.model.edition import load_edition, load_previous
from kvalitet.model.problems import DataError

ROOT = Path(__file__).resolve().parent.parent
BY_NAME = {dataset.name: dataset for dataset in edition_2019().datasets}


def problems(tmp_path: Path, name: str, content: str | bytes) -> list[str]:
    dataset = BY_NAME[name]
    raw = content if isinstance(content, bytes) else content.encode("utf-8")
    (tmp_path / dataset.filename).write_bytes(raw)
    with pytest.raises(DataError) as caught:
        dataset.load(tmp_path, "data/2019")
    return [str(problem) for problem in caught.value.problems]


KLAGOMAL_HEAD = "insats,antal\n"


def test_text_in_a_count_column(tmp_path):
    assert problems(tmp_path, "klagomal", KLAGOMAL_HEAD + "Beroende,fjorton\n") == [
        "data/2019/klagomal.csv, rad 2, kolumn »antal«: värdet är inte ett heltal. "
        "Hittade: »fjorton«. Förväntade: ett heltal, t.ex. 14."
    ]


def test_negative_count(tmp_path):
    assert problems(tmp_path, "klagomal", KLAGOMAL_HEAD + "Beroende,14\nBoendestöd,-8\n") == [
        "data/2019/klagomal.csv, rad 3, kolumn »antal«: värdet är för litet. "
        "Hittade: »-8«. Förväntade: ett tal som är 0 eller större."
    ]


def test_empty_cell(tmp_path):
    assert problems(tmp_path, "klagomal", KLAGOMAL_HEAD + "Beroende,\n") == [
        "data/2019/klagomal.csv, rad 2, kolumn »antal«: värde saknas. "
        "Förväntade: ett heltal, 0 eller större."
    ]


def test_every_problem_in_a_file_is_reported_not_just_the_first(tmp_path):
    found = problems(tmp_path, "klagomal", KLAGOMAL_HEAD + "A,x\nB,-1\nC,2\nD,3.5\n")
    assert [line.split(":")[0] for line in found] == [
        "data/2019/klagomal.csv, rad 2, kolumn »antal«",
        "data/2019/klagomal.csv, rad 3, kolumn »antal«",
        "data/2019/klagomal.csv, rad 5, kolumn »antal«",
    ]


def test_share_over_100(tmp_path):
    content = "nyckel,fraga,andel\nspel,Har spelat om pengar,110\n"
    assert problems(tmp_path, "samsoc_svar", content) == [
        "data/2019/samsoc_svar.csv, rad 2, kolumn »andel«: värdet är för stort. "
        "Hittade: »110«. Förväntade: ett tal som är högst 100."
    ]


def test_unquoted_decimal_comma_in_a_comma_separated_csv(tmp_path):
    content = "nyckel,fraga,andel\nspel,Har spelat om pengar,11,5\n"
    assert problems(tmp_path, "samsoc_svar", content) == [
        "data/2019/samsoc_svar.csv, rad 2: raden har 4 värden men rubrikraden har 3 kolumner: "
        "troligen står ett decimaltal med komma utan citattecken, och kommat delar då talet i "
        "två värden. Hittade: »11,5«. Förväntade: i en fil med komma mellan kolumnerna skrivs "
        'decimaltal med punkt (11.5) eller inom citattecken ("11,5").'
    ]


def test_misspelled_column(tmp_path):
    assert problems(tmp_path, "klagomal", "insats,antl\nBeroende,14\n") == [
        "data/2019/klagomal.csv, rad 1: okänd kolumn »antl«. Menade du »antal«? "
        "Förväntade: kolumnerna insats,antal.",
        "data/2019/klagomal.csv, rad 1: kolumnen »antal« saknas. Förväntade: kolumnerna insats,antal.",
    ]


def test_csv_that_mixes_semicolons_and_commas(tmp_path):
    assert problems(tmp_path, "klagomal", "insats;antal\nBeroende;14\nBoendestöd,8\n") == [
        "data/2019/klagomal.csv, rad 3: rubrikraden är avgränsad med semikolon (;) men raden med "
        "komma (,). Hittade: »Boendestöd,8«. Förväntade: samma tecken mellan kolumnerna på alla "
        "rader: komma överallt, eller semikolon överallt som när Excel sparar en CSV-fil."
    ]


def test_csv_saved_as_latin_1(tmp_path):
    content = (KLAGOMAL_HEAD + "Beroende,14\nHälso- och sjukvård,4\n").encode("latin-1")
    assert problems(tmp_path, "klagomal", content) == [
        "data/2019/klagomal.csv, rad 3: filen är inte sparad som UTF-8 (troligen Latin-1 eller "
        "Windows-1252, så att å, ä och ö blir fel). Förväntade: teckenkodningen UTF-8."
    ]


def test_csv_with_byte_order_mark(tmp_path):
    content = b"\xef\xbb\xbf" + (KLAGOMAL_HEAD + "Beroende,14\n").encode()
    assert problems(tmp_path, "klagomal", content) == [
        "data/2019/klagomal.csv, rad 1: filen börjar med ett osynligt BOM-tecken (Excels "
        "»CSV UTF-8«). Förväntade: UTF-8 utan BOM; spara om filen i en textredigerare eller i GitHub."
    ]


def test_empty_csv(tmp_path):
    assert problems(tmp_path, "klagomal", "") == [
        "data/2019/klagomal.csv, rad 1: filen är tom. Förväntade: rubrikraden insats,antal."
    ]


def test_row_with_an_unquoted_comma(tmp_path):
    content = "nyckel,insats,beslut\ngrupp,Gruppbostad, servicebostad,178\n"
    assert problems(tmp_path, "lss_beslut", content) == [
        "data/2019/lss_beslut.csv, rad 2: raden har 4 värden men rubrikraden har 3 kolumner. "
        "Förväntade: lika många värden som kolumner; text med komma sätts inom citattecken, "
        't.ex. "Gruppbostad, servicebostad".'
    ]


def test_duplicate_row_key(tmp_path):
    content = "nyckel,insats,beslut\nkontaktperson,Kontaktperson,119\nkontaktperson,Annan,1\n"
    assert problems(tmp_path, "lss_beslut", content) == [
        "data/2019/lss_beslut.csv, rad 3, kolumn »nyckel«: nyckeln »kontaktperson« finns redan "
        "på rad 2. Förväntade: en unik nyckel per rad."
    ]


def test_value_outside_a_fixed_list(tmp_path):
    content = "insatstyp,verksamhet,utvardering,pakallad\nBoendestöd,Curanda,Klar,kanske\n"
    assert problems(tmp_path, "granskningar", content) == [
        "data/2019/granskningar.csv, rad 2, kolumn »pakallad«: värdet ska vara »ja« eller »nej«. "
        "Hittade: »kanske«.",
        "data/2019/granskningar.csv, rad 2, kolumn »utvardering«: värdet är inte ett av de "
        "tillåtna värdena. Hittade: »Klar«. Förväntade: ett av »Uppfyller kraven«, "
        "»Åtgärdsplan klar.« eller »Varning - uppfyller nu kraven«.",
    ]


def test_shares_that_do_not_add_up(tmp_path):
    data = copy_data(tmp_path)
    path = data / "2019/kundenkat.csv"
    path.write_text(path.read_text().replace(",59.1,36.4,", ",59.1,26.4,"))
    assert edition_problems(data) == [
        "data/2019/kundenkat.csv, rad 2: andelarna för »Social problematik« blir tillsammans "
        "90,0 procent. Förväntade: 100 procent (±0,2 för avrundning)."
    ]


MALGRUPPER = (ROOT / "data/2019/malgrupper.yaml").read_text(encoding="utf-8")


def test_misspelled_yaml_key(tmp_path):
    content = MALGRUPPER.replace("  insatser: 5550", "  insattser: 5550")
    assert problems(tmp_path, "malgrupper", content) == [
        "data/2019/malgrupper.yaml, rad 3, nyckel »enheten.insatser«: nyckeln saknas. "
        "Förväntade: ett heltal, 0 eller större.",
        "data/2019/malgrupper.yaml, rad 5, nyckel »enheten.insattser«: okänd nyckel »insattser«. "
        "Menade du »insatser«? Förväntade: någon av personer, insatser, eller en ny nyckel som "
        "också beskrivs i data/2019/datapackage.yaml.",
    ]


def test_wrong_type_and_negative_value_in_yaml(tmp_path):
    content = MALGRUPPER.replace("  personer: 1600", "  personer: ja").replace(
        "  personer: 300", "  personer: -300"
    )
    assert problems(tmp_path, "malgrupper", content) == [
        "data/2019/malgrupper.yaml, rad 4, nyckel »enheten.personer«: värdet är inte ett heltal. "
        "Hittade: »ja«. Förväntade: ett heltal, t.ex. 14.",
        "data/2019/malgrupper.yaml, rad 7, nyckel »socialpsykiatri.personer«: värdet är för litet. "
        "Hittade: »-300«. Förväntade: ett tal som är 0 eller större.",
    ]


def test_empty_yaml_value(tmp_path):
    content = MALGRUPPER.replace("  personer: 1600", "  personer:")
    assert problems(tmp_path, "malgrupper", content) == [
        "data/2019/malgrupper.yaml, rad 4, nyckel »enheten.personer«: värde saknas. "
        "Förväntade: ett heltal, 0 eller större."
    ]


def test_tab_indentation(tmp_path):
    content = MALGRUPPER.replace("  personer: 1600", "\tpersoner: 1600")
    assert problems(tmp_path, "malgrupper", content) == [
        "data/2019/malgrupper.yaml, rad 4, tecken 1: tabbtecken används för indrag. Använd "
        "mellanslag (två per nivå). Förväntade: giltig YAML; jämför med raderna ovanför."
    ]


def test_yaml_syntax_error_names_the_line(tmp_path):
    content = MALGRUPPER.replace("  insatser: 5550", " insatser: 5550")
    assert problems(tmp_path, "malgrupper", content) == [
        "data/2019/malgrupper.yaml, rad 5, tecken 2: indraget stämmer inte med raderna ovanför. "
        "Förväntade: giltig YAML; jämför med raderna ovanför."
    ]


def test_duplicate_yaml_key(tmp_path):
    content = MALGRUPPER.replace("  insatser: 5550", "  insatser: 5550\n  personer: 1700")
    assert problems(tmp_path, "malgrupper", content) == [
        "data/2019/malgrupper.yaml, rad 6: nyckeln »personer« finns två gånger (rad 4 och rad 6). "
        "Förväntade: varje nyckel en gång; ta bort eller byt namn på den ena."
    ]


def test_python_tags_are_refused_not_run(tmp_path):
    marker = tmp_path / "ran"
    content = f'titel: !!python/object/apply:os.system ["touch {marker}"]\n'
    found = problems(tmp_path, "rapport", content)
    assert found[0] == (
        "data/2019/rapport.yaml, rad 1: taggen »!!python/object/apply:os.system« är inte tillåten "
        "i datafiler. Förväntade: vanliga värden: text, tal, datum, listor och grupper."
    )
    assert not marker.exists()


def test_yaml_aliases_are_refused(tmp_path):
    content = (
        "titel: &t Kvalitetsberättelse\nenhet: *t\nkommun: Nacka kommun\nnamnd: socialnämnden\n"
    )
    assert problems(tmp_path, "rapport", content) == [
        "data/2019/rapport.yaml, rad 2: alias (*namn) används inte i datafilerna."
    ]


def test_empty_yaml_file(tmp_path):
    assert problems(tmp_path, "rapport", "") == [
        "data/2019/rapport.yaml: filen är tom. Förväntade: YAML med nycklar och värden."
    ]


def test_missing_file(tmp_path):
    with pytest.raises(DataError) as caught:
        BY_NAME["klagomal"].load(tmp_path, "data/2019")
    assert str(caught.value.problems[0]) == (
        "data/2019/klagomal.csv: filen saknas. Förväntade: en CSV-fil: "
        "Klagomål per insats (Tabell 1 i PDF-versionen)."
    )


def copy_data(tmp_path: Path) -> Path:
    import shutil

    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path / "data"


def edition_problems(data: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        current = load_edition(data, 2019)
        load_previous(data, current)
    return [str(problem) for problem in caught.value.problems]


def test_problems_in_several_files_are_reported_together(tmp_path):
    data = copy_data(tmp_path)
    (data / "2019/klagomal.csv").unlink()
    path = data / "2019/samsoc.yaml"
    path.write_text(path.read_text().replace("intervjuer: 65", "intervjuer: många"))
    assert edition_problems(data) == [
        "data/2019/klagomal.csv: filen saknas. Förväntade: en CSV-fil: "
        "Klagomål per insats (Tabell 1 i PDF-versionen).",
        "data/2019/samsoc.yaml, rad 2, nyckel »intervjuer«: värdet är inte ett heltal. "
        "Hittade: »många«. Förväntade: ett heltal, t.ex. 14.",
    ]


def test_unknown_file_in_the_data_folder(tmp_path):
    data = copy_data(tmp_path)
    (data / "2019/klagomal.csv").rename(data / "2019/klagomål.csv")
    assert edition_problems(data) == [
        "data/2019/klagomal.csv: filen saknas. Förväntade: en CSV-fil: "
        "Klagomål per insats (Tabell 1 i PDF-versionen).",
        "data/2019/klagomål.csv: okänd fil i datamappen. Menade du »klagomal.csv«? "
        "Förväntade: bara datafilerna som beskrivs i data/2019/datapackage.yaml.",
    ]


def test_files_that_disagree(tmp_path):
    data = copy_data(tmp_path)
    path = data / "2019/kundenkat_svarande.yaml"
    path.write_text(path.read_text().replace("man: 17", "man: 18"))
    assert edition_problems(data) == [
        "data/2019/kundenkat_svarande.yaml: män och kvinnor blir tillsammans 34 svarande, men "
        "grupperna i kundenkat.csv har 33 svarande. Förväntade: samma antal svarande i båda filerna."
    ]


def test_previous_year_value_with_a_misspelled_path(tmp_path):
    data = copy_data(tmp_path)
    path = data / "2018/jamforelsetal.yaml"
    path.write_text(path.read_text().replace("klagomal.totalt: 31", "klagomal.total: 31"))
    assert edition_problems(data) == [
        "data/2018/jamforelsetal.yaml, rad 4: okänd uppgift »klagomal.total«; den finns inte i "
        "2019 års data. Menade du »klagomal.totalt«? Förväntade: samma sökväg som i Markdown, "
        "t.ex. klagomal.totalt."
    ]


def test_a_correction_that_is_no_longer_needed(tmp_path):
    data = copy_data(tmp_path)
    path = data / "2019/rattelser.yaml"
    path.write_text(path.read_text().replace("pdf: 59", "pdf: 69"))
    assert edition_problems(data) == [
        "data/2019/rattelser.yaml: rättelse 1 (Andel pojkar/män bland MiniMarias kunder "
        "(pojkar/män delat med alla kunder)): det beräknade värdet 69\u00a0% är detsamma som i "
        "PDF-versionen, så rättelsen behövs inte. Förväntade: att rättelsen tas bort."
    ]


def test_a_missing_space_after_a_colon_names_the_line_with_the_mistake(tmp_path):
    content = MALGRUPPER.replace("  insatser: 5550", "  insatser:5550")
    assert problems(tmp_path, "malgrupper", content) == [
        "data/2019/malgrupper.yaml, rad 5, tecken 3: ett kolon saknas efter en nyckel, eller "
        "mellanslaget efter kolonet (skriv »nyckel: värde«). Förväntade: giltig YAML; jämför "
        "med raderna ovanför."
    ]
