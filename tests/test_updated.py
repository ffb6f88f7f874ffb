"""»Senast uppdaterad«: git is asked in the background (kvalitet/site/updated.py)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from conftest import ROOT

from kvalitet.site.updated import GitDates, _in_background


def test_the_history_of_the_project_and_a_copy_outside_git(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    dates = GitDates(ROOT)
    assert "docs/index.md" in dates.changed
    assert dates.last_change(["docs/index.md"]).year >= 2026
    outside = GitDates(tmp_path)  # a copy, not a checkout
    assert outside.changed == {}
    assert outside.last_change(["docs/index.md"]) == datetime(1970, 1, 2, tzinfo=UTC)


def test_a_failure_in_the_background_is_raised_where_the_value_is_wanted(tmp_path):
    def broken(root):
        raise ValueError(str(root))

    wait = _in_background(broken, tmp_path)
    with pytest.raises(ValueError, match=str(tmp_path)):
        wait()
