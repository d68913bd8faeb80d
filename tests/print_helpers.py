"""Helpers for the print tests: scene bounds, PDF boxes and content-stream scans, Ghostscript renders."""

from __future__ import annotations

import re
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pikepdf
from fontTools.pens.boundsPen import BoundsPen
from fontTools.pens.transformPen import TransformPen
from PIL import Image

from tnl_signage.domain.formats import PrintFormat, load_formats
from tnl_signage.drawing.pens import replay
from tnl_signage.drawing.scene import Circle, Group, Node, PenCommand, Rect, Scene, Use
from tnl_signage.drawing.scene import Path as ScenePath
from tnl_signage.layout.badges import BadgeContent

PT_PER_MM = 72 / 25.4
Bounds = tuple[float, float, float, float]


def _replay(pen: BoundsPen, commands: list[PenCommand] | tuple[PenCommand, ...]) -> None:
    replay(commands, pen)


def get_format(name: str, family: str) -> PrintFormat:
    """A format of the shipped book (`get_format("A2", "poster")`)."""
    return load_formats().get(name, family)


def node_bounds(node: Node) -> Bounds | None:
    """Exact ink bounds (mm) of everything drawn under `node`: outlines by BoundsPen, strokes included."""
    boxes: list[Bounds] = []
    stack: list[Node] = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, Group):
            stack.extend(item.children)
        elif isinstance(item, Use):
            pen = BoundsPen(None)
            replay(item.symbol.commands, TransformPen(pen, (item.scale, 0, 0, item.scale, item.x, item.y)))
            if pen.bounds:
                boxes.append(pen.bounds)
        elif isinstance(item, Rect):
            h = item.stroke_width / 2 if item.stroke else 0.0
            boxes.append((item.x - h, item.y - h, item.x + item.w + h, item.y + item.h + h))
        elif isinstance(item, Circle):
            r = item.r + (item.stroke_width / 2 if item.stroke else 0.0)
            boxes.append((item.cx - r, item.cy - r, item.cx + r, item.cy + r))
        elif isinstance(item, ScenePath):
            pen = BoundsPen(None)
            _replay(pen, item.commands)
            if pen.bounds:
                h = item.stroke_width / 2 if item.stroke else 0.0
                x0, y0, x1, y1 = pen.bounds
                boxes.append((x0 - h, y0 - h, x1 + h, y1 + h))
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes),
            max(b[3] for b in boxes))


def group_by_id(scene: Scene, gid: str) -> Group | None:
    stack: list[Node] = [scene.root]
    while stack:
        item = stack.pop()
        if isinstance(item, Group):
            if item.id == gid:
                return item
            stack.extend(item.children)
    return None


def inside(inner: Bounds, outer: Bounds, tol: float = 1e-6) -> bool:
    return (inner[0] >= outer[0] - tol and inner[1] >= outer[1] - tol and inner[2] <= outer[2] + tol
            and inner[3] <= outer[3] + tol)


def overlaps(a: Bounds, b: Bounds) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def safe_box(fmt: PrintFormat) -> Bounds:
    return (fmt.safe, fmt.safe, fmt.width - fmt.safe, fmt.height - fmt.safe)


def content(scales, level: str, year: int, name: str | None = "Saint-Martin-d'Hères",  # type: ignore[no-untyped-def]
            mentions: tuple[str, ...] = ()) -> BadgeContent:
    return BadgeContent(scales.find_distinction(level), year, name,
                        mentions=tuple(scales.find_mention(m) for m in mentions))


# --- PDF inspection ------------------------------------------------------------------------------------------

def pdfinfo_boxes(path: Path) -> dict[str, tuple[float, ...]]:
    """Boxes reported by poppler's `pdfinfo -box`, in points."""
    out = subprocess.run(["pdfinfo", "-box", str(path)], capture_output=True, text=True, check=True).stdout
    boxes = {}
    for name in ("MediaBox", "CropBox", "BleedBox", "TrimBox", "ArtBox"):
        m = re.search(rf"^{name}:\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)", out, re.M)
        if m:
            boxes[name] = tuple(float(v) for v in m.groups())
    return boxes


def content_streams(pdf: pikepdf.Pdf) -> Iterator[tuple[str, pikepdf.Object]]:
    """(label, stream owner) for the page and every form XObject it uses, recursively."""
    seen: set[tuple[int, int]] = set()
    todo: list[tuple[str, pikepdf.Object]] = [("page", pdf.pages[0].obj)]
    while todo:
        label, obj = todo.pop()
        yield label, obj
        resources = obj.get("/Resources", pikepdf.Dictionary())
        for name, xobj in resources.get("/XObject", pikepdf.Dictionary()).items():
            if xobj.get("/Subtype") == "/Form" and xobj.objgen not in seen:
                seen.add(xobj.objgen)
                todo.append((name, xobj))


def operators(obj: pikepdf.Object) -> list[tuple[list[object], str]]:
    """The content stream of a page or form as (operands, operator) pairs."""
    return [(list(ins.operands), str(ins.operator)) for ins in pikepdf.parse_content_stream(obj)]


def gs_cmyk(path: Path, dpi: int = 20) -> Image.Image:
    """The PDF rendered by Ghostscript to a CMYK image (device CMYK values kept as they are, no antialiasing)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "page.tif"
        subprocess.run(["gs", "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=tiff32nc", f"-r{dpi}",
                        f"-sOutputFile={out}", str(path)], capture_output=True, check=True)
        with Image.open(out) as image:
            return image.convert("CMYK")


def percent(values: object) -> tuple[int, ...]:
    """Device values 0-255 (a pixel) -> whole percent."""
    assert isinstance(values, tuple)
    return tuple(round(v / 2.55) for v in values)


def pixel_at(image: Image.Image, x: float, y: float) -> tuple[int, ...]:
    """The pixel at (x, y), rounded, in whole percent of each ink."""
    return percent(image.getpixel((round(x), round(y))))


def inks_used(image: Image.Image) -> set[tuple[int, ...]]:
    """Every distinct pixel value of a CMYK render, in whole percent."""
    colors = image.getcolors(maxcolors=1 << 24)
    assert colors is not None
    return {percent(px) for _, px in colors}
