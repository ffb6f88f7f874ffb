"""Figures as SVG files: reproducible bytes, rendered only when data or code changed.

The cache key is a hash of the figure's data (its table), its texts and the source of
`figures.py`, so editing a number or the drawing code redraws exactly the figures
concerned, and a rebuild with nothing changed draws none.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

from kvalitet.render import charts, figures, formatting
from kvalitet.render.figures import FigureSpec

# The drawing, the number formats and matplotlib itself: a change to any of them redraws.
_CODE = b"".join(Path(m.__file__).read_bytes() for m in (charts, figures, formatting)) + (
    Path(__file__).read_bytes() + version("matplotlib").encode()
)
PARALLEL_FROM = 16  # below this, starting worker processes costs more than it saves


def cache_key(spec: FigureSpec) -> str:
    rows = [[str(cell.value) for cell in row] for group in spec.table.groups for row in group.rows]
    content = json.dumps(
        [spec.name, spec.caption, spec.alt, spec.table.columns, rows], ensure_ascii=False
    )
    return hashlib.sha256(_CODE + content.encode("utf-8")).hexdigest()[:24]


def draw_svg(spec: FigureSpec) -> bytes:
    figure = spec.draw()
    buffer = io.BytesIO()
    # No date or tool version in the file, so the same data gives the same bytes.
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    import matplotlib.pyplot as plt

    plt.close(figure)
    return buffer.getvalue()


def draw_all(specs: list[FigureSpec]) -> list[bytes]:
    """`draw_svg` for each spec; spread over the processor's cores when there are many."""
    workers = min(len(specs), os.cpu_count() or 1)
    if len(specs) < PARALLEL_FROM or workers < 2:
        return [draw_svg(spec) for spec in specs]
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    # spawn, not fork: `mkdocs serve` runs threads, and a forked child copies them badly.
    with ProcessPoolExecutor(workers, mp_context=get_context("spawn")) as pool:
        return list(pool.map(draw_svg, specs, chunksize=4))


@dataclass
class SvgCache:
    """SVG drawings on disk, one file per figure and cache key, under `folder`."""

    folder: Path
    drawn: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)

    def svgs(self, specs: dict[str, FigureSpec]) -> dict[str, bytes]:
        """{stem: SVG} for `specs`, keyed by stems such as ``2019/klagomal``."""
        paths = {
            stem: self.folder / f"{stem}-{cache_key(spec)}.svg" for stem, spec in specs.items()
        }
        found = {stem: path.read_bytes() for stem, path in paths.items() if path.is_file()}
        self.reused += list(found)
        missing = [stem for stem in specs if stem not in found]
        for stem, content in zip(missing, draw_all([specs[stem] for stem in missing]), strict=True):
            _store(paths[stem], content)
            found[stem] = content
            self.drawn.append(stem)
        return {stem: found[stem] for stem in specs}


def _store(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    figure = path.name.rsplit("-", 1)[0]
    for old in path.parent.glob(f"{figure}-*.svg"):
        if old != path:
            old.unlink(missing_ok=True)  # drawings of older data
    partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")  # two builds may run at once
    partial.write_bytes(content)
    partial.replace(path)  # atomic: a broken build never leaves half a file
