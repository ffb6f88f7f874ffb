"""The glossary: one page (docs/ordlista.md) that explains every abbreviation.

The page is a Markdown definition list, readable and editable as it is. The same list is
read here and every occurrence of an abbreviation in the site's pages (prose, tables and
figure texts alike) gets an ``<abbr title="…">`` with its explanation, shown as a tooltip.
"""

from __future__ import annotations

import re
from pathlib import Path

from markupsafe import escape

ENTRY = re.compile(r"^(?P<term>\S[^\n]*)\n:\s+(?P<text>.+)$", re.M)
_SKIP_INSIDE = {"abbr", "code", "pre", "script", "style", "title", "textarea", "option"}
_TAG = re.compile(r"(<[^>]+>)")
_NAME = re.compile(r"</?([a-zA-Z0-9]+)")


def read_glossary(path: Path) -> dict[str, str]:
    """{abbreviation: explanation} from the definition list on the glossary page."""
    return {
        m["term"].strip(): m["text"].strip()
        for m in ENTRY.finditer(path.read_text(encoding="utf-8"))
    }


def _pattern(terms: dict[str, str]) -> re.Pattern:
    alternatives = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    # A term's first letter, looked for first: the same matches, four times faster.
    first = "".join(re.escape(t[0]) for t in sorted({t[0] for t in terms}))
    # Whole words only: "LSS" in "LSS-gruppen" but not "SIP" inside "SIPar".
    return re.compile(rf"(?=[{first}])(?<![\wÅÄÖåäö])({alternatives})(?![\wÅÄÖåäö])")


def add_abbreviations(html: str, terms: dict[str, str]) -> str:
    """`html` with each glossary term in text wrapped in an ``<abbr>`` with its explanation."""
    if not terms:
        return html
    pattern = _pattern(terms)
    parts = _TAG.split(html)
    open_tags: list[str] = []
    for index, part in enumerate(parts):
        if part.startswith("<"):
            name = _NAME.match(part)
            if name and name.group(1).lower() in _SKIP_INSIDE:
                if part.startswith("</"):
                    if open_tags:
                        open_tags.pop()
                elif not part.endswith("/>"):
                    open_tags.append(name.group(1).lower())
            continue
        if not open_tags and part:
            parts[index] = pattern.sub(
                lambda m: f'<abbr title="{escape(terms[m.group(1)])}">{m.group(1)}</abbr>', part
            )
    return "".join(parts)
