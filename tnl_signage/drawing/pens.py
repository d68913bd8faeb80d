"""One outline vocabulary for every backend (fontTools pen protocol).

`OutlinePen` records any fontTools drawing as simple segments (moveTo, lineTo, one-control
qCurveTo, curveTo, closePath); every backend reads them back through `replay` into a fontTools pen
(`SvgPathPen` here, fontTools' `CairoPen`, the PDF writers' pens).
"""

from __future__ import annotations

from typing import Any

from fontTools.pens.basePen import BasePen
from fontTools.pens.recordingPen import replayRecording

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


def replay(commands: tuple[PenCommand, ...] | list[PenCommand], pen: Any) -> None:
    """Draw recorded commands into any fontTools pen: the one place pen commands are read.

    Pens built on `BasePen` turn a one-control `qCurveTo` into its exact cubic (fontTools' own
    conversion, the only one in the package) unless they draw quadratics natively (`SvgPathPen`).
    """
    replayRecording(commands, pen)


class SvgPathPen(BasePen):
    """Compact relative SVG path data (h/v for axis-aligned lines, repeated letters omitted).

    Deltas are taken between coordinates already rounded to 0.001, so no drift accumulates;
    relative data is about 10 % smaller once gzipped, which keeps the seal under 5 KB.
    SVG draws quadratics itself, so they are written as `q`, not raised to cubics.
    """

    def __init__(self) -> None:
        super().__init__(None)
        self.out: list[str] = []
        self.last = ""
        self.cx = self.cy = self.sx = self.sy = 0.0

    def _segment(self, letter: str, pts: tuple[Point, ...]) -> None:
        rounded = [(round(x, 3), round(y, 3)) for x, y in pts]
        cx, cy = self.cx, self.cy
        if letter == "l" and rounded[0][1] == cy:
            letter, nums = "h", [rounded[0][0] - cx]
        elif letter == "l" and rounded[0][0] == cx:
            letter, nums = "v", [rounded[0][1] - cy]
        else:
            nums = [v for x, y in rounded for v in (x - cx, y - cy)]
        text = ""
        for v in nums:
            s = _num(round(v, 3))
            text += s if (not text or s.startswith("-")) else " " + s
        if letter == self.last and letter != "m":
            self.out.append(text if text.startswith("-") else " " + text)
        else:
            self.out.append(letter + text)
        self.last = letter
        self.cx, self.cy = rounded[-1]
        if letter == "m":
            self.sx, self.sy = self.cx, self.cy

    def _moveTo(self, pt: Point) -> None:
        self._segment("m", (pt,))

    def _lineTo(self, pt: Point) -> None:
        self._segment("l", (pt,))

    def _curveToOne(self, p1: Point, p2: Point, p3: Point) -> None:
        self._segment("c", (p1, p2, p3))

    def _qCurveToOne(self, p1: Point, p2: Point) -> None:
        self._segment("q", (p1, p2))

    def _closePath(self) -> None:
        self.out.append("z")
        self.cx, self.cy, self.last = self.sx, self.sy, "z"

    @property
    def d(self) -> str:
        return "".join(self.out)


def svg_path_data(commands: tuple[PenCommand, ...] | list[PenCommand]) -> str:
    """The commands as compact relative SVG path data (see `SvgPathPen`)."""
    pen = SvgPathPen()
    replay(commands, pen)
    return pen.d
