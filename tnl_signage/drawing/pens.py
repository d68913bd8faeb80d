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
    rects = axis_rectangles(commands)
    if rects is not None:
        return _rectangles_path_data(rects)
    pen = SvgPathPen()
    replay(commands, pen)
    return pen.d


Rectangle = tuple[float, float, float, float]


def axis_rectangles(commands: tuple[PenCommand, ...] | list[PenCommand]) -> tuple[Rectangle, ...] | None:
    """Every subpath as (x, y, w, h) when each one is an axis-aligned rectangle drawn from its top-left
    corner rightwards (moveTo, three lineTo, closePath: a QR code's runs of modules); else None.

    Writers then use their own rectangle primitive (PDF `re`, cairo's rectangle, SVG h/v) instead of
    sending the points one by one through a pen: a QR code has some 450 such runs, and each writer
    met it anew for every laureate. The drawing is the same, point for point.
    """
    count = len(commands)
    if count == 0 or count % 5:
        return None
    rects: list[Rectangle] = []
    for i in range(0, count, 5):
        move, line1, line2, line3, close = commands[i:i + 5]
        if (move[0] != "moveTo" or line1[0] != "lineTo" or line2[0] != "lineTo" or line3[0] != "lineTo"
                or close[0] != "closePath"):
            return None
        (x0, y0), (x1, y1), (x2, y2), (x3, y3) = move[1][0], line1[1][0], line2[1][0], line3[1][0]
        if not (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0 and x0 < x1 and y0 < y2):
            return None
        rects.append((x0, y0, x1 - x0, y2 - y0))
    return tuple(rects)


def _rectangles_path_data(rects: tuple[Rectangle, ...]) -> str:
    """What `SvgPathPen` writes for these rectangles (m, h, v, h, z each), without the pen's per-point work."""
    out: list[str] = []
    cx = cy = 0.0
    for x, y, w, h in rects:
        dx, dy = _num(round(round(x, 3) - cx, 3)), _num(round(round(y, 3) - cy, 3))
        right = round(round(x + w, 3) - round(x, 3), 3)
        down = round(round(y + h, 3) - round(y, 3), 3)
        out.append(f"m{dx}{dy if dy.startswith('-') else ' ' + dy}h{_num(right)}v{_num(down)}h{_num(-right)}z")
        cx, cy = round(x, 3), round(y, 3)
    return "".join(out)
