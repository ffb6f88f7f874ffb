"""Every page in a real browser, at a computer's width and at a phone's.

Opening every page of the site takes seconds, so each width is one walk of the site that
runs every in-browser check on each page (tests/walks.py) and one test that reports what
each check found, all at once:

- on a computer (1280 px): axe-core finds no WCAG 2.1 AA violation, and no page asks any
  host but the site's own for anything (the intranet may have no internet access);
- on a phone (390 px): axe-core and a second, independent engine (HTML_CodeSniffer, see
  test_accessibility_htmlcs.py) find nothing; every table is readable without a column cut
  off and no cell's text is clipped; every figure's lettering is at least 12 px as shown;
  and at 375 px no page scrolls sideways.

The "Sidan har flyttat" pages are checked too, each on its own. The engines' and the
measurements' own tests, with planted faults, are in test_accessibility.py,
test_accessibility_htmlcs.py and test_phone.py.
"""

from __future__ import annotations

from walks import SMALL_PHONE, SMALLEST_TEXT_PX, desktop, phone


def test_every_page_on_a_computer(site, base_url, browser):
    walk = desktop(site, base_url, browser)
    found = {
        "axe-core": {path: visit["axe"] for path, visit in walk.items() if visit["axe"]},
        "andra värdar": sorted(set().union(*(v["hosts"] for v in walk.values())) - {"127.0.0.1"}),
    }
    assert found == {"axe-core": {}, "andra värdar": []}


def test_every_page_on_a_phone(site, base_url, browser):
    walk = phone(site, base_url, browser)
    found = {
        "axe-core": {p: v["axe"] for p, v in walk.items() if v["axe"]},
        "HTML_CodeSniffer": {p: v["htmlcs"] for p, v in walk.items() if v["htmlcs"]},
        "bredare än skärmen": {
            p: v["scroll_width"] for p, v in walk.items() if v["scroll_width"] > SMALL_PHONE
        },
        "tabeller": {p: v["phone"]["tables"] for p, v in walk.items() if v["phone"]["tables"]},
        "celler": {p: v["phone"]["cells"] for p, v in walk.items() if v["phone"]["cells"]},
        "text i figurer": {
            p: [(src, round(px, 1)) for src, px, _ in v["phone"]["texts"] if px < SMALLEST_TEXT_PX]
            for p, v in walk.items()
            if any(px < SMALLEST_TEXT_PX for _, px, _ in v["phone"]["texts"])
        },
    }
    assert all(problems == {} for problems in found.values()), found
    # The checks saw what they check: figures drawn for phones, with text in them.
    figures = [text for visit in walk.values() for text in visit["phone"]["texts"]]
    assert len(figures) >= 9
    assert all(src.endswith("-mobil.svg") and count >= 5 for src, _, count in figures)
