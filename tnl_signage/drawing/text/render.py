"""Turn fitted text into scene nodes: one `Use` of a cached glyph outline per glyph."""

from __future__ import annotations

from ...domain.colors import Color
from ..scene import Group, TextSpan, Use
from .fitting import FittedText


def text_group(
    fitted: FittedText,
    x: float,
    y: float,
    width: float,
    height: float,
    *,
    fill: Color,
    align: str = "center",
    valign: str = "middle",
) -> Group:
    """Place the ink block inside the box (x, y, width, height) mm, lines aligned left/center/right."""
    s = fitted.scale
    lh = fitted.line_height * fitted.size
    block_h = fitted.height
    if valign == "top":
        top = y
    elif valign == "bottom":
        top = y + height - block_h
    else:
        top = y + (height - block_h) / 2
    baseline = top + fitted.lines[0].ink_top * s
    uses: list[Use] = []
    spans: list[TextSpan] = []
    for i, line in enumerate(fitted.lines):
        ink_w = line.ink_width * s
        if align == "left":
            left = x
        elif align == "right":
            left = x + width - ink_w
        else:
            left = x + (width - ink_w) / 2
        origin_x = left - line.ink_left * s
        base = baseline + i * lh
        spans.append(TextSpan(line.text, str(fitted.face.path), fitted.size, origin_x, base, ink_w))
        for g in line.glyphs:
            if fitted.face.glyph_bounds(g.gid) is None:
                continue
            uses.append(Use(fitted.face.symbol(g.gid), origin_x + g.x * s, base - g.y * s, s))
    return Group(tuple(uses), fill=fill, spans=tuple(spans))
