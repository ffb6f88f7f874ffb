"""Unit tests for the pieces behind the macros: comparisons, numbering, HTML tables."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from kvalitet.model.edition import Edition, PreviousYear, load_edition, load_previous
from kvalitet.model.problems import EditorError
from kvalitet.render.comparison import Comparisons
from kvalitet.render.html_table import Cell, RowGroup, TableSpec, render_table
from kvalitet.site.numbering import nav_pages, number_calls

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def editions():
    current = load_edition(ROOT / "data", 2019)
    return current, load_previous(ROOT / "data", current)


def test_resolve_reaches_stated_and_derived_values(editions):
    current, _ = editions
    assert current.resolve("malgrupper.enheten.personer") == 1600
    assert current.resolve("klagomal.totalt") == 55
    assert current.resolve("lss_beslut.kontaktperson.beslut") == 119
    assert current.resolve("rattssakerhet_svar.lss_barn.installning.andel") == Decimal("40.0")


def test_resolve_suggests_the_closest_name(editions):
    current, _ = editions
    with pytest.raises(
        EditorError, match="»klagomal« har ingen uppgift »total«. Menade du »totalt«?"
    ):
        current.resolve("klagomal.total")


def test_previous_year_values_come_from_jamforelsetal(editions):
    _, previous = editions
    assert previous.year == 2018
    assert previous.value("klagomal.totalt") == 31


def comparisons(now: int, before: int | None) -> Comparisons:
    class Row:
        antal = now

    current = Edition(2019, {"x": Row()})
    stated = {} if before is None else {"x.antal": before}
    return Comparisons(current, PreviousYear(2018, None, stated))


def test_okning_and_minskning_give_the_size_of_the_change():
    assert comparisons(333, 278).okning("x.antal") == 55
    assert comparisons(237, 260).minskning("x.antal") == 23
    assert comparisons(237, 260).andring("x.antal") == -23


def test_okning_refuses_a_decrease():
    with pytest.raises(EditorError) as caught:
        comparisons(237, 260).okning("x.antal")
    assert str(caught.value) == (
        "texten säger en ökning för »x.antal«, men datan visar en minskning: 260 år 2018 och "
        "237 år 2019. Ändra texten eller datan."
    )


def test_minskning_refuses_an_unchanged_value():
    with pytest.raises(
        EditorError, match="texten säger en minskning för »x.antal«, men datan visar oförändrat"
    ):
        comparisons(12, 12).minskning("x.antal")


def test_a_missing_previous_year_is_named():
    with pytest.raises(EditorError) as caught:
        comparisons(12, None).fjol("x.antal")
    assert str(caught.value) == (
        "det finns inget värde för 2018 för »x.antal«. Lägg till det i "
        "data/2018/jamforelsetal.yaml, t.ex. »x.antal: 12«."
    )


def test_nav_pages_in_reading_order():
    nav = [{"Start": "index.md"}, {"Kap": ["k/index.md", {"A": "k/a.md"}]}, {"Ext": "https://x.se"}]
    assert nav_pages(nav) == ["index.md", "k/index.md", "k/a.md"]


def test_tables_are_numbered_by_navigation_not_file_name(tmp_path):
    (tmp_path / "a.md").write_text('{{ tabell("andra") }}')
    (tmp_path / "b.md").write_text("{{ tabell('forsta') }} och {{ tabell(\"tredje\") }}")
    assert number_calls(tmp_path, ["b.md", "a.md"]) == {"forsta": 1, "tredje": 2, "andra": 3}


def test_html_from_data_is_shown_as_text_never_run():
    spec = TableSpec(
        ["Insats", "Antal"], [RowGroup([[Cell("<script>alert(1)</script>"), Cell(3, "antal")]])]
    )
    html = render_table("t", "Tabell 1. <b>Rubrik</b>", spec, "Källa: »x« & y")
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Källa: »x« &amp; y" in html


def test_missing_cell_is_spoken_not_only_shown_as_a_dash():
    spec = TableSpec(["Svar", "Andel"], [RowGroup([[Cell("Vet ej"), Cell(None, "procent")]])])
    html = render_table("t", "Tabell 1. x", spec, "Källa")
    assert '<span aria-hidden="true">–</span><span class="kb-dolt">uppgift saknas</span>' in html


def test_forandring_i_ord_for_increase_decrease_and_unchanged():
    assert (
        comparisons(300, 250).forandring_i_ord("x.antal", "personer") == "en ökning med 50 personer"
    )
    assert (
        comparisons(8, 9).forandring_i_ord("x.antal", "anordnare") == "en minskning med 1 anordnare"
    )
    assert comparisons(8, 8).forandring_i_ord("x.antal") == "oförändrat"


def test_riktning_picks_the_words_the_data_call_for():
    words = ("har ökat", "har minskat", "är oförändrat")
    assert comparisons(10, 9).riktning("x.antal", *words) == "har ökat"
    assert comparisons(8, 9).riktning("x.antal", *words) == "har minskat"
    assert comparisons(9, 9).riktning("x.antal", *words) == "är oförändrat"


def test_jamforelse_in_words():
    assert comparisons(333, 278).jamforelse("x.antal", "kunder") == (
        "333 kunder (278 året innan), en ökning med 55 kunder eller 20\u00a0procent"
    )
    assert comparisons(237, 260).jamforelse("x.antal", "kunder", med_varde=False) == (
        "260 året innan, en minskning med 23 kunder eller 9\u00a0procent"
    )
    assert comparisons(12, 12).jamforelse("x.antal") == "12 (12 året innan), oförändrat"


def test_jamforelse_without_a_previous_year_says_what_is_missing():
    with pytest.raises(EditorError, match="det finns inget värde för 2018 för »x.antal«"):
        comparisons(12, None).jamforelse("x.antal")


def test_hand_typed_direction_words_must_match_the_data():
    from kvalitet.gates.direction_words import contradictions

    text = (
        'Antalet var {{ x.antal }}, jämfört med {{ fjol("x.antal") }} förra året. Ökningen beror på …\n'
        'Kostnaden minskar från {{ fjol("x.antal") }} till {{ x.antal }}.\n'
        "Andelen har minskat med tre procent.\n"
    )
    assert contradictions(text, comparisons(55, 31)) == [
        (
            2,
            "texten säger »minskar« om »x.antal«, men datan visar en ökning: 31 år 2018 och "
            "55 år 2019. Ändra texten eller datan.",
        )
    ]
    assert [line for line, _ in contradictions(text, comparisons(20, 31))] == [1]


def test_direction_in_other_words_and_in_the_next_sentence_must_match_the_data():
    from kvalitet.gates.direction_words import contradictions

    text = (
        'Antalet steg till {{ x.antal }} från {{ fjol("x.antal") }}.\n'
        'Antalet var {{ x.antal }}, jämfört med {{ fjol("x.antal") }} förra året. Det är en tydlig minskning.\n'
        'Värdet blev lägre än {{ fjol("x.antal") }}.\n'
        "Antalet sjönk kraftigt.\n"  # no comparison: not checked
    )
    found = contradictions(text, comparisons(20, 31))
    assert [line for line, _ in found] == [1]
    assert found[0][1].startswith("texten säger »steg« om »x.antal«, men datan visar en minskning")
    found = contradictions(text, comparisons(55, 31))
    assert [(line, message.split(" om ")[0]) for line, message in found] == [
        (2, "texten säger »minskning«"),
        (3, "texten säger »lägre«"),
    ]


def test_a_computed_share_is_compared_with_a_stated_one():
    class Row:
        andel = 69.19831223628692  # computed: a float

    current = Edition(2020, {"x": Row()})
    change = Comparisons(current, PreviousYear(2019, None, {"x.andel": Decimal("59")}))
    assert change.jamforelse("x.andel", "procentenheter") == (
        "69 procentenheter (59 året innan), en ökning med 10 procentenheter eller 17\u00a0procent"
    )


def test_a_page_is_updated_by_the_data_its_macros_use_not_by_words_in_its_prose():
    from kvalitet.site.updated import files_used

    files = {"samsoc": "data/2019/samsoc.yaml", "klagomal": "data/2019/klagomal.csv"}
    source = "SamSoc och samsoc nämns här. {{ klagomal.totalt | antal }} klagomål."
    assert files_used(source, files) == ["data/2019/klagomal.csv"]
