"""Social-media images: link preview, square and portrait posts, profile banner.

Flat artwork from the badges' marks, text engine and theme, laid out in mm at 4 px per mm so each image
has an exact pixel size. Wide formats put the marks beside the words; square and portrait ones stack them.
A banner keeps its left third quiet: networks lay the profile picture over it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from ..domain.theme import Theme
from ..domain.wording import award_description, award_title
from ..drawing.marks import UNITS, copyleft_symbol, marks_group
from ..drawing.scene import Group, Node, Rect, Scene, Use
from .badges import PX_PER_MM, BadgeContent, LayoutResult
from .common import Box, place_fixed, place_name


@dataclass(frozen=True)
class SocialFormat:
    """One network image: its file key, pixel size and what it is for (shown in LISEZMOI)."""

    key: str
    width: int
    height: int
    use: str


SOCIAL_FORMATS: tuple[SocialFormat, ...] = (
    SocialFormat("lien", 1200, 630, "aperçu de lien (Open Graph, Mastodon, LinkedIn, Facebook)"),
    SocialFormat("carre", 1080, 1080, "publication carrée (Instagram, Mastodon, LinkedIn)"),
    SocialFormat("portrait", 1080, 1350, "publication portrait 4:5 (Instagram, LinkedIn)"),
    SocialFormat("banniere", 1500, 500, "bannière de profil (X, Mastodon)"),
)
BY_KEY = {f.key: f for f in SOCIAL_FORMATS}
LINK_PREVIEW = BY_KEY["lien"]


def social_alt(theme: Theme, c: BadgeContent) -> str:
    """French alt text: the award sentence (label, year, distinction in words, collectivité) and the site."""
    return (f"Visuel : {award_description(theme, c.distinction, c.year, c.name, c.mentions, c.type_label)} "
            f"Plus d'informations sur {theme.word('website')}.")


def _mentions(c: BadgeContent) -> str:
    label = "Mention spéciale" if len(c.mentions) == 1 else "Mentions spéciales"
    return f"{label} : " + " · ".join(m.name for m in c.mentions)


@dataclass
class _Parts:
    """A social image in two layers: what every laureate of a distinction shares, and what is its own
    (name, mentions) inside `own_box`, which nothing shared touches."""

    shared: list[Node]
    own: list[Node]
    own_box: Box
    notes: list[str]


def _wide(theme: Theme, c: BadgeContent, w: float, h: float, *, banner: bool) -> _Parts:
    """Marks in a left column, words on the right; a banner starts its marks after the avatar zone."""
    ink, accent, muted = theme.color("ink"), theme.color("accent"), theme.color("muted")
    pad = h * 0.1
    left = w * 0.3 if banner else pad
    marks_w = min(h - 2 * pad, w * 0.34)
    x = left + marks_w + pad
    col = Box(x, pad, w - x - pad, h - 2 * pad)
    u = col.h
    parts = _Parts([marks_group(c.distinction, theme, left, pad, marks_w, h - 2 * pad, arrangement="cluster")],
                   [], Box(col.x, col.y + u * 0.56, col.w, u * 0.36), [])
    parts.shared.append(place_fixed(theme, theme.word("label"), Box(col.x, col.y, col.w, u * 0.15), fill=ink,
                                    bold=True, max_size=u * 0.14, align="left"))
    parts.shared.append(place_fixed(theme, str(c.year), Box(col.x, col.y + u * 0.17, col.w, u * 0.2),
                                    fill=accent, bold=True, max_size=u * 0.2, align="left"))
    parts.shared.append(place_fixed(theme, c.distinction.words, Box(col.x, col.y + u * 0.39, col.w, u * 0.14),
                                    fill=ink, bold=True, max_size=u * 0.14, align="left"))
    name_bottom = u * (0.84 if c.mentions else 0.9)
    if c.name:
        group, parts.notes = place_name(theme, c.name, c.short_name, Box(col.x, col.y + u * 0.56, col.w,
                                        name_bottom - u * 0.56), family="social", fill=ink, max_size=u * 0.13,
                                        max_lines=2, align="left")
        parts.own.append(group)
    if c.mentions:
        parts.own.append(place_fixed(theme, _mentions(c), Box(col.x, col.y + u * 0.86, col.w, u * 0.06),
                                     fill=muted, bold=True, max_size=u * 0.06, align="left"))
    parts.shared.append(place_fixed(theme, theme.word("website"), Box(col.x, col.y + u * 0.93, col.w, u * 0.07),
                                    fill=muted, max_size=u * 0.065, align="left"))
    return parts


def _tall(theme: Theme, c: BadgeContent, w: float, h: float) -> _Parts:
    """Label, year, marks, distinction, name, mentions, website: stacked and centred."""
    ink, accent, muted = theme.color("ink"), theme.color("accent"), theme.color("muted")
    pad = w * 0.09
    col = Box(pad, pad, w - 2 * pad, h - 2 * pad)
    rows = [("label", 0.09), ("year", 0.12), ("marks", 0.32), ("words", 0.08), ("name", 0.2),
            ("mentions", 0.05), ("site", 0.04)]
    gap = col.h * 0.02
    room = col.h - gap * (len(rows) - 1)
    y = col.y
    box: dict[str, Box] = {}
    for key, share in rows:
        box[key] = Box(col.x, y, col.w, room * share / sum(s for _, s in rows))
        y += box[key].h + gap
    own_box = Box(col.x, box["name"].y, col.w, box["mentions"].bottom - box["name"].y)
    parts = _Parts([
        place_fixed(theme, theme.word("label"), box["label"], fill=ink, bold=True, max_size=box["label"].h,
                    max_lines=2),
        place_fixed(theme, str(c.year), box["year"], fill=accent, bold=True, max_size=box["year"].h),
        marks_group(c.distinction, theme, box["marks"].x, box["marks"].y, box["marks"].w, box["marks"].h),
        place_fixed(theme, c.distinction.words, box["words"], fill=ink, bold=True, max_size=box["words"].h),
        place_fixed(theme, theme.word("website"), box["site"], fill=muted, max_size=box["site"].h),
    ], [], own_box, [])
    if c.name:
        # Without mentions, the name may use their row too.
        name_box = box["name"] if c.mentions else own_box
        group, parts.notes = place_name(theme, c.name, c.short_name, name_box, family="social", fill=ink,
                                        max_size=box["words"].h * 0.9, max_lines=3)
        parts.own.append(group)
    if c.mentions:
        parts.own.append(place_fixed(theme, _mentions(c), box["mentions"], fill=muted, bold=True,
                                     max_size=box["mentions"].h * 0.6, max_lines=2))
    return parts


@dataclass(frozen=True)
class SocialLayers:
    """`shared`: the image without the laureate's own words (the same for every laureate of a distinction
    and year); `own`: those words, all inside `own_box` (mm) where `shared` is plain background."""

    shared: Scene
    own: tuple[Node, ...]
    own_box: Box
    notes: tuple[str, ...]


def social_layers(key: str, content: BadgeContent, theme: Theme) -> SocialLayers:
    """One social image (`key` in SOCIAL_FORMATS) in its two layers."""
    fmt = BY_KEY[key]
    w, h = fmt.width / PX_PER_MM, fmt.height / PX_PER_MM
    stroke = min(w, h) * 0.02
    frame: list[Node] = [
        Rect(0, 0, w, h, fill=theme.color("background")),
        Rect(stroke / 2, stroke / 2, w - stroke, h - stroke, stroke=theme.color("frame"), stroke_width=stroke),
    ]
    parts = _wide(theme, content, w, h, banner=key == "banniere") if w > h * 1.2 else _tall(theme, content, w, h)
    shared = Scene(
        width=w, height=h, root=Group((*frame, *parts.shared)),
        title=award_title(theme, content.distinction, content.year, content.name),
        desc=social_alt(theme, content),
        px_size=(fmt.width, fmt.height),
    )
    return SocialLayers(shared, tuple(parts.own), parts.own_box, tuple(parts.notes))


def social_scene(key: str, content: BadgeContent, theme: Theme) -> LayoutResult:
    """One social image as a single scene; a generic image of the distinction when `content.name` is None."""
    layers = social_layers(key, content, theme)
    root = Group((*layers.shared.root.children, *layers.own))
    return LayoutResult(dataclasses.replace(layers.shared, root=root), layers.notes)


def edition_scene(heading: str, subline: str, theme: Theme) -> Scene:
    """The link preview of a palmarès page: label, `heading` (« Palmarès 2025 »), `subline`, one copyleft mark."""
    fmt = LINK_PREVIEW
    w, h = fmt.width / PX_PER_MM, fmt.height / PX_PER_MM
    stroke = h * 0.02
    pad = h * 0.1
    d = h - 2 * pad
    ink, accent, muted = theme.color("ink"), theme.color("accent"), theme.color("muted")
    mark = Group((Use(copyleft_symbol(), pad + d / 2, h / 2, d / UNITS),), fill=accent)
    x = 2 * pad + d
    col = Box(x, pad, w - x - pad, d)
    u = col.h
    nodes: list[Node] = [
        Rect(0, 0, w, h, fill=theme.color("background")),
        Rect(stroke / 2, stroke / 2, w - stroke, h - stroke, stroke=theme.color("frame"), stroke_width=stroke),
        mark,
        place_fixed(theme, theme.word("label"), Box(col.x, col.y + u * 0.05, col.w, u * 0.3), fill=ink, bold=True,
                    max_size=u * 0.15, max_lines=2, align="left"),
        place_fixed(theme, heading, Box(col.x, col.y + u * 0.4, col.w, u * 0.22), fill=accent,
                    bold=True, max_size=u * 0.2, align="left"),
        place_fixed(theme, subline, Box(col.x, col.y + u * 0.68, col.w, u * 0.11), fill=ink,
                    max_size=u * 0.1, align="left"),
        place_fixed(theme, theme.word("website"), Box(col.x, col.y + u * 0.88, col.w, u * 0.08), fill=muted,
                    max_size=u * 0.07, align="left"),
    ]
    title = f"{heading} – label {theme.word('label')}"
    desc = (f"Visuel : {heading.lower()} du label {theme.word('label')} décerné par {theme.word('organiser')}, "
            f"{subline}. Plus d'informations sur {theme.word('website')}.")
    return Scene(width=w, height=h, root=Group(tuple(nodes)), title=title, desc=desc,
                 px_size=(fmt.width, fmt.height))


def favicon_scene(theme: Theme) -> Scene:
    """The site's icon: one copyleft mark on the background, drawn from the same symbol as the badges."""
    size = 8.0
    return Scene(
        width=size, height=size,
        root=Group((Rect(0, 0, size, size, fill=theme.color("background")),
                    Group((Use(copyleft_symbol(), size / 2, size / 2, size * 0.86 / UNITS),),
                          fill=theme.color("accent")))),
        title=f"Label {theme.word('label')}", desc=f"Symbole copyleft du label {theme.word('label')}",
        px_size=(32, 32),
    )
