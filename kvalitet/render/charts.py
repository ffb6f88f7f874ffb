"""Drawing the figures with matplotlib (imported only when a figure is actually drawn).

Each drawing comes in two sizes (`chart_style.Size`): ``phone=True`` draws it narrow with
larger lettering, for screens where the wide drawing would shrink its text below 12 px.
"""

from __future__ import annotations

from decimal import Decimal

from kvalitet.model.small_counts import ALSO_HIDDEN_TEXT, is_hidden
from kvalitet.render import chart_sizes as sizes
from kvalitet.render.chart_style import (
    GREY,
    HATCHES,
    PALETTE,
    Size,
    axis_formatter,
    bar_values,
    pyplot,
    value_axis,
)
from kvalitet.render.formatting import antal, procenttecken


def horizontal_bars(labels: list[str], values: list[float | str], percent: bool, phone=False):
    size = Size(phone)
    plt = pyplot(size)
    figure, axes = plt.subplots(figsize=sizes.horizontal_bars(labels, values, percent, phone))
    positions = list(range(len(labels)))[::-1]
    values, texts = bar_values(values, percent)
    axes.barh(positions, values, color=PALETTE[0], height=0.6)
    axes.set_yticks(positions, [size.wrap(label, 34) for label in labels])
    top = max(values) if values else 1
    value_axis(axes, percent, top, size)
    for position, value, text in zip(positions, values, texts, strict=True):
        axes.text(
            value + top * 0.01, position, text, va="center", fontsize=size.pt(9), color="#212121"
        )
    axes.tick_params(axis="y", length=0)
    figure.tight_layout()
    return figure


def stacked_shares(
    groups: list[str], answers: list[str], shares: list[list[float] | None], phone=False
):
    """A row of None is hidden (small-count rule): no segments, only the word »dold«."""
    size = Size(phone)
    plt = pyplot(size)
    figure, axes = plt.subplots(figsize=sizes.stacked_shares(groups, answers, shares, phone))
    positions = list(range(len(groups)))[::-1]
    left = [0.0] * len(groups)
    for position, row in zip(positions, shares, strict=True):
        if row is None:
            axes.text(
                1, position, ALSO_HIDDEN_TEXT, va="center", fontsize=size.pt(9), color="#212121"
            )
    for index, answer in enumerate(answers):
        widths = [0.0 if row is None else row[index] for row in shares]
        colour = PALETTE[index % len(PALETTE)]
        axes.barh(
            positions,
            widths,
            left=left,
            height=0.55,
            color=colour,
            hatch=HATCHES[index % len(HATCHES)],
            edgecolor="white",
            linewidth=1.5,
            label=answer,
        )
        for position, start, width in zip(positions, left, widths, strict=True):
            if width >= (18 if phone else 8):  # room for the share inside its segment
                axes.text(
                    start + width / 2,
                    position,
                    procenttecken(Decimal(str(width))),
                    ha="center",
                    va="center",
                    fontsize=size.pt(9),
                    color="white",
                    fontweight="bold",
                    bbox={"facecolor": colour, "edgecolor": "none", "pad": 1},
                )
        left = [a + b for a, b in zip(left, widths, strict=True)]
    axes.set_yticks(positions, [size.wrap(g, 20) for g in groups])
    axes.set_xlim(0, 100)
    if phone:
        axes.set_xticks(range(0, 101, 50))
    axes.xaxis.set_major_formatter(axis_formatter(True))
    axes.tick_params(axis="y", length=0)
    axes.legend(
        loc="upper center",
        bbox_to_anchor=(0.5, -0.12 if phone else -0.25),
        ncol=1 if phone else 3,
        frameon=False,
        fontsize=size.pt(9),
    )
    figure.tight_layout()
    return figure


def panels(panels: list[tuple[str, list[tuple[str, Decimal]]]], phone=False):
    size = Size(phone)
    plt = pyplot(size)
    figure, all_axes = plt.subplots(
        len(panels),
        1,
        figsize=sizes.panels(panels, phone),
        gridspec_kw={"height_ratios": sizes.panel_lines(panels, phone)},
    )
    for index, (axes, (title, rows)) in enumerate(zip(all_axes, panels, strict=True)):
        labels = [size.wrap(q, 42) for q, _ in rows]
        values = [0.0 if is_hidden(v) else float(v) for _, v in rows]  # hidden: no bar
        positions = list(range(len(rows)))[::-1]
        axes.barh(positions, values, color=PALETTE[index], height=0.6)
        axes.set_yticks(positions, labels, fontsize=size.pt(8.5))
        value_axis(axes, True, 100, size)
        _panel_title(figure, axes, title, size)
        axes.tick_params(axis="y", length=0)
        for position, value, (_, stated) in zip(positions, values, rows, strict=True):
            axes.text(
                value + 1, position, procenttecken(stated), va="center", fontsize=size.pt(8.5)
            )
    figure.tight_layout()
    return figure


def _panel_title(figure, axes, title: str, size: Size) -> None:
    if not size.phone:
        axes.set_title(title, loc="left", fontsize=size.pt(10), fontweight="bold")
        return
    from matplotlib.transforms import blended_transform_factory

    # From the figure's left edge, not the bars': a phone has no room beside the labels.
    where = blended_transform_factory(figure.transFigure, axes.transAxes)
    title = size.wrap(title, 60)
    axes.text(0.02, 1.05, title, transform=where, fontsize=size.pt(10), fontweight="bold")


def _shown(value: object) -> int:
    """The length to draw: none for a value the small-count rule hides (or lacks)."""
    return 0 if value is None or is_hidden(value) else value


def split_bars(
    rows: list[tuple[str, object, list[int]]],
    titles: list[str],
    note: str,
    before: int,
    year: int,
    phone=False,
):
    """Per row, last year's total (grey, with `note` on why it is not split) above this
    year's bar split into the series `titles`."""
    size = Size(phone)
    plt = pyplot(size)
    figure, axes = plt.subplots(figsize=sizes.split_bars(rows, titles, note, before, year, phone))
    ticks, labels = [], []
    top = max(max(_shown(old), sum(map(_shown, parts))) for _, old, parts in rows)
    gap = "\n" if phone else " "  # on a phone the explanation goes under the number
    for index, (name, old, parts) in enumerate(rows):
        base = (len(rows) - 1 - index) * 2.6
        if old is not None:
            axes.barh(
                base + 0.9,
                _shown(old),
                height=0.7,
                color=GREY,
                hatch="//",
                edgecolor="white",
                linewidth=1.5,
            )
            text = f"{antal(old)}{gap}({note})" if note else antal(old)
            axes.text(_shown(old) + top * 0.01, base + 0.9, text, va="center", fontsize=size.pt(9))
        left = 0
        for part, (value, title) in enumerate(zip(parts, titles, strict=True)):
            axes.barh(
                base,
                _shown(value),
                left=left,
                height=0.7,
                color=PALETTE[(part * 2) % len(PALETTE)],
                hatch=["", "..", "//", "xx"][part % 4],
                edgecolor="white",
                linewidth=1.5,
                label=title if index == 0 else None,
            )
            left += _shown(value)
        shares = ", ".join(f"{antal(v)} {t.lower()}" for v, t in zip(parts, titles, strict=True))
        total = ALSO_HIDDEN_TEXT if any(map(is_hidden, parts)) else antal(left)
        shares = size.wrap(f"({shares})", 28) if phone else f"({shares})"
        axes.text(
            left + top * 0.01, base, f"{total}{gap}{shares}", va="center", fontsize=size.pt(9)
        )
        ticks += [base + 0.9, base] if old is not None else [base]
        name = size.wrap(name, 28)
        labels += [f"{name}\n{before}", f"{name}\n{year}"] if old is not None else [name]
    axes.set_yticks(ticks, labels)
    axes.set_xlim(0, top * (2.0 if phone else 1.6))
    if phone:
        axes.locator_params(axis="x", nbins=3)
    axes.xaxis.set_major_formatter(axis_formatter(False))
    axes.tick_params(axis="y", length=0)
    axes.legend(
        loc="upper center",
        bbox_to_anchor=(0.5, -0.08 if phone else -0.12),
        ncol=len(titles),
        frameon=False,
        fontsize=size.pt(9),
    )
    figure.tight_layout()
    return figure


def vertical_bars(labels: list[str], values: list[float | str], percent: bool, phone=False):
    size = Size(phone)
    plt = pyplot(size)
    figure, axes = plt.subplots(figsize=sizes.vertical_bars(labels, values, percent, phone))
    positions = list(range(len(labels)))
    values, texts = bar_values(values, percent)
    axes.bar(positions, values, color=PALETTE[0], width=0.6)
    axes.set_xticks(positions, [size.wrap(label, 14) for label in labels])
    top = max(values) if values else 1
    if percent:
        axes.set_ylim(0, 112)
    else:
        axes.set_ylim(0, top * 1.15)
    axes.yaxis.set_major_formatter(axis_formatter(percent))
    for position, value, text in zip(positions, values, texts, strict=True):
        axes.text(position, value + top * 0.01, text, ha="center", va="bottom", fontsize=size.pt(9))
    axes.tick_params(axis="x", length=0)
    figure.tight_layout()
    return figure


def dumbbells(rows: list[tuple[str, int, int]], before: int, year: int, phone=False):
    size = Size(phone)
    plt = pyplot(size)
    figure, all_axes = plt.subplots(
        len(rows), 1, figsize=sizes.dumbbells(rows, before, year, phone)
    )
    for axes, (label, old, new) in zip(all_axes, rows, strict=True):
        top = max(old, new) * 1.25
        axes.annotate(
            "",
            xy=(new, 0),
            xytext=(old, 0),
            arrowprops={
                "arrowstyle": "-|>",
                "color": PALETTE[0],
                "lw": 1.8,
                "shrinkA": 5,
                "shrinkB": 5,
            },
        )
        axes.plot(
            [old],
            [0],
            marker="o",
            markersize=8,
            markerfacecolor="white",
            markeredgecolor=GREY,
            markeredgewidth=2,
        )
        axes.plot([new], [0], marker="o", markersize=8, color=PALETTE[0])
        axes.text(
            old,
            0.45,
            f"{before}: {antal(old)}",
            ha="center",
            fontsize=size.pt(8.5),
            color="#424242",
        )
        axes.text(
            new,
            -0.75,
            f"{year}: {antal(new)}",
            ha="center",
            fontsize=size.pt(8.5),
            color="#212121",
            fontweight="bold",
        )
        axes.set_xlim(0, top)
        axes.set_ylim(-1, 1)
        axes.set_yticks([])
        axes.spines["left"].set_visible(False)
        axes.xaxis.set_major_formatter(axis_formatter(False))
        axes.tick_params(axis="x", labelsize=size.pt(8))
        if phone:
            axes.locator_params(axis="x", nbins=4)
        axes.set_title(
            size.wrap(label, 60) if phone else label,
            loc="left",
            fontsize=size.pt(9.5),
            fontweight="bold",
        )
    figure.tight_layout()
    return figure
