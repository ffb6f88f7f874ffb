"""Registers the report's data, filters and macros with mkdocs-macros or Zensical's macros.

The work is done in the `kvalitet` package; this file only wires it in. The editions are
loaded before any page: by the kvalitet plugin on MkDocs (listed before macros in
mkdocs.yml), by `kvalitet.site.zensical_engine` on Zensical.
"""

from kvalitet.site.plugin import site_of
from kvalitet.site.zensical_pages import running


def define_env(env):
    zensical = running()  # Zensical calls this for every page, and has no other page hook
    site = zensical.site if zensical else site_of(env.conf)
    env.variables.update(site.main.variables)
    for name, function in site.filters.items():
        env.filter(function, name)
    for name, function in site.macros.items():
        env.macro(function, name)  # each page uses its own edition
    if zensical:
        zensical.enter_page(env)


def on_pre_page_macros(env):
    # The page's own edition (arkiv/2018/... shows 2018's data); mistakes in the page are
    # recorded with page and line, in Swedish, and listed when every page is rendered.
    site_of(env.conf).enter_page(env)
