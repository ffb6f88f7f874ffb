"""WCAG 2.1 AA checked by a second, independent engine: HTML_CodeSniffer on every page.

axe-core (test_accessibility.py) and HTML_CodeSniffer implement WCAG's techniques
separately and disagree in useful places: HTML_CodeSniffer wants a submit button in every
form (H32), ``headers`` attributes on the data cells of a table with more than one level of
headers (H43), and a name on every form field, hidden or not (H91, F68).

HTML_CodeSniffer is the npm package (node_modules/html_codesniffer, pinned in
package-lock.json), injected like axe-core. Its standard ``WCAG2AA`` is WCAG 2.1 A and AA.
Every *error* counts: a technique that fails for certain, contrast included. Its warnings
and notices do not: they ask a person to judge ("check that the title describes the
document", contrast it cannot compute over a transparent background). One width, a phone's,
is enough: what it reads hardly depends on the width, and axe-core checks both.
"""

from __future__ import annotations

import re
from pathlib import Path

from conftest import html_pages, opened

from kvalitet.site.html_fixes import fix_material_html

ROOT = Path(__file__).resolve().parent.parent
HTMLCS = ROOT / "node_modules/html_codesniffer/build/HTMLCS.js"
STANDARD = "WCAG2AA"
# Each error as "<success criterion>.<technique> <start tag> «<table caption>»: <message>".
RUN_HTMLCS = """(standard) => new Promise((resolve, reject) => {
  const where = (el) => {
    if (!el || !el.outerHTML) return String(el && el.nodeName);
    const tag = el.outerHTML.slice(0, el.outerHTML.indexOf('>') + 1);
    return el.caption ? tag + ' «' + el.caption.textContent.trim() + '»' : tag;
  };
  HTMLCS.process(standard, document, () => resolve(
    HTMLCS.getMessages()
      .filter(m => m.type === HTMLCS.ERROR)
      .map(m => m.code.split('.').slice(3).join('.') + ' ' + where(m.element) + ': ' + m.msg)
  ), reject, 'en');
})"""


def htmlcs_errors(page) -> list[str]:
    """HTML_CodeSniffer's errors on the document open in `page`; the engine is injected
    unless the page's context already runs it in every document."""
    if not page.evaluate("typeof HTMLCS !== 'undefined'"):
        page.add_script_tag(path=str(HTMLCS))
    return page.evaluate(RUN_HTMLCS, STANDARD)


def test_no_page_has_htmlcs_errors(site, base_url, browser):
    context = browser.new_context(locale="sv-SE", viewport={"width": 390, "height": 844})
    # Present in every document from the start (it runs only when called, after the load):
    # seconds faster over the whole site than adding it to each page after the load.
    context.add_init_script(path=str(HTMLCS))
    page = context.new_page()
    found = {}
    for path in html_pages(site):  # the "Sidan har flyttat" pages too
        with opened(page, base_url, site, path):
            errors = htmlcs_errors(page)
        if errors:
            found[path] = errors
    context.close()
    report = "\n".join(f"{path}\n  " + "\n  ".join(errors) for path, errors in found.items())
    assert found == {}, f"HTML_CodeSniffer, WCAG 2.1 AA:\n{report}"


FAULTS = """<!doctype html><html lang="sv"><title>t</title><body><main>
<form><label for="f">Fält</label><input id="f" name="f"></form>
<input type="checkbox" id="ensam">
<table><caption>t</caption>
<thead><tr><th scope="col">Uppgift</th><th scope="col">Andel</th></tr></thead>
<tbody><tr><th scope="rowgroup" colspan="2">Grupp</th></tr>
<tr><th scope="row">A</th><td>1 %</td></tr></tbody></table>
</main></body></html>"""


def test_htmlcs_reports_planted_faults(page):
    page.set_content(FAULTS)
    # "1_3_1.H43.HeadersRequired <table> «t»: ..." -> "H43.HeadersRequired"
    techniques = {error.split(" ", 1)[0].split(".", 1)[1] for error in htmlcs_errors(page)}
    assert {"H32.2", "H91.InputCheckbox.Name", "F68", "H43.HeadersRequired"} <= techniques


def test_htmlcs_accepts_the_fixed_forms(page):
    page.set_content(
        '<!doctype html><html lang="sv"><title>t</title><body><main><form>'
        '<label for="f">Fält</label><input id="f" name="f">'
        '<button type="submit" class="md-button">Visa urvalet</button></form>'
        "</main></body></html>"
    )
    assert htmlcs_errors(page) == []


def test_a_toc_toggle_without_a_label_goes_and_a_label_without_a_toggle_loses_its_for():
    toggle = '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">'
    label = '<label class="md-nav__title" for="__toc">Innehåll</label>'
    assert fix_material_html(f"<li>{toggle}<a>Sida</a></li>") == "<li><a>Sida</a></li>"
    assert fix_material_html(f"<nav>{label}</nav>") == (
        '<nav><label class="md-nav__title">Innehåll</label></nav>'
    )
    assert fix_material_html(f"{toggle}{label}") == f"{toggle}{label}"


def test_the_quality_plan_filter_s_submit_button_applies_the_choice_in_place(page, base_url):
    """The button HTML_CodeSniffer asks for (H32) must not send the form anywhere: the page
    stays, with the reader's choice applied and announced."""
    page.goto(f"{base_url}/2019/kvalitetsplan/")
    page.select_option("#kb-filter-grupp", label="LSS")
    page.evaluate("document.getElementById('kb-filter-resultat').textContent = ''")
    page.get_by_role("button", name="Visa urvalet").press("Enter")
    assert page.url == f"{base_url}/2019/kvalitetsplan/"
    assert page.locator("#kb-filter-grupp").input_value() == "lss"
    assert re.fullmatch(r"Visar \d+ av \d+ risker\.", page.inner_text("#kb-filter-resultat"))
