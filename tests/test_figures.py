"""Figures from data: placed, numbered, described, accessible, reproducible and cached."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import build, svg_pixels

from kvalitet.model.edition import load_edition, load_previous
from kvalitet.render.charts import PALETTE
from kvalitet.render.comparison import Comparisons
from kvalitet.render.figure_render import draw_svg
from kvalitet.render.figures import Figures
from kvalitet.render.views import ViewContext

ROOT = Path(__file__).resolve().parent.parent

PLACED = [  # reading order
    ("2019/underlag/malgruppsbeskrivning/index.html", "lss_beslut"),
    ("2019/underlag/kundenkater/index.html", "kundenkat"),
    ("2019/underlag/systematisk-uppfoljning/index.html", "samsoc_svar"),
    ("2019/underlag/utforare-och-anordnare/index.html", "mottagningar"),
    ("2019/underlag/utforare-och-anordnare/index.html", "kundval"),
    ("2019/underlag/uppfoljning-och-granskning/index.html", "klagomal"),
    ("2019/underlag/uppfoljning-och-granskning/index.html", "granskningar"),
    ("2019/underlag/uppfoljning-och-granskning/index.html", "lex_sarah"),
    ("2019/underlag/rattssakerhetsgranskning/index.html", "rattssakerhet"),
]


@pytest.fixture(scope="module")
def figures():
    current = load_edition(ROOT / "data", 2019)
    previous = load_previous(ROOT / "data", current)
    return Figures(ViewContext(current, previous, Comparisons(current, previous)))


def figure(site, path, name):
    found = site.page(path).select_one(f"figure#figur-{name.replace('_', '-')}")
    assert found is not None, f"figure {name} missing on {path}"
    return found


def test_every_figure_is_placed_and_numbered_in_reading_order(site):
    numbers = []
    for path, name in PLACED:
        caption = figure(site, path, name).figcaption.get_text(strip=True)
        numbers.append(int(re.match(r"Figur (\d+)\. \S", caption).group(1)))
    assert numbers == list(range(1, len(PLACED) + 1))


@pytest.mark.parametrize(("path", "name"), PLACED)
def test_every_figure_has_name_description_data_and_link(site, path, name):
    found = figure(site, path, name)
    image = found.img
    assert 10 <= len(image["alt"]) <= 80
    description = found.select_one(f"#{image['aria-describedby']}")
    assert description is not None and len(description.get_text(strip=True)) > 40
    details = found.details
    assert details.summary.get_text(strip=True) == "Visa data som tabell"
    assert details.table.caption.get_text(strip=True).startswith("Data för figur ")
    links = [a["href"] for a in found.select(".kb-figur__kalla a") if "://" not in a["href"]]
    assert links and all(href.endswith((".csv", ".xlsx")) for href in links)
    svg = (site.site / path).parent / image["src"]
    assert svg.resolve().is_file() and svg.suffix == ".svg"


@pytest.mark.parametrize(("path", "name"), PLACED)
def test_a_page_states_the_size_each_drawing_turned_out(site, path, name):
    # Pages are rendered while the figures are drawn, from sizes the data gives.
    found = figure(site, path, name)
    for tag in (found.img, found.source):
        src = tag.get("src") or tag["srcset"]
        drawn = svg_pixels((site.site / path).parent / src)
        assert (int(tag["width"]), int(tag["height"])) == drawn, src


def test_descriptions_are_written_from_the_data(figures):
    assert figures.spec("klagomal").description == (
        "Flest klagomål gällde Beroende (14), färst Stödboende/trlgh och "
        "Ledsagar- avlösarservice (3 vardera). Sammanlagt 55 klagomål."
    )
    mottagningar = figures.spec("mottagningar").description
    assert (
        "MiniMaria hade 237 kunder (260 året innan), en minskning med 23 kunder eller 9\u00a0procent"
        in mottagningar
    )
    assert "en ökning med 55 kunder eller 20\u00a0procent" in mottagningar


def relative_luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize("colour", PALETTE)
def test_every_colour_has_3_to_1_contrast_against_white(colour):
    assert (1.05) / (relative_luminance(colour) + 0.05) >= 3


def tick_texts(drawing) -> list[str]:
    texts = []
    for axes in drawing.axes:
        texts += [label.get_text() for label in axes.get_xticklabels()]
        texts += [text.get_text() for text in axes.texts]
    return texts


def test_axes_and_labels_use_swedish_number_formatting(figures):
    texts = tick_texts(figures.spec("rattssakerhet").draw())
    assert "63,3\u00a0%" in texts and "100\u00a0%" in texts
    texts = tick_texts(figures.spec("mottagningar").draw())
    assert "237 (73 kvinnor, 164 män)" in texts


def test_an_svg_is_the_same_bytes_every_time(figures):
    spec = figures.spec("kundenkat")
    first, second = draw_svg(spec), draw_svg(spec)
    assert first == second
    assert b"<dc:date>" not in first


def test_a_rebuild_with_unchanged_data_draws_no_figure(project, tmp_path):
    cache = tmp_path / "cache"  # its own, empty
    first = build(project, tmp_path / "first", cache=cache)
    assert "Figurer: 9 ritade, 0 från cachen" in first.output
    second = build(project, tmp_path / "second", cache=cache)
    assert "Figurer: 0 ritade, 9 från cachen" in second.output
    klagomal = project / "data/2019/klagomal.csv"
    klagomal.write_text(klagomal.read_text().replace("Beroende,14", "Beroende,15"))
    third = build(project, tmp_path / "third", cache=cache)
    assert "Figurer: 1 ritade, 8 från cachen" in third.output


def test_every_chart_has_its_size_known_before_it_is_drawn():
    # Pages state a figure's size while it is still being drawn (render/chart_sizes.py).
    import inspect

    from kvalitet.render import charts
    from kvalitet.render.chart_sizes import SIZES

    drawn = {
        name
        for name, function in vars(charts).items()
        if inspect.isfunction(function)
        and function.__module__ == charts.__name__
        and not name.startswith("_")
    }
    assert drawn == set(SIZES)
    for name in drawn:  # the same arguments, so that figures.py's partials fit both
        chart = inspect.signature(getattr(charts, name)).parameters
        assert list(inspect.signature(SIZES[name]).parameters) == list(chart), name
