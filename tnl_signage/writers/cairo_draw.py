"""The cairo backend of the paint walk: the pixels of every PNG (badges, proofs, baked Open Badges).

Cairo is the engine cairosvg draws with; feeding it the scene directly skips writing the SVG as text
and parsing it back, which was four fifths of a PNG's time. The geometry is the SVG's, at full
outline precision: tests compare these pixels with cairosvg and librsvg rendering the published SVG.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from itertools import groupby

import cairocffi as cairo
from cairocffi import cairo as capi
from cairocffi import ffi
from fontTools.pens.cairoPen import CairoPen

from ..domain.colors import Color
from ..drawing.pens import axis_rectangles, replay
from ..drawing.scene import Circle, Embed, Group, Node, Rect, Scene, Symbol, Use
from .paint import Run, Shape, even_odd, outline, paint

# SVG's defaults where cairo's differ (cairo's miter limit is 10).
SVG_MITER_LIMIT = 4.0


_LOCAL = threading.local()


def _scratch() -> cairo.Context:
    """A context to build paths in (identity matrix, so user units are kept), one per thread."""
    ctx: cairo.Context | None = getattr(_LOCAL, "ctx", None)
    if ctx is None:
        ctx = _LOCAL.ctx = cairo.Context(cairo.ImageSurface(cairo.FORMAT_A8, 1, 1))
    return ctx


def _symbol_path(symbol: Symbol) -> object:
    """The symbol's outline as a native cairo path in its own units, built once per symbol.

    Appending a native path is one C call, where tracing a glyph again costs one call per point. Glyphs
    recur in every kit and are kept; a QR code is its laureate's alone, so only the last few are (a batch
    would otherwise keep a thousand of them).
    """
    return _qr_path(symbol) if symbol.id.startswith("qr-") else _glyph_path(symbol)


@lru_cache(maxsize=8192)
def _glyph_path(symbol: Symbol) -> object:
    return _native_path(symbol)


@lru_cache(maxsize=4)
def _qr_path(symbol: Symbol) -> object:
    return _native_path(symbol)


def _native_path(symbol: Symbol) -> object:
    """`_pointer` is the cairo_t* cairocffi exposes for interoperation with other cffi bindings."""
    scratch = _scratch()
    scratch.new_path()
    rects = axis_rectangles(symbol.commands)
    if rects is not None:  # a QR code's runs: cairo's own rectangles, the same points
        for x, y, w, h in rects:
            capi.cairo_rectangle(scratch._pointer, x, y, w, h)
    else:
        replay(symbol.commands, CairoPen(None, scratch))
    path = ffi.gc(capi.cairo_copy_path(scratch._pointer), capi.cairo_path_destroy)
    scratch.new_path()
    return path


class CairoBackend:
    """Draws the walk on `ctx`, whose user space is the scene's millimetres (y down)."""

    def __init__(self, ctx: cairo.Context) -> None:
        self.ctx = ctx
        ctx.set_miter_limit(SVG_MITER_LIMIT)

    def _paint(self, fill: Color | None, stroke: Color | None, width: float, even_odd: bool,
               dash: tuple[float, ...] = ()) -> None:
        ctx = self.ctx
        if fill is not None:
            ctx.set_source_rgb(*(v / 255.0 for v in fill.rgb))
            ctx.set_fill_rule(cairo.FILL_RULE_EVEN_ODD if even_odd else cairo.FILL_RULE_WINDING)
            if stroke is None:
                ctx.fill()
                return
            ctx.fill_preserve()
        if stroke is not None:
            ctx.set_source_rgb(*(v / 255.0 for v in stroke.rgb))
            ctx.set_line_width(width)
            if dash:
                ctx.set_dash(list(dash))
                ctx.stroke()
                ctx.set_dash([])
            else:
                ctx.stroke()
        ctx.new_path()

    def begin_group(self, group: Group, fill: Color | None) -> None:
        pass

    def end_group(self, group: Group, fill: Color | None) -> None:
        pass

    def place(self, run: Run) -> None:
        """A run of glyphs of one colour is one path, filled at once (one fill per line of text rather
        than per letter: same pixels, a fraction of the compositing); even-odd symbols alone."""
        for (colour, batchable), same in groupby(run, key=lambda p: (p.fill, _batchable(p.use))):
            if colour is None:
                continue
            uses = tuple(p.use for p in same)
            for batch in ((uses,) if batchable else ((use,) for use in uses)):
                capi.cairo_append_path(self.ctx._pointer, _run_path(batch))
                self._paint(colour, None, 0.0, not batchable)

    def shape(self, node: Shape) -> None:
        ctx = self.ctx
        if isinstance(node, Rect) and not node.rx:
            ctx.rectangle(node.x, node.y, node.w, node.h)
        elif isinstance(node, Circle):
            ctx.new_sub_path()
            ctx.arc(node.cx, node.cy, node.r, 0.0, 6.283185307179586)
            ctx.close_path()
        else:  # rounded corners: the same quarter-circle curves as the PDF's
            replay(outline(node), CairoPen(None, ctx))
        self._paint(node.fill, node.stroke, node.stroke_width, even_odd(node),
                    node.dash if isinstance(node, Rect) else ())

    def embed(self, node: Embed) -> None:
        """cairo cannot place a PDF page: left out (the layout frames or captions it)."""


def _batchable(use: Use) -> bool:
    """Glyphs under the nonzero rule can share a path (overlapping even-odd shapes would cancel)."""
    return use.symbol.fill_rule == "nonzero"


@lru_cache(maxsize=128)
def _run_path(uses: tuple[Use, ...]) -> object:
    """A line of placed symbols as one native path in scene units, built once.

    The same line is drawn several times per kit (light and dark, 1x and 2x): the path in scene units
    does not change, only the matrix it is appended under.
    """
    symbols = [_symbol_path(use.symbol) for use in uses]  # first: making one resets the scratch path
    scratch = _scratch()
    scratch.new_path()
    pointer = scratch._pointer  # cairo's own calls: a glyph costs five C calls, not five checked wrappers
    for use, symbol in zip(uses, symbols, strict=True):
        capi.cairo_save(pointer)
        capi.cairo_translate(pointer, use.x, use.y)
        capi.cairo_scale(pointer, use.scale, use.scale)
        capi.cairo_append_path(pointer, symbol)
        capi.cairo_restore(pointer)
    scratch._check_status()
    path = ffi.gc(capi.cairo_copy_path(pointer), capi.cairo_path_destroy)
    scratch.new_path()
    return path


def scene_context(surface: cairo.ImageSurface, scene: Scene) -> cairo.Context:
    """A context whose user space is the scene's mm, mapped as SVG maps its viewBox onto the pixels
    (preserveAspectRatio="xMidYMid meet": one scale, centred)."""
    ctx = cairo.Context(surface)
    width, height = surface.get_width(), surface.get_height()
    total_w, total_h = scene.width + 2 * scene.bleed, scene.height + 2 * scene.bleed
    scale = min(width / total_w, height / total_h)
    ctx.translate((width - total_w * scale) / 2, (height - total_h * scale) / 2)
    ctx.scale(scale, scale)
    ctx.translate(scene.bleed, scene.bleed)
    return ctx


def _background_covers(scene: Scene) -> bool:
    """True when the first thing drawn is an opaque rectangle over the whole scene and its bleed (a sign's
    background): painting white first would be wasted on every pixel."""
    first: Node = scene.root
    while isinstance(first, Group) and first.children:
        first = first.children[0]
    if not isinstance(first, Rect) or first.fill is None or first.rx:
        return False
    b = scene.bleed
    return (first.x <= -b and first.y <= -b and first.x + first.w >= scene.width + b
            and first.y + first.h >= scene.height + b)


def draw_scene(scene: Scene, width: int, height: int, *, opaque: bool = False) -> cairo.ImageSurface:
    """The scene (with its bleed) on a `width` x `height` pixel surface: premultiplied ARGB, or
    white-backed RGB when `opaque` (proofs of signs: a panel has no transparency)."""
    surface = cairo.ImageSurface(cairo.FORMAT_RGB24 if opaque else cairo.FORMAT_ARGB32, width, height)
    if opaque and not _background_covers(scene):
        white = cairo.Context(surface)
        white.set_source_rgb(1, 1, 1)
        white.paint()
    paint(scene, CairoBackend(scene_context(surface, scene)))
    surface.flush()
    return surface


def clear_caches() -> None:
    """Forget the native paths made so far: a test can check that a first drawing equals a later one."""
    for cache in (_glyph_path, _qr_path, _run_path):
        cache.cache_clear()
