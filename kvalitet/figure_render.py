"""Figures as SVG files: reproducible bytes, rendered only when data or code changed.

The cache key is a hash of the figure's data (its table), its texts and the source of
`figures.py`, so editing a number or the drawing code redraws exactly the figures
concerned, and a rebuild with nothing changed draws none.
"""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from . import figures
from .figures import FigureSpec

_CODE = Path(figures.__file__).read_bytes() + Path(__file__).read_bytes()


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


@dataclass
class SvgCache:
    folder: Path
    drawn: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)

    def svg(self, spec: FigureSpec) -> bytes:
        path = self.folder / f"{spec.name}-{cache_key(spec)}.svg"
        if path.is_file():
            self.reused.append(spec.name)
            return path.read_bytes()
        content = draw_svg(spec)
        self.folder.mkdir(parents=True, exist_ok=True)
        for old in self.folder.glob(f"{spec.name}-*.svg"):
            if old != path:
                old.unlink(missing_ok=True)  # drawings of older data
        partial = path.with_suffix(".tmp")
        partial.write_bytes(content)
        partial.replace(path)  # atomic: a broken build never leaves half a file
        self.drawn.append(spec.name)
        return content
