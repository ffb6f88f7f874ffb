"""WCAG 2.1 AA in a real browser: the axe-core engine, and the keyboard on its own
(axe-core runs on every page in test_every_page.py).

axe-core is the npm package (node_modules/axe-core, pinned in package-lock.json),
injected into Debian's Chromium with Playwright.
"""

from __future__ import annotations

import pytest
from walks import axe_violations

__all__ = ["axe_violations"]  # other tests check their own pages with it


def test_axe_reports_a_planted_fault(page):
    page.set_content(
        '<!doctype html><html lang="sv"><title>t</title><body><main>'
        '<img src="bild.png"><p style="color:#999;background:#fff">Grå text</p>'
        "</main></body></html>"
    )
    rules = {violation["rule"] for violation in axe_violations(page)}
    assert {"image-alt", "color-contrast"} <= rules


def test_skip_link_takes_the_keyboard_to_the_content(page, base_url):
    page.goto(f"{base_url}/2019/underlag/malgruppsbeskrivning/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Gå till innehållet"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('article')")


FOCUS_STYLE = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow && style.boxShadow !== 'none';
  return {what: el.outerHTML.slice(0, 80), visible: outline || shadow};
}"""


@pytest.mark.parametrize("start", ["", "2019/"], ids=["webbplatsen", "2019"])
def test_focus_is_visible_on_every_stop_of_the_start_page(page, base_url, start):
    page.goto(f"{base_url}/{start}")
    invisible = []
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement === document.body"):
            break
        state = page.evaluate(FOCUS_STYLE)
        if not state["visible"]:
            invisible.append(state["what"])
    assert invisible == []


def test_navigation_sections_open_with_the_keyboard(page, base_url):
    """The menu shows only the open part (navigation.prune: it grows with every edition);
    a closed section is a link to its own page, where its pages are listed."""
    page.goto(f"{base_url}/2019/")
    menu = page.locator("nav.md-nav--primary")
    section = menu.locator("text=4.1 Förändrade förutsättningar").first
    assert section.count() == 0  # not in the page at all
    menu.locator("a.md-nav__link", has_text="4 Underlag för analys").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/2019/underlag/")
    assert section.is_visible()


def test_figure_data_opens_with_the_keyboard(page, base_url):
    page.goto(f"{base_url}/2019/underlag/uppfoljning-och-granskning/")
    details = page.locator("#figur-klagomal details")
    table = details.locator("table")
    assert not table.is_visible()
    details.locator("summary").focus()
    page.keyboard.press("Enter")
    assert table.is_visible()
    page.keyboard.press("Space")
    assert not table.is_visible()
