"""Every page visited once per screen width, with every in-browser check run during the visit.

Opening all pages of the site takes seconds per walk, so the checks that read every page
share one walk at the desktop width and one at a phone's (test_every_page.py).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from conftest import Build, html_pages, opened

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules/axe-core/axe.min.js"
HTMLCS = ROOT / "node_modules/html_codesniffer/build/HTMLCS.js"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
SMALL_PHONE = 375  # no page may scroll sideways even this narrow
SMALLEST_TEXT_PX = 12  # a figure's lettering on a phone, as shown

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  return result.violations.map(v => ({
    rule: v.id,
    where: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary.split('\\n')[1])
  }));
}"""

HTMLCS_STANDARD = "WCAG2AA"
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

# On a phone: {tables: [wider than their box], cells: [clipped], texts: [[figure, smallest
# px, count]]}. The figures' text is drawn as paths (matplotlib's ``svg.fonttype: path``):
# each piece of text is a group ``translate(x y) scale(s -s)`` whose size is 100 × s points
# in the SVG's own units, shown at the image's width over the SVG's viewBox width.
MEASURE_PHONE = r"""async () => {
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

# Every image requested, also those further down than the window shows.
LOAD_ALL_IMAGES = """async () => {
  const images = [...document.images];
  images.forEach((img) => { img.loading = 'eager'; });
  await Promise.all(images.map((img) => img.decode().catch(() => null)));
}"""


def axe_violations(page) -> list[dict]:
    """axe-core's WCAG 2.1 A and AA violations on the document open in `page`."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate(RUN_AXE, AXE_TAGS)


def htmlcs_errors(page) -> list[str]:
    """HTML_CodeSniffer's errors on the document open in `page`; the engine is injected
    unless the page's context already runs it in every document."""
    if not page.evaluate("typeof HTMLCS !== 'undefined'"):
        page.add_script_tag(path=str(HTMLCS))
    return page.evaluate(RUN_HTMLCS, HTMLCS_STANDARD)


def measure_phone(page) -> dict:
    return page.evaluate(MEASURE_PHONE)


def desktop(site: Build, base_url: str, browser, pages: list[str] | None = None) -> dict[str, dict]:
    """{page: {axe, hosts}} at 1280 px: axe-core's violations and every host asked for."""
    context = browser.new_context(locale="sv-SE", viewport=DESKTOP)
    page = context.new_page()
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).hostname))
    found = {}
    for path in pages or html_pages(site):  # the "Sidan har flyttat" pages too, each on its own
        hosts.clear()
        with opened(page, base_url, site, path):
            axe = axe_violations(page)
            page.evaluate(LOAD_ALL_IMAGES)
            found[path] = {"axe": axe, "hosts": set(hosts)}
    context.close()
    return found


def phone(site: Build, base_url: str, browser, pages: list[str] | None = None) -> dict[str, dict]:
    """{page: {axe, htmlcs, scroll_width, phone}} at 390 px, and the page's width at 375 px."""
    context = browser.new_context(locale="sv-SE", viewport=PHONE)
    # Present in every document from the start (it runs only when called, after the load):
    # seconds faster over the whole site than adding it to each page after the load.
    context.add_init_script(path=str(HTMLCS))
    page = context.new_page()
    found = {}
    for path in pages or html_pages(site):
        page.set_viewport_size(PHONE)
        with opened(page, base_url, site, path):
            visit = {"axe": axe_violations(page), "htmlcs": htmlcs_errors(page)}
            page.set_viewport_size({"width": SMALL_PHONE, "height": PHONE["height"]})
            visit["scroll_width"] = page.evaluate("document.documentElement.scrollWidth")
            page.set_viewport_size(PHONE)
            visit["phone"] = measure_phone(page)  # last: it opens details and loads images
            found[path] = visit
    context.close()
    return found
