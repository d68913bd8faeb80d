"""One outline vocabulary for every backend (fontTools pen protocol).

`OutlinePen` records any fontTools drawing as simple segments (moveTo, lineTo, one-control
qCurveTo, curveTo, closePath); `svg_path_data` and the PDF writer replay the same commands.
"""

from __future__ import annotations

from typing import Any

from fontTools.pens.basePen import BasePen

from .scene import PenCommand, Point


class OutlinePen(BasePen):
    """Record outlines with TrueType quadratic runs already split into single-control segments."""

    def __init__(self, glyph_set: Any = None, *, flip_y: bool = False) -> None:
        super().__init__(glyph_set)
        self.value: list[PenCommand] = []
        self._sy = -1.0 if flip_y else 1.0

    def _p(self, pt: tuple[float, float]) -> Point:
        return (round(float(pt[0]), 3), round(float(pt[1]) * self._sy, 3) + 0.0)

    def _moveTo(self, pt: tuple[float, float]) -> None:
        self.value.append(("moveTo", (self._p(pt),)))

    def _lineTo(self, pt: tuple[float, float]) -> None:
        self.value.append(("lineTo", (self._p(pt),)))

    def _curveToOne(self, p1: tuple[float, float], p2: tuple[float, float], p3: tuple[float, float]) -> None:
        self.value.append(("curveTo", (self._p(p1), self._p(p2), self._p(p3))))

    def _qCurveToOne(self, p1: tuple[float, float], p2: tuple[float, float]) -> None:
        self.value.append(("qCurveTo", (self._p(p1), self._p(p2))))

    def _closePath(self) -> None:
        self.value.append(("closePath", ()))

    def _endPath(self) -> None:
        self.value.append(("endPath", ()))


def _num(v: float) -> str:
    if v == int(v):
        return str(int(v))
    return f"{v:.3f}".rstrip("0").rstrip(".")


_REL_OPS = {"moveTo": "m", "lineTo": "l", "curveTo": "c", "qCurveTo": "q"}


def svg_path_data(commands: tuple[PenCommand, ...] | list[PenCommand]) -> str:
    """Compact relative SVG path data (h/v for axis-aligned lines, repeated letters omitted).

    Deltas are taken between coordinates already rounded to 0.001, so no drift accumulates;
    relative data is about 10 % smaller once gzipped, which keeps the seal under 5 KB.
    """
    out: list[str] = []
    last = ""
    cx = cy = sx = sy = 0.0
    for op, pts in commands:
        if op == "closePath":
            out.append("z")
            cx, cy, last = sx, sy, "z"
            continue
        if op == "endPath":
            continue
        rounded = [(round(x, 3), round(y, 3)) for x, y in pts]
        letter = _REL_OPS[op]
        if op == "lineTo" and rounded[0][1] == cy:
            letter, nums = "h", [rounded[0][0] - cx]
        elif op == "lineTo" and rounded[0][0] == cx:
            letter, nums = "v", [rounded[0][1] - cy]
        else:
            nums = [v for x, y in rounded for v in (x - cx, y - cy)]
        text = ""
        for v in nums:
            s = _num(round(v, 3))
            text += s if (not text or s.startswith("-")) else " " + s
        if letter == last and letter != "m":
            out.append(text if text.startswith("-") else " " + text)
        else:
            out.append(letter + text)
        last = letter
        cx, cy = rounded[-1]
        if op == "moveTo":
            sx, sy = cx, cy
    return "".join(out)


def transform_commands(
    commands: tuple[PenCommand, ...], dx: float, dy: float, scale: float
) -> list[PenCommand]:
    """Commands mapped by p -> (dx + scale * x, dy + scale * y) (used for bounds and by PDF writers)."""
    return [(op, tuple((dx + scale * x, dy + scale * y) for x, y in pts)) for op, pts in commands]
