"""The size of each chart of `charts`, in inches, from its data alone.

The drawings use these sizes, and pages state them as each image's width and height (so
that nothing shifts while it loads) while the figures are still being drawn in other
processes. Each function takes the same arguments as the chart of the same name.
"""

from __future__ import annotations

from collections.abc import Callable

from kvalitet.render.chart_style import Size

Inches = tuple[float, float]


def horizontal_bars(labels: list[str], values, percent, phone=False) -> Inches:
    size = Size(phone)
    if phone:
        return size.width, 0.9 + (0.28 * size.lines(labels, 34) + 0.1 * len(labels))
    return size.width, 0.9 + 0.42 * len(labels)


def stacked_shares(groups: list[str], answers: list[str], shares, phone=False) -> Inches:
    return Size(phone).width, 1.2 + 0.7 * len(groups) + (0.3 * len(answers) if phone else 0)


def panel_lines(panels: list[tuple[str, list]], phone=False) -> list[int]:
    """The height of each panel, in bars, or on a phone in lines of its wrapped labels."""
    if phone:
        return [Size(phone).lines([label for label, _ in rows], 42) for _, rows in panels]
    return [len(rows) for _, rows in panels]


def panels(panels: list[tuple[str, list]], phone=False) -> Inches:
    lines = sum(panel_lines(panels, phone))
    return Size(phone).width, 1.0 + (0.26 if phone else 0.36) * lines + 0.5 * len(panels)


def split_bars(rows: list, titles, note, before, year, phone=False) -> Inches:
    return Size(phone).width, 1.2 + (1.5 if phone else 1.1) * len(rows)


def vertical_bars(labels, values, percent, phone=False) -> Inches:
    return Size(phone).width, 4.2


def dumbbells(rows: list, before, year, phone=False) -> Inches:
    return Size(phone).width, (1.1 if phone else 0.85) * len(rows) + 0.6


SIZES: dict[str, Callable[..., Inches]] = {
    f.__name__: f
    for f in (horizontal_bars, stacked_shares, panels, split_bars, vertical_bars, dumbbells)
}


def pixels(draw, phone: bool = False) -> tuple[int, int]:
    """Width and height in CSS pixels of the SVG that `draw` (a `functools.partial` of a
    chart and its data) gives: matplotlib states them in points, with six decimals."""
    inches = SIZES[draw.func.__name__](*draw.args, phone=phone, **draw.keywords)
    width, height = (round(float(f"{value * 72:f}") * 4 / 3) for value in inches)
    return width, height
