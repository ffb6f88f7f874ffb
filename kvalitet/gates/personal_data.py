"""Stops the build if a text or data file contains what looks like a personnummer.

A Swedish personnummer is YYMMDD-NNNN (or YYYYMMDDNNNN) whose last digit is a Luhn check
digit over the ten digits; a samordningsnummer is the same with 60 added to the day. Only
numbers with a valid date and a valid check digit are reported, so ordinary figures and
dates do not stop the build. Messages mask the last four digits so the log does not repeat
the personal data.
"""

from __future__ import annotations

import re
from pathlib import Path

from kvalitet.model.problems import Problem

CANDIDATE = re.compile(r"(?<![\d-])(?:19|20)?(\d{6})[-+ ]?(\d{4})(?![\d])")
TEXT_SUFFIXES = {".md", ".yaml", ".yml", ".csv", ".txt", ".html", ".js", ".css", ".json"}


def luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(digits):
        value = int(char) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def kind_of(date: str, serial: str) -> str | None:
    """ "personnummer", "samordningsnummer" or None for six + four digits."""
    month, day = int(date[2:4]), int(date[4:6])
    if not 1 <= month <= 12 or not luhn_ok(date + serial):
        return None
    if 1 <= day <= 31:
        return "personnummer"
    if 61 <= day <= 91:
        return "samordningsnummer"
    return None


def find_in_text(text: str, file: str) -> list[Problem]:
    problems = []
    for number, line in enumerate(text.splitlines(), 1):
        for match in CANDIDATE.finditer(line):
            kind = kind_of(match.group(1), match.group(2))
            if kind:
                problems.append(
                    Problem(
                        file,
                        f"raden innehåller något som ser ut som ett {kind} "
                        f"({match.group(1)}-XXXX) med giltig kontrollsiffra. "
                        "Personuppgifter får inte publiceras; ta bort uppgiften.",
                        line=number,
                    )
                )
    return problems


def find_in_folders(root: Path, folders: list[str]) -> list[Problem]:
    problems = []
    for folder in folders:
        for path in sorted((root / folder).rglob("*")):
            if path.is_file() and path.suffix in TEXT_SUFFIXES:
                text = path.read_text(encoding="utf-8", errors="replace")
                problems += find_in_text(text, path.relative_to(root).as_posix())
    return problems
