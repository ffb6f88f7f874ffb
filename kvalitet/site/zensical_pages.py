"""Where a Zensical build calls into ours, page by page.

Zensical runs no MkDocs plugins. It renders each page with Python-Markdown, in one thread,
one page after another, and runs mkdocs-macros-style Jinja as a Markdown preprocessor
(`zensical.extensions.macros`, priority 35) that calls ``macros.define_env`` for every page.
So the kvalitet build reaches each page through three doors, all opened by the generated
Zensical configuration (`zensical_engine.py`):

- `KvalitetExtension` (a Markdown extension) notes the page before macros renders it and
  finishes its HTML after Python-Markdown (what MkDocs' ``on_page_content`` does);
- `JinjaHook` (in macros' ``j2_extensions``) hands over the page's Jinja environment, the
  one place Zensical lets us at it;
- `define_env` in macros.py asks `running()` and then calls `ZensicalPages.enter_page`.

Zensical's API passes no objects between these, so the build in progress is held in one
place, `ZensicalPages.current`, set for the length of `zensical.build()` only.
"""

from __future__ import annotations

import posixpath
import re
from html import escape, unescape
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

from jinja2.ext import Extension as JinjaExtension
from markdown import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from kvalitet.site.build import Build, PageView, SourceFile
from kvalitet.site.numbering import page_url

BEFORE_MACROS = 36  # Zensical's macros preprocessor has 35; higher runs first
LAST = -100  # after every tree- and postprocessor


class ZensicalPages:
    """The page-by-page half of a Zensical build (the other half: `zensical_engine.py`)."""

    current: ZensicalPages | None = None  # the build in progress, see the module's docstring

    def __init__(self, build: Build, docs: Path, staged: Path):
        self.build = build
        self.docs = docs  # the editors' docs/, for reading a page as written
        self.staged = staged  # docs/ plus the build's own files, what Zensical reads
        self.page: PageView | None = None
        self.zensical_page = None  # Zensical's own, whose title macros renders last
        self.markdown = ""  # the page's text as macros will render it
        self.jinja = None  # the page's Jinja environment, from `JinjaHook`
        self.skip = False  # the page cannot be rendered; its mistake is recorded
        # what a link may lead to: files and pages by path below docs/, and pages' addresses
        self.targets = (
            build.static
            | build.page_paths
            | {uri.removesuffix("index.html") for uri in build.dest_uris}
        )

    @property
    def site(self):
        return self.build.site

    def begin(self, page, markdown: str) -> None:
        """Zensical is about to render `page` (its `Page`) from `markdown`."""
        path = self.docs / page.path
        if not path.is_file():  # a page the build adds (moved, draft)
            path = self.staged / page.path
        source = SourceFile(page.path, str(path), path.read_text(encoding="utf-8"))
        self.page = PageView(source, page.url, page.title or "", page.meta)
        self.zensical_page = page
        self.markdown, self.jinja, self.skip = markdown, None, False

    def enter_page(self, env) -> None:
        """From ``define_env``: the page's edition, and mistakes recorded in Swedish."""
        jinja = self.jinja
        jinja.filters.update(env.filters)  # Zensical adds them only after define_env
        view = SimpleNamespace(
            env=jinja,
            variables=env.variables,
            macros=env.macros,
            markdown=self.markdown,
            page=self.page,
        )
        self.site.enter_page(view)
        self.skip = view.markdown == ""  # a syntax error: nothing to render

    def finish(self, html: str) -> str:
        """The page's HTML from Python-Markdown, finished as on MkDocs."""
        page = self.page
        page.title = self.zensical_page.title or ""  # macros has rendered it by now
        html = self.build.page_content(html, page)
        page.meta.update(self.build.page_meta(page))  # Zensical hands page.meta to the theme
        self.build.rendered_page(page, as_mkdocs_links(html, page, self.targets))
        self.site.active = None
        return html


_LINK = re.compile(r"""(<(?:a\s[^>]*?\bhref|img\s[^>]*?\bsrc)=)(["'])(.*?)\2""", re.I)


def as_mkdocs_links(html: str, page: PageView, targets: set[str]) -> str:
    """`html`'s links as MkDocs leaves them for the link check (kvalitet/gates/links.py).

    Here, before Zensical rewrites them, relative links still start from the Markdown
    file's folder and name pages as ``sida.md``. MkDocs makes a link that leads somewhere
    relative to the page's address and leaves one that does not as written, which is how
    the check tells a missing page from a missing file and finds the editor's line.
    """
    to_root = "../" * page.url.count("/")

    def convert(match: re.Match) -> str:
        href = unescape(match[3])
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
            return match[0]
        path = posixpath.normpath(posixpath.join(page.links_from, parts.path))
        path = "" if path == "." else path
        if path not in targets and path + "/" not in targets:
            return match[0]  # leads nowhere: left as written, as MkDocs does
        if path.endswith(".md"):
            path = page_url(path)
        elif parts.path.endswith("/") and path:
            path += "/"
        address = to_root + path
        fragment = f"#{parts.fragment}" if parts.fragment else ""
        return f"{match[1]}{match[2]}{escape(address + fragment)}{match[2]}"

    return _LINK.sub(convert, html)


def running() -> ZensicalPages | None:
    """The Zensical build in progress, or None under MkDocs."""
    return ZensicalPages.current


class _Begin(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        pages = running()
        context = self.md.preprocessors["rendering_context"]  # Zensical's, with the page
        if pages is not None:
            pages.begin(context.page, "\n".join(lines))
        return lines


class _Finish(Postprocessor):
    """Finishes the page, once: the toc extension also runs postprocessors on each heading,
    before `_TreeDone` has run, so only the call after it gets the whole page."""

    whole = False

    def run(self, text: str) -> str:
        pages = running()
        if pages is None or not self.whole:
            return text
        return pages.finish(text)


class _TreeDone(Treeprocessor):
    def __init__(self, md, finish: _Finish):
        super().__init__(md)
        self.finish = finish

    def run(self, root) -> None:
        self.finish.whole = True


class KvalitetExtension(Extension):
    """Listed in the generated Zensical configuration's ``markdown_extensions``."""

    def extendMarkdown(self, md) -> None:
        md.preprocessors.register(_Begin(md), "kvalitet_begin", BEFORE_MACROS)
        finish = _Finish(md)
        md.treeprocessors.register(_TreeDone(md, finish), "kvalitet_tree_done", LAST)
        md.postprocessors.register(finish, "kvalitet_finish", LAST)


def makeExtension(**kwargs) -> KvalitetExtension:
    return KvalitetExtension(**kwargs)


class JinjaHook(JinjaExtension):
    """Listed in macros' ``j2_extensions``: hands over each page's Jinja environment."""

    def __init__(self, environment):
        super().__init__(environment)
        pages = running()
        if pages is not None:
            pages.jinja = environment

    def preprocess(self, source: str, name, filename=None) -> str:
        pages = running()
        if pages is not None and pages.skip:  # the page's syntax error is recorded
            return ""
        return source
