"""The printer's A4 spec sheet (« fiche technique »): its scene (`layout.spec_sheet`) written as a PDF/X-4.

PDF/X-4 like the files it describes: the same FOGRA39 output intent, so its CMYK swatches are the exact
values sent to the press, and the thumbnail (the print PDF's own page, placed as a form XObject) keeps its
DeviceCMYK and CutContour separation unconverted. Unlike a sign, the sheet's words are selectable:
each line is set as text in the embedded, subset Atkinson Hyperlegible TTFs (no base-14 font), where
SVG and cairo draw the same scene's outlined glyphs. RGB swatches are sRGB (a DefaultRGB ICC space).
No clock: same inputs, same bytes.
"""

from __future__ import annotations

import dataclasses
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
from ..drawing.scene import Group, Scene
from ..layout.spec_sheet import THUMBNAIL, SheetFacts, color_label, spec_sheet_scene
from .paint import Run, inks
from .pdf_draw import PdfBackend, binary_canvas, declare_srgb, place_pages
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
    """The print backend (exact CMYK) setting each line of text as live text in the embedded font.

    The layout gives every line as outlined glyphs plus its words (`TextSpan`); a sheet is read and
    printed on an office printer, so its ~1,900 glyphs are set as text (the archive backend's span,
    visible, stretched to the outlines' ink width) rather than placed one by one: selectable, and
    cheaper than outlines (which needed a form per glyph and 160 KB more). SVG and cairo draw the
    same scene's outlines.
    """

    def __init__(self, canvas: Canvas, scene: Scene, **kw: Any) -> None:
        PdfBackend.__init__(self, canvas, scene, **kw)  # ArchiveBackend's glyph forms are not used

    def place(self, run: Run) -> None:
        """Symbols that are not words (none on the sheet today) are outlines, placed as on a sign."""
        PrintBackend.place(self, run)

    def end_group(self, group: Group, fill: Color | None) -> None:
        PrintBackend.end_group(self, group, fill)
        if group.spans:
            c = self.canvas
            c.saveState()
            if fill is not None:
                c.addLiteral(_fill_operator(fill))
            for span in group.spans:
                self.span(span, mode=0)
            c.restoreState()


_WORDS: dict[int, tuple[Group, Group]] = {}


def _words_only(group: Group) -> Group:
    """`group` with its lines of text reduced to their words: the PDF sets them as text, so the walk need
    not visit ~1,900 glyph placements (a lot of the sheet's cost). Remembered per line (the layout
    hands the same line objects to every sheet)."""
    if group.spans:
        known = _WORDS.get(id(group))
        if known is None or known[0] is not group:
            if len(_WORDS) > 4096:
                _WORDS.clear()
            known = _WORDS[id(group)] = (group, dataclasses.replace(group, children=()))
        return known[1]
    return dataclasses.replace(group, children=tuple(_words_only(c) if isinstance(c, Group) else c
                                                     for c in group.children))


def _draw(sheet: Scene) -> tuple[bytes, SheetBackend]:
    buf = io.BytesIO()
    regular = next(s for n in sheet.walk() if isinstance(n, Group) for s in n.spans)
    canvas = binary_canvas(buf, pagesize=(sheet.width * mm, sheet.height * mm), invariant=1,
                           initialFontName=_font(regular.font_path).name)
    backend = SheetBackend(canvas, dataclasses.replace(sheet, root=_words_only(sheet.root)), color=print_color)
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
        place_pages(pdf, backend.embeds)
        declare_srgb(pdf)

    finish(drawn, sheet, page_geometry(sheet, marks=False), FLAVOURS[SHEET_PROFILE], out,
           live_text=True, extend=extend)
