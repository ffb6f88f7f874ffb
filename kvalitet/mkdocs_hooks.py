"""MkDocs hooks (``hooks:`` in mkdocs.yml).

0. Abbreviations: every term of the glossary page (docs/ordlista.md) gets its explanation
   as an ``<abbr>`` tooltip wherever it appears (see `glossary.py`).
1. Generated files: every dataset as CSV and every figure as SVG are added to the site
   (see `downloads.py` and `figure_render.py`), from the data the pages use.
2. Links: every link in the pages is checked once all pages are rendered, and a broken
   one stops the build with a Swedish message (see `links.py`).
4. The PDF version: printed from "Hela rapporten" after the build (see `pdf.py`).
3. Small fixes to Material's HTML, found by the Nu Html Checker on a plain Material 9
   site and fixed here rather than by copying whole theme templates:

- Material puts ``autocomplete="off"`` on its checkbox toggles (drawer, search); the
  attribute is not allowed on checkboxes. Removing it changes nothing else.
- On a section's index page Material writes the table-of-contents title as
  ``<label for="__toc">`` without rendering the ``__toc`` checkbox; a label must point to
  a control, so the ``for`` goes when there is no such control.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

# MkDocs loads this file by path, not as part of the package.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kvalitet import site
from kvalitet.browser import NoBrowser
from kvalitet.glossary import add_abbreviations, read_glossary
from kvalitet.links import RenderedPage, broken_links
from kvalitet.pdf import pdf_name, print_pdf
from kvalitet.updated import files_used, updated_html

log = logging.getLogger("mkdocs.plugins.kvalitet")
WHOLE_REPORT_URL = "hela-rapporten/"
_CHECKBOX = re.compile(r'<input\b[^>]*\btype="checkbox"[^>]*>')


def _without_autocomplete(tag: re.Match) -> str:
    return re.sub(r'\s+autocomplete="[^"]*"', "", tag.group())


def fix_material_html(html: str) -> str:
    html = _CHECKBOX.sub(_without_autocomplete, html)
    if 'id="__toc"' not in html:
        html = html.replace(' for="__toc"', "")
    return html


def on_post_page(output: str, page, config) -> str:
    return fix_material_html(output)


def on_post_template(output_content: str, template_name: str, config) -> str:
    # Static templates such as 404.html do not pass through on_post_page.
    if template_name.endswith(".html"):
        return fix_material_html(output_content)
    return output_content


# --- Link check; the state lives for one build (``mkdocs serve`` rebuilds from on_config).
_rendered: list[RenderedPage] = []
_static: set[str] = set()
_glossary: dict[str, str] = {}
GLOSSARY = "ordlista.md"


def on_config(config):
    _rendered.clear()
    _static.clear()
    _glossary.clear()
    _glossary.update(read_glossary(Path(config["docs_dir"]) / GLOSSARY))
    return config


def on_files(files, config):
    for path, content in site.generated_files().items():
        files.append(File.generated(config, path, content=content))
    # A placeholder, so that links to the PDF are valid; on_post_build prints the real one.
    files.append(File.generated(config, pdf_name(site.main().current.year), content=b""))
    _static.update(f.dest_uri for f in files if not f.is_documentation_page())
    return files


def on_page_content(html: str, page, config, files) -> str:
    if page.file.src_uri != GLOSSARY:
        html = add_abbreviations(html, _glossary)
    source = Path(page.file.abs_src_path).read_text(encoding="utf-8")
    report = site.report_for(page.file.src_uri)
    used = [f"docs/{page.file.src_uri}", *files_used(source, report.data_files())]
    html += str(updated_html(report.git_dates.last_change(used)))  # str: Markup would escape html
    _rendered.append(
        RenderedPage.from_html(page.file.src_uri, page.url, page.title or "", source, html)
    )
    return html


def on_env(env, config, files):
    # Every page is rendered by now and none is written yet: the right moment to stop.
    messages = broken_links(_rendered, _static)
    if messages:
        raise PluginError(
            "\n".join(messages) + "\nBygget avbröts så att inga trasiga länkar publiceras."
        )
    return env


def on_post_build(config):
    if os.environ.get("KVALITET_PDF") == "av":  # `make serve`: a live preview needs no PDF
        log.info("PDF-versionen skapas inte (KVALITET_PDF=av).")
        return
    report = site.main()
    rapport = report.current.values["rapport"]
    try:
        printed, printed_from = print_pdf(Path(config["site_dir"]), WHOLE_REPORT_URL)
    except NoBrowser as error:
        raise PluginError(f"PDF-versionen kunde inte skapas. {error}") from None
    title = f"{rapport.titel} {report.current.year} – {rapport.enhet}, {rapport.kommun}"
    author = f"{rapport.enhet}, {rapport.kommun}"
    stamp = report.git_dates.build_date
    from kvalitet.pdf_metadata import stable_pdf  # pikepdf only when a PDF is made

    content = stable_pdf(printed, title, author, stamp, printed_from)
    (Path(config["site_dir"]) / pdf_name(report.current.year)).write_bytes(content)
