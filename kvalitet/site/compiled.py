"""Jinja templates compiled once instead of again and again.

- Pages: a page's Markdown is compiled when `Site.enter_page` checks it for mistakes, again
  when macros renders it, and each chapter once more for "Hela rapporten". Compiled code
  does not depend on the environment it was compiled in, only on its settings, so one
  build shares it between all its pages' environments (Zensical gives each page its own),
  and the next build finds it in the cache folder, by source and settings (0.05 s).
- The theme: MkDocs compiles Material's templates in every build (0.12 s); `ThemeCache`
  keeps the compiled code in the cache folder, checked against each template's source.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
import tempfile
import time
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
    """The code of every page template compiled, by source and settings: in this build, and
    in ``<cache>/jinja/sidor/`` for the next (a file is dropped a month after it was written)."""

    KEPT = 30 * 24 * 3600  # seconds

    def __init__(self, folder: Path):
        self.code: dict[tuple, CodeType] = {}
        self.folder = folder
        self.pruned = False

    def attach(self, env) -> None:
        """Let `env` (a page's Jinja environment) reuse code compiled before."""
        if getattr(env.compile, "kb_pages", None) is self:
            return
        original = env.compile

        def compile(source, name=None, filename=None, raw=False, defer_init=False):
            if name is not None or filename is not None or raw or defer_init:
                return original(source, name, filename, raw, defer_init)
            if env.extensions and env.preprocess(source) != source:
                return original(source)  # Zensical's JinjaHook empties a page with a mistake
            # Within a build only autoescape (set per page) and finalize change; the filters
            # and extensions are the same for every page.
            key = (source, env.autoescape, env.finalize, tuple(env.extensions))
            code = self.code.get(key)
            if code is None:
                code = self.code[key] = self._stored(env, source, original)
            return code

        compile.kb_pages = self
        env.compile = compile  # from_string, which macros renders a page with, calls it

    def _stored(self, env, source: str, compile) -> CodeType:
        """`source`'s code from the cache folder, or compiled (a mistake raises) and stored."""
        if callable(env.autoescape):  # its settings are hidden in a function
            return compile(source)
        key = hashlib.sha256(f"{fingerprint(env)}\0{source}".encode()).hexdigest()
        path = self.folder / f"{key[:40]}.code"
        with contextlib.suppress(OSError, ValueError, EOFError, TypeError):
            return marshal.loads(path.read_bytes())
        code = compile(source)
        with contextlib.suppress(OSError):
            self.folder.mkdir(parents=True, exist_ok=True)
            self._prune()
            with tempfile.NamedTemporaryFile(dir=self.folder, delete=False) as file:
                file.write(marshal.dumps(code))  # whole or not at all: renamed when written
            os.replace(file.name, path)
        return code

    def _prune(self) -> None:
        """Drop what an edit left behind, once per build that writes."""
        if self.pruned:
            return
        self.pruned = True
        old = time.time() - self.KEPT
        for entry in os.scandir(self.folder):
            with contextlib.suppress(OSError):
                if entry.stat().st_mtime < old:
                    os.unlink(entry.path)


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
    settings.append(sorted((key, repr(value)) for key, value in env.policies.items()))
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
