"""Font faces: HarfBuzz for shaping, fontTools for outlines; each glyph outline computed once and cached."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import uharfbuzz as hb
from fontTools.pens.boundsPen import BoundsPen
from fontTools.ttLib import TTFont

from ..pens import OutlinePen
from ..scene import Symbol

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
    tt: TTFont
    hb_font: hb.Font
    units_per_em: int
    glyphset: Any
    names: list[str]
    _symbols: dict[int, Symbol] = field(default_factory=dict)
    _bounds: dict[int, tuple[int, int, int, int] | None] = field(default_factory=dict)
    _shaped: dict[str, tuple[ShapedGlyph, ...]] = field(default_factory=dict)

    def shape(self, text: str) -> tuple[ShapedGlyph, ...]:
        """Shape a single line with HarfBuzz (kerning on, ligatures off)."""
        cached = self._shaped.get(text)
        if cached is not None:
            return cached
        buf = hb.Buffer()
        buf.add_str(text)
        buf.guess_segment_properties()
        hb.shape(self.hb_font, buf, SHAPING_FEATURES)
        pen_x = 0
        glyphs = []
        for info, pos in zip(buf.glyph_infos, buf.glyph_positions, strict=True):
            glyphs.append(ShapedGlyph(info.codepoint, pen_x + pos.x_offset, pos.y_offset, pos.x_advance))
            pen_x += pos.x_advance
        result = tuple(glyphs)
        if len(self._shaped) < 4096:
            self._shaped[text] = result
        return result

    def glyph_bounds(self, gid: int) -> tuple[int, int, int, int] | None:
        """Ink box (xMin, yMin, xMax, yMax) in font units, y up; None for blank glyphs."""
        if gid not in self._bounds:
            pen = BoundsPen(self.glyphset)
            self.glyphset[self.names[gid]].draw(pen)
            b = pen.bounds
            self._bounds[gid] = None if b is None else (int(b[0]), int(b[1]), int(b[2] + 0.999), int(b[3] + 0.999))
        return self._bounds[gid]

    def symbol(self, gid: int) -> Symbol:
        """The glyph outline in font units with y pointing down, as a reusable symbol."""
        sym = self._symbols.get(gid)
        if sym is None:
            pen = OutlinePen(self.glyphset, flip_y=True)
            self.glyphset[self.names[gid]].draw(pen)
            sym = Symbol(f"{self.key}-{gid}", tuple(pen.value))
            self._symbols[gid] = sym
        return sym



@lru_cache(maxsize=8)
def get_face(path: Path) -> FontFace:
    """Load (once per process) the font at `path`."""
    path = Path(path)
    tt = TTFont(str(path), lazy=False)
    blob = hb.Blob.from_file_path(str(path))
    hb_font = hb.Font(hb.Face(blob))
    # Short, stable ids ("AHB" for AtkinsonHyperlegible-Bold): repeated in every <use>, so size matters.
    key = "".join(ch for ch in path.stem if ch.isupper() or ch.isdigit())[:6] or path.stem[:3]
    return FontFace(path, key, tt, hb_font, tt["head"].unitsPerEm, tt.getGlyphSet(), tt.getGlyphOrder())
