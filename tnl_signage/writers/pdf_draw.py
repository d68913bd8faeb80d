"""Replay a scene onto a reportlab canvas: the drawing shared by every PDF writer (print, certificate).

Coordinates: the scene is in mm with y down; the page is in points with y up, the trim box placed
`bleed` mm from the page's lower-left corner plus `offset` (room for crop marks).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from reportlab import rl_config
from reportlab.lib.colors import CMYKColor
from reportlab.lib.colors import Color as RLColor
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import FILL_EVEN_ODD, FILL_NON_ZERO, Canvas
from reportlab.pdfgen.pathobject import PDFPathObject

from ..domain.colors import Color
from ..drawing.geometry import circle_commands, rounded_rect_commands
from ..drawing.pens import transform_commands
from ..drawing.scene import Circle, Group, Node, Path, PenCommand, Rect, Scene, Use

ColorMap = Callable[[Color], RLColor]


@contextmanager
def binary_streams() -> Iterator[None]:
    """reportlab writes its deflated streams as bytes, not ASCII85 text (a fifth smaller, and faster).

    reportlab reads this from a module setting; it is restored after, so nothing else sees it changed
    (safe with processes, not with threads drawing at the same time).
    """
    saved = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = saved


def cmyk(color: Color) -> RLColor:
    """The theme's exact CMYK (no conversion)."""
    c, m, y, k = (v / 100.0 for v in color.cmyk)
    return CMYKColor(c, m, y, k)


def rgb(color: Color) -> RLColor:
    r, g, b = (v / 255.0 for v in color.rgb)
    return RLColor(r, g, b)


class ScenePainter:
    """Draws scene nodes; `color` maps a theme colour to the PDF's colour space."""

    def __init__(self, canvas: Canvas, scene: Scene, *, color: ColorMap, offset: float = 0.0) -> None:
        self.canvas = canvas
        self.scene = scene
        self.color = color
        self.dx = offset + scene.bleed
        self.top = offset + scene.bleed + scene.height

    def pt(self, x: float, y: float) -> tuple[float, float]:
        """Scene mm (y down) -> page points (y up)."""
        return (self.dx + x) * mm, (self.top - y) * mm

    def build_path(self, commands: list[PenCommand] | tuple[PenCommand, ...]) -> PDFPathObject:
        """The outline as a reportlab path, mapped through `pt` (its `getCode()` can be cached and reused)."""
        p = self.canvas.beginPath()
        current = (0.0, 0.0)
        for op, pts in commands:
            if op == "moveTo":
                current = pts[0]
                p.moveTo(*self.pt(*current))
            elif op == "lineTo":
                current = pts[0]
                p.lineTo(*self.pt(*current))
            elif op == "curveTo":
                p.curveTo(*self.pt(*pts[0]), *self.pt(*pts[1]), *self.pt(*pts[2]))
                current = pts[2]
            elif op == "qCurveTo":
                (qx, qy), end = pts[0], pts[1]
                c1 = (current[0] + 2 / 3 * (qx - current[0]), current[1] + 2 / 3 * (qy - current[1]))
                c2 = (end[0] + 2 / 3 * (qx - end[0]), end[1] + 2 / 3 * (qy - end[1]))
                p.curveTo(*self.pt(*c1), *self.pt(*c2), *self.pt(*end))
                current = end
            elif op == "closePath":
                p.close()
        return p

    def path(self, commands: list[PenCommand] | tuple[PenCommand, ...], fill: Color | None,
             stroke: Color | None = None, stroke_width: float = 0.0, even_odd: bool = False) -> None:
        if fill is None and stroke is None:
            return
        p = self.build_path(commands)
        c = self.canvas
        if fill is not None:
            c.setFillColor(self.color(fill))
        if stroke is not None:
            c.setStrokeColor(self.color(stroke))
            c.setLineWidth(stroke_width * mm)
        c.drawPath(p, fill=1 if fill is not None else 0, stroke=1 if stroke is not None else 0,
                   fillMode=FILL_EVEN_ODD if even_odd else FILL_NON_ZERO)

    def node(self, node: Node, inherited: Color | None = None) -> None:
        if isinstance(node, Use):
            cmds = transform_commands(node.symbol.commands, node.x, node.y, node.scale)
            self.path(cmds, node.fill or inherited, even_odd=node.symbol.fill_rule == "evenodd")
        elif isinstance(node, Rect):
            cmds = rounded_rect_commands(node.x, node.y, node.w, node.h, node.rx)
            self.path(cmds, node.fill, node.stroke, node.stroke_width)
        elif isinstance(node, Circle):
            self.path(circle_commands(node.cx, node.cy, node.r), node.fill, node.stroke, node.stroke_width)
        elif isinstance(node, Path):
            self.path(node.commands, node.fill, node.stroke, node.stroke_width, node.fill_rule == "evenodd")
        else:
            self.group(node, inherited)

    def group(self, group: Group, inherited: Color | None = None) -> None:
        fill = group.fill or inherited
        for child in group.children:
            self.node(child, fill)

    def draw(self) -> None:
        self.group(self.scene.root)
