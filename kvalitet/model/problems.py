"""Problems an editor can cause, each described in Swedish.

A `Problem` names the place (file, line, column or key), the value found and what was
expected. Loading collects every problem before failing, so one build run lists them all.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One mistake in one place of a data file."""

    file: str
    message: str
    line: int | None = None
    field: str | None = None  # e.g. 'kolumn "antal"' or 'nyckel "enheten.personer"'
    found: object = None
    expected: str | None = None
    note: str | None = None  # e.g. the row's label in a draft's list of missing values

    def __str__(self) -> str:
        place = self.file
        if self.line is not None:
            place += f", rad {self.line}"
        if self.field:
            place += f", {self.field}"
        text = f"{place}: {self.message}"
        if self.found is not None:
            text += f" Hittade: {show_value(self.found)}."
        if self.expected:
            text += f" Förväntade: {self.expected}."
        return text


class DataError(Exception):
    """Raised when data files are wrong; carries every problem found."""

    def __init__(
        self, problems: Iterable[Problem], subject: str = "Datan för kvalitetsberättelsen"
    ):
        self.problems = sorted(
            problems, key=lambda p: (p.file, p.line if p.line is not None else 0, p.field or "")
        )
        self.subject = subject
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        head = "ett fel" if count == 1 else f"{count} fel"
        lines = [
            f"{self.subject} innehåller {head}. Bygget avbröts så att inget felaktigt publiceras.",
        ]
        lines += [f"  {n}. {p}" for n, p in enumerate(self.problems, 1)]
        return "\n".join(lines)


class EditorError(Exception):
    """A mistake in a Markdown page or a macro call, with a Swedish message."""


def show_value(value: object) -> str:
    """Quote a found value the way an editor typed it."""
    if value == "":
        return "ett tomt värde"
    text = str(value)
    if len(text) > 60:
        text = text[:57] + "…"
    return f"»{text}«"


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """A Swedish hint naming the closest known name, or an empty string."""
    match = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f" Menade du »{match[0]}«?" if match else ""


def quoted_name(name: object, macro: str) -> str:
    """`name` as `macro` (tabell, figur) was given it. Without quotes an editor's name is a
    variable, such as a data file's rows: the message says to add them."""
    if isinstance(name, str):
        return name
    written = getattr(name, "name", None)  # klagomal: the rows of klagomal.csv
    example = f'{macro}("{written if isinstance(written, str) else "namn"}")'
    raise EditorError(f"skriv namnet inom citattecken: {example}.")
