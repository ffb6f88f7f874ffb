"""Registers the report's data, filters and macros with mkdocs-macros.

The work is done in the `kvalitet` package; this file only wires it in. The editions are
loaded by the kvalitet plugin, which mkdocs.yml lists before macros.
"""

from kvalitet.site.plugin import site_of


def define_env(env):
    site = site_of(env.conf)
    env.variables.update(site.main.variables)
    for name, function in site.filters.items():
        env.filter(function, name)
    for name, function in site.macros.items():
        env.macro(function, name)  # each page uses its own edition


def on_pre_page_macros(env):
    # The page's own edition (arkiv/2018/... shows 2018's data); mistakes in the page are
    # recorded with page and line, in Swedish, and listed when every page is rendered.
    site_of(env.conf).enter_page(env)
