"""The printer's A4 spec sheet (« fiche technique »): its scene (`layout.spec_sheet`) written as a PDF/X-4.

PDF/X-4 like the files it describes: the same FOGRA39 output intent, so its CMYK swatches are the exact
values sent to the press, and the thumbnail (the print PDF's own page, placed as a form XObject) keeps its
DeviceCMYK and CutContour separation unconverted. Unlike a sign, the sheet's words are selectable:
outlined glyphs with invisible text over them in the embedded, subset Atkinson Hyperlegible TTFs (no
base-14 font). RGB swatches are sRGB (a DefaultRGB ICC space). No clock: same inputs, same bytes.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO, Any

import pikepdf
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from .. import __version__
from ..domain.colors import Color
from ..domain.formats import Family, PrintFormat
from ..drawing.scene import Group, Scene, Symbol
from ..layout.spec_sheet import THUMBNAIL, SheetFacts, color_label, spec_sheet_scene
from .paint import Run, inks
from .pdf_draw import PdfBackend, binary_canvas, declare_srgb, place_pages
from .pdf_outline import outline
from .pdfa import ArchiveBackend, _font
from .pdfx import (
    FLAVOURS,
    MARK_GAP_MM,
    MARK_WIDTH_PT,
    OUTPUT_CONDITION,
    OUTPUT_INFO,
    PrintBackend,
    _fill_operator,
    finish,
    page_geometry,
    print_color,
)

PROFILE_NAMES = {"pdfx-4": "PDF/X-4 (ISO 15930-7)", "pdfx-1a": "PDF/X-1a:2001 (ISO 15930-1)"}
SHEET_PROFILE = "pdfx-4"
__all__ = ["THUMBNAIL", "SheetFile", "used_colors", "write_spec_sheet"]


@dataclass(frozen=True)
class SheetFile:
    """A file delivered with the sheet: its name and bytes (for size and checksum)."""

    name: str
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def used_colors(scene: Scene) -> list[tuple[str, Color]]:
    """Printed colours of the scene, in drawing order, once per value, with every role that uses it.

    Spot colours (the cut path) are left out: they are not printed.
    """
    seen: dict[tuple[tuple[int, int, int], tuple[float, ...]], list[Color]] = {}
    for ink in inks(scene):
        color = ink.color
        if ink.role == "group" or color.spot:
            continue
        same = seen.setdefault((color.rgb, color.cmyk), [])
        if all(c.name != color.name for c in same):
            same.append(color)
    return [(color_label(group), group[0]) for group in seen.values()]


class SheetBackend(ArchiveBackend, PrintBackend):
    """The archive backend's invisible text over outlined glyphs, in the print backend's exact CMYK.

    A sheet sets ~1,900 glyphs from ~90 outlines, so every outline is one form XObject (named after its
    symbol) and a line of glyphs is one `cm` to its first glyph, then one short relative `cm` per glyph
    (HarfBuzz positions are whole font units): little to format, a small page stream.
    """

    def __init__(self, canvas: Canvas, scene: Scene, **kw: Any) -> None:
        PdfBackend.__init__(self, canvas, scene, **kw)  # no use count: every outline is a form
        self.forms = {}

    _runs: dict[tuple[int, int, float, float], tuple[Run, str, tuple[Symbol, ...]]] = {}

    def place(self, run: Run) -> None:
        """Operators of a run, remembered per run: the layout hands the same lines to every sheet."""
        key = (id(run[0].use), len(run), self.dx, self.top)
        known = self._runs.get(key)
        if known is None or known[0][0].use is not run[0].use or known[0][0].fill is not run[0].fill:
            if len(self._runs) > 4096:
                self._runs.clear()
            known = self._runs[key] = (run, self._run_ops(run), tuple(p.use.symbol for p in run if p.fill is not None))
        for symbol in known[2]:
            if symbol.id not in self.forms:
                self.forms[symbol.id] = (symbol.id, outline(symbol))
        if known[1]:
            self.canvas.addLiteral(known[1])

    def _run_ops(self, run: Run) -> str:
        ops: list[str] = []
        current: Color | None = None
        scale = prev_x = prev_y = 0.0
        for placed in run:
            fill, use = placed.fill, placed.use
            if fill is None:
                continue
            if use.scale != scale or fill is not current:
                if ops:
                    ops.append("Q")
                x, y = self.pt(use.x, use.y)
                k = use.scale * mm
                ops += ["q", _fill_operator(fill), f"{k:.6f} 0 0 {-k:.6f} {x:.2f} {y:.2f} cm"]
                scale, current = use.scale, fill
            else:
                dx, dy = round((use.x - prev_x) / scale, 1), round((use.y - prev_y) / scale, 1)
                ops.append(f"1 0 0 1 {dx:g} {dy:g} cm")
            prev_x, prev_y = use.x, use.y
            ops.append(f"/{use.symbol.id} Do")
        if ops:
            ops.append("Q")
        return "\n".join(ops)

    def end_group(self, group: Group, fill: Color | None) -> None:
        PrintBackend.end_group(self, group, fill)
        ArchiveBackend.end_group(self, group, fill)


def _glyph_forms(pdf: pikepdf.Pdf, backend: SheetBackend) -> None:
    """Each outline the page calls by its symbol's name, as a form (operators compressed once per process)."""
    xobjects = pdf.pages[0].obj.Resources.get("/XObject")
    if xobjects is None:
        xobjects = pdf.pages[0].obj.Resources.XObject = pikepdf.Dictionary()
    for name, shape in backend.forms.values():
        xobjects[f"/{name}"] = pdf.make_indirect(pikepdf.Stream(
            pdf, shape.data, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form, BBox=pikepdf.Array(shape.bbox),
            Resources=pikepdf.Dictionary(), Filter=pikepdf.Name.FlateDecode))


def _draw(sheet: Scene) -> tuple[bytes, SheetBackend]:
    buf = io.BytesIO()
    regular = next(s for n in sheet.walk() if isinstance(n, Group) for s in n.spans)
    canvas = binary_canvas(buf, pagesize=(sheet.width * mm, sheet.height * mm), invariant=1,
                           initialFontName=_font(regular.font_path).name)
    backend = SheetBackend(canvas, sheet, color=print_color)
    backend.draw()
    canvas.showPage()
    canvas.save()
    return buf.getvalue(), backend


def write_spec_sheet(
    out: IO[bytes],
    *,
    scene: Scene,
    fmt: PrintFormat,
    family: Family,
    files: Sequence[SheetFile],
    print_pdf: bytes,
    profile: str = "pdfx-4",
    marks: bool = True,
    cut_contour_in: str | None = None,
    cut_radius: float = 0.0,
) -> None:
    """Write the A4 spec sheet of one print file set; `cut_contour_in` says which files carry the cut path.

    `print_pdf` is the printer's PDF (standard `profile`), shown trimmed as the thumbnail. One page always:
    the layout makes the thumbnail smaller if the text would run into the footer.
    """
    standard = PROFILE_NAMES.get(profile, profile)
    if profile in FLAVOURS:
        standard += f" — clé GTS_PDFXVersion « {FLAVOURS[profile].version} »"
    facts = SheetFacts(
        scene=scene, fmt=fmt, family=family,
        files=tuple((f.name, len(f.data), f.sha256) for f in files),
        colors=tuple(used_colors(scene)), standard=standard,
        output_intent=f"{OUTPUT_CONDITION} — {OUTPUT_INFO}",
        marks=(MARK_WIDTH_PT, MARK_GAP_MM) if marks else None,
        cut_contour_in=cut_contour_in, cut_radius=cut_radius, print_pdf=print_pdf)
    sheet = spec_sheet_scene(facts, version=__version__)
    drawn, backend = _draw(sheet)

    def extend(pdf: pikepdf.Pdf) -> None:
        _glyph_forms(pdf, backend)
        place_pages(pdf, backend.embeds)
        declare_srgb(pdf)

    finish(drawn, sheet, page_geometry(sheet, marks=False), FLAVOURS[SHEET_PROFILE], out,
           live_text=True, extend=extend)
