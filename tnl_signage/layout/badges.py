"""Web badge layouts: seal (square), banner (wide), button (88x31) and mark (marks + words).

Sizes are in mm at 4 px per mm, so each badge has a natural pixel size and stays sharp when scaled.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..domain.scales import Distinction, Mention
from ..domain.theme import Theme
from ..domain.wording import award_description, award_title, mentions_phrase
from ..drawing.marks import marks_group
from ..drawing.scene import Group, Node, Rect, Scene
from .common import Box, place_fixed, place_name, place_text

VARIANTS = ("seal", "banner", "button", "mark")
PX_PER_MM = 4


@dataclass(frozen=True)
class BadgeContent:
    """What a badge says; `name` None gives a generic badge of the distinction (no laureate)."""

    distinction: Distinction
    year: int
    name: str | None = None
    short_name: str | None = None
    mentions: tuple[Mention, ...] = ()
    type_label: str | None = None


@dataclass(frozen=True)
class LayoutResult:
    """A scene and the notes a user should read (e.g. a name drawn below the minimum size)."""

    scene: Scene
    notes: tuple[str, ...] = ()


def _frame(theme: Theme, w: float, h: float, radius: float, stroke: float) -> list[Node]:
    half = stroke / 2
    return [
        Rect(0, 0, w, h, fill=theme.color("background"), rx=radius),
        Rect(half, half, w - stroke, h - stroke, stroke=theme.color("frame"), stroke_width=stroke,
             rx=max(0.0, radius - half)),
    ]


def _mentions(theme: Theme, mentions: Sequence[Mention], box: Box, *, max_size: float, min_full: float,
              align: str = "center") -> Group:
    """The mentions in full (« Meilleure première candidature ») when they fit at `min_full` mm or more,
    else their short names: in the ink colour and bold, never fainter than the other small text."""
    for short in (False, True):
        placed = place_text(theme, mentions_phrase(mentions, short=short), box, fill=theme.color("ink"),
                            bold=True, max_size=max_size, min_size=min_full if not short else 0.05, max_lines=2,
                            align=align)
        if placed is not None:
            return placed.group
    return Group(())


def _seal(theme: Theme, c: BadgeContent) -> tuple[list[Node], list[str], tuple[float, float]]:
    w = h = 60.0
    ink, accent = theme.color("ink"), theme.color("accent")
    nodes = _frame(theme, w, h, 5.0, 0.9)
    col = Box(4.5, 0, 51.0, 0)
    nodes.append(place_fixed(theme, theme.word("label"), Box(col.x, 4.2, col.w, 8.8), fill=ink, bold=True,
                             max_size=4.3, max_lines=2))
    nodes.append(place_fixed(theme, str(c.year), Box(col.x, 13.8, col.w, 6.0), fill=accent, bold=True,
                             max_size=8.0))
    notes: list[str] = []
    if c.name is None:
        nodes.append(marks_group(c.distinction, theme, col.x, 21.5, col.w, 20.0))
        nodes.append(place_fixed(theme, c.distinction.words, Box(col.x, 44.0, col.w, 8.0), fill=ink,
                                 bold=True, max_size=6.5))
        return nodes, notes, (w, h)
    nodes.append(marks_group(c.distinction, theme, col.x, 21.0, col.w, 12.0))
    nodes.append(place_fixed(theme, c.distinction.words, Box(col.x, 33.6, col.w, 4.4), fill=accent, bold=True,
                             max_size=4.4))
    name_bottom = 55.2
    if c.mentions:
        name_bottom = 49.6
        nodes.append(_mentions(theme, c.mentions, Box(col.x, 50.4, col.w, 5.2), max_size=2.4, min_full=1.9))
    group, notes = place_name(theme, c.name, c.short_name, Box(col.x, 39.6, col.w, name_bottom - 39.6),
                              family="seal", fill=ink, max_size=5.0)
    nodes.append(group)
    return nodes, notes, (w, h)


def _banner(theme: Theme, c: BadgeContent) -> tuple[list[Node], list[str], tuple[float, float]]:
    w, h = 100.0, 25.0
    ink, accent = theme.color("ink"), theme.color("accent")
    nodes = _frame(theme, w, h, 2.5, 0.6)
    nodes.append(marks_group(c.distinction, theme, 2.6, 2.6, 19.8, 19.8, arrangement="cluster"))
    x, cw = 25.0, 71.5
    nodes.append(place_fixed(theme, f"{theme.word('label')} {c.year}", Box(x, 2.4, cw, 4.6), fill=ink,
                             bold=True, max_size=4.6, align="left"))
    notes: list[str] = []
    if c.name is None:
        nodes.append(place_fixed(theme, c.distinction.words, Box(x, 9.0, cw, 9.0), fill=accent, bold=True,
                                 max_size=8.0, align="left"))
        return nodes, notes, (w, h)
    nodes.append(place_fixed(theme, c.distinction.words, Box(x, 7.8, cw, 4.2), fill=accent, bold=True,
                             max_size=4.2, align="left"))
    name_bottom = 22.6
    if c.mentions:
        name_bottom = 19.0
        nodes.append(_mentions(theme, c.mentions, Box(x, 19.4, cw, 3.4), max_size=2.6, min_full=2.0,
                               align="left"))
    group, notes = place_name(theme, c.name, c.short_name, Box(x, 12.8, cw, name_bottom - 12.8),
                              family="banner", fill=ink, max_size=5.2, max_lines=2, align="left")
    nodes.append(group)
    return nodes, notes, (w, h)


def _button(theme: Theme, c: BadgeContent) -> tuple[list[Node], list[str], tuple[float, float]]:
    w, h = 22.0, 7.75
    ink, accent = theme.color("ink"), theme.color("accent")
    nodes = _frame(theme, w, h, 0.5, 0.25)
    nodes.append(marks_group(c.distinction, theme, 0.6, 0.6, 6.55, 6.55, arrangement="cluster"))
    x, cw = 7.7, 13.7
    nodes.append(place_fixed(theme, f"{theme.word('label_short')} {c.year}", Box(x, 0.75, cw, 2.9), fill=ink,
                             bold=True, max_size=2.9))
    nodes.append(place_fixed(theme, c.distinction.words, Box(x, 4.05, cw, 2.9), fill=accent, bold=True,
                             max_size=2.6))
    return nodes, [], (w, h)


def _mark(theme: Theme, c: BadgeContent) -> tuple[list[Node], list[str], tuple[float, float]]:
    w, h = 60.0, 30.0
    nodes: list[Node] = [Rect(0, 0, w, h, fill=theme.color("background"), rx=3.0)]
    nodes.append(marks_group(c.distinction, theme, 3.0, 2.5, 54.0, 16.5))
    nodes.append(place_fixed(theme, f"{c.distinction.words} · {c.year}", Box(3.0, 21.0, 54.0, 6.5),
                             fill=theme.color("ink"), bold=True, max_size=6.0))
    return nodes, [], (w, h)


_LAYOUTS = {"seal": _seal, "banner": _banner, "button": _button, "mark": _mark}


def badge_scene(variant: str, content: BadgeContent, theme: Theme) -> LayoutResult:
    """Lay out one badge variant; notes report anything a user should know (name below minimum size)."""
    nodes, notes, (w, h) = _LAYOUTS[variant](theme, content)
    name = content.name
    scene = Scene(
        width=w,
        height=h,
        root=Group(tuple(nodes)),
        title=award_title(theme, content.distinction, content.year, name),
        desc=award_description(theme, content.distinction, content.year, name, content.mentions,
                               content.type_label),
        px_size=(round(w * PX_PER_MM), round(h * PX_PER_MM)),
    )
    return LayoutResult(scene, tuple(notes))
