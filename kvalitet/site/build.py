"""One build of the site, whichever engine renders the pages (MkDocs or Zensical).

The engines differ only in how they call in: MkDocs through the plugin's events
(`plugin.py`), Zensical through a Markdown extension and a pre- and post-step
(`zensical.py`). What happens is the same, in this order:

1. `Build.start`: every edition is loaded (`Site`); data problems stop the build here.
2. `extra_files`: the files the build adds to `docs/`: downloads, figures, draft pages,
   PDF placeholders and the pages that moved from the root into an edition's folder. The
   figures the cache lacks are drawn in other processes meanwhile, until
   `wait_for_figures`, once every page is rendered.
3. `page_content` for every rendered page: preview links, leftover marks, glossary
   abbreviations, the search index and »senast ändrad«.
4. `page_meta`: what overrides/main.html shows around a page (edition banner, publication
   record, »Rapportera ett fel«), as `page.meta.kb_*`, which both engines' templates read.
5. `check`: every mistake recorded on the pages, unmarked corrections and broken links,
   all listed at once; nothing is published when there is one.
6. `finish`: the search index and each edition's PDF are written into the built site.
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError

from kvalitet.gates.links import RenderedPage, broken_links
from kvalitet.model import provenance
from kvalitet.model.provenance import resolve_links
from kvalitet.output.browser import NoBrowser
from kvalitet.output.glossary import add_abbreviations, read_glossary
from kvalitet.output.pdf import pdf_name, print_pdf
from kvalitet.output.search_index import SearchIndex
from kvalitet.site.editions import (
    DRAFT_PAGE,
    DRAFT_TITLE,
    banner,
    draft_page,
    moved_pages,
    with_draft_pages,
)
from kvalitet.site.generated import Generated
from kvalitet.site.layout import edition_year
from kvalitet.site.numbering import nav_pages, page_url
from kvalitet.site.state import Site
from kvalitet.site.trust import Trust, drop_editor_links
from kvalitet.site.updated import files_used, updated_html

log = logging.getLogger("mkdocs.plugins.kvalitet")
WHOLE_REPORT = "hela-rapporten/"  # in each edition's folder
GLOSSARY = "ordlista.md"


def refusal(drafts: list[int]) -> str:
    """The publish job's one message when an edition is still a draft."""
    years = " och ".join(str(year) for year in drafts)
    return (
        f"Årgången {years} är ett utkast (status: utkast i data/{drafts[0]}/datapackage.yaml) "
        "och publiceras inte. Fyll i alla uppgifter och ändra status till publicerad; "
        "inget har publicerats."
    )


@dataclass
class SourceFile:
    """The part of a MkDocs `File` the build reads, for engines that have none."""

    src_uri: str  # below docs/, e.g. 2019/syfte.md
    abs_src_path: str
    content_string: str  # the page's Markdown as written, front matter included


@dataclass
class PageView:
    """The part of a MkDocs `Page` the build reads."""

    file: SourceFile
    url: str  # e.g. 2019/syfte/
    title: str
    meta: dict = field(default_factory=dict)

    @property
    def links_from(self) -> str:
        """Zensical resolves relative links in the content from the file's folder."""
        folder = self.file.src_uri.rpartition("/")[0]
        return f"{folder}/" if folder else ""


class Build:
    """The state of one build: the editions, the pages rendered and what they need."""

    def __init__(self, site: Site, config, moved_from_root: int | None):
        self.site = site
        self.config = config  # the MkDocs configuration, as loaded from mkdocs.yml
        self.moved_from_root = moved_from_root
        self.trust = Trust(site)  # marks, publication record, editors' links
        self.search = SearchIndex()  # the site's search, see output/search_index.py
        glossary = Path(config["docs_dir"]) / GLOSSARY
        self.glossary = read_glossary(glossary) if glossary.is_file() else {}
        self.rendered: list[RenderedPage] = []
        self.static: set[str] = set()  # built files that are not pages, for the link check
        self.dest_uris: set[str] = set()
        self.page_paths: set[str] = set()  # every page's Markdown file, below docs/
        self.added: set[str] = set()  # the files `extra_files` adds to docs/
        self.generated: Generated | None = None  # downloads and figures
        self.urls: dict[str, str] = {}  # page address: Markdown file, of the pages indexed

    @classmethod
    def start(cls, config, moved_from_root: int | None = None, kept=None) -> Build:
        """Load every edition (from `kept`, the preview's `KeptEditions`, when given); adjusts
        `config`'s menu (drafts) and editing button."""
        build = cls(Site.load(config, kept), config, moved_from_root)
        drop_editor_links(config)
        drafts = build.drafts
        if drafts and os.environ.get("KVALITET_PUBLICERA") == "ja":  # the publish job
            raise PluginError(refusal(drafts))
        config["nav"] = with_draft_pages(config["nav"], drafts)
        return build

    @property
    def drafts(self) -> list[int]:
        return [year for year, report in self.site.reports.items() if report.current.draft]

    def extra_files(self) -> dict[str, bytes | str | Path]:
        """{path below docs/: content, or the file to copy} of every file the build adds to
        the site. The figures in it may still be being drawn: see `wait_for_figures`."""
        self.generated = self.site.generated_files()
        files: dict[str, bytes | str | Path] = dict(self.generated.files)
        for year, report in self.site.reports.items():
            if report.current.draft:
                files[f"{year}/{DRAFT_PAGE}"] = draft_page(report)
            files[pdf_name(year)] = b""  # so that links to the PDF are valid; `finish` prints it
        moved = self.moved_from_root
        if moved in self.site.reports:
            title = self.site.reports[moved].current.descriptor.package.title
            files.update(moved_pages(nav_pages(self.config["nav"]), moved, title))
        self.added = set(files)
        return files

    def wait_for_figures(self) -> None:
        """Until the figure files of `extra_files` are drawn."""
        if self.generated:
            self.generated.wait()

    def cancel(self) -> None:
        """After a mistake: stop drawing."""
        if self.generated:
            self.generated.cancel()

    def page_content(self, html: str, page) -> str:
        """The rendered content of `page` (a MkDocs page or a `PageView`), finished."""
        html = resolve_links(html, self.config.get("edit_uri") or "")  # the preview's links
        html = self.trust.mark(html, page)  # before abbreviations split the marked texts
        if page.file.src_uri != GLOSSARY:
            html = add_abbreviations(html, self.glossary)
        self.search.add(page, html)
        self.urls[page.url] = page.file.src_uri
        source = page.file.content_string
        report = self.site.report_for(page.file.src_uri)
        used = [f"docs/{page.file.src_uri}", *files_used(source, report.data_files())]
        return html + str(updated_html(report.git_dates.last_change(used)))  # str: not escaped

    def page_meta(self, page) -> dict[str, object]:
        """What overrides/main.html shows around `page`, read there as ``page.meta.kb_*``."""
        meta = dict(self.trust.page_context(page, self.config))  # kb_publicering, kb_rapportera
        edit_uri = self.config.get("edit_uri") or ""
        written = page.file.src_uri not in self.added  # not a page the build writes
        if provenance.requested() and edit_uri.startswith("https://") and written:
            meta["kb_redigera"] = edit_uri.rstrip("/") + "/" + page.file.src_uri
        year = edition_year(page.file.src_uri)
        if year in self.site.reports:
            to_root = "../" * page.url.count("/")
            latest = self.site.main.current
            draft = self.site.reports[year].current.draft
            meta["kb_utgava"] = banner(year, latest.year, draft, latest.draft, to_root)
        return meta

    def rendered_page(self, page, html: str) -> None:
        """Remember `page`'s links and anchors (in its finished `html`) for the link check."""
        title = page.title or ""
        source = page.file.content_string
        self.rendered.append(
            RenderedPage.from_html(page.file.src_uri, page.url, title, source, html)
        )

    def site_values(self) -> dict[str, object]:
        """What every template may read (404.html, the footer), as ``config.extra.kb_*``."""
        return {
            # 404.html links from the site's address; without one, from the <base> it works out
            "kb_bas": urlsplit(self.config["site_url"] or "").path,
            "kb_senaste": self.site.main.current.year,
            "kb_toppnivaer": sorted({uri.split("/")[0] for uri in self.dest_uris}),
        }

    def check(self) -> None:
        """Stop the build, listing everything at once, if a page or a link is wrong."""
        self.site.raise_problems()
        marks = self.trust.problems(self.rendered)
        if marks:
            raise PluginError("\n".join(marks) + "\nBygget avbröts så att inget visas omarkerat.")
        messages = broken_links(self.rendered, self.static)
        if messages:
            raise PluginError(
                "\n".join(messages) + "\nBygget avbröts så att inga trasiga länkar publiceras."
            )

    def finish(self, site_dir: Path, site_url: str) -> None:
        """Write the search index and print each edition's PDF into the built site."""
        for year in self.drafts:  # printed, not logged: `make site` leaves out the log lines
            missing = len(self.site.reports[year].current.missing)
            count = "en uppgift" if missing == 1 else f"{missing} uppgifter"
            print(
                f"OBS: Årgången {year} är ett utkast och publiceras inte än. Det saknas {count}; "
                f"de står på sidan »{DRAFT_TITLE}« ({page_url(f'{year}/{DRAFT_PAGE}')}).",
                file=sys.stderr,
            )
        # In menu order, whichever order the engine rendered the pages in
        order = {path: i for i, path in enumerate(nav_pages(self.config["nav"]))}
        place = {url: order.get(path, len(order)) for url, path in self.urls.items()}
        self.search.entries.sort(key=lambda entry: place.get(entry["url"].split("#")[0], 0))
        self.search.write(site_dir)
        if os.environ.get("KVALITET_PDF") == "av":  # `make serve`: a live preview needs no PDF
            log.info("PDF-versionen skapas inte (KVALITET_PDF=av).")
            return
        from kvalitet.output.pdf_document import Cover  # BeautifulSoup only for a PDF
        from kvalitet.output.pdf_metadata import stable_pdf  # pikepdf only when a PDF is made

        for year, report in self.site.reports.items():
            package = report.current.descriptor.package
            try:
                printed, printed_from = print_pdf(
                    site_dir, f"{year}/{WHOLE_REPORT}", Cover.of(package, year), site_url
                )
            except NoBrowser as error:
                if os.environ.get("KVALITET_PUBLICERA") == "ja":  # never publish without it
                    raise PluginError(
                        f"PDF-versionen kunde inte skapas, så inget publicerades. {error}"
                    ) from None
                for other in self.site.reports:  # no empty placeholders left behind
                    (site_dir / pdf_name(other)).unlink(missing_ok=True)
                print(
                    f"OBS: PDF-versionerna skapades inte. {error} Resten av webbplatsen är byggd.",
                    file=sys.stderr,
                )
                return
            title = f"{package.title} – {package.publisher}"
            stamp = report.git_dates.build_date
            content = stable_pdf(printed, title, package.publisher, stamp, printed_from)
            (site_dir / pdf_name(year)).write_bytes(content)
