"""SVG writer: outlined text only, accessible title/desc, symbols reused through <defs>/<use>.

A backend of the paint walk (`paint.py`) that assembles serialised fragments: a symbol's <path> in
<defs>, a line of glyphs, a single placement are each written once and cached as text, so a badge
drawn again (light, dark, auto) is mostly string joins (this replaced one svgwrite element per glyph, four
fifths of the time). The markup is what svgwrite + ElementTree wrote before (attributes sorted, `<x />`
for empty elements, the same escaping), byte for byte.
Web scenes get pixel width/height; print scenes get millimetres with the bleed inside the viewBox.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from itertools import groupby
from typing import IO, Any
from xml.sax.saxutils import escape

from fontTools.pens.roundingPen import RoundingPen
from fontTools.pens.transformPen import TransformPen

from ..domain.colors import Color
from ..drawing.pens import SvgPathPen, replay, svg_path_data
from ..drawing.scene import Circle, Embed, Group, Path, Rect, Scene, Symbol, Use
from .paint import Run, Shape, paint

GRIDS = (8, 4, 2, 1)
MAX_ERROR_PX = 0.1
NAMESPACES = {
    "xmlns": "http://www.w3.org/2000/svg",
    "xmlns:ev": "http://www.w3.org/2001/xml-events",
    "xmlns:xlink": "http://www.w3.org/1999/xlink",
}


@lru_cache(maxsize=8192)
def symbol_path_data(symbol: Symbol, grid: int = 1) -> str:
    """Path data of a symbol in units of `grid` symbol units, computed once per symbol and grid."""
    if grid == 1:
        return svg_path_data(symbol.commands)
    pen = SvgPathPen()  # units of `grid` (1/grid is exact in binary: 8, 4, 2), rounded to integers
    replay(symbol.commands, TransformPen(RoundingPen(pen, roundFunc=round), (1 / grid, 0, 0, 1 / grid, 0, 0)))
    return pen.d


def symbol_grid(scene: Scene, largest_scale: float) -> int:
    """Coarsest outline grid whose rounding stays under 0.1 px at the badge's natural size.

    Web badges are small: outlines need far less than the font's 1/1000 em, and coarser integers
    keep the seal under 5 KB gzipped. Print scenes (no pixel size) keep full precision.
    `largest_scale` is the largest symbol scale in the scene (gathered by the walk).
    """
    if scene.px_size is None:
        return 1
    px_per_mm = scene.px_size[0] / scene.width
    largest = largest_scale * px_per_mm
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


_NEEDS_ESCAPE = re.compile('[&<>"\n\r\t]')


_ATTRIBUTE_ENTITIES = {'"': "&quot;", "\r": "&#13;", "\n": "&#10;", "\t": "&#09;"}


def _attr(value: str) -> str:
    """An attribute value escaped as ElementTree escapes it (most values need nothing: checked first)."""
    return escape(value, _ATTRIBUTE_ENTITIES) if _NEEDS_ESCAPE.search(value) else value


def _text(value: str) -> str:
    """Text content (the title and description, which carry the laureate's name) escaped."""
    return escape(value)


def _el(tag: str, attrs: dict[str, str], inner: str = "") -> str:
    """One element, attributes in sorted order (empty values left out), `<tag ... />` when empty."""
    head = tag + "".join(f' {k}="{_attr(v)}"' for k, v in sorted(attrs.items()) if v)
    return f"<{head}>{inner}</{tag}>" if inner else f"<{head} />"


def _paint_attrs(attrs: dict[str, str], fill: Color | None, stroke: Color | None, width: float,
                 classes: bool) -> dict[str, str]:
    """Colours as attributes (`fill="#hex"`), or as classes named after the theme colour (`class="f-ink"`)
    so a stylesheet can swap palettes (the `auto` light/dark badge)."""
    if fill is not None:
        if classes:
            attrs["class"] = f"f-{fill.name}"
        else:
            attrs["fill"] = fill.hex
    elif stroke is not None:
        attrs["fill"] = "none"
    if stroke is not None:
        if classes:
            attrs["class"] = (attrs.get("class", "") + f" s-{stroke.name}").strip()
        else:
            attrs["stroke"] = stroke.hex
        attrs["stroke-width"] = _n(width)
    return attrs


@lru_cache(maxsize=4096)
def _symbol_def(symbol: Symbol, grid: int) -> str:
    """A symbol's <path> in <defs>, written once per symbol and grid."""
    attrs = {"d": symbol_path_data(symbol, grid), "id": _symbol_id(symbol, grid)}
    if symbol.fill_rule != "nonzero":
        attrs["fill-rule"] = symbol.fill_rule
    return _el("path", attrs)


@lru_cache(maxsize=1024)
def _single(use: Use, classes: bool, grid: int, inline: bool) -> str:
    """One placed symbol: a <use> of its definition, or its outline in place when `inline`."""
    attrs = {"transform": f"translate({_n(use.x)} {_n(use.y)}) scale({use.scale * grid:.6g})"}
    if inline:
        attrs["d"] = symbol_path_data(use.symbol, grid)
    else:
        attrs["xlink:href"] = f"#{_symbol_id(use.symbol, grid)}"
    return _el("path" if inline else "use", _paint_attrs(attrs, use.fill, None, 0.0, classes))


@lru_cache(maxsize=256)
def _line(uses: tuple[Use, ...], classes: bool, grid: int, inline: bool) -> str:
    """A line of glyphs as one positioned <g> (or one <path> when inline), written once.

    Small integer x values instead of a transform per glyph: about a third lighter once gzipped. The
    same line appears in a laureate's light, dark and auto badges: its text is made the first time.
    """
    if len(uses) == 1:
        return _single(uses[0], classes, grid, inline)
    first = uses[0]
    attrs = {"transform": f"translate({_n(first.x)} {_n(first.y)}) scale({first.scale * grid:.6g})"}
    _paint_attrs(attrs, first.fill, None, 0.0, classes)
    if inline:
        # One path per line: each glyph's relative outline starts after an absolute move to its
        # origin, so cached glyph data is only concatenated (rasterisers parse one element, not dozens).
        attrs["d"] = "".join(f"M{_n(round((u.x - first.x) / u.scale / grid, 1))} 0{symbol_path_data(u.symbol, grid)}"
                             for u in uses)
        return _el("path", attrs)
    inner = []
    for use in uses:
        dx = round((use.x - first.x) / use.scale / grid, 1)
        use_attrs = {"xlink:href": f"#{_symbol_id(use.symbol, grid)}"}
        if dx:
            use_attrs["x"] = _n(dx)
        inner.append(_el("use", use_attrs))
    return _el("g", attrs, "".join(inner))


@lru_cache(maxsize=1024)
def _shape(node: Shape, classes: bool) -> str:
    """A rectangle, circle or path, written once (frames and marks repeat across a kit's badges)."""
    if isinstance(node, Rect):
        attrs = {"x": _n(node.x), "y": _n(node.y), "width": _n(node.w), "height": _n(node.h)}
        if node.rx:
            attrs["rx"] = _n(node.rx)
        if node.dash:
            attrs["stroke-dasharray"] = " ".join(_n(v) for v in node.dash)
        tag = "rect"
    elif isinstance(node, Circle):
        attrs, tag = {"cx": _n(node.cx), "cy": _n(node.cy), "r": _n(node.r)}, "circle"
    else:
        assert isinstance(node, Path)
        attrs, tag = {"d": svg_path_data(node.commands)}, "path"
        if node.fill_rule != "nonzero":
            attrs["fill-rule"] = node.fill_rule
    return _el(tag, _paint_attrs(attrs, node.fill, node.stroke, node.stroke_width, classes))


Fragment = str | tuple[Use, ...]  # written text, or a line of glyphs written once the outline grid is known


class SvgBackend:
    """Collects the body's fragments in one walk; groups nest through a stack of open fragment lists.

    The walk also gathers what the document head needs (the symbols, in order of first use, and the
    largest symbol scale, which sets the outline grid), so lines of glyphs are written at the end.
    SVG inherits fill itself, so a group writes its own fill and a symbol only its own: the resolved
    fill of the walk is not needed here.
    """

    def __init__(self, classes: bool) -> None:
        self.classes = classes
        self.stack: list[list[Fragment]] = []
        self.body: list[Fragment] = []
        self.symbols: dict[str, Symbol] = {}
        self.largest_scale = 0.0

    def begin_group(self, group: Group, fill: Color | None) -> None:
        self.stack.append([])

    def end_group(self, group: Group, fill: Color | None) -> None:
        inner = self.stack.pop()
        if not self.stack:  # the root: its children go straight under <svg>
            self.body = inner
            return
        attrs: dict[str, str] = {}
        if group.id:
            attrs["id"] = group.id
        if group.fill is not None:
            _paint_attrs(attrs, group.fill, None, 0.0, self.classes)
        if not inner:
            self.stack[-1].append(_el("g", attrs))
            return
        head = _el("g", attrs, "\0")
        opening, closing = head.split("\0")
        self.stack[-1].extend((opening, *inner, closing))

    def place(self, run: Run) -> None:
        """Consecutive placements on one baseline at one scale in one colour make a line."""
        out = self.stack[-1]
        for placed in run:
            use = placed.use
            self.symbols.setdefault(use.symbol.id, use.symbol)
            if use.scale > self.largest_scale:
                self.largest_scale = use.scale
        for _, line in groupby(run, key=lambda p: (p.use.scale, p.use.y, p.use.fill)):
            out.append(tuple(p.use for p in line))

    def shape(self, node: Shape) -> None:
        self.stack[-1].append(_shape(node, self.classes))

    def embed(self, node: Embed) -> None:
        """SVG cannot place a PDF page: left out (the layout frames or captions it)."""

    def text(self, grid: int, inline: bool) -> str:
        classes = self.classes
        return "".join(f if isinstance(f, str) else _line(f, classes, grid, inline) for f in self.body)


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
    backend = SvgBackend(color_classes)
    paint(scene, backend)
    grid = symbol_grid(scene, backend.largest_scale) if grid is None else grid
    b = scene.bleed
    if scene.px_size is not None:
        w, h = str(scene.px_size[0]), str(scene.px_size[1])
    else:
        w, h = f"{_n(scene.width + 2 * b)}mm", f"{_n(scene.height + 2 * b)}mm"
    # ids derived from the content: two different badges inlined in one page never share an id.
    tag = hashlib.sha256(f"{scene.title}\n{scene.desc}".encode()).hexdigest()[:8]
    title_id, desc_id = f"tnl-title-{tag}", f"tnl-desc-{tag}"
    root = {
        **NAMESPACES, "aria-labelledby": f"{title_id} {desc_id}", "baseProfile": "full",
        "width": width or w, "height": height or h, "lang": "fr", "role": "img", "version": "1.1",
        "viewBox": " ".join(_n(v) for v in (-b, -b, scene.width + 2 * b, scene.height + 2 * b)),
    }
    defs = [f'<style type="text/css"><![CDATA[{css}]]></style>'] if css else []
    defs += [] if inline else [_symbol_def(symbol, grid) for symbol in backend.symbols.values()]
    inner = (_el("title", {"id": title_id}, _text(scene.title)) + _el("desc", {"id": desc_id}, _text(scene.desc))
             + _el("defs", {}, "".join(defs)) + backend.text(grid, inline))
    return _el("svg", root, inner)


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


def clear_caches() -> None:
    """Forget every written fragment (glyph outlines stay): a benchmark can time a line's first writing."""
    for cache in (_single, _line, _shape):
        cache.cache_clear()
