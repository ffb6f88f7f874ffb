"""Build the site with Zensical instead of MkDocs: ``python -m kvalitet.site.zensical_engine``.

``make site ENGINE=zensical`` runs it. Zensical reads mkdocs.yml but runs no MkDocs plugin, so
the work of the kvalitet plugin is done around it, by the same `Build`:

1. Before: the editions are loaded and a staging project is written to ``.zensical/``: a
   copy of docs/ with the build's own files (downloads, figures, moved and draft pages),
   the theme overrides, and a configuration made from mkdocs.yml (the menu with drafts,
   values for the templates, our Markdown extension, and Zensical's own link check off,
   since it reads links before macros has filled them in).
2. During: Zensical renders every page; `zensical_pages.py` takes part in each.
3. After: the page mistakes and broken links found stop the build, all listed at once; the
   HTML gets the same small fixes as on MkDocs; the search index and PDF are written; and
   only then the result replaces site/, since a failed Zensical build leaves half a site.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import os
import re
import shutil
import sys
from pathlib import Path

import yaml
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.utils.yaml import yaml_load

from kvalitet.site.build import Build
from kvalitet.site.html_fixes import fix_material_html
from kvalitet.site.numbering import page_url
from kvalitet.site.zensical_pages import ZensicalPages

STAGE = ".zensical"  # inside the project: Zensical wants docs and site below its config
NOT_PUBLISHED = "Inget publicerades: rätta felen ovan och bygg igen."
SEARCH_LOOK = "stylesheets/sok-tema.css"  # Material's search dialog, gone from Zensical's theme
JINJA_HOOK = "kvalitet.site.zensical_pages.JinjaHook"


def mkdocs_config(root: Path):
    """mkdocs.yml as MkDocs loads it, with only our plugin: Zensical has its own macros and
    search, so mkdocs-macros and Material's search plugin need not be imported (0.04 s)."""
    path = root / "mkdocs.yml"
    with open(path, encoding="utf-8") as file:
        plugins = yaml_load(file).get("plugins") or []
    if isinstance(plugins, dict):
        plugins = [{name: options} for name, options in plugins.items()]
    ours = [p for p in plugins if (p if isinstance(p, str) else next(iter(p), "")) == "kvalitet"]
    return load_config(str(path), plugins=ours)


def zensical_config(root: Path, build: Build) -> dict:
    """The Zensical configuration: mkdocs.yml as written, with the build's additions."""
    with open(root / "mkdocs.yml", encoding="utf-8") as file:
        config = yaml_load(file)  # resolves !ENV as MkDocs does
    loaded = build.config
    macros = next(p["macros"] for p in config["plugins"] if isinstance(p, dict) and "macros" in p)
    config.update(
        docs_dir="docs",
        site_dir="site",
        site_url=loaded["site_url"] or "",
        edit_uri=loaded.get("edit_uri") or "",
        strict=False,
        validation=False,  # it reads links before macros fills them in; ours reads each page
        nav=loaded["nav"],  # with the drafts' "what is missing" pages
        extra={**(config.get("extra") or {}), **build.site_values()},
        plugins=["search", {"macros": {**macros, "j2_extensions": [JINJA_HOOK]}}],
        markdown_extensions=[*config["markdown_extensions"], "kvalitet.site.zensical_pages"],
        extra_css=[*config["extra_css"], SEARCH_LOOK],
    )
    features = list(loaded["theme"]["features"])  # without the editing button when published
    config["theme"] = {**config["theme"], "features": features, "variant": "classic"}
    config.pop("watch", None)
    return config


def stage(root: Path, build: Build) -> Path:
    """Write the staging project; returns its configuration file."""
    staging = root / STAGE
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(root / "docs", staging / "docs")
    shutil.copytree(root / "overrides", staging / "overrides")
    docs = staging / "docs"
    added = build.extra_files()
    build.wait_for_figures()  # Zensical reads docs/ once: every file, now
    for path, content in added.items():
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Path):  # in the cache
            shutil.copyfile(content, target)
        else:
            target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    files = [p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()]
    build.static = {path for path in files if not path.endswith(".md")}
    build.page_paths = {path for path in files if path.endswith(".md")}
    pages = {page_url(path) + "index.html" for path in build.page_paths}
    build.dest_uris = build.static | pages | {"assets/"}  # and the theme's files
    config = staging / "mkdocs.yml"
    config.write_text(
        yaml.safe_dump(zensical_config(root, build), allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )
    return config


def render(config: Path, pages: ZensicalPages) -> None:
    """Run Zensical on the staging project; its own output goes to a log beside it."""
    import zensical  # the Rust engine loads only for a Zensical build

    _table_readers_without_pandas()
    log = config.parent / "zensical.log"
    ZensicalPages.current = pages
    try:
        with open(log, "w") as out, _redirected(out):
            zensical.build(str(config), {"strict": False, "clean": True})
    finally:
        ZensicalPages.current = None
    if not (config.parent / "site" / "index.html").is_file():
        raise PluginError(f"Zensical byggde ingen webbplats. Se {log}.")


def _table_readers_without_pandas() -> None:
    """Zensical's macros give every page table readers: it imports pandas (0.2 s), then
    finds tabulate missing and gives placeholders that say so. Without tabulate, the same
    placeholders straight away (`_get_pandas_readers` in zensical/extensions/table_reader.py)."""
    from zensical.extensions import table_reader

    if importlib.util.find_spec("tabulate") is not None:
        return
    fake = getattr(table_reader, "_get_fake_table_readers", None)
    if fake is None or not hasattr(table_reader, "_get_pandas_readers"):
        return  # Zensical has changed: its own way, slower
    readers = {name: reader for name, reader in fake().items() if name.startswith("pd_read_")}
    table_reader._get_pandas_readers = lambda: readers


@contextlib.contextmanager
def _redirected(out):
    """Zensical's Rust side prints to the process's stdout and stderr directly."""
    sys.stdout.flush()
    sys.stderr.flush()
    saved = os.dup(1), os.dup(2)
    os.dup2(out.fileno(), 1)
    os.dup2(out.fileno(), 2)
    try:
        yield
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)
        os.close(saved[0])
        os.close(saved[1])


def after(built: Path, build: Build) -> None:
    """Check the finished pages, fix their HTML, and write search index and PDF."""
    build.check()
    for path in built.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        fixed = fix_material_html(html)
        if fixed != html:
            path.write_text(fixed, encoding="utf-8")
    if not build.site_values()["kb_bas"]:
        not_found = built / "404.html"
        not_found.write_text(_relative(not_found.read_text(encoding="utf-8")), encoding="utf-8")
    build.finish(built, build.config["site_url"] or "")


def _relative(html: str) -> str:
    """404.html's links from the server's root made relative to the <base> its script sets
    (as MkDocs writes them), so that the page works in a subfolder without SITE_URL."""
    html = re.sub(r'\b(href|src)="/(?!/)', r'\1="./', html)
    return html.replace('"base":"/"', '"base":"."')


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", default="site", help="där webbplatsen hamnar")
    parser.add_argument("--quiet", action="store_true", help="bara felen (make site säger resten)")
    args = parser.parse_args(argv)
    root = Path.cwd()
    try:
        config = mkdocs_config(root)
        moved = config["plugins"]["kvalitet"].config.moved_from_root
        build = Build.start(config, moved)
        staged = stage(root, build)
        pages = ZensicalPages(build, Path(config["docs_dir"]), staged.parent / "docs")
        render(staged, pages)
        after(staged.parent / "site", build)
    except PluginError as error:
        print(str(error) if args.quiet else f"{error}\n{NOT_PUBLISHED}", file=sys.stderr)
        return 1
    target = Path(args.site_dir)
    shutil.rmtree(target, ignore_errors=True)
    shutil.move(staged.parent / "site", target)
    if not args.quiet:
        print(f"Webbplatsen är byggd i {target}/ (med Zensical)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
