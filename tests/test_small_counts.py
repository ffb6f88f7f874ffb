"""The small-count rule: off for the 2019 report, available per dataset, and safe when on."""

from __future__ import annotations

from pathlib import Path

from conftest import edition_2019

from kvalitet.model.small_counts import (
    FOOTNOTE,
    SmallCount,
    cells_to_hide,
    protect,
    protect_rows,
)
from kvalitet.render.formatting import antal, ord
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
