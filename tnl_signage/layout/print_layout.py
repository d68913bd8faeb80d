"""Print layouts: road-entry panels, indoor plaques and posters, in mm at 1:1, with bleed and safe area.

The same marks, text engine and theme as the badges; the layout only adapts to the format's ratio:
landscape (panels, plaques) puts the marks beside the words, portrait (posters) stacks them with more air.
Everything readable stays inside the safe area (and out of the mounting holes' zones); the background runs
into the bleed so a trim slightly off never shows a white edge.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path as FilePath

from ..domain.colors import Color
from ..domain.formats import PrintFormat, check_bleed, load_formats
from ..domain.scales import Distinction, load_scales
from ..domain.theme import Theme
from ..domain.wording import award_description, award_title, mentions_phrase
from ..drawing.geometry import rounded_rect_commands
from ..drawing.marks import MEDAL_SPAN, marks_group
from ..drawing.qr import qr_group
from ..drawing.scene import Circle, Group, Node, Path, Rect, Scene, walk
from ..inputs.editions import edition_for
from .badges import BadgeContent, LayoutResult
from .common import Box, place_fixed, place_name
from .legibility import Minimums, cap_ratio, minimums
from .typescale import HUGE, Item, Sized, plan, shapes

FAMILIES = ("panel", "plaque", "poster")
PT_MM = 25.4 / 72
HAIRLINE_MM = 0.25 * PT_MM
CUT_CONTOUR = Color("CutContour", (236, 0, 140), (0.0, 100.0, 0.0, 0.0), spot="CutContour")
HOLE_CLEARANCE_MM = 3.0
LANDSCAPE_RATIO = 1.2


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


def _footer(theme: Theme) -> str:
    """Who awards the label and where to learn more; the label's own name is already the title."""
    return f"label décerné par {theme.word('organiser')} · {theme.word('website')}"


@dataclass(frozen=True)
class _Parts:
    """What a print layout draws, with the type-scale ratio (cap height in units of k) of each part."""

    theme: Theme
    content: BadgeContent
    name: str | None
    qr_url: str | None
    fixed: tuple[tuple[str, float], ...] = ()  # cap heights (mm) set for the whole format (year, words)

    def _primary(self, key: str, mins: Minimums | None) -> tuple[float, float]:
        """Floor and ceiling of a primary text: the format's fixed size if known, else the glance size."""
        size = dict(self.fixed).get(key)
        if size is not None:
            return size, size * 1.0001
        return (mins.primary if mins else 0.0), HUGE

    def text(self, key: str, text: str, ratio: float, *, bold: bool = True, max_lines: int = 1,
             not_above: tuple[str, ...] = (), width: float | None = None) -> Item:
        font = self.theme.font_bold if bold else self.theme.font_regular
        return Item(key, ratio, text, font, max_lines=max_lines, not_above=not_above, width=width)

    def title(self, width: float | None = None) -> Item:
        """The label's name, once: secondary."""
        return Item("title", 1.0, self.theme.word("label"), self.theme.font_bold, max_lines=2, width=width,
                    not_above=("words",))

    def words(self, width: float | None = None, mins: Minimums | None = None, max_lines: int = 2) -> Item:
        """The distinction in words: primary, never under the glance size if the width allows it."""
        return Item("words", 2.2, self.content.distinction.words, self.theme.font_bold, max_lines=max_lines,
                    width=width, floor=self._primary("words", mins)[0], ceiling=self._primary("words", mins)[1])

    def year(self, width: float | None = None, mins: Minimums | None = None) -> Item:
        """The year: the largest thing on the sign."""
        return Item("year", 3.6, str(self.content.year), self.theme.font_bold, width=width,
                    floor=self._primary("year", mins)[0], ceiling=self._primary("year", mins)[1])

    def marks(self, aspect: float) -> Item:
        return Item("marks", 5.2, aspect=aspect)

    def lower(self, width: float | None = None) -> list[Item]:
        """Name, mentions and footer: secondary, then boilerplate; the mentions never under the footer."""
        items: list[Item] = []
        if self.name:
            items.append(self.text("name", self.name, 1.0, max_lines=2, not_above=("title",), width=width))
        if self.content.mentions:
            items.append(self.text("mentions", mentions_phrase(self.content.mentions), 0.8, bold=False,
                                   max_lines=2, not_above=("name", "title"), width=width))
        items.append(self.text("footer", _footer(self.theme), 0.5, bold=False, not_above=("mentions",),
                               width=width))
        return items


Layout = Callable[[_Parts, Box, PrintFormat, str, Minimums, list[str]], list[Node]]
GROUP_IDS = {"title": "label", "words": "distinction"}  # layer names a sign maker sees in the SVG
GAP = 0.45  # gaps between rows, in units of k (the secondary cap height)


def _marks_aspect(c: BadgeContent, landscape: bool) -> float:
    """Width / height of the marks drawing: the medal with three stars, or five copyleft marks."""
    if c.distinction.drawing == "medal":
        return MEDAL_SPAN[0] / MEDAL_SPAN[1]
    return 3.24 / 2.07 if landscape else 5.72


def _place(parts: _Parts, sized: Sized, box: Box, *, align: str, family: str, minimum: float,
           notes: list[str]) -> Node:
    """Draw one planned item in its box."""
    theme, c = parts.theme, parts.content
    colours = {"title": "ink", "words": "ink", "year": "accent", "name": "ink", "mentions": "ink",
               "footer": "muted", "awarded": "muted"}
    if sized.key == "marks":
        return _marks(c, theme, box)
    if sized.key == "qr":
        return _qr(parts, box, align=align)
    fill = theme.color(colours[sized.key])
    text = {"title": theme.word("label"), "words": c.distinction.words, "year": str(c.year),
            "footer": _footer(theme), "awarded": theme.word("awarded_to")}.get(sized.key)
    if sized.key == "mentions":
        text = mentions_phrase(c.mentions)
    if sized.key == "name":
        assert parts.name is not None
        # The name is for people near the sign (the entry sign already names the place): the theme's
        # minimum for the family, not the reading distance's.
        group, name_notes = place_name(theme, parts.name, None, box, family=family, fill=fill,
                                       max_size=sized.size * 1.0001, max_lines=2, align=align)
        notes.extend(name_notes)
        return Group((group,), id="name")
    assert text is not None
    bold = sized.key in ("title", "words", "year", "name")
    return Group((place_fixed(theme, text, box, fill=fill, bold=bold, max_size=sized.size * 1.0001,
                              max_lines=max(1, sized.lines), align=align),), id=GROUP_IDS.get(sized.key, sized.key))


def _marks(c: BadgeContent, theme: Theme, box: Box) -> Group:
    """The marks (or medal) centred in `box`, as the « marks » layer."""
    group = marks_group(c.distinction, theme, box.x, box.y, box.w, box.h)
    return Group(group.children, fill=group.fill, id="marks")


def _qr(parts: _Parts, box: Box, *, align: str) -> Node:
    """The QR code to the verification page, the address under it (as on the certificate)."""
    assert parts.qr_url is not None
    theme = parts.theme
    ink, ground = theme.color("ink"), theme.color("background")
    dark, light = (ink, ground) if ink.luminance < ground.luminance else (ground, ink)
    side = min(box.w, box.h * QR_SHARE)
    x = {"left": box.x, "right": box.x + box.w - side}.get(align, box.x + (box.w - side) / 2)
    code = qr_group(parts.qr_url, x, box.y, side, dark=dark, light=light, ecc="M")
    address = parts.qr_url.split("://", 1)[-1]
    # The address may run wider than the code, over the whole box, on the side the code is aligned to.
    tw = box.w
    tx = box.x
    text_box = Box(tx, box.y + side + box.h * 0.03, tw, box.h * (1 - QR_SHARE) - box.h * 0.03)
    label = place_fixed(theme, address, text_box, fill=theme.color("ink"), max_size=text_box.h / 2.4,
                        max_lines=2, align=align)
    return Group((code, label), id="qr")


QR_SHARE = 0.8  # of the QR block's height, the code itself; the rest is its address


def _qr_item(fmt: PrintFormat, area: Box, width: float) -> Item:
    """A QR block: the code (an eighth of the shorter side, 25 mm at least) and its address under it."""
    side = min(max(25.0, min(area.w, area.h) * 0.16), min(area.w, area.h) * 0.3)
    return Item("qr", 0.0, fixed_height=side / QR_SHARE, width=width)


def _stack(parts: _Parts, items: list[Item], box: Box, *, align: str, family: str, mins: Minimums,
           notes: list[str], k_max: float = HUGE) -> tuple[list[Node], dict[str, Sized]]:
    """Plan `items` in `box`, share the height left over between the gaps, and draw them."""
    sized = plan(items, box.w, box.h, GAP, k_max=k_max)
    used = sum(s.height for s in sized)
    gap = (box.h - used) / max(1, len(sized) - 1) if len(sized) > 1 else 0.0
    y = box.y + (box.h - used) / 2 if len(sized) == 1 else box.y
    boxes: dict[str, Box] = {}
    for s in sized:
        w = s.width if s.key in ("marks",) else next(i.width for i in items if i.key == s.key) or box.w
        x = box.x + (box.w - w) / 2 if s.key == "marks" or align == "center" else box.x
        boxes[s.key] = Box(x, y, w, s.height)
        y += s.height + gap
    # The name is drawn first: « décerné à », above it, must come out smaller than the name as drawn.
    drawn: dict[str, Node] = {}
    by_key = {s.key: s for s in sized}
    for key in sorted(boxes, key=lambda k: k != "name"):
        s = by_key[key]
        if key == "awarded" and "name" in drawn:
            spans = [span for n in walk(drawn["name"]) if isinstance(n, Group) for span in n.spans]
            if spans:
                s = replace(s, size=min(s.size, min(span.size for span in spans) * 0.9))
        drawn[key] = _place(parts, s, boxes[key], align=align, family=family, minimum=mins.secondary,
                            notes=notes)
    return [drawn[s.key] for s in sized], by_key


def _check_minimums(sizes: dict[str, Sized], mins: Minimums, fmt: PrintFormat, notes: list[str]) -> None:
    """Say so when the format is too small for its year or distinction to be read at its distance."""
    for key, label in (("year", "l'année"), ("words", "la distinction")):
        s = sizes.get(key)
        if s is not None and s.cap < mins.primary * 0.999:
            notes.append(f"format {fmt.name} trop petit pour être lu à {mins.distance_m:g} m : {label} a "
                         f"{s.cap:.0f} mm de hauteur de capitale, il en faut {mins.primary:.0f}")


def _portrait(parts: _Parts, area: Box, fmt: PrintFormat, family: str, mins: Minimums,
              notes: list[str]) -> list[Node]:
    """Tall and square formats: label, year, marks, distinction, « décerné à », name, mentions, QR, website."""
    items = [parts.title(area.w), parts.year(area.w, mins), parts.marks(_marks_aspect(parts.content, False)),
             parts.words(area.w, mins)]
    if parts.name:
        items.append(parts.text("awarded", parts.theme.word("awarded_to"), 0.6, bold=False,
                                not_above=("name",)))
    items += parts.lower()
    if parts.qr_url:
        items.insert(-1, _qr_item(fmt, area, area.w))
    nodes, sizes = _stack(parts, items, area, align="center", family=family, mins=mins, notes=notes)
    _check_minimums(sizes, mins, fmt, notes)
    return nodes


def _one_line_width(font: FilePath, text: str, cap: float) -> float:
    """Width (mm) of `text` on one line with capitals `cap` mm high."""
    found = shapes(text, font, 1)
    return found[0][0] * cap / cap_ratio(font) if found else 0.0


def _longest_words(distinction: Distinction) -> str:
    """The longest distinction words of `distinction`'s scale (« Label Argent », « Niveau 1 sur 5 »)."""
    return max((d.words for d in load_scales().scale(distinction.scale_id).distinctions), key=len)


def _landscape(parts: _Parts, area: Box, fmt: PrintFormat, family: str, mins: Minimums,
               notes: list[str]) -> list[Node]:
    """Marks on the left of the label and the year; the distinction in words across the width under them
    (it needs the width to reach its size on one line); then the name, the mentions and the website, with
    the QR code (if any) at the right of those rows."""
    c = parts.content
    aspect = _marks_aspect(c, True)
    gap = min(area.w, area.h) * 0.06
    qr = _qr_item(fmt, area, 0.0) if parts.qr_url else None
    qr_w = 2 * qr.fixed_height * QR_SHARE if qr is not None and qr.fixed_height else 0.0  # code + address
    lower_w = area.w - qr_w - gap if qr is not None else None
    marks_w = area.w * 0.3
    band = 2
    items: list[Item] = []
    sized: list[Sized] = []
    for _ in range(2):  # the marks' width follows the band's height, which follows the column's width
        right_w = area.w - marks_w - gap
        # Short words (« Label Or ») join the band beside the marks; long ones need the whole width.
        # Decided on the scale's longest words, so every level of a scale is arranged (and its marks sized) alike.
        in_band = _one_line_width(parts.theme.font_bold, _longest_words(c.distinction), mins.primary) <= right_w
        words = parts.words(right_w if in_band else lower_w, mins, max_lines=1)
        head = [parts.title(right_w), words, parts.year(right_w, mins)] if in_band else \
            [parts.title(right_w), parts.year(right_w, mins), words]
        band = 3 if in_band else 2
        items = [*head, *parts.lower(lower_w)]
        sized = plan(items, area.w, area.h, GAP)
        spare = (area.h - sum(s.height for s in sized)) / (len(sized) - 1)
        band_h = sum(s.height for s in sized[:band]) + spare * (band - 1)
        marks_w = max(area.w * 0.18, min(area.w * 0.42, band_h * aspect))
    marks_w = min(marks_w, area.w - right_w - gap)  # never into the column planned beside it
    used = sum(s.height for s in sized)
    g = (area.h - used) / max(1, len(sized) - 1)
    nodes: list[Node] = []
    y = area.y
    band_bottom = area.y
    lower_top = area.y + area.h
    for s, item in zip(sized, items, strict=True):
        w = item.width or area.w
        in_band = items.index(item) < band
        x = area.x + area.w - w if in_band else area.x
        if items.index(item) == band:
            lower_top = y
        nodes.append(_place(parts, s, Box(x, y, w, s.height), align="left", family=family,
                            minimum=mins.secondary, notes=notes))
        if in_band:
            band_bottom = y + s.height
        y += s.height + g
    nodes.insert(0, _marks(c, parts.theme, Box(area.x, area.y, marks_w, band_bottom - area.y)))
    if qr is not None and qr.fixed_height is not None:
        h = min(qr.fixed_height, area.y + area.h - lower_top)
        nodes.append(_qr(parts, Box(area.x + area.w - qr_w, area.y + area.h - h, qr_w, h), align="right"))
    _check_minimums({s.key: s for s in sized}, mins, fmt, notes)
    return nodes


def _wide(parts: _Parts, area: Box, fmt: PrintFormat, family: str, mins: Minimums,
          notes: list[str]) -> list[Node]:
    """4:1 and beyond: three columns, marks | distinction and year | label, name, mentions, website."""
    c = parts.content
    gap = area.h * 0.12
    marks_w = min(area.w * 0.28, area.h * _marks_aspect(c, True))
    rest = area.w - marks_w - 2 * gap
    mid = Box(area.x + marks_w + gap, area.y, rest * 0.42, area.h)
    right = Box(mid.x + mid.w + gap, area.y, area.w - (mid.x + mid.w + gap - area.x), area.h)
    nodes: list[Node] = [_marks(c, parts.theme, Box(area.x, area.y, marks_w, area.h))]
    primary, sizes = _stack(parts, [parts.words(mid.w, mins), parts.year(mid.w, mins)], mid, align="left",
                            family=family, mins=mins, notes=notes)
    nodes += primary
    k = sizes["words"].cap * 0.9  # the label (ratio 1) at most nine tenths of the distinction
    items = [parts.title(right.w), *parts.lower()]
    if parts.qr_url:
        items.insert(-1, _qr_item(fmt, area, right.w))
    secondary, _ = _stack(parts, items, right, align="left", family=family, mins=mins, notes=notes, k_max=k)
    nodes += secondary
    _check_minimums(sizes, mins, fmt, notes)
    return nodes


WIDE_RATIO = 2.6

def print_scene(
    family: str,
    content: BadgeContent,
    fmt: PrintFormat,
    theme: Theme,
    *,
    bleed: float | None = None,
    cut_contour: bool = False,
    profile: str = "pdfx-4",
    qr_url: str | None = None,
) -> LayoutResult:
    """Lay out a panel, plaque or poster at 1:1 in mm; `notes` report a name drawn under its minimum size
    or a format too small to be read at its distance.

    Letter heights follow the format's reading distance (`legibility`): the year and the distinction are
    sized to be read at a glance, the label, name and mentions at least at the threshold of acuity, the
    website last. The arrangement follows the ratio: stacked (square, tall), side by side (landscape),
    three columns (4:1 and wider). `content.name` None leaves the name out (a road panel may: the entry
    sign names the place). `qr_url` adds a QR code to that address with the address under it.
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
    ratio = area.w / area.h
    layout = _wide if ratio >= WIDE_RATIO else _landscape if ratio >= LANDSCAPE_RATIO else _portrait
    notes: list[str] = []
    mins = minimums(fmt.reading_distance)
    fixed = _format_sizes(layout, theme, fmt, family, area, content.distinction, content.year,
                          content.name is not None, qr_url is not None)
    parts = _Parts(theme, content, content.name, qr_url, fixed)
    nodes.extend(layout(parts, area, fmt, family, mins, notes))
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
              "safe_mm": f"{safe:g}", "trim_mm": f"{w:g}x{h:g}", "reading_distance_m": f"{fmt.reading_distance:g}"},
    )
    return LayoutResult(scene, tuple(notes))


REFERENCE_NAME = "Commune de Saint-Étienne-du-Rouvray"  # a name of two lines on a road panel


@lru_cache(maxsize=64)
def _format_sizes(layout: Layout, theme: Theme, fmt: PrintFormat, family: str, area: Box, distinction: Distinction,
                  year: int, named: bool, qr: bool) -> tuple[tuple[str, float], ...]:
    """The year's and the distinction's sizes for a whole format: those of its most demanding sign (the
    scale's longest words, every mention, a two-line name), so that one format shows them alike on every
    laureate's sign (« 2025 » is never 89 mm here and 79 mm there)."""
    scale = load_scales().scale(distinction.scale_id)
    longest = max(scale.distinctions, key=lambda d: (len(d.words), d.rank))
    mentions = tuple(load_scales().mentions)[:2] if scale.allows_mentions else ()
    reference = BadgeContent(longest, year, REFERENCE_NAME if named else None, mentions=mentions)
    parts = _Parts(theme, reference, reference.name, "https://example.org/0000/reference/" if qr else None)
    nodes = layout(parts, area, fmt, family, minimums(fmt.reading_distance), [])
    caps: list[tuple[str, float]] = []
    for key, gid in (("year", "year"), ("words", "distinction")):
        group = next((n for n in nodes if isinstance(n, Group) and n.id == gid), None)
        spans = [s for n in walk(group) if isinstance(n, Group) for s in n.spans] if group is not None else []
        if spans:
            caps.append((key, min(s.size for s in spans) * cap_ratio(FilePath(spans[0].font_path))))
    return tuple(caps)


def cut_radius(family: str, fmt: PrintFormat) -> float:
    """The family's rounded corners (signs), never more than a tenth of the shorter side."""
    return min(load_formats().family(family).corner_radius, min(fmt.width, fmt.height) / 10)
