"""The format-free scene: a small tree of primitives in millimetres, y pointing down.

Layouts build scenes; writers (SVG, PNG, PDF) only read them. Outlines are stored once as
`Symbol`s (glyphs, marks) and placed with `Use`, so writers can share them (<defs>/<use>, PDF forms).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from ..domain.colors import Color

Point = tuple[float, float]
# fontTools RecordingPen vocabulary: ("moveTo", (p,)), ("lineTo", (p,)), ("curveTo", (p1, p2, p3)),
# ("qCurveTo", (p1, ..., pn)), ("closePath", ()), ("endPath", ()).
PenCommand = tuple[str, tuple[Point, ...]]


@dataclass(frozen=True, eq=False)
class Symbol:
    """A reusable outline in its own units (font units for glyphs), drawn through `Use`.

    Compared and hashed by identity: symbols are made once and cached by their makers, so
    writers can cache per symbol (SVG path data) without hashing every coordinate.
    """

    id: str
    commands: tuple[PenCommand, ...]
    fill_rule: str = "nonzero"


@dataclass(frozen=True)
class Use:
    """Place `symbol` so that its point (u, v) lands at (x + scale*u, y + scale*v) mm."""

    symbol: Symbol
    x: float
    y: float
    scale: float
    fill: Color | None = None


@dataclass(frozen=True)
class Rect:
    """A rectangle in mm; `dash` is a stroke's dash pattern in mm (on, off, …), empty for a solid line.

    `space` (on every shape) makes a PDF writer paint this shape in "cmyk" or "rgb" whatever its own
    colour space (a swatch showing both); "" = the writer's own. Screen writers are RGB anyway.
    """

    x: float
    y: float
    w: float
    h: float
    fill: Color | None = None
    stroke: Color | None = None
    stroke_width: float = 0.0
    rx: float = 0.0
    dash: tuple[float, ...] = ()
    space: str = ""


@dataclass(frozen=True)
class Circle:
    cx: float
    cy: float
    r: float
    fill: Color | None = None
    stroke: Color | None = None
    stroke_width: float = 0.0
    space: str = ""


@dataclass(frozen=True)
class Path:
    """A free outline in mm (pen commands), filled and/or stroked."""

    commands: tuple[PenCommand, ...]
    fill: Color | None = None
    stroke: Color | None = None
    stroke_width: float = 0.0
    fill_rule: str = "nonzero"
    space: str = ""


SPACES = ("", "cmyk", "rgb")  # a shape's `space`: "" = the writer's own (CMYK for print, RGB for screen)


@dataclass(frozen=True)
class Embed:
    """Another PDF's first page, cut to its TrimBox, placed into the box (x, y, w, h) mm.

    Its drawing is copied, not drawn again: PDF writers place it as a form XObject named `name`
    whose content stream is the page's own (still compressed); formats that cannot place a PDF
    page (SVG, cairo) leave it out, so a layout draws a frame or a caption around it.
    """

    x: float
    y: float
    w: float
    h: float
    name: str
    pdf: bytes = field(repr=False, compare=False)


@dataclass(frozen=True)
class TextSpan:
    """The words behind a line of outlined glyphs: lets a PDF writer add selectable, searchable text."""

    text: str
    font_path: str
    size: float
    x: float
    baseline: float
    width: float


@dataclass(frozen=True)
class Group:
    """Children drawn in order; `fill` is inherited by `Use` children without their own fill.

    `id` names a layer a sign maker looks for (e.g. "cut-contour"); `role` tells writers what the
    group is for ("cut" = a plotter path, not printed ink). `spans` is set on outlined text groups.
    `tag` is the group's structure role in a tagged PDF ("H1", "P", "Figure"…: what a screen reader
    announces), `alt` the alternative text of a "Figure"; untagged groups are decoration (artifacts).
    """

    children: tuple[Node, ...]
    fill: Color | None = None
    id: str | None = None
    role: str | None = None
    spans: tuple[TextSpan, ...] = ()
    tag: str | None = None
    alt: str | None = None


Node = Rect | Circle | Path | Use | Group | Embed


@dataclass(frozen=True)
class Scene:
    """A whole asset: size in mm, content, and the accessible title/description it carries.

    `px_size` is the natural pixel size of web assets (None for print, sized in mm);
    `bleed` is the margin (mm) drawn around the trim box for print assets.
    """

    width: float
    height: float
    root: Group
    title: str
    desc: str
    px_size: tuple[int, int] | None = None
    bleed: float = 0.0
    meta: dict[str, str] = field(default_factory=dict, compare=False)

    def walk(self) -> Iterator[Node]:
        yield from walk(self.root)


def walk(node: Node) -> Iterator[Node]:
    """Depth-first traversal in drawing order."""
    yield node
    if isinstance(node, Group):
        for child in node.children:
            yield from walk(child)
