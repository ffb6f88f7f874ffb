"""Every page on a phone (390 px wide): every table readable without a column cut off,
no cell's text clipped, and every figure's lettering at least 12 px as displayed.

The figures' text is drawn as paths (matplotlib's ``svg.fonttype: path``): each piece of
text is a group ``translate(x y) scale(s -s)`` whose size is 100 × s points in the SVG's
own units, shown at the image's width over the SVG's viewBox width.
"""

from __future__ import annotations

from conftest import html_pages, opened

PHONE = {"width": 390, "height": 844}
SMALLEST_TEXT_PX = 12

# {tables: [wider than their box], cells: [clipped], texts: [[figure, smallest px]]}
MEASURE = r"""async () => {
  const name = (el) => {
    const table = el.closest('table');
    const caption = table && table.caption ? table.caption.textContent.trim() : '';
    return (caption || el.tagName) + ': ' + el.textContent.trim().slice(0, 40);
  };
  document.querySelectorAll('details').forEach((d) => { d.open = true; });
  const tables = [...document.querySelectorAll('table')]
    .filter((t) => t.getBoundingClientRect().width > t.parentElement.clientWidth + 1
      || t.parentElement.scrollWidth > t.parentElement.clientWidth + 1
      || t.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
    .map(name);
  const cells = [...document.querySelectorAll('th, td')].filter((c) => {
    const style = getComputedStyle(c);
    const clips = style.overflowX !== 'visible' || style.textOverflow === 'ellipsis';
    return clips && c.scrollWidth > c.clientWidth + 1;
  }).map(name);
  const texts = [];
  for (const img of document.querySelectorAll('figure img')) {
    img.loading = 'eager';
    await img.decode();
    const svg = new DOMParser().parseFromString(
      await (await fetch(img.currentSrc)).text(), 'image/svg+xml').documentElement;
    const units = svg.viewBox.baseVal.width;
    const sizes = [...svg.querySelectorAll('g[transform*="scale("]')].map((g) => {
      const s = /scale\(([\d.]+) -([\d.]+)\)/.exec(g.getAttribute('transform'));
      return s ? 100 * parseFloat(s[1]) * img.getBoundingClientRect().width / units : Infinity;
    }).concat([...svg.querySelectorAll('text')].map((t) =>
      parseFloat(getComputedStyle(t).fontSize || '0') * img.getBoundingClientRect().width / units));
    texts.push([img.currentSrc.split('/').pop(), Math.min(...sizes), sizes.length]);
  }
  return {tables, cells, texts};
}"""


def measure(page) -> dict:
    return page.evaluate(MEASURE)


def test_every_page_reads_on_a_phone(site, base_url, browser):
    context = browser.new_context(locale="sv-SE", viewport=PHONE)
    page = context.new_page()
    found, figures = {}, []
    for path in html_pages(site):
        with opened(page, base_url, site, path):
            result = measure(page)
        small = [(src, round(px, 1)) for src, px, _ in result["texts"] if px < SMALLEST_TEXT_PX]
        figures += result["texts"]
        problems = {
            k: v
            for k, v in (
                ("tabeller", result["tables"]),
                ("celler", result["cells"]),
                ("text", small),
            )
            if v
        }
        if problems:
            found[path] = problems
    context.close()
    assert found == {}
    # The checks saw what they check: figures drawn for phones, with text in them.
    assert len(figures) >= 9
    assert all(src.endswith("-mobil.svg") and count >= 5 for src, _, count in figures)


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
    result = measure(page)
    context.close()
    assert [t.split(":")[0] for t in result["tables"]] == ["Bred"]
    assert [c.split(":")[0] for c in result["cells"]] == ["Klippt"]
    [(_, px, count)] = result["texts"]
    assert count == 1 and 4 < px < 5  # 9 pt in 720 pt shown 358 px wide: 4.5 px
