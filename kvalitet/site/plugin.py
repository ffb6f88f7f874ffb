"""The MkDocs plugin (``plugins: - kvalitet`` in mkdocs.yml): MkDocs' events, handed to `Build`.

The build's work and state are engine-neutral and live in `build.py` (Zensical reaches the
same `Build` through `zensical_engine.py`). Here only what MkDocs does its own way:

- the build's files join MkDocs' `Files`; the figures, copied from the cache, are drawn
  by the end of ``on_env``, before MkDocs copies any file;
- a page's finished content is also kept for the link check, which runs in ``on_env``,
  after every page is rendered and before any is written;
- what the templates show around a page goes into ``page.meta.kb_*`` and ``config.extra``,
  where Zensical's templates find it too;
- Material's HTML gets its small fixes (`html_fixes.py`) as each page is written.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from kvalitet.site.build import Build
from kvalitet.site.compiled import ThemeCache
from kvalitet.site.html_fixes import fix_material_html
from kvalitet.site.state import Site


def site_of(config) -> Site:
    """The `Site` of the build that `config` (the MkDocs config) belongs to."""
    plugin = config["plugins"].get("kvalitet")
    if plugin is None or plugin.build is None:
        raise PluginError("Pluginen kvalitet saknas i mkdocs.yml (plugins: - kvalitet).")
    return plugin.build.site


def silence_material_search(plugins) -> None:
    """Keep Material's search plugin listed, without its work.

    Its header button shows only while the plugin is listed (partials/header.html), but our
    own index replaces its index (output/search_index.py), which cost 0.08 s per build. The
    lists are changed in place while the config event runs: search's on_config comes after
    ours (lower priority), so it is skipped in this build too.
    """
    search = plugins.get("material/search")
    if search is None:
        return
    for handlers in plugins.events.values():
        handlers[:] = [h for h in handlers if getattr(h, "__self__", None) is not search]


class KvalitetConfig(base.Config):
    # The edition whose pages lay at the site's root before editions had folders.
    moved_from_root = c.Optional(c.Type(int))


class KvalitetPlugin(BasePlugin[KvalitetConfig]):
    def __init__(self):
        super().__init__()
        self.build: Build | None = None
        self.kept = None  # the preview's editions between builds (tools/serve.py), if any

    @property
    def site(self) -> Site | None:
        return self.build.site if self.build else None

    @event_priority(50)  # before mkdocs-macros, whose define_env reads the editions
    def on_config(self, config: MkDocsConfig):
        silence_material_search(config.plugins)
        self.build = Build.start(config, self.config.moved_from_root, self.kept)
        return config

    def on_files(self, files: Files, config: MkDocsConfig):
        for path, content in self.build.extra_files().items():
            if isinstance(content, Path):  # in the cache
                files.append(File.generated(config, path, abs_src_path=str(content)))
            else:
                files.append(File.generated(config, path, content=content))
        self.build.static = {f.dest_uri for f in files if not f.is_documentation_page()}
        self.build.dest_uris = {f.dest_uri for f in files}
        config["extra"].update(self.build.site_values())
        return files

    def on_page_content(self, html: str, page, config, files) -> str:
        html = self.build.page_content(html, page)
        self.build.rendered_page(page, html)
        return html

    @event_priority(-100)  # last: the theme's environment as the templates will see it
    def on_env(self, env, config, files):
        self.build.check()  # every page rendered, none written: the moment to stop
        self.build.wait_for_figures()  # drawn while the pages rendered
        env.bytecode_cache = ThemeCache.of(self.build.site.cache, env)  # no template compiled yet
        return env

    def on_template_context(self, context, template_name, config):
        if template_name == "404.html" and not config["extra"].get("kb_bas"):
            context["base_url"] = "."  # relative to the <base> its script sets
        return context

    def on_page_context(self, context, page, config, nav):
        page.meta.update(self.build.page_meta(page))
        return context

    def on_post_page(self, output: str, page, config) -> str:
        return fix_material_html(output)

    def on_post_template(self, output_content: str, template_name: str, config) -> str:
        # Static templates such as 404.html do not pass through on_post_page.
        if template_name.endswith(".html"):
            return fix_material_html(output_content)
        return output_content

    def on_build_error(self, *, error: Exception) -> None:
        if self.build:
            self.build.cancel()

    def on_post_build(self, config):
        self.build.finish(Path(config["site_dir"]), config["site_url"] or "")
