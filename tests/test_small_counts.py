"""The small-count rule: off for the 2019 report, available per dataset, and safe when on."""

from __future__ import annotations

from pathlib import Path

from conftest import edition_2019

from kvalitet.model.expressions import andel, summa
from kvalitet.model.small_counts import (
    FOOTNOTE,
    AlsoHidden,
    Hidden,
    SmallCount,
    cells_to_hide,
    hide_column,
    protect,
    protect_rows,
)
from kvalitet.render.charts import split_bars, stacked_shares
from kvalitet.render.formatting import antal, ord, procent
from kvalitet.render.html_table import Cell, RowGroup, TableSpec, render_table
from kvalitet.render.tables import count_cells

ROOT = Path(__file__).resolve().parent.parent
KLAGOMAL = edition_2019().dataset("klagomal")


def test_the_rule_is_off_where_the_report_publishes_the_figures():
    assert [d.name for d in edition_2019().datasets if d.small_counts] == []


def test_counts_of_one_to_four_become_hidden():
    row = protect(KLAGOMAL.model(insats="Beroende", antal=3))
    assert isinstance(row.antal, SmallCount)
    assert antal(row.antal) == "färre än 5" and ord(row.antal) == "färre än 5"
    assert not isinstance(protect(KLAGOMAL.model(insats="x", antal=0)).antal, SmallCount)
    assert not isinstance(protect(KLAGOMAL.model(insats="x", antal=5)).antal, SmallCount)


def test_one_hidden_cell_hides_the_smallest_other_too():
    values = [14, SmallCount(3), 8, 11]
    assert cells_to_hide(values) == {1, 2}
    assert cells_to_hide([14, SmallCount(3), SmallCount(2), 11]) == {1, 2}
    assert cells_to_hide([14, 12]) == set()


def test_a_protected_table_shows_no_small_count_and_explains_why():
    data = KLAGOMAL.rowset(
        "klagomal",
        protect_rows(
            [
                protect(KLAGOMAL.model(insats=name, antal=n))
                for name, n in [("A", 14), ("B", 3), ("C", 8)]
            ]
        ),
        [2, 3, 4],
    )
    counts = count_cells([row.antal for row in data])
    spec = TableSpec(
        ["Insats", "Antal"],
        [RowGroup([[Cell(r.insats), c] for r, c in zip(data, counts, strict=True)])],
        foot=[[Cell("Summa"), Cell(data.totalt, "antal")]],
    )
    html = render_table("t", "Tabell 1. x", spec, "Källa")
    assert "färre än 5" in html and ">dold<" in html and ">8<" not in html and ">3<" not in html
    assert ">25<" in html  # the total can be shown: two cells are hidden
    assert FOOTNOTE in html


def test_arithmetic_on_a_hidden_count_stays_hidden_and_shows_as_dold():
    share = andel(SmallCount(3), 8)
    assert isinstance(share, Hidden) and share == 37.5
    assert procent(share) == "dold" and antal(SmallCount(3) + 20) == "dold"
    assert isinstance(100 - share, Hidden) and isinstance(-SmallCount(2), Hidden)
    assert antal(AlsoHidden(8)) == "dold"


def test_a_total_is_shown_only_when_it_gives_no_single_hidden_count_away():
    rows = protect_rows([protect(KLAGOMAL.model(insats=i, antal=n)) for i, n in [("A", 3)]])
    assert isinstance(summa(rows, "antal"), Hidden)  # the total would be the hidden count
    small = [protect(KLAGOMAL.model(insats=i, antal=n)) for i, n in [("A", 1), ("B", 2)]]
    assert isinstance(summa(small, "antal"), SmallCount)  # a total of 1–4 is a small count
    values = protect_rows(
        [protect(KLAGOMAL.model(insats=i, antal=n)) for i, n in [("A", 3), ("B", 9), ("C", 9)]]
    )
    assert [type(r.antal) for r in values] == [SmallCount, AlsoHidden, AlsoHidden]  # ties too
    assert summa(values, "antal") == 21 and type(summa(values, "antal")) is int


def test_figures_draw_no_bar_for_a_hidden_part_or_share():
    figure = split_bars([("A", SmallCount(2), [SmallCount(3), 40])], ["Kvinnor", "Män"], "", 1, 2)
    assert sorted(round(bar.get_width()) for bar in figure.axes[0].patches) == [0, 0, 40]
    assert "dold (färre än 5 kvinnor, 40 män)" in [t.get_text() for t in figure.axes[0].texts]
    figure = stacked_shares(["A", "B"], ["Ja", "Nej"], [None, [60.0, 40.0]])
    assert sorted(round(bar.get_width()) for bar in figure.axes[0].patches) == [0, 0, 40, 60]
    assert hide_column([12, 3, 7, 0]) == [12, 3, 7, 0]
    assert [type(v) for v in hide_column([12, 3, 7, 0])][1:3] == [SmallCount, AlsoHidden]
