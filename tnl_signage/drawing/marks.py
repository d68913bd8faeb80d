"""The copyleft mark and the 2025 medals, as geometry (never a font glyph).

Symbols are drawn in a 1000-unit box centred on (0, 0); `Use.scale` = diameter_mm / 1000.
"""

from __future__ import annotations

import math
from functools import lru_cache

from ..domain.scales import Distinction
from ..domain.theme import Theme
from .geometry import arc_commands, circle_commands, ring_commands
from .scene import Group, Node, PenCommand, Symbol, Use

UNITS = 1000.0
RING_OUTER, RING_INNER = 500.0, 418.0
C_OUTER, C_INNER = 285.0, 190.0
C_GAP = math.radians(52)  # half-opening of the C, centred on the left (copyleft = mirrored copyright)


def _copyleft_commands(scale: float = 1.0) -> list[PenCommand]:
    """Ring + a C opening to the left, as filled outlines (cut-friendly, same in every writer)."""
    cmds = ring_commands(0, 0, RING_OUTER * scale, RING_INNER * scale)
    a0, a1 = -math.pi + C_GAP, math.pi - C_GAP
    cmds += arc_commands(0, 0, C_OUTER * scale, a0, a1, move=True)
    cmds += arc_commands(0, 0, C_INNER * scale, a1, a0, move=False)
    cmds.append(("closePath", ()))
    return cmds


@lru_cache(maxsize=1)
def copyleft_symbol() -> Symbol:
    return Symbol("copyleft", tuple(_copyleft_commands()))


@lru_cache(maxsize=1)
def medal_copyleft_symbol() -> Symbol:
    """The copyleft mark reduced to sit inside a medal disc."""
    return Symbol("copyleft-in-medal", tuple(_copyleft_commands(0.62)))


@lru_cache(maxsize=1)
def disc_symbol() -> Symbol:
    return Symbol("disc", tuple(circle_commands(0, 0, RING_OUTER)))


@lru_cache(maxsize=1)
def rosette_symbol() -> Symbol:
    """A 24-point serrated seal edge: the « Label » medals, told from the plain « Badge » disc by shape."""
    points = 48
    cmds: list[PenCommand] = []
    for i in range(points):
        r = RING_OUTER if i % 2 == 0 else RING_OUTER * 0.9
        a = 2 * math.pi * i / points - math.pi / 2
        pt = (round(r * math.cos(a), 3), round(r * math.sin(a), 3))
        cmds.append(("moveTo" if i == 0 else "lineTo", (pt,)))
    cmds.append(("closePath", ()))
    return Symbol("rosette", tuple(cmds))


@lru_cache(maxsize=1)
def pip_symbol() -> Symbol:
    return Symbol("pip", tuple(circle_commands(0, 0, 50.0)))


def medal_nodes(distinction: Distinction, theme: Theme, cx: float, cy: float, diameter: float) -> list[Node]:
    """One medal: metal disc (plain for Badge, serrated for Label), copyleft mark, and rank pips.

    Pips (1 Bronze, 2 Argent, 3 Or) say the rank by count, so colour never carries it alone.
    """
    metal = theme.color(f"metal_{distinction.metal or 'badge'}")
    on_metal = theme.color("on_metal")
    s = diameter / UNITS
    is_label = distinction.metal not in (None, "badge")
    edge = rosette_symbol() if is_label else disc_symbol()
    nodes: list[Node] = [Use(edge, cx, cy, s, fill=metal)]
    mark_cy = cy - (60 * s if is_label else 0)
    nodes.append(Use(medal_copyleft_symbol(), cx, mark_cy, s, fill=on_metal))
    pips = max(0, distinction.rank - 1) if is_label else 0
    for i in range(pips):
        px = cx + (i - (pips - 1) / 2) * 130 * s
        nodes.append(Use(pip_symbol(), px, cy + 300 * s, s, fill=on_metal))
    return nodes


def _cluster_positions(n: int) -> list[tuple[float, float]]:
    """Centres (in diameters) of n marks packed in rows: 1, 2, 2+1, 2+2, 3+2."""
    rows = {1: [1], 2: [2], 3: [2, 1], 4: [2, 2], 5: [3, 2]}.get(n, [n])
    gap = 1.12
    out = []
    for r, count in enumerate(rows):
        for i in range(count):
            out.append(((i - (count - 1) / 2) * gap, (r - (len(rows) - 1) / 2) * gap * 0.95))
    return out


def marks_group(
    distinction: Distinction,
    theme: Theme,
    x: float,
    y: float,
    width: float,
    height: float,
    *,
    arrangement: str = "row",
    max_diameter: float | None = None,
) -> Group:
    """The distinction's marks, as large as fit in the box and centred in it.

    2016-2024 scale: n copyleft marks (accent colour). 2025 scale: one medal.
    `arrangement` = "row" (one line) or "cluster" (compact rows, for square boxes).
    """
    cx, cy = x + width / 2, y + height / 2
    if distinction.drawing == "medal":
        d = min(width, height) if max_diameter is None else min(width, height, max_diameter)
        return Group(tuple(medal_nodes(distinction, theme, cx, cy, d)), id=None)
    n = max(1, distinction.marks)
    if arrangement == "cluster":
        pos = _cluster_positions(n)
        span_x = max(p[0] for p in pos) - min(p[0] for p in pos) + 1
        span_y = max(p[1] for p in pos) - min(p[1] for p in pos) + 1
    else:
        pos = [((i - (n - 1) / 2) * 1.18, 0.0) for i in range(n)]
        span_x, span_y = (n - 1) * 1.18 + 1, 1.0
    d = min(width / span_x, height / span_y)
    if max_diameter is not None:
        d = min(d, max_diameter)
    sym = copyleft_symbol()
    s = d / UNITS
    uses = tuple(Use(sym, cx + px * d, cy + py * d, s) for px, py in pos)
    return Group(uses, fill=theme.color("accent"))
