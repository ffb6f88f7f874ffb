"""Page templates compiled once per build (kvalitet/site/compiled.py)."""

from __future__ import annotations

import pytest
from jinja2 import Environment, TemplateSyntaxError

from kvalitet.site.compiled import CompiledPages


def test_a_page_compiled_again_reuses_the_code_of_the_same_settings(tmp_path):
    pages = CompiledPages(tmp_path)
    first, second = Environment(), Environment()  # Zensical: one environment per page
    for env in (first, second):
        pages.attach(env)
        pages.attach(env)  # once is enough
    assert first.compile("{{ 1 + 1 }}") is second.compile("{{ 1 + 1 }}")
    assert first.from_string("{{ x }}").render(x="<b>") == "<b>"
    second.autoescape = True  # what Site.enter_page sets: other code
    assert second.from_string("{{ x }}").render(x="<b>") == "&lt;b&gt;"
    assert len(pages.code) == 3


def test_a_mistake_is_raised_every_time(tmp_path):
    pages = CompiledPages(tmp_path)
    env = Environment()
    pages.attach(env)
    for _ in range(2):
        with pytest.raises(TemplateSyntaxError):
            env.from_string("{% if %}")
    assert pages.code == {}
    assert not tmp_path.exists() or not any(tmp_path.iterdir())


def test_the_next_build_finds_the_code_in_the_cache_folder(tmp_path):
    import os

    compiled = []

    def environment(pages: CompiledPages) -> Environment:
        env = Environment()
        original = env.compile
        env.compile = lambda *args, **kwargs: compiled.append(args[0]) or original(*args, **kwargs)
        pages.attach(env)
        return env

    old = tmp_path / "left-by-an-old-edit.code"
    old.write_bytes(b"")
    os.utime(old, (0, 0))
    assert environment(CompiledPages(tmp_path)).from_string("{{ 1 + 1 }}").render() == "2"
    assert not old.exists()  # more than a month old
    assert environment(CompiledPages(tmp_path)).from_string("{{ 1 + 1 }}").render() == "2"
    assert compiled == ["{{ 1 + 1 }}"]  # once, in the first build
    assert len(list(tmp_path.iterdir())) == 1


def test_the_theme_is_compiled_once_and_again_when_a_template_changes(tmp_path):
    from jinja2 import DictLoader, select_autoescape

    from kvalitet.site.compiled import ThemeCache

    templates = {"main.html": "<p>{{ 1 + 1 }}</p>"}
    compiled = []

    def environment() -> Environment:
        env = Environment(loader=DictLoader(templates))
        original = env.compile
        env.compile = lambda *args, **kwargs: compiled.append(args[0]) or original(*args, **kwargs)
        env.bytecode_cache = ThemeCache.of(tmp_path, env)
        return env

    assert environment().get_template("main.html").render() == "<p>2</p>"
    assert environment().get_template("main.html").render() == "<p>2</p>"  # from the file
    templates["main.html"] = "<p>{{ 2 + 2 }}</p>"
    assert environment().get_template("main.html").render() == "<p>4</p>"
    assert compiled == ["<p>{{ 1 + 1 }}</p>", "<p>{{ 2 + 2 }}</p>"]
    assert ThemeCache.of(tmp_path, Environment(autoescape=select_autoescape())) is None
