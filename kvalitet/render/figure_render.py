"""Figures as SVG files: reproducible bytes, rendered only when data or code changed.

Each figure is drawn twice (a `Drawing`): wide, for screens and print, and narrow with
larger lettering for phones (`charts`' ``phone=True``), placed with ``<picture>``.

The cache key is a hash of the figure's data (its table), its texts and the source of
`figures.py`, so editing a number or the drawing code redraws exactly the figures
concerned, and a rebuild with nothing changed draws none.
"""

from __future__ import annotations

import gc
import hashlib
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from kvalitet.cache_files import remove_replaced, write_file

if TYPE_CHECKING:  # not imported: the worker processes that draw need none of the model
    from kvalitet.render.figures import FigureSpec

# The drawing, the number formats and matplotlib itself: a change to any of them redraws.
_MODULES = ("chart_style", "chart_sizes", "charts", "figures", "formatting", "figure_render")
PHONE = "-mobil"  # figurer/2019/klagomal.svg is drawn for phones as klagomal-mobil.svg


@dataclass(frozen=True)
class Drawing:
    svg: bytes  # wide: screens and print
    phone: bytes  # narrow, with larger lettering

    def files(self, path: str) -> dict[str, bytes]:
        """{path: bytes} of both drawings, the wide one at `path`."""
        return {path: self.svg, phone_path(path): self.phone}


def phone_path(path: str) -> str:
    return path.removesuffix(".svg") + PHONE + ".svg"


def cache_key(spec: FigureSpec) -> str:
    rows = [[str(cell.value) for cell in row] for group in spec.table.groups for row in group.rows]
    content = json.dumps(
        [spec.name, spec.caption, spec.alt, spec.table.columns, rows], ensure_ascii=False
    )
    return hashlib.sha256(_code() + content.encode("utf-8")).hexdigest()[:24]


@cache
def _code() -> bytes:
    """The source of `_MODULES` and matplotlib's version (read in the build, not in the
    worker processes, which draw without cache keys)."""
    from importlib.metadata import version

    folder = Path(__file__).parent
    return b"".join((folder / f"{m}.py").read_bytes() for m in _MODULES) + (
        version("matplotlib").encode()
    )


def draw_svg(spec: FigureSpec, phone: bool = False) -> bytes:
    return svg(spec.draw, phone)


def svg(draw: Callable, phone: bool = False) -> bytes:
    """The SVG of `draw` (a `FigureSpec.draw`: a chart function and its data)."""
    figure = draw(phone=True) if phone else draw()
    # The drawing's tight_layout is done: without a layout engine savefig draws once,
    # not a second time to lay out again (the same bytes, a fifth less time).
    figure.set_layout_engine(None)
    buffer = io.BytesIO()
    # No date or tool version in the file, so the same data gives the same bytes.
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    import matplotlib.pyplot as plt

    plt.close(figure)
    return buffer.getvalue()


def drawing(draw: Callable) -> Drawing:
    """Both drawings of a figure (`draw_into` keeps them in the cache)."""
    return Drawing(svg(draw), svg(draw, phone=True))


@dataclass(frozen=True)
class SvgCache:
    """SVG drawings on disk, two files (wide, phone) per figure and cache key, under `folder`."""

    folder: Path

    def path(self, stem: str, spec: FigureSpec) -> Path:
        """Where the drawing of `spec` is kept; `stem` names the figure, e.g. ``2019/klagomal``."""
        return self.folder / f"{stem}-{cache_key(spec)}.svg"

    @staticmethod
    def has(path: Path) -> bool:
        """Whether both drawings at `path` are drawn."""
        return path.is_file() and Path(phone_path(str(path))).is_file()

    @staticmethod
    def files(path: Path, target: str) -> dict[str, Path]:
        """{site path: file in the cache} of both drawings, the wide one at `target`."""
        return {target: path, phone_path(target): Path(phone_path(str(path)))}


def draw_into(draw: Callable, path: Path) -> None:
    """Both drawings of `draw` into the cache at `path`: a worker process hands back nothing
    but the files, which the build copies into the site."""
    _store(path, drawing(draw))
    if gc.get_freeze_count():  # a worker (`prepare_worker`): quick, see there
        gc.collect()


def prepare_worker() -> None:
    """Start a process that draws many figures. matplotlib's figures are reference cycles,
    which Python collects only now and then: a worker drawing 200 figures grew by 15 MB.
    `draw_into` collects after each drawing; matplotlib is loaded and frozen here first,
    so that a collection skips its objects and takes 3 ms instead of 20."""
    from kvalitet.render.chart_style import pyplot

    pyplot()
    gc.collect()
    gc.freeze()


def _store(path: Path, drawing: Drawing) -> None:
    files = {Path(name): content for name, content in drawing.files(str(path)).items()}
    figure = path.name.rsplit("-", 1)[0]
    remove_replaced(path.parent.glob(f"{figure}-*.svg*"), set(files))  # older data's
    for target, content in files.items():
        write_file(target, content)
