"""Every internal link, anchor and file of the served site works (beyond MkDocs' own check)."""

from __future__ import annotations

import shutil

from browser import serve
from conftest import html_pages
from linkcheck import crawl


def every_page(url: str, site) -> list[str]:
    """Every page of the built site, served at `url`: the crawl also starts from the pages
    no link leads to, the "Sidan har flyttat" pages at the 2019 edition's old addresses."""
    return [f"{url}/{path.removesuffix('index.html')}" for path in html_pages(site)]


def test_every_link_anchor_and_file_is_alive(site, base_url):
    assert crawl(f"{base_url}/", *every_page(base_url, site)) == []


def test_the_crawler_reports_planted_faults(site, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(site.site, copy)
    page = copy / "2019/syfte/index.html"
    html = page.read_text(encoding="utf-8")
    html = html.replace(
        "</article>",
        '<a href="../../saknas/">x</a><a href="../underlag/#finns-inte">y</a>'
        '<img src="../../bild-som-saknas.png" alt="z"></article>',
    )
    page.write_text(html, encoding="utf-8")
    moved = copy / "fokusomrade/index.html"  # a "Sidan har flyttat" page: its meta refresh
    html = moved.read_text(encoding="utf-8")
    assert 'content="0; url=../2019/fokusomrade/"' in html
    moved.write_text(html.replace('url=../2019/fokusomrade/"', 'url=../2019/fokus/"'))
    with serve(copy) as url:
        problems = crawl(f"{url}/", f"{url}/fokusomrade/")
    assert problems == [
        f"{url}/2019/fokus/: HTTP 404",
        f"{url}/2019/syfte/: länken till {url}/2019/underlag/#finns-inte hittar inget avsnitt",
        f"{url}/bild-som-saknas.png: HTTP 404",
        f"{url}/saknas/: HTTP 404",
    ]


def test_a_missing_image_and_a_link_from_the_root_stop_the_build_in_swedish():
    from kvalitet.gates.links import RenderedPage, broken_links

    markdown = "# Syfte\n\n![Diagram](bild.png)\n\nSe [syftet](/2019/syfte/).\n"
    html = '<p><img alt="Diagram" src="bild.png"></p><p><a href="/2019/syfte/">syftet</a></p>'
    pages = [
        RenderedPage.from_html("2019/index.md", "2019/", "Start", markdown, html),
        RenderedPage.from_html(
            "2019/syfte.md", "2019/syfte/", "Syfte", "# Syfte\n", "<h1>Syfte</h1>"
        ),
    ]
    assert broken_links(pages, set()) == [
        "Fel på sidan docs/2019/index.md, rad 3: länken »bild.png« pekar på något som inte finns "
        "på webbplatsen.",
        "Fel på sidan docs/2019/index.md, rad 5: länken »/2019/syfte/« börjar med /, så den leder "
        "fel när webbplatsen ligger i en undermapp (som på GitHub Pages och intranätet). Skriv "
        "sökvägen till sidfilen i stället: »syfte.md«.",
    ]
