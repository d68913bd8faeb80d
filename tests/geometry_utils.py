"""Test helper: the real ink bounds of placed outlines, computed from the scene itself."""

from __future__ import annotations

from fontTools.pens.boundsPen import BoundsPen

from tnl_signage.pens import transform_commands
from tnl_signage.scene import Group, Node, Use, walk


def ink_bounds(node: Node) -> tuple[float, float, float, float] | None:
    """(x0, y0, x1, y1) in mm of every `Use` outline under `node` (control points included)."""
    pen = BoundsPen(None)
    for item in walk(node):
        if not isinstance(item, Use):
            continue
        for op, pts in transform_commands(item.symbol.commands, item.x, item.y, item.scale):
            if op == "moveTo":
                pen.moveTo(pts[0])
            elif op == "lineTo":
                pen.lineTo(pts[0])
            elif op == "curveTo":
                pen.curveTo(*pts)
            elif op == "qCurveTo":
                pen.qCurveTo(*pts)
            elif op == "closePath":
                pen.closePath()
    return pen.bounds  # type: ignore[no-any-return]


def text_groups(node: Node) -> list[Group]:
    return [n for n in walk(node) if isinstance(n, Group) and n.spans]
