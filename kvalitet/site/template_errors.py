"""Swedish messages for mistakes in Markdown pages: page, line and what to do.

mkdocs-macros renders each page with Jinja. Whatever goes wrong there (an unknown
variable, a misspelled filter, a macro called with wrong arguments, a value the data
cannot give) is described here with the page's path and the line in the file, so an
editor can go straight to it.
"""

from __future__ import annotations

import re
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

from jinja2 import StrictUndefined, TemplateSyntaxError
from jinja2.utils import missing

from kvalitet.model.dataset import RowSet
from kvalitet.model.edition import names_in
from kvalitet.model.problems import EditorError, did_you_mean
from kvalitet.render.formatting import FILTERS


def undefined_class(
    known: list[str], record: Callable[[str], None], data_folder: str
) -> type[StrictUndefined]:
    """An Undefined whose Swedish message, suggesting the closest name, is passed to `record`.

    A missing row of a CSV file is named by the file (in `data_folder`) and its key.

    Rendering goes on (the value shows as »[fel]«), so one build lists every unknown name of
    a page, not only the first.
    """

    class RecordingUndefined(StrictUndefined):
        __slots__ = ()

        @property
        def _undefined_message(self) -> str:
            name = str(self._undefined_name)
            if self._undefined_hint:
                return self._undefined_hint
            if self._undefined_obj is missing:
                return f"okänd variabel eller okänt makro »{name}«.{did_you_mean(name, known)}"
            if isinstance(self._undefined_obj, RowSet) and self._undefined_obj.key_fields:
                return missing_row(self._undefined_obj, name, data_folder)
            here = names_in(self._undefined_obj)
            listed = f" Här finns: {', '.join(here)}." if 0 < len(here) <= 12 else ""
            return f"uppgiften »{name}« finns inte här.{did_you_mean(name, here)}{listed}"

        def _fail(self, *args, **kwargs):
            record(self._undefined_message)
            return self

        # Each use records the mistake and answers something harmless, so rendering goes on.
        __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = _fail
        __truediv__ = __rtruediv__ = __floordiv__ = __rfloordiv__ = _fail
        __mod__ = __rmod__ = __pos__ = __neg__ = __pow__ = __rpow__ = _fail
        __lt__ = __le__ = __gt__ = __ge__ = __call__ = __getitem__ = _fail

        def __getattr__(self, name: str):
            if name[:2] == "__":
                raise AttributeError(name)
            return self._fail()

        def __str__(self) -> str:
            record(self._undefined_message)
            return "[fel]"

        def __iter__(self):
            record(self._undefined_message)
            return iter(())

        def __len__(self) -> int:
            record(self._undefined_message)
            return 0

        def __bool__(self) -> bool:
            record(self._undefined_message)
            return False

        def __eq__(self, other) -> bool:
            record(self._undefined_message)
            return False

        def __ne__(self, other) -> bool:
            record(self._undefined_message)
            return True

        def __contains__(self, item) -> bool:
            record(self._undefined_message)
            return False

        def __hash__(self) -> int:
            return id(self)

    return RecordingUndefined


def missing_row(rows: RowSet, key: str, data_folder: str) -> str:
    """»data/2019/lss_beslut.csv har ingen rad …«: a row the page asks for is not in the file."""
    file = f"{data_folder}/{rows.name.split('.')[0]}.csv"
    return (
        f"{file} har ingen rad med »{key}« i kolumnen »{rows.key_fields[0]}«."
        f"{did_you_mean(key, rows.known_names())} Har raden tagits bort eller bytt nyckel?"
    )


def explain(
    error: BaseException, markdown: str, page_path: str, source: str | None, filters: list[str]
) -> str:
    """The Swedish message for `error`, raised while rendering `markdown` of `page_path`.

    `source` is the page file's full text (front matter included), used to give the line
    number as the editor sees it in the file.
    """
    line = _template_line(error)
    offset = front_matter_lines(markdown, source)
    return page_message(page_path, line, offset, markdown, _describe(error, filters))


def page_message(page_path: str, line: int | None, offset: int, markdown: str, what: str) -> str:
    """»Fel på sidan docs/…, rad N: `what`« and the line itself; `line` counts in `markdown`,
    which starts `offset` lines into the file."""
    place = f"docs/{page_path}"
    if line is not None:
        place += f", rad {line + offset}"
    text = f"Fel på sidan {place}: {what}"
    lines = markdown.splitlines()
    if line is not None and 0 < line <= len(lines):
        text += f"\n    {line + offset} | {_excerpt(lines[line - 1].strip(), what)}"
    return text


def _excerpt(line: str, what: str, width: int = 300) -> str:
    """`line`, or the part of a long one (a paragraph) around the name `what` quotes, so
    that the second mistake of a paragraph shows as well as the first."""
    if len(line) <= width:
        return line
    found = [line.find(name) for name in re.findall(r"»([^«]+)«", what)]
    at = next((index for index in found if index >= 0), 0)
    start = max(0, min(at - width // 3, len(line) - width))
    end = start + width
    return ("…" if start else "") + line[start:end] + ("…" if end < len(line) else "")


def _describe(error: BaseException, filters: list[str]) -> str:
    message = str(getattr(error, "message", None) or error)
    if isinstance(error, TemplateSyntaxError):
        match = re.match(r"No filter named '([^']+)'", message)
        if match:
            name = match.group(1)
            ours = ", ".join(sorted(FILTERS))
            return f"okänt filter »{name}«.{did_you_mean(name, filters)} Rapportens filter: {ours}."
        if "unexpected '}'" in message:
            return "en avslutande }} saknas: makrot slutar med en ensam }. Skriv {{ … }}."
        if "unexpected end of template" in message:
            return "ett {{ eller {% stängs aldrig; kontrollera att det finns }} eller %}."
        if "unexpected char" in message or "unexpected" in message:
            return f"makrokoden är felskriven ({message}). Jämför med ett fungerande exempel."
        return f"makrokoden är felskriven ({message})."
    if isinstance(error, EditorError):
        return str(error)
    if type(error).__name__ == "UndefinedError":
        return message
    if isinstance(error, TypeError) and re.search(r"argument|takes|got", message):
        return (
            "ett makro eller filter anropades med fel argument "
            f"({_strip_qualname(message)}). Jämför med exemplen i CONTRIBUTING.md."
        )
    return f"oväntat fel: {type(error).__name__}: {message}"


def _strip_qualname(message: str) -> str:
    return re.sub(r"\b\w+\.(\w+\(\))", r"\1", message)


def _template_line(error: BaseException) -> int | None:
    if isinstance(error, TemplateSyntaxError) and error.lineno:
        return error.lineno
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == "<template>"]
    return frames[-1].lineno if frames else _rendering_line()


def _rendering_line() -> int | None:
    """The template line being rendered, when an error was caught inside a macro call.

    Jinja's compiled code keeps a map from its own lines to the template's (`debug_info`).
    """
    frame = sys._getframe()
    while frame is not None:
        if frame.f_code.co_filename == "<template>":
            pairs = [p.split("=") for p in frame.f_globals.get("debug_info", "").split("&") if p]
            lines = [int(template) for template, code in pairs if int(code) <= frame.f_lineno]
            return lines[-1] if lines else None
        frame = frame.f_back
    return None


def front_matter_lines(markdown: str, source: str | None) -> int:
    """How many lines of the file come before the Markdown that Jinja saw."""
    body = markdown.lstrip()
    if not source or not body:
        return 0
    index = source.find(body[:200])
    if index <= 0:
        return 0
    leading = markdown[: len(markdown) - len(body)].count("\n")
    return source[:index].count("\n") - leading


def read_source(path: str | Path | None) -> str | None:
    try:
        return Path(path).read_text(encoding="utf-8") if path else None
    except OSError:
        return None
