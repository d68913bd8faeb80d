"""A symbol's outline as PDF path operators in its own units, made once per process.

Shared by the print (PDF/X) and archive (PDF/A) writers: a glyph or mark is placed with a `cm` matrix
and these operators, so a page never re-formats thousands of coordinates.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from functools import cached_property, lru_cache

from fontTools.pens.basePen import BasePen

from ..drawing.pens import axis_rectangles, replay
from ..drawing.scene import Point, Symbol


@dataclass(frozen=True)
class Outline:
    """A symbol's path operators (own units, filled with the caller's colour), built once per process."""

    symbol: Symbol
    ops: str  # written inline for a symbol drawn rarely; compressed as a form's content otherwise
    bbox: tuple[float, float, float, float]

    @cached_property
    def data(self) -> bytes:
        """The operators Flate-compressed once, for the form XObject."""
        return zlib.compress(self.ops.encode("ascii"), 9)


_OUTLINES: dict[str, Outline] = {}


def _unit(v: float) -> str:
    """A symbol coordinate: 1/10 of a unit (1/10000 em for glyphs) is far below what any device shows."""
    if type(v) is int:
        return str(v)
    text = f"{v:.1f}"
    if text == "-0.0":
        return "0"
    return text[:-2] if text.endswith(".0") else text


class OpsPen(BasePen):
    """PDF path operators in symbol units; a closed axis-aligned four-sided contour (QR runs, rules)
    becomes one `x y w h re`."""

    def __init__(self) -> None:
        super().__init__(None)
        self.ops: list[str] = []
        self._contour: list[tuple[float, float]] | None = None  # moveTo + lineTos, while it may be a rectangle

    def flush(self) -> None:
        if self._contour:
            (x, y), *lines = self._contour
            self.ops.append(f"{_unit(x)} {_unit(y)} m")
            self.ops.extend(f"{_unit(x)} {_unit(y)} l" for x, y in lines)
        self._contour = None

    def _moveTo(self, p: Point) -> None:
        self.flush()
        self._contour = [p]

    def _lineTo(self, p: Point) -> None:
        if self._contour is not None and len(self._contour) < 4:
            self._contour.append(p)
            return
        self.flush()
        self.ops.append(f"{_unit(p[0])} {_unit(p[1])} l")

    def _curveToOne(self, p1: Point, p2: Point, p3: Point) -> None:
        self.flush()
        self.ops.append(" ".join(_unit(v) for p in (p1, p2, p3) for v in p) + " c")

    def _closePath(self) -> None:
        contour = self._contour
        if contour is not None and len(contour) == 4:
            (x0, y0), (x1, y1), (x2, y2), (x3, y3) = contour
            if y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0 and x0 < x1 and y0 < y2:
                self.ops.append(f"{_unit(x0)} {_unit(y0)} {_unit(x1 - x0)} {_unit(y2 - y0)} re")
                self._contour = None
                return
        self.flush()
        self.ops.append("h")

    def _endPath(self) -> None:
        self.flush()


def symbol_ops(symbol: Symbol) -> str:
    """Path operators of a symbol in its own units, filled with the caller's colour."""
    rects = axis_rectangles(symbol.commands)
    if rects is not None:  # what OpsPen writes for them, without sending every point through it
        ops = [f"{_unit(x)} {_unit(y)} {_unit(w)} {_unit(h)} re" for x, y, w, h in rects]
        ops.append("f*" if symbol.fill_rule == "evenodd" else "f")
        return "\n".join(ops)
    pen = OpsPen()
    replay(symbol.commands, pen)
    pen.flush()
    pen.ops.append("f*" if symbol.fill_rule == "evenodd" else "f")
    return "\n".join(pen.ops)


def outline(symbol: Symbol) -> Outline:
    """The operators of `symbol`, cached by id (glyph outlines are the same in every certificate)."""
    if symbol.id.startswith("qr-"):
        return _qr_outline(symbol)
    cached = _OUTLINES.get(symbol.id)
    if cached is not None and (cached.symbol is symbol or cached.symbol == symbol):
        return cached
    made = _outline(symbol)
    if len(_OUTLINES) < 4096:
        _OUTLINES[symbol.id] = made
    return made


@lru_cache(maxsize=4)
def _qr_outline(symbol: Symbol) -> Outline:
    """A QR code is unique to its laureate (and large): only the last few are kept, for the plaque, the
    poster and the certificate of one kit; a batch would otherwise pile them up."""
    return _outline(symbol)


def _outline(symbol: Symbol) -> Outline:
    xs = [p[0] for _, pts in symbol.commands for p in pts] or [0.0]
    ys = [p[1] for _, pts in symbol.commands for p in pts] or [0.0]
    return Outline(symbol, symbol_ops(symbol), (min(xs) - 1, min(ys) - 1, max(xs) + 1, max(ys) + 1))
