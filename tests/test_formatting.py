"""The Swedish number filters, one behaviour per test."""

from decimal import Decimal
from fractions import Fraction

import pytest

from kvalitet.model.problems import EditorError
from kvalitet.render import formatting as f

NBSP = "\u00a0"
MINUS = "\u2212"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1600, f"1{NBSP}600"),
        (5550, f"5{NBSP}550"),
        (55, "55"),
        (0, "0"),
        (Decimal("1070"), f"1{NBSP}070"),
    ],
)
def test_antal_groups_thousands_with_a_non_breaking_space(value, expected):
    assert f.antal(value) == expected


def test_antal_refuses_a_number_with_decimals():
    with pytest.raises(EditorError, match="filtret »antal« visar heltal men fick 59.1"):
        f.antal(Decimal("59.1"))


def test_antal_refuses_text():
    with pytest.raises(EditorError, match="filtret »antal« behöver ett tal men fick texten »14«"):
        f.antal("14")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("59.1"), f"59,1{NBSP}procent"),
        (Decimal("40.0"), f"40,0{NBSP}procent"),  # the stated decimals are kept
        (Decimal("93"), f"93{NBSP}procent"),
        (164 * 100 / 237, f"69{NBSP}procent"),  # computed: whole per cent
    ],
)
def test_procent_in_running_text(value, expected):
    assert f.procent(value) == expected


def test_procent_with_explicit_decimals():
    assert f.procent(164 * 100 / 237, decimaler=1) == f"69,2{NBSP}procent"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("59.1"), f"59,1{NBSP}%"),
        (137 * 100 / 333, f"41{NBSP}%"),
        (Decimal("100"), f"100{NBSP}%"),
    ],
)
def test_procenttecken_for_tables(value, expected):
    assert f.procenttecken(value) == expected


def test_rounding_is_half_up_as_in_official_statistics():
    assert f.tal(Decimal("2.5"), decimaler=0) == "3"
    assert f.procenttecken(Decimal("30.85"), decimaler=1) == f"30,9{NBSP}%"


def test_kr():
    assert f.kr(3638) == f"3{NBSP}638{NBSP}kr"


def test_miljoner():
    assert f.miljoner(60_000_000) == "60 miljoner"
    assert f.miljoner(1_500_000) == "1,5 miljoner"


def test_miljoner_speaks_of_one_million_and_of_thousands_and_rounds_half_up():
    assert f.miljoner(1_000_000) == "1 miljon"
    assert f.miljoner(999_999) == "1 miljon"
    assert f.miljoner(800_000) == "800 tusen"
    assert f.miljoner(2_250_000) == "2,3 miljoner"  # half up, not half even
    assert f.miljoner(2_350_000) == "2,4 miljoner"


def test_negative_numbers_use_a_true_minus_sign():
    assert f.tal(-3) == f"{MINUS}3"


@pytest.mark.parametrize(("value", "expected"), [(55, "+55"), (-23, f"{MINUS}23"), (0, "0")])
def test_forandring_is_signed(value, expected):
    assert f.forandring(value) == expected


@pytest.mark.parametrize(
    ("value", "genus", "expected"),
    [(16, "en", "sexton"), (7, "en", "sju"), (1, "en", "en"), (1, "ett", "ett"), (0, "en", "noll")],
)
def test_ord_writes_small_counts_in_words(value, genus, expected):
    assert f.ord(value, genus) == expected


def test_ord_falls_back_to_digits_above_twenty():
    assert f.ord(249) == "249"


def test_brak():
    assert f.brak(Fraction(2, 3)) == "två tredjedelar"
    assert f.brak(Fraction(1, 4)) == "en fjärdedel"
    assert f.brak(Fraction(1, 2)) == "hälften"


def test_every_filter_refuses_a_missing_value():
    for name, function in f.FILTERS.items():
        if name == "brak":
            continue
        with pytest.raises(EditorError, match=f"filtret »{name}« behöver ett tal"):
            function(None)
