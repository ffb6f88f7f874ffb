"""Registers the report's data, filters and macros with mkdocs-macros.

The work is done in the `kvalitet` package; this file only wires it in.
"""

import sys
from functools import partial
from pathlib import Path

from jinja2 import TemplateSyntaxError
from mkdocs_macros.errors import format_error

sys.path.insert(0, str(Path(__file__).parent))  # the kvalitet package sits beside this file

from kvalitet import site
from kvalitet.formatting import FILTERS


def define_env(env):
    report = site.load_report(env.conf)  # stops the build with Swedish messages on bad data
    env.variables.update(report.variables)
    for name, function in FILTERS.items():
        env.filter(function, name)
    for name, function in report.macros.items():
        env.macro(site.dispatch(name, function), name)  # each page uses its own edition
    env.macro(partial(site.whole_report, env), "hela_rapporten")  # renders chapters with env
    # mkdocs-macros reports template errors through `format_error`; ours name page and line.
    format_error.register(Exception, site.fail_page)
    format_error.register(TemplateSyntaxError, site.fail_page)


def on_pre_page_macros(env):
    report = site.enter_page(env.page.file.src_uri)  # arkiv/2018/... shows 2018's data
    env.variables.update(report.variables)
    known = list(env.variables) + list(env.macros)
    env.env.undefined = site.strict_swedish_undefined(known)
    env.env.autoescape = True  # text from data files is shown as text, never run as HTML
    report.links.set_page(env.page.url)  # tables and figures link relative to the page
    site.check_direction_words(env.markdown, env.page)  # "ökning" typed by hand must be true
