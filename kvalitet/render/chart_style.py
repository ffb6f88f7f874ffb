"""What every figure shares: the palette, matplotlib's settings, number formats on axes,
and the two sizes a figure is drawn in (for a wide screen and for a phone).

One palette for the whole site. Every colour has at least 3:1 contrast against white
(WCAG 1.4.11), and colour is never the only cue: bars carry their values as text and the
segments of stacked bars have hatch patterns and white separators.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from decimal import Decimal

from kvalitet.render.formatting import antal, procenttecken, tal

PALETTE = ["#3f51b5", "#00796b", "#b3541e", "#6a1b9a", "#5d4037", "#616161"]
HATCHES = ["", "//", "..", "xx", "\\\\", "--"]
GREY = "#616161"


@dataclass(frozen=True)
class Size:
    """A figure's width and lettering. The phone drawing is about as wide as a phone's
    column (3.8 in = 365 px), so it is hardly scaled down there, and every text is at least
    10 pt (13 px): at least 12 px on screens from 360 px wide."""

    phone: bool = False

    @property
    def width(self) -> float:
        return 3.8 if self.phone else 7.2

    def pt(self, size: float) -> float:
        """A text size given for the wide drawing, in the drawing at hand."""
        return 10.5 + (size - 9) / 2 if self.phone else size

    def wrap(self, label: str, width: int) -> str:
        """`label` in lines of at most `width` characters (about half on a phone)."""
        if self.phone:  # words whole: a narrow line never splits »funktionsnedsättning«
            return textwrap.fill(label, round(width * 0.5), break_long_words=False)
        return textwrap.fill(label, width)

    def lines(self, labels: list[str], width: int) -> int:
        """How many lines `labels` take, wrapped as `wrap` wraps them."""
        return sum(self.wrap(label, width).count("\n") + 1 for label in labels)


WIDE = Size()


def pyplot(size: Size = WIDE):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    _measure_once()

    plt.rcParams.update(
        {
            "font.family": "DejaVu Sans",
            "font.size": size.pt(10),
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


def _measure_once() -> None:
    """matplotlib measures each text once per renderer, that is per drawing. Its size
    depends only on the kind of renderer, the resolution, the text and the font, and the
    same labels recur in every drawing: measured once per process, a tenth less time."""
    import matplotlib.text

    measure = matplotlib.text._get_text_metrics_with_cache
    if getattr(measure, "shared", False):
        return
    sizes: dict[tuple, tuple[float, float, float]] = {}

    def shared(renderer, text, font, ismath, dpi):
        key = (type(renderer), getattr(renderer, "dpi", None), text, font.copy(), ismath, dpi)
        if key not in sizes:
            if len(sizes) > 10_000:  # a bound on the memory (50 editions: about 5 000)
                sizes.clear()
            sizes[key] = measure(renderer, text, font, ismath, dpi)
        return sizes[key]

    shared.shared = True
    matplotlib.text._get_text_metrics_with_cache = shared


def axis_formatter(percent: bool):
    from matplotlib.ticker import FuncFormatter

    if percent:
        return FuncFormatter(lambda x, _: procenttecken(Decimal(str(round(x)))))
    return FuncFormatter(lambda x, _: antal(int(x)) if float(x).is_integer() else tal(x))


def value_axis(axes, percent: bool, top: float, size: Size = WIDE) -> None:
    """The value axis, with room on the right for the value labels."""
    if percent:
        axes.set_xlim(0, 125 if size.phone else 112)
        axes.set_xticks(range(0, 101, 50 if size.phone else 20))
    else:
        # a draft's figure may have nothing above 0 yet; matplotlib warns on an empty range
        axes.set_xlim(0, (top or 1) * (1.3 if size.phone else 1.15))
        if size.phone:
            axes.locator_params(axis="x", nbins=4)
    axes.xaxis.set_major_formatter(axis_formatter(percent))


def bar_values(values: list[float | str], percent: bool) -> tuple[list[float], list[str]]:
    """(bar lengths, labels); a text instead of a value (»färre än 5«) is drawn as no bar."""
    lengths = [0.0 if isinstance(v, str) else v for v in values]
    labels = [
        v if isinstance(v, str) else procenttecken(Decimal(str(v))) if percent else antal(int(v))
        for v in values
    ]
    return lengths, labels
