"""Every abbreviation is explained once, on the glossary page, and shown as a tooltip."""

from __future__ import annotations

import re
from pathlib import Path

from kvalitet.output.glossary import add_abbreviations, read_glossary

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = read_glossary(ROOT / "docs/ordlista.md")
# Capitalised names that are not abbreviations, with the reason.
NOT_ABBREVIATIONS = {
    "MiniMaria": "the name of a clinic",
    "VärNa": "the name of samordningsförbundet",
    "SIPar": "the plural of SIP",
}
MACRO = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|`[^`]*`|\]\([^)]*\)", re.S)
ABBREVIATION = re.compile(r"(?<![\wÅÄÖåäö])[A-ZÅÄÖ][A-ZÅÄÖa-zåäö]{1,5}(?![\wÅÄÖåäö])")


def abbreviations_in(text: str) -> set[str]:
    words = ABBREVIATION.findall(MACRO.sub(" ", text))
    return {w for w in words if sum(c.isupper() for c in w) >= 2 and w not in NOT_ABBREVIATIONS}


def test_every_abbreviation_in_the_pages_has_an_entry():
    missing = {}
    for path in sorted((ROOT / "docs").rglob("*.md")):
        if path.name == "ordlista.md":
            continue
        for word in abbreviations_in(path.read_text(encoding="utf-8")):
            if not any(term == word or term.startswith(word + "-") for term in GLOSSARY):
                missing.setdefault(word, path.relative_to(ROOT).as_posix())
    assert missing == {}


def test_the_scan_finds_an_unexplained_abbreviation():
    assert abbreviations_in("Enligt XYZ och SoL, se {{ lss_beslut }} och [LVM](x.md).") == {
        "XYZ",
        "SoL",
        "LVM",
    }


def test_terms_become_tooltips_but_not_inside_code_or_attributes():
    html = add_abbreviations('<p>LSS-gruppen <code>LSS</code> <a title="LSS">IVO</a></p>', GLOSSARY)
    assert html == (
        '<p><abbr title="Lagen om stöd och service till vissa funktionshindrade.">LSS</abbr>-gruppen '
        '<code>LSS</code> <a title="LSS"><abbr title="Inspektionen för vård och omsorg.">IVO</abbr></a></p>'
    )


def test_tooltips_on_the_site_also_in_tables(site):
    page = site.page("2019/kvalitetsplan/index.html")
    cells = [td for td in page.select("[data-process] td") if td.get_text(strip=True) == "LSS"]
    assert cells and all(td.abbr and td.abbr["title"].startswith("Lagen om stöd") for td in cells)
    article = site.page("2019/underlag/annan-tillsyn/index.html").select_one("article")
    assert {a.get_text() for a in article.select("abbr")} >= {"IVO"}


def test_the_glossary_page_lists_every_term(site):
    terms = [
        dt.get_text(strip=True) for dt in site.page("ordlista/index.html").select("article dt")
    ]
    assert terms == list(GLOSSARY) and len(terms) >= 30


def test_names_in_the_glossary_are_spelled_right():
    # The source spells the provider both "Valfärd" and "Välfärd" (its name); SBF is its
    # misspelling of SFB. The glossary is the site's own text, so it has the right forms.
    assert GLOSSARY["VSS"].startswith("Välfärd samhällsservice")
    assert GLOSSARY["SFB"] == "Socialförsäkringsbalken."
    assert "Den vedertagna förkortningen är SFB." in GLOSSARY["SBF"]
