"""Every number the seed states in a section is on that section's page.

The seed is the text extracted from the 2019 PDF. For each section ported so far the
test collects the numbers the PDF prints (``1600``, ``59,1``, ``3 638``) and checks that
the built page shows each of them, after Swedish spacing is normalised. A number the
web edition deliberately corrects is listed with the correction's reason.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

# A copy of the text extracted from the 2019 PDF (the project's ground truth), kept in the
# repository so the test runs on a clean clone.
SEED = Path(__file__).resolve().parent / "fixtures/kvalitetsberattelse-2019.txt"

# Seed heading that starts a section -> the page that shows it.
SECTIONS = {
    "I Kvalitetsberättelsen": "kvalitetsberattelsen/index.html",
    "2 Syfte med kvalitetsarbetet": "syfte/index.html",
    "3 Fokusområde under året": "fokusomrade/index.html",
    "4 Underlag för analys": "underlag/index.html",
    "4.1 Förändrade förutsättningar under året": "underlag/forandrade-forutsattningar/index.html",
    "4.2 Målgruppsbeskrivning": "underlag/malgruppsbeskrivning/index.html",
    "4.3 Kundenkäter": "underlag/kundenkater/index.html",
    "4.4 Systematisk uppföljning av insatser": "underlag/systematisk-uppfoljning/index.html",
    "4.5 Öppna jämförelser": "underlag/oppna-jamforelser/index.html",
    "4.6 Utförare och anordnare - insatsutbud": "underlag/utforare-och-anordnare/index.html",
    "4.7 Uppföljning och granskning av utförare": "underlag/uppfoljning-och-granskning/index.html",
    "4.8 Rättsäkerhetsgranskning": "underlag/rattssakerhetsgranskning/index.html",
    "4.9 Avvikelser": "underlag/avvikelser/index.html",
    "4.10 Annan tillsyn": "underlag/annan-tillsyn/index.html",
    "4.11 Personal och kompetensförsörjning": "underlag/personal-och-kompetens/index.html",
}
END = "5 Uppföljning av kvalitet inom Omsorgsenheten"

# Tokens the web edition shows differently on purpose, per section.
DIFFERENT = {
    "4.7 Uppföljning och granskning av utförare": {
        "1",
        "2",
        "3",  # the PDF's labels "Tabell 1/2/3"; tables are renumbered in reading order
    },
}

NUMBER = re.compile(r"\d+(?:[ \u00a0\u202f]\d{3})*(?:,\d+)?")


def numbers(text: str) -> set[str]:
    return {re.sub(r"[ \u00a0\u202f]", "", match) for match in NUMBER.findall(text)}


def seed_sections() -> dict[str, str]:
    lines = SEED.read_text(encoding="utf-8").splitlines()
    body = lines[lines.index("I Kvalitetsberättelsen") :]  # after the table of contents
    body = body[: body.index(END)]
    sections: dict[str, list[str]] = {}
    current = None
    for line in body:
        if line in SECTIONS:
            current = line
        sections.setdefault(current, []).append(line)
    return {heading: "\n".join(text) for heading, text in sections.items()}


def test_every_section_of_the_seed_is_mapped():
    assert set(seed_sections()) == set(SECTIONS)


@pytest.mark.parametrize("heading", list(SECTIONS))
def test_every_number_of_the_section_is_on_its_page(site, heading):
    expected = numbers(seed_sections()[heading]) - DIFFERENT.get(heading, set())
    article = site.page(SECTIONS[heading]).select_one("article")
    shown = numbers(article.get_text(" "))
    assert sorted(expected - shown) == []
