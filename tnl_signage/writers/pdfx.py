"""PDF/X writer for print scenes: PDF/X-4 (default) or PDF/X-1a:2001, what a sign printer's RIP expects.

reportlab draws the scene (through the paint walk's PDF backend, `PrintBackend`, with the theme's exact
CMYK values), the crop marks and the vinyl cut line; pikepdf then writes what reportlab cannot:
TrimBox/BleedBox to 0.0001 pt, the FOGRA39 output intent with its ICC profile, XMP metadata,
the PDF/X keys and a deterministic /ID.
There is no live text (every glyph is an outline), no RGB and no transparency, so nothing has to be
converted or flattened at the printer. Same scene, same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from itertools import groupby
from typing import IO, Any

import pikepdf
from pikepdf import Array, Dictionary, Name
from reportlab.lib.colors import CMYKColor, CMYKColorSep
from reportlab.lib.colors import Color as RLColor
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from ..domain.colors import Color
from ..drawing.scene import Group, Scene
from ..errors import InputError
from ..inputs.editions import edition_for
from .paint import Placed, Run
from .pdf_draw import PdfBackend, binary_canvas, cmyk, no_text_font
from .pdf_finish import DocumentText, Finish, OutputIntent, finish_document, save, stamp
from .pdf_outline import outline

ICC_FILE = ("icc", "FOGRA39-tnl.icc")
OUTPUT_CONDITION = "FOGRA39"
OUTPUT_REGISTRY = "http://www.color.org"
OUTPUT_INFO = "Coated FOGRA39 (ISO 12647-2:2004)"
MARK_GAP_MM = 3.0  # crop marks start this far beyond the bleed (>= 2 mm, so they never print on the sign)
MARK_LENGTH_MM = 8.0
MARK_ROOM_MM = 2.0  # paper left around the marks
MARK_WIDTH_PT = 0.25
# Registration: 100 % of each of the four inks, so the marks show on every plate (and every film).
REGISTRATION = CMYKColor(1, 1, 1, 1)


INTENT = OutputIntent("GTS_PDFX", ICC_FILE, 4, OUTPUT_CONDITION, OUTPUT_INFO, condition=OUTPUT_INFO,
                      registry=OUTPUT_REGISTRY)


@dataclass(frozen=True)
class Flavour:
    """What differs between PDF/X-4 and PDF/X-1a:2001."""

    version: str
    conformance: str | None
    pdf_version: str

    @property
    def finish(self) -> Finish:
        """The shared finishing, with this flavour's identification (XMP and Info) and trapping key."""
        xmp: tuple[tuple[str, str], ...]
        info: tuple[tuple[str, str], ...]
        if self.conformance:  # PDF/X-1a:2001 identifies itself in the pdfx namespace (ISO 15930-1)
            xmp = (("pdfx:GTS_PDFXVersion", self.version), ("pdfx:GTS_PDFXConformance", self.conformance))
            info = (("GTS_PDFXVersion", self.version), ("GTS_PDFXConformance", self.conformance))
        else:  # PDF/X-4 in the pdfxid namespace (ISO 15930-7)
            xmp = (("pdfxid:GTS_PDFXVersion", self.version),)
            info = (("GTS_PDFXVersion", self.version),)
        return Finish(INTENT, self.pdf_version, xmp, info, trapped=False, document_id=True)


FLAVOURS = {
    "pdfx-4": Flavour("PDF/X-4", None, "1.6"),
    "pdfx-1a": Flavour("PDF/X-1:2001", "PDF/X-1a:2001", "1.3"),
}


@dataclass(frozen=True)
class PageGeometry:
    """Page boxes in mm from the page's lower-left corner: `margin` = room from trim to the paper's edge."""

    width: float
    height: float
    bleed: float
    margin: float

    @property
    def media(self) -> tuple[float, float, float, float]:
        return (0.0, 0.0, self.width + 2 * self.margin, self.height + 2 * self.margin)

    @property
    def trim(self) -> tuple[float, float, float, float]:
        m = self.margin
        return (m, m, m + self.width, m + self.height)

    @property
    def bleed_box(self) -> tuple[float, float, float, float]:
        x0, y0, x1, y1 = self.trim
        b = self.bleed
        return (x0 - b, y0 - b, x1 + b, y1 + b)


def page_geometry(scene: Scene, marks: bool) -> PageGeometry:
    """Without marks the paper is the bleed box; with marks it leaves room for them outside the bleed."""
    margin = scene.bleed + (MARK_GAP_MM + MARK_LENGTH_MM + MARK_ROOM_MM if marks else 0.0)
    return PageGeometry(scene.width, scene.height, scene.bleed, margin)


def print_color(color: Color) -> RLColor:
    """The theme's exact CMYK; a spot colour becomes a Separation with that CMYK as its alternate."""
    if color.spot:
        c, m, y, k = (v / 100.0 for v in color.cmyk)
        return CMYKColorSep(c, m, y, k, spotName=color.spot)
    return cmyk(color)


def _fill_operator(color: Color) -> str:
    """The `k` operator of a process colour (the theme's exact CMYK)."""
    return " ".join(f"{v / 100.0:g}" for v in color.cmyk) + " k"


def _process_colour(color: Color | None) -> bool:
    """True unless a spot colour (those go through reportlab, which declares their colour space)."""
    return color is None or not color.spot


class PrintBackend(PdfBackend):
    """The PDF backend placing each shared outline with a matrix and overprinting cut paths.

    A glyph or mark outline is turned into PDF operators once per process and placed with `cm`
    (the PDF counterpart of the SVG writer's <use>): the page is written without re-formatting
    thousands of coordinates. Consecutive process-colour symbols go to reportlab as one literal in
    its own q/Q, so reportlab's own colour state holds; a spot-colour symbol goes through reportlab,
    which declares its Separation. A cut path overprints, so a plotter line never knocks out the ink below.
    """

    def begin_group(self, group: Group, fill: Color | None) -> None:
        if group.role == "cut":
            c = self.canvas
            c.saveState()
            c.setStrokeOverprint(True)
            c.setFillOverprint(True)
            c.setOverprintMask(True)

    def end_group(self, group: Group, fill: Color | None) -> None:
        if group.role == "cut":
            self.canvas.restoreState()

    def place(self, run: Run) -> None:
        for process, same in groupby(run, key=lambda p: _process_colour(p.fill)):
            if process:
                self.canvas.addLiteral(self._process_run(same))
            else:
                super().place(tuple(same))

    def _process_run(self, run: Iterable[Placed]) -> str:
        """Operators placing consecutive process-colour symbols, the colour set when it changes."""
        ops = ["q"]
        current: Color | None = None
        for placed in run:
            fill, node = placed.fill, placed.use
            if fill is None:
                continue
            if fill is not current:
                ops.append(_fill_operator(fill))
                current = fill
            x, y = self.pt(node.x, node.y)
            s = node.scale * mm
            code = outline(node.symbol).ops
            ops.append(f"q {s:.6f} 0 0 {-s:.6f} {x:.4f} {y:.4f} cm {code} Q")
        ops.append("Q")
        return "\n".join(ops)


def _crop_marks(c: Canvas, g: PageGeometry) -> None:
    """Eight 0.25 pt registration lines on the trim lines, starting MARK_GAP_MM beyond the bleed."""
    x0, y0, x1, y1 = g.trim
    start, end = g.bleed + MARK_GAP_MM, g.bleed + MARK_GAP_MM + MARK_LENGTH_MM
    c.saveState()
    c.setStrokeColor(REGISTRATION)
    c.setLineWidth(MARK_WIDTH_PT)
    c.setLineCap(0)
    for x, sx in ((x0, -1), (x1, 1)):
        for y, sy in ((y0, -1), (y1, 1)):
            c.line((x + sx * start) * mm, y * mm, (x + sx * end) * mm, y * mm)
            c.line(x * mm, (y + sy * start) * mm, x * mm, (y + sy * end) * mm)
    c.restoreState()


def draw(scene: Scene, *, marks: bool) -> bytes:
    """The page drawn by reportlab (boxes and metadata are finished by `finish`)."""
    g = page_geometry(scene, marks)
    _, _, pw, ph = g.media
    buf = io.BytesIO()
    c = binary_canvas(buf, pagesize=(pw * mm, ph * mm), invariant=1, initialFontName=no_text_font())
    backend = PrintBackend(c, scene, color=print_color, offset=g.margin - scene.bleed)
    bx0, by0, bx1, by1 = g.bleed_box
    c.saveState()
    clip = c.beginPath()
    clip.rect(bx0 * mm, by0 * mm, (bx1 - bx0) * mm, (by1 - by0) * mm)
    c.clipPath(clip, stroke=0, fill=0)  # nothing beyond the bleed, whatever the layout drew
    backend.draw()
    c.restoreState()
    if marks:
        _crop_marks(c, g)
    c.showPage()
    c.save()
    return buf.getvalue()


def _box(values: tuple[float, float, float, float]) -> Array:
    """A box in points, rounded to 0.0001 pt (3.5e-5 mm): exact to far better than 0.01 mm."""
    return Array([Decimal(f"{v * mm:.4f}") for v in values])


def _drop_font_resources(resources: pikepdf.Object) -> None:
    """Remove the (empty) font dictionary and the text procset reportlab declares on every content stream."""
    if "/Font" in resources:
        if len(resources.Font.keys()) > 0:
            raise RuntimeError("reportlab wrote a font resource: a print PDF must hold no live text")
        del resources["/Font"]
    resources.ProcSet = Array([Name.PDF])


def finish(drawn: bytes, scene: Scene, g: PageGeometry, flavour: Flavour, out: IO[bytes], *,
           live_text: bool = False, extend: Callable[[pikepdf.Pdf], None] | None = None) -> None:
    """Add boxes and drop reportlab's unused resources; then the shared finishing (intent, XMP, Info, /ID).

    `live_text` keeps the page's embedded fonts (a document such as the spec sheet, not a sign);
    `extend` adds to the page what reportlab could not draw (placed pages, colour spaces) first.
    """
    with pikepdf.open(io.BytesIO(drawn)) as pdf:
        page = pdf.pages[0].obj
        page.MediaBox = _box(g.media)
        page.BleedBox = _box(g.bleed_box)
        page.TrimBox = _box(g.trim)
        for key in ("/Trans", "/CropBox", "/ArtBox"):
            if key in page:
                del page[key]
        if extend is not None:
            extend(pdf)
        if live_text:
            page.Resources.ProcSet = Array([Name.PDF, Name.Text])
        else:
            _drop_font_resources(page.Resources)
        for xobject in page.Resources.get("/XObject", Dictionary()).values():
            if "/Resources" in xobject:
                _drop_font_resources(xobject.Resources)
        year = scene.meta.get("year", "")
        # the award's date (data/editions.toml) when the layout did not give one
        day = scene.meta.get("date") or (edition_for(int(year)).award_date.isoformat() if year.isdigit()
                                         else "2000-01-01")
        finish_document(pdf, flavour.finish, DocumentText(scene.title, scene.desc, lang="fr"), stamp(day))
        # Every stream is already deflated (page by reportlab, profile once per process) except the
        # XMP packet, left readable as is usual; asking qpdf to compress would make it inspect each
        # stream again, which took most of the save's time.
        save(pdf, out, flavour.finish, object_streams=False, compress=False)


def write(scene: Scene, out: IO[bytes], *, profile: str = "pdfx-4", marks: bool = True, **_: Any) -> None:
    """Write `scene` as a one-page PDF/X at 1:1, trim + bleed (+ crop marks unless `marks=False`)."""
    flavour = FLAVOURS.get(profile)
    if flavour is None:
        raise InputError(f"profil PDF/X inconnu : « {profile} » (connus : {', '.join(FLAVOURS)})")
    if scene.px_size is not None:
        raise InputError("PDF/X : ce visuel est un badge web (en pixels) ; le PDF/X est réservé aux "
                         "panneaux, plaques et affiches")
    finish(draw(scene, marks=marks), scene, page_geometry(scene, marks), flavour, out)
