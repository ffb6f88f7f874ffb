"""Shared fixtures: the real site built once, and throwaway copies of the project.

Tests build with the same command an editor's pull request runs (``mkdocs build
--strict``), in a subprocess, so exit codes and messages are exactly what CI shows.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
# The 2019 edition's pages are under docs/2019/ and built under 2019/ (`EDITION + path`).
EDITION = "2019/"
PROJECT_PARTS = ["docs", "data", "kvalitet", "overrides", "macros.py", "mkdocs.yml"]
MKDOCS = [sys.executable, "-m", "mkdocs"]
# `make` in a copy of the project, with this project's installed .venv. The install steps
# count as done (-o): otherwise make could reinstall the package from the copy.
VENV = ROOT / ".venv"
MAKE = ["make", f"VENV={VENV}"] + [
    option for stamp in (".python-ok", ".site-installed", ".dev-installed")
    for option in ("-o", f"{VENV}/{stamp}")
]  # fmt: skip


def pytest_sessionstart(session):
    """A mistake in the project's own mkdocs.yml, data or pages stops the suite at once with
    the build's Swedish message, printed once, instead of failing every test that builds."""
    if hasattr(session.config, "workerinput"):
        return  # an xdist worker: the controller has checked
    from mkdocs.config import load_config
    from mkdocs.exceptions import PluginError

    from kvalitet.gates.config import SUBJECT, check_config
    from kvalitet.model.problems import DataError
    from kvalitet.site.state import Site

    problems = check_config(ROOT / "mkdocs.yml")
    message = str(DataError(problems, subject=SUBJECT)) if problems else None
    if message is None:
        try:
            Site.load(load_config(str(ROOT / "mkdocs.yml")))
        except PluginError as error:
            message = str(error)
    if message:
        session.config.get_terminal_writer().line(message)
        pytest.exit("Testerna körs inte förrän felen ovan är rättade.", returncode=1)


@dataclass
class Build:
    returncode: int
    output: str
    site: Path

    def page(self, path: str) -> BeautifulSoup:
        return BeautifulSoup((self.site / path).read_text(encoding="utf-8"), "lxml")


def svg_pixels(svg: Path) -> tuple[int, int]:
    """The size an SVG file states (matplotlib: in points), in CSS pixels."""
    head = svg.read_text(encoding="utf-8")[:2000]
    width, height = (
        re.search(rf'{name}="([\d.]+)pt"', head).group(1) for name in ("width", "height")
    )
    return round(float(width) * 4 / 3), round(float(height) * 4 / 3)


def moved_target(html: str) -> str | None:
    """Where a "Sidan har flyttat" page leads (its meta refresh), or None for other pages.

    The 2019 edition's pages lay at the site's root before editions had folders; each old
    address is now such a page (kvalitet/site/editions.py, ``moved_from_root`` in
    mkdocs.yml): static HTML without the site's header, menu or footer.
    """
    soup = BeautifulSoup(html, "lxml")
    refresh = soup.select_one('meta[http-equiv="refresh"]')
    if refresh is None:
        return None
    return refresh["content"].split("url=", 1)[1].strip()


def html_pages(site: Build, moved: bool = True) -> list[str]:
    """Every HTML file of the built site (relative to it), sorted; without the "Sidan har
    flyttat" pages when `moved` is false."""
    pages = sorted(p.relative_to(site.site).as_posix() for p in site.site.rglob("*.html"))
    if moved:
        return pages
    return [p for p in pages if moved_target((site.site / p).read_text("utf-8")) is None]


@contextmanager
def opened(page, base_url: str, site: Build, path: str, **options):
    """The built page `path` (e.g. "2019/syfte/index.html") open in the browser `page` for
    as long as the block runs.

    A "Sidan har flyttat" page leaves for its new address at once (script and meta
    refresh). Here that address answers 204 No Content, so the browser keeps the moved
    page and the block checks that page itself; the new address is checked as a page of
    its own.
    """
    url = f"{base_url}/{path.removesuffix('index.html')}"
    target = moved_target((site.site / path).read_text(encoding="utf-8"))
    if target is None:
        page.goto(url, **options)
        yield
        return
    new_address = urljoin(url, target)
    page.route(new_address, lambda route: route.fulfill(status=204))
    try:
        # The cancelled redirect leaves Playwright waiting for a load event it never
        # reports, and may hold the page's animation frames; the document itself loads
        # completely, which a timer sees.
        page.goto(url, wait_until="commit")
        page.wait_for_function("document.readyState === 'complete'", polling=50)
        assert page.url == url, f"{path} left for {page.url}"
        yield
    finally:
        page.unroute(new_address)


def commit_time() -> str:
    """SOURCE_DATE_EPOCH as the Makefile sets it, so every test build is reproducible."""
    result = subprocess.run(
        ["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True
    )
    return result.stdout.strip() or "0"


# Every copy of the project builds with the same figure and download cache, keyed by its
# inputs, so that a copy draws only the figures its change touches (as an editor's does).
os.environ.setdefault("KVALITET_CACHE", str(ROOT / ".cache"))


def build(project: Path, site: Path, pdf: bool = False, cache: Path | None = None) -> Build:
    """Build `project` into `site`; the PDF (a few seconds of Chromium) only when asked;
    `cache` instead of the shared cache of figures and downloads."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if cache is not None:
        env["KVALITET_CACHE"] = str(cache)
    env.setdefault("SOURCE_DATE_EPOCH", commit_time())
    if not pdf:
        env["KVALITET_PDF"] = "av"
    result = subprocess.run(
        [*MKDOCS, "build", "--strict", "--site-dir", str(site)],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
    )
    return Build(result.returncode, result.stdout + result.stderr, site)


def build_zensical(project: Path, site: Path, pdf: bool = False, history: bool = False) -> Build:
    """Build `project` into `site` with Zensical instead of MkDocs (make site ENGINE=zensical).

    `history`: »Senast uppdaterad« from this repository's history, as in a build of the
    checkout itself; a copy has none, and shows the last commit's date on every page.
    """
    env = {**os.environ, "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", commit_time())}
    if history:
        env.update(GIT_DIR=str(ROOT / ".git"), GIT_WORK_TREE=str(project))
    if not pdf:
        env["KVALITET_PDF"] = "av"
    result = subprocess.run(
        [sys.executable, "-m", "kvalitet.site.zensical_engine", "--site-dir", str(site)],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
    )
    return Build(result.returncode, result.stdout + result.stderr, site)


def build_edition_site(project: Path, site: Path, year: int) -> Build:
    """Build a project of one edition, `year`: its data in data/<year>/ and its start page
    docs/<year>/index.md already written; "Hela rapporten", the menu and the real site's
    macros, templates and plugins are added here."""
    (project / f"docs/{year}/hela-rapporten.md").write_text("# Hela\n\n{{ hela_rapporten() }}\n")
    shutil.copy2(ROOT / "macros.py", project / "macros.py")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config[: config.index("nav:")] + (
        f"nav:\n  - Provrapport {year}:\n      - {year}/index.md\n"
        f"      - Hela rapporten: {year}/hela-rapporten.md\n"
    )
    config = config.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
    config = config.replace("      moved_from_root: 2019\n", "")
    config = config.replace("  - kvalitet:\n", "  - kvalitet\n")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    return build(project, site)


def copy_project(target: Path) -> Path:
    """A copy of everything the build reads, to break on purpose."""
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    return target


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Build:
    """The real site, built once per test session."""
    result = build(ROOT, tmp_path_factory.mktemp("site") / "site", pdf=True)
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="session")
def base_url(site) -> str:
    """The built site served on localhost."""
    from browser import serve

    with serve(site.site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from browser import launch
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="sv-SE")
    yield context.new_page()
    context.close()


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture
def broken_build(project, tmp_path):
    """Build a copy of the project after `change(project)`; returns the `Build`."""

    def run(change) -> Build:
        change(project)
        return build(project, tmp_path / "site")

    return run


def edition_2019():
    """The 2019 edition as loaded from data/2019 by its own description."""
    from kvalitet.model.edition import load_edition

    return load_edition(ROOT / "data", 2019)


def quality_plan_groups() -> list[str]:
    """The working groups the 2019 description allows in the quality plan, in its order."""
    schema = edition_2019().dataset("kvalitetsplan").resource.schema_
    risk = schema.properties["processer"].items.properties["risker"].items
    return list(risk.properties["grupp"].enum)


def start_edition(project: Path, year: int) -> str:
    """`make ny-argang AR=<year>` in `project`, as an editor runs it; returns what it printed."""
    started = subprocess.run(
        [sys.executable, "-m", "kvalitet.tools.new_edition", str(year)],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert started.returncode == 0, started.stderr
    return started.stdout
