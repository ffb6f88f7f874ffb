"""Editors' mistakes stop the real build with a Swedish message naming the place.

Each test breaks a copy of the project the way an editor might, runs the same
``mkdocs build --strict`` as CI and checks the exit code and the exact message.
"""

from __future__ import annotations

from pathlib import Path


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def assert_fails_with(result, *messages: str) -> None:
    assert result.returncode != 0, result.output
    for message in messages:
        assert message in result.output, f"{message!r} not in:\n{result.output}"
    assert not (result.site / "index.html").exists(), "a failed build must not leave pages"


def test_text_in_a_count_column(broken_build):
    result = broken_build(
        lambda p: replace(p / "data/2019/klagomal.csv", "Beroende,14", "Beroende,fjorton")
    )
    assert_fails_with(
        result,
        "Datan för kvalitetsberättelsen innehåller ett fel. Bygget avbröts så att inget felaktigt publiceras.",
        "1. data/2019/klagomal.csv, rad 2, kolumn »antal«: värdet är inte ett heltal. "
        "Hittade: »fjorton«. Förväntade: ett heltal, t.ex. 14.",
    )


def test_missing_data_file(broken_build):
    result = broken_build(lambda p: (p / "data/2019/lex_sarah.csv").unlink())
    assert_fails_with(
        result,
        "1. data/2019/lex_sarah.csv: filen saknas. Förväntade: en CSV-fil med Lex Sarah-rapporter "
        "från utförare (Tabell 3 i PDF-versionen).",
    )


def test_negative_count(broken_build):
    result = broken_build(
        lambda p: replace(p / "data/2019/samsoc.yaml", "intervjuer: 65", "intervjuer: -65")
    )
    assert_fails_with(
        result,
        "1. data/2019/samsoc.yaml, rad 2, nyckel »intervjuer«: värdet är för litet. "
        "Hittade: »-65«. Förväntade: ett tal som är 0 eller större.",
    )


def test_misspelled_key(broken_build):
    result = broken_build(
        lambda p: replace(p / "data/2019/avvikelser.yaml", "  interna: 4", "  intern: 4")
    )
    assert_fails_with(
        result,
        "data/2019/avvikelser.yaml, rad 5, nyckel »rapporterade.intern«: okänd nyckel »intern«. "
        "Menade du »interna«? Förväntade: någon av myndighetsutovning, politiska_beslut, interna.",
        "data/2019/avvikelser.yaml, rad 2, nyckel »rapporterade.interna«: nyckeln saknas. "
        "Förväntade: ett heltal, 0 eller större.",
    )


def test_variable_typo_in_markdown(broken_build):
    page = "docs/underlag/malgruppsbeskrivning.md"
    result = broken_build(
        lambda p: replace(
            p / page, "{{ malgrupper.enheten.personer", "{{ malgrupp.enheten.personer"
        )
    )
    assert_fails_with(
        result,
        "Fel på sidan docs/underlag/malgruppsbeskrivning.md, rad 3: okänd variabel eller okänt "
        "makro »malgrupp«. Menade du »malgrupper«?",
        "Bygget avbröts så att ingen halvfärdig sida publiceras.",
    )


def test_misspelled_key_in_markdown(broken_build):
    page = "docs/underlag/kundenkater.md"
    result = broken_build(
        lambda p: replace(p / page, "kundenkat_svarande.man", "kundenkat_svarande.män")
    )
    assert_fails_with(
        result,
        "Fel på sidan docs/underlag/kundenkater.md, rad 5: uppgiften »män« finns inte här. "
        "Menade du »man«?",
    )


def test_unknown_filter_with_page_and_line_after_front_matter(broken_build):
    # index.md starts with front matter; the line must be the line in the file.
    result = broken_build(
        lambda p: replace(p / "docs/index.md", "| ord | capitalize", "| ordd | capitalize")
    )
    assert_fails_with(
        result,
        "Fel på sidan docs/index.md, rad 16: okänt filter »ordd«. Menade du »ord«? "
        "Rapportens filter: antal, brak, forandring, kr, miljoner, ord, procent, procenttecken, tal.",
    )


def test_unknown_table(broken_build):
    page = "docs/underlag/malgruppsbeskrivning.md"
    result = broken_build(
        lambda p: replace(p / page, 'tabell("lss_beslut")', 'tabell("lss_besluten")')
    )
    assert_fails_with(
        result,
        "Fel på sidan docs/underlag/malgruppsbeskrivning.md, rad 58: det finns ingen tabell "
        "»lss_besluten«. Menade du »lss_beslut«?",
    )


def test_wrong_macro_argument(broken_build):
    page = "docs/underlag/uppfoljning-och-granskning.md"
    result = broken_build(
        lambda p: replace(p / page, 'tabell("klagomal")', 'tabell("klagomal", rubrk="x")')
    )
    assert_fails_with(
        result,
        "Fel på sidan docs/underlag/uppfoljning-och-granskning.md, rad 7: ett makro eller filter "
        "anropades med fel argument (tabell() got an unexpected keyword argument 'rubrk').",
    )


def test_unclosed_macro(broken_build):
    page = "docs/syfte.md"
    result = broken_build(
        lambda p: replace(
            p / page,
            "god kvalitet.",
            "god kvalitet {{ ar.",
        )
    )
    assert_fails_with(result, "Fel på sidan docs/syfte.md, rad 3:")


def test_text_saying_increase_when_the_data_fall(broken_build):
    result = broken_build(
        lambda p: replace(
            p / "data/2018/jamforelsetal.yaml",
            "malgrupper.socialpsykiatri.personer: 250",
            "malgrupper.socialpsykiatri.personer: 320",
        )
    )
    assert_fails_with(
        result,
        "Fel på sidan docs/underlag/malgruppsbeskrivning.md, rad 24: texten säger en ökning för "
        "»malgrupper.socialpsykiatri.personer«, men datan visar en minskning: 320 år 2018 och "
        "300 år 2019. Ändra texten eller datan.",
    )


def test_missing_previous_year_value(broken_build):
    result = broken_build(
        lambda p: replace(
            p / "data/2018/jamforelsetal.yaml", "insatsutbud.boendestod.anordnare: 9", ""
        )
    )
    assert_fails_with(
        result,
        "Fel på sidan docs/underlag/utforare-och-anordnare.md, rad 21: det finns inget värde för "
        "2018 för »insatsutbud.boendestod.anordnare«. Lägg till det i "
        "data/2018/jamforelsetal.yaml, t.ex. »insatsutbud.boendestod.anordnare: 12«.",
    )


def test_report_year_must_be_a_year(broken_build):
    result = broken_build(
        lambda p: replace(p / "mkdocs.yml", "rapportar: 2019", "rapportar: tjugonitton")
    )
    assert_fails_with(
        result,
        "1. mkdocs.yml: inställningen extra.rapportar ska vara rapportåret. Hittade: »tjugonitton«. "
        "Förväntade: ett årtal, t.ex. 2019.",
    )
