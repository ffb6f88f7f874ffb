"""Every page on a phone (390 px wide): every table readable without a column cut off,
no cell's text clipped, and every figure's lettering at least 12 px as displayed.

These are the measurements' own tests; test_every_page.py runs them on every page
(walks.py, `MEASURE_PHONE`).
"""

from __future__ import annotations

from walks import PHONE, measure_phone


def test_the_checks_find_a_cut_table_a_clipped_cell_and_small_chart_text(browser):
    svg = (
        "data:image/svg+xml,"
        "<svg xmlns='http://www.w3.org/2000/svg' width='720pt' height='100pt' "
        "viewBox='0 0 720 100'><g transform='translate(10 50) scale(0.09 -0.09)'>"
        "<path d='M0 0h100v100z'/></g></svg>"
    )
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.set_content(
        '<!doctype html><html lang="sv"><title>t</title><body style="margin:16px">'
        '<div style="overflow-x:auto"><table><caption>Bred</caption><tr>'
        '<td style="white-space:nowrap">' + "mycket lång text " * 8 + "</td></tr></table></div>"
        '<table style="table-layout:fixed;width:100px"><caption>Klippt</caption><tr>'
        '<td style="overflow:hidden;text-overflow:ellipsis;white-space:nowrap">'
        "Egenkontroll Egenkontroll</td></tr></table>"
        f'<figure style="margin:0"><img src="{svg}" alt="t" style="width:358px"></figure></body></html>'
    )
    result = measure_phone(page)
    context.close()
    assert [t.split(":")[0] for t in result["tables"]] == ["Bred"]
    assert [c.split(":")[0] for c in result["cells"]] == ["Klippt"]
    [(_, px, count)] = result["texts"]
    assert count == 1 and 4 < px < 5  # 9 pt in 720 pt shown 358 px wide: 4.5 px
