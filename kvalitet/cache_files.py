"""Files in the build's cache folder (.cache/), written whole or not at all.

Several builds may share one cache at once (the tests run many; `make serve` beside
`make site`), each copying its files from there once its pages are done. So a file is
written under a temporary name and renamed, and what older data left behind is removed
only once it is an hour old: never from under a build still running.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterable
from pathlib import Path

KEPT = 3600  # seconds a replaced file stays for builds that may still copy it


def write_file(target: Path, content: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    partial.write_bytes(content)
    partial.replace(target)


def write_folder(target: Path, files: dict[str, bytes]) -> None:
    """`files` ({path inside: content}) as the folder `target`, which appears whole."""
    partial = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    shutil.rmtree(partial, ignore_errors=True)
    for path, content in files.items():
        (partial / path).parent.mkdir(parents=True, exist_ok=True)
        (partial / path).write_bytes(content)
    try:
        partial.rename(target)
    except OSError:  # another build wrote the same folder meanwhile
        shutil.rmtree(partial, ignore_errors=True)


def remove_replaced(found: Iterable[Path], keep: set[Path]) -> None:
    """Remove the files and folders `found` but not in `keep` (also what a build that broke
    off left half written), once they are an hour old."""
    old = time.time() - KEPT
    for path in found:
        if path in keep:
            continue
        try:
            if path.stat().st_mtime >= old:
                continue
        except FileNotFoundError:
            continue
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
