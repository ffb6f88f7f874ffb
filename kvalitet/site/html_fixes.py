"""Small fixes to Material's HTML, found by the Nu Html Checker on a plain Material 9 site
and fixed here rather than by copying whole theme templates.

- Material puts ``autocomplete="off"`` on its checkbox toggles (drawer, search); the
  attribute is not allowed on checkboxes. Removing it changes nothing else.
- On a section's index page Material writes the table-of-contents title as
  ``<label for="__toc">`` without rendering the ``__toc`` checkbox; a label must point to
  a control, so the ``for`` goes when there is no such control.
"""

from __future__ import annotations

import re

_CHECKBOX = re.compile(r'<input\b[^>]*\btype="checkbox"[^>]*>')


def _without_autocomplete(tag: re.Match) -> str:
    return re.sub(r'\s+autocomplete="[^"]*"', "", tag.group())


def fix_material_html(html: str) -> str:
    html = _CHECKBOX.sub(_without_autocomplete, html)
    if 'id="__toc"' not in html:
        html = html.replace(' for="__toc"', "")
    return html
