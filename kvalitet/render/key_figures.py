"""The start page's key figures (»Året i siffror«), from the edition's ``nyckeltal.yaml``.

A key figure is a number taken out of its paragraph, which is where a source's caveats get
lost. So each figure is one entry of data that carries the source's own qualifier
(``forled``: »omkring«) and caveat (``forbehall``), and ``{{ arets_siffror() }}`` always shows
them with the number: a page cannot show the number without them.

The macro writes Markdown (a list of cards inside ``<div class="kb-nyckeltal" markdown>``),
so the headings, links and their checks are MkDocs' own.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from kvalitet.model.problems import EditorError
from kvalitet.render.formatting import FILTERS

FILE = "nyckeltal"  # the data file, nyckeltal.yaml


def _indented(paragraphs: list[str]) -> str:
    return "\n\n".join("    " + p for p in paragraphs)


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def key_figures(edition, context, comparisons) -> Markup:
    """Markdown: one card per key figure, with its qualifier and caveat."""
    data = edition.values.get(FILE)
    if data is None:
        raise EditorError(f"datafilen data/{edition.year}/{FILE}.yaml saknas.")
    cards = []
    for entry in data.nyckeltal:
        number = Markup("**{}**").format(FILTERS["antal"](edition.resolve(entry.varde)))
        first = Markup(" ").join(
            [
                *([escape(entry.forled)] if entry.forled else []),
                number,
                escape(context.text(entry.text)),
            ]
        )
        paragraphs = [_sentence(str(first))]
        after = []
        if entry.jamforelse:
            compared = comparisons.macros["jamforelse"](
                entry.varde, entry.jamforelse, med_varde=False
            )
            after.append(_sentence(str(escape(compared))) + ".")
        if entry.forbehall:
            after.append(str(escape(entry.forbehall)))
        if after:
            paragraphs.append(" ".join(after))
        paragraphs.append(f"[{escape(entry.lanktext)}]({entry.lank})")
        cards.append(f"-   ### {escape(entry.rubrik)}\n\n" + _indented(paragraphs))
    return Markup("\n\n".join(cards) + "\n")
