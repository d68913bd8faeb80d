"""A laureate's print files for one format: PDF/X for the printer, SVG for the sign maker, PNG proof for
the collectivité's approval (« BAT »), and the A4 spec sheet listing them with their SHA-256.

Library entry point for the CLI and the kit builder; every file comes from the same scene.
"""

from __future__ import annotations

import dataclasses
import io
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..atomic import write_atomic
from ..domain.formats import PrintFormat, load_formats
from ..domain.model import Laureate
from ..domain.theme import Theme, load_theme
from ..drawing.scene import Group
from ..layout.badges import BadgeContent, LayoutResult
from ..layout.certificate import verification_url
from ..layout.notice import notice_scene
from ..layout.print_layout import cut_radius, print_scene
from ..writers import render
from ..writers.proof import write as write_proof
from ..writers.spec_sheet import SheetFile, write_spec_sheet
from .badges import badge_content

FAMILY_WORDS = {"panel": "panneau", "plaque": "plaque", "poster": "affiche"}
PROFILES = {"4": "pdfx-4", "1a": "pdfx-1a", "pdfx-4": "pdfx-4", "pdfx-1a": "pdfx-1a"}


@dataclass(frozen=True)
class PrintSet:
    """Files written (PDF, SVG, PNG proof, spec sheet) and the layout's notes (e.g. a name shrunk)."""

    files: tuple[Path, ...]
    notes: tuple[str, ...]


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


QR_FAMILIES = ("plaque", "poster")  # read up close: a QR code to the verification page (not on road panels)


def print_result(content: BadgeContent, fmt: PrintFormat, theme: Theme, *, bleed: float | None = None,
                 cut_contour: bool = False, pdfx: str = "4", qr_url: str | None = None) -> LayoutResult:
    """The scene of a panel, plaque or poster (family from the format); `qr_url` adds a QR code."""
    return print_scene(fmt.family, content, fmt, theme, bleed=bleed, cut_contour=cut_contour,
                       profile=PROFILES[pdfx], qr_url=qr_url)


def qr_address(laureate: Laureate, fmt: PrintFormat, *, qr: bool = True, base_url: str | None = None) -> str | None:
    """The verification page a plaque or poster points to (None for road panels, or when `qr` is False)."""
    return verification_url(laureate, base_url) if qr and fmt.family in QR_FAMILIES else None


def _without_cut(result: LayoutResult) -> LayoutResult:
    """The same layout without its plotter path (one layout serves the PDF and the cut SVG)."""
    root = result.scene.root
    kept = tuple(node for node in root.children if not (isinstance(node, Group) and node.role == "cut"))
    scene = dataclasses.replace(result.scene, root=dataclasses.replace(root, children=kept))
    return dataclasses.replace(result, scene=scene)


def file_stem(laureate: Laureate, fmt: PrintFormat) -> str:
    """« panneau-800x400-2025-saint-martin-d-heres »: says what and for whom, without its folder."""
    return f"{FAMILY_WORDS.get(fmt.family, fmt.family)}-{fmt.slug}-{laureate.year}-{laureate.slug}"


def build_print_set(
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
) -> PrintSet:
    """Write the files of one format; the SVG always carries the cut path on its own layer
    (« cut-contour »), the PDF only when `cut_contour` (a printer who does not cut must not see it).

    Plaques and posters carry a QR code to the laureate's verification page under `base_url` (the
    certificate's default if None) unless `qr` is False; road panels get a « notice de pose » beside
    the spec sheet (where and how a label panel may stand by the road)."""
    chosen = load_theme(theme) if isinstance(theme, str) else theme
    f = resolve_format(fmt)
    content = badge_content(laureate, chosen)
    with_cut = print_result(content, f, chosen, bleed=bleed, cut_contour=True, pdfx=pdfx,
                            qr_url=qr_address(laureate, f, qr=qr, base_url=base_url))
    printed = with_cut if cut_contour else _without_cut(with_cut)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    stem = file_stem(laureate, f)
    pdf = render(printed.scene, "pdf", marks=marks)
    svg = render(with_cut.scene, "svg")
    png = io.BytesIO()
    write_proof(printed.scene, png, show_safe=show_safe)
    written = [
        write_atomic(out / f"{stem}.pdf", pdf),
        write_atomic(out / f"{stem}-decoupe.svg", svg),
        write_atomic(out / f"{stem}-bat.png", png.getvalue()),
    ]
    sheet = io.BytesIO()
    family = load_formats().family(f.family)
    cut_where = "PDF et SVG (calque « cut-contour »)" if cut_contour else "SVG seulement (calque « cut-contour »)"
    write_spec_sheet(
        sheet, scene=printed.scene, fmt=f, family=family, print_pdf=pdf, profile=PROFILES[pdfx], marks=marks,
        cut_contour_in=cut_where, cut_radius=cut_radius(f.family, f),
        files=[SheetFile(p.name, data) for p, data in zip(written, (pdf, svg, png.getvalue()), strict=True)],
    )
    written.append(write_atomic(out / f"{stem}-fiche-technique.pdf", sheet.getvalue()))
    if f.family == "panel":
        written.append(write_atomic(out / f"{stem}-notice-de-pose.pdf", notice_pdf(chosen, f)))
    return PrintSet(tuple(written), printed.notes)


@lru_cache(maxsize=16)
def notice_pdf(theme: Theme, fmt: PrintFormat) -> bytes:
    """The road panel's « notice de pose » (PDF/A): the same for every laureate, made once per process."""
    return render(notice_scene(theme, fmt), "pdf")


def write_print_set(
    laureate: Laureate,
    fmt: PrintFormat | str,
    out_dir: str | os.PathLike[str],
    theme: Theme | str = "light",
    **options: object,
) -> list[Path]:
    """The kit builder's entry point: write a laureate's print files for `fmt`; returns their paths."""
    return list(build_print_set(laureate, fmt, out_dir, theme, **options).files)  # type: ignore[arg-type]
