"""Jinja templates compiled once instead of again and again.

- Pages: a page's Markdown is compiled when `Site.enter_page` checks it for mistakes, again
  when macros renders it, and each chapter once more for "Hela rapporten": about 0.1 s of
  every build. Compiled code does not depend on the environment it was compiled in, only on
  its settings, so one build shares it between all its pages' environments (Zensical gives
  each page its own).
- The theme: MkDocs compiles Material's templates in every build (0.12 s); `ThemeCache`
  keeps the compiled code in the cache folder, checked against each template's source.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path
from types import CodeType

import jinja2
from jinja2.bccache import FileSystemBytecodeCache

# The environment's settings that change the code Jinja compiles from a source
_SETTINGS = (
    "block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
    "comment_start_string", "comment_end_string", "line_statement_prefix",
    "line_comment_prefix", "trim_blocks", "lstrip_blocks", "newline_sequence",
    "keep_trailing_newline", "optimized", "is_async", "autoescape", "newstyle_gettext",
)  # fmt: skip


class CompiledPages:
    """The code of every page template compiled in one build, by source and settings."""

    def __init__(self):
        self.code: dict[tuple, CodeType] = {}

    def attach(self, env) -> None:
        """Let `env` (a page's Jinja environment) reuse code compiled in this build."""
        if getattr(env.compile, "kb_pages", None) is self:
            return
        original = env.compile

        def compile(source, name=None, filename=None, raw=False, defer_init=False):
            if name is not None or filename is not None or raw or defer_init:
                return original(source, name, filename, raw, defer_init)
            if env.extensions and env.preprocess(source) != source:
                return original(source)  # Zensical's JinjaHook empties a page with a mistake
            # What changes the code: autoescape (set per page) and the extensions (Zensical's
            # JinjaHook preprocesses); the filters are the same for every page of a build.
            key = (source, env.autoescape, env.finalize, tuple(env.extensions))
            code = self.code.get(key)
            if code is None:
                code = self.code[key] = original(source)  # a mistake raises, uncached
            return code

        compile.kb_pages = self
        env.compile = compile  # from_string, which macros renders a page with, calls it


def fingerprint(env: jinja2.Environment) -> str:
    """What compiled code depends on besides its source: Jinja, Python, `env`'s settings,
    extensions, and the filters and tests (by name and what they are passed)."""

    def passed(functions: dict) -> list:
        return sorted(
            (name, repr(getattr(f, "jinja_pass_arg", None))) for name, f in functions.items()
        )

    finalize = getattr(env.finalize, "jinja_pass_arg", None) if env.finalize else False
    settings = [jinja2.__version__, sys.version, type(env).__qualname__, repr(finalize)]
    settings += [repr(getattr(env, name, None)) for name in _SETTINGS]
    settings += [sorted(env.extensions), passed(env.filters), passed(env.tests)]
    return hashlib.sha256(repr(settings).encode()).hexdigest()[:16]


class ThemeCache(FileSystemBytecodeCache):
    """The theme's compiled templates in ``<cache>/jinja/<fingerprint>/``, one file each."""

    @classmethod
    def of(cls, cache: Path, env: jinja2.Environment) -> ThemeCache | None:
        """None when `env` escapes by a function, whose settings no fingerprint can see."""
        return None if callable(env.autoescape) else cls(cache, env)

    def __init__(self, cache: Path, env: jinja2.Environment):
        folder = cache / "jinja" / fingerprint(env)
        folder.mkdir(parents=True, exist_ok=True)
        super().__init__(str(folder), "%s.cache")

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        # By name only, not the project's path: the tests' copies of the project share one
        # file. The file holds the source's checksum, so a changed template is compiled again.
        return super().get_cache_key(name)
