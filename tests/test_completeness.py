"""The whole report is on the site: every sentence, number and table row of the seed.

The seed is the text extracted from the 2019 PDF. The test walks its body (after the
table of contents) and the built site, and fails if anything the PDF says is missing.
Differences that the web edition makes on purpose, and lists on its page "Om
webbversionen", are applied to the seed first; each has its reason below.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import quality_plan_groups

# A copy of the text extracted from the 2019 PDF (the project's ground truth), kept in the
# repository so the test runs on a clean clone.
SEED = Path(__file__).resolve().parent / "fixtures/kvalitetsberattelse-2019.txt"

# Seed heading that starts a section -> the page that shows it.
SECTIONS = {
    "I Kvalitetsberättelsen": "2019/kvalitetsberattelsen/index.html",
    "2 Syfte med kvalitetsarbetet": "2019/syfte/index.html",
    "3 Fokusområde under året": "2019/fokusomrade/index.html",
    "4 Underlag för analys": "2019/underlag/index.html",
    "4.1 Förändrade förutsättningar under året": "2019/underlag/forandrade-forutsattningar/index.html",
    "4.2 Målgruppsbeskrivning": "2019/underlag/malgruppsbeskrivning/index.html",
    "4.3 Kundenkäter": "2019/underlag/kundenkater/index.html",
    "4.4 Systematisk uppföljning av insatser": "2019/underlag/systematisk-uppfoljning/index.html",
    "4.5 Öppna jämförelser": "2019/underlag/oppna-jamforelser/index.html",
    "4.6 Utförare och anordnare - insatsutbud": "2019/underlag/utforare-och-anordnare/index.html",
    "4.7 Uppföljning och granskning av utförare": "2019/underlag/uppfoljning-och-granskning/index.html",
    "4.8 Rättsäkerhetsgranskning": "2019/underlag/rattssakerhetsgranskning/index.html",
    "4.9 Avvikelser": "2019/underlag/avvikelser/index.html",
    "4.10 Annan tillsyn": "2019/underlag/annan-tillsyn/index.html",
    "4.11 Personal och kompetensförsörjning": "2019/underlag/personal-och-kompetens/index.html",
    "5 Uppföljning av kvalitet inom Omsorgsenheten": "2019/uppfoljning-av-kvalitet/index.html",
    "6 Slutsatser och utvecklingsområden för enheten": "2019/slutsatser/index.html",
    "7 Uppföljning kvalitetsplan": "2019/kvalitetsplan/index.html",
}

# Deliberate differences, as listed on "Om webbversionen": seed text -> web text.
CORRECTIONS = {
    "gruppbofastad": "gruppbostad",  # extraction fault (ligature)
    "gruppboestad": "gruppbostad",  # extraction fault
    "serviceboestad": "servicebostad",  # extraction fault
    "164 (59%)": "164 (69%)",  # the PDF's share does not match its own counts
    "Verksamhets-bidrag": "Verksamhetsbidrag",  # hyphenation at a line break
    "STRUKTURERAD ÖV": "Strukturerad öppenvård",  # table subheading written out
}
# Seed lines that the web edition replaces by something else, with the reason.
REPLACED_LINES = {
    "Tabell 1": "tables get numbered captions in reading order",
    "Tabell 2": "tables get numbered captions in reading order",
    "Tabell 3": "tables get numbered captions in reading order",
    "PÅKALLADE GRANSKNINGAR": "a column 'Påkallad' in the table",
}
TABLE_HEADER_CELLS = {"Process"}  # chapter 7 shows each process as a heading instead
NUMBER = re.compile(r"\d+(?:[ \u00a0\u202f]\d{3})*(?:,\d+)?")


def normalise(text: str) -> str:
    """Spacing and markup that differ between the PDF text and the web page."""
    text = re.sub(r"\*\*|</?i>", "", text)
    text = re.sub(r"[\u00a0\u202f]", " ", text).replace("\u2212", "-")
    text = re.sub(r"(?<=\d) ?%", " procent", text)
    text = re.sub(r"(?<=\d) (?=\d{3}(?!\d))", "", text)
    text = re.sub(r"\s+(?=[).,])", "", text)  # where a note after a value was taken out
    return re.sub(r"\s+", " ", text).strip()


def numbers(text: str) -> set[str]:
    return {re.sub(r"[ \u00a0\u202f]", "", match) for match in NUMBER.findall(text)}


def seed_body() -> list[str]:
    lines = SEED.read_text(encoding="utf-8").splitlines()
    body = lines[lines.index("I Kvalitetsberättelsen") :]  # after the table of contents
    result = []
    for line in body:
        for old, new in CORRECTIONS.items():
            line = line.replace(old, new)
        if line.strip() and line.strip() not in REPLACED_LINES:
            result.append(line)
    return result


def seed_sections() -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = None
    for line in seed_body():
        if line in SECTIONS:
            current = line
        sections.setdefault(current, []).append(line)
    return sections


@pytest.fixture(scope="module")
def corpus(site) -> str:
    """All article text of the site, text nodes joined as the browser shows them."""
    pages = sorted(site.site.rglob("*.html"))
    texts = [site.page(str(p.relative_to(site.site))).select_one("article") for p in pages]
    for article in filter(None, texts):
        for note in article.select(".kb-anm"):  # »[så i källan]«, »[rättat från …]«: additions
            note.decompose()
    return normalise(" ".join(article.get_text("") for article in texts if article))


def sentences(line: str) -> list[str]:
    line = re.sub(r"^- ", "", normalise(line))
    return [part for part in re.split(r"(?<=[.!?:;])\s+", line) if part]


def test_every_section_of_the_seed_is_mapped():
    assert set(seed_sections()) == set(SECTIONS)


def test_every_sentence_of_the_seed_is_on_the_site(corpus):
    missing = [
        sentence
        for line in seed_body()
        if "\t" not in line
        for sentence in sentences(line)
        if sentence not in corpus
    ]
    assert missing == []


@pytest.mark.parametrize("heading", list(SECTIONS))
def test_every_number_of_the_section_is_on_its_page(site, heading):
    expected = numbers("\n".join(seed_sections()[heading]))
    shown = numbers(site.page(SECTIONS[heading]).select_one("article").get_text(" "))
    assert sorted(expected - shown) == []


def table_cells(section: str) -> list[str]:
    cells = []
    for line in seed_sections()[section]:
        if "\t" in line:
            cells += [cell.strip() for cell in line.split("\t") if cell.strip()]
    return cells


def test_every_cell_of_the_tables_in_4_7_is_in_a_table(site):
    page = site.page(SECTIONS["4.7 Uppföljning och granskning av utförare"])
    in_tables = normalise(" ".join(cell.get_text("") for cell in page.select("table th, table td")))
    missing = [
        cell
        for cell in table_cells("4.7 Uppföljning och granskning av utförare")
        if normalise(cell).lower() not in in_tables.lower()
    ]
    assert missing == []


def plan_rows(site) -> list[tuple[str, str, list[str], list[tuple[str, bool]]]]:
    page = site.page(SECTIONS["7 Uppföljning kvalitetsplan"])
    rows = []
    for row in page.select("[data-process] tbody tr"):
        cells = row.find_all(["th", "td"])
        actions = [
            (normalise(li.get_text("")).removeprefix("✓ Klar: "), li["data-klar"] == "ja")
            for li in cells[3].select("li")
        ]
        rows.append(
            (normalise(cells[0].get_text("")), cells[1].get_text(strip=True), cells, actions)
        )
    return rows


def split_group(risk: str) -> tuple[str, str | None]:
    """A seed risk cell ends with its working group, sometimes in <i>…</i>."""
    risk = normalise(risk)
    for group in sorted(quality_plan_groups(), key=len, reverse=True):
        if risk == group:
            return "", group
        if risk.endswith(" " + group):
            return risk[: -len(group) - 1].strip(), group
    return risk, None


def test_every_cell_of_the_quality_plan_is_on_the_site(site, corpus):
    rows = plan_rows(site)
    missing = []
    for line in seed_sections()["7 Uppföljning kvalitetsplan"]:
        if "\t" not in line:
            continue
        cells = line.split("\t")
        process, risk, check, action = (cells + ["", "", "", ""])[:4]
        if process.strip() not in TABLE_HEADER_CELLS and normalise(process) not in corpus:
            missing.append(process)
        risk_text, group = split_group(risk)
        in_a_row = any(
            risk_text in text and (group is None or group == shown) for text, shown, *_ in rows
        )
        if risk_text and risk_text != "Risk - period 1 & 2" and not in_a_row:
            missing.append(f"{risk_text} ({group})")
        for text in [check, *action.split("✓")]:
            if normalise(text) and normalise(text) not in corpus:
                missing.append(text)
    assert missing == []


def test_every_tick_of_the_quality_plan_is_a_done_action(site):
    done_on_site = {text for *_, actions in plan_rows(site) for text, done in actions if done}
    ticked_in_seed = {
        normalise(part)
        for line in seed_sections()["7 Uppföljning kvalitetsplan"]
        if "✓" in line
        for part in line.split("\t")[3].split("✓")[:-1]
    }
    assert ticked_in_seed and ticked_in_seed <= done_on_site
