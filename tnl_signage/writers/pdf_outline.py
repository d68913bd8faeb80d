"""A symbol's outline as PDF path operators in its own units, made once per process.

Shared by the print (PDF/X) and archive (PDF/A) writers: a glyph or mark is placed with a `cm` matrix
and these operators, so a page never re-formats thousands of coordinates.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from functools import cached_property

from ..drawing.scene import PenCommand, Symbol


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


def _rectangle(commands: tuple[PenCommand, ...], i: int) -> str | None:
    """`x y w h re` if commands[i:i+5] draw an axis-aligned rectangle (QR runs, rules), else None."""
    if i + 4 >= len(commands) or commands[i + 4][0] != "closePath":
        return None
    (o0, p0), (o1, p1), (o2, p2), (o3, p3) = commands[i:i + 4]
    if o1 != "lineTo" or o2 != "lineTo" or o3 != "lineTo":
        return None
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = p0[0], p1[0], p2[0], p3[0]
    if y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0 and x0 < x1 and y0 < y2:
        return f"{_unit(x0)} {_unit(y0)} {_unit(x1 - x0)} {_unit(y2 - y0)} re"
    return None


def _symbol_ops(symbol: Symbol) -> str:
    """Path operators of a symbol in its own units, filled with the caller's colour."""
    ops: list[str] = []
    cx = cy = 0.0
    commands = symbol.commands
    i = 0
    while i < len(commands):
        op, pts = commands[i]
        i += 1
        if op == "moveTo":
            rect = _rectangle(commands, i - 1)
            if rect is not None:
                ops.append(rect)
                i += 4
                continue
            (cx, cy), = pts
            ops.append(f"{_unit(cx)} {_unit(cy)} m")
        elif op == "lineTo":
            (cx, cy), = pts
            ops.append(f"{_unit(cx)} {_unit(cy)} l")
        elif op == "curveTo":
            ops.append(" ".join(_unit(v) for p in pts for v in p) + " c")
            cx, cy = pts[2]
        elif op == "qCurveTo":  # one control point: the exact cubic equivalent
            (qx, qy), (ex, ey) = pts[0], pts[1]
            c = (cx + 2 / 3 * (qx - cx), cy + 2 / 3 * (qy - cy), ex + 2 / 3 * (qx - ex), ey + 2 / 3 * (qy - ey))
            ops.append(" ".join(_unit(v) for v in (*c, ex, ey)) + " c")
            cx, cy = ex, ey
        elif op == "closePath":
            ops.append("h")
    ops.append("f*" if symbol.fill_rule == "evenodd" else "f")
    return "\n".join(ops)


def outline(symbol: Symbol) -> Outline:
    """The operators of `symbol`, cached by id (glyph outlines are the same in every certificate)."""
    cached = _OUTLINES.get(symbol.id)
    if cached is not None and (cached.symbol is symbol or cached.symbol == symbol):
        return cached
    xs = [p[0] for _, pts in symbol.commands for p in pts] or [0.0]
    ys = [p[1] for _, pts in symbol.commands for p in pts] or [0.0]
    ops = _symbol_ops(symbol)
    made = Outline(symbol, ops, (min(xs) - 1, min(ys) - 1, max(xs) + 1, max(ys) + 1))
    # A QR code is unique to its certificate (and large): caching it would only grow memory in a batch.
    if len(_OUTLINES) < 4096 and not symbol.id.startswith("qr-"):
        _OUTLINES[symbol.id] = made
    return made


