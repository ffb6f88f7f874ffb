"""The menu (``nav:`` in mkdocs.yml) of each edition, edited as text so that the file keeps
its comments and layout: next year's edition gets a copy of the latest edition's block."""

from __future__ import annotations

import re

SECTION = re.compile(r"^(?P<indent>  )- (?P<title>[^:\n]*\b(?P<year>\d{4})\b[^:\n]*):\n", re.M)


def edition_block(config_text: str, year: int) -> tuple[int, int] | None:
    """(start, end) of the nav section of edition `year` in mkdocs.yml's text."""
    for match in SECTION.finditer(config_text):
        if int(match["year"]) != year:
            continue
        end = match.end()
        for line in config_text[match.end() :].splitlines(keepends=True):
            if not line.startswith("      "):
                break
            end += len(line)
        return match.start(), end
    return None


def with_edition(config_text: str, old: int, new: int) -> str:
    """mkdocs.yml's text with a nav section for edition `new`, a copy of `old`'s with its
    pages under ``<new>/``, placed before it so the newest edition comes first."""
    block = edition_block(config_text, old)
    if block is None:
        raise ValueError(f"mkdocs.yml har ingen menyrubrik för {old} under nav:")
    start, end = block
    copy = re.sub(rf"\b{old}\b", str(new), config_text[start:end])
    return config_text[:start] + copy + config_text[start:]
