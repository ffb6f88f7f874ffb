"""The build's state: every edition on the site, and the page being rendered.

Every edition has its pages in ``docs/<year>/`` and its data in ``data/<year>/``.
`Site.load` loads and validates each edition's data and the previous year's. Any data
problem stops the build with every problem listed in Swedish. The MkDocs plugin
(`plugin.py`) holds one `Site` per build; the macros registered in ``macros.py`` dispatch to
the edition of the page being rendered, and pages outside the editions (the start page,
the glossary) see the latest edition.

Mistakes in pages do not stop rendering: each is recorded with its page and line
(`problems`), and the plugin stops the build once every page has been rendered, listing
them all.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import cached_property, wraps
from pathlib import Path

from jinja2 import Template, TemplateSyntaxError, Undefined, UndefinedError
from jinja2.filters import FILTERS as JINJA_FILTERS
from markupsafe import Markup
from mkdocs.exceptions import PluginError

from kvalitet.gates.direction_words import contradictions
from kvalitet.gates.personal_data import find_in_folders
from kvalitet.model.problems import DataError, EditorError, Problem
from kvalitet.render.formatting import FILTERS, unformatted
from kvalitet.site.compiled import CompiledPages
from kvalitet.site.editions import edition_list
from kvalitet.site.generated import Generated
from kvalitet.site.layout import (
    edition_year,
    edition_years,
    link_base,
    menu_entries_without_pages,
)
from kvalitet.site.page_scan import leftovers, scan_pages
from kvalitet.site.report import KeptEditions, Report, names_for_pages
from kvalitet.site.template_errors import explain, front_matter_lines, read_source, undefined_class
from kvalitet.site.updated import GitDates
from kvalitet.site.whole_report import assemble

PAGE_TAIL = "Bygget avbröts så att ingen halvfärdig sida publiceras."


class Failed(Markup):
    """What a macro or filter shows after a mistake; the next filter passes it on."""


class Site:
    """Every edition of one build, the page being rendered and the problems found."""

    def __init__(self, root: Path, docs_dir: Path, reports: dict[int, Report]):
        self.root = root
        self.docs_dir = docs_dir
        self.reports = reports  # newest first
        self.active: Report | None = None
        self.page: tuple[str, str | None] = ("", None)  # (path below docs/, source text)
        self.problems: list[str] = []
        self._jinja_env = None  # mkdocs-macros' environment, see `attach`
        self.compiled = CompiledPages(self.cache / "jinja" / "sidor")  # templates, once
        self._variables: dict[str, object] = {}  # the variables of the page being rendered
        self.site_url = ""  # the published site's address, named in the Excel files

    # --- loading ------------------------------------------------------------------------

    @classmethod
    def load(cls, config, kept: KeptEditions | None = None) -> Site:
        """Load every edition of the site that `config` (the MkDocs config) builds.

        Any problem in the data, the menu or personal data stops the build here, listed
        together with the mistakes the pages show without being rendered (`page_scan.py`).
        """
        root = Path(config.get("config_file_path") or Path.cwd() / "mkdocs.yml").parent
        docs = Path(config["docs_dir"])
        git_dates = GitDates(root)  # git answers in the background meanwhile
        errors = []
        personal = find_in_folders(root, ["docs", "data"])
        if personal:
            errors.append(DataError(personal, subject="Texterna och datan"))
        missing_pages = menu_entries_without_pages(config, root, docs)
        if missing_pages:
            errors.append(DataError(missing_pages, subject="Menyn i mkdocs.yml"))
        years = edition_years(docs)
        if not years:
            problem = Problem(
                "docs",
                "det finns ingen årgång.",
                expected="en mapp per årgång med rapportens sidor, t.ex. docs/2019/",
            )
            errors.append(DataError([problem]))
        reports, problems = {}, []
        for year in years:
            try:
                reports[year] = Report.load(config, root, year, f"{year}/", git_dates, kept)
            except DataError as error:  # a year's mistake stops the next year's load too
                problems += [problem for problem in error.problems if problem not in problems]
        if problems:
            errors.append(DataError(problems))
        if errors:
            extra = list(config.get("extra") or {})  # mkdocs-macros makes them variables
            known = {
                folder: names + extra for folder, names in names_for_pages(root, years).items()
            }
            pages = scan_pages(docs, known, [*FILTERS, *JINJA_FILTERS])
            raise PluginError("\n".join([*(str(e) for e in errors), *pages]))
        site = cls(root, docs, reports)
        site.site_url = config.get("site_url") or ""
        return site

    @property
    def cache(self) -> Path:
        """Figures and downloads already made, by their inputs: .cache/, or KVALITET_CACHE
        (the tests share one between their copies of the project)."""
        return Path(os.environ.get("KVALITET_CACHE") or self.root / ".cache")

    @property
    def main(self) -> Report:
        """The latest edition: the one the start page and the glossary speak of."""
        return next(iter(self.reports.values()))

    def report_for(self, src_uri: str) -> Report:
        """The edition a page shows: ``2019/...`` shows 2019, other pages the latest."""
        return self.reports.get(edition_year(src_uri), self.main)

    def current(self) -> Report:
        """The edition of the page being rendered (the main one between pages)."""
        return self.active or self.main

    # --- what Markdown sees ---------------------------------------------------------------

    @cached_property  # Zensical asks on every page
    def filters(self) -> dict[str, Callable]:
        return {name: self._recorded(function) for name, function in FILTERS.items()}

    @cached_property
    def macros(self) -> dict[str, Callable]:
        """Each macro runs in the edition of the page being rendered."""
        macros = {name: self._dispatch(name, example) for name, example in self.main.macros.items()}
        macros["hela_rapporten"] = self._recorded(self.whole_report)
        macros["utgavor"] = self._recorded(self.editions)
        return macros

    def editions(self) -> Markup:
        """The list of every edition, newest first, for the start page."""
        to_root = "../" * self.current().links.page_url.count("/")
        return edition_list(self.reports, to_root)

    def _dispatch(self, name: str, example: Callable) -> Callable:
        @wraps(example)
        def macro(*args, **kwargs):
            return self.current().macros[name](*args, **kwargs)

        return self._recorded(macro)

    def _recorded(self, function: Callable) -> Callable:
        """`function`, with an editor's mistake recorded instead of stopping the page."""

        @wraps(function)
        def call(*args, **kwargs):
            if any(isinstance(arg, Failed) for arg in args):
                return args[0]  # the mistake before it is already recorded
            for arg in (*args, *kwargs.values()):
                if isinstance(arg, Undefined):
                    str(arg)  # records the unknown name
                    return Failed('<span class="kb-fel">[fel]</span>')
            try:
                return function(*args, **kwargs)
            except (EditorError, TypeError) as error:
                self.record(error, None)
                return Failed('<span class="kb-fel">[fel]</span>')

        return call

    # --- pages --------------------------------------------------------------------------

    def attach(self, jinja_env) -> None:
        """Let `jinja_env` (mkdocs-macros' environment) record page errors in Swedish."""
        self._jinja_env = jinja_env
        jinja_env.template_class = self._template_class()
        jinja_env.finalize = self._finalize
        self.compiled.attach(jinja_env)

    def _finalize(self, value: object) -> object:
        """Every value a page prints: a number from the data must go through a filter."""
        if unformatted(value):
            self.record(
                EditorError(
                    f"en siffra från datan skrivs ut utan filter: »{value}«. Skriv den med ett "
                    "filter, t.ex. {{ … | antal }} eller {{ … | procent }}, så att den visas "
                    "på svenskt sätt."
                ),
                None,
            )
        return value

    def enter_page(self, env) -> None:
        """Called before mkdocs-macros renders a page (``on_pre_page_macros``)."""
        self.attach(env.env)
        src_uri = env.page.file.src_uri
        self.active = self.report_for(src_uri)
        self.page = (src_uri, read_source(getattr(env.page.file, "abs_src_path", None)))
        env.variables.update(self.active.variables)
        self._variables = env.variables
        known = list(env.variables) + list(env.macros)
        data = f"data/{self.active.current.year}"
        env.env.undefined = undefined_class(sorted(known), self._record_undefined, data)
        env.env.autoescape = True  # text from data files is shown as text, never run as HTML
        self.active.links.set_page(link_base(env.page))  # tables and figures link relatively
        markdown = env.markdown
        offset = front_matter_lines(markdown, self.page[1])
        for message in leftovers(src_uri, markdown, offset):  # a brace too few
            if message not in self.problems:
                self.problems.append(message)
        try:
            env.env.compile(markdown)  # syntax and unknown filters, before macros renders
        except TemplateSyntaxError as error:
            self.record(error, markdown)
            env.markdown = ""  # nothing to render; the build stops after the last page
            return
        self._check_directions(markdown, *self.page)

    def record(self, error: BaseException, markdown: str | None) -> None:
        """Remember the Swedish message for `error` on the page being rendered."""
        path, source = self.page
        filters = list(FILTERS) + list(JINJA_FILTERS)
        message = explain(error, markdown or source or "", path, source, filters)
        if message not in self.problems:
            self.problems.append(message)

    def _record_undefined(self, message: str) -> None:
        self.record(UndefinedError(message), None)

    def _template_class(self) -> type[Template]:
        site = self

        class RecordingTemplate(Template):
            """A page template whose errors are recorded rather than raised."""

            def render(self, *args, **kwargs) -> str:
                try:
                    return super().render(*args, **kwargs)
                except Exception as error:
                    site.record(error, None)
                    return ""

        return RecordingTemplate

    def _check_directions(self, markdown: str, src_path: str, source: str | None) -> None:
        """Record where a hand-typed ökning/minskning contradicts the data."""
        offset = front_matter_lines(markdown, source)
        try:
            found = contradictions(markdown, self.current().comparisons)
        except EditorError as error:  # a comparison that cannot be made: its call says why
            self.record(error, markdown)
            return
        for line, message in found:
            text = f"Fel på sidan docs/{src_path}, rad {line + offset}: {message}"
            if text not in self.problems:
                self.problems.append(text)

    def raise_problems(self) -> None:
        if self.problems:
            raise PluginError("\n".join(self.problems) + "\n" + PAGE_TAIL)

    def whole_report(self) -> Markup:
        """The page "Hela rapporten": every chapter rendered with the same data, in order."""
        env = self._jinja_env
        variables = self._variables

        def render(page: str, body: str, source: str) -> str:
            outer = self.page
            self.page = (page, source)  # mistakes are named by the chapter's own file and line
            try:
                self._check_directions(body, page, source)
                try:
                    template = env.from_string(body)
                except TemplateSyntaxError as error:
                    self.record(error, body)
                    return ""
                return template.render(**variables)
            finally:
                self.page = outer

        report = self.current()
        return Markup(assemble(self.docs_dir, report.pages, render, f"{report.current.year}/"))

    # --- generated files ----------------------------------------------------------------

    def generated_files(self) -> Generated:
        """Each dataset as CSV, Excel and ZIP and each figure as SVG, for every edition; the
        figures the cache lacks are still being drawn when this returns."""
        return Generated.start(self.reports, self.cache, self.site_url)
