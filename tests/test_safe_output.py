"""HTML or a <script> typed into a data file is shown as text on the page, never run."""

from __future__ import annotations

from browser import serve
from conftest import build

SCRIPT = "<script>document.title='hackad'</script><b>fet</b>"


def test_markup_in_data_is_shown_as_text(project, tmp_path, browser):
    klagomal = project / "data/2019/klagomal.csv"
    klagomal.write_text(klagomal.read_text().replace("Beroende,14", f'"Beroende {SCRIPT}",14'))
    rapport = project / "data/2019/rapport.yaml"
    rapport.write_text(
        rapport.read_text().replace("enhet: Omsorgsenheten", f'enhet: "Omsorg {SCRIPT}"')
    )
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.output

    with serve(result.site) as url:
        page = browser.new_page()
        page.goto(f"{url}/2019/underlag/uppfoljning-och-granskning/")
        assert page.title() != "hackad"
        assert page.locator("#tabell-klagomal tbody th").first.inner_text() == f"Beroende {SCRIPT}"
        assert page.locator("#tabell-klagomal b").count() == 0
        page.goto(f"{url}/")  # the site's start page, which lists the editions
        assert page.title() != "hackad"
        page.goto(f"{url}/2019/")  # the 2019 edition's start page names the unit
        assert page.title() != "hackad"
        assert f"Omsorg {SCRIPT}, Nacka kommun" in page.locator("article").inner_text()
        page.close()
