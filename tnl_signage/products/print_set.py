"""A laureate's print files for one format: PDF/X for the printer, SVG for the sign maker, PNG proof for
the collectivité's approval (« BAT »), and the A4 spec sheet listing them with their SHA-256.

`print_piece` gives one `PrintDrawing` (the CLI's panel/plaque/poster, the public API); `write_print_set`
writes the four files of a kit, and a road panel's « notice de pose ». Every file comes from the same scene.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..atomic import write_atomic
from ..domain.formats import PrintFormat, load_formats
from ..domain.model import Laureate
from ..domain.theme import Theme, load_theme
from ..layout.badges import LayoutResult
from ..layout.certificate import verification_url
from ..layout.notice import notice_scene
from ..layout.print_layout import cut_radius, print_scene
from ..writers import render
from ..writers.paint import without_cut
from ..writers.proof import write as write_proof
from ..writers.spec_sheet import SheetFile, write_spec_sheet
from .badges import badge_content
from .options import flag, one_of, pixels
from .result import Drawing, Files, scene_rendition, stream_bytes

FAMILY_WORDS = {"panel": "panneau", "plaque": "plaque", "poster": "affiche"}
DEFAULT_FORMATS = {"panel": "800x400", "plaque": "300x200", "poster": "A2"}
PROFILES = {"4": "pdfx-4", "1a": "pdfx-1a", "pdfx-4": "pdfx-4", "pdfx-1a": "pdfx-1a"}
QR_FAMILIES = ("plaque", "poster")  # read up close: a QR code to the verification page (not on road panels)


def qr_address(laureate: Laureate, fmt: PrintFormat, *, qr: bool = True, base_url: str | None = None) -> str | None:
    """The verification page a plaque or poster points to (None for road panels, or when `qr` is False)."""
    return verification_url(laureate, base_url) if qr and fmt.family in QR_FAMILIES else None


def resolve_format(fmt: PrintFormat | str, family: str | None = None) -> PrintFormat:
    """A PrintFormat from a name (« A2 », « 800x400 ») or a custom size (then `family` is required)."""
    if isinstance(fmt, PrintFormat):
        return fmt
    book = load_formats()
    if family is None:
        for known in book.formats:
            if known.name.lower() == fmt.strip().lower():
                return known
        family = "panel"
    return book.get(fmt, family)


class PrintDrawing(Drawing):
    """A panel, plaque or poster: `pdf` is the PDF/X for the printer (crop marks unless `marks=False`), `svg`
    the cut file in mm (its « cut-contour » layer always there), `png` the proof for approval (`show_safe=True`
    draws the safe margin, `size=` its longest side); `spec_sheet()` is the printer's A4 sheet."""

    def __init__(self, laureate: Laureate, fmt: PrintFormat, printed: LayoutResult, with_cut: LayoutResult,
                 pdfx: str, cut_contour: bool) -> None:
        self.laureate, self.format, self.pdfx, self.cut_contour = laureate, fmt, pdfx, cut_contour
        self.with_cut = with_cut.scene

        def proof(**options: Any) -> bytes:
            return stream_bytes(lambda out: write_proof(printed.scene, out, **options))

        super().__init__(printed.scene, printed.notes, {
            "pdf": scene_rendition(printed.scene, "pdf"),
            "svg": scene_rendition(with_cut.scene, "svg"),
            "png": proof,
        }, {"pdf": {"marks": flag}, "svg": {}, "png": {"show_safe": flag, "size": pixels}})

    @property
    def stem(self) -> str:
        """« panneau-800x400-2025-saint-martin-d-heres »: says what and for whom, without its folder."""
        return f"{FAMILY_WORDS.get(self.format.family, self.format.family)}-{self.format.slug}-" \
               f"{self.laureate.year}-{self.laureate.slug}"

    def spec_sheet(self, files: Sequence[tuple[str, bytes]], *, print_pdf: bytes | None = None,
                   marks: bool = True, cut_contour_in: str | None = None) -> bytes:
        """The A4 spec sheet listing `files` (name, bytes) with their SHA-256; the thumbnail is `print_pdf`
        (the printer's PDF, drawn without marks when not given)."""
        f = self.format
        return stream_bytes(lambda out: write_spec_sheet(
            out, scene=self.scene, fmt=f, family=load_formats().family(f.family),
            print_pdf=print_pdf if print_pdf is not None else self.to_bytes("pdf", marks=False),
            profile=PROFILES[self.pdfx], marks=marks, cut_contour_in=cut_contour_in,
            cut_radius=cut_radius(f.family, f), files=[SheetFile(name, data) for name, data in files]))


def print_piece(laureate: Laureate, *, family: str, format: PrintFormat | str | None = None,
                theme: Theme | str = "light", bleed: float | None = None, cut_contour: bool = False,
                pdfx: str = "4", name_shown: bool = True, qr: bool = True,
                base_url: str | None = None) -> PrintDrawing:
    """A panel, plaque or poster of a laureate (`format`: « 800x400 », « A2 », or any « 900x450 » in mm).

    The PDF carries the cut path only when `cut_contour` (a printer who does not cut must not see it).
    Plaques and posters carry a QR code to the laureate's verification page under `base_url` (the
    certificate's default if None), its address under it, unless `qr` is False. `name_shown=False` leaves
    the name out (a road panel may: the entry sign names the place).
    """
    one_of("pdfx", pdfx, tuple(PROFILES))
    chosen = load_theme(theme) if isinstance(theme, str) else theme
    book = load_formats()
    f = format if isinstance(format, PrintFormat) else book.get(format or DEFAULT_FORMATS[family], family)
    with_cut = print_scene(f.family, badge_content(laureate, chosen, name_shown=name_shown), f, chosen,
                           bleed=bleed, cut_contour=True, profile=PROFILES[pdfx],
                           qr_url=qr_address(laureate, f, qr=qr, base_url=base_url))
    printed = with_cut if cut_contour else dataclasses.replace(with_cut, scene=without_cut(with_cut.scene))
    return PrintDrawing(laureate, f, printed, with_cut, pdfx, cut_contour)


def write_print_set(
    laureate: Laureate,
    fmt: PrintFormat | str,
    out_dir: str | os.PathLike[str],
    theme: Theme | str = "light",
    *,
    bleed: float | None = None,
    cut_contour: bool = False,
    pdfx: str = "4",
    marks: bool = True,
    show_safe: bool = False,
    qr: bool = True,
    base_url: str | None = None,
) -> Files:
    """Write the four files of one format: PDF/X, cut SVG, PNG proof and the spec sheet listing them; a road
    panel also gets its « notice de pose » (where and how a label panel may stand by a road)."""
    f = resolve_format(fmt)
    drawn = print_piece(laureate, family=f.family, format=f, theme=theme, bleed=bleed, cut_contour=cut_contour,
                        pdfx=pdfx, qr=qr, base_url=base_url)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    made = [
        (f"{drawn.stem}.pdf", drawn.to_bytes("pdf", marks=marks)),
        (f"{drawn.stem}-decoupe.svg", drawn.to_bytes("svg")),
        (f"{drawn.stem}-bat.png", drawn.to_bytes("png", show_safe=show_safe)),
    ]
    cut_where = "PDF et SVG (calque « cut-contour »)" if cut_contour else "SVG seulement (calque « cut-contour »)"
    sheet = drawn.spec_sheet(made, print_pdf=made[0][1], marks=marks, cut_contour_in=cut_where)
    written = [write_atomic(out / name, data) for name, data in (*made, (f"{drawn.stem}-fiche-technique.pdf", sheet))]
    if f.family == "panel":
        chosen = load_theme(theme) if isinstance(theme, str) else theme
        written.append(write_atomic(out / f"{drawn.stem}-notice-de-pose.pdf", notice_pdf(chosen, f)))
    return Files(tuple(written), drawn.notes)


@lru_cache(maxsize=16)
def notice_pdf(theme: Theme, fmt: PrintFormat) -> bytes:
    """The road panel's « notice de pose » (PDF/A): the same for every laureate, made once per process."""
    return render(notice_scene(theme, fmt), "pdf")
