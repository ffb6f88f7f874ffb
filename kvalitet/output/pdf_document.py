"""The page "Hela rapporten" as a printed document: cover, contents, links that work on paper.

The PDF is printed from the same page readers see, with a few changes that only make sense
in a file of its own: the page's introduction gives way to a cover and a table of contents,
the figures' data tables are opened, and links work without the website. A link within the
report stays a link within the document; a link to another page or file of the website
becomes an absolute address when the site's address is known (``site_url``), and plain text
when it is not, rather than a link that breaks once the PDF is downloaded.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, Tag

CONTENTS_ID = "kb-innehall"
# A section in a chapter's contents: "4.1 Förändrade förutsättningar", not "Lex Sarah".
SECTION_NUMBER = re.compile(r"^\d+(\.\d+)+\s")
PAGE_PLACEHOLDER = "0"  # its box has a fixed width, so the real number changes no line


@dataclass(frozen=True)
class Cover:
    """What the cover says, all from the edition's datapackage.yaml."""

    title: str  # "Kvalitetsberättelse 2019"
    unit: str  # "Omsorgsenheten"
    organization: str  # "Nacka kommun"
    year: int
    draft: bool = False

    @classmethod
    def of(cls, package, year: int) -> Cover:
        found = [c for c in package.contributors if "publisher" in c.roles]
        publisher = (found or package.contributors or [None])[0]
        return cls(
            title=package.title,
            unit=publisher.title if publisher else "",
            organization=(publisher.organization or "") if publisher else "",
            year=year,
            draft=package.status == "utkast",
        )


@dataclass(frozen=True)
class Entry:
    """A line of the table of contents: a chapter, or a numbered section in it."""

    anchor: str
    title: str
    sections: tuple[Entry, ...] = ()


def print_document(
    html: str, page_url: str, cover: Cover, site_url: str = ""
) -> tuple[str, list[str]]:
    """The built page `html` (at `page_url`, e.g. "2019/hela-rapporten/") made ready to
    print, and the anchors of the headings its table of contents needs page numbers for."""
    soup = BeautifulSoup(html, "html.parser")
    article = soup.select_one("article")
    first_chapter = article.find("h2") if article else None
    if first_chapter is None:
        raise ValueError(f"Sidan {page_url} har inga kapitel att skriva ut.")
    for before in list(first_chapter.find_previous_siblings()):
        before.decompose()  # edition banner, page title, "Ladda ner som PDF": the cover's job
    entries = contents(article)
    first_chapter.insert_before(_cover(soup, cover))
    first_chapter.insert_before(_contents(soup, entries))
    for details in article.select("details.kb-figur__data"):
        details["open"] = ""  # a figure's data as a table, since paper cannot unfold
    for image in article.select("img[loading]"):
        del image["loading"]  # a lazy figure far down might not be loaded when printing starts
    ids = {element["id"] for element in soup.select("[id]")}
    for link in article.select("a[href]"):
        _make_printable(link, page_url, site_url, ids)
    return str(soup), [a for e in entries for a in [e.anchor, *(s.anchor for s in e.sections)]]


def contents(article: Tag) -> list[Entry]:
    """Each chapter (h2) with its numbered sections (h3 such as "4.1 ...")."""
    entries: list[Entry] = []
    for heading in article.find_all(["h2", "h3"]):
        if not heading.get("id"):
            continue
        title = _heading_text(heading)
        if heading.name == "h2":
            entries.append(Entry(heading["id"], title))
        elif entries and SECTION_NUMBER.match(title):
            last = entries[-1]
            section = Entry(heading["id"], title)
            entries[-1] = Entry(last.anchor, last.title, (*last.sections, section))
    return entries


def _heading_text(heading: Tag) -> str:
    parts = [
        text
        for text in heading.find_all(string=True)
        if not any("headerlink" in parent.get("class", []) for parent in text.parents)
    ]
    return " ".join("".join(parts).split())


def _cover(soup: BeautifulSoup, cover: Cover) -> Tag:
    section = soup.new_tag("section", attrs={"class": "kb-omslag"})
    heading = soup.new_tag("h1", attrs={"class": "kb-omslag__titel"})
    year = str(cover.year)
    if cover.title.endswith(year):  # the year on a line of its own, larger
        heading.append(cover.title[: -len(year)].rstrip())
        heading.append(soup.new_tag("br"))  # a space here would be lost in the bookmark
        number = soup.new_tag("span", attrs={"class": "kb-omslag__ar"})
        number.string = year
        heading.append(number)
    else:
        heading.string = cover.title
    section.append(heading)
    for text, name in [(cover.unit, "enhet"), (cover.organization, "kommun")]:
        if text:
            line = soup.new_tag("p", attrs={"class": f"kb-omslag__{name}"})
            line.string = text
            section.append(line)
    if cover.draft:
        line = soup.new_tag("p", attrs={"class": "kb-omslag__utkast"})
        line.string = "Utkast, inte publicerad"
        section.append(line)
    return section


def _contents(soup: BeautifulSoup, entries: list[Entry]) -> Tag:
    nav = soup.new_tag("nav", attrs={"class": "kb-innehall", "aria-labelledby": CONTENTS_ID})
    heading = soup.new_tag("h2", attrs={"id": CONTENTS_ID})
    heading.string = "Innehåll"
    nav.append(heading)
    nav.append(_entry_list(soup, entries))
    return nav


def _entry_list(soup: BeautifulSoup, entries) -> Tag:
    items = soup.new_tag("ol")
    for entry in entries:
        item = soup.new_tag("li")
        link = soup.new_tag("a", attrs={"href": f"#{entry.anchor}"})
        title = soup.new_tag("span", attrs={"class": "kb-innehall__titel"})
        title.string = entry.title
        number = soup.new_tag(
            "span", attrs={"class": "kb-innehall__sida", "data-kb-sida": entry.anchor}
        )
        number.string = PAGE_PLACEHOLDER
        link.extend([title, " ", number])
        item.append(link)
        if entry.sections:
            item.append(_entry_list(soup, entry.sections))
        items.append(item)
    return items


def _make_printable(link: Tag, page_url: str, site_url: str, ids: set[str]) -> None:
    href = link["href"]
    if href.startswith("#"):
        if href[1:] not in ids:
            link.unwrap()
        return
    if urlsplit(href).scheme:  # already absolute: https:, mailto:
        return
    base = "https://sajten.invalid/"  # only to resolve the link; never printed
    address = urljoin(base + page_url, href)
    path = posixpath.normpath(urlsplit(address).path)
    fragment = urlsplit(address).fragment
    if path.strip("/") == page_url.strip("/") and fragment in ids:
        link["href"] = f"#{fragment}"
    elif site_url:
        link["href"] = urljoin(site_url.rstrip("/") + "/", address.removeprefix(base))
    else:
        link.unwrap()  # no address to give: the words stay, the broken link goes
