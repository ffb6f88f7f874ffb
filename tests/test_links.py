"""Every internal link, anchor and file of the served site works (beyond MkDocs' own check)."""

from __future__ import annotations

import shutil

from browser import serve
from linkcheck import crawl


def test_every_link_anchor_and_file_is_alive(base_url):
    assert crawl(f"{base_url}/") == []


def test_the_crawler_reports_planted_faults(site, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(site.site, copy)
    page = copy / "syfte/index.html"
    html = page.read_text(encoding="utf-8")
    html = html.replace(
        "</article>",
        '<a href="../saknas/">x</a><a href="../underlag/#finns-inte">y</a>'
        '<img src="../bild-som-saknas.png" alt="z"></article>',
    )
    page.write_text(html, encoding="utf-8")
    with serve(copy) as url:
        problems = crawl(f"{url}/")
    assert problems == [
        f"{url}/bild-som-saknas.png: HTTP 404",
        f"{url}/saknas/: HTTP 404",
        f"{url}/syfte/: länken till {url}/underlag/#finns-inte hittar inget avsnitt",
    ]
