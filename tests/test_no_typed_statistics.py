"""No statistic is typed into the Markdown: every number on a page comes from data/.

Years, dates, section and law numbers are plain text by design. Anything else that
looks like a number must either come from a macro or be on the short list below,
each with its reason.
"""

from __future__ import annotations

import re
from pathlib import Path

DOCS = Path(__file__).resolve().parent.parent / "docs"

ALLOWED = {
    "skolbarn över 12 år": "an age limit set by the rules, not a statistic",
    "personer över 18 år": "an age limit set by the rules",
    "rörde vuxna över 25": "the name of an age group",
    "personer över 15 år": "the age limit of an event",
    "unga upp till 25 år": "an age limit set by the rules",
    "vuxna från 18 år": "an age limit set by the rules",
    "PDF-versionens Tabell 1, 2 och 3": "the table numbers printed in the PDF",
    "UTF-8": "the name of a character encoding",
    "från 0 till 100": "the scale of a percentage",
    "375 pixlar bred": "the phone width the tests check",
}

MACRO = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|`[^`]*`", re.S)
LINK_TARGET = re.compile(r"\]\([^)]*\)")
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
MONTHS = "januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december"
PLAIN = [
    re.compile(r"\b\d{4}:\d+\b"),  # law references: SOSFS 2011:9, Lag (2017:612)
    re.compile(r"\b\d+(?:\.\d+)+\b"),  # section numbers: 4.4, 1.1
    re.compile(rf"\b\d{{1,2}} (?:{MONTHS})\b"),  # dates: 1 januari 2020
    re.compile(r"\b(?:19|20)\d\d(?:/\d\d)?\b"),  # years: 2019, 2018/19
    re.compile(r"\b(?:stycke|kapitel) \d+\b"),  # "se vidare under stycke 7"
    re.compile(r"(?<=\[)\d+(?= )"),  # chapter numbers in links: [2 Syfte med kvalitetsarbetet]
]
NUMBER = re.compile(r"\d+")


def typed_numbers(text: str) -> list[tuple[int, str]]:
    text = FRONT_MATTER.sub(lambda m: "\n" * m.group().count("\n"), text)
    text = MACRO.sub(lambda m: " " * len(m.group()), text)
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith("#"):
            continue  # headings keep the report's own names, e.g. "SoL under 65 år"
        line = LINK_TARGET.sub("]()", line)
        for phrase in ALLOWED:
            line = line.replace(phrase, " ")
        for pattern in PLAIN:
            line = pattern.sub(" ", line)
        found += [(number, match.group()) for match in NUMBER.finditer(line)]
    return found


def test_no_statistic_is_typed_into_markdown():
    offenders = [
        f"{path.relative_to(DOCS.parent)}:{line}: {value}"
        for path in sorted(DOCS.rglob("*.md"))
        for line, value in typed_numbers(path.read_text(encoding="utf-8"))
    ]
    assert offenders == [], "Numbers typed into Markdown; take them from data/:\n" + "\n".join(
        offenders
    )


def test_the_scan_finds_a_typed_number():
    assert typed_numbers("Under året genomfördes 16 granskningar, varav {{ x }} påkallade.") == [
        (1, "16")
    ]
    assert typed_numbers("Enligt SOSFS 2011:9, se stycke 4.4, från 1 januari 2020.") == []
