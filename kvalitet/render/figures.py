"""The report's figures, drawn from the same data as its tables.

Each figure is a `FigureSpec`: a caption, a short accessible name, a longer description
written from the data (largest and smallest values, direction of change), the data as a
table and a matplotlib drawing. `figure_render.py` turns the drawing into a static,
reproducible SVG (cached on the data and this file's code); `figur("namn")` in Markdown
places it on a page as a numbered ``<figure>``.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import partial

from kvalitet.model.edition import Edition, PreviousYear
from kvalitet.render.comparison import Comparisons
from kvalitet.render.formatting import antal, procent, procenttecken, tal
from kvalitet.render.html_table import Cell, RowGroup, TableSpec
from kvalitet.render.tables import share_fields

# One palette for the whole site. Every colour has at least 3:1 contrast against white
# (WCAG 1.4.11), and colour is never the only cue: bars carry their values as text and
# the segments of stacked bars have hatch patterns and white separators.
PALETTE = ["#3f51b5", "#00796b", "#b3541e", "#6a1b9a", "#5d4037", "#616161"]
HATCHES = ["", "//", "..", "xx", "\\\\", "--"]
GREY = "#616161"


@dataclass
class FigureSpec:
    name: str
    caption: str  # without the "Figur N." prefix
    alt: str  # the image's accessible name, at most about 80 characters
    description: str  # what the figure shows, written from the data
    table: TableSpec  # the figure's data, shown under "Visa data som tabell"
    files: list[str]  # the data files that feed it, e.g. ["klagomal.csv"]
    draw: Callable[[], object]  # returns a matplotlib Figure; picklable, see figure_render


def listing(items: list[str]) -> str:
    """Swedish list: "a", "a och b", "a, b och c"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " och " + items[-1]


def extremes(
    pairs: list[tuple[str, object]], show: Callable[[object], str], most: str, least: str
) -> str:
    """ "Flest klagomål gällde Beroende (14), färst X och Y (3 vardera)."-style sentence."""
    values = [value for _, value in pairs]
    high, low = max(values), min(values)

    def named(target) -> str:
        labels = [label for label, value in pairs if value == target]
        each = " vardera" if len(labels) > 1 else ""
        return f"{listing(labels)} ({show(target)}{each})"

    return f"{most} {named(high)}, {least} {named(low)}."


class Figures:
    def __init__(self, current: Edition, previous: PreviousYear, comparisons: Comparisons):
        self.current = current
        self.previous = previous
        self.comparisons = comparisons
        self.builders: dict[str, Callable[[], FigureSpec]] = {
            "lss_beslut": self.lss_beslut,
            "kundenkat": self.kundenkat,
            "samsoc_svar": self.samsoc_svar,
            "mottagningar": self.mottagningar,
            "kundval": self.kundval,
            "klagomal": self.klagomal,
            "granskningar": self.granskningar,
            "lex_sarah": self.lex_sarah,
            "rattssakerhet": self.rattssakerhet,
        }

    def spec(self, name: str) -> FigureSpec:
        return self.builders[name]()

    def all(self) -> list[FigureSpec]:
        return [build() for build in self.builders.values()]

    @property
    def year(self) -> int:
        return self.current.year

    def _data(self, name: str):
        return self.current.values[name]

    # --- the figures ------------------------------------------------------------------

    def lss_beslut(self) -> FigureSpec:
        rows = [(r.insats, r.beslut) for r in self._data("lss_beslut")]
        return self._bars(
            "lss_beslut",
            f"De vanligaste LSS-insatserna {self.year}, antal beslut",
            f"Liggande stapeldiagram: antal beslut per LSS-insats {self.year}",
            extremes(rows, antal, "Flest beslut gällde", "färst"),
            rows,
            ("Insats", "Antal beslut"),
            ["lss_beslut.csv"],
        )

    def klagomal(self) -> FigureSpec:
        data = self._data("klagomal")
        rows = [(r.insats, r.antal) for r in data]
        description = (
            f"{extremes(rows, antal, 'Flest klagomål gällde', 'färst')} "
            f"Sammanlagt {antal(data.totalt)} klagomål."
        )
        return self._bars(
            "klagomal",
            f"Inrapporterade klagomål per insats, {self.year}",
            f"Liggande stapeldiagram: klagomål per insats {self.year}",
            description,
            rows,
            ("Insats", "Antal klagomål"),
            ["klagomal.csv"],
        )

    def lex_sarah(self) -> FigureSpec:
        data = self._data("lex_sarah")
        rows = [(r.verksamhet, r.antal) for r in data]
        description = (
            f"{extremes(rows, antal, 'Flest rapporter gällde', 'färst')} "
            f"Sammanlagt {antal(data.totalt)} rapporter."
        )
        return self._bars(
            "lex_sarah",
            f"Lex Sarah-rapporter från anordnare och utförare per verksamhet, {self.year}",
            f"Liggande stapeldiagram: Lex Sarah-rapporter per verksamhet {self.year}",
            description,
            rows,
            ("Verksamhet", "Antal rapporter"),
            ["lex_sarah.csv"],
        )

    def samsoc_svar(self) -> FigureSpec:
        rows = [(r.fraga, r.andel) for r in self._data("samsoc_svar")]
        return self._bars(
            "samsoc_svar",
            f"Svar i SamSoc {self.year}, andel av de svarande",
            f"Liggande stapeldiagram: andel svar per fråga i SamSoc {self.year}",
            extremes(rows, procent, "Störst andel:", "minst andel:"),
            rows,
            ("Uppgift", "Andel av de svarande"),
            ["samsoc_svar.csv"],
            percent=True,
        )

    def granskningar(self) -> FigureSpec:
        data = self._data("granskningar")
        rows = [
            ("Uppfyller kraven", data.uppfyller_kraven),
            ("Åtgärdsplan", data.atgardsplaner),
            ("Varning", data.varningar),
        ]
        description = (
            f"Av {antal(data.antal)} granskningar uppfyllde {antal(data.uppfyller_kraven)} kraven, "
            f"{antal(data.atgardsplaner)} fick en åtgärdsplan och {antal(data.varningar)} ledde "
            f"till en varning. {antal(data.pakallade)} av granskningarna var påkallade."
        )
        return self._bars(
            "granskningar",
            f"Granskningar av anordnare och utförare {self.year} efter utfall",
            f"Liggande stapeldiagram: granskningar {self.year} efter utfall",
            description,
            rows,
            ("Utfall", "Antal granskningar"),
            ["granskningar.csv"],
        )

    def kundenkat(self) -> FigureSpec:
        groups = list(self._data("kundenkat"))
        answers = share_fields(self.current, "kundenkat")
        parts = []
        for group in groups:
            unhappy = group.ganska_missnojd + group.mycket_missnojd
            parts.append(
                f"bland de svarande med {group.grupp.lower()} var "
                f"{procent(group.mycket_nojd)} mycket nöjda och {procent(unhappy)} "
                "ganska eller mycket missnöjda"
            )
        text = "; ".join(parts)
        description = text[0].upper() + text[1:] + "."
        table = TableSpec(
            ["Svar"] + [g.grupp for g in groups],
            [
                RowGroup(
                    [
                        [Cell(label)] + [Cell(getattr(g, key), "procent") for g in groups]
                        for key, label in answers
                    ]
                )
            ],
        )

        draw = partial(
            _stacked_shares,
            [g.grupp for g in groups],
            [label for _, label in answers],
            [[float(getattr(g, key)) for key, _ in answers] for g in groups],
        )

        return FigureSpec(
            "kundenkat",
            f"Kundenkäten {self.year}: hur nöjda de svarande är, andel per målgrupp",
            f"Staplade stapeldiagram: nöjdhet per målgrupp i kundenkäten {self.year}",
            description,
            table,
            ["kundenkat.csv"],
            draw,
        )

    def rattssakerhet(self) -> FigureSpec:
        info = self._data("rattssakerhet")
        answers = self._data("rattssakerhet_svar")
        panels, groups, sentences = [], [], []
        for key in ("lss_barn", "lss_vuxen", "vuxengruppen"):
            name = getattr(info, key).namn
            rows = [(r.fraga, r.andel) for r in answers.group(key)]
            panels.append((name, rows))
            groups.append(RowGroup([[Cell(q), Cell(v, "procent")] for q, v in rows], heading=name))
            high = max(rows, key=lambda row: row[1])
            low = min(rows, key=lambda row: row[1])
            sentences.append(
                f"{name}: högst »{high[0]}« ({procent(high[1])}), lägst »{low[0]}« ({procent(low[1])})."
            )
        return FigureSpec(
            "rattssakerhet",
            f"Rättssäkerhetsgranskningen {self.year}: andel ärenden per fråga och grupp",
            f"Liggande stapeldiagram i tre delar: rättssäkerhetsgranskningen {self.year}",
            " ".join(sentences),
            TableSpec(["Granskad uppgift", "Andel av ärendena"], groups),
            ["rattssakerhet_svar.csv", "rattssakerhet.yaml"],
            partial(_panels, panels),
        )

    def mottagningar(self) -> FigureSpec:
        data = list(self._data("mottagningar"))
        before = self.previous.year
        rows, sentences = [], []
        for r in data:
            path = f"mottagningar.{r.nyckel}.kunder"
            earlier = self.previous.value(path)
            rows.append((r.mottagning, earlier, r.kvinnor, r.man))
            sentences.append(f"{r.mottagning} hade {self.comparisons.jamforelse(path, 'kunder')}")
        description = (
            f"{'. '.join(sentences)}. Fördelningen på kön {before} anges inte i rapporten."
        )
        table = TableSpec(
            [
                "Mottagning",
                f"Kunder {before}",
                f"Kvinnor {self.year}",
                f"Män {self.year}",
                f"Kunder {self.year}",
            ],
            [
                RowGroup(
                    [
                        [
                            Cell(name),
                            Cell(old, "antal"),
                            Cell(w, "antal"),
                            Cell(m, "antal"),
                            Cell(w + m, "antal"),
                        ]
                        for name, old, w, m in rows
                    ]
                )
            ],
        )
        return FigureSpec(
            "mottagningar",
            f"Kunder vid {listing([r[0] for r in rows])} efter kön, {before} och {self.year}",
            f"Stapeldiagram: kunder per mottagning och kön, {before} och {self.year}",
            description,
            table,
            ["mottagningar.csv", "jamforelsetal.yaml"],
            partial(_clinics, rows, before, self.year),
        )

    def kundval(self) -> FigureSpec:
        measures = [
            (
                "Ledsagar- och avlösarservice, personer med beslut",
                "insatsutbud.ledsagar_avlosarservice.personer",
            ),
            ("Korttidsvistelse, personer med beslut", "lss_beslut.korttidsvistelse.beslut"),
            ("Korttidstillsyn, personer med beslut", "lss_beslut.korttidstillsyn.beslut"),
            (
                "Daglig verksamhet, godkända verksamheter",
                "insatsutbud.daglig_verksamhet.verksamheter",
            ),
            ("Boendestöd, anordnare", "insatsutbud.boendestod.anordnare"),
        ]
        before = self.previous.year
        rows = [
            (label, self.previous.value(path), self.current.resolve(path))
            for label, path in measures
        ]
        sentences = [
            f"{label}: {antal(new)} ({self.comparisons.jamforelse(path, med_varde=False)})"
            for (label, path), (_, _, new) in zip(measures, rows, strict=True)
        ]
        table = TableSpec(
            ["Kundval", str(before), str(self.year), "Förändring"],
            [
                RowGroup(
                    [
                        [
                            Cell(label),
                            Cell(old, "antal"),
                            Cell(new, "antal"),
                            Cell(new - old, "forandring"),
                        ]
                        for label, old, new in rows
                    ]
                )
            ],
        )
        return FigureSpec(
            "kundval",
            f"Kundval: volymer och anordnare {before} och {self.year}",
            f"Punktdiagram: förändring i fem kundval från {before} till {self.year}",
            ". ".join(sentences) + ".",
            table,
            ["insatsutbud.yaml", "lss_beslut.csv", "jamforelsetal.yaml"],
            partial(_dumbbells, rows, before, self.year),
        )

    # --- shared pieces ------------------------------------------------------------------

    def _bars(
        self, name, caption, alt, description, rows, columns, files, percent=False
    ) -> FigureSpec:
        kind = "procent" if percent else "antal"
        table = TableSpec(
            list(columns), [RowGroup([[Cell(label), Cell(value, kind)] for label, value in rows])]
        )
        labels = [label for label, _ in rows]
        values = [float(value) for _, value in rows]
        return FigureSpec(
            name,
            caption,
            alt,
            description,
            table,
            files,
            partial(_horizontal_bars, labels, values, percent),
        )


# --- drawing (matplotlib is imported only when a figure is actually drawn) --------------------


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


def _horizontal_bars(labels: list[str], values: list[float], percent: bool):
    plt = _pyplot()
    height = 0.9 + 0.42 * len(labels)
    figure, axes = plt.subplots(figsize=(7.2, height))
    positions = list(range(len(labels)))[::-1]
    axes.barh(positions, values, color=PALETTE[0], height=0.6)
    axes.set_yticks(positions, [_wrap(label) for label in labels])
    top = max(values) if values else 1
    _value_axis(axes, percent, top)
    for position, value in zip(positions, values, strict=True):
        text = procenttecken(Decimal(str(value))) if percent else antal(int(value))
        axes.text(value + top * 0.01, position, text, va="center", fontsize=9, color="#212121")
    axes.tick_params(axis="y", length=0)
    figure.tight_layout()
    return figure


def _stacked_shares(groups: list[str], answers: list[str], shares: list[list[float]]):
    plt = _pyplot()
    figure, axes = plt.subplots(figsize=(7.2, 1.2 + 0.7 * len(groups)))
    positions = list(range(len(groups)))[::-1]
    left = [0.0] * len(groups)
    for index, answer in enumerate(answers):
        widths = [row[index] for row in shares]
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


def _panels(panels: list[tuple[str, list[tuple[str, Decimal]]]]):
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
        values = [float(v) for _, v in rows]
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


def _clinics(rows: list[tuple[str, int, int, int]], before: int, year: int):
    plt = _pyplot()
    figure, axes = plt.subplots(figsize=(7.2, 1.2 + 1.1 * len(rows)))
    ticks, labels = [], []
    top = max(max(old, w + m) for _, old, w, m in rows)
    for index, (name, old, women, men) in enumerate(rows):
        base = (len(rows) - 1 - index) * 2.6
        axes.barh(
            base + 0.9, old, height=0.7, color=GREY, hatch="//", edgecolor="white", linewidth=1.5
        )
        axes.text(
            old + top * 0.01, base + 0.9, f"{antal(old)} (kön anges inte)", va="center", fontsize=9
        )
        axes.barh(
            base,
            women,
            height=0.7,
            color=PALETTE[0],
            edgecolor="white",
            linewidth=1.5,
            label="Kvinnor" if index == 0 else None,
        )
        axes.barh(
            base,
            men,
            left=women,
            height=0.7,
            color=PALETTE[2],
            hatch="..",
            edgecolor="white",
            linewidth=1.5,
            label="Män" if index == 0 else None,
        )
        axes.text(
            women + men + top * 0.01,
            base,
            f"{antal(women + men)} ({antal(women)} kvinnor, {antal(men)} män)",
            va="center",
            fontsize=9,
        )
        ticks += [base + 0.9, base]
        labels += [f"{name}\n{before}", f"{name}\n{year}"]
    axes.set_yticks(ticks, labels)
    axes.set_xlim(0, top * 1.6)
    axes.xaxis.set_major_formatter(_axis_formatter(False))
    axes.tick_params(axis="y", length=0)
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, frameon=False, fontsize=9)
    figure.tight_layout()
    return figure


def _dumbbells(rows: list[tuple[str, int, int]], before: int, year: int):
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
