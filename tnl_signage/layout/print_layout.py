"""Print layouts: road-entry panels, indoor plaques and posters, in mm at 1:1, with bleed and safe area.

The same marks, text engine and theme as the badges; the layout only adapts to the format's ratio:
landscape (panels, plaques) puts the marks beside the words, portrait (posters) stacks them with more air.
Everything readable stays inside the safe area (and out of the mounting holes' zones); the background runs
into the bleed so a trim slightly off never shows a white edge.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from ..domain.colors import Color
from ..domain.formats import PrintFormat, check_bleed, load_formats
from ..domain.theme import Theme
from ..domain.wording import award_description, award_title
from ..drawing.geometry import rounded_rect_commands
from ..drawing.marks import marks_group
from ..drawing.scene import Circle, Group, Node, Path, Rect, Scene
from ..drawing.text import FittedText, fit_text, get_face, text_group
from ..drawing.text.fitting import measure_line
from ..inputs.editions import edition_for
from .badges import BadgeContent, LayoutResult
from .common import Box, place_fixed, place_name

FAMILIES = ("panel", "plaque", "poster")
PT_MM = 25.4 / 72
HAIRLINE_MM = 0.25 * PT_MM
CUT_CONTOUR = Color("CutContour", (236, 0, 140), (0.0, 100.0, 0.0, 0.0), spot="CutContour")
HOLE_CLEARANCE_MM = 3.0
LANDSCAPE_RATIO = 1.2


def _stack(box: Box, rows: Sequence[tuple[str, float]], gap: float) -> dict[str, Box]:
    """Split `box` vertically into rows of relative `weight`, separated by `gap` mm."""
    total = sum(w for _, w in rows)
    room = max(0.0, box.h - gap * (len(rows) - 1))
    out: dict[str, Box] = {}
    y = box.y
    for key, weight in rows:
        h = room * weight / total
        out[key] = Box(box.x, y, box.w, h)
        y += h + gap
    return out


def _best_marks(c: BadgeContent, theme: Theme, box: Box) -> Group:
    """The marks as large as the box allows: one row or compact rows, whichever draws them bigger."""
    best: Group | None = None
    best_scale = -1.0
    for arrangement in ("row", "cluster"):
        group = marks_group(c.distinction, theme, box.x, box.y, box.w, box.h, arrangement=arrangement)
        first = group.children[0]
        scale = getattr(first, "scale", 0.0)
        if scale > best_scale * 1.001:
            best, best_scale = group, scale
    assert best is not None
    return Group(best.children, fill=best.fill, id="marks")


def _hole_zones(fmt: PrintFormat) -> list[Box]:
    """Squares around each mounting hole where nothing may be printed but the hole mark."""
    if fmt.holes is None:
        return []
    r = fmt.holes.diameter / 2 + HOLE_CLEARANCE_MM
    return [Box(x - r, y - r, 2 * r, 2 * r) for x, y in fmt.holes.centres(fmt.width, fmt.height)]


def _clear_of(box: Box, zones: Sequence[Box]) -> Box:
    """`box` shrunk evenly until no hole zone overlaps it."""
    inset = 0.0
    for z in zones:
        b = box.inset(inset)
        dx = min(z.x + z.w - b.x, b.x + b.w - z.x)
        dy = min(z.y + z.h - b.y, b.y + b.h - z.y)
        if dx > 0 and dy > 0:
            inset += min(dx, dy)
    return box.inset(inset)


def _frame_radius(fmt: PrintFormat, base: float, stroke: float) -> float:
    """Corner radius that keeps the frame's corners clear of the holes (the frame curves around them)."""
    if fmt.holes is None:
        return base
    gap = fmt.safe - fmt.holes.inset  # distance from hole centre to the frame's outer edge, on each axis
    need = fmt.holes.diameter / 2 + HOLE_CLEARANCE_MM + stroke
    return max(base, (need - gap * math.sqrt(2)) / (math.sqrt(2) - 1) + 0.1)


def _holes_group(fmt: PrintFormat, theme: Theme) -> Group:
    """Thin circles with a centre cross: where the sign maker drills."""
    assert fmt.holes is not None
    ink = theme.color("muted")
    r = fmt.holes.diameter / 2
    arm = r * 0.5
    nodes: list[Node] = []
    for x, y in fmt.holes.centres(fmt.width, fmt.height):
        nodes.append(Circle(x, y, r, stroke=ink, stroke_width=0.25))
        cross = (("moveTo", ((x - arm, y),)), ("lineTo", ((x + arm, y),)),
                 ("moveTo", ((x, y - arm),)), ("lineTo", ((x, y + arm),)))
        nodes.append(Path(cross, stroke=ink, stroke_width=0.2))
    return Group(tuple(nodes), id="holes", role="holes")


def cut_contour_group(fmt: PrintFormat, radius: float) -> Group:
    """The plotter's cut line: the trim outline with rounded corners, a hairline in the `CutContour` spot."""
    cmds = tuple(rounded_rect_commands(0, 0, fmt.width, fmt.height, radius))
    return Group((Path(cmds, stroke=CUT_CONTOUR, stroke_width=HAIRLINE_MM),), id="cut-contour", role="cut")


def _mentions_text(theme: Theme, c: BadgeContent) -> str:
    """« Mention spéciale : … » in the theme's words (singular or plural)."""
    if len(c.mentions) == 1:
        label = theme.wording.get("mentions_title", "Mention spéciale")
    else:
        label = theme.wording.get("mentions_title_plural", "Mentions spéciales")
    return f"{label} : " + " · ".join(m.name for m in c.mentions)


def _balanced(theme: Theme, text: str, box: Box) -> FittedText | None:
    """`text` on two lines of nearly equal width (« Territoire / Numérique Libre »), as large as fits.

    The text engine would rather keep a long first line when a descender makes the even split smaller;
    a headline reads better balanced.
    """
    face = get_face(theme.font_bold)
    words = text.split()
    if len(words) < 2:
        return None
    splits = [(" ".join(words[:k]), " ".join(words[k:])) for k in range(1, len(words))]
    lines = min(((measure_line(face, a), measure_line(face, b)) for a, b in splits),
                key=lambda pair: abs(pair[0].ink_width - pair[1].ink_width))
    upem = face.units_per_em
    widest = max(line.ink_width for line in lines)
    block = theme.line_height + (lines[0].ink_top - lines[1].ink_bottom) / upem
    size = min(box.w * upem / widest, box.h / block) * 0.9995
    return FittedText(face, lines, size, theme.line_height)


def _title(theme: Theme, box: Box, *, align: str) -> tuple[Group, float]:
    """« Territoire Numérique Libre » on one line or two balanced ones, whichever is larger.

    Returns the size used, so the distinction words never outgrow the label.
    """
    text = theme.word("label")
    one = fit_text(get_face(theme.font_bold), text, box.w, box.h, max_size=box.h, min_size=0.05, max_lines=1)
    two = _balanced(theme, text, box)
    best = max((f for f in (one, two) if f is not None), key=lambda f: f.size, default=None)
    if best is None:
        return Group((), id="label"), 0.0
    group = text_group(best, box.x, box.y, box.w, box.h, fill=theme.color("ink"), align=align)
    return Group((group,), id="label"), best.size


def _landscape(theme: Theme, c: BadgeContent, area: Box, family: str) -> tuple[list[Node], list[str]]:
    """Marks on the left, label / distinction / year on the right, the name across, the website below."""
    ink, accent = theme.color("ink"), theme.color("accent")
    unit = min(area.w, area.h)
    bottom_rows: list[tuple[str, float]] = [("name", 0.21)]
    if c.mentions:
        bottom_rows.append(("mentions", 0.06))
    bottom_rows.append(("footer", 0.055))
    rows = _stack(area, [("top", 0.64), *bottom_rows], unit * 0.04)
    top = rows["top"]
    marks_w = min(top.w * 0.42, top.h * 1.9)
    marks = Box(top.x, top.y, marks_w, top.h)
    col_gap = unit * 0.07
    col = Box(top.x + marks_w + col_gap, top.y, top.w - marks_w - col_gap, top.h)
    right = _stack(col, [("title", 0.34), ("words", 0.17), ("year", 0.49)], top.h * 0.05)
    nodes: list[Node] = [_best_marks(c, theme, marks)]
    title, title_size = _title(theme, right["title"], align="left")
    nodes.append(title)
    nodes.append(Group((place_fixed(theme, c.distinction.words, right["words"], fill=ink, bold=True,
                                    max_size=max(title_size, 0.1), align="left"),), id="distinction"))
    nodes.append(Group((place_fixed(theme, str(c.year), right["year"], fill=accent, bold=True,
                                    max_size=right["year"].h * 1.4, align="left"),), id="year"))
    notes = _name_and_footer(theme, c, rows, family, nodes, max_lines=2, align="center",
                             cap=rows["name"].h)
    return nodes, notes


def _portrait(theme: Theme, c: BadgeContent, area: Box, family: str) -> tuple[list[Node], list[str]]:
    """Label, year, marks, distinction, « décerné à », name, mentions, website: stacked with air."""
    ink, accent, muted = theme.color("ink"), theme.color("accent"), theme.color("muted")
    spec: list[tuple[str, float]] = [
        ("title", 0.13), ("year", 0.12), ("marks", 0.29), ("words", 0.065), ("awarded", 0.03),
        ("name", 0.13),
    ]
    if c.mentions:
        spec.append(("mentions", 0.06))
    spec.append(("footer", 0.03))
    rows = _stack(area, spec, area.h * 0.03)
    nodes: list[Node] = []
    title, title_size = _title(theme, rows["title"], align="center")
    nodes.append(title)
    nodes.append(Group((place_fixed(theme, str(c.year), rows["year"], fill=accent, bold=True,
                                    max_size=rows["year"].h * 1.4),), id="year"))
    nodes.append(_best_marks(c, theme, rows["marks"]))
    nodes.append(Group((place_fixed(theme, c.distinction.words, rows["words"], fill=ink, bold=True,
                                    max_size=max(title_size, 0.1)),), id="distinction"))
    nodes.append(Group((place_fixed(theme, theme.word("awarded_to"), rows["awarded"], fill=muted,
                                    max_size=rows["awarded"].h * 1.3),), id="awarded"))
    notes = _name_and_footer(theme, c, rows, family, nodes, max_lines=3, align="center", cap=title_size)
    return nodes, notes


def _name_and_footer(theme: Theme, c: BadgeContent, rows: dict[str, Box], family: str, nodes: list[Node],
                     *, max_lines: int, align: str, cap: float) -> list[str]:
    """The collectivité's name (fitted, never under the theme's minimum without a note), mentions, website.

    `cap` keeps a short name from growing past the label (and from being broken to grow bigger).
    """
    ink, muted = theme.color("ink"), theme.color("muted")
    notes: list[str] = []
    if c.name:
        box = rows["name"]
        group, notes = place_name(theme, c.name, c.short_name, box, family=family, fill=ink,
                                  max_size=min(box.h * 0.62, cap), max_lines=max_lines, align=align)
        nodes.append(Group((group,), id="name"))
    if c.mentions:
        nodes.append(Group((place_fixed(theme, _mentions_text(theme, c), rows["mentions"], fill=ink,
                                        max_size=rows["mentions"].h * 0.75, max_lines=2, align=align),),
                           id="mentions"))
    footer = f"{theme.word('label')} · label décerné par {theme.word('organiser')} · {theme.word('website')}"
    nodes.append(Group((place_fixed(theme, footer, rows["footer"], fill=muted,
                                    max_size=rows["footer"].h * 1.2, align=align),), id="footer"))
    return notes


def print_scene(
    family: str,
    content: BadgeContent,
    fmt: PrintFormat,
    theme: Theme,
    *,
    bleed: float | None = None,
    cut_contour: bool = False,
    profile: str = "pdfx-4",
) -> LayoutResult:
    """Lay out a panel, plaque or poster at 1:1 in mm; `notes` report a name drawn under its minimum size.

    `bleed` overrides the format's; `cut_contour` adds the plotter path (group id « cut-contour », role
    « cut »); `profile` tells the PDF writer which PDF/X to write (« pdfx-4 » or « pdfx-1a »).
    """
    if family not in FAMILIES:
        raise ValueError(f"unknown print family {family!r}")
    b = fmt.bleed if bleed is None else check_bleed(bleed)
    w, h, safe = fmt.width, fmt.height, fmt.safe
    unit = min(w, h)
    stroke = max(0.8, unit * 0.012)
    radius = _frame_radius(fmt, unit * 0.03, stroke)
    nodes: list[Node] = [
        Group((Rect(-b, -b, w + 2 * b, h + 2 * b, fill=theme.color("background")),), id="background"),
        Group((Rect(safe + stroke / 2, safe + stroke / 2, w - 2 * safe - stroke, h - 2 * safe - stroke,
                    stroke=theme.color("frame"), stroke_width=stroke, rx=radius),), id="frame"),
    ]
    area = _clear_of(Box(safe, safe, w - 2 * safe, h - 2 * safe).inset(stroke + unit * 0.035), _hole_zones(fmt))
    layout = _landscape if area.w >= area.h * LANDSCAPE_RATIO else _portrait
    body, notes = layout(theme, content, area, family)
    nodes.extend(body)
    if fmt.holes is not None:
        nodes.append(_holes_group(fmt, theme))
    if cut_contour:
        nodes.append(cut_contour_group(fmt, cut_radius(family, fmt)))
    scene = Scene(
        width=w, height=h, root=Group(tuple(nodes)),
        title=award_title(theme, content.distinction, content.year, content.name),
        desc=award_description(theme, content.distinction, content.year, content.name, content.mentions,
                               content.type_label),
        bleed=b,
        meta={"pdf_profile": profile, "year": str(content.year),
              "date": edition_for(content.year).award_date.isoformat(), "family": family, "format": fmt.name,
              "safe_mm": f"{safe:g}", "trim_mm": f"{w:g}x{h:g}"},
    )
    return LayoutResult(scene, tuple(notes))


def cut_radius(family: str, fmt: PrintFormat) -> float:
    """The family's rounded corners (signs), never more than a tenth of the shorter side."""
    return min(load_formats().family(family).corner_radius, min(fmt.width, fmt.height) / 10)
