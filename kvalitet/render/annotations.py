"""Marks where the web version corrects its source, or repeats a slip of it.

Both kinds are listed in the edition's ``rattelser.yaml`` and link to their explanation on
the page »Om webbversionen«, so a reader sees them where they appear, not only there:

- A corrected value (``rattelser:``) is written in Markdown as
  ``{{ rattat("mottagningar.minimaria.andel_man") }}``: the computed value followed by
  »[rättat från 59 procent i PDF-versionen]«. A page that shows a corrected value without
  `rattat` stops the build (`unflagged_corrections`).
- A leftover of the source (``sa_i_kallan:``), such as a table row that ends mid-sentence,
  is followed by »[så i källan]« wherever its text appears on the edition's pages, in
  running text and table cells alike (`mark_leftovers`). A leftover that no page shows
  any more stops the build, so the list stays true.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup, escape

from kvalitet.render.formatting import FILTERS

FILE = "rattelser"  # the data file, rattelser.yaml
ABOUT = "om-webbversionen/"  # in each edition's folder
CORRECTED_ID = "rattade-varden"  # the headings' ids on that page
LEFTOVER_ID = "sa-i-kallan"
# Text inside these elements is left alone: a link in a link, or text in a drawing.
SKIPPED = {"a", "svg", "script", "style", "title", "option", "textarea", "code", "button"}
TAG = re.compile(r"<(/?)([a-zA-Z][\w-]*)[^>]*?(/?)>")


@dataclass(frozen=True)
class Leftover:
    text: str
    explanation: str


def corrections(values: dict) -> dict[str, object]:
    """{path of the corrected value: its entry} of an edition's rattelser.yaml."""
    data = values.get(FILE)
    return {entry.varde: entry for entry in getattr(data, "rattelser", None) or []}


def leftovers(values: dict) -> list[Leftover]:
    data = values.get(FILE)
    return [
        Leftover(entry.text, entry.forklaring) for entry in getattr(data, "sa_i_kallan", None) or []
    ]


def corrected(edition, links, sokvag: str) -> Markup:
    """The macro ``rattat``: a corrected value, flagged with the source's own value.

    Next year's copy of the page has no correction for it: the value is then shown as it
    is, a count as ``antal`` and anything else as ``procent`` (the units a correction has).
    """
    value = edition.resolve(sokvag)
    entry = corrections(edition.values).get(sokvag)
    if entry is None:
        return Markup("{}").format(FILTERS["antal" if isinstance(value, int) else "procent"](value))
    show = FILTERS["procent" if entry.enhet == "procent" else "antal"]
    href = links.to(f"{edition.year}/{ABOUT}#{CORRECTED_ID}")
    return Markup(
        '{} <small class="kb-anm">[<a href="{}">rättat från {} i PDF-versionen</a>]</small>'
    ).format(show(value), href, show(entry.pdf))


def mark_leftovers(html: str, items: list[Leftover], href: str) -> tuple[str, set[str]]:
    """`html` with »[så i källan]« after each leftover's text, and the texts marked."""
    if not items:
        return html, set()
    found: set[str] = set()
    pattern = re.compile("|".join(re.escape(str(escape(i.text))) for i in items))
    by_text = {str(escape(i.text)): i for i in items}

    def mark(match: re.Match) -> str:
        item = by_text[match[0]]
        found.add(item.text)
        note = Markup(
            '<small class="kb-anm">[<a href="{}" title="{}">så i källan</a>]</small>'
        ).format(href, item.explanation)
        return f"{match[0]} {note}"

    parts, skipped, last = [], 0, 0
    for tag in TAG.finditer(html):
        text = html[last : tag.start()]
        parts.append(text if skipped else pattern.sub(mark, text))
        parts.append(tag[0])
        last = tag.end()
        name = tag[2].lower()
        if name in SKIPPED and not tag[3]:
            skipped += -1 if tag[1] else 1
            skipped = max(skipped, 0)
    tail = html[last:]
    parts.append(tail if skipped else pattern.sub(mark, tail))
    return "".join(parts), found


def unflagged_corrections(src_uri: str, markdown: str, paths: list[str]) -> list[str]:
    """Messages for each corrected value a page shows without ``rattat(...)``."""
    messages = []
    for path in paths:
        for match in re.finditer(rf"(?<![\w.]){re.escape(path)}(?![\w])", markdown):
            before = markdown[: match.start()]
            if re.search(r"""rattat\(\s*["']$""", before):
                continue
            line = before.count("\n") + 1
            messages.append(
                f"Fel på sidan docs/{src_uri}, rad {line}: värdet »{path}« är rättat i "
                f'{FILE}.yaml och ska visas som {{{{ rattat("{path}") }}}}, så att läsaren '
                "ser att det skiljer sig från PDF-versionen."
            )
    return messages
