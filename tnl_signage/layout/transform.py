"""Scene nodes moved, scaled, mirrored, stretched or recoloured by rewriting them (the scene has no transform
node).

Used to place a whole badge inside another page (the usage guide) and to print a window sticker in
mirror. Symbols stay shared: a mirrored symbol is made once per symbol and kept.
"""

from __future__ import annotations

import dataclasses
from functools import lru_cache

from ..domain.colors import Color
from ..drawing.scene import Circle, Embed, Group, Node, Path, PenCommand, Rect, Symbol, TextSpan, Use


def _points(commands: tuple[PenCommand, ...], fx: float, fy: float, sx: float, sy: float) -> tuple[PenCommand, ...]:
    return tuple((op, tuple((fx + sx * x, fy + sy * y) for x, y in pts)) for op, pts in commands)


def scale_node(node: Node, dx: float, dy: float, s: float) -> Node:
    """`node` mapped by p -> (dx + s * x, dy + s * y), line widths and text spans included."""
    if isinstance(node, Group):
        spans = tuple(TextSpan(t.text, t.font_path, t.size * s, dx + s * t.x, dy + s * t.baseline, t.width * s)
                      for t in node.spans)
        return dataclasses.replace(node, children=tuple(scale_node(c, dx, dy, s) for c in node.children),
                                   spans=spans)
    if isinstance(node, Use):
        return dataclasses.replace(node, x=dx + s * node.x, y=dy + s * node.y, scale=node.scale * s)
    if isinstance(node, Rect):
        return dataclasses.replace(node, x=dx + s * node.x, y=dy + s * node.y, w=node.w * s, h=node.h * s,
                                   stroke_width=node.stroke_width * s, rx=node.rx * s)
    if isinstance(node, Circle):
        return dataclasses.replace(node, cx=dx + s * node.cx, cy=dy + s * node.cy, r=node.r * s,
                                   stroke_width=node.stroke_width * s)
    if isinstance(node, Embed):
        return dataclasses.replace(node, x=dx + s * node.x, y=dy + s * node.y, w=node.w * s, h=node.h * s)
    return dataclasses.replace(node, commands=_points(node.commands, dx, dy, s, s),
                               stroke_width=node.stroke_width * s)


@lru_cache(maxsize=256)
def mirrored_symbol(symbol: Symbol) -> Symbol:
    """The outline flipped left-right about its own origin (kept, so writers still share it)."""
    return Symbol(f"{symbol.id}-miroir", _points(symbol.commands, 0, 0, -1, 1), symbol.fill_rule)


def mirror(node: Node, width: float) -> Node:
    """`node` flipped left-right across x = width / 2. Text spans are dropped: mirrored words are not text."""
    if isinstance(node, Group):
        return dataclasses.replace(node, children=tuple(mirror(c, width) for c in node.children), spans=())
    if isinstance(node, Use):
        return dataclasses.replace(node, symbol=mirrored_symbol(node.symbol), x=width - node.x)
    if isinstance(node, Rect):
        return dataclasses.replace(node, x=width - node.x - node.w)
    if isinstance(node, Circle):
        return dataclasses.replace(node, cx=width - node.cx)
    if isinstance(node, Embed):  # the box moves; a placed page is never drawn mirrored
        return dataclasses.replace(node, x=width - node.x - node.w)
    return dataclasses.replace(node, commands=_points(node.commands, width, 0, -1, 1))


def greeked(node: Node, min_em: float) -> Node:
    """`node` with every line of text smaller than `min_em` mm per em drawn as a thin bar (« greeking »).

    For thumbnails: at a few pixels per millimetre such a line is a grey smudge anyway, and one bar costs
    a rectangle where the line cost one outline per glyph.
    """
    if not isinstance(node, Group):
        return node
    if node.spans and all(span.size < min_em for span in node.spans) and node.fill is not None:
        bars = tuple(Rect(span.x, span.baseline - span.size * 0.4, span.width, span.size * 0.22, fill=node.fill)
                     for span in node.spans)
        return Group(bars, id=node.id, role=node.role)
    return dataclasses.replace(node, children=tuple(greeked(c, min_em) for c in node.children))


def stretched(node: Node, dx: float, dy: float, sx: float, sy: float, inherited: Color | None = None) -> Node:
    """`node` mapped by p -> (dx + sx * x, dy + sy * y): a deformation, to show what must not be done.

    Outlines become free paths (a symbol cannot be placed with two scales); text spans are dropped.
    """
    if isinstance(node, Group):
        fill = node.fill or inherited
        return dataclasses.replace(node, fill=fill, spans=(),
                                   children=tuple(stretched(c, dx, dy, sx, sy, fill) for c in node.children))
    if isinstance(node, Use):
        commands = tuple((op, tuple((dx + sx * (node.x + node.scale * u), dy + sy * (node.y + node.scale * v))
                                    for u, v in pts)) for op, pts in node.symbol.commands)
        return Path(commands, fill=node.fill or inherited, fill_rule=node.symbol.fill_rule)
    if isinstance(node, Rect):
        return dataclasses.replace(node, x=dx + sx * node.x, y=dy + sy * node.y, w=node.w * sx, h=node.h * sy,
                                   stroke_width=node.stroke_width * min(sx, sy), rx=node.rx * min(sx, sy))
    if isinstance(node, Circle):
        return dataclasses.replace(node, cx=dx + sx * node.cx, cy=dy + sy * node.cy, r=node.r * min(sx, sy),
                                   stroke_width=node.stroke_width * min(sx, sy))
    if isinstance(node, Embed):
        return dataclasses.replace(node, x=dx + sx * node.x, y=dy + sy * node.y, w=node.w * sx, h=node.h * sy)
    return dataclasses.replace(node, commands=_points(node.commands, dx, dy, sx, sy),
                               stroke_width=node.stroke_width * min(sx, sy))


def recoloured(node: Node, colours: dict[str, Color]) -> Node:
    """`node` with each colour named in `colours` replaced (by its `Color.name`)."""
    def swap(color: Color | None) -> Color | None:
        return colours.get(color.name, color) if color is not None else None

    if isinstance(node, Group):
        return dataclasses.replace(node, fill=swap(node.fill),
                                   children=tuple(recoloured(c, colours) for c in node.children))
    if isinstance(node, Use):
        return dataclasses.replace(node, fill=swap(node.fill))
    if isinstance(node, Embed):  # a placed page keeps its own colours
        return node
    return dataclasses.replace(node, fill=swap(node.fill), stroke=swap(node.stroke))
