"""Drawing the figures with matplotlib (imported only when a figure is actually drawn).

One palette for the whole site. Every colour has at least 3:1 contrast against white
(WCAG 1.4.11), and colour is never the only cue: bars carry their values as text and the
segments of stacked bars have hatch patterns and white separators.
"""

from __future__ import annotations

import textwrap
from decimal import Decimal

from kvalitet.model.small_counts import ALSO_HIDDEN_TEXT, is_hidden
from kvalitet.render.formatting import antal, procenttecken, tal

PALETTE = ["#3f51b5", "#00796b", "#b3541e", "#6a1b9a", "#5d4037", "#616161"]
HATCHES = ["", "//", "..", "xx", "\\\\", "--"]
GREY = "#616161"


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update(
        {
            "font.family": "DejaVu Sans",
            "font.size": 10,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.edgecolor": "#424242",
            "axes.labelcolor": "#212121",
            "xtick.color": "#424242",
            "ytick.color": "#212121",
            "svg.fonttype": "path",
            "svg.hashsalt": "kvalitetsberattelse",  # stable ids: same data, same bytes
            "hatch.color": "#ffffff",
            "hatch.linewidth": 1.0,
        }
    )
    return plt


def _wrap(label: str, width: int = 34) -> str:
    return textwrap.fill(label, width)


def _axis_formatter(percent: bool):
    from matplotlib.ticker import FuncFormatter

    if percent:
        return FuncFormatter(lambda x, _: procenttecken(Decimal(str(round(x)))))
    return FuncFormatter(lambda x, _: antal(int(x)) if float(x).is_integer() else tal(x))


def _value_axis(axes, percent: bool, top: float) -> None:
    """The value axis, with room on the right for the value labels."""
    if percent:
        axes.set_xlim(0, 112)
        axes.set_xticks(range(0, 101, 20))
    else:
        axes.set_xlim(0, top * 1.15)
    axes.xaxis.set_major_formatter(_axis_formatter(percent))


def _bar_values(values: list[float | str], percent: bool) -> tuple[list[float], list[str]]:
    """(bar lengths, labels); a text instead of a value (»färre än 5«) is drawn as no bar."""
    lengths = [0.0 if isinstance(v, str) else v for v in values]
    labels = [
        v if isinstance(v, str) else procenttecken(Decimal(str(v))) if percent else antal(int(v))
        for v in values
    ]
    return lengths, labels


def horizontal_bars(labels: list[str], values: list[float | str], percent: bool):
    plt = _pyplot()
    height = 0.9 + 0.42 * len(labels)
    figure, axes = plt.subplots(figsize=(7.2, height))
    positions = list(range(len(labels)))[::-1]
    values, texts = _bar_values(values, percent)
    axes.barh(positions, values, color=PALETTE[0], height=0.6)
    axes.set_yticks(positions, [_wrap(label) for label in labels])
    top = max(values) if values else 1
    _value_axis(axes, percent, top)
    for position, value, text in zip(positions, values, texts, strict=True):
        axes.text(value + top * 0.01, position, text, va="center", fontsize=9, color="#212121")
    axes.tick_params(axis="y", length=0)
    figure.tight_layout()
    return figure


def stacked_shares(groups: list[str], answers: list[str], shares: list[list[float] | None]):
    """A row of None is hidden (small-count rule): no segments, only the word »dold«."""
    plt = _pyplot()
    figure, axes = plt.subplots(figsize=(7.2, 1.2 + 0.7 * len(groups)))
    positions = list(range(len(groups)))[::-1]
    left = [0.0] * len(groups)
    for position, row in zip(positions, shares, strict=True):
        if row is None:
            axes.text(1, position, ALSO_HIDDEN_TEXT, va="center", fontsize=9, color="#212121")
    for index, answer in enumerate(answers):
        widths = [0.0 if row is None else row[index] for row in shares]
        axes.barh(
            positions,
            widths,
            left=left,
            height=0.55,
            color=PALETTE[index % len(PALETTE)],
            hatch=HATCHES[index % len(HATCHES)],
            edgecolor="white",
            linewidth=1.5,
            label=answer,
        )
        for position, start, width in zip(positions, left, widths, strict=True):
            if width >= 8:
                axes.text(
                    start + width / 2,
                    position,
                    procenttecken(Decimal(str(width))),
                    ha="center",
                    va="center",
                    fontsize=9,
                    color="white",
                    fontweight="bold",
                    bbox={
                        "facecolor": PALETTE[index % len(PALETTE)],
                        "edgecolor": "none",
                        "pad": 1,
                    },
                )
        left = [a + b for a, b in zip(left, widths, strict=True)]
    axes.set_yticks(positions, [_wrap(g, 20) for g in groups])
    axes.set_xlim(0, 100)
    axes.xaxis.set_major_formatter(_axis_formatter(True))
    axes.tick_params(axis="y", length=0)
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.25), ncol=3, frameon=False, fontsize=9)
    figure.tight_layout()
    return figure


def panels(panels: list[tuple[str, list[tuple[str, Decimal]]]]):
    plt = _pyplot()
    counts = [len(rows) for _, rows in panels]
    figure, all_axes = plt.subplots(
        len(panels),
        1,
        figsize=(7.2, 1.0 + 0.36 * sum(counts) + 0.5 * len(panels)),
        gridspec_kw={"height_ratios": counts},
    )
    for index, (axes, (title, rows)) in enumerate(zip(all_axes, panels, strict=True)):
        labels = [_wrap(q, 42) for q, _ in rows]
        values = [0.0 if is_hidden(v) else float(v) for _, v in rows]  # hidden: no bar
        positions = list(range(len(rows)))[::-1]
        axes.barh(positions, values, color=PALETTE[index], height=0.6)
        axes.set_yticks(positions, labels, fontsize=8.5)
        _value_axis(axes, True, 100)
        axes.set_title(title, loc="left", fontsize=10, fontweight="bold")
        axes.tick_params(axis="y", length=0)
        for position, (value, (_, stated)) in zip(
            positions, zip(values, rows, strict=True), strict=True
        ):
            axes.text(value + 1, position, procenttecken(stated), va="center", fontsize=8.5)
    figure.tight_layout()
    return figure


def _shown(value: object) -> int:
    """The length to draw: none for a value the small-count rule hides (or lacks)."""
    return 0 if value is None or is_hidden(value) else value


def split_bars(
    rows: list[tuple[str, object, list[int]]],
    titles: list[str],
    note: str,
    before: int,
    year: int,
):
    """Per row, last year's total (grey, with `note` on why it is not split) above this
    year's bar split into the series `titles`."""
    plt = _pyplot()
    figure, axes = plt.subplots(figsize=(7.2, 1.2 + 1.1 * len(rows)))
    ticks, labels = [], []
    top = max(max(_shown(old), sum(map(_shown, parts))) for _, old, parts in rows)
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
            text = f"{antal(old)} ({note})" if note else antal(old)
            axes.text(_shown(old) + top * 0.01, base + 0.9, text, va="center", fontsize=9)
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
        axes.text(left + top * 0.01, base, f"{total} ({shares})", va="center", fontsize=9)
        ticks += [base + 0.9, base] if old is not None else [base]
        labels += [f"{name}\n{before}", f"{name}\n{year}"] if old is not None else [name]
    axes.set_yticks(ticks, labels)
    axes.set_xlim(0, top * 1.6)
    axes.xaxis.set_major_formatter(_axis_formatter(False))
    axes.tick_params(axis="y", length=0)
    axes.legend(
        loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=len(titles), frameon=False, fontsize=9
    )
    figure.tight_layout()
    return figure


def vertical_bars(labels: list[str], values: list[float | str], percent: bool):
    plt = _pyplot()
    figure, axes = plt.subplots(figsize=(7.2, 4.2))
    positions = list(range(len(labels)))
    values, texts = _bar_values(values, percent)
    axes.bar(positions, values, color=PALETTE[0], width=0.6)
    axes.set_xticks(positions, [_wrap(label, 14) for label in labels])
    top = max(values) if values else 1
    if percent:
        axes.set_ylim(0, 112)
    else:
        axes.set_ylim(0, top * 1.15)
    axes.yaxis.set_major_formatter(_axis_formatter(percent))
    for position, value, text in zip(positions, values, texts, strict=True):
        axes.text(position, value + top * 0.01, text, ha="center", va="bottom", fontsize=9)
    axes.tick_params(axis="x", length=0)
    figure.tight_layout()
    return figure


def dumbbells(rows: list[tuple[str, int, int]], before: int, year: int):
    plt = _pyplot()
    figure, all_axes = plt.subplots(len(rows), 1, figsize=(7.2, 0.85 * len(rows) + 0.6))
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
        axes.text(old, 0.45, f"{before}: {antal(old)}", ha="center", fontsize=8.5, color="#424242")
        axes.text(
            new,
            -0.75,
            f"{year}: {antal(new)}",
            ha="center",
            fontsize=8.5,
            color="#212121",
            fontweight="bold",
        )
        axes.set_xlim(0, top)
        axes.set_ylim(-1, 1)
        axes.set_yticks([])
        axes.spines["left"].set_visible(False)
        axes.xaxis.set_major_formatter(_axis_formatter(False))
        axes.tick_params(axis="x", labelsize=8)
        axes.set_title(label, loc="left", fontsize=9.5, fontweight="bold")
    figure.tight_layout()
    return figure
