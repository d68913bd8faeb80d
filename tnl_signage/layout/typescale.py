"""A stack of texts and marks sized together by one type scale, as large as the box allows.

Each item wants a cap height of `ratio` x k; one k is searched for the whole stack (bisection), each item
giving way to its box width (more lines, up to `max_lines`, then a smaller size). The hierarchy therefore holds
in any box: the year stays the largest thing, « décerné à » never outgrows the name. All measures are the
text engine's ink extents, so what the solver plans is what `place_text` later draws.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from ..drawing.text import fit_text, get_face
from .legibility import cap_ratio

HUGE = 1e9


@dataclass(frozen=True)
class Item:
    """One row of a stack: a text (`text` set) or a drawing of a fixed aspect (`aspect` = width / height)."""

    key: str
    ratio: float
    text: str = ""
    font: Path | None = None
    max_lines: int = 1
    aspect: float = 0.0
    width: float | None = None  # narrower than the stack (e.g. beside a QR code)
    fixed_height: float | None = None  # a drawing of its own size (QR code)
    not_above: tuple[str, ...] = field(default=())  # cap height below these items' (by a tenth)
    floor: float = 0.0  # a cap height (mm) kept whatever k, if the width allows: what is read first
    ceiling: float = HUGE  # a cap height (mm) never exceeded (floor = ceiling: one size for a whole format)


@dataclass(frozen=True)
class Sized:
    """The plan for one item: its size (mm per em for text), its height and width (mm), its line count."""

    key: str
    size: float
    height: float
    width: float
    lines: int
    cap: float


@lru_cache(maxsize=512)
def shapes(text: str, font: Path, max_lines: int) -> tuple[tuple[float, float], ...]:
    """(ink width, ink height) per em of the text set on 1, 2… max_lines balanced lines."""
    face = get_face(font)
    out: list[tuple[float, float]] = []
    for n in range(1, max_lines + 1):
        fitted = fit_text(face, text, 1.0, HUGE, max_size=HUGE, min_size=0.0, max_lines=n)
        if fitted is None:
            break
        em = (fitted.width / fitted.size, fitted.height / fitted.size)
        if not out or em[0] < out[-1][0] * 0.98:  # another line must make it narrower to be worth it
            out.append(em)
    return tuple(out)


def _prepare(item: Item) -> tuple[float, tuple[tuple[float, float], ...]]:
    """What `_plan` needs of the font, looked up once per plan: cap height per em, shapes per line count."""
    if item.font is None or item.fixed_height is not None:
        return 0.0, ()
    return cap_ratio(item.font), shapes(item.text, item.font, item.max_lines)


def _plan(item: Item, ratio: float, found: tuple[tuple[float, float], ...], k: float, width: float,
          caps: dict[str, float]) -> Sized:
    w = item.width if item.width is not None else width
    if item.fixed_height is not None:
        return Sized(item.key, 0.0, item.fixed_height, w, 0, 0.0)
    cap = min(max(k * item.ratio, item.floor), item.ceiling)
    for other in item.not_above:  # a tenth below, so the order survives the drawing's own rounding
        if other in caps:
            cap = min(cap, caps[other] * 0.9)
    if item.font is None:  # a drawing: cap is its height, limited by the width
        h = min(cap, w / item.aspect) if item.aspect > 0 else cap
        return Sized(item.key, h, h, h * item.aspect, 0, h)
    if not found:
        return Sized(item.key, 0.0, 0.0, 0.0, 0, 0.0)
    size = cap / ratio
    for n, (ew, eh) in enumerate(found, 1):
        if size * ew <= w:
            return Sized(item.key, size, size * eh, size * ew, n, cap)
        if item.floor and (w / ew) * ratio >= item.floor:  # a primary text wraps only to reach its floor
            return Sized(item.key, w / ew, w / ew * eh, w, n, w / ew * ratio)
    ew, eh = found[-1]
    size = w / ew
    return Sized(item.key, size, size * eh, w, len(found), size * ratio)


def plan(items: list[Item], width: float, height: float, gap: float, *, k_max: float = HUGE) -> list[Sized]:
    """Sizes of `items` stacked in width x height, separated by `gap` x k (at most `gap` x k_max)."""
    prepared = [(item, *_prepare(item)) for item in items]
    keys = [item.key for item in items]
    # A second pass only when an item defers to one planned after it (« décerné à » before the name).
    passes = 2 if any(keys.index(o) > i for i, item in enumerate(items) for o in item.not_above if o in keys) else 1

    def attempt(k: float) -> tuple[list[Sized], float]:
        caps: dict[str, float] = {}
        sized: list[Sized] = []
        for _ in range(passes):
            sized = []
            for item, ratio, found in prepared:
                s = _plan(item, ratio, found, k, width, caps)
                caps[item.key] = s.cap
                sized.append(s)
        return sized, sum(s.height for s in sized) + gap * k * (len(items) - 1)

    if attempt(0.0)[1] > height and any(i.floor for i in items):  # floors alone overflow: drop them
        return plan([replace(i, floor=0.0) for i in items], width, height, gap, k_max=k_max)
    lo, hi = 0.0, min(k_max, height)
    for _ in range(20):  # to a millionth of the box height
        mid = (lo + hi) / 2
        if attempt(mid)[1] <= height:
            lo = mid
        else:
            hi = mid
    return attempt(lo)[0]
