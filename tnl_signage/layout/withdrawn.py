"""The badge a withdrawn award shows instead of its distinction: « Label 2025 retiré le 2 mars 2026 ».

Same size as the badge it replaces (the embed codes published on collectivités' sites keep their width and
height), so a hot-linked `auto` badge stops claiming a distinction the organiser took back.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from ..domain.model import Laureate
from ..domain.theme import Theme
from ..domain.wording import french_date
from ..drawing.scene import Group, Node, Rect, Scene
from .badges import LayoutResult
from .common import Box, place_fixed
from .social import edition_scene

SMALL_PX = 60  # below this many pixels on its short side, a badge shows « TNL 2025 / retiré » only


def withdrawn_badge_scene(badge: Scene, laureate: Laureate, day: date, theme: Theme) -> LayoutResult:
    """The notice in the frame of `badge` (the scene it replaces): the label and year, then « retiré le … »."""
    w, h, px = badge.width, badge.height, badge.px_size
    ink, muted = theme.color("ink"), theme.color("muted")
    pad = min(w, h) * 0.08
    inner = Box(pad, pad, w - 2 * pad, h - 2 * pad)
    nodes: list[Node] = [Rect(0, 0, w, h, fill=theme.color("background"), stroke=theme.color("frame"),
                              stroke_width=min(w, h) * 0.02, rx=min(w, h) * 0.06)]
    head = f"{theme.word('label')} {laureate.year}"
    small = px is not None and min(px) < SMALL_PX  # the 88 x 31 button: words a reader can see at 1x
    top = Box(inner.x, inner.y, inner.w, inner.h * 0.5)
    bottom = Box(inner.x, inner.y + inner.h * 0.52, inner.w, inner.h * 0.48)
    if small:
        nodes.append(place_fixed(theme, f"{theme.word('label_short')} {laureate.year}", top, fill=ink, bold=True,
                                 max_size=top.h * 0.9, max_lines=1))
        nodes.append(place_fixed(theme, "retiré", bottom, fill=ink, bold=True, max_size=bottom.h * 0.9,
                                 max_lines=1))
    else:
        nodes.append(place_fixed(theme, head, top, fill=muted, max_size=top.h * 0.42, max_lines=2))
        nodes.append(place_fixed(theme, f"retiré le {french_date(day)}", bottom, fill=ink, bold=True,
                                 max_size=bottom.h * 0.42, max_lines=2))
    title = f"{head} : distinction de {laureate.display_name} retirée le {french_date(day)}"
    scene = Scene(width=w, height=h, root=Group(tuple(nodes)), title=title, desc=title, px_size=px)
    return LayoutResult(scene, ())


def withdrawn_preview_scene(laureate: Laureate, day: date, theme: Theme) -> Scene:
    """The link preview (1200 x 630) of a withdrawn award's page: « Distinction retirée », who, which year, when.

    A shared link to the page must not show the award as current: the picture says the withdrawal first."""
    subline = f"{laureate.display_name}, {laureate.year} : retirée le {french_date(day)}"
    scene = edition_scene("Distinction retirée", subline, theme)
    label = theme.word("label")
    text = (f"Visuel : distinction {laureate.year} du label {label} de {laureate.display_name}, "
            f"retirée le {french_date(day)} par {theme.word('organiser')}.")
    return replace(scene, title=f"Distinction retirée – label {label}", desc=text)
