"""SVG writer (svgwrite): outlined text only, accessible title/desc, symbols reused through <defs>/<use>.

Web scenes get pixel width/height; print scenes get millimetres with the bleed inside the viewBox.
"""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET  # noqa: N817 (ElementTree's usual name)
from functools import lru_cache
from typing import IO, Any

import svgwrite
from svgwrite.base import BaseElement

from ..domain.colors import Color
from ..drawing.pens import svg_path_data
from ..drawing.scene import Circle, Node, Path, Rect, Scene, Symbol, Use

GRIDS = (8, 4, 2, 1)
MAX_ERROR_PX = 0.1


@lru_cache(maxsize=8192)
def symbol_path_data(symbol: Symbol, grid: int = 1) -> str:
    """Path data of a symbol in units of `grid` symbol units, computed once per symbol and grid."""
    if grid == 1:
        return svg_path_data(symbol.commands)
    coarse = tuple((op, tuple((x / grid, y / grid) for x, y in pts)) for op, pts in symbol.commands)
    return svg_path_data(tuple((op, tuple((round(x), round(y)) for x, y in pts)) for op, pts in coarse))


def symbol_grid(scene: Scene) -> int:
    """Coarsest outline grid whose rounding stays under 0.1 px at the badge's natural size.

    Web badges are small: outlines need far less than the font's 1/1000 em, and coarser integers
    keep the seal under 5 KB gzipped. Print scenes (no pixel size) keep full precision.
    """
    if scene.px_size is None:
        return 1
    px_per_mm = scene.px_size[0] / scene.width
    largest = max((n.scale for n in scene.walk() if isinstance(n, Use)), default=0.0) * px_per_mm
    for grid in GRIDS:
        if grid / 2 * largest <= MAX_ERROR_PX:
            return grid
    return 1


def _symbol_id(symbol: Symbol, grid: int) -> str:
    """Same id, same outline: the grid is part of the id, so badges inlined together never mix outlines."""
    return symbol.id if grid == 1 else f"{symbol.id}-{grid}"


def _n(v: float) -> str:
    text = f"{v:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


class _Painter:
    """Writes colours as attributes (`fill="#hex"`), or as classes named after the theme colour
    (`class="f-ink"`) so a stylesheet can swap palettes (the `auto` light/dark badge)."""

    def __init__(self, classes: bool, grid: int = 1, inline: bool = False) -> None:
        self.classes = classes
        self.grid = grid
        self.inline = inline

    def fill(self, el: BaseElement, color: Color) -> None:
        if self.classes:
            el["class"] = f"f-{color.name}"
        else:
            el["fill"] = color.hex

    def paint(self, el: BaseElement, fill: Color | None, stroke: Color | None, width: float) -> None:
        if fill is not None:
            self.fill(el, fill)
        elif stroke is not None:
            el["fill"] = "none"
        if stroke is not None:
            if self.classes:
                el["class"] = (el.attribs.get("class", "") + f" s-{stroke.name}").strip()
            else:
                el["stroke"] = stroke.hex
            el["stroke-width"] = _n(width)


def _node(dwg: svgwrite.Drawing, node: Node, painter: _Painter) -> BaseElement:
    if isinstance(node, Use):
        if painter.inline:
            el = dwg.path(d=symbol_path_data(node.symbol, painter.grid))
        else:
            el = dwg.use(f"#{_symbol_id(node.symbol, painter.grid)}")
        s = f"{node.scale * painter.grid:.6g}"
        el["transform"] = f"translate({_n(node.x)} {_n(node.y)}) scale({s})"
        if node.fill is not None:
            painter.fill(el, node.fill)
        return el
    if isinstance(node, Rect):
        el = dwg.rect((_n(node.x), _n(node.y)), (_n(node.w), _n(node.h)))
        if node.rx:
            el["rx"] = _n(node.rx)
        painter.paint(el, node.fill, node.stroke, node.stroke_width)
        return el
    if isinstance(node, Circle):
        el = dwg.circle((_n(node.cx), _n(node.cy)), _n(node.r))
        painter.paint(el, node.fill, node.stroke, node.stroke_width)
        return el
    if isinstance(node, Path):
        el = dwg.path(d=svg_path_data(node.commands))
        if node.fill_rule != "nonzero":
            el["fill-rule"] = node.fill_rule
        painter.paint(el, node.fill, node.stroke, node.stroke_width)
        return el
    group = dwg.g()
    if node.id:
        group["id"] = node.id
    if node.fill is not None:
        painter.fill(group, node.fill)
    for run in _runs(node.children):
        if isinstance(run, list):
            group.add(_line(dwg, run, painter))
        else:
            group.add(_node(dwg, run, painter))
    return group


def _runs(children: tuple[Node, ...]) -> list[Node | list[Use]]:
    """Group consecutive `Use`s on one baseline at one scale (a line of glyphs) into lists."""
    out: list[Node | list[Use]] = []
    for child in children:
        last = out[-1] if out else None
        if (
            isinstance(child, Use)
            and isinstance(last, list)
            and last[0].scale == child.scale
            and last[0].y == child.y
            and last[0].fill == child.fill
        ):
            last.append(child)
        elif isinstance(child, Use):
            out.append([child])
        else:
            out.append(child)
    return out


class _Prebuilt(BaseElement):
    """An element already built as an ElementTree subtree: svgwrite serialises it as it is."""

    def __init__(self, xml: ET.Element) -> None:
        super().__init__(debug=False)
        self.xml = xml

    def get_xml(self) -> ET.Element:
        return self.xml


@lru_cache(maxsize=4096)
def _symbol_xml(symbol: Symbol, grid: int) -> ET.Element:
    """A symbol's <path> in <defs>, built once per symbol and grid."""
    path = _FACTORY.path(d=symbol_path_data(symbol, grid), id=_symbol_id(symbol, grid))
    if symbol.fill_rule != "nonzero":
        path["fill-rule"] = symbol.fill_rule
    xml: ET.Element = path.get_xml()
    return xml


def _line(dwg: svgwrite.Drawing, uses: list[Use], painter: _Painter) -> BaseElement:
    """A line of glyphs as one positioned <g> (or one <path> when inline), built once.

    The same line appears in a laureate's light, dark and auto badges: its subtree is made the first
    time and shared (an ElementTree element may sit in several documents).
    """
    if len(uses) == 1:
        return _node(dwg, uses[0], painter)
    return _Prebuilt(_line_xml(tuple(uses), painter.classes, painter.grid, painter.inline))


# Makes the elements of shared subtrees (they belong to no document until serialised in one).
_FACTORY = svgwrite.Drawing(debug=False, profile="full")


@lru_cache(maxsize=256)
def _line_xml(uses: tuple[Use, ...], classes: bool, grid: int, inline: bool) -> ET.Element:
    """Small integer x values instead of a transform per glyph: about a third lighter once gzipped."""
    dwg = _FACTORY
    painter = _Painter(classes, grid, inline)
    first = uses[0]
    if painter.inline:
        # One path per line: each glyph's relative outline starts after an absolute move to its
        # origin, so cached glyph data is only concatenated (rasterisers parse one element, not dozens).
        parts = []
        for use in uses:
            dx = round((use.x - first.x) / use.scale / grid, 1)
            parts.append(f"M{_n(dx)} 0{symbol_path_data(use.symbol, grid)}")
        line = dwg.path(d="".join(parts))
    else:
        line = dwg.g()
    line["transform"] = f"translate({_n(first.x)} {_n(first.y)}) scale({first.scale * grid:.6g})"
    if first.fill is not None:
        painter.fill(line, first.fill)
    if not painter.inline:
        for use in uses:
            el = dwg.use(f"#{_symbol_id(use.symbol, grid)}")
            dx = round((use.x - first.x) / use.scale / grid, 1)
            if dx:
                el["x"] = _n(dx)
            line.add(el)
    xml: ET.Element = line.get_xml()
    return xml


def to_svg(
    scene: Scene,
    *,
    width: str | None = None,
    height: str | None = None,
    css: str | None = None,
    color_classes: bool = False,
    inline: bool = False,
    grid: int | None = None,
) -> str:
    """The SVG document as text (no XML declaration, so it can be inlined in HTML).

    `color_classes` writes colours as `f-<name>`/`s-<name>` classes and `css` adds a <style>
    (used for the badge that follows the reader's light/dark preference, with no script).
    `inline` writes outlines in place instead of <defs>/<use> (for rasterisers: same pixels, much
    faster to parse); `grid` overrides the outline precision (1 = full font precision).
    """
    grid = symbol_grid(scene) if grid is None else grid
    painter = _Painter(color_classes, grid, inline)
    b = scene.bleed
    if scene.px_size is not None:
        w, h = str(scene.px_size[0]), str(scene.px_size[1])
    else:
        w, h = f"{_n(scene.width + 2 * b)}mm", f"{_n(scene.height + 2 * b)}mm"
    dwg = svgwrite.Drawing(size=(width or w, height or h), debug=False, profile="full")
    dwg["viewBox"] = " ".join(_n(v) for v in (-b, -b, scene.width + 2 * b, scene.height + 2 * b))
    dwg["role"] = "img"
    # ids derived from the content: two different badges inlined in one page never share an id.
    tag = hashlib.sha256(f"{scene.title}\n{scene.desc}".encode()).hexdigest()[:8]
    title_id, desc_id = f"tnl-title-{tag}", f"tnl-desc-{tag}"
    dwg["aria-labelledby"] = f"{title_id} {desc_id}"
    dwg["lang"] = "fr"
    dwg.set_desc(scene.title, scene.desc)
    dwg.elements[0].xml.set("id", title_id)
    dwg.elements[1].xml.set("id", desc_id)
    if css:
        dwg.defs.add(dwg.style(css))
    for symbol in () if inline else scene.symbols():
        dwg.defs.add(_Prebuilt(_symbol_xml(symbol, grid)))
    for child in scene.root.children:
        dwg.add(_node(dwg, child, painter))
    xml: str = ET.tostring(dwg.get_xml(), encoding="unicode")
    return xml


def write(
    scene: Scene,
    out: IO[bytes],
    *,
    size: int | None = None,
    css: str | None = None,
    color_classes: bool = False,
    **_: Any,
) -> None:
    """Write the SVG with an XML declaration; `size` sets its displayed pixel size (longest side)."""
    width = height = None
    if size is not None:
        from .png import pixel_size

        w, h = pixel_size(scene, size)
        width, height = str(w), str(h)
    out.write(b'<?xml version="1.0" encoding="UTF-8"?>\n')
    svg = to_svg(scene, width=width, height=height, css=css, color_classes=color_classes)
    out.write(svg.encode("utf-8"))
    out.write(b"\n")
