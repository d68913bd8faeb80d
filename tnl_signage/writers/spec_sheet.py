"""One-page A4 spec sheet (« fiche technique ») for the printer or sign maker, in French.

Everything needed to produce the sign without calling anyone: format, bleed, safe margin, holes, colours
(CMYK and RGB swatches), recommended material, output intent, and the files with their SHA-256.
Fonts are the shipped Atkinson Hyperlegible TTFs, embedded (subset); no base-14 font, no clock.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import IO

import pikepdf
from reportlab.lib.colors import CMYKColor
from reportlab.lib.colors import Color as RLColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from .. import __version__
from ..domain.colors import Color
from ..domain.formats import Family, PrintFormat
from ..domain.numbers import decimal_fr as _fr
from ..drawing.scene import Scene
from ..resources import resource_dir
from .paint import inks
from .pdf_draw import binary_canvas, cmyk, rgb
from .pdfx import (
    FLAVOURS,
    MARK_GAP_MM,
    MARK_WIDTH_PT,
    OUTPUT_CONDITION,
    OUTPUT_INFO,
)

REGULAR, BOLD = "TnlSpec-Regular", "TnlSpec-Bold"
MARGIN = 16 * mm
FOOTER_Y = 9 * mm
INK = CMYKColor(0.95, 0.8, 0.35, 0.35)
GREY = CMYKColor(0, 0, 0, 0.6)
RULE = CMYKColor(0, 0, 0, 0.25)
COLOR_NAMES = {
    "background": "fond", "ink": "texte principal", "muted": "texte secondaire",
    "accent": "marques, année", "on_accent": "sur accent", "frame": "cadre",
    "metal_badge": "médaille Badge", "metal_bronze": "médaille Bronze", "metal_argent": "médaille Argent",
    "metal_or": "médaille Or", "on_metal": "symbole sur médaille",
}
PROFILE_NAMES = {"pdfx-4": "PDF/X-4 (ISO 15930-7)", "pdfx-1a": "PDF/X-1a:2001 (ISO 15930-1)"}


@dataclass(frozen=True)
class SheetFile:
    """A file delivered with the sheet: its name and bytes (for size and checksum)."""

    name: str
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@lru_cache(maxsize=1)
def _fonts() -> tuple[str, str]:
    folder = resource_dir("fonts")
    pdfmetrics.registerFont(TTFont(REGULAR, str(folder / "AtkinsonHyperlegible-Regular.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(folder / "AtkinsonHyperlegible-Bold.ttf")))
    return REGULAR, BOLD


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
    return [(", ".join(f"{COLOR_NAMES.get(c.name, c.name)} ({c.name})" for c in group), group[0])
            for group in seen.values()]


class _Sheet:
    """A top-down cursor over an A4 page."""

    def __init__(self, canvas: Canvas) -> None:
        self.c = canvas
        self.y = A4[1] - MARGIN
        self.width = A4[0] - 2 * MARGIN

    def text(self, text: str, *, size: float = 9, bold: bool = False, color: RLColor = INK,
             x: float = MARGIN, width: float | None = None, lead: float = 1.28) -> None:
        font = BOLD if bold else REGULAR
        self.c.setFont(font, size)
        self.c.setFillColor(color)
        for line in simpleSplit(text, font, size, width or self.width - (x - MARGIN)):
            self.y -= size * lead
            self.c.drawString(x, self.y, line)

    def heading(self, text: str) -> None:
        self.y -= 6
        self.text(text, size=11, bold=True)
        self.y -= 3
        self.c.setStrokeColor(RULE)
        self.c.setLineWidth(0.5)
        self.c.line(MARGIN, self.y, MARGIN + self.width, self.y)
        self.y -= 1

    def pair(self, label: str, value: str) -> None:
        top = self.y
        self.text(label, bold=True, width=46 * mm)
        low = self.y
        self.y = top
        self.text(value, x=MARGIN + 48 * mm)
        self.y = min(low, self.y) - 1.5


THUMBNAIL_FORM = "TnlPrintPage"


def _thumbnail(c: Canvas, scene: Scene, x: float, y: float, w: float, h: float) -> float:
    """Where the print page goes, scaled into the box (top-left x, y in points); returns its height in points.

    The page is placed by `_place_print_page` as a form XObject: what the sheet shows is the PDF the
    printer receives, trimmed, not a second drawing of it.
    """
    k = min(w / (scene.width * mm), h / (scene.height * mm))
    tw, th = scene.width * mm * k, scene.height * mm * k
    c.saveState()
    c.translate(x, y - th)
    c.scale(k, k)
    c.addLiteral(f"/{THUMBNAIL_FORM} Do")
    c.restoreState()
    c.setStrokeColor(GREY)
    c.setLineWidth(0.4)
    c.rect(x, y - th, tw, th, stroke=1, fill=0)
    c.setFont(REGULAR, 8)
    c.setFillColor(GREY)
    c.drawCentredString(x + tw / 2, y - th - 10, f"{_fr(scene.width)} mm (format fini)")
    c.saveState()
    c.translate(x + tw + 10, y - th / 2)
    c.rotate(90)
    c.drawCentredString(0, 0, f"{_fr(scene.height)} mm")
    c.restoreState()
    return th + 14


def _place_print_page(sheet_pdf: bytes, print_pdf: bytes) -> bytes:
    """The print PDF's page, cut to its TrimBox, as the sheet's thumbnail form (its drawing is copied as
    it is, still compressed: nothing is drawn or deflated twice)."""
    with pikepdf.open(io.BytesIO(sheet_pdf)) as sheet, pikepdf.open(io.BytesIO(print_pdf)) as printed:
        source = printed.pages[0].obj
        x0, y0, x1, y1 = (float(v) for v in source.get("/TrimBox", source.MediaBox))
        if not isinstance(source.Contents, pikepdf.Stream):
            raise ValueError("le PDF d'impression doit avoir un seul flux de contenu")
        form = sheet.copy_foreign(source.Contents)  # the page's one content stream, as stored
        form.Type = pikepdf.Name.XObject
        form.Subtype = pikepdf.Name.Form
        form.BBox = pikepdf.Array([x0, y0, x1, y1])
        form.Matrix = pikepdf.Array([1, 0, 0, 1, -x0, -y0])  # trim's lower-left corner at the origin
        form.Resources = sheet.copy_foreign(printed.make_indirect(source.Resources))
        resources = sheet.pages[0].obj.Resources
        if "/XObject" not in resources:
            resources.XObject = pikepdf.Dictionary()
        resources.XObject[f"/{THUMBNAIL_FORM}"] = form
        out = io.BytesIO()
        sheet.save(out, deterministic_id=True, compress_streams=False,
                   stream_decode_level=pikepdf.StreamDecodeLevel.none)
        return out.getvalue()


def _holes_text(fmt: PrintFormat) -> str:
    if fmt.holes is None:
        return "aucun"
    h = fmt.holes
    centres = "; ".join(f"({_fr(round(x, 2))} ; {_fr(round(y, 2))})" for x, y in h.centres(fmt.width, fmt.height))
    return (f"{h.count} perçages Ø {_fr(h.diameter)} mm, centres à {_fr(h.inset)} mm des bords — "
            f"positions (x ; y) en mm depuis le coin haut gauche du format fini : {centres}. "
            "Repérés sur l'impression par un cercle fin et une croix.")


@dataclass(frozen=True)
class SheetSpec:
    """What the sheet describes (everything but the page itself)."""

    scene: Scene
    fmt: PrintFormat
    family: Family
    files: tuple[SheetFile, ...]
    profile: str
    marks: bool
    cut_contour_in: str | None
    cut_radius: float


def _format_section(s: _Sheet, d: SheetSpec) -> None:
    fmt, b = d.fmt, d.scene.bleed
    s.heading("Format")
    s.pair("Format fini (coupe)", f"{_fr(fmt.width)} × {_fr(fmt.height)} mm, {d.family.label}, "
           "échelle 1:1 (fichier à imprimer à 100 %)")
    s.pair("Fond perdu", f"{_fr(b)} mm sur chaque bord (zone imprimée {_fr(fmt.width + 2 * b)} × "
           f"{_fr(fmt.height + 2 * b)} mm, BleedBox du PDF) ; le fond couvre tout le fond perdu")
    s.pair("Marge de sécurité", f"{_fr(fmt.safe)} mm depuis le bord fini : tout texte et toute marque "
           "sont à l'intérieur")
    s.pair("Perçages", _holes_text(fmt))
    if d.marks:
        s.pair("Traits de coupe", f"{MARK_WIDTH_PT:g} pt, couleur de repérage C100 M100 J100 N100, "
               f"à {_fr(b + MARK_GAP_MM)} mm du bord fini (hors fond perdu)")
    if d.cut_contour_in:
        s.pair("Contour de découpe", f"{d.cut_contour_in} : ton direct « CutContour » (alternative 100 % "
               "magenta), filet 0,25 pt en surimpression, à ne pas imprimer ; tracé sur le bord fini, "
               + (f"coins arrondis R {_fr(d.cut_radius)} mm" if d.cut_radius > 0 else "coins droits"))


def _pdf_section(s: _Sheet, d: SheetSpec) -> None:
    s.heading("Fichier PDF")
    norm = PROFILE_NAMES.get(d.profile, d.profile)
    if d.profile in FLAVOURS:
        norm += f" — clé GTS_PDFXVersion « {FLAVOURS[d.profile].version} »"
    s.pair("Norme", norm)
    s.pair("Intention de sortie", f"{OUTPUT_CONDITION} — {OUTPUT_INFO}, profil ICC CMJN embarqué")
    s.pair("Contenu", "quadrichromie CMJN uniquement, aplats sans dégradé ni transparence, textes "
           "vectorisés (aucune police), valeurs CMJN exactes du thème (aucune conversion)")


def _colour_section(s: _Sheet, d: SheetSpec) -> None:
    s.heading("Couleurs (nuancier : aplat CMJN à imprimer, puis son équivalent RVB écran)")
    c = s.c
    for label, color in used_colors(d.scene):
        top = s.y
        c.setStrokeColor(RULE)
        c.setLineWidth(0.4)
        c.setFillColor(cmyk(color))
        c.rect(MARGIN, top - 13, 14, 11, stroke=1, fill=1)
        c.setFillColor(rgb(color))
        c.rect(MARGIN + 16, top - 13, 14, 11, stroke=1, fill=1)
        values = " ".join(f"{letter}{_fr(v)}" for letter, v in zip("CMJN", color.cmyk, strict=True))
        s.text(label, bold=True, x=MARGIN + 36, size=8.5, width=92 * mm - 36)
        low, s.y = s.y, top
        s.text(f"CMJN {values}  ·  RVB {color.hex} ({', '.join(str(v) for v in color.rgb)})", size=8.5,
               x=MARGIN + 94 * mm)
        s.y = min(s.y, low, top - 14)


def _files_section(s: _Sheet, d: SheetSpec) -> None:
    s.heading("Fichiers livrés (empreintes SHA-256)")
    for f in d.files:
        s.text(f"{f.name} — {len(f.data):,} octets".replace(",", " "), bold=True, size=8.5, lead=1.25)
        s.text(f.sha256, size=8, color=GREY, lead=1.25)
    s.text("Vérification : sha256sum FICHIER, à comparer à l'empreinte ci-dessus.", size=8, color=GREY)


def _draw(d: SheetSpec, thumb_height: float) -> tuple[bytes, float]:
    """The sheet with a thumbnail at most `thumb_height` points high; returns the PDF and the lowest y."""
    buf = io.BytesIO()
    c = binary_canvas(buf, pagesize=A4, invariant=1, initialFontName=REGULAR, lang="fr")
    c.setTitle(f"Fiche technique d'impression — {d.scene.title}")
    c.setAuthor("tnl-signage")
    c.setCreator(f"tnl-signage {__version__}")
    c.setProducer(f"tnl-signage {__version__} (reportlab)")
    c.setSubject(d.scene.desc)
    s = _Sheet(c)
    s.text("Fiche technique d'impression", size=17, bold=True)
    s.text(f"{d.family.title} {d.fmt.size_label} — {d.scene.title}", size=10, color=GREY)
    s.y -= 6
    s.y -= _thumbnail(c, d.scene, MARGIN, s.y, s.width * 0.7, thumb_height)
    _format_section(s, d)
    _pdf_section(s, d)
    _colour_section(s, d)
    s.heading("Support et pose")
    s.pair("Support recommandé", d.family.material)
    s.pair("Pose", d.family.mounting)
    _files_section(s, d)
    c.setFont(REGULAR, 7.5)
    c.setFillColor(GREY)
    c.drawString(MARGIN, FOOTER_Y, f"Label Territoire Numérique Libre — fiche produite par tnl-signage "
                 f"{__version__} à partir de la même scène que les fichiers d'impression.")
    c.showPage()
    c.save()
    return buf.getvalue(), s.y


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

    `print_pdf` is the printer's PDF, shown trimmed as the thumbnail. One page always: if the text runs
    into the footer, the thumbnail is drawn smaller.
    """
    _fonts()
    spec = SheetSpec(scene, fmt, family, tuple(files), profile, marks, cut_contour_in, cut_radius)
    for height in (60 * mm, 45 * mm, 32 * mm, 20 * mm):
        data, lowest = _draw(spec, height)
        if lowest > FOOTER_Y + 10:
            break
    out.write(_place_print_page(data, print_pdf))
