"""The cache folder is shared by builds running at once: none removes what another still copies."""

from __future__ import annotations

import os
import time

from kvalitet.cache_files import remove_replaced, write_folder


def aged(path, seconds):
    then = time.time() - seconds
    os.utime(path, (then, then))
    return path


def test_a_replaced_file_stays_an_hour_for_builds_still_copying_it(tmp_path):
    current = tmp_path / "klagomal-new.svg"
    current.write_text("ny")
    recent = tmp_path / "klagomal-other.svg"  # another build's, ten minutes old
    recent.write_text("annan")
    aged(recent, 600)
    old = tmp_path / "klagomal-old.svg"
    old.write_text("gammal")
    aged(old, 2 * 3600)
    broken_off = tmp_path / "klagomal-new.svg.4711.tmp"  # a build that stopped halfway
    broken_off.write_text("halv")
    aged(broken_off, 2 * 3600)

    remove_replaced(tmp_path.glob("klagomal-*.svg*"), {current})

    assert sorted(p.name for p in tmp_path.iterdir()) == ["klagomal-new.svg", "klagomal-other.svg"]


def test_a_folder_appears_whole_and_a_second_writer_leaves_the_first(tmp_path):
    target = tmp_path / "2019-abc"
    write_folder(target, {"data/2019/a.csv": b"a\n1\n", "data/2019/b.csv": b"b\n2\n"})
    write_folder(target, {"data/2019/a.csv": b"other"})  # the same key: the same files

    assert (target / "data/2019/a.csv").read_bytes() == b"a\n1\n"
    assert (target / "data/2019/b.csv").read_bytes() == b"b\n2\n"
    assert [p.name for p in tmp_path.iterdir()] == ["2019-abc"]  # no half-written folder left
