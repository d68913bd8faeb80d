"""Fit a text into a box: wrap at spaces and hyphens over up to N lines, then shrink to a minimum size.

All measures use ink bounds, so the placed outlines are guaranteed to lie inside the box.
"""

from __future__ import annotations

import heapq
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

from .fonts import FontFace, ShapedGlyph


@dataclass(frozen=True)
class Line:
    """A shaped line and its ink extents in font units (y up)."""

    text: str
    glyphs: tuple[ShapedGlyph, ...]
    ink_left: int
    ink_right: int
    ink_top: int
    ink_bottom: int

    @property
    def ink_width(self) -> int:
        return self.ink_right - self.ink_left


@dataclass(frozen=True)
class FittedText:
    """Lines at one size (mm per em), ready to place; `height` and `width` are the ink block's, in mm."""

    face: FontFace
    lines: tuple[Line, ...]
    size: float
    line_height: float

    @property
    def scale(self) -> float:
        return self.size / self.face.units_per_em

    @property
    def width(self) -> float:
        return max(line.ink_width for line in self.lines) * self.scale

    @property
    def height(self) -> float:
        return _block_height_em(self.lines, self.line_height, self.face.units_per_em) * self.size


def _tokens(text: str) -> list[str]:
    """Break candidates: after a space (dropped) or after a hyphen (kept at the end of the line)."""
    # Only ordinary spaces break: a no-break space (U+00A0) keeps « Première candidature » together.
    words = [w for w in re.split(r"[ \t\r\n]+", text.strip()) if w]
    out: list[str] = []
    for word in words:
        parts = re.split(r"(?<=[-‐–])(?=.)", word)  # U+2011, the non-breaking hyphen, never breaks
        out.extend(parts[:-1])
        out.append(parts[-1] + " ")
    if out:
        out[-1] = out[-1].rstrip()
    return out


@lru_cache(maxsize=8192)
def measure_line(face: FontFace, text: str) -> Line:
    """Shape and measure one line's ink (kept per face and text: a layout measures the same candidate lines
    again while it searches sizes and breaks, and every sign repeats the label's words)."""
    glyphs = face.shape(text)
    left = top = bottom = 0
    right = 0
    first = True
    for g in glyphs:
        b = face.glyph_bounds(g.gid)
        if b is None:
            continue
        x0, y0, x1, y1 = g.x + b[0], g.y + b[1], g.x + b[2], g.y + b[3]
        if first:
            left, bottom, right, top = x0, y0, x1, y1
            first = False
        else:
            left, bottom, right, top = min(left, x0), min(bottom, y0), max(right, x1), max(top, y1)
    return Line(text, glyphs, left, right, top, bottom)


def _block_height_em(lines: tuple[Line, ...], line_height: float, upem: int) -> float:
    return (len(lines) - 1) * line_height + (lines[0].ink_top - lines[-1].ink_bottom) / upem


def _best_size(lines: tuple[Line, ...], width: float, height: float, line_height: float, upem: int) -> float:
    widest = max(line.ink_width for line in lines)
    size_w = width * upem / widest if widest > 0 else float("inf")
    block = _block_height_em(lines, line_height, upem)
    size_h = height / block if block > 0 else float("inf")
    return min(size_w, size_h)


HYPHEN_BREAK_COST = 0.8  # a line break at a hyphen counts as this share of its size when choosing
EXACT_LIMIT = 200  # break combinations measured exactly; beyond, the most promising ones only
SHORTLIST = 24


def _candidate_cuts(face: FontFace, tokens: list[str], count: int) -> list[tuple[int, ...]]:
    """Break combinations worth measuring exactly.

    Few tokens: all of them. Many (a 60-word name has 1,711 ways onto 3 lines): rank them by the
    widest line estimated from each token's advance, and keep the best few; those are then shaped
    and measured exactly, so the box guarantee never rests on the estimate.
    """
    every = combinations(range(1, len(tokens)), count - 1)
    if math.comb(len(tokens) - 1, count - 1) <= EXACT_LIMIT:
        return list(every)
    prefix = [0]
    for token in tokens:
        prefix.append(prefix[-1] + sum(g.advance for g in face.shape(token)))

    def widest(cuts: tuple[int, ...]) -> int:
        bounds = (0, *cuts, len(tokens))
        return max(prefix[b] - prefix[a] for a, b in zip(bounds, bounds[1:], strict=False))

    return heapq.nsmallest(SHORTLIST, every, key=widest)


def fit_text(
    face: FontFace,
    text: str,
    width: float,
    height: float,
    *,
    max_size: float,
    min_size: float,
    max_lines: int = 3,
    line_height: float = 1.12,
) -> FittedText | None:
    """Largest size (<= max_size) at which `text` fits in width x height mm; None if under min_size.

    Breaks go at spaces first: a break after a hyphen is chosen only when it makes the text more than
    a quarter larger (so « Saint-Étienne-du-Rouvray » stays whole whenever it can fit). For each line count
    the break points balance line widths; fewer lines win ties (within 3 %), since a name broken needlessly
    reads worse.
    """
    tokens = _tokens(text)
    if not tokens:
        return None
    best: tuple[float, tuple[Line, ...]] | None = None
    upem = face.units_per_em
    measured: dict[tuple[int, int], Line] = {}

    def line_of(a: int, b: int) -> Line:
        """Each run of tokens is shaped once, however many break combinations use it."""
        line = measured.get((a, b))
        if line is None:
            line = measured[(a, b)] = measure_line(face, "".join(tokens[a:b]).strip())
        return line

    best_rank = 0.0
    for count in range(1, min(max_lines, len(tokens)) + 1):
        options: list[tuple[float, float, int, tuple[Line, ...]]] = []
        for cuts in _candidate_cuts(face, tokens, count):
            bounds = (0, *cuts, len(tokens))
            lines = tuple(line_of(a, b) for a, b in zip(bounds, bounds[1:], strict=False))
            size = min(max_size, _best_size(lines, width, height, line_height, upem))
            widths = [line.ink_width for line in lines]
            # A break inside a hyphenated name (« Saint-/Étienne-du-Rouvray ») must earn its place.
            hyphens = sum(1 for c in cuts if not tokens[c - 1].endswith(" "))
            rank = size * HYPHEN_BREAK_COST ** hyphens if size >= min_size else size * 0.01
            options.append((rank, size, max(widths) - min(widths), lines))
        # Within 3 % of the best, the most even lines read best (« Territoire / Numérique Libre »).
        top = max(o[0] for o in options)
        if top <= 0:  # no room at all (a box of no width)
            continue
        rank, size, _, lines = min((o for o in options if o[0] >= top * 0.97), key=lambda o: o[2])
        if best is None or rank > best_rank * 1.03:
            best, best_rank = (size, lines), rank
        if best_rank >= max_size:
            break
    if best is None or best[0] < min_size:
        return None
    # Keep a hair of safety so float rounding in writers never pushes ink past the box, but never below
    # min_size: a size that fits at min_size must not be reported (and noted) as smaller.
    return FittedText(face, best[1], max(min_size, best[0] * 0.9995), line_height)


def wrap_paragraph(face: FontFace, text: str, size: float, width: float) -> list[str]:
    """Greedy lines at spaces within `width` (mm at `size` mm per em) for long paragraphs (notices, guides,
    spec sheets), where balancing is not wanted; each word is shaped once (the face caches shapes)."""
    limit = width * face.units_per_em / size
    space = sum(g.advance for g in face.shape(" "))
    lines: list[str] = []
    words: list[str] = []
    used = 0
    for word in text.split():
        w = sum(g.advance for g in face.shape(word))
        if words and used + space + w > limit:
            lines.append(" ".join(words))
            words, used = [word], w
        else:
            used += (space if words else 0) + w
            words.append(word)
    if words:
        lines.append(" ".join(words))
    return lines
