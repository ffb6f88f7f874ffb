"""Jinja templates compiled once per build instead of up to three times.

A page's Markdown is compiled when `Site.enter_page` checks it for mistakes, again when
macros renders it, and each chapter once more for "Hela rapporten": about 0.1 s of every
build. Compiled code does not depend on the environment it was compiled in, only on its
settings, so one build shares it between all its pages' environments (Zensical gives each
page its own).
"""

from __future__ import annotations

from types import CodeType


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
            # What changes the code: autoescape (set per page) and the extensions (Zensical's
            # JinjaHook preprocesses); the filters are the same for every page of a build.
            key = (source, env.autoescape, env.finalize, tuple(env.extensions))
            code = self.code.get(key)
            if code is None:
                code = self.code[key] = original(source)  # a mistake raises, uncached
            return code

        compile.kb_pages = self
        env.compile = compile  # from_string, which macros renders a page with, calls it
