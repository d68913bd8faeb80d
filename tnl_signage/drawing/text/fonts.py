"""Font faces: HarfBuzz for shaping, fontTools for outlines; each glyph outline computed once and cached.

Two things a sign needs that the main typeface does not give:
- a plain zero: Atkinson Hyperlegible slashes its zero (« 2Ø25 » on a 90 mm year); when a font's zero is
  an oval cut by a slash (three contours), its outline is redrawn as the oval with one counter, the
  counter being the outer oval mapped onto the slashed counters' extent;
- a fallback font (DejaVu Sans, same weight) for characters the main font lacks (U+2011 non-breaking
  hyphen, U+202F narrow no-break space, ʻ U+02BB in « Faʻaʻā »). Its glyphs get ids from FALLBACK_BASE on,
  scaled to the main font's units, so the rest of the text engine and every writer see one font.
A character no font has is left out (never an empty box); `missing()` lists them for `check`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Container
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, cast

import uharfbuzz as hb
from fontTools.pens.boundsPen import BoundsPen
from fontTools.pens.recordingPen import DecomposingRecordingPen, RecordingPen
from fontTools.pens.reverseContourPen import ReverseContourPen
from fontTools.pens.transformPen import TransformPen
from fontTools.ttLib import TTFont

from ...resources import resource_dir
from ..pens import OutlinePen
from ..scene import Symbol

FALLBACK_BASE = 1 << 16  # glyph ids at or above this come from the fallback font
FALLBACK_FONTS = {False: "DejaVuSans.ttf", True: "DejaVuSans-Bold.ttf"}  # by « is bold »

# Ligatures off: names are read letter by letter on signs; kerning on.
SHAPING_FEATURES = {"kern": True, "liga": False, "clig": False, "dlig": False}


@dataclass(frozen=True)
class ShapedGlyph:
    """One positioned glyph, in font units, relative to the start of its run."""

    gid: int
    x: int
    y: int
    advance: int


@dataclass(eq=False)
class FontFace:
    """A loaded font: shaping, metrics, ink bounds and outline symbols, all cached."""

    path: Path
    key: str
    tt: TTFont = field(repr=False)
    hb_font: hb.Font = field(repr=False)
    units_per_em: int
    glyphset: Any = field(repr=False)
    names: list[str] = field(repr=False)
    cmap: frozenset[int] = field(default=frozenset(), repr=False)
    fallback: FontFace | None = field(default=None, repr=False)
    overrides: dict[int, tuple[Any, ...]] = field(default_factory=dict, repr=False)  # gid -> recorded outline (y up)
    _symbols: dict[int, Symbol] = field(default_factory=dict)
    _bounds: dict[int, tuple[int, int, int, int] | None] = field(default_factory=dict)
    _shaped: dict[str, tuple[ShapedGlyph, ...]] = field(default_factory=dict)

    def shape(self, text: str) -> tuple[ShapedGlyph, ...]:
        """Shape a single line with HarfBuzz (kerning on, ligatures off), falling back per character."""
        cached = self._shaped.get(text)
        if cached is not None:
            return cached
        if all(ord(ch) in self.cmap for ch in text):
            result = _run(self, text, 0, 0, 1.0)
        else:
            glyphs: list[ShapedGlyph] = []
            pen_x = 0
            for face, run in self._runs(text):
                base = 0 if face is self else FALLBACK_BASE
                shaped = _run(face, run, pen_x, base, self.units_per_em / face.units_per_em)
                glyphs.extend(shaped)
                pen_x += sum(g.advance for g in shaped)
            result = tuple(glyphs)
        if len(self._shaped) >= 4096:  # a run's one-off lines (names, checksums) would otherwise fill it for good
            self._shaped.clear()
        self._shaped[text] = result
        return result

    def _runs(self, text: str) -> list[tuple[FontFace, str]]:
        """Split `text` into runs of the main font and of the fallback; characters no font has are dropped."""
        fallback = self.fallback
        return [(self if main else cast(FontFace, fallback), run)
                for main, run in split_runs(text, self.cmap, fallback.cmap if fallback is not None else None)]

    def missing(self, text: str) -> list[str]:
        """Characters of `text` that neither this font nor its fallback can draw (format characters aside)."""
        out: list[str] = []
        for ch in text:
            if ord(ch) in self.cmap or (self.fallback is not None and ord(ch) in self.fallback.cmap):
                continue
            if unicodedata.category(ch) in ("Cc", "Cf") or ch in out:
                continue
            out.append(ch)
        return out

    def glyph_bounds(self, gid: int) -> tuple[int, int, int, int] | None:
        """Ink box (xMin, yMin, xMax, yMax) in font units, y up; None for blank glyphs."""
        if gid not in self._bounds:
            pen = BoundsPen(self.glyphset)
            self._draw(gid, pen)
            b = pen.bounds
            self._bounds[gid] = None if b is None else (int(b[0]), int(b[1]), int(b[2] + 0.999), int(b[3] + 0.999))
        return self._bounds[gid]

    def symbol(self, gid: int) -> Symbol:
        """The glyph outline in font units with y pointing down, as a reusable symbol."""
        sym = self._symbols.get(gid)
        if sym is None:
            pen = OutlinePen(self.glyphset, flip_y=True)
            self._draw(gid, pen)
            sym = Symbol(f"{self.key}-{gid}", tuple(pen.value))
            self._symbols[gid] = sym
        return sym

    def _draw(self, gid: int, pen: Any) -> None:
        """Draw glyph `gid` (own, redrawn, or the fallback's scaled to our units) into a fontTools pen."""
        if gid >= FALLBACK_BASE and self.fallback is not None:
            k = self.units_per_em / self.fallback.units_per_em
            fb = self.fallback
            rec = DecomposingRecordingPen(fb.glyphset)  # components name the fallback's own glyphs
            fb.glyphset[fb.names[gid - FALLBACK_BASE]].draw(rec)
            rec.replay(TransformPen(pen, (k, 0, 0, k, 0, 0)))
        elif gid in self.overrides:
            rec = RecordingPen()
            rec.value = list(self.overrides[gid])
            rec.replay(pen)
        else:
            self.glyphset[self.names[gid]].draw(pen)



def _run(face: FontFace, text: str, start: int, base: int, k: float) -> tuple[ShapedGlyph, ...]:
    """HarfBuzz-shape one run of one font, positions scaled by `k` and shifted to `start`."""
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    hb.shape(face.hb_font, buf, SHAPING_FEATURES)
    pen_x = 0
    glyphs = []
    for info, pos in zip(buf.glyph_infos, buf.glyph_positions, strict=True):
        glyphs.append(ShapedGlyph(base + info.codepoint, start + round((pen_x + pos.x_offset) * k),
                                  round(pos.y_offset * k), round(pos.x_advance * k)))
        pen_x += pos.x_advance
    return tuple(glyphs)


def plain_zero(glyphset: Any, name: str) -> tuple[Any, ...] | None:
    """The outline of a slashed zero without its slash, or None if the glyph is not a slashed zero.

    A slashed zero is drawn as three contours: the outer oval and the two halves of the counter on either
    side of the slash. The plain counter is the outer oval mapped onto the halves' joint extent (so the
    strokes keep their weight) and reversed, so that it is a hole.
    """
    rec = RecordingPen()
    glyphset[name].draw(rec)
    contours: list[list[Any]] = [[]]
    for op in rec.value:
        contours[-1].append(op)
        if op[0] in ("closePath", "endPath"):
            contours.append([])
    contours = [c for c in contours if c]
    if len(contours) != 3:
        return None
    pts = [[p for _, args in c for p in args] for c in contours]
    ox0, oy0 = min(p[0] for p in pts[0]), min(p[1] for p in pts[0])
    ox1, oy1 = max(p[0] for p in pts[0]), max(p[1] for p in pts[0])
    inner = pts[1] + pts[2]
    ix0, iy0 = min(p[0] for p in inner), min(p[1] for p in inner)
    ix1, iy1 = max(p[0] for p in inner), max(p[1] for p in inner)
    if not (ox0 < ix0 < ix1 < ox1 and oy0 < iy0 < iy1 < oy1):
        return None
    sx, sy = (ix1 - ix0) / (ox1 - ox0), (iy1 - iy0) / (oy1 - oy0)
    out = RecordingPen()
    outer = RecordingPen()
    outer.value = contours[0]
    outer.replay(out)
    outer.replay(ReverseContourPen(TransformPen(out, (sx, 0, 0, sy, ix0 - ox0 * sx, iy0 - oy0 * sy))))
    return tuple(out.value)


def _load(path: Path) -> FontFace:
    tt = TTFont(str(path), lazy=False)
    blob = hb.Blob.from_file_path(str(path))
    hb_font = hb.Font(hb.Face(blob))
    # Short, stable ids ("AHB" for AtkinsonHyperlegible-Bold): repeated in every <use>, so size matters.
    key = "".join(ch for ch in path.stem if ch.isupper() or ch.isdigit())[:6] or path.stem[:3]
    cmap = tt.getBestCmap()
    names = tt.getGlyphOrder()
    glyphset = tt.getGlyphSet()
    face = FontFace(path, key, tt, hb_font, tt["head"].unitsPerEm, glyphset, names, frozenset(cmap))
    zero = cmap.get(ord("0"))
    if zero is not None:
        outline = plain_zero(glyphset, zero)
        if outline is not None:
            face.overrides[names.index(zero)] = outline
    return face


@lru_cache(maxsize=8)
def get_face(path: Path) -> FontFace:
    """Load (once per process) the font at `path`, with its fallback font of the same weight."""
    path = Path(path)
    face = _load(path)
    bold = face.tt["OS/2"].usWeightClass >= 600 if "OS/2" in face.tt else False
    fallback = resource_dir("fonts") / FALLBACK_FONTS[bold]
    if fallback.is_file() and fallback.resolve() != path.resolve():
        face.fallback = _fallback_face(fallback)
    return face


def split_runs(text: str, main: Container[int], fallback: Container[int] | None) -> list[tuple[bool, str]]:
    """`text` as runs of characters the main font has (True) and, for the others, the fallback has (False),
    in order; a character neither has is dropped. The text engine and the PDF text layer split alike."""
    runs: list[tuple[bool, str]] = []
    for ch in text:
        if ord(ch) in main:
            in_main = True
        elif fallback is not None and ord(ch) in fallback:
            in_main = False
        else:
            continue
        if runs and runs[-1][0] == in_main:
            runs[-1] = (in_main, runs[-1][1] + ch)
        else:
            runs.append((in_main, ch))
    return runs


def fallback_path(path: str | Path) -> Path | None:
    """The font that draws the characters `path` lacks (None: none), for a writer that sets the words as text."""
    fallback = get_face(Path(path)).fallback
    return fallback.path if fallback is not None else None


@lru_cache(maxsize=4)
def _fallback_face(path: Path) -> FontFace:
    return _load(path)
