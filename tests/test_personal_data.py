"""Personnummer and samordningsnummer with a valid check digit stop the build."""

from kvalitet.gates.personal_data import find_in_text, kind_of, luhn_ok


def test_luhn():
    assert luhn_ok("8112189876")
    assert not luhn_ok("8112189875")


def test_personnummer_and_samordningsnummer_are_recognised():
    assert kind_of("811218", "9876") == "personnummer"
    assert kind_of("811278", "9873") == "samordningsnummer"  # day 18 + 60
    assert kind_of("811218", "9875") is None  # wrong check digit
    assert kind_of("811318", "9876") is None  # no month 13


def test_every_common_way_of_writing_one_is_found_and_masked():
    text = "a 811218-9876\nb 19811218-9876\nc 8112189876 och 198112189876\nd 811218+9876"
    found = [str(problem) for problem in find_in_text(text, "data/x.csv")]
    assert [f.split(":")[0] for f in found] == [f"data/x.csv, rad {n}" for n in (1, 2, 3, 3, 4)]
    assert all("(811218-XXXX)" in f and "9876" not in f for f in found)


def test_ordinary_figures_and_dates_are_not_reported():
    text = (
        "Under 2019 hade 1600 personer 5550 insatser; 20191231-1234; tel 08-718 80 00; 0701234567"
    )
    assert find_in_text(text, "docs/x.md") == []
