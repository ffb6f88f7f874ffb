"""The MkDocs plugin (``plugins: - kvalitet`` in mkdocs.yml): all build state on one object.

It loads every edition before mkdocs-macros runs (``Site``), and around the pages:

1. Generated files: every dataset as CSV, Excel and ZIP and every figure as SVG are added to
   the site, from the data the pages use.
2. Abbreviations: every term of the glossary page (docs/ordlista.md) gets its explanation as
   an ``<abbr>`` tooltip wherever it appears.
3. Stops: mistakes recorded while pages were rendered, and broken links, stop the build
   after the last page is rendered and before any is written, all listed at once.
4. The PDF version, printed from "Hela rapporten" after the build.
5. Small fixes to Material's HTML (see `html_fixes.py`).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from kvalitet.gates.links import RenderedPage, broken_links
from kvalitet.output.browser import NoBrowser
from kvalitet.output.glossary import add_abbreviations, read_glossary
from kvalitet.output.pdf import pdf_name, print_pdf
from kvalitet.site.html_fixes import fix_material_html
from kvalitet.site.state import Site
from kvalitet.site.updated import files_used, updated_html

log = logging.getLogger("mkdocs.plugins.kvalitet")
WHOLE_REPORT_URL = "hela-rapporten/"
GLOSSARY = "ordlista.md"


def site_of(config) -> Site:
    """The `Site` of the build that `config` (the MkDocs config) belongs to."""
    plugin = config["plugins"].get("kvalitet")
    if plugin is None or plugin.site is None:
        raise PluginError("Pluginen kvalitet saknas i mkdocs.yml (plugins: - kvalitet).")
    return plugin.site


class KvalitetPlugin(BasePlugin):
    def __init__(self):
        self.site: Site | None = None
        self.rendered: list[RenderedPage] = []
        self.static: set[str] = set()
        self.glossary: dict[str, str] = {}

    @event_priority(50)  # before mkdocs-macros, whose define_env reads the editions
    def on_config(self, config: MkDocsConfig):
        self.site = Site.load(config)
        self.rendered, self.static = [], set()
        self.glossary = read_glossary(Path(config["docs_dir"]) / GLOSSARY)
        return config

    def on_files(self, files: Files, config: MkDocsConfig):
        for path, content in self.site.generated_files().items():
            files.append(File.generated(config, path, content=content))
        # A placeholder, so that links to the PDF are valid; on_post_build prints the real one.
        files.append(File.generated(config, pdf_name(self.site.main.current.year), content=b""))
        self.static = {f.dest_uri for f in files if not f.is_documentation_page()}
        return files

    def on_page_content(self, html: str, page, config, files) -> str:
        if page.file.src_uri != GLOSSARY:
            html = add_abbreviations(html, self.glossary)
        source = Path(page.file.abs_src_path).read_text(encoding="utf-8")
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
        messages = broken_links(self.rendered, self.static)
        if messages:
            raise PluginError(
                "\n".join(messages) + "\nBygget avbröts så att inga trasiga länkar publiceras."
            )
        return env

    def on_post_page(self, output: str, page, config) -> str:
        return fix_material_html(output)

    def on_post_template(self, output_content: str, template_name: str, config) -> str:
        # Static templates such as 404.html do not pass through on_post_page.
        if template_name.endswith(".html"):
            return fix_material_html(output_content)
        return output_content

    def on_post_build(self, config):
        if os.environ.get("KVALITET_PDF") == "av":  # `make serve`: a live preview needs no PDF
            log.info("PDF-versionen skapas inte (KVALITET_PDF=av).")
            return
        report = self.site.main
        package = report.current.descriptor.package
        try:
            printed, printed_from = print_pdf(Path(config["site_dir"]), WHOLE_REPORT_URL)
        except NoBrowser as error:
            raise PluginError(f"PDF-versionen kunde inte skapas. {error}") from None
        title = f"{package.title} – {package.publisher}"
        author = package.publisher
        from kvalitet.output.pdf_metadata import stable_pdf  # pikepdf only when a PDF is made

        content = stable_pdf(printed, title, author, report.git_dates.build_date, printed_from)
        (Path(config["site_dir"]) / pdf_name(report.current.year)).write_bytes(content)
