"""MkDocs hooks (``hooks:`` in mkdocs.yml).

1. Generated files: every dataset as CSV and every figure as SVG are added to the site
   (see `downloads.py` and `figure_render.py`), from the data the pages use.
2. Links: every link in the pages is checked once all pages are rendered, and a broken
   one stops the build with a Swedish message (see `links.py`).
3. Small fixes to Material's HTML, found by the Nu Html Checker on a plain Material 9
   site and fixed here rather than by copying whole theme templates:

- Material puts ``autocomplete="off"`` on its checkbox toggles (drawer, search); the
  attribute is not allowed on checkboxes. Removing it changes nothing else.
- On a section's index page Material writes the table-of-contents title as
  ``<label for="__toc">`` without rendering the ``__toc`` checkbox; a label must point to
  a control, so the ``for`` goes when there is no such control.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

# MkDocs loads this file by path, not as part of the package.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kvalitet import site
from kvalitet.links import RenderedPage, broken_links

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


def on_config(config):
    _rendered.clear()
    _static.clear()
    return config


def on_files(files, config):
    for path, content in site.active().generated_files().items():
        files.append(File.generated(config, path, content=content))
    _static.update(f.dest_uri for f in files if not f.is_documentation_page())
    return files


def on_page_content(html: str, page, config, files) -> str:
    source = Path(page.file.abs_src_path).read_text(encoding="utf-8")
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
