"""Checks that span more than one data file of the same year."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kvalitet.model.problems import EditorError, Problem
from kvalitet.render.formatting import antal, procenttecken

if TYPE_CHECKING:
    from kvalitet.model.edition import Edition


def cross_checks(edition: Edition, shown: str) -> list[Problem]:
    """Problems where two files of one edition disagree."""
    values = edition.values
    problems = []
    by_sex = values["kundenkat_svarande"]
    by_group = values["kundenkat"]
    if by_sex.totalt != by_group.svarande:
        problems.append(
            Problem(
                f"{shown}/kundenkat_svarande.yaml",
                f"män och kvinnor blir tillsammans {by_sex.totalt} svarande, men "
                f"grupperna i kundenkat.csv har {by_group.svarande} svarande.",
                expected="samma antal svarande i båda filerna",
            )
        )
    problems += _corrections_still_needed(edition, shown)
    return problems


def _corrections_still_needed(edition: Edition, shown: str) -> list[Problem]:
    """Each listed correction must name a real value that still differs from the PDF."""
    problems = []
    file = f"{shown}/rattelser.yaml"
    for index, item in enumerate(edition.values["rattelser"].rattelser):
        try:
            value = edition.resolve(item.varde)
        except EditorError as error:
            problems.append(Problem(file, f"rättelse {index + 1}: {error}", field="nyckel »varde«"))
            continue
        show = procenttecken if item.enhet == "procent" else antal
        if show(value) == show(item.pdf):
            problems.append(
                Problem(
                    file,
                    f"rättelse {index + 1} ({item.uppgift}): det beräknade värdet {show(value)} är "
                    "detsamma som i PDF-versionen, så rättelsen behövs inte.",
                    expected="att rättelsen tas bort",
                )
            )
    return problems
