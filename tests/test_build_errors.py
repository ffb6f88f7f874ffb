"""The corpus of broken inputs: every mistake an editor can make stops the real build.

Each case breaks a copy of the project the way an editor might, runs the same
``mkdocs build --strict`` as CI and asserts a non-zero exit, the exact Swedish message
(naming file or page, line and field) and that no page was written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from kvalitet.model.csvfile import MAX_BYTES


def replace(path: str, old: str, new: str) -> Callable[[Path], None]:
    def change(project: Path) -> None:
        file = project / path
        text = file.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {path}"
        file.write_text(text.replace(old, new, 1), encoding="utf-8")

    return change


def write(path: str, content: str | bytes) -> Callable[[Path], None]:
    def change(project: Path) -> None:
        file = project / path
        file.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))

    return change


def delete(path: str) -> Callable[[Path], None]:
    return lambda project: (project / path).unlink()


def rename(path: str, new: str) -> Callable[[Path], None]:
    return lambda project: (project / path).rename(project / new)


def recode(path: str, encoding: str, prefix: bytes = b"") -> Callable[[Path], None]:
    def change(project: Path) -> None:
        file = project / path
        file.write_bytes(prefix + file.read_text(encoding="utf-8").encode(encoding))

    return change


def both(*changes: Callable[[Path], None]) -> Callable[[Path], None]:
    def change(project: Path) -> None:
        for one in changes:
            one(project)

    return change


@dataclass
class Case:
    name: str
    change: Callable[[Path], None]
    messages: list[str]


K = "data/2019/klagomal.csv"
M = "data/2019/malgrupper.yaml"
PAGE = "docs/2019/underlag/malgruppsbeskrivning.md"
GRANSKNING = "docs/2019/underlag/uppfoljning-och-granskning.md"
DATA_HEAD = "Datan för kvalitetsberättelsen innehåller ett fel. Bygget avbröts så att inget felaktigt publiceras."
PAGE_TAIL = "Bygget avbröts så att ingen halvfärdig sida publiceras."


def line_in(path: str, text: str) -> int:
    """The line of the project's file `path` that holds `text`, as an editor counts."""
    lines = (Path(__file__).parent.parent / path).read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if text in line)


NAV_DATAFILER = line_in("mkdocs.yml", "      - Datafiler: 2019/datafiler.md")

CASES = [
    Case(
        "text i en antalskolumn",
        replace(K, "Beroende,14", "Beroende,fjorton"),
        [
            DATA_HEAD,
            "1. data/2019/klagomal.csv, rad 2, kolumn »antal«: värdet är inte ett heltal. "
            "Hittade: »fjorton«. Förväntade: ett heltal, t.ex. 14.",
        ],
    ),
    Case(
        "negativt antal",
        replace("data/2019/samsoc.yaml", "intervjuer: 65", "intervjuer: -65"),
        [
            "1. data/2019/samsoc.yaml, rad 2, nyckel »intervjuer«: värdet är för litet. "
            "Hittade: »-65«. Förväntade: ett tal som är 0 eller större."
        ],
    ),
    Case(
        "andel över 100",
        replace("data/2019/uppfoljning_utforare.yaml", "svarsfrekvens: 91", "svarsfrekvens: 910"),
        [
            "1. data/2019/uppfoljning_utforare.yaml, rad 3, nyckel "
            "»avtalsuppfoljningsenkat.svarsfrekvens«: värdet är för stort. Hittade: »910«. "
            "Förväntade: ett tal som är högst 100."
        ],
    ),
    Case(
        "fel typ",
        replace(M, "  personer: 608", "  personer: sexhundra"),
        [
            "1. data/2019/malgrupper.yaml, rad 12, nyckel »lss.personer«: värdet är inte ett "
            "heltal. Hittade: »sexhundra«. Förväntade: ett heltal, t.ex. 14."
        ],
    ),
    Case(
        "decimalkomma utan citattecken i en kommaseparerad CSV",
        replace("data/2019/kundenkat.csv", ",59.1,", ",59,1,"),
        [
            "1. data/2019/kundenkat.csv, rad 2: raden har 9 värden men rubrikraden har 8 "
            "kolumner: troligen står ett decimaltal med komma utan citattecken, och kommat delar "
            "då talet i två värden. Förväntade: i en fil med komma mellan kolumnerna skrivs "
            'decimaltal med punkt (59.1) eller inom citattecken ("59,1").'
        ],
    ),
    Case(
        "felstavad nyckel",
        replace("data/2019/avvikelser.yaml", "  interna: 4", "  intern: 4"),
        [
            "data/2019/avvikelser.yaml, rad 2, nyckel »rapporterade.interna«: nyckeln saknas. "
            "Förväntade: ett heltal, 0 eller större.",
            "data/2019/avvikelser.yaml, rad 5, nyckel »rapporterade.intern«: okänd nyckel "
            "»intern«. Menade du »interna«? Förväntade: någon av myndighetsutovning, "
            "politiska_beslut, interna, eller en ny nyckel som också beskrivs i "
            "data/2019/datapackage.yaml.",
        ],
    ),
    Case(
        "YAML-syntaxfel",
        replace(M, "  insatser: 5550", "  insatser: [5550"),
        ["1. data/2019/malgrupper.yaml, rad 6, tecken 1: "],
    ),
    Case(
        "tabb som indrag",
        replace(M, "  personer: 1600", "\tpersoner: 1600"),
        [
            "1. data/2019/malgrupper.yaml, rad 4, tecken 1: tabbtecken används för indrag. "
            "Använd mellanslag (två per nivå). Förväntade: giltig YAML; jämför med raderna ovanför."
        ],
    ),
    Case(
        "dubbel nyckel",
        replace(M, "  insatser: 5550", "  insatser: 5550\n  insatser: 5600"),
        [
            "1. data/2019/malgrupper.yaml, rad 6: nyckeln »insatser« finns två gånger (rad 5 och "
            "rad 6). Förväntade: varje nyckel en gång; ta bort eller byt namn på den ena."
        ],
    ),
    Case(
        "python-tagg i YAML",
        replace(
            "data/2019/rapport.yaml",
            "titel: Kvalitetsberättelse",
            'titel: !!python/object/apply:os.system ["true"]',
        ),
        [
            "1. data/2019/rapport.yaml, rad 2: taggen »!!python/object/apply:os.system« är inte "
            "tillåten i datafiler. Förväntade: vanliga värden: text, tal, datum, listor och grupper."
        ],
    ),
    Case(
        "saknad kolumn",
        write(K, "insats\nBeroende\n"),
        [
            "1. data/2019/klagomal.csv, rad 1: kolumnen »antal« saknas. Förväntade: kolumnerna "
            "insats,antal."
        ],
    ),
    Case(
        "okänd kolumn",
        write(K, "insats,antal,kommentar\nBeroende,14,ny\n"),
        [
            "1. data/2019/klagomal.csv, rad 1: okänd kolumn »kommentar«. Förväntade: kolumnerna "
            "insats,antal."
        ],
    ),
    Case(
        "semikolon i rubrikraden men komma i raderna",
        write(K, "insats;antal\nBeroende,14\n"),
        [
            "1. data/2019/klagomal.csv, rad 2: rubrikraden är avgränsad med semikolon (;) men "
            "raden med komma (,). Hittade: »Beroende,14«. Förväntade: samma tecken mellan "
            "kolumnerna på alla rader: komma överallt, eller semikolon överallt som när Excel "
            "sparar en CSV-fil."
        ],
    ),
    Case(
        "CSV i Latin-1",
        recode(K, "latin-1"),
        [
            "1. data/2019/klagomal.csv, rad 3: filen är inte sparad som UTF-8 (troligen Latin-1 "
            "eller Windows-1252, så att å, ä och ö blir fel). Förväntade: teckenkodningen UTF-8."
        ],
    ),
    Case(
        "CSV med BOM",
        recode(K, "utf-8", prefix=b"\xef\xbb\xbf"),
        [
            "1. data/2019/klagomal.csv, rad 1: filen börjar med ett osynligt BOM-tecken (Excels "
            "»CSV UTF-8«). Förväntade: UTF-8 utan BOM; spara om filen i en textredigerare eller i GitHub."
        ],
    ),
    Case(
        "tom fil",
        write(K, ""),
        ["1. data/2019/klagomal.csv, rad 1: filen är tom. Förväntade: rubrikraden insats,antal."],
    ),
    Case(
        "saknad fil",
        delete("data/2019/lex_sarah.csv"),
        [
            "1. data/2019/lex_sarah.csv: filen saknas. Förväntade: en CSV-fil: Lex Sarah-"
            "rapporter från utförare (Tabell 3 i PDF-versionen)."
        ],
    ),
    Case(
        "mycket stor fil",
        write(K, "insats,antal\n" + "Beroende,14\n" * (MAX_BYTES // 10)),
        [
            "1. data/2019/klagomal.csv: filen är för stor (2,4 MB). Förväntade: högst 2 MB; är det rätt fil?"
        ],
    ),
    Case(
        "okänd fil i datamappen",
        write("data/2019/klagomål.csv", "insats,antal\n"),
        [
            "1. data/2019/klagomål.csv: okänd fil i datamappen. Menade du »klagomal.csv«? "
            "Förväntade: bara datafilerna som beskrivs i data/2019/datapackage.yaml."
        ],
    ),
    Case(
        "filer som inte stämmer med varandra",
        replace("data/2019/kundenkat_svarande.yaml", "man: 17", "man: 18"),
        [
            "1. data/2019/kundenkat_svarande.yaml: män och kvinnor blir tillsammans 34 svarande, "
            "men grupperna i kundenkat.csv har 33 svarande. Förväntade: samma antal svarande i båda filerna."
        ],
    ),
    Case(
        "personnummer i en sida",
        replace("docs/2019/syfte.md", "god kvalitet.", "god kvalitet (kund 811218-9876)."),
        [
            "Texterna och datan innehåller ett fel. Bygget avbröts så att inget felaktigt publiceras.",
            "1. docs/2019/syfte.md, rad 3: raden innehåller något som ser ut som ett personnummer "
            "(811218-XXXX) med giltig kontrollsiffra. Personuppgifter får inte publiceras; ta bort uppgiften.",
        ],
    ),
    Case(
        "samordningsnummer i data",
        replace(K, "Beroende,14", "Beroende 19811278-9873,14"),
        [
            "1. data/2019/klagomal.csv, rad 2: raden innehåller något som ser ut som ett "
            "samordningsnummer (811278-XXXX) med giltig kontrollsiffra. Personuppgifter får inte "
            "publiceras; ta bort uppgiften."
        ],
    ),
    Case(
        "odefinierad variabel",
        replace(PAGE, "{{ malgrupper.enheten.personer", "{{ malgrupp.enheten.personer"),
        [
            "Fel på sidan docs/2019/underlag/malgruppsbeskrivning.md, rad 3: okänd variabel eller okänt "
            "makro »malgrupp«. Menade du »malgrupper«?",
            PAGE_TAIL,
        ],
    ),
    Case(
        "felstavad uppgift i Markdown",
        replace(
            "docs/2019/underlag/kundenkater.md", "kundenkat_svarande.man", "kundenkat_svarande.män"
        ),
        [
            "Fel på sidan docs/2019/underlag/kundenkater.md, rad 5: uppgiften »män« finns inte här. Menade du »man«?"
        ],
    ),
    Case(
        "okänt filter (rad efter front matter)",
        replace("docs/2019/index.md", "| ord | capitalize", "| ordd | capitalize"),
        [
            "Fel på sidan docs/2019/index.md, rad 16: okänt filter »ordd«. Menade du »ord«? Rapportens "
            "filter: antal, brak, forandring, kr, miljoner, ord, procent, procenttecken, tal."
        ],
    ),
    Case(
        "en siffra utan filter",
        replace(
            PAGE, "{{ malgrupper.enheten.personer | antal }}", "{{ malgrupper.enheten.personer }}"
        ),
        [
            "Fel på sidan docs/2019/underlag/malgruppsbeskrivning.md, rad 3: en siffra från datan "
            "skrivs ut utan filter: »1600«. Skriv den med ett filter, t.ex. {{ … | antal }} eller "
            "{{ … | procent }}, så att den visas på svenskt sätt."
        ],
    ),
    Case(
        "en klammerparentes för lite i början",
        replace(
            PAGE,
            "{{ malgrupper.enheten.insatser | antal }}",
            "{ malgrupper.enheten.insatser | antal }}",
        ),
        [
            "Fel på sidan docs/2019/underlag/malgruppsbeskrivning.md, rad 3: makrokoden är "
            "ofullständig, så den skulle visas som text. Ett makro skrivs {{ … }} med två "
            "klammerparenteser på varje sida."
        ],
    ),
    Case(
        "en klammerparentes för lite i slutet",
        replace(
            PAGE,
            "{{ malgrupper.enheten.insatser | antal }}",
            "{{ malgrupper.enheten.insatser | antal }",
        ),
        [
            "Fel på sidan docs/2019/underlag/malgruppsbeskrivning.md, rad 3: en avslutande }} "
            "saknas: makrot slutar med en ensam }. Skriv {{ … }}."
        ],
    ),
    Case(
        "en riktning i meningen efter jämförelsen",
        replace(
            GRANSKNING,
            "förra året. Ökningen bedöms",
            "förra året. Det är en tydlig minskning. Ökningen bedöms",
        ),
        [
            "Fel på sidan docs/2019/underlag/uppfoljning-och-granskning.md, rad 5: texten säger "
            "»minskning« om »klagomal.totalt«, men datan visar en ökning: 31 år 2018 och 55 år "
            "2019. Ändra texten eller datan."
        ],
    ),
    Case(
        "en sida i menyn som inte finns",
        replace(
            "mkdocs.yml",
            "      - Datafiler: 2019/datafiler.md\n",
            "      - Datafiler: 2019/datafilerna.md\n",
        ),
        [
            # The menu entry is wrong, and so the page it should name is left out of the menu.
            "Menyn i mkdocs.yml innehåller 2 fel. Bygget avbröts så att inget felaktigt publiceras.",
            "1. docs/2019/datafiler.md: sidan finns inte i menyn (nav i mkdocs.yml), så ingen kan "
            "hitta den.",
            f"2. mkdocs.yml, rad {NAV_DATAFILER}: menyn pekar på sidan »2019/datafilerna.md«, "
            "som inte finns i "
            "docs/. Förväntade: en sida som finns, eller att raden tas bort ur menyn.",
        ],
    ),
    Case(
        "okänd tabell",
        replace(PAGE, 'tabell("lss_beslut")', 'tabell("lss_besluten")'),
        [
            "Fel på sidan docs/2019/underlag/malgruppsbeskrivning.md, rad 58: det finns ingen tabell "
            "»lss_besluten«. Menade du »lss_beslut«?"
        ],
    ),
    Case(
        "fel argument till makro",
        replace(GRANSKNING, 'tabell("klagomal")', 'tabell("klagomal", rubrk="x")'),
        [
            "Fel på sidan docs/2019/underlag/uppfoljning-och-granskning.md, rad 7: ett makro eller "
            "filter anropades med fel argument (tabell() got an unexpected keyword argument 'rubrk'). "
            "Jämför med exemplen i CONTRIBUTING.md."
        ],
    ),
    Case(
        "makro som inte stängs",
        replace("docs/2019/syfte.md", "god kvalitet.", "god kvalitet {{ ar."),
        ["Fel på sidan docs/2019/syfte.md, rad 3: "],
    ),
    Case(
        "texten säger ökning men datan minskar",
        replace(
            "data/2018/jamforelsetal.yaml",
            "malgrupper.socialpsykiatri.personer: 250",
            "malgrupper.socialpsykiatri.personer: 320",
        ),
        [
            "Fel på sidan docs/2019/underlag/malgruppsbeskrivning.md, rad 24: texten säger »ökning« om "
            "»malgrupper.socialpsykiatri.personer«, men datan visar en minskning: 320 år 2018 och "
            "300 år 2019. Ändra texten eller datan."
        ],
    ),
    Case(
        "ökning skriven för hand men datan minskar",
        replace("data/2018/jamforelsetal.yaml", "klagomal.totalt: 31", "klagomal.totalt: 60"),
        [
            "Fel på sidan docs/2019/underlag/uppfoljning-och-granskning.md, rad 5: texten säger "
            "»Ökningen« om »klagomal.totalt«, men datan visar en minskning: 60 år 2018 och 55 år "
            "2019. Ändra texten eller datan.",
            PAGE_TAIL,
        ],
    ),
    Case(
        "okänd figur",
        replace(GRANSKNING, 'figur("klagomal")', 'figur("klagomål")'),
        [
            "Fel på sidan docs/2019/underlag/uppfoljning-och-granskning.md, rad 9: det finns ingen figur "
            "»klagomål«. Menade du »klagomal«?"
        ],
    ),
    Case(
        "figurens namn utan citattecken",
        replace(GRANSKNING, 'figur("klagomal")', "figur(klagomal)"),
        [
            "Fel på sidan docs/2019/underlag/uppfoljning-och-granskning.md, rad 9: skriv namnet "
            'inom citattecken: figur("klagomal").'
        ],
    ),
    Case(
        "tabellens namn utan citattecken",
        replace(GRANSKNING, 'tabell("klagomal")', "tabell(klagomal)"),
        [
            "Fel på sidan docs/2019/underlag/uppfoljning-och-granskning.md, rad 7: skriv namnet "
            'inom citattecken: tabell("klagomal").'
        ],
    ),
    Case(
        "saknat värde för förra året",
        replace("data/2018/jamforelsetal.yaml", "insatsutbud.boendestod.anordnare: 9", ""),
        [
            "Figuren »kundval« (2019) kan inte ritas: det finns inget värde för 2018 för "
            "»insatsutbud.boendestod.anordnare«. Lägg till det i data/2018/jamforelsetal.yaml, "
            "t.ex. »insatsutbud.boendestod.anordnare: 12«.",
            "Bygget avbröts så att ingen figur saknas.",
        ],
    ),
    Case(
        "felstavad sökväg för förra året",
        replace("data/2018/jamforelsetal.yaml", "klagomal.totalt: 31", "klagomal.total: 31"),
        [
            "1. data/2018/jamforelsetal.yaml, rad 4: okänd uppgift »klagomal.total«; den finns inte "
            "i 2019 års data. Menade du »klagomal.totalt«? Förväntade: samma sökväg som i Markdown, "
            "t.ex. klagomal.totalt."
        ],
    ),
    Case(
        "trasig länk",
        replace("docs/2019/index.md", "(syfte.md)", "(syftet.md)"),
        [
            f"Fel på sidan docs/2019/index.md, rad {line_in('docs/2019/index.md', '(syfte.md)')}: "
            "länken »syftet.md« pekar på en sida som inte finns. "
            "Kontrollera filnamnet; en årgångs sidor ligger i mappen docs/<år>/.",
            "Bygget avbröts så att inga trasiga länkar publiceras.",
        ],
    ),
    Case(
        "länk till ett avsnitt som inte finns",
        replace(
            "docs/2019/underlag/oppna-jamforelser.md",
            "(systematisk-uppfoljning.md)",
            "(systematisk-uppfoljning.md#samsoc)",
        ),
        [
            "Fel på sidan docs/2019/underlag/oppna-jamforelser.md, rad 47: länken "
            "»systematisk-uppfoljning.md#samsoc« pekar på avsnittet »#samsoc«, som inte finns på "
            "sidan »4.4 Systematisk uppföljning«. Menade du "
            "»samsoc-utredningsinstrument-och-metodstod«?"
        ],
    ),
    Case(
        # The report year is the name of the edition's folder (it was extra.rapportar).
        "årgångens mapp heter inte som ett år",
        both(
            rename("docs/2019", "docs/rapport"),
            lambda project: (project / "mkdocs.yml").write_text(
                (project / "mkdocs.yml").read_text(encoding="utf-8").replace(" 2019/", " rapport/"),
                encoding="utf-8",
            ),
        ),
        [
            "1. docs: det finns ingen årgång. Förväntade: en mapp per årgång med rapportens "
            "sidor, t.ex. docs/2019/."
        ],
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_a_broken_input_stops_the_build_with_a_clear_message(broken_build, case):
    result = broken_build(case.change)
    assert result.returncode != 0, result.output
    for message in case.messages:
        assert message in result.output, f"{message!r} not in:\n{result.output}"
    assert not (result.site / "index.html").exists(), "a failed build must not leave pages"


def semicolon_csv(path: str) -> Callable[[Path], None]:
    """Save `path` as Excel does in Swedish: semicolons between columns, decimal commas."""

    def change(project: Path) -> None:
        file = project / path
        lines = file.read_text(encoding="utf-8").splitlines()
        file.write_text(
            "".join(line.replace(",", ";").replace(".", ",") + "\r\n" for line in lines),
            encoding="utf-8",
        )

    return change


def test_numbers_typed_the_swedish_way_build_the_same_report(broken_build):
    def change(project: Path) -> None:
        semicolon_csv("data/2019/kundenkat.csv")(project)
        replace(M, "  personer: 1600", "  personer: 1 600")(project)
        replace("data/2019/uppfoljning_utforare.yaml", "svarsfrekvens: 91 ", "svarsfrekvens: 91 %")(
            project
        )

    result = broken_build(change)
    assert result.returncode == 0, result.output
    kundenkat = result.page("2019/underlag/kundenkater/index.html").get_text()
    assert "59,1\u00a0procent är mycket nöjda" in kundenkat
    malgrupper = result.page("2019/underlag/malgruppsbeskrivning/index.html").get_text()
    assert "omkring 1\u00a0600 personer" in malgrupper
    granskning = result.page("2019/underlag/uppfoljning-och-granskning/index.html").get_text()
    assert "avtalsuppföljningsenkäterna var 91\u00a0procent" in granskning


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 25


def test_a_mistake_is_reported_once_not_again_by_the_filter_after_it(broken_build):
    # okning() refuses a decrease; its placeholder must not make »antal« complain as well.
    result = broken_build(
        replace(
            "data/2018/jamforelsetal.yaml",
            "malgrupper.socialpsykiatri.personer: 250",
            "malgrupper.socialpsykiatri.personer: 320",
        )
    )
    assert result.returncode != 0
    assert "texten säger en ökning för »malgrupper.socialpsykiatri.personer«" in result.output
    assert "filtret »antal« behöver ett tal" not in result.output
    assert "kb-fel" not in result.output
