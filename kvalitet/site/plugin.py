"""The MkDocs plugin (``plugins: - kvalitet`` in mkdocs.yml): all build state on one object.

It loads every edition before mkdocs-macros runs (``Site``), and around the pages:

1. Generated files: every dataset as CSV, Excel and ZIP and every figure as SVG are added to
   the site, from the data the pages use.
2. Abbreviations: every term of the glossary page (docs/ordlista.md) gets its explanation as
   an ``<abbr>`` tooltip wherever it appears.
3. Stops: mistakes recorded while pages were rendered, and broken links, stop the build
   after the last page is rendered and before any is written, all listed at once.
4. Each edition's PDF, printed from its "Hela rapporten" after the build.
5. Around every edition's pages, which year it is and which is the latest
   (``utgava`` in the template context, see overrides/main.html); at the root, the pages
   that have moved into an edition's folder (`editions.py`).
6. Small fixes to Material's HTML (see `html_fixes.py`).
7. The site's search index, one entry per section or table (`output/search_index.py`).
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from kvalitet.gates.links import RenderedPage, broken_links
from kvalitet.model.provenance import resolve_links
from kvalitet.output.browser import NoBrowser
from kvalitet.output.glossary import add_abbreviations, read_glossary
from kvalitet.output.pdf import pdf_name, print_pdf
from kvalitet.output.pdf_document import Cover
from kvalitet.output.search_index import SearchIndex
from kvalitet.site.editions import (
    DRAFT_PAGE,
    banner,
    draft_page,
    moved_pages,
    with_draft_pages,
)
from kvalitet.site.html_fixes import fix_material_html
from kvalitet.site.layout import edition_year
from kvalitet.site.numbering import nav_pages
from kvalitet.site.state import Site
from kvalitet.site.trust import Trust, drop_editor_links
from kvalitet.site.updated import files_used, updated_html

log = logging.getLogger("mkdocs.plugins.kvalitet")
WHOLE_REPORT = "hela-rapporten/"  # in each edition's folder
GLOSSARY = "ordlista.md"


def refusal(drafts: list[int]) -> str:
    """The publish job's one message when an edition is still a draft."""
    years = " och ".join(str(year) for year in drafts)
    return (
        f"Årgången {years} är ett utkast (status: utkast i data/{drafts[0]}/datapackage.yaml) "
        "och publiceras inte. Fyll i alla uppgifter och ändra status till publicerad; "
        "inget har publicerats."
    )


def site_of(config) -> Site:
    """The `Site` of the build that `config` (the MkDocs config) belongs to."""
    plugin = config["plugins"].get("kvalitet")
    if plugin is None or plugin.site is None:
        raise PluginError("Pluginen kvalitet saknas i mkdocs.yml (plugins: - kvalitet).")
    return plugin.site


class KvalitetConfig(base.Config):
    # The edition whose pages lay at the site's root before editions had folders.
    moved_from_root = c.Optional(c.Type(int))


class KvalitetPlugin(BasePlugin[KvalitetConfig]):
    def __init__(self):
        super().__init__()
        self.site: Site | None = None
        self.rendered: list[RenderedPage] = []
        self.static: set[str] = set()
        self.dest_uris: set[str] = set()
        self.glossary: dict[str, str] = {}

    @event_priority(50)  # before mkdocs-macros, whose define_env reads the editions
    def on_config(self, config: MkDocsConfig):
        self.site = Site.load(config)
        self.trust = Trust(self.site)  # marks, publication record, editors' links
        drop_editor_links(config)
        drafts = [year for year, report in self.site.reports.items() if report.current.draft]
        if drafts and os.environ.get("KVALITET_PUBLICERA") == "ja":  # the publish job
            raise PluginError(refusal(drafts))
        config["nav"] = with_draft_pages(config["nav"], drafts)
        self.rendered, self.static = [], set()
        self.search = SearchIndex()  # the site's search, see output/search_index.py
        glossary = Path(config["docs_dir"]) / GLOSSARY
        self.glossary = read_glossary(glossary) if glossary.is_file() else {}
        return config

    def on_files(self, files: Files, config: MkDocsConfig):
        for path, content in self.site.generated_files().items():
            files.append(File.generated(config, path, content=content))
        for year, report in self.site.reports.items():
            if report.current.draft:
                page = f"{year}/{DRAFT_PAGE}"
                files.append(File.generated(config, page, content=draft_page(report)))
            # A placeholder, so that links to the PDF are valid; on_post_build prints it.
            files.append(File.generated(config, pdf_name(year), content=b""))
        moved = self.config.moved_from_root
        if moved in self.site.reports:
            title = self.site.reports[moved].current.descriptor.package.title
            for path, content in moved_pages(nav_pages(config["nav"]), moved, title).items():
                files.append(File.generated(config, path, content=content))
        self.static = {f.dest_uri for f in files if not f.is_documentation_page()}
        self.dest_uris = {f.dest_uri for f in files}
        return files

    def on_page_content(self, html: str, page, config, files) -> str:
        html = resolve_links(html, config.get("edit_uri") or "")  # the preview's source links
        html = self.trust.mark(html, page)  # before abbreviations split the marked texts
        if page.file.src_uri != GLOSSARY:
            html = add_abbreviations(html, self.glossary)
        self.search.add(page, html)
        source = page.file.content_string
        report = self.site.report_for(page.file.src_uri)
        used = [f"docs/{page.file.src_uri}", *files_used(source, report.data_files())]
        html += str(updated_html(report.git_dates.last_change(used)))  # str: Markup would escape
        self.rendered.append(
            RenderedPage.from_html(page.file.src_uri, page.url, page.title or "", source, html)
        )
        return html

    def on_env(self, env, config, files):
        # Every page is rendered by now and none is written yet: the right moment to stop.
        self.site.raise_problems()
        marks = self.trust.problems(self.rendered)
        if marks:
            raise PluginError("\n".join(marks) + "\nBygget avbröts så att inget visas omarkerat.")
        messages = broken_links(self.rendered, self.static)
        if messages:
            raise PluginError(
                "\n".join(messages) + "\nBygget avbröts så att inga trasiga länkar publiceras."
            )
        return env

    def on_template_context(self, context, template_name, config):
        context["kb_senaste"] = self.site.main.current.year  # e.g. for 404.html's footer
        if template_name == "404.html":  # shown at any address, see overrides/404.html
            context["kb_bas"] = urlsplit(config["site_url"] or "").path
            if not context["kb_bas"]:  # MkDocs would link from the server's root
                context["base_url"] = "."  # relative to the <base> its script sets
            context["kb_toppnivaer"] = sorted({uri.split("/")[0] for uri in self.dest_uris})
        return context

    def on_page_context(self, context, page, config, nav):
        context["kb_senaste"] = self.site.main.current.year
        context.update(self.trust.page_context(page, config))
        year = edition_year(page.file.src_uri)
        if year in self.site.reports:
            report = self.site.reports[year]
            draft = report.current.descriptor.package.status == "utkast"
            to_root = "../" * page.url.count("/")
            latest = self.site.main.current
            context["utgava"] = banner(year, latest.year, draft, latest.draft, to_root)
        return context

    def on_post_page(self, output: str, page, config) -> str:
        return fix_material_html(output)

    def on_post_template(self, output_content: str, template_name: str, config) -> str:
        # Static templates such as 404.html do not pass through on_post_page.
        if template_name.endswith(".html"):
            return fix_material_html(output_content)
        return output_content

    def on_post_build(self, config):
        self.search.write(Path(config["site_dir"]))
        if os.environ.get("KVALITET_PDF") == "av":  # `make serve`: a live preview needs no PDF
            log.info("PDF-versionen skapas inte (KVALITET_PDF=av).")
            return
        from kvalitet.output.pdf_metadata import stable_pdf  # pikepdf only when a PDF is made

        site_dir = Path(config["site_dir"])
        site_url = config["site_url"] or ""  # links to the site become absolute in the PDF
        for year, report in self.site.reports.items():
            package = report.current.descriptor.package
            try:
                printed, printed_from = print_pdf(
                    site_dir, f"{year}/{WHOLE_REPORT}", Cover.of(package, year), site_url
                )
            except NoBrowser as error:
                if os.environ.get("KVALITET_PUBLICERA") == "ja":  # never publish without it
                    raise PluginError(
                        f"PDF-versionen kunde inte skapas, så inget publicerades. {error}"
                    ) from None
                for other in self.site.reports:  # no empty placeholders left behind
                    (site_dir / pdf_name(other)).unlink(missing_ok=True)
                print(
                    f"OBS: PDF-versionerna skapades inte. {error} Resten av webbplatsen är byggd.",
                    file=sys.stderr,
                )
                return
            title = f"{package.title} – {package.publisher}"
            stamp = report.git_dates.build_date
            content = stable_pdf(printed, title, package.publisher, stamp, printed_from)
            (site_dir / pdf_name(year)).write_bytes(content)
