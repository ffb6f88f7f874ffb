"""Readability (LIX) of the built pages.

LIX = words / sentences + 100 × long words (more than six letters) / words. It is counted
on the running text of a page (paragraphs, lists, headings), not on tables and figures.
``python -m kvalitet.tools.lix site`` (``make lix``) prints LIX per page with its band.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

WORD = re.compile(r"[A-Za-zÅÄÖåäöÉéÜü]+(?:-[A-Za-zÅÄÖåäöÉéÜü]+)*")
SENTENCE_END = re.compile(r"[.!?:]+(?=\s|$)")
BLOCKS = (
    "article p, article li, article h1, article h2, article h3, article h4, article dd, article dt"
)
BANDS = [
    (30, "mycket lättläst"),
    (40, "lättläst"),
    (50, "medelsvår"),
    (60, "svår"),
]


@dataclass
class Readability:
    words: int
    sentences: int
    long_words: int

    @property
    def lix(self) -> float:
        if not self.words:
            return 0.0
        return self.words / max(self.sentences, 1) + 100 * self.long_words / self.words

    @property
    def band(self) -> str:
        return band(self.lix)


def band(lix: float) -> str:
    """The LIX band in Swedish, from "mycket lättläst" (under 30) to "mycket svår" (over 60)."""
    return next((name for limit, name in BANDS if lix < limit), "mycket svår")


def readability(blocks: list[str]) -> Readability:
    """LIX counts for text `blocks`; a block that does not end a sentence ends one anyway."""
    words = sentences = long_words = 0
    for block in blocks:
        found = WORD.findall(block)
        if not found:
            continue
        words += len(found)
        long_words += sum(len(word.replace("-", "")) > 6 for word in found)
        ends = len(SENTENCE_END.findall(block))
        sentences += ends if re.search(r"[.!?:]\s*$", block.strip()) else ends + 1
    return Readability(words, sentences, long_words)


def page_readability(html: str) -> Readability:
    soup = BeautifulSoup(html, "lxml")
    for hidden in soup.select(".headerlink, .kb-tabell, figure, .kb-uppdaterad, form"):
        hidden.decompose()
    blocks = []
    for element in soup.select(BLOCKS):
        if element.find_parent(["li"]) and element.name == "p":
            continue  # the list item counts it
        blocks.append(element.get_text(" ", strip=True))
    return readability(blocks)


def site_pages(site: Path) -> list[tuple[str, Path]]:
    """(page URL, HTML file) of every page with text, skipping generated furniture."""
    pages = []
    for path in sorted(site.rglob("index.html"), key=lambda p: p.parent.as_posix()):
        url = path.parent.relative_to(site).as_posix()
        url = "" if url == "." else url + "/"
        pages.append((url, path))
    return pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="LIX per sida i den byggda webbplatsen.")
    parser.add_argument("site", nargs="?", default="site", help="mappen med den byggda webbplatsen")
    args = parser.parse_args(argv)
    site = Path(args.site)
    if not (site / "index.html").is_file():
        print(f"Hittar ingen byggd webbplats i {site}/. Kör make site först.", file=sys.stderr)
        return 1
    print(f"{'Sida':<46} {'LIX':>5}  Nivå")
    for url, path in site_pages(site):
        measured = page_readability(path.read_text(encoding="utf-8"))
        if measured.words:
            print(f"{url or '(startsidan)':<46} {measured.lix:5.0f}  {measured.band}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
