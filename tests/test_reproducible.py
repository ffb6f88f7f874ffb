"""Two builds from the same commit give byte-identical sites."""

from __future__ import annotations

import filecmp
from pathlib import Path

from conftest import ROOT, build


def differences(first: Path, second: Path) -> list[str]:
    found = []
    comparison = filecmp.dircmp(first, second)
    stack = [(comparison, "")]
    while stack:
        node, prefix = stack.pop()
        found += [f"{prefix}{name}" for name in node.left_only + node.right_only]
        _, mismatch, errors = filecmp.cmpfiles(
            node.left, node.right, node.common_files, shallow=False
        )
        found += [f"{prefix}{name}" for name in mismatch + errors]
        stack += [(child, f"{prefix}{name}/") for name, child in node.subdirs.items()]
    return sorted(found)


def test_two_builds_are_byte_identical(site, tmp_path):
    second = build(ROOT, tmp_path / "site", pdf=True)
    assert second.returncode == 0, second.output
    assert differences(site.site, second.site) == []


def test_the_comparison_finds_a_build_that_differs(project, tmp_path):
    page = project / "docs/2019/syfte.md"
    page.write_text(page.read_text() + "\nByggd {{ now() }}.\n")  # a clock in a page
    first = build(project, tmp_path / "first")
    second = build(project, tmp_path / "second")
    assert "2019/syfte/index.html" in differences(first.site, second.site)
