"""Print for local use: bulletin inserts, a round sticker and a window sticker printed in mirror.

Formats are data (`data/local_formats.toml`, same schema as the signs' formats); each family has a small
layout here built from the badges' marks and text engine, returned as a print scene (mm, bleed, CMYK
theme colours) that the PDF/X writer takes as it takes a panel. Stickers carry their die line as a
`CutContour` group, as the signs do.
"""

from __future__ import annotations

from ..domain.formats import FormatBook, PrintFormat, load_formats
from ..domain.theme import Theme
from ..domain.wording import award_description, award_title
from ..drawing.geometry import circle_commands, rounded_rect_commands
from ..drawing.marks import marks_group
from ..drawing.scene import Circle, Group, Node, Path, PenCommand, Rect, Scene
from ..resources import data_file
from .badges import BadgeContent, LayoutResult
from .common import Box, place_fixed, place_name
from .print_layout import CUT_CONTOUR, HAIRLINE_MM
from .transform import mirror


def local_formats() -> FormatBook:
    """The shipped local-print formats (read once per process)."""
    return load_formats(data_file("local_formats.toml"))


def _cut(commands: list[PenCommand]) -> Group:
    return Group((Path(tuple(commands), stroke=CUT_CONTOUR, stroke_width=HAIRLINE_MM),), id="cut-contour",
                 role="cut")


def _words(theme: Theme, c: BadgeContent, col: Box, *, align: str, family: str,
           name_lines: int) -> tuple[list[Node], list[str]]:
    """Label, year, distinction, then the name and mentions when there are some, stacked in `col`."""
    ink, accent, muted = theme.color("ink"), theme.color("accent"), theme.color("muted")
    rows: list[tuple[str, float]] = [("label", 0.16), ("year", 0.22), ("words", 0.16)]
    if c.name:
        rows.append(("name", 0.26))
    if c.mentions:
        rows.append(("mentions", 0.1))
    rows.append(("site", 0.09))
    gap = col.h * 0.025
    room = col.h - gap * (len(rows) - 1)
    total = sum(w for _, w in rows)
    box: dict[str, Box] = {}
    y = col.y
    for key, weight in rows:
        box[key] = Box(col.x, y, col.w, room * weight / total)
        y += box[key].h + gap
    nodes: list[Node] = [
        place_fixed(theme, theme.word("label"), box["label"], fill=ink, bold=True, max_size=box["label"].h,
                    align=align),
        place_fixed(theme, str(c.year), box["year"], fill=accent, bold=True, max_size=box["year"].h * 1.2,
                    align=align),
        place_fixed(theme, c.distinction.words, box["words"], fill=ink, bold=True, max_size=box["words"].h,
                    align=align),
    ]
    notes: list[str] = []
    if c.name:
        group, notes = place_name(theme, c.name, c.short_name, box["name"], family=family, fill=ink,
                                  max_size=box["words"].h, max_lines=name_lines, align=align)
        nodes.append(group)
    if c.mentions:
        label = "Mention spéciale" if len(c.mentions) == 1 else "Mentions spéciales"
        nodes.append(place_fixed(theme, f"{label} : " + " · ".join(m.name for m in c.mentions), box["mentions"],
                                 fill=muted, bold=True, max_size=box["mentions"].h * 0.6, max_lines=2,
                                 align=align))
    nodes.append(place_fixed(theme, theme.word("website"), box["site"], fill=muted, max_size=box["site"].h,
                             align=align))
    return nodes, notes


def _insert(theme: Theme, c: BadgeContent, fmt: PrintFormat) -> tuple[list[Node], list[str]]:
    """Marks on the left, words on the right, a thin frame inside the safe margin."""
    w, h, s, b = fmt.width, fmt.height, fmt.safe, fmt.bleed
    stroke = 0.5
    nodes: list[Node] = [
        Rect(-b, -b, w + 2 * b, h + 2 * b, fill=theme.color("background")),
        Rect(s + stroke / 2, s + stroke / 2, w - 2 * s - stroke, h - 2 * s - stroke, stroke=theme.color("frame"),
             stroke_width=stroke, rx=2.0),
    ]
    inner = Box(s, s, w - 2 * s, h - 2 * s).inset(stroke + 3.0)
    marks_w = min(inner.h, inner.w * 0.36)
    nodes.append(marks_group(c.distinction, theme, inner.x, inner.y, marks_w, inner.h, arrangement="cluster"))
    gap = 4.0
    col = Box(inner.x + marks_w + gap, inner.y, inner.w - marks_w - gap, inner.h)
    words, notes = _words(theme, c, col, align="left", family="insert", name_lines=2)
    return nodes + words, notes


def _round(theme: Theme, c: BadgeContent, fmt: PrintFormat) -> tuple[list[Node], list[str]]:
    """A disc (running into the bleed), a ring inside the safe margin, the words stacked and centred."""
    w, s, b = fmt.width, fmt.safe, fmt.bleed
    r = w / 2
    ink, accent = theme.color("ink"), theme.color("accent")
    stroke = 1.2
    nodes: list[Node] = [
        Circle(r, r, r + b, fill=theme.color("background")),
        Circle(r, r, r - s - stroke / 2, stroke=theme.color("frame"), stroke_width=stroke),
    ]
    # The square inscribed in the ring (less a margin) holds everything readable.
    side = (r - s - stroke) * 2 ** 0.5 - 2.0
    box = Box(r - side / 2, r - side / 2, side, side)
    u = box.h
    nodes.append(place_fixed(theme, theme.word("label"), Box(box.x, box.y - u * 0.08, box.w, u * 0.2), fill=ink,
                             bold=True, max_size=u * 0.1, max_lines=2))
    nodes.append(place_fixed(theme, str(c.year), Box(box.x, box.y + u * 0.15, box.w, u * 0.14), fill=accent,
                             bold=True, max_size=u * 0.14))
    nodes.append(marks_group(c.distinction, theme, box.x, box.y + u * 0.31, box.w, u * 0.3))
    nodes.append(place_fixed(theme, c.distinction.words, Box(box.x, box.y + u * 0.63, box.w, u * 0.11),
                             fill=ink, bold=True, max_size=u * 0.11))
    notes: list[str] = []
    under = Box(box.x, box.y + u * 0.77, box.w, u * 0.2)
    if c.mentions and not c.name:
        label = "Mention spéciale" if len(c.mentions) == 1 else "Mentions spéciales"
        nodes.append(place_fixed(theme, f"{label} : " + " · ".join(m.name for m in c.mentions), under,
                                 fill=theme.color("muted"), bold=True, max_size=u * 0.06, max_lines=2))
    elif not c.name:
        nodes.append(place_fixed(theme, theme.word("website"), under, fill=theme.color("muted"),
                                 max_size=u * 0.065))
    if c.name:
        group, notes = place_name(theme, c.name, c.short_name, Box(box.x, box.y + u * 0.77, box.w, u * 0.2),
                                  family="sticker", fill=ink, max_size=u * 0.09, max_lines=2)
        nodes.append(group)
    nodes.append(_cut(circle_commands(r, r, r)))
    return nodes, notes


def window_nodes(theme: Theme, c: BadgeContent, fmt: PrintFormat) -> tuple[list[Node], list[str]]:
    """Marks above, words below, a rounded frame; mirrored as a whole by `local_scene`."""
    w, h, s, b = fmt.width, fmt.height, fmt.safe, fmt.bleed
    stroke = 1.5
    radius = fmt.safe
    nodes: list[Node] = [
        Path(tuple(rounded_rect_commands(-b, -b, w + 2 * b, h + 2 * b, radius + b)), fill=theme.color("background")),
        Rect(s + stroke / 2, s + stroke / 2, w - 2 * s - stroke, h - 2 * s - stroke, stroke=theme.color("frame"),
             stroke_width=stroke, rx=4.0),
    ]
    inner = Box(s, s, w - 2 * s, h - 2 * s).inset(stroke + 6.0)
    nodes.append(marks_group(c.distinction, theme, inner.x, inner.y, inner.w, inner.h * 0.34))
    col = Box(inner.x, inner.y + inner.h * 0.38, inner.w, inner.h * 0.62)
    words, notes = _words(theme, c, col, align="center", family="window", name_lines=2)
    nodes.extend(words)
    nodes.append(_cut(rounded_rect_commands(0, 0, w, h, radius)))
    return nodes, notes


_LAYOUTS = {"insert": _insert, "sticker": _round, "window": window_nodes}


def local_scene(fmt: PrintFormat, content: BadgeContent, theme: Theme, *, profile: str = "pdfx-4") -> LayoutResult:
    """The print scene of one local format; the window sticker comes out mirrored (meta `mirrored`)."""
    if fmt.family not in _LAYOUTS:
        raise ValueError(f"unknown local print family {fmt.family!r}")
    nodes, notes = _LAYOUTS[fmt.family](theme, content, fmt)
    root = Group(tuple(nodes))
    mirrored = fmt.family == "window"
    if mirrored:
        flipped = mirror(root, fmt.width)
        assert isinstance(flipped, Group)
        root = flipped
    scene = Scene(
        width=fmt.width, height=fmt.height, root=root,
        title=award_title(theme, content.distinction, content.year, content.name),
        desc=award_description(theme, content.distinction, content.year, content.name, content.mentions,
                               content.type_label),
        bleed=fmt.bleed,
        meta={"pdf_profile": profile, "year": str(content.year), "family": fmt.family, "format": fmt.name,
              "safe_mm": f"{fmt.safe:g}", "trim_mm": f"{fmt.width:g}x{fmt.height:g}",
              "mirrored": "yes" if mirrored else "no"},
    )
    return LayoutResult(scene, tuple(notes))
