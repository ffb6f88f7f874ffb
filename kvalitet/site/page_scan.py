"""Mistakes a page shows without being rendered.

When the data has errors, the pages cannot be rendered: their numbers are missing. An editor
who changed a data file and a page should still see every mistake in one build, so each page
is read as Jinja reads it: its syntax, unknown filters, braces that would be left as text
and names that neither the edition nor mkdocs-macros knows. The rendered build finds the
same mistakes with the same messages (`state.py`), and more.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from jinja2 import Environment, TemplateSyntaxError, meta
from mkdocs.utils.meta import get_data

from kvalitet.model.problems import did_you_mean
from kvalitet.site.template_errors import explain, front_matter_lines, page_message

# What mkdocs-macros itself gives every page (its context.py and plugin.py).
MACROS_NAMES = {
    "config",
    "context",
    "environment",
    "extra",
    "files",
    "filters",
    "filters_builtin",
    "fix_url",
    "git",
    "macros",
    "macros_info",
    "navigation",
    "now",
    "page",
    "plugin",
}
LEFTOVER = re.compile(r"\}\}|%\}")
LEFTOVER_TEXT = (
    "makrokoden är ofullständig, så den skulle visas som text. Ett makro skrivs {{ … }} med "
    "två klammerparenteser på varje sida."
)


def scan_page(path: str, source: str, known: Iterable[str], filters: Iterable[str]) -> list[str]:
    """Messages for the mistakes in page `path` (below docs/) whose file text is `source`."""
    markdown, front = get_data(source)
    offset = front_matter_lines(markdown, source)
    filters = list(filters)
    env = Environment()
    env.filters.update({name: str for name in filters})
    try:
        ast = env.parse(markdown)
        env.compile(ast)  # unknown filters are found here
    except TemplateSyntaxError as error:
        return [explain(error, markdown, path, source, filters), *leftovers(path, markdown, offset)]
    names = set(known) | set(front) | set(env.globals) | MACROS_NAMES
    messages = []
    first_use = _first_uses(env, markdown)
    for name in sorted(meta.find_undeclared_variables(ast) - names, key=first_use.get):
        what = f"okänd variabel eller okänt makro »{name}«.{did_you_mean(name, names)}"
        messages.append(page_message(path, first_use.get(name), offset, markdown, what))
    return messages + leftovers(path, markdown, offset)


def leftovers(path: str, markdown: str, offset: int) -> list[str]:
    """A »}}« or »%}« in the text, its opening brace missing: mkdocs-macros would leave the
    macro as text on the page."""
    found = []
    try:
        for line, kind, value in Environment().lex(markdown):
            if kind == "data":
                found += [line + value[: m.start()].count("\n") for m in LEFTOVER.finditer(value)]
    except TemplateSyntaxError:
        pass  # reported on its own; the text before it is still checked
    return [page_message(path, line, offset, markdown, LEFTOVER_TEXT) for line in found]


def scan_pages(docs: Path, known_for: dict[str, list[str]], filters: Iterable[str]) -> list[str]:
    """Every page's mistakes; `known_for` gives the names for pages below a folder
    (``"2019/"``), and ``""`` for the others."""
    messages = []
    for file in sorted(docs.rglob("*.md")):
        path = file.relative_to(docs).as_posix()
        folder = next((f for f in known_for if f and path.startswith(f)), "")
        text = file.read_text(encoding="utf-8")
        messages += scan_page(path, text, known_for.get(folder, []), filters)
    return messages


def _first_uses(env: Environment, markdown: str) -> dict[str, int]:
    """The line where each name is first used (not as an attribute after a dot)."""
    lines: dict[str, int] = {}
    previous = None
    for line, kind, value in env.lex(markdown):
        if kind == "name" and previous != "dot":
            lines.setdefault(value, line)
        previous = kind
    return lines
