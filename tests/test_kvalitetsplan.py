"""Chapter 7: the quality plan from data, readable one process at a time, narrowable in a
real browser by working group and status, and complete without JavaScript."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import quality_plan_groups

from kvalitet.model.edition import load_edition
from kvalitet.render.quality_plan import slug

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def plan():
    return load_edition(ROOT / "data", 2019).values["kvalitetsplan"]


def risks(plan):
    return [risk for process in plan.processer for risk in process.risker]


def test_every_process_has_a_heading_and_every_risk_a_row(site, plan):
    article = site.page("2019/kvalitetsplan/index.html").select_one("article")
    marked = [h for h in article.select("h2") if h.select_one(".kb-anm")]
    for marker in article.select("h2 .kb-anm"):  # »[så i källan]« after the source's text
        marker.decompose()
    headings = [h.get_text("").strip().rstrip("¶").strip() for h in article.select("h2")]
    assert headings == [process.process for process in plan.processer]
    assert [h.get_text("").strip().rstrip("¶").strip() for h in marked] == ["Ansöka om LVU 123"]
    rows = article.select("[data-process] tbody tr")
    assert [row.th.get_text("") for row in rows] == [risk.risk for risk in risks(plan)]


def test_done_actions_are_marked_in_words(site, plan):
    article = site.page("2019/kvalitetsplan/index.html").select_one("article")
    done = article.select('li.kb-atgard[data-klar="ja"]')
    assert len(done) == plan.antal_klara == 18
    assert all(item.get_text(" ", strip=True).startswith("✓ Klar:") for item in done)
    assert all(item.select_one('[aria-hidden="true"]').get_text() == "✓ " for item in done)


def test_counts_in_the_text_are_computed(site):
    text = (
        site.page("2019/kvalitetsplan/index.html").select_one("article").get_text(" ", strip=True)
    )
    assert "omfattar 23 processer med 43 risker, 25 egenkontroller och 57 åtgärder. 18 av" in text


def visible_rows(page):
    return page.locator("[data-process] tbody tr:visible")


def test_without_javascript_the_whole_plan_shows(browser, base_url, plan):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base_url}/2019/kvalitetsplan/")
    assert not page.locator("#kb-filter").is_visible()
    assert visible_rows(page).count() == len(risks(plan))
    context.close()


def test_narrow_by_working_group(page, base_url, plan):
    page.goto(f"{base_url}/2019/kvalitetsplan/")
    expected = [risk for risk in risks(plan) if risk.grupp == "LSS"]
    page.select_option("#kb-filter-grupp", label="LSS")
    rows = visible_rows(page)
    assert rows.count() == len(expected)
    assert set(rows.evaluate_all("rows => rows.map(r => r.dataset.grupp)")) == {slug("LSS")}
    assert page.locator("#kb-filter-resultat").inner_text() == (
        f"Visar {len(expected)} av {len(risks(plan))} risker."
    )
    shown_processes = page.locator("article h2:visible").all_inner_texts()
    assert [h.rstrip("¶").strip() for h in shown_processes] == [
        process.process
        for process in plan.processer
        if any(r.grupp == "LSS" for r in process.risker)
    ]


def test_narrow_by_status(page, base_url, plan):
    page.goto(f"{base_url}/2019/kvalitetsplan/")
    page.select_option("#kb-filter-status", label="Klara (✓)")
    shown = page.locator("li.kb-atgard:visible")
    assert shown.count() == plan.antal_klara
    assert set(shown.evaluate_all("items => items.map(i => i.dataset.klar)")) == {"ja"}
    page.select_option("#kb-filter-status", label="Inte markerade som klara")
    shown = page.locator("li.kb-atgard:visible")
    assert shown.count() == plan.antal_atgarder - plan.antal_klara
    page.select_option("#kb-filter-status", label="Alla åtgärder")
    assert visible_rows(page).count() == len(risks(plan))


def test_filter_works_with_the_keyboard_only(page, base_url, plan):
    page.goto(f"{base_url}/2019/kvalitetsplan/")
    page.focus("#kb-filter-grupp")
    page.keyboard.press("ArrowDown")  # the first working group after "Alla arbetsgrupper"
    first_group = next(g for g in quality_plan_groups() if any(r.grupp == g for r in risks(plan)))
    expected = [risk for risk in risks(plan) if risk.grupp == first_group]
    assert visible_rows(page).count() == len(expected)
