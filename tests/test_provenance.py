"""The preview (KVALITET_FORHANDSVISNING=ja): every number says where it comes from.

The 2019 site is built once in preview mode and compared with the published build (the
session's `site`): a number links to its line in the data file, a derived value says it
is computed, and apart from those links the two sites are the same, byte for byte.
"""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from conftest import ROOT, build, build_zensical, copy_project

from kvalitet.model.provenance import (
    Origin,
    WithOrigin,
    markup,
    origin_of,
    resolve_links,
    sourced,
)
from kvalitet.render.formatting import FILTERS
from kvalitet.tools.engine_diff import differences

MARKER = re.compile(r'<a class="kb-kalla" [^>]*>(.*?)</a>')
# The editors' links, »Redigera sidan« and »Ändra datan«, are in the preview only.
EDITOR_LINKS = re.compile(
    r'<a [^>]*rel="edit">.*?</a>| <span class="kb-andra-datan">.*?</span>'
    r"| Ändra datan: (?:<a [^>]*>[^<]*</a>(?:, )?)+\."
    r'|(?<="navigation.path", )"content.action.edit", ',
    re.S,
)
BLOB = r"https://github\.com/[\w.-]+/[\w.-]+/blob/[^/]+/"
NBSP = "\u00a0"


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KVALITET_FORHANDSVISNING", "ja")
        result = build(ROOT, tmp_path_factory.mktemp("forhandsvisning") / "site")
    assert result.returncode == 0, result.output
    return result


def line_of(path: Path, *keys: str) -> int:
    """The line of the nested YAML key `keys` (or of a CSV row starting with `keys[0]`),
    found by reading the file as text."""
    lines = path.read_text(encoding="utf-8").splitlines()
    number = 0
    for key in keys:
        number = next(
            n
            for n, text in enumerate(lines, 1)
            if n > number and text.lstrip().startswith((f"{key}:", f"{key},"))
        )
    return number


def markers(soup, text: str) -> list:
    return [a for a in soup.select("a.kb-kalla") if a.get_text() == text]


def test_a_number_in_the_text_links_to_its_line(preview):
    line = line_of(ROOT / "data/2019/malgrupper.yaml", "enheten", "personer")
    page = preview.page("2019/underlag/malgruppsbeskrivning/index.html")
    [number] = markers(page, f"1{NBSP}600")[:1]
    where = f"data/2019/malgrupper.yaml, rad {line}, nyckel »enheten.personer«"
    assert number["title"] == f"Källa: {where}"
    assert number["aria-label"] == f"1{NBSP}600, källa: {where}"  # the visible text first
    assert re.fullmatch(BLOB + f"data/2019/malgrupper.yaml#L{line}", number["href"])


def test_a_table_cell_links_to_its_row_and_column(preview):
    line = line_of(ROOT / "data/2019/klagomal.csv", "Beroende")
    table = preview.page("2019/underlag/uppfoljning-och-granskning/index.html").select_one(
        "#tabell-klagomal"
    )
    row = next(tr for tr in table.select("tbody tr") if tr.th.get_text() == "Beroende")
    cell = row.select_one("td a.kb-kalla")
    assert cell.get_text() == "14"
    assert cell["title"] == f"Källa: data/2019/klagomal.csv, rad {line}, kolumn »antal«"
    assert re.fullmatch(BLOB + f"data/2019/klagomal.csv#L{line}", cell["href"])
    total = table.select_one("tfoot a.kb-kalla")
    assert total["title"].startswith("Beräknat värde »totalt«")
    assert "data/2019/klagomal.csv" in total["title"]


def test_a_derived_value_says_it_is_computed_and_from_which_file(preview):
    page = preview.page("2019/underlag/avvikelser/index.html")
    [total] = [a for a in page.select("a.kb-kalla") if "»totalt«" in a["title"]][:1]
    assert total.get_text() == "Sexton"  # {{ … | ord | capitalize }} keeps its source
    assert total["title"] == "Beräknat värde »totalt«, räknas ut ur data/2019/avvikelser.yaml"
    assert re.fullmatch(BLOB + "data/2019/avvikelser.yaml", total["href"])


def test_the_preview_differs_from_the_published_site_only_by_the_sources(site, preview):
    published = {p.relative_to(site.site): p for p in site.site.rglob("*") if p.is_file()}
    shown = {p.relative_to(preview.site): p for p in preview.site.rglob("*") if p.is_file()}
    assert set(published) == set(shown)
    marked, different = 0, []
    for path, file in sorted(published.items()):
        if path.suffix == ".pdf":  # printed only for the published site
            continue
        ours, theirs = shown[path].read_bytes(), file.read_bytes()
        assert b"kb-kalla" not in theirs, f"{path}: a source link in the published site"
        if ours != theirs:
            marked += 1
            unmarked = MARKER.sub(r"\1", EDITOR_LINKS.sub("", ours.decode("utf-8")))
            if unmarked.encode("utf-8") != theirs:
                different.append(str(path))
    assert different == []
    assert marked > 10  # the pages with numbers


def test_preview_pages_pass_axe(preview, browser):
    from browser import serve
    from test_accessibility import axe_violations

    context = browser.new_context(locale="sv-SE")
    page = context.new_page()
    found = {}
    with serve(preview.site) as url:
        for path in ["2019/underlag/malgruppsbeskrivning/", "2019/underlag/kundenkater/"]:
            page.goto(f"{url}/{path}")
            violations = axe_violations(page)
            if violations:
                found[path] = violations
        page.goto(f"{url}/2019/underlag/malgruppsbeskrivning/")
        page.focus("a.kb-kalla")  # the keyboard reaches a source, and Material shows it
        tip = page.wait_for_selector(".md-tooltip2, .md-tooltip", state="visible", timeout=3000)
        assert "malgrupper.yaml" in tip.inner_text()
    context.close()
    assert found == {}


# --- the parts, without a build -----------------------------------------------------------

ORIGIN = Origin("data/2019/x.yaml", 4, "nyckel »a.b«")


@pytest.mark.parametrize("value", [1600, Decimal("59.10"), 2.5, Fraction(2, 3)])
def test_a_sourced_number_is_the_same_number(value):
    number = sourced(value, ORIGIN)
    assert number == value and str(number) == str(value) and origin_of(number) == ORIGIN
    assert origin_of(number + 1) is None  # a computed value has no single line


@pytest.mark.parametrize("value", [True, None, "text"])
def test_other_values_are_left_as_they_are(value):
    assert sourced(value, ORIGIN) is value


def test_filters_show_plain_numbers_as_before():
    shown = FILTERS["antal"](1600)
    assert type(shown) is str and shown == f"1{NBSP}600"


def test_filters_link_a_sourced_number_and_keep_the_words():
    shown = FILTERS["ord"](sourced(16, ORIGIN)).capitalize()
    assert shown == "Sexton" and isinstance(shown, WithOrigin)
    assert f"{shown}" == "Sexton" and "kb-kalla" not in shown + ""  # text where text is wanted
    html = shown.__html__()
    assert 'href="kb-kalla:data/2019/x.yaml#L4"' in html and ">Sexton</a>" in html


def test_links_point_at_the_line_on_github():
    html = str(markup("1", ORIGIN))
    edit = "https://github.com/org/repo/edit/main/docs/"
    assert 'href="https://github.com/org/repo/blob/main/data/2019/x.yaml#L4"' in resolve_links(
        html, edit
    )
    assert resolve_links("<p>1</p>", edit) == "<p>1</p>"


def test_last_years_value_links_to_its_line_in_the_comparison_file(preview):
    key = "insatsutbud.korttidstillsyn.platser_ekliden"
    line = line_of(ROOT / "data/2018/jamforelsetal.yaml", key)
    page = preview.page("2019/underlag/utforare-och-anordnare/index.html")
    where = f"Källa: data/2018/jamforelsetal.yaml, rad {line}, nyckel »{key}«"
    assert [a for a in page.select("a.kb-kalla") if a["title"] == where]


def test_zensical_builds_the_same_preview(preview, tmp_path, monkeypatch):
    """The preview from Zensical: the same source links, and »Redigera sidan« on the pages
    editors write (Zensical gives no page.edit_url without a repo_url)."""
    monkeypatch.setenv("KVALITET_FORHANDSVISNING", "ja")
    result = build_zensical(copy_project(tmp_path / "project"), tmp_path / "site", history=True)
    assert result.returncode == 0, result.output
    assert differences(preview.site, result.site, ("MkDocs", "Zensical")) == []
    edit = "https://github.com/nacka-kommun/kvalitetsberattelse/edit/main/docs/2019/syfte.md"
    button = result.page("2019/syfte/index.html").select_one('a[title="Redigera sidan"]')
    assert button is not None and button["href"] == edit
