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

from walks import htmlcs_errors

from kvalitet.site.html_fixes import fix_material_html

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
