"""A figure on a page: caption, image, description, its data as a table, and a data link.

The image is a ``<picture>``: screens narrower than Material's tablet layout get the phone
drawing, whose lettering stays at least 12 px there; wider screens and print the wide one.
"""

from __future__ import annotations

from markupsafe import Markup

from kvalitet.render.chart_sizes import pixels
from kvalitet.render.figure_render import phone_path
from kvalitet.render.figures import FigureSpec
from kvalitet.render.html_table import render_table

PHONES = "screen and (max-width: 44.9375em)"


def render_figure(spec: FigureSpec, number: int, src: str, source: Markup) -> Markup:
    figure_id = f"figur-{spec.name.replace('_', '-')}"
    width, height = pixels(spec.draw)  # known before the drawing is done
    phone_width, phone_height = pixels(spec.draw, phone=True)
    table = render_table(f"{figure_id}-data", f"Data för figur {number}", spec.table, None)
    return Markup(
        '<figure class="kb-figur" id="{id}">'
        "<figcaption>Figur {number}. {caption}</figcaption>"
        '<picture><source media="{phones}" srcset="{phone_src}" '
        'width="{phone_width}" height="{phone_height}">'
        '<img src="{src}" alt="{alt}" width="{width}" height="{height}" '
        # Fetched when scrolled near, so that the whole report on one page loads quickly;
        # without JavaScript (the PDF print) browsers load every image at once.
        'loading="lazy" decoding="async" aria-describedby="{id}-beskrivning"></picture>'
        '<p class="kb-figur__beskrivning" id="{id}-beskrivning">{description}</p>'
        '<details class="kb-figur__data"><summary>Visa data som tabell</summary>{table}</details>'
        '<p class="kb-figur__kalla">{source}</p>'
        "</figure>"
    ).format(
        id=figure_id,
        number=number,
        caption=spec.caption,
        phones=PHONES,
        phone_src=phone_path(src),
        phone_width=phone_width,
        phone_height=phone_height,
        src=src,
        alt=spec.alt,
        width=width,
        height=height,
        description=spec.description,
        table=table,
        source=source,
    )
