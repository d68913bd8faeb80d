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
def star_symbol() -> Symbol:
    """A five-pointed star (outer radius 500): the « Label » rank, counted, large enough to count at 20 m."""
    cmds: list[PenCommand] = []
    for i in range(10):
        r = RING_OUTER if i % 2 == 0 else RING_OUTER * 0.47
        a = math.pi * i / 5 - math.pi / 2
        cmds.append(("moveTo" if i == 0 else "lineTo", ((round(r * math.cos(a), 3), round(r * math.sin(a), 3)),)))
    cmds.append(("closePath", ()))
    return Symbol("star", tuple(cmds))


# Medal geometry, in medal diameters: stars under the medal, one per rank of the « Label » (Bronze 1, Argent 2,
# Or 3), each STAR of a diameter, STAR_GAP apart and STAR_DROP below the medal: clear gaps, nothing touches.
STAR = 0.36
STAR_GAP = 0.1
STAR_DROP = 0.1
MAX_STARS = 3
MEDAL_SPAN = (MAX_STARS * STAR + (MAX_STARS - 1) * STAR_GAP, 1 + STAR_DROP + STAR)  # width, height


def stars(distinction: Distinction) -> int:
    """How many stars a medal carries: none for the Badge, rank - 1 for the Labels."""
    return 0 if distinction.metal in (None, "badge") else max(0, min(MAX_STARS, distinction.rank - 1))


def medal_nodes(distinction: Distinction, theme: Theme, cx: float, cy: float, diameter: float) -> list[Node]:
    """One medal centred on (cx, cy): metal disc (plain for Badge, serrated for Label) with the copyleft mark.

    The rank of a Label is said by count (1, 2 or 3 stars under the medal, see `medal_stars`), by shape
    (plain disc / serrated edge) and by words; the metals also differ in lightness, so colour is never alone.
    """
    metal = theme.color(f"metal_{distinction.metal or 'badge'}")
    s = diameter / UNITS
    edge = disc_symbol() if stars(distinction) == 0 else rosette_symbol()
    return [Use(edge, cx, cy, s, fill=metal), Use(medal_copyleft_symbol(), cx, cy, s, fill=theme.color("on_metal"))]


def medal_stars(distinction: Distinction, theme: Theme, cx: float, top: float, diameter: float) -> list[Node]:
    """The Label's stars in a row centred on cx, their tops at `top` (mm)."""
    n = stars(distinction)
    d = diameter * STAR
    pitch = d + diameter * STAR_GAP
    metal = theme.color(f"metal_{distinction.metal or 'badge'}")
    # A star's ink is not centred on its circle: its lowest points sit at 0.81 r under the centre.
    cy = top + d / 2 + d * (1 - 0.809) / 4
    return [Use(star_symbol(), cx + (i - (n - 1) / 2) * pitch, cy, d / UNITS, fill=metal) for i in range(n)]


def medal_size(width: float, height: float) -> float:
    """The medal diameter that lets the tallest and widest composition (medal + 3 stars) fit the box."""
    return min(width / MEDAL_SPAN[0], height / MEDAL_SPAN[1])


MAX_MARKS = 5  # the 2016-2024 scale's top level: every level is drawn at the size five marks would take
ROW_PITCH = 1.18


def _cluster_positions(n: int) -> list[tuple[float, float]]:
    """Centres (in diameters) of n marks packed in rows: 1, 2, 2+1, 2+2, 3+2."""
    rows = {1: [1], 2: [2], 3: [2, 1], 4: [2, 2], 5: [3, 2]}.get(n, [n])
    gap = 1.12
    out = []
    for r, count in enumerate(rows):
        for i in range(count):
            out.append(((i - (count - 1) / 2) * gap, (r - (len(rows) - 1) / 2) * gap * 0.95))
    return out


def _positions(n: int, arrangement: str) -> tuple[list[tuple[float, float]], float, float]:
    """Centres of n marks (in diameters) and the span (width, height) of that arrangement."""
    if arrangement == "cluster":
        pos = _cluster_positions(n)
        span_x = max(p[0] for p in pos) - min(p[0] for p in pos) + 1
        span_y = max(p[1] for p in pos) - min(p[1] for p in pos) + 1
        return pos, span_x, span_y
    return [((i - (n - 1) / 2) * ROW_PITCH, 0.0) for i in range(n)], (n - 1) * ROW_PITCH + 1, 1.0


def marks_arrangement(width: float, height: float) -> str:
    """« row » or « cluster », whichever draws five marks larger in the box (the same for every level)."""
    _, rx, ry = _positions(MAX_MARKS, "row")
    _, cx, cy = _positions(MAX_MARKS, "cluster")
    return "row" if min(width / rx, height / ry) >= min(width / cx, height / cy) else "cluster"


def mark_size(width: float, height: float, arrangement: str | None = None) -> float:
    """Diameter of one copyleft mark in the box: the size five would take (one size per format)."""
    _, sx, sy = _positions(MAX_MARKS, arrangement or marks_arrangement(width, height))
    return min(width / sx, height / sy)


def marks_group(
    distinction: Distinction,
    theme: Theme,
    x: float,
    y: float,
    width: float,
    height: float,
    *,
    arrangement: str | None = None,
    max_diameter: float | None = None,
) -> Group:
    """The distinction's marks, centred in the box, at one size per box whatever the level.

    2016-2024 scale: n copyleft marks (accent colour), each as large as one of five would be.
    2025 scale: one medal, with the Label's stars under it, sized so that three stars would fit.
    `arrangement` = "row" (one line), "cluster" (compact rows) or None (whichever suits five marks best).
    """
    cx, cy = x + width / 2, y + height / 2
    if distinction.drawing == "medal":
        d = medal_size(width, height)
        if max_diameter is not None:
            d = min(d, max_diameter)
        n = stars(distinction)
        h = d * (1 + STAR_DROP + STAR) if n else d
        top = cy - h / 2
        nodes = medal_nodes(distinction, theme, cx, top + d / 2, d)
        nodes += medal_stars(distinction, theme, cx, top + d * (1 + STAR_DROP), d)
        return Group(tuple(nodes), id=None)
    n = max(1, distinction.marks)
    chosen = arrangement or marks_arrangement(width, height)
    pos, _, _ = _positions(n, chosen)
    d = mark_size(width, height, chosen)
    if max_diameter is not None:
        d = min(d, max_diameter)
    sym = copyleft_symbol()
    s = d / UNITS
    uses = tuple(Use(sym, cx + px * d, cy + py * d, s) for px, py in pos)
    return Group(uses, fill=theme.color("accent"))
