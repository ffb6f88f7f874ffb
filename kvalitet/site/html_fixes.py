"""Small fixes to Material's HTML, found by the Nu Html Checker and HTML_CodeSniffer on a
plain Material 9 site and fixed here rather than by copying whole theme templates.

- Material puts ``autocomplete="off"`` on its checkbox toggles (drawer, search); the
  attribute is not allowed on checkboxes. Removing it changes nothing else.
- The table-of-contents toggle is a hidden ``__toc`` checkbox and a ``<label for="__toc">``
  that opens it, and Material does not always write both:
  - on a section's index page it writes the label without the checkbox; a label must point
    to a control, so the ``for`` goes when there is no such control;
  - on a page whose only heading is its title it writes the checkbox without any label, a
    field without a name (HTML_CodeSniffer H91, F68) that nothing can toggle, so it goes.
- Zensical links the start page's logo with ``href=""`` (HTML_CodeSniffer H91: a link with
  no address); ``"."`` is the same page, as Material writes it.
"""

from __future__ import annotations

import re

_CHECKBOX = re.compile(r'<input\b[^>]*\btype="checkbox"[^>]*>')
_TOC_TOGGLE = re.compile(r'<input\b[^>]*\bid="__toc"[^>]*>')


def _without_autocomplete(tag: re.Match) -> str:
    return re.sub(r'\s+autocomplete="[^"]*"', "", tag.group())


def fix_material_html(html: str) -> str:
    html = _CHECKBOX.sub(_without_autocomplete, html).replace(' href=""', ' href="."')
    has_toggle = 'id="__toc"' in html
    has_label = 'for="__toc"' in html
    if has_label and not has_toggle:
        html = html.replace(' for="__toc"', "")
    elif has_toggle and not has_label:
        html = _TOC_TOGGLE.sub("", html)
    return html
