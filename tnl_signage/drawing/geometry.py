"""Small geometry helpers producing pen commands (mm or symbol units): arcs as cubic Béziers."""

from __future__ import annotations

import math

from .scene import PenCommand, Point


def _r(v: float) -> float:
    return round(v, 3)


def arc_commands(cx: float, cy: float, r: float, a0: float, a1: float, *, move: bool) -> list[PenCommand]:
    """Arc of radius r from angle a0 to a1 (radians, y down, positive = clockwise on screen).

    Split in pieces of at most 90 degrees, each one cubic Bézier (error < 0.03 % of r).
    """
    pieces = max(1, math.ceil(abs(a1 - a0) / (math.pi / 2) - 1e-9))
    step = (a1 - a0) / pieces
    k = 4.0 / 3.0 * math.tan(step / 4.0)
    out: list[PenCommand] = []
    start: Point = (_r(cx + r * math.cos(a0)), _r(cy + r * math.sin(a0)))
    if move:
        out.append(("moveTo", (start,)))
    else:
        out.append(("lineTo", (start,)))
    a = a0
    for _ in range(pieces):
        b = a + step
        p0 = (cx + r * math.cos(a), cy + r * math.sin(a))
        p3 = (cx + r * math.cos(b), cy + r * math.sin(b))
        c1 = (p0[0] - k * r * math.sin(a), p0[1] + k * r * math.cos(a))
        c2 = (p3[0] + k * r * math.sin(b), p3[1] - k * r * math.cos(b))
        out.append(("curveTo", ((_r(c1[0]), _r(c1[1])), (_r(c2[0]), _r(c2[1])), (_r(p3[0]), _r(p3[1])))))
        a = b
    return out


def circle_commands(cx: float, cy: float, r: float, *, clockwise: bool = True) -> list[PenCommand]:
    """A closed circle; the opposite direction punches a hole under the nonzero rule."""
    sweep = 2 * math.pi if clockwise else -2 * math.pi
    return [*arc_commands(cx, cy, r, 0.0, sweep, move=True), ("closePath", ())]


def ring_commands(cx: float, cy: float, outer: float, inner: float) -> list[PenCommand]:
    """An annulus drawn with opposite windings, so it fills the same under nonzero and evenodd."""
    return circle_commands(cx, cy, outer) + circle_commands(cx, cy, inner, clockwise=False)


def rect_commands(x: float, y: float, w: float, h: float) -> list[PenCommand]:
    return [
        ("moveTo", ((_r(x), _r(y)),)),
        ("lineTo", ((_r(x + w), _r(y)),)),
        ("lineTo", ((_r(x + w), _r(y + h)),)),
        ("lineTo", ((_r(x), _r(y + h)),)),
        ("closePath", ()),
    ]


def rounded_rect_commands(x: float, y: float, w: float, h: float, r: float) -> list[PenCommand]:
    """Rectangle with quarter-circle corners, clockwise."""
    r = max(0.0, min(r, w / 2, h / 2))
    if r == 0:
        return rect_commands(x, y, w, h)
    hp = math.pi / 2
    out: list[PenCommand] = []
    out += arc_commands(x + w - r, y + r, r, -hp, 0, move=True)
    out += arc_commands(x + w - r, y + h - r, r, 0, hp, move=False)
    out += arc_commands(x + r, y + h - r, r, hp, 2 * hp, move=False)
    out += arc_commands(x + r, y + r, r, 2 * hp, 3 * hp, move=False)
    out.append(("closePath", ()))
    return out
