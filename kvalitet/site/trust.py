"""What lets a reader trust a page, and what only editors see.

- **Marks** (`render/annotations.py`): leftovers of the source get »[så i källan]« on every
  page of their edition; the build stops when a listed leftover is on no page, or a page
  shows a corrected value without ``rattat(...)``.
- **The publication record** under every page of an edition (data file
  ``publicering.yaml``): when it was published, who adopted it and when, and corrections
  since. An empty field is not shown: nothing is stated that the data does not say.
- **»Rapportera ett fel på sidan«**: a mailto: link to the site's contact address
  (``extra.kontakt.epost`` in mkdocs.yml), naming the page; no link when it is empty.
- **Editors' links**: Material's »Redigera sidan« and our »Ändra datan« lead to GitHub's
  editor. They belong to the preview (``KVALITET_FORHANDSVISNING=ja``: `make serve`, a
  pull request's preview), not to the published site, where a reader cannot use them.
"""

from __future__ import annotations

from datetime import date
from urllib.parse import quote

from babel.dates import format_date
from markupsafe import Markup

from kvalitet.model import provenance
from kvalitet.render.annotations import (
    ABOUT,
    FILE,
    LEFTOVER_ID,
    corrections,
    leftovers,
    mark_leftovers,
    unflagged_corrections,
)
from kvalitet.render.formatting import LOCALE
from kvalitet.site.layout import edition_year, link_base

EDIT_FEATURE = "content.action.edit"  # Material's »Redigera sidan« button
RECORD = "publicering"  # the data file, publicering.yaml


def drop_editor_links(config) -> None:
    """Without the preview setting, the published build has no »Redigera sidan« button."""
    if provenance.requested():
        return
    features = config["theme"]["features"]
    if EDIT_FEATURE in features:
        features.remove(EDIT_FEATURE)


def _day(text: str) -> Markup:
    day = date.fromisoformat(text)
    return Markup('<time datetime="{}">{}</time>').format(
        text, format_date(day, "d MMMM y", locale=LOCALE)
    )


def record_html(record: object) -> Markup:
    """The publication record of an edition; empty when nothing is known."""
    if record is None:
        return Markup("")
    parts = []
    if record.publicerad:
        parts.append(Markup("Publicerad {}.").format(_day(record.publicerad)))
    if record.antagen_av or record.antagen:
        by = Markup(" av {}").format(record.antagen_av) if record.antagen_av else ""
        when = Markup(" {}").format(_day(record.antagen)) if record.antagen else ""
        parts.append(Markup("Antagen{}{}.").format(by, when))
    html = Markup("<p>{}</p>").format(Markup(" ").join(parts)) if parts else Markup("")
    changes = record.andringar or []
    if changes:
        items = Markup("").join(
            Markup("<li>{}: {}</li>").format(_day(c.datum), c.andring) for c in changes
        )
        html += Markup("<p>Ändringar efter publiceringen:</p><ul>{}</ul>").format(items)
    return html


def report_link(config, page) -> Markup:
    """»Rapportera ett fel på sidan« as a mailto: naming the page, or nothing."""
    contact = (config.get("extra") or {}).get("kontakt") or {}
    address = (contact.get("epost") or "").strip()
    if not address:
        return Markup("")
    where = (config.get("site_url") or "/") + page.url
    subject = quote(f"Fel på sidan »{page.title}«", safe="")
    body = quote(f"Sidan: {where}\n\nVad är fel?\n", safe="")
    return Markup('<p><a href="mailto:{}?subject={}&amp;body={}">{}</a></p>').format(
        address, Markup(subject), Markup(body), "Rapportera ett fel på sidan"
    )


class Trust:
    """The marks, record and links of one build (held by the plugin)."""

    def __init__(self, site):
        self.site = site
        self.marked: dict[int, set[str]] = {year: set() for year in site.reports}

    def mark(self, html: str, page) -> str:
        """A page's HTML with »[så i källan]« after its edition's leftovers."""
        year = edition_year(page.file.src_uri)
        if year not in self.site.reports or page.file.src_uri == f"{year}/{ABOUT[:-1]}.md":
            return html  # the explanations themselves are not marked
        to_root = "../" * link_base(page).count("/")
        items = leftovers(self.site.reports[year].current.values)
        href = f"{to_root}{year}/{ABOUT}#{LEFTOVER_ID}"
        html, found = mark_leftovers(html, items, href)
        self.marked[year] |= found
        return html

    def problems(self, rendered: list) -> list[str]:
        """Messages that stop the build: a stale leftover, an unflagged correction."""
        messages = []
        for year, report in self.site.reports.items():
            for item in leftovers(report.current.values):
                if item.text not in self.marked[year]:
                    messages.append(
                        f"data/{year}/{FILE}.yaml, sa_i_kallan: texten »{item.text}« finns inte "
                        "på någon sida. Skriv texten exakt som den står på sidan, eller ta bort "
                        "den ur listan om den har rättats."
                    )
            paths = list(corrections(report.current.values))
            for page in rendered:
                if edition_year(page.source) == year:
                    messages += unflagged_corrections(page.source, page.markdown, paths)
        return messages

    def page_context(self, page, config) -> dict[str, object]:
        """Template values for overrides/main.html: the record and the report link."""
        year = edition_year(page.file.src_uri)
        report = self.site.reports.get(year)
        record = report.current.values.get(RECORD) if report else None
        return {"kb_publicering": record_html(record), "kb_rapportera": report_link(config, page)}
